"""Return bundles end to end with the real server and the real encrypted store: KPU's reply,
written by ``sync_server.return_bundle`` and applied by ``lapang import-bundle``'s code. Only a
signed acknowledgement marks a change sent; refusals go to quarantine; news is applied as a pull
page; an older bundle after a newer one changes nothing wrong; a tampered, truncated, foreign,
replayed or oversized file is refused with nothing stored."""

from __future__ import annotations

import pathlib

import pytest

from desktop_app.store import outbox, sync_state
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.bundle_import import (
    ReturnBundleAlreadyApplied,
    ReturnBundleRefused,
    import_return_bundle,
)
from lapang_core import protocol as p
from lapang_core.protocol import seal
from sync_server.return_bundle import write_return_bundle
from tests.sync.conftest import Enrolled, enroll_store


@pytest.fixture()
def return_key():
    return p.generate_key()


def _deliver_by_hand(enrolled: Enrolled) -> int:
    """What import-bundle does at the KPU office with the laptop's outgoing bundle: push its
    pending changes, signed by the device, without the laptop hearing the answer."""
    db = enrolled.store.db
    enrollment = sync_state.require_enrollment(db)
    entries = outbox.pending_entries(db, limit=1000)
    changes = []
    for entry in entries:
        wire = entry.to_wire()
        wire["seq"] = enrollment.wire_seq(entry.seq)
        changes.append(p.Change.from_outbox(wire))
    enrolled.client.push(p.PushRequest(tuple(changes)).encode())
    return len(entries)


def _return(enrolled: Enrolled, return_key, folder: pathlib.Path, since: int | None = None):
    folder.mkdir(exist_ok=True)
    if since is None:
        since = sync_state.require_enrollment(enrolled.store.db).pull_cursor
    return write_return_bundle(
        enrolled.server.repo, return_key, enrolled.result.device_id, folder, since=since
    )


def _import(enrolled: Enrolled, path: pathlib.Path, return_key, **kw):
    return import_return_bundle(
        enrolled.store, path, return_key.public_key(), kpu_key=enrolled.engine.kpu_keys, **kw
    )


def _state(enrolled: Enrolled) -> tuple:
    db = enrolled.store.db
    return (
        outbox.counts(db),
        sync_state.require_enrollment(db).pull_cursor,
        db.execute("SELECT count(*) FROM return_bundles").fetchone()[0],
        db.execute("SELECT count(*) FROM sync_runs").fetchone()[0],
        db.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0],
        db.execute("SELECT sum(version) FROM voters").fetchone()[0],
    )


def test_a_signed_acknowledgement_marks_changes_sent_and_news_arrives(
    enrolled: Enrolled, return_key, tmp_path, recovery_keys, kpu_public
) -> None:
    store, server = enrolled.store, enrolled.server
    service = VoterService(store)
    ids = [server.voter_id(i) for i in range(3)]
    service.mark_sesuai(ids[0])
    service.ubah(ids[1], {"rt": "009"})
    # Another laptop of the area changes a voter: news for this one.
    from desktop_app.store.keyslots import TEST_KDF
    from desktop_app.store.vault import Vault

    other_store = Vault(tmp_path / "laptop2").create(
        "Budi Santoso", "sawah-hijau-di-lembah", recovery_keys[1], kdf=TEST_KDF
    )
    other = enroll_store(other_store, server, kpu_public)
    VoterService(other_store).ubah(ids[2], {"rt": "042"})
    assert other.engine.run_once().ok
    other_store.close()

    assert _deliver_by_hand(enrolled) == 2
    assert outbox.counts(store.db)["pending"] == 2  # delivered, but nothing is known here yet
    cursor_before = sync_state.require_enrollment(store.db).pull_cursor
    written = _return(enrolled, return_key, tmp_path / "stick")
    applied = _import(enrolled, written.path, return_key)

    assert applied.confirmed == 2 and applied.cursor_advanced and applied.news_applied
    assert outbox.counts(store.db) == {"pending": 0, "sent": 2, "refused": 0}
    assert sync_state.require_enrollment(store.db).pull_cursor == written.cursor > cursor_before
    row = store.db.execute("SELECT rt FROM voters WHERE id = ?", [ids[2]]).fetchone()
    assert row == ("042",)
    (run,) = sync_state.recent_runs(store.db, 1)
    assert run.trigger == "return_bundle" and run.confirmed == 2


