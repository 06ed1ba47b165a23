"""The sneakernet both ways with the real parts: the laptop exports a sealed bundle (its changes
then show as sealed, not confirmed), KPU imports it and writes the laptop's return bundle, the
laptop applies it (now confirmed). And the mixes: the laptop finds signal and pushes online
between export and return; the same return bundle twice; an older one after a newer one."""

from __future__ import annotations

import dataclasses
import pathlib
import time
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import change_standing, outbox, sync_state
from desktop_app.store.change_standing import Standing
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export
from desktop_app.sync.bundle_import import ReturnBundleAlreadyApplied, import_return_bundle
from lapang_core import protocol as p
from lapang_core.protocol import seal
from sync_server import bundles
from sync_server.attachments import AttachmentStore
from sync_server.return_bundle import write_return_bundle
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.sync.conftest import AREA_VOTERS, Enrolled, enroll_store


@dataclasses.dataclass
class Kpu:
    server: RunningServer
    bundle_public: object
    bundle_key_file: pathlib.Path
    return_key: object

    def import_bundle(self, path: pathlib.Path, returns: pathlib.Path) -> pathlib.Path:
        """What `import-bundle FILE --returns DIR` does, in process."""
        repo, config = self.server.repo, self.server.config
        store = AttachmentStore(
            config.attachments_root,
            repo,
            max_bytes=config.max_attachment_bytes,
            max_chunk=config.max_chunk_bytes,
        )
        data = path.read_bytes()
        keys = bundles.load_bundle_keys([self.bundle_key_file])
        result = bundles.import_bundle(repo, store, keys, data, time.time(), config)
        returns.mkdir(exist_ok=True)
        since = seal.read_header(data)["cur"]
        written = write_return_bundle(repo, self.return_key, result.device_id, returns, since=since)
        return written.path


@pytest.fixture()
def kpu(tmp_path: pathlib.Path) -> Iterator[Kpu]:
    key_file = tmp_path / "bundle-key.pem"
    public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
    server = start_server(
        tmp_path / "server", voters=area_voters(AREA_VOTERS), bundle_key_files=(key_file,)
    )
    try:
        yield Kpu(server, public, key_file, p.generate_key())
    finally:
        server.stop()


@pytest.fixture()
def laptop(store: FieldStore, kpu: Kpu, kpu_public: Ed25519PublicKey) -> Enrolled:
    return enroll_store(store, kpu.server, kpu_public)


def _standings(store: FieldStore) -> list[Standing]:
    return [c.standing for c in reversed(change_standing.recent_changes(store.db))]


def _apply(laptop: Enrolled, kpu: Kpu, path: pathlib.Path):
    return import_return_bundle(
        laptop.store, path, kpu.return_key.public_key(), kpu_key=laptop.engine.kpu_keys
    )


def test_export_import_return_and_apply(laptop: Enrolled, kpu: Kpu, tmp_path) -> None:
    store = laptop.store
    service = VoterService(store)
    for i in range(3):
        service.mark_sesuai(kpu.server.voter_id(i))
    assert _standings(store) == [Standing.WAITING] * 3

    exported = bundle_export.export_bundle(store, tmp_path / "stick", kpu.bundle_public)
    assert _standings(store) == [Standing.SEALED] * 3  # sealed is not sent
    assert outbox.counts(store.db)["pending"] == 3
    (change,) = change_standing.recent_changes(store.db, 1)
    assert change.bundle_file == exported.path.name

    returned = kpu.import_bundle(exported.path, tmp_path / "returns")
    applied = _apply(laptop, kpu, returned)
    assert applied.confirmed == 3
    assert _standings(store) == [Standing.CONFIRMED] * 3
    assert outbox.counts(store.db) == {"pending": 0, "sent": 3, "refused": 0}


def test_signal_between_export_and_return_and_bundles_out_of_order(
    laptop: Enrolled, kpu: Kpu, tmp_path
) -> None:
    store, server = laptop.store, kpu.server
    service = VoterService(store)
    service.mark_sesuai(server.voter_id(0))
    first = bundle_export.export_bundle(store, tmp_path / "stick", kpu.bundle_public)
    service.ubah(server.voter_id(1), {"rt": "012"})
    # Signal: everything goes online, the exported change too (the server takes it once).
    assert laptop.engine.run_once().ok
    assert outbox.counts(store.db) == {"pending": 0, "sent": 2, "refused": 0}
    cursor = sync_state.require_enrollment(store.db).pull_cursor
    # The stick reaches KPU afterwards: nothing is applied twice.
    older = kpu.import_bundle(first.path, tmp_path / "returns")
    assert server.distinct_changes() == 2
    service.mark_sesuai(server.voter_id(2))
    second = bundle_export.export_bundle(store, tmp_path / "stick", kpu.bundle_public)
    newer = kpu.import_bundle(second.path, tmp_path / "returns")

    assert _apply(laptop, kpu, newer).confirmed == 1
    after = (outbox.counts(store.db), sync_state.require_enrollment(store.db).pull_cursor)
    assert after[1] >= cursor
    late = _apply(laptop, kpu, older)  # the older return bundle, last
    assert late.confirmed == 0 and not late.cursor_advanced
    assert (outbox.counts(store.db), sync_state.require_enrollment(store.db).pull_cursor) == after
    with pytest.raises(ReturnBundleAlreadyApplied):
        _apply(laptop, kpu, newer)
    assert _standings(store) == [Standing.CONFIRMED] * 3
