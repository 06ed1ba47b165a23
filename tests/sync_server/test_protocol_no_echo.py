"""The version 2 push documents (docs/sync-protocol.md 5.4): what travels, and that a v1
answer is byte for byte what it was."""

from __future__ import annotations

import json
import zlib

import pytest

from lapang_core import protocol as p

SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def _doc(result: p.PushResult) -> dict:
    return json.loads(zlib.decompress(result.encode()))


def test_versions_travel_as_runs_and_come_back_whole() -> None:
    versions = ((1, 2), (2, 2), (3, 2), (5, 7), (6, 3), (7, 3))
    result = p.PushResult(
        (p.ChangeResult(1, p.ChangeStatus.ACCEPTED),),
        7,
        version=2,
        new_versions=versions,
        need_attachment_seqs=(6, 3),
    )
    doc = _doc(result)
    assert doc["v"] == 2
    assert doc["nv"] == [[1, 3, 2], [5, 7], [6, 7, 3]]
    assert doc["att"] == [3, 6]
    again = p.PushResult.decode(result.encode())
    assert again.new_versions == versions and again.need_attachment_seqs == (3, 6)
    assert again.need_attachments == ()


def test_a_v1_answer_names_files_by_hash_and_carries_no_versions() -> None:
    result = p.PushResult((), 3, need_attachments=(SHA,), new_versions=((1, 2),))
    assert _doc(result) == {"v": 1, "t": 0, "thr": 3, "att": [SHA]}


@pytest.mark.parametrize(
    "nv",
    [[[1]], [[2, 1, 5]], [["1", 2]], [[1, -1]], [[1, 5000, 2]], "1:2"],
)
def test_a_broken_version_list_is_malformed(nv: object) -> None:
    doc = {"v": 2, "t": 0, "thr": 0, "nv": nv}
    with pytest.raises(p.MalformedRequest):
        p.PushResult.decode(zlib.compress(json.dumps(doc).encode()))


def test_a_v2_answer_names_changes_not_hashes() -> None:
    doc = {"v": 2, "t": 0, "thr": 0, "att": [SHA]}
    with pytest.raises(p.MalformedRequest):
        p.PushResult.decode(zlib.compress(json.dumps(doc).encode()))


def test_a_push_body_of_an_unknown_version_is_refused_with_the_versions_spoken() -> None:
    change = p.Change.from_outbox(
        {
            "change_id": "0f6c2d1e9a7b4c3d8e5f60718293a4b5",
            "seq": 1,
            "entity": "voter",
            "entity_id": "3f954e882d5b5705bd6536a3d226701d",
            "op": "sesuai",
            "payload": {},
            "base_version": 1,
            "created_at": "2025-03-01T08:15:30.123+00:00",
            "officer": "Siti",
        }
    )
    doc = json.loads(zlib.decompress(p.PushRequest((change,), 2).encode()))
    assert doc["v"] == 2 and p.PushRequest.decode(p.PushRequest((change,), 2).encode()).version == 2
    doc["v"] = 4
    with pytest.raises(p.UnsupportedProtocol) as caught:
        p.PushRequest.decode(zlib.compress(json.dumps(doc).encode()))
    assert caught.value.details["supported"] == [1, 2, 3]
