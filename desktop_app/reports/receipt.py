"""Tanda terima: the receipt an applicant takes home — application number, what was received,
what is still missing."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import pathlib

from desktop_app.domain.recruitment import DOCUMENT_LABELS, Document, required_documents
from desktop_app.reports.writers import write_pdf_html
from desktop_app.store.application_service import Application

BODY_NAMES = {
    "PPK": "Panitia Pemilihan Kecamatan (PPK)",
    "PPS": "Panitia Pemungutan Suara (PPS)",
    "KPPS": "Kelompok Penyelenggara Pemungutan Suara (KPPS)",
    "PANTARLIH": "Petugas Pemutakhiran Data Pemilih (Pantarlih)",
}


def masked_nik(nik: str) -> str:
    """A receipt can be lost or photographed: show enough to recognise, not to reuse."""
    return nik[:6] + "******" + nik[-4:] if len(nik) == 16 else "—"


def receipt_html(app: Application, *, area_name: str, officer: str) -> str:
    needed = required_documents(app.applicant.ex_party_member)
    received = [d for d in Document if d in needed and d in app.applicant.documents]
    missing = [d for d in Document if d in needed and d not in app.applicant.documents]
    submitted = (app.submitted_at or "")[:10]
    with contextlib.suppress(ValueError):
        submitted = dt.date.fromisoformat(submitted).strftime("%d-%m-%Y")

    def items(docs: list[Document], mark: str) -> str:
        if not docs:
            return "<li>—</li>"
        return "".join(
            f"<li>{mark} {html.escape(DOCUMENT_LABELS[d])}"
            + (" (berkas terlampir)" if str(d) in app.attachments else "")
            + "</li>"
            for d in docs
        )

    return (
        "<html><head><style>body{font-family:sans-serif;font-size:10pt} h1{font-size:14pt}"
        "td{padding:2px 8px}</style></head><body>"
        "<h1>TANDA TERIMA PENDAFTARAN</h1>"
        f"<p>{html.escape(BODY_NAMES[app.body.name])}</p>"
        "<table>"
        f"<tr><td>Nomor pendaftaran</td><td><b>{html.escape(app.application_no or '-')}</b>"
        "</td></tr>"
        f"<tr><td>Nama</td><td>{html.escape(app.applicant.nama)}</td></tr>"
        f"<tr><td>NIK</td><td>{masked_nik(app.applicant.nik)}</td></tr>"
        f"<tr><td>Wilayah kerja</td><td>{html.escape(area_name)} "
        f"({html.escape(app.area_code)})</td></tr>"
        f"<tr><td>Tanggal diterima</td><td>{html.escape(submitted)}</td></tr>"
        f"<tr><td>Diterima oleh</td><td>{html.escape(officer)}</td></tr>"
        "</table>"
        f"<h2>Dokumen diterima</h2><ul>{items(received, '✓')}</ul>"
        f"<h2>Dokumen belum lengkap</h2><ul>{items(missing, '✗')}</ul>"
        + (
            "<p><b>Lengkapi dokumen yang belum ada sebelum penelitian administrasi; tanpa dokumen "
            "itu pendaftaran tidak lolos.</b></p>"
            if missing
            else "<p>Dokumen lengkap.</p>"
        )
        + "<p>Simpan tanda terima ini. Hasil tiap tahapan diumumkan oleh KPU.</p>"
        "</body></html>"
    )


def write_receipt(
    app: Application, path: pathlib.Path, *, area_name: str, officer: str, overwrite: bool = False
) -> pathlib.Path:
    if app.state != "submitted":
        from desktop_app.reports.safe_write import ExportError

        raise ExportError("A receipt is printed for a submitted application, not a draft.")
    return write_pdf_html(
        receipt_html(app, area_name=area_name, officer=officer), path, overwrite=overwrite
    )
