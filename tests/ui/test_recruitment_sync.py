"""Recruitment end to end, on the real desk and the real sync server on loopback: the form
filled, its draft saved by itself, the laptop killed and reopened, the application submitted
with a scanned document and its receipt PDF read back; the next sync takes it to KPU exactly
once with its document; KPU's admin records stage outcomes with the server CLI, and the officer
sees them after the next sync — with the duplicate NIK another laptop of the office took,
flagged on both sides."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop_app.store import outbox, sync_state
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.sync.enrollment import enroll
from desktop_app.ui.i18n import install_language
from desktop_app.ui.operations import WorkerContext
from desktop_app.ui.recruitment.list_model import COLUMN_INDEX
from desktop_app.ui.sync import ops as sync_ops
from desktop_app.ui.sync.wording import refusal_text
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
from sync_server import cli as server_cli
from tests.conftest import OFFICER, PASSPHRASE
from tests.store.test_application_service import _applicant
from tests.support.sync_env import AREA, RunningServer
from tests.ui.helpers import on_worker, wait_idle
from tests.ui.recruitment_helpers import (
    ALL_BUT_PHOTO,
    PNG,
    attach_photo,
    fill_identity,
    fill_requirements,
    open_window,
    pick_file,
    send,
    tick_documents,
    wait_saved,
)
from tests.ui.sync_helpers import (
    FAST_RETRY,
    KPU_KEY,
    enrolled_vault,
    open_desk,
    sync_config,
)

BORN = dt.date(1991, 8, 3)
NIK = encode_nik(AREA, BORN, "P", 33)


def _admin(server: RunningServer, *args: str, capsys=None) -> str:
    code = server_cli.main([*args, "--db", str(server.config.db_path)])
    out = capsys.readouterr().out if capsys is not None else ""
    assert code == 0, out
    return out


def _other_laptop_applies(tmp_path, server: RunningServer, recovery_public: bytes, desa: str):
    """A second laptop of the PPS office takes a KPPS application with the same NIK and syncs."""
    store = Vault(tmp_path / "laptop_b").create(OFFICER, PASSPHRASE, recovery_public, kdf=TEST_KDF)
    with store:
        _, engine = enroll(
            store, server.url, server.code(), retry=FAST_RETRY, kpu_key=KPU_KEY.public_key()
        )
        store.set_election_date(dt.date(2029, 2, 14))
        service = ApplicationService(store)
        app_id = service.save_draft(
            _applicant(nik=NIK, tanggal_lahir=BORN, domisili_kode=desa), AdhocBody.KPPS, desa
        )
        number = service.submit(app_id).application_no
        report = engine.run_once()
        engine.client.close()
        assert report.ok and report.confirmed == 1
    return number


def test_application_reaches_kpu_and_outcomes_come_back(
    qtbot, tmp_path, server, recovery_keys, capsys
):
    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1])
    first, _ = open_desk(qtbot, data_dir, sync_config(server.url))
    on_worker(qtbot, first, lambda store: store.set_election_date(dt.date(2029, 2, 14)))
    rec = open_window(qtbot, first, autosave_ms=200)
    desa = rec.setup.areas.desa[0].kode

    # The identity typed, the draft saves itself; then the laptop goes down with the form open.
    rec.new_application()
    page = rec.page
    page.body.setCurrentIndex(page.body.findData(AdhocBody.PPS.name))
    page.area.setCurrentIndex(page.area.findData(desa))
    fill_identity(qtbot, page, nik=NIK, born=BORN.strftime("%d-%m-%Y"))
    page.form.fields["domisili_kode"].select_code(desa)
    with qtbot.waitSignal(page.draft_saved, timeout=5000):
        pass
    wait_saved(qtbot, first, page)
    first.tasks.shutdown()  # nothing flushes the form: only what autosave wrote survives

    # Reopened: the draft is listed; continue it, attach the photo, submit, print the receipt.
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    rec = open_window(qtbot, window)
    listing = rec.list_page
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1 and window.tasks.pending == 0)
    assert listing.model.index(0, COLUMN_INDEX["state"]).data() == "Draf"
    listing.table.setFocus()
    qtbot.keyClick(listing.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rec.page is not None)
    page = rec.page
    assert page.form.fields["nik"].text() == NIK and page.area_code() == desa
    fill_requirements(qtbot, page)
    tick_documents(page, *ALL_BUT_PHOTO)
    attach_photo(qtbot, page, tmp_path)
    wait_saved(qtbot, window, page)
    with qtbot.waitSignal(page.submitted, timeout=5000) as done:
        send(qtbot, page)
    number = done.args[0].result.application_no
    wait_idle(qtbot, window)
    receipt = tmp_path / "tanda_terima.pdf"
    page.receipt.print_button.click()
    pick_file(qtbot, page.receipt, "receiptFileDialog", receipt)
    qtbot.waitUntil(lambda: page.receipt.receipt_path is not None)
    text = " ".join(" ".join(pg.extract_text().split()) for pg in PdfReader(receipt).pages)
    assert number in text and "Dokumen lengkap" in text and NIK not in text
    [entry] = on_worker(qtbot, window, lambda store: outbox.entries(store.db))
    photo_sha = entry.payload["attachments"]["pas_foto"]
    assert "menunggu dikirim ke KPU" in page.receipt.text.text()

    # The next sync carries it to KPU, the scanned photo with it.
    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)
    report = finished.args[0]
    assert report.ok and report.confirmed == 1 and report.attachments == 1
    listing = _admin(server, "applications", "--area", desa, capsys=capsys)
    assert number in listing and NIK not in listing  # the listing masks the NIK
    assert server.change_counts() == {"applied": 1}
    with server.repo.transaction(write=False) as tx:
        uploaded = tx.finished_attachment(photo_sha)
    assert uploaded is not None and uploaded["size"] == len(PNG)

    # Another laptop takes a KPPS application with the same NIK; KPU records the outcomes.
    other = _other_laptop_applies(tmp_path, server, recovery_keys[1], desa)
    _admin(server, "set-stage", number, "--stage", "administrative_check", "--result", "passed")
    _admin(server, "set-stage", number, "--stage", "written_test", "--score", "84.5")
    _admin(
        server,
        "set-stage",
        other,
        "--stage",
        "administrative_check",
        "--result",
        "failed",
        "--note",
        "Ijazah belum dilegalisasi",
    )

    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)
    report = finished.args[0]
    assert report.ok and report.outcomes >= 2 and report.confirmed == 0

    rec.show_list()  # back from the submitted form: the list reloads
    listing = rec.list_page
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1 and window.tasks.pending == 0)

    def cell(name: str) -> str:
        return listing.model.index(0, COLUMN_INDEX[name]).data()

    assert cell("application_no") == number
    assert (cell("stage"), cell("stage_result"), cell("score")) == (
        "Tes tertulis (CAT)",
        "",
        "84.5",
    )
    assert "NIK ganda" in cell("note")
    assert cell("state") == "Terkirim ke KPU"  # the officer sees KPU confirmed it
    listing.table.setFocus()
    qtbot.keyClick(listing.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rec.page is not None and rec.page.receipt.isVisibleTo(rec.page))
    opened = rec.page.receipt.text.text()
    assert "dikonfirmasi server KPU" in opened and "Tahap di KPU: Tes tertulis (CAT)" in opened
    rec.show_list()
    outcome = on_worker(
        qtbot, window, lambda store: ApplicationService(store).get(done.args[0].application.id)
    )
    assert outcome.stage == "written_test" and outcome.stage_result is None

    # Both applications show in the desa's results; the other laptop's by number only.
    rec.show_shortlist()
    shortlist = rec.shortlist_page
    qtbot.waitUntil(lambda: shortlist.unit.count() == 2 and window.tasks.pending == 0)
    texts = [shortlist.unit.itemText(i) for i in range(shortlist.unit.count())]
    assert texts[0].startswith("KPPS") and texts[1].startswith("PPS")
    shortlist.unit.setCurrentIndex(0)
    qtbot.waitUntil(lambda: shortlist.model.rowCount() == 1 and window.tasks.pending == 0)
    assert shortlist.model.index(0, 2).data() == "(didaftarkan di laptop lain)"
    assert shortlist.model.index(0, 4).data() == "Tidak lulus"
    assert "Ijazah belum dilegalisasi" in shortlist.model.index(0, 6).data()
    assert number in shortlist.model.index(0, 6).data()  # KPU's duplicate flag, both ways
    shortlist.unit.setCurrentIndex(1)
    qtbot.waitUntil(lambda: shortlist.model.index(0, 1).data() == number)
    # Scores in, KPU not decided yet: the estimate by the PPS rule (6 go to interview).
    assert shortlist.model.index(0, 0).data() == "1. ke wawancara"
    assert shortlist.preview.isVisibleTo(shortlist)


def test_an_application_filed_outside_the_laptops_area_is_refused_in_words(
    qapp, tmp_path, server, recovery_keys
):
    """A laptop takes a PPS application before it is enrolled, then is enrolled for the
    neighbouring desa: KPU refuses to file it there, the application stays on the laptop, and
    the sync history names the applicant and says why in the officer's words. (Once enrolled,
    the store refuses such a submission itself: test_application_service.)"""
    install_language("id")
    own, neighbour = "14.01.01.2009", "14.01.01.2010"
    store = Vault(tmp_path / "laptop").create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF)
    with store:
        store.set_election_date(dt.date(2029, 2, 14))
        service = ApplicationService(store)
        nik = encode_nik(AREA, BORN, "P", 34)
        app_id = service.save_draft(
            _applicant(nik=nik, tanggal_lahir=BORN, domisili_kode=neighbour),
            AdhocBody.PPS,
            neighbour,
        )
        service.submit(app_id)
        _, engine = enroll(
            store, server.url, server.code(own), retry=FAST_RETRY, kpu_key=KPU_KEY.public_key()
        )
        report = engine.run_once()
        engine.client.close()
        assert report.refused == 1 and server.change_counts() == {"refused": 1}
        assert service.get(app_id, with_delivery=True).delivery == "refused"
        (refused,) = sync_state.quarantine(store.db)
        assert (refused.entity, refused.refusal_code) == ("application", "outside_area")
        ctx = WorkerContext()
        ctx.store_or_none = store
        (shown,) = sync_ops.history()(ctx).refused
        assert shown.voter_name == service.get(app_id).applicant.nama
    worded = refusal_text(refused.refusal_code, refused.refusal_reason, refused.entity)
    assert worded.startswith("Wilayah kerja pendaftaran ini di luar wilayah tugas laptop ini")
    assert refusal_text("outside_area", "x", "voter").startswith("Pemilih atau TPS")