def test_a_refusal_in_a_return_bundle_goes_to_quarantine(
    enrolled: Enrolled, return_key, tmp_path
) -> None:
    store, server = enrolled.store, enrolled.server
    vid = server.voter_id(4)
    VoterService(store).ubah(vid, {"rt": "010"})
    # KPU removes the voter before the change arrives: it is refused when applied.
    with server.repo.transaction(write=True) as tx:
        tx.sql.run("UPDATE voters SET tps_id = '99.99.99.9999.001' WHERE id = ?", (vid,))
    _deliver_by_hand(enrolled)
    written = _return(enrolled, return_key, tmp_path / "stick")
    applied = _import(enrolled, written.path, return_key)
    assert applied.refused == 1 and applied.confirmed == 0
    assert outbox.counts(store.db) == {"pending": 0, "sent": 0, "refused": 1}
    (quarantined,) = sync_state.quarantine(store.db)
    assert quarantined.refusal_code == "unknown_voter"


def test_an_older_return_bundle_after_a_newer_one_changes_nothing_wrong(
    enrolled: Enrolled, return_key, tmp_path
) -> None:
    store, server = enrolled.store, enrolled.server
    vid = server.voter_id(6)
    VoterService(store).ubah(vid, {"rt": "011"})
    _deliver_by_hand(enrolled)
    older = _return(enrolled, return_key, tmp_path / "a")
    # KPU changes the voter again: only the newer bundle carries that.
    with server.repo.transaction(write=True) as tx:
        rev = tx.next_revs(1)
        tx.sql.run(
            "UPDATE voters SET rt = '077', version = version + 1, rev = ? WHERE id = ?",
            (rev, vid),
        )
    newer = _return(enrolled, return_key, tmp_path / "b")
    assert newer.number > older.number and newer.cursor > older.cursor

    assert _import(enrolled, newer.path, return_key).confirmed == 1
    after_newer = _state(enrolled)
    applied = _import(enrolled, older.path, return_key)

    assert not applied.news_applied and not applied.cursor_advanced and applied.confirmed == 0
    state = _state(enrolled)
    assert state[0] == after_newer[0] and state[1] == after_newer[1] == newer.cursor
    assert store.db.execute("SELECT rt FROM voters WHERE id = ?", [vid]).fetchone() == ("077",)


def test_the_same_return_bundle_twice_is_refused_and_changes_nothing(
    enrolled: Enrolled, return_key, tmp_path
) -> None:
    VoterService(enrolled.store).mark_sesuai(enrolled.server.voter_id(1))
    _deliver_by_hand(enrolled)
    written = _return(enrolled, return_key, tmp_path / "stick")
    _import(enrolled, written.path, return_key)
    before = _state(enrolled)
    with pytest.raises(ReturnBundleAlreadyApplied, match="applied before"):
        _import(enrolled, written.path, return_key)
    assert _state(enrolled) == before


def _refused(enrolled: Enrolled, path: pathlib.Path, key, error, match: str, **kw) -> None:
    before = _state(enrolled)
    with pytest.raises(error, match=match):
        _import(enrolled, path, key, **kw)
    assert _state(enrolled) == before  # nothing stored, nothing marked


