""" "Isi dari NIK": a NIK encodes the date of birth and the sex (day + 40 for women), so a form
can offer to fill them from it. Shared by the recruitment form and the new-voter dialog.

The NIK's year has two digits; only the readings the form finds plausible count (an adult
applicant, a living voter), and the button is offered only when exactly one is left, the NIK
being editable and the date of birth or the sex still empty. It never overwrites what the
officer typed: the KTP-el decides, the NIK only helps."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from desktop_app.ui.date_field import format_date
from desktop_app.ui.qt import QComboBox, QLineEdit, QPushButton, QWidget, Signal
from lapang_core.domain.nik import InvalidNik, birth_date_candidates, parse_nik


@dataclasses.dataclass(frozen=True)
class NikReading:
    dates: tuple[dt.date, ...]  # the plausible birth dates, newest first
    jenis_kelamin: str  # "L" / "P"
    kode_kecamatan: str


def read_nik(
    text: str, reference_date: dt.date, plausible: Callable[[dt.date], bool]
) -> NikReading | None:
    """What a typed NIK says, or None while it is no valid NIK."""
    try:
        info = parse_nik(text.strip())
    except InvalidNik:
        return None
    dates = tuple(d for d in birth_date_candidates(info, reference_date) if plausible(d))
    return NikReading(dates, info.jenis_kelamin, info.kode_kecamatan)


class FillFromNik(QPushButton):
    """The button; ``filled`` names the fields it filled ("tanggal_lahir", "jenis_kelamin")."""

    filled = Signal(list)

    def __init__(
        self,
        date_field: QLineEdit,
        sex_field: QComboBox,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setText(self.tr("Isi dari NIK"))
        self.setObjectName("fillFromNik")
        self.setToolTip(
            self.tr("Isi tanggal lahir dan jenis kelamin dari NIK (periksa dengan KTP-el)")
        )
        self._date_field = date_field
        self._sex_field = sex_field
        self._reading: NikReading | None = None
        self._editable = False
        self.clicked.connect(self.fill)
        # Offered only while there is something to fill: typing the date or choosing the sex
        # by hand takes the offer away.
        date_field.textChanged.connect(lambda _t: self._refresh())
        sex_field.currentIndexChanged.connect(lambda _i: self._refresh())
        self.setVisible(False)

    def _empty(self) -> bool:
        return not self._date_field.text().strip() or not self._sex_field.currentData()

    def offer(self, reading: NikReading | None, editable: bool) -> None:
        """Show the button when ``reading`` gives one date and something is left to fill."""
        self._reading, self._editable = reading, editable
        self._refresh()

    def _refresh(self) -> None:
        reading = self._reading
        one = reading is not None and len(reading.dates) == 1
        self.setVisible(one and self._editable and self._empty())

    def fill(self) -> None:
        reading = self._reading
        if reading is None or len(reading.dates) != 1:
            return
        filled = []
        if not self._date_field.text().strip():
            self._date_field.setText(format_date(reading.dates[0]))
            filled.append("tanggal_lahir")
        if not self._sex_field.currentData():
            self._sex_field.setCurrentIndex(self._sex_field.findData(reading.jenis_kelamin))
            filled.append("jenis_kelamin")
        if filled:
            self.filled.emit(filled)
