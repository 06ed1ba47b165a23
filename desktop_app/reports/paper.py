"""The paper a form is printed on and the margins it keeps. Indonesian offices print on F4
(Folio, 215 × 330 mm) as often as on A4, so the officer chooses; A4 is the default."""

from __future__ import annotations

import dataclasses
import enum


class PaperSize(enum.StrEnum):
    A4 = "A4"
    F4 = "F4"

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height in millimetres, portrait."""
        return (210.0, 297.0) if self is PaperSize.A4 else (215.0, 330.0)

    @property
    def caption(self) -> str:
        return "A4" if self is PaperSize.A4 else "F4 (Folio)"

    @property
    def dimensions(self) -> str:
        width, height = self.size_mm
        return f"{width:g} × {height:g} mm"

    @classmethod
    def of(cls, value: object) -> PaperSize:
        """The stored choice, or A4 for anything the desk does not know (an old settings file)."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.A4


@dataclasses.dataclass(frozen=True)
class Margins:
    left: float
    top: float
    right: float
    bottom: float


# Office practice for letters and forms: at least 15 mm all round so nothing is lost to a
# printer's unprintable edge (16 here: a ruled line's own width and a printer's creep stay
# outside those 15), and a wider binding edge for the PPS's ordner.
MARGINS_MM = Margins(left=20.0, top=16.0, right=16.0, bottom=16.0)
# Inside the margins: the form's code on top of every page, the page number at the foot.
HEADER_MM = 7.0
FOOTER_MM = 8.0
