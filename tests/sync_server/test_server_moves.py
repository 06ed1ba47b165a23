"""A TMS-8 move at KPU: the TMS-8 and the baru that follows it from the same laptop are one
change, applied or refused together (docs/sync-protocol.md 5.3, "Moves"). A person marked at
the old TPS is never left without a row at the new one."""

from __future__ import annotations

import dataclasses
import time
import uuid
from typing import Any

from lapang_core import protocol as p
from lapang_core.domain.region import parse_tps_id
from lapang_core.domain.voter import VoterRecord
from sync_server import ingest
from tests.sync_server.sync_helpers import DeviceClient, LiveServer, baru_payload

S = p.ChangeStatus


def _target(tps_id: str) -> str:
    desa, nomor = parse_tps_id(tps_id)
    return f"{desa}.{nomor % 999 + 1:03d}"


def _move(
    dev: DeviceClient, voter_id: str, record: VoterRecord, **baru_changes: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two changes a laptop's tms8_move queues, at consecutive seqs."""
    target = _target(record.tps_id)
    new_id = uuid.uuid4().hex
    tms = dev.change(
        "tms",
        voter_id,
        {
            "code": 8,
            "evidence_type": "",
            "evidence_ref": target,
            "attachment": None,
            "target_tps_id": target,
            "new_voter_id": new_id,
        },
    )
    moved = dataclasses.replace(record, **baru_changes)
    baru = dev.change("baru", new_id, baru_payload(moved, target), base_version=None)
    return tms, baru


def _row_or_none(server: LiveServer, voter_id: str) -> dict[str, Any] | None:
    with server.repo.transaction(write=False) as tx:
        return tx.voter(voter_id)


def test_a_move_with_a_blank_element_is_applied_whole(live_server: LiveServer) -> None:
    dev = live_server.device()
    record = dataclasses.replace(live_server.voters[3], tempat_lahir="", rt="")
    voter_id = live_server.voter_id(3)
    tms, baru = _move(dev, voter_id, record)

    result = dev.push([tms, baru])

    assert [r.status for r in result.results] == [S.ACCEPTED, S.ACCEPTED]
    assert live_server.voter_row(voter_id)["keterangan"] == "8"
    moved = live_server.voter_row(baru["entity_id"])
    assert (moved["tps_id"], moved["keterangan"], moved["tempat_lahir"]) == (
        tms["payload"]["target_tps_id"],
        "B",
        "",
    )


def test_a_tms8_waits_for_its_baru_from_a_later_batch(live_server: LiveServer) -> None:
    dev = live_server.device()
    voter_id = live_server.voter_id(4)
    tms, baru = _move(dev, voter_id, live_server.voters[4])

    first = dev.push([tms])

    assert first.results[0].status is S.HELD
    assert first.missing == ((baru["seq"], baru["seq"]),)  # the answer asks for the baru
    assert live_server.voter_row(voter_id)["keterangan"] == ""

    second = dev.push([baru])

    assert second.applied_through == baru["seq"]
    assert live_server.voter_row(voter_id)["keterangan"] == "8"
    assert live_server.voter_row(baru["entity_id"])["keterangan"] == "B"


def test_a_move_whose_baru_breaks_a_rule_is_refused_whole(live_server: LiveServer) -> None:
    dev = live_server.device()
    voter_id = live_server.voter_id(5)
    tms, baru = _move(dev, voter_id, live_server.voters[5], jenis_kelamin="X")

    result = dev.push([tms, baru])

    assert [(r.status, r.reason) for r in result.results] == [(S.REFUSED, "invalid_value")] * 2
    assert all("[jenis_kelamin.invalid]" in (r.message or "") for r in result.results)
    assert live_server.voter_row(voter_id)["keterangan"] == ""  # still listed at the old TPS
    assert _row_or_none(live_server, baru["entity_id"]) is None
    # Both refusals reach the laptop's pull as well, each for its own change.
    refused = {r.seq for page in dev.pull_all() for r in page.refusals}
    assert refused == {tms["seq"], baru["seq"]}


def test_a_move_of_another_person_is_refused_whole(live_server: LiveServer) -> None:
    dev = live_server.device()
    voter_id = live_server.voter_id(6)
    other_nik = live_server.voters[7].nik
    tms, baru = _move(dev, voter_id, live_server.voters[6], nik=other_nik)

    result = dev.push([tms, baru])

    assert {(r.status, r.reason) for r in result.results} == {(S.REFUSED, "invalid_value")}
    assert "[tms8.other_person]" in (result.results[0].message or "")
    assert live_server.voter_row(voter_id)["keterangan"] == ""


def test_a_tms8_without_its_baru_is_refused_not_half_applied(live_server: LiveServer) -> None:
    dev = live_server.device()
    voter_id = live_server.voter_id(8)
    tms, _ = _move(dev, voter_id, live_server.voters[8])
    dev.next_seq = tms["seq"] + 1  # the next change is not the baru
    other = dev.change("sesuai", live_server.voter_id(9))

    result = dev.push([tms, other])

    assert [(r.status, r.reason) for r in result.results] == [
        (S.REFUSED, "move_incomplete"),
        (S.ACCEPTED, None),
    ]
    assert live_server.voter_row(voter_id)["keterangan"] == ""


def test_release_gap_releases_the_baru_a_tms8_waits_for(live_server: LiveServer) -> None:
    dev = live_server.device()
    voter_id = live_server.voter_id(10)
    tms, _ = _move(dev, voter_id, live_server.voters[10])
    assert dev.push([tms]).results[0].status is S.HELD

    released, through = ingest.release_gap(live_server.repo, dev.device_id, time.time(), None)

    assert (released, through) == ([tms["seq"] + 1], tms["seq"] + 1)
    assert live_server.voter_row(voter_id)["keterangan"] == ""
    refusals = {r.seq: r.reason for page in dev.pull_all() for r in page.refusals}
    assert refusals[tms["seq"]] == "move_incomplete"
