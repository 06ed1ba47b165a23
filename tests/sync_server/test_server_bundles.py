"""Bundles of changes on both backends: a real laptop store exports a sealed bundle, the server
imports it from a file or takes it from a relaying laptop, mixed with online pushes. Each change
is applied once whichever way it came, and a bad bundle stores nothing."""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib
import random
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop_app.store import outbox, sync_state
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import enroll
from desktop_app.sync.pacing import RetryPolicy
from lapang_core import protocol as p
from lapang_core.protocol import seal
from lapang_core.protocol.bundle import (
    BundleReplayed,
    BundleSenderRevoked,
    ChangesBundle,
    SignedBody,
)
from sync_server import bundles
from sync_server import cli as server_cli
from sync_server.app import create_app
from sync_server.attachments_db import EvidenceStore, open_evidence
from sync_server.config import ServerConfig
from sync_server.repository import Repository
from tests.sync_server.sync_helpers import AREA, DeviceClient, serve

FAST_RETRY = RetryPolicy(attempts=8, first_delay=0.01, max_delay=0.05)


@dataclasses.dataclass
class Office:
    """The KPU server (live on loopback) with its bundle key, and one enrolled laptop."""

    url: str
    config: ServerConfig
    repo: Repository
    key_file: pathlib.Path
    public: object
    store: FieldStore
    engine: SyncEngine
    voter_ids: list[str]
    tmp: pathlib.Path

    def attachments(self) -> EvidenceStore:
        return open_evidence(self.config, self.repo)

    def import_file(self, path: pathlib.Path) -> bundles.BundleImport:
        keys = bundles.load_bundle_keys([self.key_file])
        return bundles.import_bundle(
            self.repo, self.attachments(), keys, path.read_bytes(), time.time(), self.config
        )

    def import_file_bytes(self, data: bytes) -> bundles.BundleImport:
        keys = bundles.load_bundle_keys([self.key_file])
        return bundles.import_bundle(
            self.repo, self.attachments(), keys, data, time.time(), self.config
        )

    def export(self) -> bundle_export.ExportedBundle:
        return bundle_export.export_bundle(self.store, self.tmp / "stick", self.public)

    def scalar(self, sql: str, params: tuple = ()) -> int:
        with self.repo.transaction(write=False) as tx:
            return int(tx.sql.scalar(sql, params))

    def applied(self) -> int:
        """Changes applied (or refused) once: the slots of the laptop's device."""
        return self.scalar("SELECT COUNT(*) FROM changes WHERE state IN ('applied', 'conflict')")

    def voter_version(self, voter_id: str) -> int:
        with self.repo.transaction(write=False) as tx:
            return int(tx.voter(voter_id)["version"])

    def has_file(self, sha: str) -> bool:
        with self.repo.transaction(write=False) as tx:
            return tx.finished_attachment(sha) is not None


@pytest.fixture()
def office(
    server_config: ServerConfig,
    demo_regions,
    area_voters,
    store: FieldStore,
    tmp_path: pathlib.Path,
) -> Iterator[Office]:
    key_file = tmp_path / "bundle-key.pem"
    public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
    config = dataclasses.replace(server_config, bundle_key_files=(key_file,))
    app = create_app(config)
    repo: Repository = app.state.repository
    repo.load_regions(demo_regions, time.time())
    repo.load_voters(area_voters, time.time())
    server, thread, url = serve(app)
    try:
        code = repo.create_enroll_code(AREA, 1, time.time())
        _, engine = enroll(store, url, code, label="laptop PPS", retry=FAST_RETRY, kpu_key=None)
        with repo.transaction(write=False) as tx:
            ids = [r[0] for r in tx.sql.all("SELECT id FROM voters ORDER BY id")]
        yield Office(url, config, repo, key_file, public, store, engine, ids, tmp_path)
    finally:
        server.should_exit = True
        thread.join(10)
        repo.close()


def _photo(seed: int) -> bytes:
    return b"\xff\xd8\xff\xe0" + random.Random(seed).randbytes(50_000)


def _work(office: Office, count: int, *, start: int = 0, photo: int | None = None) -> None:
    service = VoterService(office.store)
    for index in range(start, start + count):
        service.mark_sesuai(office.voter_ids[index])
    if photo is not None:
        service.mark_tms(
            office.voter_ids[start + count],
            1,
            "akta_kematian",
            f"474.3/{photo}/2025",
            AttachmentInput(_photo(photo), "image/jpeg"),
        )


