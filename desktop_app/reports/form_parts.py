"""The parts every printed KPU form shares, as HTML for Qt's text engine: the letterhead (Komisi
Pemilihan Umum, the kabupaten/kota, the body that issues the form), the identity block, the place
and date line and the signature blocks. Text is Bahasa Indonesia: these are KPU documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Mapping, Sequence

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
BLANK_NAME = "." * 40  # a name to be written by hand


def tanggal(date: dt.date) -> str:
    """'14 Mei 2026', as a KPU letter dates itself."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _code(area: str, depth: int) -> str | None:
    parts = area.split(".")
    return ".".join(parts[:depth]) if len(parts) >= depth else None


def desa_kind(desa_code: str) -> str:
    """'Kelurahan' or 'Desa': the 7th digit of the desa code (1 kelurahan, 2 desa)."""
    digits = desa_code.replace(".", "")
    return "Kelurahan" if len(digits) == 10 and digits[6] == "1" else "Desa"


@dataclasses.dataclass(frozen=True)
class AreaNames:
    """The regions a form is about, named as the store knows them (code when it has no name)."""

    area: str | None
    names: Mapping[str, str]

    def name(self, depth: int) -> str | None:
        code = _code(self.area, depth) if self.area else None
        return self.names.get(code, code) if code else None

    @property
    def kabupaten(self) -> str | None:
        return self.name(2)

    @property
    def kecamatan(self) -> str | None:
        return self.name(3)

    @property
    def desa(self) -> str | None:
        name = self.name(4)
        return f"{desa_kind(_code(self.area, 4) or '')} {name}" if name else None

    @property
    def place(self) -> str:
        """Where the form is signed: the desa, else the kecamatan, else the kabupaten."""
        bare = self.name(4) or self.kecamatan or self.kabupaten
        return bare or BLANK_NAME[:20]


def kabupaten_line(kabupaten: str | None) -> str:
    """'KABUPATEN KAMPAR' (the store names it 'Kabupaten Kampar'; a bare name gets the word)."""
    if not kabupaten:
        return ""
    text = kabupaten.upper()
    return text if text.startswith(("KABUPATEN", "KOTA", "KAB.")) else f"KABUPATEN/KOTA {text}"


def letterhead_html(kabupaten: str | None, body: str = "") -> str:
    """KOMISI PEMILIHAN UMUM / KABUPATEN … / the body, under a double rule, as KPU's forms."""
    lines = ["<p align='center' style='margin:0;font-size:13pt'><b>KOMISI PEMILIHAN UMUM</b></p>"]
    kab = kabupaten_line(kabupaten)
    if kab:
        lines.append(
            f"<p align='center' style='margin:0;font-size:13pt'><b>{html.escape(kab)}</b></p>"
        )
    if body:
        lines.append(
            f"<p align='center' style='margin:0;font-size:11pt'><b>{html.escape(body)}</b></p>"
        )
    # Two rules: the kop surat's double line.
    rule = "<table width='100%' cellspacing='0' cellpadding='0' style='border:none'>"
    rule += "<tr><td style='border:none;background:#000;font-size:2pt'>&nbsp;</td></tr>"
    rule += "<tr><td style='border:none;font-size:1pt'>&nbsp;</td></tr>"
    rule += "<tr><td style='border:none;background:#000;font-size:1pt'>&nbsp;</td></tr></table>"
    return "".join(lines) + rule


def title_html(title: str, subtitle: str = "") -> str:
    sub = f"<p align='center' style='margin-top:0'>{html.escape(subtitle)}</p>" if subtitle else ""
    return (
        f"<p align='center' style='margin-top:10px;margin-bottom:0;font-size:12pt'>"
        f"<b>{html.escape(title)}</b></p>{sub}"
    )


def identity_html(rows: Sequence[tuple[str, str]]) -> str:
    """'Nomor pendaftaran : …' lines, label and value aligned, no borders."""
    plain = "style='border:none;padding:1px 6px 1px 0'"
    return (
        "<table cellspacing='0' cellpadding='1' style='border:none'>"
        + "".join(
            f"<tr><td {plain}>{html.escape(label)}</td><td {plain}>:</td>"
            f"<td {plain}>{value}</td></tr>"
            for label, value in rows
        )
        + "</table>"
    )


@dataclasses.dataclass(frozen=True)
class Signer:
    role: str  # "Petugas penerima", "Pantarlih TPS 001"
    name: str = ""  # printed under the space; dots when it is written by hand
    above: str = ""  # "Mengetahui," over the role


def _signer_cell(signer: Signer | None, first_line: str) -> str:
    if signer is None:
        return "<td width='50%' style='border:none'></td>"
    name = html.escape(signer.name) if signer.name else BLANK_NAME
    above = html.escape(signer.above) if signer.above else "&nbsp;"
    return (
        "<td width='50%' align='center' style='border:none'>"
        f"{first_line}<br>{above}<br>{html.escape(signer.role)},"
        "<br><br><br><br><br>"
        f"( {name} )</td>"
    )


def signatures_html(place: str, date: dt.date, left: Signer | None, right: Signer | None) -> str:
    """Two signature blocks side by side; the place and date sit over the right one, as KPU
    letters have them."""
    dated = html.escape(f"{place}, {tanggal(date)}")
    return (
        "<table width='100%' cellspacing='0' cellpadding='0' style='border:none;"
        "margin-top:14px'><tr>"
        + _signer_cell(left, "&nbsp;")
        + _signer_cell(right, dated)
        + "</tr></table>"
    )
