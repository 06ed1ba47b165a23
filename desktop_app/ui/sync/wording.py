"""How the desk words sync for the officer: errors, refusals, progress, outcomes and times.

The engine and the server speak English codes and messages (for KPU IT and the logs); the
officer reads these sentences, in the desk's language. Translation context ``Sync``."""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from desktop_app.sync import errors as sync_errors
from desktop_app.ui import messages
from desktop_app.ui.finding_text import finding_text
from desktop_app.ui.qt import QT_TRANSLATE_NOOP, QDateTime, QLocale, Qt, translate
from lapang_core import protocol as p
from lapang_core.domain.findings import Finding, Severity

if TYPE_CHECKING:
    from desktop_app.sync.run import SyncProgress, SyncRunReport

CTX = "Sync"

# Error codes of the wire protocol, the engine's own ("tls", "gap", "attachment_failed") and the
# client's exception names (a run that lost the link records the exception's name as its code).
_BY_CODE = {
    "SyncCancelled": QT_TRANSLATE_NOOP(
        "Sync",
        "Dibatalkan. Anda dapat mencoba lagi dengan kode yang sama: bila server KPU sudah "
        "mencatat laptop ini, server menjawab sama seperti sebelumnya.",
    ),
    "enroll_code_invalid": QT_TRANSLATE_NOOP(
        "Sync",
        "Kode pendaftaran tidak dikenal. Periksa ketikannya (12 huruf dan angka, misalnya "
        "ABCD-EFGH-JKMN) atau minta kode baru ke KPU Kabupaten/Kota.",
    ),
    "enroll_code_used": QT_TRANSLATE_NOOP(
        "Sync",
        "Kode ini sudah dipakai untuk mendaftarkan perangkat lain; setiap kode hanya berlaku "
        "sekali. Minta kode baru ke KPU Kabupaten/Kota.",
    ),
    "enroll_code_expired": QT_TRANSLATE_NOOP(
        "Sync", "Kode ini sudah kedaluwarsa. Minta kode baru ke KPU Kabupaten/Kota."
    ),
    "enrollment_failed": QT_TRANSLATE_NOOP(
        "Sync", "Server KPU menolak pendaftaran. Minta kode baru ke KPU Kabupaten/Kota."
    ),
    "TransportError": QT_TRANSLATE_NOOP(
        "Sync",
        "Server KPU tidak dapat dihubungi (tidak ada sinyal, atau server sedang mati). Data Anda "
        "tetap tersimpan di laptop; coba lagi saat ada sinyal.",
    ),
    "tls": QT_TRANSLATE_NOOP(
        "Sync",
        "Sertifikat server tidak cocok dengan sertifikat KPU yang terpasang: alamat server "
        "salah, berkas deployment laptop ini sudah lama, atau jaringan ini menyadap koneksi. "
        "Tidak ada data yang dikirim. Periksa alamat server atau hubungi TI KPU (laptop ini "
        "mungkin perlu berkas deployment baru), dan jangan sinkronkan lewat jaringan ini "
        "sampai TI KPU memeriksanya.",
    ),
    "PinnedCertificateMissing": QT_TRANSLATE_NOOP(
        "Sync",
        "Berkas sertifikat server KPU tidak terpasang di aplikasi ini, sehingga server tidak "
        "dapat diperiksa. Hubungi TI KPU untuk memasangnya.",
    ),
    "InsecureServerUrl": QT_TRANSLATE_NOOP(
        "Sync",
        "Alamat server harus diawali https:// (misalnya https://sinkron.kpu.go.id): data "
        "pemilih tidak boleh dikirim tanpa enkripsi.",
    ),
    "NotEnrolled": QT_TRANSLATE_NOOP(
        "Sync",
        "Laptop ini belum terdaftar di server KPU. Pilih \u201cDaftarkan perangkat\u2026\u201d dan "
        "masukkan kode dari KPU.",
    ),
    "device_revoked": QT_TRANSLATE_NOOP(
        "Sync",
        "KPU telah mencabut pendaftaran laptop ini, jadi server menolak kirimannya. Perubahan "
        "Anda tetap tersimpan; minta kode pendaftaran baru ke KPU Kabupaten/Kota.",
    ),
    "unknown_device": QT_TRANSLATE_NOOP(
        "Sync",
        "Server KPU tidak mengenal laptop ini (mungkin servernya diganti). Daftarkan ulang "
        "dengan kode baru dari KPU; perubahan yang belum terkirim akan ikut dikirim.",
    ),
    "clock_skew": QT_TRANSLATE_NOOP(
        "Sync",
        "Jam laptop terlalu jauh berbeda dari jam server KPU. Periksa tanggal dan jam laptop, "
        "lalu coba lagi.",
    ),
    "internal": QT_TRANSLATE_NOOP(
        "Sync",
        "Server KPU sedang bermasalah. Data Anda tetap tersimpan; coba lagi nanti.",
    ),
    "unavailable": QT_TRANSLATE_NOOP(
        "Sync", "Server KPU sedang sibuk atau dalam pemeliharaan. Coba lagi nanti."
    ),
    "attachment_failed": QT_TRANSLATE_NOOP(
        "Sync",
        "Ada berkas bukti yang belum dapat dikirim ke KPU; berkas bukti lainnya tetap terkirim. "
        "Hubungi TI KPU bila pesan ini terus muncul.",
    ),
    "gap": QT_TRANSLATE_NOOP(
        "Sync",
        "KPU menunggu perubahan lama yang tidak ada lagi di laptop ini (dipulihkan dari "
        "cadangan lama?). Hubungi KPU Kabupaten/Kota agar perubahan itu dilepas.",
    ),
    "relay_refused": QT_TRANSLATE_NOOP(
        "Sync",
        "KPU menolak bundel titipan dari laptop lain (rusak atau bukan untuk server ini); "
        "berkasnya disisihkan di folder titipan/ditolak. Minta laptop asalnya membuat bundel "
        "baru.",
    ),
}
_AUTH = QT_TRANSLATE_NOOP("Sync", "Server KPU menolak permintaan laptop ini (%1). Hubungi TI KPU.")
_OTHER = QT_TRANSLATE_NOOP(
    "Sync", "Server KPU menjawab dengan kesalahan (%1). Data Anda tetap tersimpan."
)


