"""Issue 16's rules shown inline in the desk's forms, on real widgets and a real vault. The
expected answers come from the domain note (../shared/domain/kpu-domain.md), cited per test."""

from __future__ import annotations

import datetime as dt

from desktop_app.store import outbox
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.voter_service import VoterService
from desktop_app.ui import labels
from desktop_app.ui.tms_dialog import TmsDialog
from lapang_core.domain.election_rules import parse_election_rules
from lapang_core.domain.recruitment import AdhocBody
from tests.ui.helpers import on_worker, unlock, wait_idle
from tests.ui.recruitment_helpers import (
    DESA,
    fill_identity,
    fill_requirements,
    new_form,
    open_window,
    type_into,
)
from tests.ui.test_outcomes import _fill_new_voter, _retype


def _married(qtbot, window, voter_id):
    def work(store):
        store.db.execute("UPDATE voters SET status_perkawinan = 'S' WHERE id = ?", [voter_id])
        return VoterService(store).get(voter_id)

    return on_worker(qtbot, window, work)


def test_tms3_on_a_married_voter_is_refused_before_anything_is_typed(qtbot, desk, window):
    # Note §3: TMS-3 is "under 17 on election day and never married".
    voter = _married(qtbot, window, desk.detail.voter.id)
    dialog = TmsDialog(window.ctx, voter, desk, code=3)
    qtbot.addWidget(dialog)
    assert "sudah/pernah kawin" in dialog.problems.text()
    qtbot.keyClicks(dialog.reference, "KK 123")
    assert not dialog.buttons.save.isEnabled()


def test_tms2_naming_nobody_on_the_list_asks_for_the_photo(qtbot, desk, window, tmp_path):
    # Note §3: TMS-2's evidence is the other record's NIK / id; one this list lacks needs the
    # document itself.
    voter = desk.detail.voter
    dialog = TmsDialog(window.ctx, voter, desk, code=2)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.reference, "f" * 32)
    qtbot.waitUntil(lambda: "lampirkan foto" in dialog.problems.text(), timeout=3000)
    assert "Tidak ada data lain" in dialog.problems.text()
    assert not dialog.buttons.save.isEnabled()
    photo = tmp_path / "ganda.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    dialog.set_attachment(photo)
    assert dialog.buttons.save.isEnabled()


def test_new_voter_married_and_born_after_today_is_an_error(qtbot, desk, window):
    # Note §4: marriage exempts from the age rule only.
    desk.open_new_voter()
    dialog = desk.dialog
    _fill_new_voter(qtbot, dialog, born=dt.date(1990, 6, 15), sex="P", nik_sex="P")
    future = dt.date.today() + dt.timedelta(days=40)
    _retype(qtbot, dialog.form.fields["tanggal_lahir"], future.strftime("%d-%m-%Y"))
    assert "sesudah hari ini" in dialog.form.findings_label.text()
    dialog.save()
    assert not dialog.buttons.save.isEnabled()


def test_new_voter_who_left_tni_polri_is_saved_with_the_sk(qtbot, desk, window):
    # Note §3 Baru: "retired from TNI/Polri (proof: SK pemberhentian)".
    desk.open_new_voter()
    dialog = desk.dialog
    _fill_new_voter(qtbot, dialog, born=dt.date(1970, 6, 15), sex="L", nik_sex="L")
    dialog.tni_polri.setCurrentIndex(dialog.tni_polri.findData("berhenti"))
    assert "SK pemberhentian" in dialog.form.findings_label.text()
    dialog.save()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.sk, "SKEP/12/III/2025")
    dialog.save()
    wait_idle(qtbot, window)
    [entry] = on_worker(qtbot, window, lambda store: outbox.entries(store.db))
    assert entry.payload["status_tni_polri"] == "berhenti"
    assert entry.payload["sk_pemberhentian"] == "SKEP/12/III/2025"


def test_applicant_out_of_a_party_for_three_years_is_refused(qtbot, window):
    # Note §6: "not a party member, or out for 5 years with a party letter".
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    fill_requirements(qtbot, page)
    page.form.statements.ex_party.setChecked(True)
    assert page.form.fields["tanggal_keluar_partai"].isEnabled()
    today = dt.date.today()
    type_into(qtbot, page, "tanggal_keluar_partai", f"01-01-{today.year - 3}")
    message = page.form.rows["tanggal_keluar_partai"].message_text()
    assert "kurang dari 5 tahun" in message
    type_into(qtbot, page, "tanggal_keluar_partai", f"01-01-{today.year - 6}")
    assert "kurang dari 5 tahun" not in page.form.rows["tanggal_keluar_partai"].message_text()
    wait_idle(qtbot, window)
    page.save_now()
    qtbot.waitUntil(lambda: not page.has_unsaved_changes, timeout=5000)
    [draft] = on_worker(qtbot, window, lambda store: ApplicationService(store).list())
    assert draft.applicant.tanggal_keluar_partai == dt.date(today.year - 6, 1, 1)


def test_the_tms5_label_configured_for_the_election_is_shown(qtbot, window, listed_dir):
    # Note §3: TMS-5's label "varies by year" [?]; issue 16 item 6.
    def configure(store):
        store.set_election_rules(parse_election_rules({"tms5_label": "WNA"}))

    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.desk is not None)
    on_worker(qtbot, window, configure)
    window.lock()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.desk is not None and labels.tms(5) == "WNA", timeout=5000)
    assert labels.keterangan("5") == "TMS-5 WNA"
    labels.use_election_rules(parse_election_rules({}))
    assert labels.tms(5) == "Tidak dikenal"
