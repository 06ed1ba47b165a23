"""The officer's own recruitment applications are not news from KPU (protocol v3, no echo of
applications): on the real desk against the real sync server on loopback, a sync that sends
two applications and two checked voters says so, receives none of them back, and counts
nothing as "dari KPU"; the applications list still shows where each stands at KPU."""

from __future__ import annotations

import datetime as dt
import time

from desktop_app.store import application_outcomes
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
from sync_server import decisions
from tests.store.test_application_service import _applicant
from tests.support.sync_env import AREA
from tests.ui.helpers import on_worker, wait_idle
from tests.ui.sync_helpers import enrolled_vault, open_desk, sync_config

DESA = "14.01.01.2009"  # inside AREA
BORN = dt.date(1991, 8, 3)


def _two_applications_and_two_sesuai(store) -> None:
    store.set_election_date(dt.date(2029, 2, 14))
    service = ApplicationService(store)
    for serial in (51, 52):
        applicant = _applicant(
            nik=encode_nik(AREA, BORN, "P", serial), tanggal_lahir=BORN, domisili_kode=DESA
        )
        service.submit(service.save_draft(applicant, AdhocBody.PPS, DESA))
    voters = VoterService(store)
    for (voter_id,) in store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 2").fetchall():
        voters.mark_sesuai(voter_id)


def test_own_applications_coming_back_are_not_counted_as_news(
    qtbot, tmp_path, server, recovery_keys
):
    data_dir = enrolled_vault(
        tmp_path, server, recovery_keys[1], prepare=_two_applications_and_two_sesuai
    )
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))

    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)

    report = finished.args[0]
    assert report.ok and report.confirmed == 4
    assert report.outcomes == 0 and report.pulled == 0 and report.pulled_new == 0
    assert desk.status.currentMessage() == (
        "Sinkron selesai: 4 perubahan dikonfirmasi KPU, 0 perubahan dari KPU."
    )
    held = on_worker(qtbot, window, lambda store: application_outcomes.outcomes_by_id(store.db))
    assert len(held) == 2
    assert {(o.stage.value, o.result, o.local) for o in held.values()} == {
        ("registration", None, True)
    }


def _sync(qtbot, window, desk):
    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)
    return finished.args[0]


def test_kpus_decisions_on_applications_are_counted_as_news(qtbot, tmp_path, server, recovery_keys):
    """KPU records a result on one application and a score with a note on the other: the next
    sync says two changes came from KPU (before, decisions never counted: "0 perubahan dari
    KPU" while the applications list changed), and says it once."""
    data_dir = enrolled_vault(
        tmp_path, server, recovery_keys[1], prepare=_two_applications_and_two_sesuai
    )
    window, desk = open_desk(qtbot, data_dir, sync_config(server.url))
    first = _sync(qtbot, window, desk)
    assert first.ok and first.confirmed == 4 and first.pulled_new == 0
    held = on_worker(qtbot, window, lambda store: application_outcomes.outcomes_by_id(store.db))
    passed, tested = sorted(o.application_no for o in held.values())
    now = time.time()
    decisions.set_stage(server.repo, passed, "administrative_check", result="passed", now=now)
    decisions.set_stage(
        server.repo, tested, "written_test", score=78.5, note="Nilai tes tertulis", now=now
    )

    report = _sync(qtbot, window, desk)

    assert report.ok and report.confirmed == 0
    assert report.outcomes == 2 and report.pulled == 0  # no voter row came: only decisions
    assert report.pulled_new == 2
    assert desk.status.currentMessage() == (
        "Sinkron selesai: 0 perubahan dikonfirmasi KPU, 2 perubahan dari KPU."
    )
    desk.open_sync_history()
    history = desk.history_dialog
    qtbot.waitUntil(lambda: history.loaded, timeout=5000)
    assert history.runs.runs.model_.item(0, 6).text() == "2"  # "Dari KPU"
    summary = history.runs.summary.text()
    assert "2 perubahan dari KPU (data pemilih, hasil seleksi)" in summary
    history.reject()
    decided = on_worker(qtbot, window, lambda store: application_outcomes.outcomes_by_id(store.db))
    assert {(o.application_no, o.stage.value, o.result, o.score) for o in decided.values()} == {
        (passed, "administrative_check", "passed", None),
        (tested, "written_test", None, 78.5),
    }

    again = _sync(qtbot, window, desk)  # nothing new at KPU: the decisions are news once
    assert again.ok and again.pulled_new == 0