def code_of(exc: BaseException) -> str:
    if isinstance(exc, sync_errors.CertificateRejected):
        return "tls"
    if isinstance(exc, p.ProtocolError):
        return exc.code
    return type(exc).__name__


def error_text(exc: BaseException) -> str:
    """One or two sentences for a sync failure; other errors as the desk words them."""
    if isinstance(exc, sync_errors.SyncError | p.ProtocolError | sync_errors.NotEnrolled):
        return code_text(code_of(exc), isinstance(exc, p.AuthError))
    return messages.error_text(exc)


def code_text(code: str | None, auth: bool = False) -> str:
    """The sentence for an error code recorded with a run (``SyncRunReport.error_code``)."""
    code = code or "internal"
    if code in _BY_CODE:
        return translate(CTX, _BY_CODE[code])
    if code in ("ServerError", "ServiceUnavailable"):
        return translate(CTX, _BY_CODE["internal"])
    if auth or code in ("unauthorized", "bad_signature", "replayed"):
        return translate(CTX, _AUTH).replace("%1", code)
    return translate(CTX, _OTHER).replace("%1", code)


# -- refusals ---------------------------------------------------------------------------------
_REFUSALS = {
    "unknown_op": QT_TRANSLATE_NOOP(
        "Sync", "Jenis perubahan ini tidak dikenal server KPU (versi aplikasi berbeda)."
    ),
    "invalid_payload": QT_TRANSLATE_NOOP("Sync", "Isi perubahan tidak lengkap."),
    "invalid_value": QT_TRANSLATE_NOOP("Sync", "Ada nilai elemen yang tidak memenuhi aturan."),
    # KPU answers alike for a voter it lacks and one outside the laptop's area (a laptop must
    # not learn which voters exist elsewhere): the wording holds for both.
    "unknown_voter": QT_TRANSLATE_NOOP(
        "Sync", "Pemilih ini tidak ada di data KPU untuk wilayah tugas laptop ini."
    ),
    "outside_area": QT_TRANSLATE_NOOP(
        "Sync", "Pemilih atau TPS ini di luar wilayah tugas laptop ini."
    ),
    "entity_exists": QT_TRANSLATE_NOOP("Sync", "Pemilih dengan nomor ini sudah ada di data KPU."),
    "bad_base_version": QT_TRANSLATE_NOOP(
        "Sync", "Data pemilih di laptop lebih baru daripada di KPU."
    ),
    "move_incomplete": QT_TRANSLATE_NOOP(
        "Sync",
        "Pemilih yang ditambahkan di TPS yang benar tidak sampai ke KPU bersama tanda TMS-8-nya.",
    ),
    "seq_reused": QT_TRANSLATE_NOOP(
        "Sync", "Nomor urut perubahan ini sudah dipakai perubahan lain."
    ),
    "seq_skipped": QT_TRANSLATE_NOOP(
        "Sync", "KPU sudah menyatakan perubahan ini hilang sebelum tiba; KPU akan memeriksanya."
    ),
    "invalid_change": QT_TRANSLATE_NOOP(
        "Sync", "Catatan perubahan ini rusak di laptop dan tidak dapat dikirim."
    ),
    "not_owner": QT_TRANSLATE_NOOP(
        "Sync",
        "Pendaftaran ini sudah dikirim ke KPU dari laptop lain; hanya laptop itu yang dapat "
        "mengubahnya. Hubungi KPU Kabupaten/Kota.",
    ),
    "application_decided": QT_TRANSLATE_NOOP(
        "Sync",
        "KPU sudah mencatat hasil seleksi untuk pendaftaran ini, jadi formulirnya tidak dapat "
        "diubah lagi dari laptop. Perubahan ini disimpan KPU untuk diperiksa; hubungi KPU "
        "Kabupaten/Kota.",
    ),
    "number_taken": QT_TRANSLATE_NOOP(
        "Sync",
        "Nomor pendaftaran ini sudah dipakai pendaftaran lain di KPU, jadi pendaftaran ini "
        "belum tercatat. Pendaftaran tetap tersimpan di laptop; laporkan ke KPU Kabupaten/Kota.",
    ),
}
# Where an application's refusal reads differently from a voter's.
_APPLICATION_REFUSALS = {
    "outside_area": QT_TRANSLATE_NOOP(
        "Sync",
        "Wilayah kerja pendaftaran ini di luar wilayah tugas laptop ini, jadi KPU tidak "
        "mencatatnya. Pendaftaran tetap tersimpan di laptop; hubungi KPU Kabupaten/Kota.",
    ),
}
_FINDING_CODE = re.compile(r"\[([a-z0-9_]+\.[a-z0-9_]+)\]\s*$")
# KPU applies or refuses a TMS-8 and the voter it adds at the right TPS together: the officer
# must learn where KPU has the person, why, and what to do.
_MOVE = QT_TRANSLATE_NOOP(
    "Sync",
    "KPU tidak mencatat pemindahan TPS (TMS-8) ini: tanda TMS-8 di TPS lama dan pemilih di "
    "TPS yang benar ditolak bersama, jadi di data KPU pemilih masih terdaftar di TPS lama. "
    "Sebab: %1 Cara memperbaiki: di tab Ditolak KPU pilih baris ini dan tekan Batalkan "
    "pemindahan TPS (pemilih di TPS baru dihapus dari laptop, tanda TMS-8 di TPS lama "
    "dipulihkan), betulkan sebab di atas, lalu lakukan TMS-8 lagi.",
)