def _nothing_stored(office: Office) -> None:
    assert office.scalar("SELECT COUNT(*) FROM changes") == 0
    assert office.scalar("SELECT COUNT(*) FROM bundles") == 0


# --- item 1: the file --------------------------------------------------------------------------
def test_bundle_file_is_sealed_named_by_device_and_time_and_leaves_nothing_else(
    office: Office,
) -> None:
    _work(office, 3, photo=1)
    bundle = office.export()
    assert (bundle.changes, bundle.files, bundle.missing_files) == (4, 1, 0)
    device = office.engine.client.credentials.device_id
    assert bundle.path.name.startswith(f"lapang-{device[:8]}-")
    assert bundle.path.suffix == ".lapang" and ":" not in bundle.path.name
    assert [f.name for f in bundle.path.parent.iterdir()] == [bundle.path.name]  # no temp left
    data = bundle.path.read_bytes()
    assert _photo(1)[4:200] not in data
    header = seal.read_header(data)
    assert header["from"] == device and header["n"] == 4
    # The changes stay queued: only KPU's answer marks them sent.
    assert outbox.counts(office.store.db)["pending"] == 4


def test_a_second_export_never_overwrites_the_first(office: Office) -> None:
    _work(office, 2)
    first = office.export()
    before = first.path.read_bytes()
    again = bundle_export.export_bundle(
        office.store, first.path.parent, office.public, now=time.time()
    )
    assert again.path != first.path and first.path.read_bytes() == before


# --- item 2a / 4: import, and every mix ----------------------------------------------------------
def test_import_applies_the_bundle_as_a_push_with_its_evidence(office: Office) -> None:
    _work(office, 5, photo=2)
    bundle = office.export()
    result = office.import_file(bundle.path)
    assert result.counts() == {"accepted": 6}
    assert office.applied() == 6
    assert office.has_file(hashlib.sha256(_photo(2)).hexdigest())
    # Online later: everything comes back duplicate, nothing is asked to be uploaded again.
    report = office.engine.run_once()
    assert report.ok and report.confirmed == 6 and report.attachments == 0
    assert office.applied() == 6


def test_bundle_exported_then_online_push_then_bundle_imported_applies_each_once(
    office: Office,
) -> None:
    _work(office, 4)
    bundle = office.export()
    assert office.engine.run_once().confirmed == 4
    versions = [office.voter_version(v) for v in office.voter_ids[:4]]
    result = office.import_file(bundle.path)
    assert result.counts() == {"duplicate": 4}
    assert office.applied() == 4
    assert [office.voter_version(v) for v in office.voter_ids[:4]] == versions


def test_same_bundle_twice_is_refused_as_a_replay_and_stores_nothing_more(
    office: Office,
) -> None:
    _work(office, 3)
    bundle = office.export()
    office.import_file(bundle.path)
    rows = office.scalar("SELECT COUNT(*) FROM changes")
    with pytest.raises(BundleReplayed, match="already received"):
        office.import_file(bundle.path)
    assert office.scalar("SELECT COUNT(*) FROM changes") == rows
    assert office.scalar("SELECT COUNT(*) FROM bundles") == 1


def test_bundles_imported_out_of_order_apply_each_change_once(office: Office) -> None:
    _work(office, 3)
    older = office.export()
    _work(office, 3, start=3)
    newer = office.export()  # holds the older one's changes too: none was confirmed
    assert office.import_file(newer.path).counts() == {"accepted": 6}
    assert office.import_file(older.path).counts() == {"duplicate": 3}
    assert office.applied() == 6


def _bundle_of(office: Office, first: int, last: int) -> pathlib.Path:
    """A bundle of only the outbox entries ``first``..``last``, sealed and signed as the laptop
    seals its own: what arrives when an older bundle is lost on the way and a later one is not."""
    db = office.store.db
    enrollment = sync_state.require_enrollment(db)
    entries = [e for e in outbox.pending_entries(db, limit=100) if first <= e.seq <= last]
    body = bundle_export.encode_batch(entries, enrollment)[0]
    key = sync_state.device_key(db, enrollment.device_id)
    signed = SignedBody.sign(key, enrollment.device_id, body, int(time.time()))
    header = {"from": enrollment.device_id, "kind": "changes", "id": uuid.uuid4().hex, "n": 3}
    sealed = seal.seal(ChangesBundle((signed,), {}).encode(), office.public, key, header)
    path = office.tmp / f"{first}-{last}.lapang"
    path.write_bytes(sealed)
    return path


