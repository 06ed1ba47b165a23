"""The HTTP client: transport security (pinned HTTPS, plain HTTP only to loopback), clock
correction, and how server errors and non-answers reach the engine."""

from __future__ import annotations

import http.server
import pathlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox, sync_state
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.client import SyncClient, Timeouts
from desktop_app.sync.enrollment import enroll
from desktop_app.sync.errors import (
    CertificateRejected,
    InsecureServerUrl,
    PinnedCertificateMissing,
    TransportError,
)
from desktop_app.sync.watcher import ping_probe
from lapang_core import protocol as p
from tests.support.certs import make_self_signed, make_tls
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.sync.conftest import FAST_RETRY, Enrolled


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8470",
        "http://127.9.9.9:8470/lapang",
        "http://[::1]:8470",
        "http://localhost:8470/",
    ],
)
def test_plain_http_is_allowed_to_loopback(url: str) -> None:
    SyncClient(url).close()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.5:8470",
        "http://sync.kpu.go.id",
        "http://127.0.0.1.nip.io:8470",
        "ftp://127.0.0.1",
        "sync.kpu.go.id",
    ],
)
def test_plain_http_elsewhere_is_refused(url: str) -> None:
    with pytest.raises(InsecureServerUrl, match="https://"):
        SyncClient(url)


def test_https_needs_the_pinned_certificate_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(PinnedCertificateMissing, match="missing"):
        SyncClient("https://sync.kpu.example", ca_file=tmp_path / "absent.pem")


@pytest.fixture()
def tls_server(tmp_path: pathlib.Path) -> Iterator[tuple[RunningServer, pathlib.Path]]:
    tls = make_tls(tmp_path / "tls")
    server = start_server(
        tmp_path / "server", voters=area_voters(30), tls=(tls.server_cert, tls.server_key)
    )
    try:
        yield server, tls.ca_cert
    finally:
        server.stop()


def test_https_with_the_pinned_ca_enrols_and_syncs(
    tls_server: tuple[RunningServer, pathlib.Path],
    store: FieldStore,
    kpu_public: Ed25519PublicKey,
) -> None:
    server, ca = tls_server
    assert server.url.startswith("https://")
    result, engine = enroll(
        store, server.url, server.code(), ca_file=ca, retry=FAST_RETRY, kpu_key=kpu_public
    )
    assert result.area_downloaded
    VoterService(store).mark_sesuai(server.voter_id(0))
    report = engine.run_once()
    assert report.ok and report.confirmed == 1
    assert server.voter_row(server.voter_id(0))["keterangan"] == "✓"
    engine.client.close()


def test_a_server_not_signed_by_the_pin_is_refused_before_anything_is_sent(
    tls_server: tuple[RunningServer, pathlib.Path],
    store: FieldStore,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    kpu_public: Ed25519PublicKey,
) -> None:
    server, right_ca = tls_server
    wrong_ca = make_tls(tmp_path / "impostor", "Not KPU CA").ca_cert
    # The environment's CA bundle (here: the real one) must not override the pin.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(right_ca))
    impostor_pin = SyncClient(server.url, ca_file=wrong_ca)
    with pytest.raises(CertificateRejected, match="pinned KPU certificate"):
        impostor_pin.ping()
    code = server.code()
    with pytest.raises(CertificateRejected):
        enroll(store, server.url, code, client=impostor_pin, kpu_key=kpu_public)
    impostor_pin.close()
    assert sync_state.active_enrollment(store.db) is None
    assert server.repo.devices() == []
    # Nothing reached the server: the same code still works with the right pin.
    result, engine = enroll(store, server.url, code, ca_file=right_ca, kpu_key=kpu_public)
    assert result.area_downloaded
    engine.client.close()  # a TLS connection left open holds up the server's shutdown


def test_a_self_signed_server_certificate_can_be_the_pin(tmp_path: pathlib.Path) -> None:
    tls = make_self_signed(tmp_path / "tls")
    server = start_server(tmp_path / "server", tls=(tls.server_cert, tls.server_key))
    try:
        assert abs(SyncClient(server.url, ca_file=tls.server_cert).ping() - time.time()) < 5
        other = make_self_signed(tmp_path / "other")
        with pytest.raises(CertificateRejected):
            SyncClient(server.url, ca_file=other.server_cert).ping()
    finally:
        server.stop()


