"""Tanda terima: the receipt an applicant takes home — application number (also as a QR code a
KPU office scans to find the application), what was received, what is still missing, signed by
the receiving officer and the applicant. Laid out as KPU's own forms (form_parts, printed_form)."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import pathlib
from collections.abc import Mapping

from desktop_app.reports import form_parts
from desktop_app.reports.paper import PaperSize
from desktop_app.reports.printed_form import PrintedForm, qr_img_tag, write_printed_pdf
from desktop_app.reports.safe_write import ExportError
from desktop_app.store.application_service import Application
from lapang_core.domain.recruitment import DOCUMENT_LABELS, AdhocBody, Document, required_documents

FORM = "Tanda Terima Pendaftaran"
BODY_NAMES = {
    "PPK": "Panitia Pemilihan Kecamatan (PPK)",
    "PPS": "Panitia Pemungutan Suara (PPS)",
    "KPPS": "Kelompok Penyelenggara Pemungutan Suara (KPPS)",
    "PANTARLIH": "Petugas Pemutakhiran Data Pemilih (Pantarlih)",
}
# PPS recruit KPPS and Pantarlih at village level; PPK and PPS are recruited by the KPU
# Kabupaten/Kota itself (kpu-domain.md, recruitment).
RECRUITED_BY_PPS = frozenset({AdhocBody.KPPS, AdhocBody.PANTARLIH})


def masked_nik(nik: str) -> str:
    """A receipt can be lost or photographed: show enough to recognise, not to reuse."""
    return nik[:6] + "******" + nik[-4:] if len(nik) == 16 else "—"


def _issuing_body(app: Application, area: form_parts.AreaNames) -> str:
    if app.body in RECRUITED_BY_PPS and area.desa:
        return f"PANITIA PEMUNGUTAN SUARA {area.desa.upper()}"
    return ""


def _submitted(app: Application) -> dt.date | None:
    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat((app.submitted_at or "")[:10])
    return None


def receipt_html(
    app: Application,
    *,
    area_name: str,
    officer: str,
    region_names: Mapping[str, str] | None = None,
    printed_on: dt.date | None = None,
) -> str:
    area = form_parts.AreaNames(app.area_code, region_names or {})
    needed = required_documents(app.applicant.ex_party_member)
    received = [d for d in Document if d in needed and d in app.applicant.documents]
    missing = [d for d in Document if d in needed and d not in app.applicant.documents]
    submitted = _submitted(app)
    number = app.application_no or "-"

    def items(docs: list[Document], mark: str) -> str:
        if not docs:
            return "<p style='margin-left:16px'>—</p>"
        return "".join(
            f"<p style='margin:1px 0 1px 16px'>{mark}&nbsp;&nbsp;{html.escape(DOCUMENT_LABELS[d])}"
            + (" (berkas terlampir)" if str(d) in app.attachments else "")
            + "</p>"
            for d in docs
        )

    def heading(text: str) -> str:
        return f"<p style='margin-top:10px;margin-bottom:3px;font-size:11pt'><b>{text}</b></p>"

    identity = form_parts.identity_html(
        [
            ("Nomor pendaftaran", f"<b>{html.escape(number)}</b>"),
            ("Nama", html.escape(app.applicant.nama)),
            ("NIK", masked_nik(app.applicant.nik)),
            ("Wilayah kerja", f"{html.escape(area_name)} ({html.escape(app.area_code)})"),
            ("Tanggal diterima", html.escape(form_parts.tanggal(submitted) if submitted else "-")),
            ("Diterima oleh", html.escape(officer)),
        ]
    )
    qr = (
        "<td align='center' width='30%' style='border:none'>"
        + qr_img_tag("nomor", number)
        + "<br><span style='font-size:8pt'>Pindai untuk nomor pendaftaran</span></td>"
        if app.application_no
        else ""
    )
    closing = (
        "<p><b>Lengkapi dokumen yang belum ada sebelum penelitian administrasi; tanpa dokumen "
        "itu pendaftaran tidak lolos.</b></p>"
        if missing
        else "<p>Dokumen lengkap.</p>"
    )
    return (
        "<html><head><style>body{font-family:sans-serif;font-size:10pt}</style></head><body>"
        + form_parts.letterhead_html(area.kabupaten, _issuing_body(app, area))
        + form_parts.title_html(
            "TANDA TERIMA PENDAFTARAN",
            f"Calon anggota {BODY_NAMES[app.body.name]}",
        )
        + "<table width='100%' style='border:none'><tr>"
        f"<td valign='middle' style='border:none'>{identity}</td>{qr}</tr></table>"
        + heading("Dokumen diterima")
        + items(received, "✓")
        + heading("Dokumen belum lengkap")
        + items(missing, "✗")
        + closing
        + "<p>Simpan tanda terima ini. Hasil tiap tahapan diumumkan oleh KPU.</p>"
        + form_parts.signatures_html(
            area.place,
            submitted or printed_on or dt.date.today(),
            form_parts.Signer("Pendaftar", app.applicant.nama),
            form_parts.Signer("Petugas penerima", officer),
        )
        + "</body></html>"
    )


def receipt_form(
    app: Application,
    *,
    area_name: str,
    officer: str,
    region_names: Mapping[str, str] | None = None,
    paper: PaperSize = PaperSize.A4,
    demo: bool = False,
    now: dt.datetime | None = None,
) -> PrintedForm:
    now = now or dt.datetime.now()
    return PrintedForm(
        form=FORM,
        body_html=receipt_html(
            app,
            area_name=area_name,
            officer=officer,
            region_names=region_names,
            printed_on=now.date(),
        ),
        footer=f"Dicetak {now:%d-%m-%Y %H:%M} dengan Lapang",
        paper=paper,
        demo=demo,
        qr_codes={"nomor": app.application_no} if app.application_no else {},
    )


def write_receipt(
    app: Application,
    path: pathlib.Path,
    *,
    area_name: str,
    officer: str,
    region_names: Mapping[str, str] | None = None,
    paper: PaperSize = PaperSize.A4,
    demo: bool = False,
    overwrite: bool = False,
) -> pathlib.Path:
    if app.state != "submitted":
        raise ExportError("A receipt is printed for a submitted application, not a draft.")
    form = receipt_form(
        app,
        area_name=area_name,
        officer=officer,
        region_names=region_names,
        paper=paper,
        demo=demo,
    )
    return write_printed_pdf(form, path, overwrite=overwrite)