def refusal_text(
    code: str | None, message: str | None, entity: str = "voter", *, move: bool = False
) -> str:
    """Why KPU refused a change to ``entity`` (``voter`` or ``application``). An
    ``invalid_value`` names the domain finding in brackets: the desk words that finding as it
    does while the officer types. ``move``: the change is half of a TMS-8 move, refused with
    its other half."""
    reason = _reason_text(code, message, entity)
    if move:
        return translate(CTX, _MOVE).replace("%1", reason)
    return reason


def _reason_text(code: str | None, message: str | None, entity: str) -> str:
    if code == "invalid_value" and message:
        found = _FINDING_CODE.search(message)
        if found:
            finding = Finding(found.group(1), "", message, Severity.ERROR)
            worded = finding_text(finding)
            if worded != message:
                return worded
    source = _REFUSALS.get(code or "")
    if entity == p.ENTITY_APPLICATION:
        source = _APPLICATION_REFUSALS.get(code or "", source)
    if source is not None:
        return translate(CTX, source)
    return message or translate("Sync", "Ditolak KPU tanpa keterangan.")


_OPERATIONS = {
    "sesuai": QT_TRANSLATE_NOOP("Sync", "Sesuai"),
    "ubah": QT_TRANSLATE_NOOP("Sync", "Ubah"),
    "tms": QT_TRANSLATE_NOOP("Sync", "TMS"),
    "restore": QT_TRANSLATE_NOOP("Sync", "Pulihkan TMS"),
    "baru": QT_TRANSLATE_NOOP("Sync", "Pemilih baru"),
}


