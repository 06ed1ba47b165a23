"""Conflicts: two writers on one voter. The later arrival is applied by the documented rule,
and a conflict record keeps both values for both devices and for KPU."""

from __future__ import annotations

import dataclasses
import time

from lapang_core import protocol as p
from tests.sync_server.sync_helpers import LiveServer

S = p.ChangeStatus


def _nama(dev, vid: str, old: str, new: str, base: int = 1) -> dict:
    return dev.change(
        "ubah", vid, {"changes": {"nama": new}, "original": {"nama": old}}, base_version=base
    )


def test_concurrent_edits_apply_later_arrival_and_record_both_values(
    live_server: LiveServer,
) -> None:
    a, b = live_server.device(label="A"), live_server.device(label="B")
    cursors = {a: a.pull_all()[-1].cursor, b: b.pull_all()[-1].cursor}
    vid = live_server.voter_id(5)
    original = live_server.voter_row(vid)["nama"]
    assert a.push([_nama(a, vid, original, "SITI AMINAH")]).results[0].status is S.ACCEPTED
    late = b.push([_nama(b, vid, original, "SITI AMINA")])  # also made against version 1
    result = late.results[0]
    assert result.status is S.CONFLICT and result.conflict_id and result.acknowledged
    row = live_server.voter_row(vid)
    assert (row["nama"], row["version"]) == ("SITI AMINA", 3)
    (conflict,) = live_server.repo.conflicts()
    assert conflict["id"] == result.conflict_id
    assert (conflict["device_id"], conflict["other_author"]) == (b.device_id, a.device_id)
    assert (conflict["base_version"], conflict["server_version"]) == (1, 2)
    assert '"nama":"SITI AMINAH"' in conflict["server_value"]  # the overwritten value is kept
    assert '"SITI AMINA"' in conflict["change_value"]
    assert conflict["rule"] == "later_arrival_wins"
    for device in (a, b):  # both officers see it on their next pull
        notices = [c for page in device.pull_all(cursors[device]) for c in page.conflicts]
        assert [n.id for n in notices] == [result.conflict_id]
        assert notices[0].server_value["nama"] == "SITI AMINAH"


def test_change_against_the_current_version_is_no_conflict(live_server: LiveServer) -> None:
    a, b = live_server.device(), live_server.device()
    vid = live_server.voter_id(6)
    original = live_server.voter_row(vid)["nama"]
    a.push([_nama(a, vid, original, "BUDI")])
    # B pulled version 2 before editing.
    version = next(v.version for pg in b.pull_all() for v in pg.voters if v.id == vid)
    assert version == 2
    result = b.push([_nama(b, vid, "BUDI", "BUDI SANTOSO", base=version)])
    assert result.results[0].status is S.ACCEPTED
    assert live_server.repo.conflicts() == []


def test_stale_change_never_clears_a_tms_mark(live_server: LiveServer) -> None:
    a, b = live_server.device(), live_server.device()
    vid = live_server.voter_id(7)
    tms = {
        "code": 1,
        "evidence_type": "surat_keterangan_kematian",
        "evidence_ref": "12/KEL/2025",
        "attachment": None,
    }
    assert a.push([a.change("tms", vid, tms)]).results[0].status is S.ACCEPTED
    stale = b.push([b.change("sesuai", vid)])
    assert stale.results[0].status is S.CONFLICT
    assert live_server.voter_row(vid)["keterangan"] == "1"
    assert live_server.repo.conflicts()[0]["rule"] == "tms_kept"
    restore = b.push([b.change("restore", vid, base_version=3)])
    assert restore.results[0].status is S.ACCEPTED
    row = live_server.voter_row(vid)
    assert (row["keterangan"], row["tms"]) == ("", None)


def test_kpu_reload_meanwhile_makes_the_field_change_a_conflict(live_server: LiveServer) -> None:
    dev = live_server.device()
    vid = live_server.voter_id(8)
    record = live_server.voters[8]
    updated = dataclasses.replace(record, alamat="JL. KPU NO. 1")
    assert live_server.repo.load_voters([updated], time.time()) == (0, 1)
    result = dev.push(
        [dev.change("ubah", vid, {"changes": {"rw": "007"}, "original": {"rw": record.rw}})]
    )
    assert result.results[0].status is S.CONFLICT
    (conflict,) = live_server.repo.conflicts()
    assert conflict["other_author"] == "kpu"
    row = live_server.voter_row(vid)
    assert (row["alamat"], row["rw"], row["version"]) == ("JL. KPU NO. 1", "007", 3)


def test_base_version_from_the_future_is_refused(live_server: LiveServer) -> None:
    dev = live_server.device()
    result = dev.push([dev.change("sesuai", live_server.voter_id(9), base_version=9)])
    assert (result.results[0].status, result.results[0].reason) == (S.REFUSED, "bad_base_version")
