"""The laptop's side of bundles on a real store and a real server: what the file holds (nothing
readable), and Titipan — a second laptop carrying the first one's bundle at its own sync."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export, relay
from lapang_core import protocol as p
from lapang_core.protocol import seal
from lapang_core.protocol.bundle import ChangesBundle
from sync_server import bundles
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.sync.conftest import AREA_VOTERS, Enrolled, enroll_store


@dataclasses.dataclass
class KeyedServer:
    server: RunningServer
    public: object
    key_file: pathlib.Path


@pytest.fixture()
def keyed_server(tmp_path: pathlib.Path) -> Iterator[KeyedServer]:
    key_file = tmp_path / "bundle-key.pem"
    public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
    server = start_server(
        tmp_path / "server", voters=area_voters(AREA_VOTERS), bundle_key_files=(key_file,)
    )
    try:
        yield KeyedServer(server, public, key_file)
    finally:
        server.stop()


@pytest.fixture()
def owner(store: FieldStore, keyed_server: KeyedServer, kpu_public: Ed25519PublicKey) -> Enrolled:
    return enroll_store(store, keyed_server.server, kpu_public)


@pytest.fixture()
def carrier(
    tmp_path: pathlib.Path,
    recovery_keys,
    keyed_server: KeyedServer,
    kpu_public: Ed25519PublicKey,
) -> Iterator[Enrolled]:
    """A second laptop of the same kecamatan, with signal, and its Titipan folder."""
    second = Vault(tmp_path / "carrier").create(
        "Budi", "perahu-motor", recovery_keys[1], kdf=TEST_KDF
    )
    enrolled = enroll_store(second, keyed_server.server, kpu_public)
    enrolled.engine.relay_dir = relay.relay_dir(tmp_path / "carrier")
    yield enrolled
    second.close()


def test_the_bundle_holds_no_name_nik_address_or_officer(
    owner: Enrolled, keyed_server: KeyedServer, tmp_path: pathlib.Path
) -> None:
    service = VoterService(owner.store)
    ids = [owner.server.voter_id(i) for i in range(3)]
    service.ubah(ids[0], {"nama": "SITI AMINAH BINTI ABDULLAH", "alamat": "JL. MELATI GG. 5"})
    newcomer = dataclasses.replace(
        area_voters(1, seed=2031)[0],
        tps_id=owner.server.voter_row(ids[1])["tps_id"],
        keterangan="",
        dpid=None,
    )
    service.add_baru(newcomer)
    scan = b"%PDF-1.4 KUTIPAN AKTA KEMATIAN " + newcomer.nik.encode() * 50
    service.mark_tms(
        ids[2], 1, "akta_kematian", "474.3/9/2025", AttachmentInput(scan, "application/pdf")
    )

    bundle = bundle_export.export_bundle(owner.store, tmp_path / "stick", keyed_server.public)

    data = bundle.path.read_bytes()
    # Opened with KPU's key, everything is there (so its absence below is the seal's doing).
    keys = bundles.load_bundle_keys([keyed_server.key_file])
    _, content = seal.open_sealed(data, keys, lambda h: owner.client.credentials.key.public_key())
    parts = ChangesBundle.decode(content)
    readable = b"".join(p.decompress(b.body) for b in parts.batches)
    readable += b"".join(parts.files.values())
    secrets = (
        "SITI AMINAH",
        "MELATI",
        newcomer.nik,
        newcomer.nkk,
        newcomer.nama,
        newcomer.alamat,
        owner.store.officer,
        "KUTIPAN AKTA",
        "474.3/9/2025",
    )
    for secret in secrets:
        assert secret.encode() in readable, secret
        assert secret.encode() not in data, secret
    assert bundle.changes == 3 and bundle.files == 1


def test_nothing_waiting_writes_no_file(owner: Enrolled, keyed_server, tmp_path) -> None:
    with pytest.raises(bundle_export.NothingToSend):
        bundle_export.export_bundle(owner.store, tmp_path / "stick", keyed_server.public)
    assert not (tmp_path / "stick").exists() or not list((tmp_path / "stick").iterdir())


def test_no_bundle_key_in_the_deployment_says_what_to_set(owner: Enrolled, tmp_path) -> None:
    VoterService(owner.store).mark_sesuai(owner.server.voter_id(0))
    with pytest.raises(bundle_export.BundleKeyMissing, match="bundle_public_key under \\[sync\\]"):
        bundle_export.export_bundle(owner.store, tmp_path / "stick", None)


def test_titipan_carried_by_another_laptop_is_applied_once(
    owner: Enrolled, carrier: Enrolled, keyed_server: KeyedServer, tmp_path: pathlib.Path
) -> None:
    service = VoterService(owner.store)
    for index in range(5):
        service.mark_sesuai(owner.server.voter_id(index))
    bundle = bundle_export.export_bundle(owner.store, tmp_path / "stick", keyed_server.public)
    queued = relay.queue_for_relay(carrier.engine.relay_dir, bundle.path)
    assert queued.changes == 5 and queued.device_id == owner.engine.client.credentials.device_id
    with pytest.raises(relay.RelayFileRefused, match="already waiting"):
        relay.queue_for_relay(carrier.engine.relay_dir, bundle.path)

    report = carrier.engine.run_once()

    assert report.relayed == 1 and not report.relay_refused
    assert relay.queued(carrier.engine.relay_dir) == []
    assert keyed_server.server.distinct_changes() == 5
    # The carrier's own queue is untouched; the owner hears of its changes online as duplicates.
    assert outbox.counts(carrier.store.db)["pending"] == 0
    owner_report = owner.engine.run_once()
    assert owner_report.confirmed == 5
    assert keyed_server.server.distinct_changes() == 5


def test_titipan_already_delivered_by_stick_leaves_the_queue(
    owner: Enrolled, carrier: Enrolled, keyed_server: KeyedServer, tmp_path: pathlib.Path
) -> None:
    VoterService(owner.store).mark_sesuai(owner.server.voter_id(0))
    bundle = bundle_export.export_bundle(owner.store, tmp_path / "stick", keyed_server.public)
    relay.queue_for_relay(carrier.engine.relay_dir, bundle.path)
    assert carrier.engine.run_once().relayed == 1
    relay.queue_for_relay(carrier.engine.relay_dir, bundle.path)  # carried a second time
    report = carrier.engine.run_once()
    assert report.relayed == 1 and report.ok
    assert relay.queued(carrier.engine.relay_dir) == []


def test_a_damaged_titipan_is_set_aside_with_its_reason_and_stores_nothing(
    owner: Enrolled, carrier: Enrolled, keyed_server: KeyedServer, tmp_path: pathlib.Path
) -> None:
    VoterService(owner.store).mark_sesuai(owner.server.voter_id(0))
    bundle = bundle_export.export_bundle(owner.store, tmp_path / "stick", keyed_server.public)
    queued = relay.queue_for_relay(carrier.engine.relay_dir, bundle.path)
    damaged = bytearray(queued.path.read_bytes())
    damaged[-10] ^= 0xFF  # a relay (or a bad stick) changed the sealed part
    queued.path.write_bytes(bytes(damaged))

    report = carrier.engine.run_once()

    assert report.relayed == 0
    assert "altered or damaged" in report.relay_refused[0]
    assert report.outcome == "partial" and report.error_code == "relay_refused"
    assert (carrier.engine.relay_dir / relay.REFUSED_FOLDER / queued.path.name).exists()
    assert keyed_server.server.distinct_changes() == 0


def test_only_a_lapang_bundle_can_be_carried(carrier: Enrolled, tmp_path: pathlib.Path) -> None:
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not a bundle")
    with pytest.raises(seal.NotABundle):
        relay.queue_for_relay(carrier.engine.relay_dir, photo)
    assert relay.queued(carrier.engine.relay_dir) == []