def operation_text(entity: str, op: str) -> str:
    if entity == "application":
        return translate("Sync", "Pendaftaran badan ad hoc")
    source = _OPERATIONS.get(op)
    return translate(CTX, source) if source else op


# -- runs ------------------------------------------------------------------------------------
_OUTCOMES = {
    "ok": QT_TRANSLATE_NOOP("Sync", "Selesai"),
    "partial": QT_TRANSLATE_NOOP("Sync", "Sebagian"),
    "offline": QT_TRANSLATE_NOOP("Sync", "Sinyal putus"),
    "cancelled": QT_TRANSLATE_NOOP("Sync", "Dibatalkan"),
    "failed": QT_TRANSLATE_NOOP("Sync", "Gagal"),
}
_TRIGGERS = {
    "manual": QT_TRANSLATE_NOOP("Sync", "manual"),
    "watcher": QT_TRANSLATE_NOOP("Sync", "otomatis"),
    "enrol": QT_TRANSLATE_NOOP("Sync", "pendaftaran"),
    "return_bundle": QT_TRANSLATE_NOOP("Sync", "paket flashdisk"),
}


def outcome_label(outcome: str | None) -> str:
    if outcome is None:
        return translate("Sync", "Terputus (aplikasi ditutup)")
    source = _OUTCOMES.get(outcome)
    return translate(CTX, source) if source else outcome


def trigger_label(trigger: str) -> str:
    source = _TRIGGERS.get(trigger)
    return translate(CTX, source) if source else trigger


def report_text(report: SyncRunReport) -> str:
    """What the status bar says when a run ends."""
    n = QLocale().toString
    if report.outcome == "ok":
        text = translate(
            "Sync", "Sinkron selesai: %1 perubahan dikonfirmasi KPU, %2 perubahan dari KPU."
        )
        # What is new to the officer (KPU's edits, other officers' changes, conflicts' results):
        # their own changes are not news, and with protocol v2 they do not even come back.
        text = text.replace("%1", n(report.confirmed)).replace("%2", n(report.pulled_new))
    elif report.outcome == "partial":
        if report.error_code in ("gap", "attachment_failed", "relay_refused"):
            text = code_text(report.error_code)
        else:
            text = translate(
                "Sync",
                "Sinkronisasi selesai sebagian: %1 dikonfirmasi, %2 perubahan masih menunggu.",
            )
            text = text.replace("%1", n(report.confirmed)).replace("%2", n(report.pending))
    elif report.outcome == "offline":
        text = translate(
            "Sync",
            "Sinyal putus. %1 perubahan tetap tersimpan dan akan dikirim saat ada sinyal.",
        ).replace("%1", n(report.pending))
    elif report.outcome == "cancelled":
        text = translate(
            "Sync",
            "Sinkronisasi dibatalkan. %1 perubahan sudah dikonfirmasi KPU; %2 masih menunggu.",
        )
        text = text.replace("%1", n(report.confirmed)).replace("%2", n(report.pending))
    else:
        text = code_text(report.error_code)
    if report.refused:
        # Short, and first: the status bar cuts long messages off, and this is the part the
        # officer has to act on.
        refused = translate("Sync", "%1 perubahan ditolak KPU: lihat Riwayat (Ctrl+H).").replace(
            "%1", n(report.refused)
        )
        if report.outcome == "ok":
            return translate("Sync", "Sinkron selesai; %1").replace("%1", refused)
        text = f"{refused} {text}"
    return text


