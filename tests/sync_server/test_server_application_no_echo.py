"""No echo of applications (docs/sync-protocol.md 5.4 and 6, document version 3): a v3 push
answer tells the device its application's outcome version when KPU's row is exactly what the
device wrote, and its v3 pull leaves that outcome out. A KPU decision, a normalised number or
area, a duplicate the device can see, a refusal, a change applied later than its answer send
it back. A v1 laptop, and a v2 laptop (no echo of voters only), keep their documents."""

from __future__ import annotations

import json
import pathlib
import time
import zlib

from lapang_core import protocol as p
from sync_server import decisions, schema
from sync_server.db import open_database
from sync_server.repository import Repository, iso
from tests.sync_server.application_helpers import DESA, submission, synthetic_nik
from tests.sync_server.sync_helpers import DeviceClient, LiveServer

V3 = 3  # the document version of no echo of applications, as a client writes it on the wire


def _pulled(dev: DeviceClient, cursor: int, *, version: int = V3) -> list[p.ApplicationOutcome]:
    return [a for page in dev.pull_all(cursor, version=version) for a in page.applications]


def _pulled_ids(dev: DeviceClient, cursor: int, *, version: int = V3) -> list[str]:
    return [a.id for a in _pulled(dev, cursor, version=version)]


def _cursor(dev: DeviceClient) -> int:
    return dev.pull_all(0, version=V3)[-1].cursor


def test_a_v3_answer_tells_the_outcome_version_and_the_pull_leaves_it_out(
    live_server: LiveServer,
) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    vid = live_server.voter_id(0)
    first = submission(dev, synthetic_nik(1))
    sesuai = dev.change("sesuai", vid)
    apps = [first, *(submission(dev, synthetic_nik(i)) for i in (2, 3))]
    changes = [first, sesuai, *apps[1:]]

    result = dev.push(changes, version=V3)

    assert p.DOC_VERSION_APPLICATION_NO_ECHO == V3 and result.version == V3
    assert {r.status for r in result.results} == {p.ChangeStatus.ACCEPTED}
    # The voter's version as in v2, and each new application's outcome at version 1.
    assert dict(result.new_versions) == {1: 1, 2: 2, 3: 1, 4: 1}
    assert _pulled_ids(dev, cursor) == []
    assert [v.id for page in dev.pull_all(cursor, version=V3) for v in page.voters] == []
    # The same device asking the v1 or the v2 way still gets every outcome.
    ids = sorted(a["entity_id"] for a in apps)
    assert sorted(_pulled_ids(dev, cursor, version=1)) == ids
    assert sorted(_pulled_ids(dev, cursor, version=2)) == ids
    # Another device of the area receives them as always.
    other = live_server.device(label="b")
    assert sorted(_pulled_ids(other, 0)) == ids


def test_a_v2_laptop_gets_no_application_version_and_its_outcome_back(
    live_server: LiveServer,
) -> None:
    """A laptop of issue 14 reads ``nv`` for voters only and keeps no outcome from it: telling
    it an application's version and leaving the outcome out would leave it without one."""
    dev = live_server.device()
    cursor = _cursor(dev)
    app = submission(dev, synthetic_nik(5))
    result = dev.push([app, dev.change("sesuai", live_server.voter_id(1))], version=2)
    assert dict(result.new_versions) == {2: 2}
    assert _pulled_ids(dev, cursor, version=2) == [app["entity_id"]]
    # Nothing was marked: a v3 pull of the same device brings it too.
    assert _pulled_ids(dev, cursor) == [app["entity_id"]]


