"""Errors of the recruitment form, worded for the officer; the rest goes to the desk's wording."""

from __future__ import annotations

import datetime as dt

from desktop_app.file_sharing import FileInUse
from desktop_app.reports.safe_write import ExportError
from desktop_app.store import errors
from desktop_app.ui.messages import error_text as desk_error_text
from desktop_app.ui.qt import translate
from desktop_app.ui.recruitment import wording
from desktop_app.ui.recruitment.ops import DocumentFileProblem


def error_text(exc: BaseException, election_date: dt.date | None = None) -> str:
    if isinstance(exc, DocumentFileProblem):
        if exc.reason == "type":
            return translate(
                "RecruitmentMessages",
                "%1 bukan foto JPEG/PNG atau pindaian PDF; pilih berkas lain.",
            ).replace("%1", exc.filename)
        if exc.reason == "size":
            return translate(
                "RecruitmentMessages",
                "Berkas %1 MB; batasnya 10 MB. Pindai atau foto ulang dengan resolusi lebih kecil.",
            ).replace("%1", f"{exc.size / 1e6:.1f}")
        if exc.reason == "empty":
            return translate("RecruitmentMessages", "Berkas %1 kosong; pilih berkas lain.").replace(
                "%1", exc.filename
            )
        if exc.reason == "in_use":
            return translate(
                "RecruitmentMessages",
                "Berkas %1 sedang dibuka program lain (mungkin program pemindai). Tutup program "
                "itu atau tunggu sampai selesai, lalu pilih berkas itu lagi.",
            ).replace("%1", exc.filename)
        return translate(
            "RecruitmentMessages", "Berkas %1 tidak dapat dibaca; pilih berkas lain."
        ).replace("%1", exc.filename)
    if isinstance(exc, errors.ValidationFailed):
        found = list(getattr(exc.result, "errors", ()) or ())
        if found:
            return translate("RecruitmentMessages", "Belum dapat dikirim: %1").replace(
                "%1", " ".join(wording.finding_text(f, election_date) for f in found)
            )
        if "submitted" in str(exc):
            return translate(
                "RecruitmentMessages", "Pendaftaran ini sudah dikirim dan tidak dapat diubah lagi."
            )
        if "working area" in str(exc):
            return wording.finding_text_for_code("area.invalid", election_date)
    if isinstance(exc, errors.RecordNotFound):
        return translate(
            "RecruitmentMessages", "Pendaftaran ini tidak ada di laptop ini; buka lagi dari daftar."
        )
    if isinstance(exc, ExportError) and not isinstance(exc, FileInUse):
        return translate("RecruitmentMessages", "Tanda terima tidak dapat disimpan: %1").replace(
            "%1", str(exc)
        )
    return desk_error_text(exc)
