"""Key rotation (issue 17 item 6), end to end with real TLS on loopback: KPU publishes the next
certificate and announcement key in deployment.toml, announces the rotation signed with the
current key, switches the server, retires the old pair. A laptop that synced in between and a
laptop that slept through the switch both keep syncing; a laptop whose deployment file predates
the rotation is refused, and nothing it holds is sent to a server it cannot verify."""

from __future__ import annotations

import dataclasses
import pathlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.deployment import DeploymentError, load_deployment
from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.learned_trust import learned_trust
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import download_area, enroll, register
from desktop_app.sync.errors import CertificateRejected
from desktop_app.sync.watcher import ping_probe
from desktop_app.ui.sync.config import SyncConfig
from lapang_core import protocol as p
from sync_server import cli as server_cli
from sync_server.app import create_app
from sync_server.config import ServerConfig
from sync_server.http import uvicorn_config
from tests.cli.test_cli import lapang
from tests.conftest import OFFICER, PASSPHRASE
from tests.support.certs import TlsFiles, make_tls
from tests.support.sync_env import AREA, ELECTION, area_voters, demo_region_rows
from tests.sync.conftest import FAST_RETRY


class KpuServer:
    """The KPU server on one loopback port, restarted with another certificate on the same
    port and database (as KPU switches certificates)."""

    def __init__(self, folder: pathlib.Path) -> None:
        self.config = ServerConfig(
            db_path=folder / "server.db",
            attachments_dir=folder / "attachments",
            election_date=ELECTION,
        )
        self.voters = area_voters(20)
        self.port = 0
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.repo: Any = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self, tls: TlsFiles) -> None:
        app = create_app(self.config)
        self.repo = app.state.repository
        if self.port == 0:
            self.repo.load_regions(demo_region_rows(), time.time())
            self.repo.load_voters(self.voters, time.time())
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        self.port = sock.getsockname()[1]
        settings = uvicorn_config(
            app, log_level="warning", tls_cert=tls.server_cert, tls_key=tls.server_key
        )
        self._server = uvicorn.Server(settings)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert time.monotonic() < deadline and self._thread.is_alive(), "server did not start"
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            assert self._thread is not None
            self._thread.join(10)
            self.repo.close()
            self._server = None

    def code(self) -> str:
        return self.repo.create_enroll_code(AREA, 1, time.time())

    def applied(self) -> int:
        return self.repo.counts().get("applied", 0)

    def voter_id(self, index: int) -> str:
        from lapang_core.domain.voter import imported_voter_id

        return imported_voter_id(self.voters[index])


