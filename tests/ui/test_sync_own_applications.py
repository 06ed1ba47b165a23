"""The officer's own recruitment applications are not news from KPU (protocol v3, no echo of
applications): on the real desk against the real sync server on loopback, a sync that sends
two applications and two checked voters says so, receives none of them back, and counts
nothing as "dari KPU"; the applications list still shows where each stands at KPU."""

from __future__ import annotations

import datetime as dt

from desktop_app.store import application_outcomes
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
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
