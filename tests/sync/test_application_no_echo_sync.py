"""No echo of applications on the desk, end to end (the real store, the real server on
loopback): the push answer tells the laptop its own applications' outcome versions, the laptop
stores each outcome as it wrote it, and the pull brings none of them back — yet after every
sync the laptop holds exactly the outcomes the server holds for it. KPU's decisions still
arrive, and a second laptop of the area receives everything."""

from __future__ import annotations

import datetime as dt
import pathlib
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import application_outcomes
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
from sync_server import decisions
from tests.conftest import OFFICER, PASSPHRASE
from tests.store.test_application_service import _applicant
from tests.support.sync_env import AREA, RunningServer
from tests.sync.conftest import Enrolled, enroll_store
from tests.sync.echo_helpers import differences, laptop_outcomes, server_outcomes

DESA = "14.01.01.2009"  # inside AREA
BORN = dt.date(1991, 8, 3)


def _submit(store: FieldStore, serial: int, body: AdhocBody = AdhocBody.PPS) -> tuple[str, str]:
    """A complete application taken on this laptop and submitted: (id, number)."""
    service = ApplicationService(store)
    nik = encode_nik(AREA, BORN, "P", serial)
    app_id = service.save_draft(
        _applicant(nik=nik, tanggal_lahir=BORN, domisili_kode=DESA), body, DESA
    )
    return app_id, service.submit(app_id).application_no


def _in_step(enrolled: Enrolled) -> list[str]:
    server = server_outcomes(enrolled.server.repo, enrolled.result.device_id)
    return differences(laptop_outcomes(enrolled.store), server)


@pytest.fixture()
def office(enrolled: Enrolled) -> Enrolled:
    enrolled.store.set_election_date(dt.date(2029, 2, 14))
    return enrolled


def test_own_applications_are_not_pulled_back_and_the_laptop_stays_in_step(
    office: Enrolled,
) -> None:
    taken = [_submit(office.store, serial) for serial in (41, 42, 43)]

    report = office.engine.run_once()

    assert report.ok and report.confirmed == 3
    # Nothing came back: no outcome received, nothing counted as news from KPU.
    assert report.outcomes == 0 and report.pulled_new == 0
    held = laptop_outcomes(office.store)
    assert sorted(held) == sorted(app_id for app_id, _ in taken)
    assert {(o["stage"], o["result"], o["version"]) for o in held.values()} == {
        ("registration", None, 1)
    }
    assert _in_step(office) == []
    # The list shows each as KPU holds it (registration), joined to the form on this laptop.
    outcome = application_outcomes.outcome_of(office.store.db, taken[0][0])
    assert outcome is not None and outcome.local and outcome.application_no == taken[0][1]


def test_kpu_decisions_still_arrive_and_only_they(office: Enrolled) -> None:
    taken = [_submit(office.store, serial) for serial in (44, 45)]
    assert office.engine.run_once().ok
    number = taken[1][1]
    decisions.set_stage(
        office.server.repo, number, "administrative_check", result="failed", now=time.time()
    )

    report = office.engine.run_once()

    assert report.ok and report.outcomes == 1
    assert report.pulled_new == 1  # KPU's decision is news to the officer
    decided = application_outcomes.outcome_of(office.store.db, taken[1][0])
    assert decided is not None
    assert (decided.stage.value, decided.result) == ("administrative_check", "failed")
    assert _in_step(office) == []
    stage = office.store.db.execute(
        "SELECT stage, stage_result FROM applications WHERE id = ?", [taken[1][0]]
    ).fetchone()
    assert tuple(stage) == ("administrative_check", "failed")


def test_a_second_laptop_of_the_office_receives_them_all(
    office: Enrolled,
    tmp_path: pathlib.Path,
    sync_server: RunningServer,
    kpu_public: Ed25519PublicKey,
    recovery_keys: tuple[bytes, bytes],
) -> None:
    taken = [_submit(office.store, serial) for serial in (46, 47)]
    assert office.engine.run_once().ok
    other_store = Vault(tmp_path / "laptop-b").create(
        OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF
    )
    with other_store:
        other = enroll_store(other_store, sync_server, kpu_public)
        try:
            assert sorted(laptop_outcomes(other_store)) == sorted(i for i, _ in taken)
            assert _in_step(other) == []
        finally:
            other.client.close()
    assert _in_step(office) == []