@dataclasses.dataclass(frozen=True)
class SyncProblem:
    """A sync failure as the status bar keeps it: a headline short enough for the status bar
    at 1366 px, and the whole sentence (tooltip, Riwayat sinkronisasi)."""

    headline: str
    detail: str


_HEADLINES = {
    "offline": QT_TRANSLATE_NOOP("Sync", "Server KPU tidak terjangkau."),
    "failed": QT_TRANSLATE_NOOP("Sync", "Sinkron gagal (Ctrl+H)."),
    "tls": QT_TRANSLATE_NOOP("Sync", "Server tidak dikenali (sertifikat)."),
    "attachment_failed": QT_TRANSLATE_NOOP("Sync", "Bukti belum terkirim (Ctrl+H)."),
    "gap": QT_TRANSLATE_NOOP("Sync", "KPU menunggu data lama (Ctrl+H)."),
    "relay_refused": QT_TRANSLATE_NOOP("Sync", "Titipan ditolak KPU (Ctrl+H)."),
    "partial": QT_TRANSLATE_NOOP("Sync", "Sinkron sebagian: %1 menunggu."),
}
_TRY_LATER_CODES = (
    "TransportError",
    "ServerError",
    "ServiceUnavailable",
    "internal",
    "unavailable",
)


def report_problem(report: SyncRunReport) -> SyncProblem | None:
    """What the status bar keeps after a run that left something undone; None when the run
    went through (or the officer cancelled it)."""
    if report.outcome in ("ok", "cancelled"):
        return None
    if report.outcome == "partial":
        key = report.error_code if report.error_code in _HEADLINES else "partial"
        if key == "partial" and not report.pending:
            key = "attachment_failed" if report.uploads_left else "failed"
    elif report.outcome == "offline":
        key = "offline"
    else:
        key = "tls" if report.error_code == "tls" else "failed"
    headline = translate(CTX, _HEADLINES[key]).replace("%1", QLocale().toString(report.pending))
    return SyncProblem(headline, report_text(report))


def error_problem(exc: BaseException) -> SyncProblem:
    """The same for a run that could not start or raised."""
    code = code_of(exc)
    key = {"TransportError": "offline", "tls": "tls"}.get(code, "failed")
    return SyncProblem(translate(CTX, _HEADLINES[key]), error_text(exc))


def enrol_error_text(exc: BaseException) -> str:
    """An enrolment that failed, for the enrolment form: one sentence on keeping the data and
    trying later, never two (the general texts already say the data is kept)."""
    if code_of(exc) in _TRY_LATER_CODES:
        later = QT_TRANSLATE_NOOP(
            "Sync",
            "Server KPU tidak dapat dihubungi (tidak ada sinyal, atau server sedang mati). Data "
            "Anda tetap tersimpan di laptop: coba lagi saat ada sinyal, atau lewati dulu dan "
            "daftar dari meja kerja (Daftarkan perangkat…).",
        )
        if code_of(exc) != "TransportError":
            later = QT_TRANSLATE_NOOP(
                "Sync",
                "Server KPU sedang bermasalah. Data Anda tetap tersimpan di laptop: coba lagi "
                "nanti, atau lewati dulu dan daftar dari meja kerja (Daftarkan perangkat…).",
            )
        return translate(CTX, later)
    return error_text(exc)


def uploads_waiting_text(files: int, sent: int, total: int, *, short: bool = False) -> str:
    """ "Berkas bukti menunggu: 1 (32 KB dari 7,7 MB terkirim)"; ``short`` for the status bar:
    "Bukti menunggu: 1 (32 KB/7,7 MB)"."""
    count = QLocale().toString(files)
    if short:
        text = translate("Sync", "Bukti menunggu: %1").replace("%1", count)
        if total:
            text += f" ({size_text(sent)}/{size_text(total)})"
        return text
    text = translate("Sync", "Berkas bukti menunggu: %1").replace("%1", count)
    if total:
        moved = translate("Sync", "(%1 dari %2 terkirim)")
        text += " " + moved.replace("%1", size_text(sent)).replace("%2", size_text(total))
    return text