def test_damaged_foreign_forged_and_oversized_bundles_are_refused_with_nothing_stored(
    enrolled: Enrolled, return_key, tmp_path, recovery_keys, kpu_public
) -> None:
    store, server = enrolled.store, enrolled.server
    VoterService(store).mark_sesuai(server.voter_id(2))
    _deliver_by_hand(enrolled)
    written = _return(enrolled, return_key, tmp_path / "stick")
    data = written.path.read_bytes()

    tampered = tmp_path / "tampered.lapang"
    tampered.write_bytes(data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    _refused(enrolled, tampered, return_key, seal.BundleTampered, "altered")

    truncated = tmp_path / "truncated.lapang"
    truncated.write_bytes(data[: len(data) // 2])
    _refused(enrolled, truncated, return_key, seal.BundleTruncated, "incomplete")

    oversized = tmp_path / "oversized.lapang"
    oversized.write_bytes(data)
    _refused(
        enrolled, oversized, return_key, seal.BundleTooLarge, "at most", max_bytes=len(data) - 1
    )

    # Signed by someone other than KPU's server (who can seal to this laptop's public key).
    forger = p.generate_key()
    forged = write_return_bundle(
        server.repo, forger, enrolled.result.device_id, tmp_path / "stick", since=0
    )
    _refused(enrolled, forged.path, return_key, seal.BundleTampered, "signature")

    # Sealed for another laptop of the area.
    from desktop_app.store.keyslots import TEST_KDF
    from desktop_app.store.vault import Vault

    other_store = Vault(tmp_path / "laptop2").create(
        "Budi Santoso", "sawah-hijau-di-lembah", recovery_keys[1], kdf=TEST_KDF
    )
    other = enroll_store(other_store, server, kpu_public)
    foreign = write_return_bundle(
        server.repo, return_key, other.result.device_id, tmp_path / "stick", since=0
    )
    other_store.close()
    _refused(enrolled, foreign.path, return_key, seal.BundleNotForUs, "another key")

    # Not a bundle at all.
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + bytes(500))
    _refused(enrolled, junk, return_key, seal.NotABundle, "not a Lapang bundle")

    # The intact bundle still applies afterwards.
    assert _import(enrolled, written.path, return_key).confirmed == 1


def test_a_bundle_for_this_laptops_earlier_enrolment_is_refused(
    enrolled: Enrolled, return_key, tmp_path
) -> None:
    # Sealed to this laptop's key but naming another device inside (KPU-signed): refused.
    written = _return(enrolled, return_key, tmp_path / "stick")
    db = enrolled.store.db
    with db.atomic():
        db.execute(
            "UPDATE sync_enrollments SET device_id = ? WHERE superseded_at IS NULL", ["f" * 32]
        )
    before = _state(enrolled)
    with pytest.raises(ReturnBundleRefused, match="another laptop"):
        _import(enrolled, written.path, return_key)
    assert _state(enrolled) == before


def _deployment_with_return_key(
    folder: pathlib.Path, recovery_public_pem: bytes, key
) -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "recovery.pem").write_bytes(recovery_public_pem)
    (folder / "return.txt").write_text(f"# KPU return key\n{p.public_key_text(key.public_key())}\n")
    path = folder / "deployment.toml"
    path.write_text(
        '[keys]\nrecovery_public_key = "recovery.pem"\nreturn_public_key = "return.txt"\n'
    )
    return path


def test_lapang_import_bundle_applies_it_and_refuses_a_damaged_one(
    enrolled: Enrolled, return_key, tmp_path, vault, recovery_keys
) -> None:
    from tests.conftest import PASSPHRASE
    from tests.ui.test_sync_deployment import lapang

    VoterService(enrolled.store).mark_sesuai(enrolled.server.voter_id(3))
    _deliver_by_hand(enrolled)
    written = _return(enrolled, return_key, tmp_path / "stick")
    deployment = _deployment_with_return_key(tmp_path / "etc", recovery_keys[1], return_key)
    damaged = tmp_path / "damaged.lapang"
    damaged.write_bytes(written.path.read_bytes()[:-5])
    run = [
        "--data-dir",
        str(vault.data_dir),
        "import-bundle",
    ]
    env = {"LAPANG_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(pathlib.Path.cwd())}

    refused = lapang(*run, str(damaged), deployment=deployment, **env)
    assert refused.returncode == 1
    assert "damaged.lapang: The bundle file is incomplete" in refused.stderr
    assert "Nothing was stored" in refused.stderr
    assert outbox.counts(enrolled.store.db)["pending"] == 1

    done = lapang(*run, str(written.path), deployment=deployment, **env)
    assert done.returncode == 0, done.stderr
    assert "1 change(s) confirmed by KPU" in done.stdout
    assert outbox.counts(enrolled.store.db) == {"pending": 0, "sent": 1, "refused": 0}

    # Without the KPU return key in the deployment, nothing can be verified: nothing applied.
    plain = tmp_path / "plain" / "deployment.toml"
    plain.parent.mkdir()
    (plain.parent / "recovery.pem").write_bytes(recovery_keys[1])
    plain.write_text('[keys]\nrecovery_public_key = "recovery.pem"\n')
    no_key = lapang(*run, str(written.path), deployment=plain, **env)
    assert no_key.returncode == 1 and "return_public_key" in no_key.stderr
