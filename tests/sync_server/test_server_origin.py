"""Proof of origin (issue 15 item 6): every batch the server accepts is kept in the signed bytes
it arrived in, and ``python -m sync_server prove CHANGE_ID`` shows who made a change and checks
the device's signature over those bytes, with nothing but the database."""

from __future__ import annotations

from typing import Any

from lapang_core import protocol as p
from tests.sync_server.sync_helpers import AREA, DeviceClient, LiveServer
from tests.sync_server.test_server_cli import cli

S = p.ChangeStatus


def _ubah(server: LiveServer, dev: DeviceClient, index: int, rt: str) -> dict[str, Any]:
    voter_id = server.voter_id(index)
    before = server.voter_row(voter_id)
    return dev.change("ubah", voter_id, {"changes": {"rt": rt}, "original": {"rt": before["rt"]}})


def _batches(server: LiveServer) -> list[dict[str, Any]]:
    with server.repo.transaction(write=False) as tx:
        rows = tx.sql.all("SELECT * FROM signed_batches ORDER BY received_at, batch_id")
    return [dict(row) for row in rows]


def _pointer(server: LiveServer, change_id: str) -> tuple[str, int]:
    with server.repo.transaction(write=False) as tx:
        row = tx.sql.one(
            "SELECT batch_id, batch_pos FROM changes WHERE change_id = ?", (change_id,)
        )
    return row["batch_id"], row["batch_pos"]


def test_prove_shows_device_and_officer_and_verifies_the_signed_bytes(
    live_server: LiveServer,
) -> None:
    dev = live_server.device(label="laptop PPS Ridan")
    changes = [
        dev.change("sesuai", live_server.voter_id(0)),
        _ubah(live_server, dev, 1, "017"),
        dev.change("sesuai", live_server.voter_id(2)),
    ]
    changes[1]["officer"] = "Siti Rahmawati"
    result = dev.push(changes)
    assert [r.status for r in result.results] == [S.ACCEPTED] * 3

    proof = cli("prove", changes[1]["change_id"], db=live_server.db)

    assert proof.returncode == 0, proof.stderr
    out = proof.stdout
    assert f"Ed25519 signature of device {dev.device_id} over the stored bytes" in out
    assert f"area {AREA}" in out and "laptop PPS Ridan" in out
    assert "officer     Siti Rahmawati" in out
    assert changes[1]["change_id"] in out and '"rt": "017"' in out  # decoded from the bytes
    assert "change 2," in out  # its position in the batch
    # One batch kept for the three changes, the body exactly as it went over the wire.
    (batch,) = _batches(live_server)
    body = p.PushRequest.from_outbox(changes).encode()
    assert bytes(batch["body"]) == body
    assert bytes(batch["signature"]) and len(bytes(batch["signature"])) == 64
    assert batch["path"] == "/v1/push" and batch["via"] == "push"


def test_tampered_bytes_or_pointer_make_prove_fail(live_server: LiveServer) -> None:
    dev = live_server.device()
    changes = [dev.change("sesuai", live_server.voter_id(i)) for i in range(3)]
    dev.push(changes)
    batch_id, _ = _pointer(live_server, changes[0]["change_id"])
    (batch,) = _batches(live_server)
    body = bytearray(bytes(batch["body"]))
    body[len(body) // 2] ^= 0x01
    with live_server.repo.transaction(write=True) as tx:
        tx.sql.run("UPDATE signed_batches SET body = ? WHERE batch_id = ?", (bytes(body), batch_id))

    altered = cli("prove", changes[0]["change_id"], db=live_server.db)

    assert altered.returncode == 1
    assert "does NOT verify" in altered.stderr and altered.stdout == ""

    # Bytes restored, but the change row now points at another change of the batch.
    with live_server.repo.transaction(write=True) as tx:
        tx.sql.run(
            "UPDATE signed_batches SET body = ? WHERE batch_id = ?", (batch["body"], batch_id)
        )
        tx.sql.run(
            "UPDATE changes SET batch_pos = 2 WHERE change_id = ?", (changes[0]["change_id"],)
        )
    moved = cli("prove", changes[0]["change_id"], db=live_server.db)
    assert moved.returncode == 1 and "holds another change" in moved.stderr
    assert cli("prove", changes[1]["change_id"], db=live_server.db).returncode == 0


def test_a_batch_moved_to_another_device_does_not_verify(live_server: LiveServer) -> None:
    dev, other = live_server.device(), live_server.device(label="laptop-2")
    change = dev.change("sesuai", live_server.voter_id(0))
    dev.push([change])
    with live_server.repo.transaction(write=True) as tx:
        tx.sql.run(
            "UPDATE changes SET device_id = ? WHERE device_id = ?", (other.device_id, dev.device_id)
        )
        tx.sql.run(
            "UPDATE signed_batches SET device_id = ? WHERE device_id = ?",
            (other.device_id, dev.device_id),
        )
    result = cli("prove", change["change_id"], db=live_server.db)
    assert result.returncode == 1 and "does NOT verify" in result.stderr


def test_a_retry_keeps_no_second_copy_and_an_overlapping_batch_keeps_only_its_news(
    live_server: LiveServer,
) -> None:
    dev = live_server.device()
    first = [dev.change("sesuai", live_server.voter_id(i)) for i in range(2)]
    dev.push(first)
    # The answer was lost: the laptop resends the same changes (new nonce, same body).
    again = dev.push(first)
    assert [r.status for r in again.results] == [S.DUPLICATE] * 2
    assert len(_batches(live_server)) == 1
    # Next run it sends them again with a new one behind them.
    newer = dev.change("sesuai", live_server.voter_id(2))
    result = dev.push([*first, newer])
    assert [r.status for r in result.results] == [S.DUPLICATE, S.DUPLICATE, S.ACCEPTED]

    batches = {b["batch_id"]: p.PushRequest.decode(bytes(b["body"])) for b in _batches(live_server)}
    assert len(batches) == 2
    first_batch, _ = _pointer(live_server, first[0]["change_id"])
    newer_batch, newer_pos = _pointer(live_server, newer["change_id"])
    assert len(batches[first_batch].changes) == 2
    assert len(batches[newer_batch].changes) == 3 and newer_pos == 2
    for change in (*first, newer):
        assert cli("prove", change["change_id"], db=live_server.db).returncode == 0


def test_missing_bytes_and_unknown_changes_are_said_plainly(live_server: LiveServer) -> None:
    dev = live_server.device()
    change = dev.change("sesuai", live_server.voter_id(0))
    dev.push([change])
    with live_server.repo.transaction(write=True) as tx:
        # As a change received before 0010_proof_of_origin is stored.
        tx.sql.run("DELETE FROM signed_batches")
        tx.sql.run("UPDATE changes SET batch_pos = NULL")

    missing = cli("prove", change["change_id"], db=live_server.db)
    unknown = cli("prove", "0" * 32, db=live_server.db)

    assert missing.returncode == 1 and "signed bytes" in missing.stderr
    assert "are missing" in missing.stderr and "0010_proof_of_origin" in missing.stderr
    assert unknown.returncode == 1 and "No change" in unknown.stderr


def test_prove_shows_a_hostile_officer_name_without_obeying_it(live_server: LiveServer) -> None:
    dev = live_server.device()
    change = dev.change("sesuai", live_server.voter_id(0))
    change["officer"] = "Siti\x1b[2J\u202e"
    dev.push([change])
    result = cli("prove", change["change_id"], db=live_server.db)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "Siti\\x1b[2J\\u202e" in result.stdout