class HandshakeCutter:
    """A loopback listener that reads the laptop's TLS hello and closes the connection before
    any certificate is shown: what a dropped link or a middlebox giving up looks like."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"https://127.0.0.1:{self.sock.getsockname()[1]}"
        self.hellos = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                if conn.recv(4096):  # the laptop's hello reached a listener
                    self.hellos += 1
                conn.shutdown(socket.SHUT_WR)  # FIN, not RST: the handshake ends in an EOF
                conn.recv(4096)

    def close(self) -> None:
        self.sock.close()


def test_a_handshake_the_link_cuts_is_no_answer_not_a_refused_certificate(
    tmp_path: pathlib.Path,
) -> None:
    """Before, every TLS error read as "the certificate is not KPU's": a 2G link that dropped
    during the handshake sent the officer to KPU IT (and made the desk's watcher show
    "Server tidak dikenali") instead of waiting for a signal."""
    ca = make_tls(tmp_path / "tls").ca_cert
    cutter = HandshakeCutter()
    try:
        with pytest.raises(TransportError):
            SyncClient(cutter.url, ca_file=ca).ping()
        assert ping_probe(cutter.url, ca_file=ca)() is False
        assert cutter.hellos >= 2  # the client's and the probe's: a listener cut them
    finally:
        cutter.close()


def test_a_wrong_laptop_clock_is_corrected_without_asking_the_officer(
    sync_server: RunningServer, store: FieldStore, kpu_public: Ed25519PublicKey
) -> None:
    hour_behind = SyncClient(sync_server.url, wall_clock=lambda: time.time() - 3600)
    result, engine = enroll(
        store, sync_server.url, sync_server.code(), client=hour_behind, kpu_key=kpu_public
    )
    assert result.area_downloaded
    assert abs(hour_behind.clock_offset - 3600) <= 2
    assert abs(sync_state.require_enrollment(store.db).clock_offset - 3600) <= 2
    # The clock jumps a day ahead (battery swapped): the first request is refused with the
    # server's time, the client corrects itself and retries at once with a new signature.
    hour_behind._wall = lambda: time.time() + 86400  # noqa: SLF001 - the laptop's clock
    VoterService(store).mark_sesuai(sync_server.voter_id(1))
    report = engine.run_once()
    assert report.ok and report.confirmed == 1 and report.retries == 0
    assert abs(sync_state.require_enrollment(store.db).clock_offset + 86400) <= 2


def test_a_revoked_device_is_told_so_and_keeps_its_queue(enrolled: Enrolled) -> None:
    store, server = enrolled.store, enrolled.server
    VoterService(store).mark_sesuai(server.voter_id(0))
    server.repo.revoke(enrolled.result.device_id, time.time())
    report = enrolled.engine.run_once()
    assert report.outcome == "failed" and report.error_code == "device_revoked"
    assert "revoked" in (report.error_message or "")
    assert outbox.counts(store.db)["pending"] == 1
    assert sync_state.recent_runs(store.db, 1)[0].outcome == "failed"


def test_no_server_is_a_transport_error(tmp_path: pathlib.Path) -> None:
    client = SyncClient("http://127.0.0.1:9", timeouts=Timeouts(connect=2, read=2, ping=2))
    with pytest.raises(TransportError, match="No answer"):
        client.ping()


class _CaptivePortal(http.server.BaseHTTPRequestHandler):
    """A hotel or café portal answering everything with a 200 login page."""

    def _page(self) -> None:
        body = b"<html><body>Login to WiFi</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _page

    def log_message(self, *args: object) -> None:
        pass


def test_an_unreadable_answer_counts_as_no_answer_and_keeps_everything_queued(
    enrolled: Enrolled,
) -> None:
    store, server = enrolled.store, enrolled.server
    portal = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CaptivePortal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    try:
        VoterService(store).mark_sesuai(server.voter_id(0))
        enrolled.client.base_url = f"http://127.0.0.1:{portal.server_address[1]}"
        report = enrolled.engine.run_once()
    finally:
        portal.shutdown()
    assert report.outcome == "offline"
    assert report.retries == FAST_RETRY.attempts - 1
    assert outbox.counts(store.db) == {"pending": 1, "sent": 0, "refused": 0}
    enrolled.client.base_url = server.url
    assert enrolled.engine.run_once().ok
    assert outbox.counts(store.db) == {"pending": 0, "sent": 1, "refused": 0}


def test_error_bodies_map_to_the_protocol_error_classes(sync_server: RunningServer) -> None:
    client = SyncClient(sync_server.url)
    with pytest.raises(p.EnrollCodeInvalid):
        client.enroll("AAAA-BBBB-CCCC", p.generate_key(), "x")
    key = p.generate_key()
    code = sync_server.code()
    first = client.enroll(code, key, "x")
    # The same key and code again (the first answer was lost on the way): the same device.
    assert client.enroll(code, key, "x").device_id == first.device_id
    with pytest.raises(p.EnrollCodeUsed):
        client.enroll(code, p.generate_key(), "y")