# -- progress and sizes -----------------------------------------------------------------------
def size_text(count: int) -> str:
    locale = QLocale()
    if count < 1024:
        return translate("Sync", "%1 B").replace("%1", locale.toString(count))
    if count < 1024 * 1024:
        return translate("Sync", "%1 KB").replace("%1", locale.toString(count / 1024, "f", 0))
    return translate("Sync", "%1 MB").replace("%1", locale.toString(count / 1048576, "f", 1))


def progress_text(progress: SyncProgress, *, short: bool = False) -> str:
    """ "Mengirim 120 dari 10.000 perubahan · 6 KB dari 537 KB"; ``short`` for the status bar:
    "Mengirim 120/10.000 · 6/537 KB"."""
    n = QLocale().toString
    done, total = n(progress.records_done), n(progress.records_total or 0)
    if progress.phase == "push":
        if short:
            text = translate("Sync", "Mengirim %1/%2").replace("%1", done).replace("%2", total)
        else:
            text = translate("Sync", "Mengirim %1 dari %2 perubahan")
            text = text.replace("%1", done).replace("%2", total)
    elif progress.phase == "pull":
        text = translate("Sync", "Diterima dari KPU: %1 data").replace("%1", done)
    elif progress.phase == "relay":
        # Another laptop's sealed bundle carried to KPU: counted in bundles, bytes follow.
        text = translate("Sync", "Mengantar titipan %1 dari %2")
        text = text.replace("%1", done).replace("%2", total)
    else:
        text = translate("Sync", "Mengirim berkas bukti %1 dari %2")
        text = text.replace("%1", done).replace("%2", total)
    moved = size_text(progress.bytes_done)
    if progress.bytes_total:
        moved = translate("Sync", "%1 dari %2").replace("%1", moved)
        moved = moved.replace("%2", size_text(progress.bytes_total))
    return f"{text} · {moved}"


def local_time_text(iso_utc: str | None, now: QDateTime | None = None) -> str:
    """A stored UTC time as the officer's local clock: "14.05" today, "kemarin 14.05",
    otherwise "12 Feb 14.05"."""
    if not iso_utc:
        return translate("Sync", "belum pernah")
    when = QDateTime.fromString(iso_utc, Qt.DateFormat.ISODateWithMs)
    if not when.isValid():
        when = QDateTime.fromString(iso_utc, Qt.DateFormat.ISODate)
    if not when.isValid():
        return iso_utc
    when = when.toLocalTime()
    today = (now or QDateTime.currentDateTime()).date()
    locale = QLocale()
    clock = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
    days = when.date().daysTo(today)
    if days == 0:
        return clock
    if days == 1:
        return translate("Sync", "kemarin %1").replace("%1", clock)
    pattern = "d MMM" if when.date().year() == today.year() else "d MMM yyyy"
    return f"{locale.toString(when.date(), pattern)} {clock}"


def untrusted_headline() -> str:
    """ "Server tidak dikenali (sertifikat)." """
    return translate(CTX, _HEADLINES["tls"])


def untrusted_text() -> str:
    """What the officer does when the server's address answers with a certificate the laptop
    does not trust (the status bar's tooltip, the sync window's warning)."""
    return translate(
        "Sync",
        "Yang menjawab di alamat server KPU memakai sertifikat yang tidak dikenal laptop ini: "
        "berkas deployment laptop ini mungkin dibuat sebelum KPU mengganti sertifikatnya, atau "
        "jaringan ini menyadap koneksi. Tidak ada data yang dikirim; semua perubahan tetap "
        "tersimpan di laptop. Hubungi TI KPU (laptop ini mungkin perlu berkas deployment "
        "baru) dan jangan sinkronkan lewat jaringan ini sampai TI KPU memeriksanya.",
    )