def test_a_later_bundle_first_is_held_until_the_earlier_one_arrives(office: Office) -> None:
    _work(office, 6)
    earlier, later = _bundle_of(office, 1, 3), _bundle_of(office, 4, 6)
    held = office.import_file(later)
    assert held.counts() == {"held": 3}
    assert held.results[0].missing == ((1, 3),)
    assert office.applied() == 0
    assert office.import_file(earlier).counts() == {"accepted": 3}
    assert office.applied() == 6
    assert office.engine.run_once(pull=False).confirmed == 6  # online: all duplicates
    assert office.applied() == 6


def test_relay_delivers_while_the_owner_pushes_online(office: Office) -> None:
    _work(office, 40)
    bundle = office.export()
    carrier = DeviceClient(office.url)
    assert carrier.enroll(office.repo.create_enroll_code(AREA, 1, time.time())).status_code == 200
    answers: list = []
    relay = threading.Thread(
        target=lambda: answers.append(
            carrier.request(
                "POST",
                "/v1/relay",
                bundle.path.read_bytes(),
                content_type="application/octet-stream",
            )
        )
    )
    relay.start()
    report = office.engine.run_once(pull=False)
    relay.join(30)
    assert answers[0].status_code == 200, answers[0].text
    assert report.confirmed == 40
    assert office.applied() == 40
    assert office.scalar("SELECT COUNT(DISTINCT change_id) FROM changes") == 40
    summary = p.loads_json(answers[0].content)
    assert summary["device"] == office.engine.client.credentials.device_id
    assert sum(summary["counts"].values()) == 40
    assert (
        office.scalar(
            "SELECT COUNT(*) FROM bundles WHERE via = 'relay' AND relay_device = ?",
            (carrier.device_id,),
        )
        == 1
    )


# --- refusals: nothing stored ------------------------------------------------------------------
def _refused(office: Office, data: bytes, error: type[Exception], match: str) -> None:
    path = office.tmp / "bad.lapang"
    path.write_bytes(data)
    with pytest.raises(error, match=match):
        office.import_file(path)
    _nothing_stored(office)


def test_tampered_truncated_and_oversized_bundles_store_nothing(office: Office) -> None:
    _work(office, 3, photo=3)
    data = office.export().path.read_bytes()
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x40
    _refused(office, bytes(flipped), seal.BundleTampered, "altered or damaged")
    _refused(office, data[: len(data) - 100], seal.BundleTruncated, "incomplete")
    with pytest.raises(seal.BundleTooLarge):
        bundles.import_bundle(
            office.repo,
            office.attachments(),
            bundles.load_bundle_keys([office.key_file]),
            data,
            time.time(),
            office.config,
            max_bytes=len(data) - 1,
        )
    _nothing_stored(office)
    assert not office.has_file(hashlib.sha256(_photo(3)).hexdigest())


def test_foreign_bundles_store_nothing(office: Office) -> None:
    _work(office, 2)
    other_server = X25519PrivateKey.generate().public_key()
    foreign = bundle_export.export_bundle(office.store, office.tmp / "other", other_server)
    _refused(office, foreign.path.read_bytes(), seal.BundleNotForUs, "another key")
    # Sealed to KPU's key by a device this server never enrolled (or a forger naming ours).
    stranger = p.generate_key()
    own_id = office.engine.client.credentials.device_id
    forged = seal.seal(
        b"x", office.public, stranger, {"from": own_id, "kind": "changes", "id": "a" * 32}
    )
    _refused(office, forged, seal.BundleTampered, "signature")
    unknown = seal.seal(
        b"x", office.public, stranger, {"from": "b" * 32, "kind": "changes", "id": "a" * 32}
    )
    _refused(office, unknown, seal.BundleUnknownSender, "not a device known")


def test_relay_refusals_are_clear_and_store_nothing(office: Office) -> None:
    _work(office, 2)
    data = office.export().path.read_bytes()
    carrier = DeviceClient(office.url)
    carrier.enroll(office.repo.create_enroll_code(AREA, 1, time.time()))

    def relay(body: bytes) -> p.ProtocolError:
        response = carrier.request(
            "POST", "/v1/relay", body, content_type="application/octet-stream"
        )
        return p.ProtocolError.from_response(response.status_code, response.content)

    altered = bytearray(data)
    altered[-1] ^= 1
    assert isinstance(relay(bytes(altered)), seal.BundleTampered)
    assert isinstance(relay(data[:-5]), seal.BundleTruncated)
    assert isinstance(relay(b"hello"), seal.NotABundle)
    _nothing_stored(office)


