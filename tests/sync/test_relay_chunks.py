"""Titipan in chunks, end to end: a real laptop carries another laptop's bundle to the real
server on loopback, in chunks signed by the carrier. A bundle larger than the server's budget
for unchecked request bodies goes through, and a link cut mid-upload costs only the chunk in
flight: the next sync continues from what the server holds."""

from __future__ import annotations

import dataclasses
import pathlib
import random
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export, relay
from desktop_app.sync.chunked import DEFAULT_CHUNK_BYTES
from desktop_app.sync.client import SyncClient
from desktop_app.sync.run import SyncProgress
from lapang_core.protocol import MAX_CHUNK_BYTES, seal
from sync_server import bundles
from tests.support.faultproxy import FaultProxy
from tests.support.released_server import unpack_release
from tests.support.server_process import ServerProcess
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.sync.conftest import AREA_VOTERS, Enrolled, enroll_store

_MIB = 1 << 20
SCANS = 3  # of ~450 KB each: a ~1.4 MB bundle, more than the tight server's 1 MiB budget


@dataclasses.dataclass
class TightServer:
    server: RunningServer
    public: object
    key_file: pathlib.Path


@pytest.fixture()
def tight_server(tmp_path: pathlib.Path) -> Iterator[TightServer]:
    """A server whose budget for unchecked request bodies is one push body (1 MiB), so a
    bundle in one body beyond it cannot be taken at all."""
    key_file = tmp_path / "bundle-key.pem"
    public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
    server = start_server(
        tmp_path / "server",
        voters=area_voters(AREA_VOTERS),
        bundle_key_files=(key_file,),
        unverified_body_budget=_MIB,
    )
    try:
        yield TightServer(server, public, key_file)
    finally:
        server.stop()


@pytest.fixture()
def owner(store: FieldStore, tight_server: TightServer, kpu_public: Ed25519PublicKey) -> Enrolled:
    return enroll_store(store, tight_server.server, kpu_public)


@pytest.fixture()
def proxy(tight_server: TightServer) -> Iterator[FaultProxy]:
    with FaultProxy(("127.0.0.1", tight_server.server.port)) as link:
        yield link


@pytest.fixture()
def carrier(
    tmp_path: pathlib.Path,
    recovery_keys,
    tight_server: TightServer,
    kpu_public: Ed25519PublicKey,
    proxy: FaultProxy,
) -> Iterator[Enrolled]:
    """A second laptop of the kecamatan, reaching the server through a link that can fail."""
    second = Vault(tmp_path / "carrier").create(
        "Budi", "perahu-motor", recovery_keys[1], kdf=TEST_KDF
    )
    enrolled = enroll_store(second, tight_server.server, kpu_public, url=proxy.url)
    enrolled.engine.relay_dir = relay.relay_dir(tmp_path / "carrier")
    yield enrolled
    second.close()


def _week_with_scans(owner: Enrolled, tight: TightServer, folder: pathlib.Path) -> pathlib.Path:
    """Ten coklit outcomes and three TMS with scans of ~450 KB (random: they do not compress),
    sealed in one bundle."""
    service = VoterService(owner.store)
    for index in range(10):
        service.mark_sesuai(owner.server.voter_id(index))
    for scan in range(SCANS):
        content = b"\xff\xd8\xff\xe0" + random.Random(scan).randbytes(450_000)
        service.mark_tms(
            owner.server.voter_id(10 + scan),
            1,
            "akta_kematian",
            f"474.3/{scan}/2025",
            AttachmentInput(content, "image/jpeg"),
        )
    return bundle_export.export_bundle(owner.store, folder, tight.public).path


def _held(server: RunningServer) -> int:
    with server.repo.transaction(write=False) as tx:
        return int(tx.sql.scalar("SELECT COALESCE(SUM(received), 0) FROM relay_uploads"))


def test_a_bundle_beyond_the_body_budget_is_carried_in_chunks(
    owner: Enrolled, carrier: Enrolled, tight_server: TightServer, tmp_path: pathlib.Path
) -> None:
    path = _week_with_scans(owner, tight_server, tmp_path / "stick")
    size = path.stat().st_size
    assert size > tight_server.server.config.relay_limit  # one body could not carry it
    relay.queue_for_relay(carrier.engine.relay_dir, path)
    seen: list[SyncProgress] = []
    carrier.engine.add_listener(seen.append)

    report = carrier.engine.run_once()

    assert report.relayed == 1 and not report.relay_refused, report.relay_refused
    assert report.relay_bytes == size
    assert relay.queued(carrier.engine.relay_dir) == []
    assert tight_server.server.distinct_changes() == 10 + SCANS
    relayed = [e for e in seen if e.phase == "relay"]
    assert relayed[-1].bytes_done == size == relayed[-1].bytes_total
    # The owner's laptop finds its changes there: each applied once.
    assert owner.engine.run_once().confirmed == 10 + SCANS
    assert tight_server.server.distinct_changes() == 10 + SCANS


