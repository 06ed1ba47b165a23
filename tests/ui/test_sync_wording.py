"""How sync is worded for the officer: every error the enrolment and the engine can raise has an
Indonesian sentence, refusals name the finding the desk already words, times are local."""

from __future__ import annotations

import datetime as dt

from desktop_app.sync import errors as sync_errors
from desktop_app.sync.run import SyncProgress, SyncRunReport
from desktop_app.ui import labels
from desktop_app.ui.i18n import install_language
from desktop_app.ui.qt import QDateTime, QTimeZone
from desktop_app.ui.sync import wording
from lapang_core import protocol as p
from lapang_core.domain.voter import KETERANGAN_SESUAI, KETERANGAN_UBAH

ENGLISH = "The server's own English message"


def test_every_enrolment_and_transport_error_has_indonesian_words(qapp):
    install_language("id")
    cases = {
        p.EnrollCodeInvalid(ENGLISH): "tidak dikenal",
        p.EnrollCodeUsed(ENGLISH): "sudah dipakai",
        p.EnrollCodeExpired(ENGLISH): "kedaluwarsa",
        sync_errors.TransportError(ENGLISH): "tidak dapat dihubungi",
        sync_errors.CertificateRejected(ENGLISH): "Sertifikat server tidak cocok",
        sync_errors.PinnedCertificateMissing(ENGLISH): "sertifikat server KPU tidak terpasang",
        sync_errors.InsecureServerUrl(ENGLISH): "https://",
        sync_errors.NotEnrolled(ENGLISH): "belum terdaftar",
        p.DeviceRevoked(ENGLISH): "mencabut pendaftaran",
        p.ServiceUnavailable(ENGLISH): "sibuk",
        p.BadSignature(ENGLISH): "bad_signature",
    }
    for exc, words in cases.items():
        text = wording.error_text(exc)
        assert words in text, (type(exc).__name__, text)
        assert ENGLISH not in text  # the server's English is for KPU IT and the log


def test_refusal_reasons_use_the_desk_wording_of_the_finding(qapp):
    install_language("id")
    worded = wording.refusal_text(
        "invalid_value", "jenis_kelamin must be L or P [jenis_kelamin.invalid]"
    )
    assert worded and "jenis_kelamin" not in worded
    assert wording.refusal_text("outside_area", "x") == (
        "Pemilih atau TPS ini di luar wilayah tugas laptop ini."
    )
    # A reason this desk does not know yet: the server's own message, never a bare code.
    assert wording.refusal_text("new_reason", "Something new.") == "Something new."


def test_application_refusals_are_worded_in_both_languages(qapp):
    """The reasons KPU refuses an application for (issue 11): each one a sentence the officer
    can act on, never the server's English; an application's outside_area is not a voter's."""
    codes = ("not_owner", "application_decided", "number_taken", "outside_area")
    try:
        for language, voter_words in (("id", "Pemilih"), ("en", "voter")):
            install_language(language)
            texts = [wording.refusal_text(code, ENGLISH, "application") for code in codes]
            assert ENGLISH not in texts and len(set(texts)) == len(codes), texts
            assert all("KPU" in text for text in texts), texts
            assert voter_words not in texts[-1]
            assert voter_words in wording.refusal_text("outside_area", ENGLISH, "voter")
    finally:
        install_language("id")


def test_reports_progress_and_times_read_naturally(qapp):
    install_language("id")
    report = SyncRunReport(outcome="offline", pending=1234)
    assert wording.report_text(report).startswith("Sinyal putus. 1.234 perubahan")
    report = SyncRunReport(outcome="ok", confirmed=3, pulled=10, refused=1)
    assert wording.report_text(report) == (
        "Sinkron selesai; 1 perubahan ditolak KPU: lihat Riwayat (Ctrl+H)."
    )
    # Received: what is new to the officer, not their own changes coming back.
    report = SyncRunReport(outcome="ok", confirmed=3, pulled=10, pulled_new=4)
    assert "3 perubahan dikonfirmasi KPU, 4 perubahan dari KPU" in wording.report_text(report)
    # A refused evidence file: the officer learns the others went and whom to call.
    report = SyncRunReport(outcome="partial", error_code="attachment_failed")
    assert wording.report_text(report).startswith("Ada berkas bukti yang belum dapat dikirim")
    progress = SyncProgress("push", 120, 10_000, 6_600, 550_000)
    assert (
        wording.progress_text(progress) == "Mengirim 120 dari 10.000 perubahan · 6 KB dari 537 KB"
    )
    assert wording.progress_text(SyncProgress("pull", 500, None, 2048, None)) == (
        "Diterima dari KPU: 500 data · 2 KB"
    )
    # Titipan: another laptop's bundle carried in chunks, not this laptop's evidence.
    assert wording.progress_text(SyncProgress("relay", 0, 1, 30 << 20, 56 << 20)) == (
        "Mengantar titipan 0 dari 1 · 30,0 MB dari 56,0 MB"
    )
    now = QDateTime(dt.date(2029, 2, 14), dt.time(16, 0), QTimeZone.systemTimeZone())
    today = now.toUTC().addSecs(-3600).toString("yyyy-MM-ddTHH:mm:ss.zzzZ")
    assert wording.local_time_text(today, now) == "15.00"
    yesterday = now.toUTC().addDays(-1).toString("yyyy-MM-ddTHH:mm:ss.zzzZ")
    assert wording.local_time_text(yesterday, now) == "kemarin 16.00"
    assert wording.local_time_text(None) == "belum pernah"


def test_a_run_that_left_something_undone_keeps_a_short_headline(qapp):
    install_language("id")
    assert wording.report_problem(SyncRunReport(outcome="ok", pulled=3)) is None
    assert wording.report_problem(SyncRunReport(outcome="cancelled")) is None
    offline = wording.report_problem(SyncRunReport(outcome="offline", pending=2))
    assert offline.headline == "Server KPU tidak terjangkau."
    assert offline.detail.startswith("Sinyal putus. 2 perubahan tetap tersimpan")
    revoked = wording.report_problem(SyncRunReport(outcome="failed", error_code="device_revoked"))
    assert revoked.headline == "Sinkron gagal (Ctrl+H)."
    assert "mencabut pendaftaran" in revoked.detail
    files = wording.report_problem(
        SyncRunReport(outcome="partial", error_code="attachment_failed", uploads_left=1)
    )
    assert files.headline.startswith("Bukti belum terkirim")
    waiting = wording.report_problem(SyncRunReport(outcome="partial", pending=1234))
    assert waiting.headline == "Sinkron sebagian: 1.234 menunggu."


def test_the_changes_column_names_outcomes_as_the_desk_does_in_both_languages(qapp):
    """The sync window's "Perubahan" column and the desk's Keterangan column say the same word
    for Sesuai and Ubah: KPU's terms in Indonesian, the desk's "Correct"/"Updated" in English."""
    expected = {"id": ("Sesuai", "Ubah"), "en": ("Correct", "Updated")}
    try:
        for language, words in expected.items():
            install_language(language)
            desk = [
                labels.keterangan(m).split(" ", 1)[1] for m in (KETERANGAN_SESUAI, KETERANGAN_UBAH)
            ]
            sync = [wording.operation_text(p.ENTITY_VOTER, op) for op in ("sesuai", "ubah")]
            assert sync == desk == list(words), language
    finally:
        install_language("id")
