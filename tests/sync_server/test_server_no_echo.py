"""No echo (issue 14, docs/sync-protocol.md 5.4 and 6): a v2 push answer tells the device the
version each of its changes left, and its v2 pull then leaves out those rows — unless the
server's row is not what the device wrote (a conflict, a default the server filled in, a KPU
edit, another device's change, a refusal). A v1 laptop keeps the v1 documents, echo included."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pathlib
import time
import uuid
import zlib

from lapang_core import protocol as p
from sync_server import schema
from sync_server.db import open_database
from sync_server.repository import Repository, iso
from tests.sync_server.sync_helpers import DeviceClient, LiveServer, baru_payload, push_body

V2 = 2  # the document version of no echo, as a client writes it on the wire
_PHOTO = hashlib.sha256(b"akta kematian").hexdigest()
_TMS = {"code": 1, "evidence_type": "akta_kematian", "evidence_ref": "1/2025", "attachment": _PHOTO}


def _pulled_ids(dev: DeviceClient, cursor: int, *, version: int = V2) -> list[str]:
    return [v.id for page in dev.pull_all(cursor, version=version) for v in page.voters]


def _cursor(dev: DeviceClient) -> int:
    return dev.pull_all(0, version=V2)[-1].cursor


def _new_voter(live_server: LiveServer, index: int = 3, **payload: object) -> tuple[str, dict]:
    record = live_server.voters[index]
    return uuid.uuid4().hex, {**baru_payload(record), **payload}


def test_a_v2_answer_carries_the_versions_and_the_pull_brings_no_echo(
    live_server: LiveServer,
) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    ids = [live_server.voter_id(i) for i in range(3)]
    new_id, baru = _new_voter(live_server)
    changes = [
        dev.change("sesuai", ids[0]),
        dev.change("ubah", ids[1], {"changes": {"rt": "009"}, "original": {"rt": "001"}}),
        dev.change("tms", ids[2], _TMS),
        dev.change("baru", new_id, baru, base_version=None),
        dev.change("restore", ids[2], base_version=1),
    ]

    result = dev.push(changes, version=V2)

    assert p.DOC_VERSION_NO_ECHO == V2
    assert result.version == V2
    assert dict(result.new_versions) == {1: 2, 2: 2, 3: 3, 4: 1, 5: 3}
    assert result.need_attachment_seqs == (3,) and result.need_attachments == ()
    assert _pulled_ids(dev, cursor) == []
    # The same device asking the v1 way still gets every row (it learnt nothing from v1).
    assert sorted(_pulled_ids(dev, cursor, version=1)) == sorted([*ids, new_id])


def test_the_answer_is_a_few_bytes_per_change(live_server: LiveServer) -> None:
    dev = live_server.device()
    changes = [dev.change("sesuai", live_server.voter_id(i)) for i in range(100)]
    body = dev.push_raw(push_body(changes, version=V2))
    doc = json.loads(zlib.decompress(body.content))
    # Fresh rows all end at version 2: the hundred versions travel as one run.
    assert doc["nv"] == [[1, 100, 2]]
    assert len(body.content) < 100  # the whole answer: under a byte per change


def test_an_old_v1_laptop_gets_the_v1_documents_and_its_echo(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    vid = live_server.voter_id(0)
    change = dev.change("tms", vid, _TMS)
    # The body exactly as a laptop from before v2 builds it, key by key.
    v1_body = {
        "v": 1,
        "s0": 0,
        "t0": p.iso_to_ms(change["created_at"]),
        "of": [change["officer"]],
        "c": [[1, 3, vid, 1, 0, change["change_id"], 0, [1, "akta_kematian", "1/2025", _PHOTO]]],
    }
    response = dev.push_raw(zlib.compress(json.dumps(v1_body).encode()))
    assert response.status_code == 200, response.text
    answer = json.loads(zlib.decompress(response.content))
    assert answer["v"] == 1 and "nv" not in answer
    assert answer["att"] == [_PHOTO]  # files by hash, as v1 laptops read them
    # Its pull (no v=2 in the query) brings the row back with its new version.
    pulled = [v for page in dev.pull_all(cursor) for v in page.voters]
    assert [(v.id, v.version, v.keterangan) for v in pulled] == [(vid, 2, "1")]
    # And nothing of it was marked: the v2 pull of the same device sends it too.
    assert _pulled_ids(dev, cursor) == [vid]


def test_a_value_the_server_filled_in_comes_back(live_server: LiveServer) -> None:
    """A baru without ``sumber`` (laptops before it) gets the server's default: the laptop does
    not hold that row, so no version is told and the pull brings it."""
    dev = live_server.device()
    cursor = _cursor(dev)
    new_id, baru = _new_voter(live_server)
    del baru["sumber"]
    result = dev.push([dev.change("baru", new_id, baru, base_version=None)], version=V2)
    assert result.results[0].status is p.ChangeStatus.ACCEPTED
    assert result.new_versions == ()
    (page,) = dev.pull_all(cursor, version=V2)
    assert [(v.id, v.sumber) for v in page.voters] == [(new_id, "COKLIT")]


def test_a_conflict_comes_back_to_both_writers(live_server: LiveServer) -> None:
    first, second = live_server.device(label="a"), live_server.device(label="b")
    cursors = [_cursor(first), _cursor(second)]
    vid = live_server.voter_id(5)
    ubah = {"changes": {"rt": "091"}, "original": {"rt": "001"}}
    assert dict(first.push([first.change("ubah", vid, ubah)], version=V2).new_versions) == {1: 2}
    late = second.push(
        [second.change("ubah", vid, {"changes": {"rt": "092"}, "original": {"rt": "001"}})],
        version=V2,
    )
    assert late.results[0].status is p.ChangeStatus.CONFLICT and late.new_versions == ()
    for dev, cursor in zip((first, second), cursors, strict=True):
        assert _pulled_ids(dev, cursor) == [vid]


def test_a_kpu_edit_after_the_change_comes_back(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    vid = live_server.voter_id(0)
    dev.push([dev.change("sesuai", vid)], version=V2)
    assert _pulled_ids(dev, cursor) == []
    edited = dataclasses.replace(live_server.voters[0], alamat="JL. MERDEKA 17")
    live_server.repo.load_voters([edited], time.time())
    assert _pulled_ids(dev, cursor) == [vid]


def test_own_later_changes_stay_quiet_but_a_refused_one_sends_the_row_back(
    live_server: LiveServer,
) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    vid = live_server.voter_id(0)
    first = dev.push([dev.change("ubah", vid, {"changes": {"rt": "007"}, "original": {}})])
    assert first.results[0].status is p.ChangeStatus.REFUSED  # v1 is unchanged: a refusal
    # The laptop saved that refused change: its row differs from KPU's, so it comes back.
    assert _pulled_ids(dev, cursor) == [vid]
    cursor = _cursor(dev)
    ok = dev.push([dev.change("sesuai", vid)], version=V2)
    # Still told nothing: whether the laptop re-read the row since is not known.
    assert ok.new_versions == () and _pulled_ids(dev, cursor) == [vid]


def test_a_lost_answer_is_told_again_with_the_duplicate(live_server: LiveServer) -> None:
    dev = live_server.device()
    cursor = _cursor(dev)
    changes = [dev.change("sesuai", live_server.voter_id(i)) for i in range(3)]
    dev.push(changes, version=V2)  # pretend this answer never arrived
    again = dev.push(changes, version=V2)
    assert {r.status for r in again.results} == {p.ChangeStatus.DUPLICATE}
    assert dict(again.new_versions) == {1: 2, 2: 2, 3: 2}
    assert _pulled_ids(dev, cursor) == []


def test_a_change_held_behind_a_gap_comes_back(live_server: LiveServer) -> None:
    """Applied by a later request, a held change's version is never told: its row is pulled."""
    dev = live_server.device()
    cursor = _cursor(dev)
    first, second = (dev.change("sesuai", live_server.voter_id(i)) for i in range(2))
    held = dev.push([second], version=V2)
    assert held.results[0].status is p.ChangeStatus.HELD and held.new_versions == ()
    filled = dev.push([first], version=V2)
    assert dict(filled.new_versions) == {1: 2}
    assert _pulled_ids(dev, cursor) == [live_server.voter_id(1)]


def test_upgrade_to_0007_leaves_every_row_to_be_pulled(
    server_db: str | pathlib.Path, live_server: LiveServer
) -> None:
    """Rows written before 0007 have no marker: every device receives them as before."""
    db = open_database(server_db)
    try:
        with db.transaction(write=True) as sql:
            sql.run("DELETE FROM schema_migrations WHERE name = '0007_no_echo'")
            sql.run("ALTER TABLE voters DROP COLUMN echo_device")
            sql.run("ALTER TABLE voters DROP COLUMN echo_version")
        assert schema.migrate(db, iso(time.time())) == ["0007_no_echo"]
    finally:
        db.close()
    repo = Repository.open(server_db, time.time())
    try:
        with repo.transaction(write=False) as tx:
            markers = tx.sql.all("SELECT echo_device, echo_version FROM voters")
    finally:
        repo.close()
    assert markers and all(tuple(m) == (None, None) for m in markers)
    dev = live_server.device()
    assert len(_pulled_ids(dev, 0)) == len(live_server.voters)