def test_an_old_v1_laptop_gets_the_v1_documents_and_its_echo(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    app = submission(dev, synthetic_nik(6))
    # The body exactly as a laptop from before v2 builds it, key by key (op 5: a submit).
    v1_body = {
        "v": 1,
        "s0": 0,
        "t0": p.iso_to_ms(app["created_at"]),
        "of": [app["officer"]],
        "c": [[1, 5, app["entity_id"], None, 0, app["change_id"], 0, app["payload"]]],
    }
    response = dev.push_raw(zlib.compress(json.dumps(v1_body).encode()))
    assert response.status_code == 200, response.text
    answer = json.loads(zlib.decompress(response.content))
    assert answer == {"v": 1, "t": answer["t"], "thr": 1, "a": [[1, 1]]}
    (outcome,) = _pulled(dev, cursor, version=1)
    assert (outcome.id, outcome.stage, outcome.version) == (app["entity_id"], "registration", 1)
    assert _pulled_ids(dev, cursor) == [app["entity_id"]]


def test_a_kpu_decision_after_the_submission_comes_back(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    app = submission(dev, synthetic_nik(7))
    assert dict(dev.push([app], version=V3).new_versions) == {1: 1}
    assert _pulled_ids(dev, cursor) == []
    number = app["payload"]["application_no"]
    decisions.set_stage(
        live_server.repo, number, "administrative_check", result="passed", now=time.time()
    )
    (outcome,) = _pulled(dev, cursor)
    assert (outcome.id, outcome.stage, outcome.result, outcome.version) == (
        app["entity_id"],
        "administrative_check",
        "passed",
        2,
    )


def test_a_number_or_area_the_server_normalised_comes_back(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    spaced = submission(dev, synthetic_nik(8))
    spaced["payload"]["application_no"] += " "
    undotted = submission(dev, synthetic_nik(9), area=DESA.replace(".", ""))
    result = dev.push([spaced, undotted], version=V3)
    assert {r.status for r in result.results} == {p.ChangeStatus.ACCEPTED}
    assert result.new_versions == ()
    pulled = {a.id: a for a in _pulled(dev, cursor)}
    assert pulled[spaced["entity_id"]].application_no == spaced["payload"]["application_no"].strip()
    assert pulled[undotted["entity_id"]].area_code == DESA


def test_a_duplicate_the_device_can_see_comes_back(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    first = submission(dev, synthetic_nik(10))
    assert dict(dev.push([first], version=V3).new_versions) == {1: 1}
    second = submission(dev, synthetic_nik(10), body="KPPS", area=DESA + ".001")
    assert dev.push([second], version=V3).new_versions == ()
    pulled = {a.id: a for a in _pulled(dev, cursor)}
    first_no, second_no = (c["payload"]["application_no"] for c in (first, second))
    # Both now name each other: neither is what the device wrote.
    assert pulled[second["entity_id"]].duplicates == (first_no,)
    assert pulled[first["entity_id"]].duplicates == (second_no,)


def test_a_duplicate_only_listed_quietly_still_reaches_the_device(live_server: LiveServer) -> None:
    """A newcomer outside the row's working area updates its list without a new version or rev
    (its TPS's devices must not learn of it); the device that holds the row as it wrote it
    still sees the newcomer, so its next pull brings the row, as it would without the marker."""
    dev = live_server.device(area=DESA, label="desa")
    cursor = _cursor(dev)
    kpps = submission(dev, synthetic_nik(11), body="KPPS", area=DESA + ".001")
    assert dict(dev.push([kpps], version=V3).new_versions) == {1: 1}
    other = live_server.device(area=DESA, label="other")
    pps = submission(other, synthetic_nik(11))
    assert other.push([pps], version=V3).results[0].status is p.ChangeStatus.ACCEPTED
    pulled = {a.id: a for a in _pulled(dev, cursor)}
    assert pulled[kpps["entity_id"]].version == 1
    assert pulled[kpps["entity_id"]].duplicates == (pps["payload"]["application_no"],)


def test_a_lost_answer_is_told_again_with_the_duplicate(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    app = submission(dev, synthetic_nik(12))
    dev.push([app], version=V3)  # pretend this answer never arrived
    again = dev.push([app], version=V3)
    assert again.results[0].status is p.ChangeStatus.DUPLICATE
    assert dict(again.new_versions) == {1: 1}
    assert _pulled_ids(dev, cursor) == []


def test_a_lost_answer_after_a_quiet_duplicate_sends_the_row_again(
    live_server: LiveServer,
) -> None:
    """The device pulled past its row while the answer was lost, then a quiet change made the
    row no longer what it wrote: the retry's answer cannot tell it, so the row gets a new rev."""
    dev = live_server.device(area=DESA, label="desa")
    kpps = submission(dev, synthetic_nik(13), body="KPPS", area=DESA + ".001")
    dev.push([kpps], version=V3)  # the answer is lost
    cursor = _cursor(dev)  # and its pull leaves the row out
    other = live_server.device(area=DESA, label="other")
    other.push([submission(other, synthetic_nik(13))], version=V3)
    again = dev.push([kpps], version=V3)
    assert again.results[0].status is p.ChangeStatus.DUPLICATE and again.new_versions == ()
    assert kpps["entity_id"] in _pulled_ids(dev, cursor)


def test_a_change_held_behind_a_gap_comes_back(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    first, second = (submission(dev, synthetic_nik(i)) for i in (14, 15))
    held = dev.push([second], version=V3)
    assert held.results[0].status is p.ChangeStatus.HELD and held.new_versions == ()
    filled = dev.push([first], version=V3)
    assert dict(filled.new_versions) == {1: 1}
    assert _pulled_ids(dev, cursor) == [second["entity_id"]]


def test_a_resubmission_stays_quiet_but_a_refused_one_sends_the_row_back(
    live_server: LiveServer,
) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    app = submission(dev, synthetic_nik(16))
    dev.push([app], version=V3)
    again = submission(
        dev,
        synthetic_nik(16),
        nama="Pelamar Sintetis Dua",
        application_id=app["entity_id"],
        application_no=app["payload"]["application_no"],
    )
    result = dev.push([again], version=V3)
    assert result.results[0].status is p.ChangeStatus.ACCEPTED
    assert dict(result.new_versions) == {2: 2}
    assert _pulled_ids(dev, cursor) == []
    renumbered = submission(
        dev, synthetic_nik(16), application_id=app["entity_id"], application_no="PPS-OTHER-1"
    )
    refused = dev.push([renumbered], version=V3)
    assert refused.results[0].reason == "invalid_payload" and refused.new_versions == ()
    (outcome,) = _pulled(dev, cursor)
    assert (outcome.id, outcome.application_no, outcome.version) == (
        app["entity_id"],
        app["payload"]["application_no"],
        2,
    )


def test_a_submit_refused_on_arrival_sends_the_row_back(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    app = submission(dev, synthetic_nik(19))
    assert dict(dev.push([app], version=V3).new_versions) == {1: 1}
    broken = submission(
        dev,
        synthetic_nik(19),
        body="KPU",  # no body a server files: refused before it is applied
        application_id=app["entity_id"],
        application_no=app["payload"]["application_no"],
    )
    refused = dev.push([broken], version=V3)
    assert refused.results[0].reason == "invalid_payload" and refused.new_versions == ()
    assert _pulled_ids(dev, cursor) == [app["entity_id"]]


def test_upgrade_to_0014_leaves_every_application_to_be_pulled(
    server_db: str | pathlib.Path, live_server: LiveServer
) -> None:
    """Applications filed before 0014 have no marker: every device receives them as before."""
    dev = live_server.device()
    apps = [submission(dev, synthetic_nik(i)) for i in (17, 18)]
    dev.push(apps, version=2)
    db = open_database(server_db)
    try:
        with db.transaction(write=True) as sql:
            sql.run("DELETE FROM schema_migrations WHERE name = '0014_application_no_echo'")
            sql.run("ALTER TABLE applications DROP COLUMN echo_device")
            sql.run("ALTER TABLE applications DROP COLUMN echo_version")
        assert schema.migrate(db, iso(time.time())) == ["0014_application_no_echo"]
    finally:
        db.close()
    repo = Repository.open(server_db, time.time())
    try:
        with repo.transaction(write=False) as tx:
            markers = tx.sql.all("SELECT echo_device, echo_version FROM applications")
    finally:
        repo.close()
    assert len(markers) == 2 and all(tuple(m) == (None, None) for m in markers)
    assert sorted(_pulled_ids(dev, 0)) == sorted(a["entity_id"] for a in apps)