def test_relay_refuses_a_body_beyond_its_limit(office: Office) -> None:
    carrier = DeviceClient(office.url)
    carrier.enroll(office.repo.create_enroll_code(AREA, 1, time.time()))
    response = carrier.request(
        "POST",
        "/v1/relay",
        b"\0" * (office.config.relay_limit + 1),
        content_type="application/octet-stream",
    )
    assert response.status_code == 413
    _nothing_stored(office)


def test_revoked_device_bundle_is_refused(office: Office) -> None:
    _work(office, 2)
    bundle = office.export()
    office.repo.revoke(office.engine.client.credentials.device_id, time.time())
    with pytest.raises(BundleSenderRevoked, match="revoked the device that made"):
        office.import_file(bundle.path)
    _nothing_stored(office)


# --- the admin command -------------------------------------------------------------------------
def test_import_bundle_command_and_watched_folder(office: Office, capsys) -> None:
    _work(office, 2)
    good = office.export()
    inbox = office.tmp / "inbox"
    inbox.mkdir()
    good.path.rename(inbox / good.path.name)
    (inbox / "junk.lapang").write_bytes(b"not a bundle")
    common = ["--db", str(office.config.database), "--bundle-key", str(office.key_file)]
    common += ["--attachments", str(office.config.attachments_root)]
    status = server_cli.main(["import-bundle", *common, "--watch", str(inbox), "--once"])
    out, err = capsys.readouterr()
    assert status == 0
    assert "2 changes (2 accepted)" in out
    assert "junk.lapang: refused (not_a_bundle)" in err
    assert [f.name for f in (inbox / "done").iterdir()] == [good.path.name]
    assert [f.name for f in (inbox / "failed").iterdir()] == ["junk.lapang"]
    assert not list(inbox.glob("*.lapang"))
    # By name, again: a replay, exit status 1 and the reason.
    status = server_cli.main(["import-bundle", *common, str(inbox / "done" / good.path.name)])
    assert status == 1
    assert "bundle_already_imported" in capsys.readouterr().err


def test_bundle_keygen_never_overwrites(tmp_path: pathlib.Path, capsys) -> None:
    key = tmp_path / "k.pem"
    assert server_cli.main(["bundle-keygen", str(key)]) == 0
    public = capsys.readouterr().out.strip()
    assert seal.load_x25519_public(public)
    before = key.read_bytes()
    assert server_cli.main(["bundle-keygen", str(key)]) == 1
    assert key.read_bytes() == before
    assert (key.stat().st_mode & 0o777) == 0o600


def test_each_batch_is_signed_as_its_push_and_its_changes_point_at_it(office: Office) -> None:
    """What proof of origin keeps for a push (the body and the device's signature over the
    push request) is in the bundle for every batch, and the changes carry that batch's id."""
    _work(office, 3)
    data = office.export().path.read_bytes()
    device = office.engine.client.credentials
    keys = bundles.load_bundle_keys([office.key_file])
    _, content = seal.open_sealed(data, keys, lambda _h: device.key.public_key())
    [signed] = ChangesBundle.decode(content).batches
    device.key.public_key().verify(signed.signature, signed.signed_message(device.device_id))
    office.import_file_bytes(data)
    assert office.scalar("SELECT COUNT(*) FROM changes WHERE batch_id = ?", (signed.nonce,)) == 3


def test_a_batch_signed_by_another_key_is_refused_even_inside_a_valid_seal(
    office: Office,
) -> None:
    """A bundle sealed and signed by the device whose inner batch signature is wrong: refused
    whole (the bundle signature alone does not make a batch provable)."""
    _work(office, 2)
    db = office.store.db
    enrollment = sync_state.require_enrollment(db)
    key = sync_state.device_key(db, enrollment.device_id)
    entries = outbox.pending_entries(db, limit=10)
    body = bundle_export.encode_batch(entries, enrollment)[0]
    wrong = SignedBody.sign(p.generate_key(), enrollment.device_id, body, int(time.time()))
    header = {"from": enrollment.device_id, "kind": "changes", "id": uuid.uuid4().hex}
    sealed = seal.seal(ChangesBundle((wrong,), {}).encode(), office.public, key, header)
    with pytest.raises(seal.BundleTampered, match="not signed by its device"):
        office.import_file_bytes(sealed)
    _nothing_stored(office)
