"""The core raises typed errors; this is where the desk words them for the officer."""

from __future__ import annotations

import math

from desktop_app.deployment import DevelopmentRecoveryKey
from desktop_app.file_sharing import FileInUse
from desktop_app.store import errors
from desktop_app.ui.finding_text import finding_text
from desktop_app.ui.operations import NotUnlocked
from desktop_app.ui.qt import translate
from desktop_app.ui.voter_ops import AttachmentProblem
from lapang_core.domain.voter import KETERANGAN_BARU, KETERANGAN_UBAH


def error_text(exc: BaseException) -> str:
    """One or two sentences saying what went wrong and what to do."""
    if isinstance(exc, DevelopmentRecoveryKey):
        return translate(
            "Messages",
            "Laptop ini belum disiapkan TI KPU: kunci pemulihan KPU belum diatur "
            "(recovery_public_key di bagian [keys] pada deployment.toml). Data yang dibuat "
            "sekarang tidak akan pernah dapat dipulihkan bila frasa sandi lupa, jadi tidak "
            "dibuat. Hubungi TI KPU, atau pilih Mode demo untuk mencoba.",
        )
    if isinstance(exc, errors.WrongPassphrase):
        return translate("Messages", "Frasa sandi salah. Periksa Caps Lock dan coba lagi.")
    if isinstance(exc, errors.UnlockThrottled):
        seconds = max(1, math.ceil(exc.wait_seconds))
        if exc.counter_damaged:
            return translate(
                "Messages",
                "Catatan percobaan frasa sandi yang salah rusak, jadi jumlah percobaan tidak "
                "diketahui. Tunggu %1 detik lalu coba lagi; setelah itu semuanya berjalan biasa.",
            ).replace("%1", str(seconds))
        return translate(
            "Messages", "Terlalu banyak percobaan salah. Tunggu %1 detik lalu coba lagi."
        ).replace("%1", str(seconds))
    if isinstance(exc, errors.UnlockCounterUnwritable):
        return translate(
            "Messages",
            "Catatan percobaan frasa sandi tidak dapat ditulis di folder data, jadi frasa sandi "
            "tidak diperiksa. Data tidak berubah; hubungi TI KPU (izin folder atau ruang disk).",
        )
    if isinstance(exc, errors.VaultInUse):
        return translate(
            "Messages",
            "Data Lapang sedang dibuka program lain (mungkin program cadangan atau antivirus), "
            "jadi belum dapat dibuka. Data tidak berubah. Tutup program itu atau tunggu sampai "
            "selesai, lalu coba lagi.",
        )
    if isinstance(exc, errors.VaultDamaged):
        return translate(
            "Messages",
            "Data di laptop ini rusak atau tidak lengkap, dan tidak diubah. Jangan hapus apa pun; "
            "hubungi TI KPU untuk pemulihan dengan kunci pemulihan.",
        )
    if isinstance(exc, errors.VaultNotFound):
        return translate("Messages", "Belum ada data Lapang di folder ini.")
    if isinstance(exc, errors.VaultExists):
        return translate(
            "Messages", "Sudah ada data Lapang di folder ini; data itu tidak diubah. Buka kuncinya."
        )
    if isinstance(exc, errors.WeakPassphrase):
        return translate(
            "Messages",
            "Frasa sandi terlalu lemah: paling sedikit 8 karakter dan tidak berulang-ulang. "
            "Satu kalimat pendek mudah diingat dan sulit ditebak.",
        )
    if isinstance(exc, errors.UnknownOfficer):
        return translate("Messages", "Isi nama petugas.")
    if isinstance(exc, errors.MigrationError):
        return translate(
            "Messages",
            "Data ini dibuat oleh Lapang versi yang lebih baru, atau pembaruan gagal. Data tidak "
            "diubah; pasang versi terbaru atau hubungi TI KPU.",
        )
    if isinstance(exc, errors.RecordNotFound):
        return translate(
            "Messages", "Pemilih ini tidak ada lagi di data laptop ini; muat ulang daftar."
        )
    if isinstance(exc, errors.OutcomeRefused):
        return _refusal_text(exc)
    if isinstance(exc, errors.ValidationFailed):
        result = exc.result
        found = list(getattr(result, "errors", ()) or ())
        if found:
            return " ".join(finding_text(f) for f in found)
        return translate("Messages", "Data ditolak: %1").replace("%1", str(exc))
    if isinstance(exc, AttachmentProblem):
        if exc.reason == "type":
            return translate("Messages", "Bukti harus foto JPEG/PNG atau pindaian PDF.")
        if exc.reason == "size":
            return translate(
                "Messages",
                "Berkas bukti %1 MB; batasnya 10 MB. Ambil foto dengan resolusi lebih kecil.",
            ).replace("%1", f"{exc.size / 1e6:.1f}")
        if exc.reason == "empty":
            return translate("Messages", "Berkas bukti kosong; pilih berkas lain.")
        if exc.reason == "in_use":
            return translate(
                "Messages",
                "Berkas bukti %1 sedang dibuka program lain (mungkin program pemindai). Tutup "
                "program itu atau tunggu sampai selesai, lalu pilih berkas itu lagi.",
            ).replace("%1", exc.filename)
        return translate("Messages", "Berkas bukti tidak dapat dibaca; pilih berkas lain.")
    if isinstance(exc, NotUnlocked):
        return translate("Messages", "Aplikasi terkunci; buka kunci terlebih dahulu.")
    if isinstance(exc, FileInUse):
        return file_in_use_text(exc)
    if isinstance(exc, errors.StoreError):
        return translate("Messages", "Tidak dapat disimpan: %1").replace("%1", str(exc))
    if isinstance(exc, OSError):
        return translate("Messages", "Berkas tidak dapat dibaca atau ditulis: %1").replace(
            "%1", exc.strerror or str(exc)
        )
    return translate(
        "Messages", "Terjadi kesalahan tak terduga (%1). Data yang sudah disimpan aman."
    ).replace("%1", type(exc).__name__)


def file_in_use_text(exc: FileInUse) -> str:
    """Windows keeps a file open in Excel or a PDF reader from being replaced or removed."""
    return translate(
        "Messages",
        "Berkas %1 sedang dibuka program lain (mungkin Excel atau pembaca PDF), jadi tidak dapat "
        "diganti. Tutup berkas itu lalu coba lagi. Berkas itu tidak diubah.",
    ).replace("%1", str(exc.path))


def _refusal_text(exc: errors.OutcomeRefused) -> str:
    if exc.wanted == "restore":
        return translate("Messages", "Hanya pemilih bertanda TMS yang dapat dipulihkan (P).")
    if exc.current == KETERANGAN_UBAH:
        return translate(
            "Messages",
            "Pemilih ini sudah tercatat Ubah; Sesuai tidak menimpa perbaikannya. "
            "Tekan ↓ untuk lanjut ke baris berikutnya.",
        )
    if exc.current == KETERANGAN_BARU:
        return translate(
            "Messages",
            "Pemilih ini tercatat Baru; pemilih baru tidak ditandai Sesuai. "
            "Tekan ↓ untuk lanjut ke baris berikutnya.",
        )
    return translate(
        "Messages",
        "Pemilih ini bertanda TMS. Bila ternyata memenuhi syarat, pulihkan dulu (P), lalu "
        "tandai Sesuai.",
    )
