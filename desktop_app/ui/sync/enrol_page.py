"""The wizard's second step for "Daftar dengan kode dari KPU": the vault exists and is open;
now the laptop enrols with the code and downloads its area.

Nothing here can lose the vault: with a bad code or no signal the officer may try again, or
go on to the desk and enrol later from there ("Daftarkan perangkat…"). A download cut short
continues from where it stopped at the next sync."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget, Signal
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.enrolment import EnrolFields, Enroller, device_label
from desktop_app.ui.sync.wording import enrol_error_text, error_text, report_text
from desktop_app.ui.vault_ops import Opened

if TYPE_CHECKING:
    from desktop_app.sync.enrollment import EnrollmentResult


class EnrolPage(QWidget):
    done = Signal(object)  # Opened: show the desk

    def __init__(self, ctx: DeskContext, config: SyncConfig, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("enrolPage")
        # The wizard's stacked pages are as wide as their widest: without this the wrapped
        # texts squeeze the form.
        self.setMinimumSize(580, 360)
        self._ctx = ctx
        self._opened: Opened | None = None
        self._registered_area: str | None = None
        self.enroller = Enroller(ctx, config, self)
        self.intro = QLabel()
        self.intro.setObjectName("enrolIntro")
        self.intro.setWordWrap(True)
        self.fields = EnrolFields(config, self)
        self.enrol_button = QPushButton(self.tr("&Daftarkan"))
        self.enrol_button.setObjectName("enrol")
        self.enrol_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setObjectName("cancelEnrol")
        self.cancel_button.setVisible(False)
        self.later_button = QPushButton(self.tr("Lewati, daftarkan &nanti"))
        self.later_button.setObjectName("enrolLater")
        self.later_button.setToolTip(
            self.tr(
                "Buka meja kerja tanpa mendaftar. Pendaftaran dapat dilanjutkan kapan saja "
                "dari menu Daftarkan perangkat…"
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.later_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fields)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.enrol_button.clicked.connect(self.enrol)
        self.fields.code.returnPressed.connect(self.enrol)
        self.cancel_button.clicked.connect(self.enroller.cancel)
        self.later_button.clicked.connect(self._finish)
        self.enroller.registered.connect(self._registered)
        self.enroller.register_failed.connect(self._register_failed)
        self.enroller.progress.connect(self.fields.show_progress)
        self.enroller.downloaded.connect(self._downloaded)
        self.enroller.download_failed.connect(self._download_failed)

    def start(self, opened: Opened) -> None:
        """The vault was just created and is open on the worker."""
        self._opened = opened
        self.intro.setText(
            self.tr(
                "Data terenkripsi untuk %1 sudah dibuat di laptop ini. Sekarang daftarkan "
                "laptop ini ke server KPU dengan kode yang Anda terima."
            ).replace("%1", opened.officer)
        )
        self.fields.code.setFocus()

    # -- register -------------------------------------------------------------------------------
    def enrol(self) -> None:
        if self.enroller.busy or self._opened is None:
            return
        if self._registered_area is not None:
            self._download()  # enrolled already; only the download is missing
            return
        values = self.fields.checked_values()
        if values is None:
            return
        server, code = values
        self._busy(True)
        self.cancel_button.setVisible(True)
        self.fields.start_progress(self.tr("Menghubungi server KPU…"))
        self.enroller.register(server, code, device_label(self._opened.officer))

    def _registered(self, area_name: str) -> None:
        self._registered_area = area_name
        self.intro.setText(
            self.tr(
                "Laptop ini terdaftar untuk wilayah %1. Daftar pemilih wilayah itu sedang "
                "diunduh; biarkan aplikasi terbuka sampai selesai."
            ).replace("%1", area_name)
        )
        self.fields.set_editable(False)
        self.later_button.setVisible(False)
        self.cancel_button.setVisible(True)
        self.fields.start_progress(
            self.tr("Terdaftar untuk wilayah %1. Mengunduh data pemilih…").replace("%1", area_name)
        )

    def _register_failed(self, exc: Exception) -> None:
        self.cancel_button.setVisible(False)
        self._busy(False)
        self.fields.stop_progress()
        self.fields.show_status("")
        self.fields.show_error(enrol_error_text(exc))
        self.enrol_button.setText(self.tr("Coba &lagi"))
        self.fields.code.setFocus()
        self.fields.code.selectAll()

    # -- download -------------------------------------------------------------------------------
    def _download(self) -> None:
        self._busy(True)
        self.cancel_button.setVisible(True)
        self.fields.start_progress(self.tr("Melanjutkan unduhan data pemilih…"))
        self.enroller.download()

    def _downloaded(self, result: EnrollmentResult) -> None:
        self.cancel_button.setVisible(False)
        if result.area_downloaded:
            self._finish()
            return
        self._busy(False)
        self.fields.stop_progress()
        self.fields.show_status("")
        self.fields.show_error(
            report_text(result.first_pull)
            + " "
            + self.tr(
                "Laptop ini sudah terdaftar; data yang belum terunduh akan diambil pada "
                "sinkronisasi berikutnya."
            )
        )
        self._offer_desk()

    def _download_failed(self, exc: Exception) -> None:
        self.cancel_button.setVisible(False)
        self._busy(False)
        self.fields.stop_progress()
        self.fields.show_error(error_text(exc))
        self._offer_desk()

    def _offer_desk(self) -> None:
        self.enrol_button.setText(self.tr("Coba &lagi"))
        self.later_button.setText(self.tr("Buka &meja kerja"))
        self.later_button.setVisible(True)

    def _busy(self, busy: bool) -> None:
        self.enrol_button.setEnabled(not busy)
        self.later_button.setEnabled(not busy)

    def _finish(self) -> None:
        if self._opened is not None and not self.enroller.busy:
            self.enroller.close()
            self.done.emit(self._opened)