def test_a_cut_link_resumes_at_the_next_sync_without_resending_what_the_server_holds(
    owner: Enrolled,
    carrier: Enrolled,
    tight_server: TightServer,
    proxy: FaultProxy,
    tmp_path: pathlib.Path,
) -> None:
    path = _week_with_scans(owner, tight_server, tmp_path / "stick")
    size = path.stat().st_size
    relay.queue_for_relay(carrier.engine.relay_dir, path)
    server = tight_server.server

    def signal_goes() -> None:
        # Halfway through, the answer to a chunk the server has just stored is lost, and the
        # link stays dead (every connection reset at its first byte) for the rest of the run.
        if proxy.on_answer is not None and _held(server) >= size // 2:
            proxy.on_answer = None
            proxy.configure(reset_every=1)

    proxy.on_answer = signal_goes
    first = carrier.engine.run_once()

    assert first.relayed == 0 and first.outcome == "offline"
    held = _held(server)
    assert size // 2 <= held < size
    assert server.distinct_changes() == 0  # nothing applied from half a bundle
    assert [q.path for q in relay.queued(carrier.engine.relay_dir)]  # still queued

    proxy.configure(reset_every=None)
    proxy.reset_counters()
    second = carrier.engine.run_once()

    assert second.relayed == 1 and second.ok
    assert second.relay_bytes == size - held  # only what the server lacked
    # On the wire: the missing bytes, plus request headers and the run's other requests, far
    # less than the bundle again.
    assert proxy.bytes_up < (size - held) + 64 * 1024
    assert server.distinct_changes() == 10 + SCANS
    assert _held(server) == 0  # the chunks are gone once applied


def test_on_a_fast_link_the_chunks_grow_to_the_server_s_limit(
    owner: Enrolled, carrier: Enrolled, tight_server: TightServer, tmp_path: pathlib.Path
) -> None:
    """Each chunk is a signed request: in 32 KiB chunks this ~1.4 MB bundle took 42. Paced, the
    first is 32 KiB (a link that drops at once loses little) and the rest grow to 256 KiB."""
    path = _week_with_scans(owner, tight_server, tmp_path / "stick")
    size = path.stat().st_size
    relay.queue_for_relay(carrier.engine.relay_dir, path)
    seen: list[SyncProgress] = []
    carrier.engine.add_listener(seen.append)

    report = carrier.engine.run_once()

    assert report.relayed == 1 and report.relay_bytes == size
    done = [e.bytes_done for e in seen if e.phase == "relay"]
    chunks = [b - a for a, b in zip(done, done[1:], strict=False) if b > a]
    assert sum(chunks) == size
    assert chunks[0] == DEFAULT_CHUNK_BYTES
    assert max(chunks) == MAX_CHUNK_BYTES  # the server's limit, never more
    assert len(chunks) <= 8, chunks
    assert tight_server.server.distinct_changes() == 10 + SCANS


# The server as released before chunked relay (main at d476e2d): KPU's servers run it until they
# are updated, and an updated laptop must still deliver to them.
RELEASED_SERVER = "d476e2d"


@pytest.fixture(scope="module")
def released_server_source(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return unpack_release(RELEASED_SERVER, tmp_path_factory.mktemp("released-server"))


def test_a_server_from_before_chunked_relay_gets_the_bundle_in_one_body(
    owner: Enrolled,
    carrier: Enrolled,
    tight_server: TightServer,
    released_server_source: pathlib.Path,
    tmp_path: pathlib.Path,
) -> None:
    service = VoterService(owner.store)
    for index in range(5):
        service.mark_sesuai(owner.server.voter_id(index))
    path = bundle_export.export_bundle(owner.store, tmp_path / "stick", tight_server.public).path
    relay.queue_for_relay(carrier.engine.relay_dir, path)
    server = tight_server.server
    server.stop_serving()  # the same database, now served by the released program
    with ServerProcess(
        server.config.db_path,
        "--bundle-key",
        str(tight_server.key_file),
        source=released_server_source,
    ) as released:
        carrier.engine.client = SyncClient(
            released.url, credentials=carrier.engine.client.credentials
        )
        report = carrier.engine.run_once()
    assert report.relayed == 1 and not report.relay_refused, released.stderr
    assert report.relay_bytes == path.stat().st_size
    assert server.distinct_changes() == 5
    with server.repo.transaction(write=False) as tx:
        assert tx.sql.scalar("SELECT COUNT(*) FROM bundles WHERE via = 'relay'") == 1