@dataclasses.dataclass
class Kpu:
    """KPU IT's files: three certificate authorities and three announcement keys, one pair in
    use, one pair published as next, one pair for the rotation after."""

    folder: pathlib.Path
    cas: list[TlsFiles]
    keys: list[Ed25519PrivateKey]

    def private_key_file(self, index: int) -> pathlib.Path:
        path = self.folder / f"kpu_{index}.pem"
        if not path.exists():
            path.write_bytes(
                self.keys[index].private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
        return path

    def public_key_file(self, index: int) -> pathlib.Path:
        path = self.folder / f"kpu_{index}.txt"
        path.write_text(p.public_key_text(self.keys[index]) + "\n", encoding="ascii")
        return path

    def deployment(self, name: str, url: str, recovery_pem: bytes, *, with_next: bool) -> Any:
        """A deployment file as laptops installed at a given time carry it."""
        folder = self.folder / name
        folder.mkdir()
        (folder / "recovery.pem").write_bytes(recovery_pem)
        lines = [
            "[sync]",
            f'server_url = "{url}"',
            f'ca_file = "{self.cas[0].ca_cert}"',
            *([f'next_ca_file = "{self.cas[1].ca_cert}"'] if with_next else []),
            "[keys]",
            'recovery_public_key = "recovery.pem"',
            f'announcement_public_key = "{self.public_key_file(0)}"',
            *([f'next_announcement_public_key = "{self.public_key_file(1)}"'] if with_next else []),
        ]
        path = folder / "deployment.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return load_deployment(path)


@pytest.fixture()
def kpu(tmp_path: pathlib.Path) -> Kpu:
    cas = [make_tls(tmp_path / f"ca{i}", f"KPU Sync CA {2029 + i}") for i in range(3)]
    return Kpu(tmp_path, cas, [p.generate_key() for _ in range(3)])


@pytest.fixture()
def kpu_server(tmp_path: pathlib.Path, kpu: Kpu) -> Iterator[KpuServer]:
    server = KpuServer(tmp_path / "server")
    server.start(kpu.cas[0])
    try:
        yield server
    finally:
        server.stop()


def _laptop(
    folder: pathlib.Path, recovery_pem: bytes, server: KpuServer, config: SyncConfig
) -> tuple[FieldStore, SyncEngine]:
    store = Vault(folder).create(OFFICER, PASSPHRASE, recovery_pem, kdf=TEST_KDF)
    result, engine = enroll(
        store, server.url, server.code(), retry=FAST_RETRY, **config.engine_kwargs()
    )
    assert result.area_downloaded
    return store, engine


def announce(server: KpuServer, *args: str) -> None:
    assert server_cli.main([*args, "--db", str(server.config.db_path)]) == 0


def _titles(store: FieldStore) -> list[str]:
    return [row[0] for row in store.db.execute("SELECT title FROM announcements ORDER BY title")]


def test_laptops_keep_syncing_through_two_rotations_and_a_stale_one_is_refused(
    tmp_path: pathlib.Path,
    kpu: Kpu,
    kpu_server: KpuServer,
    recovery_keys: tuple[bytes, bytes],
) -> None:
    pem = recovery_keys[1]
    # 1. Publish: laptops are installed with the current pair and the next beside it.
    current = kpu.deployment("deploy-2029", kpu_server.url, pem, with_next=True)
    before_rotation = kpu.deployment("deploy-old", kpu_server.url, pem, with_next=False)
    config = SyncConfig.from_deployment(current)
    synced, synced_engine = _laptop(tmp_path / "a", pem, kpu_server, config)
    slept, slept_engine = _laptop(tmp_path / "b", pem, kpu_server, config)
    stale, stale_engine = _laptop(
        tmp_path / "c", pem, kpu_server, SyncConfig.from_deployment(before_rotation)
    )

    # 2. Announce, signed with the key in use, the pair after next; a forger's rotation too.
    rotation = ("announce-rotation", "--next-announcement-key", str(kpu.public_key_file(2)))
    announce(
        kpu_server,
        *rotation,
        "--next-ca",
        str(kpu.cas[2].ca_cert),
        "--kpu-key",
        str(kpu.private_key_file(0)),
    )
    forger = Kpu(
        tmp_path / "forger", [make_tls(tmp_path / "forged", "Not KPU")], [p.generate_key()]
    )
    (tmp_path / "forger").mkdir()
    announce(
        kpu_server,
        "announce-rotation",
        "--next-ca",
        str(forger.cas[0].ca_cert),
        "--kpu-key",
        str(forger.private_key_file(0)),
    )
    report = synced_engine.run_once()
    assert report.ok and report.announcements == 1 and report.announcements_rejected == 1
    learned = learned_trust(synced.db)
    assert learned.announcement_keys == (p.public_key_text(kpu.keys[2]),)
    assert learned.ca_pems == (kpu.cas[2].ca_cert.read_text(),)  # the forger's is not among them

    # 3. Switch: the server presents the next certificate, KPU signs with the next key.
    kpu_server.stop()
    kpu_server.start(kpu.cas[1])
    announce(
        kpu_server,
        "announce",
        "--kpu-key",
        str(kpu.private_key_file(1)),
        "--title",
        "Jadwal coklit",
        "--body",
        "Coklit dimulai Senin.",
    )
    # The laptop that slept through all of it: its deployment file is the one it was installed
    # with, it never saw the rotation; the next pin in that file is what lets it in.
    VoterService(slept).mark_sesuai(kpu_server.voter_id(0))
    report = slept_engine.run_once()
    assert report.ok, report.error_message
    assert report.confirmed == 1 and report.announcements == 2
    assert "Jadwal coklit" in _titles(slept) and p.ROTATION_TITLE in _titles(slept)
    assert learned_trust(slept.db).ca_pems == (kpu.cas[2].ca_cert.read_text(),)
    assert synced_engine.run_once().ok
    # A laptop whose deployment file predates the rotation cannot verify the new server: it
    # is refused before anything is sent, and its change stays queued.
    VoterService(stale).mark_sesuai(kpu_server.voter_id(1))
    refused = stale_engine.run_once()
    assert refused.outcome == "failed" and refused.error_code == "tls"
    assert refused.pending == 1 and kpu_server.applied() == 1

    # 4. Retire, then the next rotation: the server moves to the pair announced in step 2.
    # Both laptops still carry only the 2029 deployment file; a restarted app (a new engine
    # from the vault) trusts what it learned.
    kpu_server.stop()
    kpu_server.start(kpu.cas[2])
    announce(
        kpu_server,
        "announce",
        "--kpu-key",
        str(kpu.private_key_file(2)),
        "--title",
        "Rekap",
        "--body",
        "Rekap hari ini.",
    )
    for store in (synced, slept):
        restarted = SyncEngine.for_store(store, retry=FAST_RETRY, **config.engine_kwargs())
        VoterService(store).mark_sesuai(kpu_server.voter_id(5 if store is synced else 6))
        report = restarted.run_once()
        assert report.ok, report.error_message
        assert report.confirmed == 1 and "Rekap" in _titles(store)
        restarted.client.close()
    assert kpu_server.applied() == 3
    for engine in (synced_engine, slept_engine, stale_engine):
        engine.client.close()


def test_after_two_rotations_every_client_trusts_the_learned_pin(
    tmp_path: pathlib.Path,
    kpu: Kpu,
    kpu_server: KpuServer,
    recovery_keys: tuple[bytes, bytes],
) -> None:
    """The engine was never the problem: its client reads the learned pins at the start of a
    run. The clients made outside a run are: the quiet ping (``ping_probe``), ``lapang sync``'s
    ping before the run, and an enrolment again with a new code."""
    pem = recovery_keys[1]
    current = kpu.deployment("deploy-2029", kpu_server.url, pem, with_next=True)
    config = SyncConfig.from_deployment(current)
    store, engine = _laptop(tmp_path / "a", pem, kpu_server, config)
    announce(
        kpu_server,
        "announce-rotation",
        "--next-ca",
        str(kpu.cas[2].ca_cert),
        "--kpu-key",
        str(kpu.private_key_file(0)),
    )
    assert engine.run_once().ok
    engine.client.close()
    VoterService(store).mark_sesuai(kpu_server.voter_id(0))
    store.close()
    for ca in (kpu.cas[1], kpu.cas[2]):  # two switches; the deployment file stays the 2029 one
        kpu_server.stop()
        kpu_server.start(ca)

    # Headless, as a scheduled task runs it: a separate process, the deployment file in force.
    synced = lapang(
        tmp_path / "a", "sync", passphrase=PASSPHRASE, LAPANG_DEPLOYMENT=str(current.source)
    )
    assert synced.returncode == 0, synced.stderr
    assert "Sync: ok; 1 change(s) confirmed" in synced.stdout
    assert kpu_server.applied() == 1

    store = Vault(tmp_path / "a").unlock(OFFICER, PASSPHRASE)
    try:
        # The quiet ping made as the sync package says (the engine's pins) answers; the
        # deployment's pins alone are refused, so it is the learned pin that lets it in.
        restarted = SyncEngine.for_store(store, retry=FAST_RETRY, **config.engine_kwargs())
        assert ping_probe(kpu_server.url, pins=restarted.client.pins)()
        with pytest.raises(CertificateRejected):  # refused, and said so (not "no signal")
            ping_probe(kpu_server.url, ca_file=config.ca_file)()
        restarted.client.close()
        # Enrolling again (a new code from KPU) reaches the same server.
        again = register(store, kpu_server.url, kpu_server.code(), **config.engine_kwargs())
        assert download_area(again).area_downloaded
        again.client.close()
    finally:
        store.close()


def test_a_next_pin_that_is_no_certificate_stops_the_deployment(
    tmp_path: pathlib.Path, recovery_keys: tuple[bytes, bytes]
) -> None:
    (tmp_path / "recovery.pem").write_bytes(recovery_keys[1])
    (tmp_path / "next.pem").write_text("not a certificate\n", encoding="ascii")
    path = tmp_path / "deployment.toml"
    path.write_text(
        '[sync]\nnext_ca_file = "next.pem"\n[keys]\nrecovery_public_key = "recovery.pem"\n',
        encoding="utf-8",
    )
    with pytest.raises(DeploymentError, match="next_ca_file .* holds no PEM certificate"):
        load_deployment(path)


def test_a_rotation_line_that_names_no_key_is_not_trusted() -> None:
    assert p.KeyRotation.from_body("Coklit dimulai Senin.") is None
    with pytest.raises(p.InvalidRotation):
        p.KeyRotation.from_body(f'{p.ROTATION_MARK} {{"announcement_keys":["bukan-kunci"]}}')
    with pytest.raises(p.InvalidRotation):
        p.KeyRotation.from_body(f'{p.ROTATION_MARK} {{"ca_pems":["-----BEGIN CERTIFICATE-----"]}}')
