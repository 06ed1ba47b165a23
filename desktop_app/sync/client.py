"""HTTP client of the sync protocol: one kept-alive ``requests.Session``, every request signed
by the device key, error bodies mapped back to the protocol's exception classes.

Transport security: an ``https://`` server is verified against the pinned KPU certificates
only (``trust.ServerPins``: ``resources/certs/kpu_sync_ca.pem`` unless another file is given,
and those learned from KPU's signed key rotations), never against the operating system's
trust store; ``http://`` is accepted only for this computer (127.0.0.0/8,
::1, localhost), for development and tests.

The client holds no store and no thread: the engine calls it from the thread it runs on.
"""

from __future__ import annotations

import dataclasses
import pathlib
import ssl
import time
import urllib.parse
from collections.abc import Callable, Sequence
from typing import TypeVar

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.resources import resource_path
from desktop_app.sync.abortable import AbortableAdapter, SocketRegistry
from desktop_app.sync.errors import (
    CertificateRejected,
    InsecureServerUrl,
    PinnedCertificateMissing,
    TransportError,
)
from desktop_app.sync.trust import ServerPins
from lapang_core import protocol as p
from lapang_core.addresses import is_loopback_host

_JSON = "application/json"
_OCTETS = "application/octet-stream"
USER_AGENT = f"Lapang/{p.PROTOCOL_VERSION}"
_T = TypeVar("_T")


def default_ca_file() -> pathlib.Path:
    """The KPU certificate (or CA) every deployment ships; replaced per deployment."""
    return resource_path("certs", "kpu_sync_ca.pem")


def pins_for(ca_file: pathlib.Path | str | None) -> ServerPins:
    """The pin set of one certificate file (None: the one the app ships); learned pins join
    it later (``ServerPins.learn_from``)."""
    return ServerPins([pathlib.Path(ca_file) if ca_file is not None else default_ca_file()])


@dataclasses.dataclass(frozen=True)
class Timeouts:
    """Seconds. Sized for 2G/EDGE: a TCP + TLS handshake over a 600 ms+ round trip with losses
    takes several seconds, and a kilobyte-per-second link can stall for tens of seconds without
    being dead. ``read`` is the longest silence tolerated while sending or waiting for an
    answer, not the duration of the whole request."""

    connect: float = 30.0
    read: float = 60.0
    ping: float = 15.0


DEFAULT_TIMEOUTS = Timeouts()


@dataclasses.dataclass(frozen=True)
class DeviceCredentials:
    device_id: str
    key: Ed25519PrivateKey

    def __repr__(self) -> str:  # never print the key
        return f"DeviceCredentials(device_id={self.device_id!r})"


def check_server_url(url: str) -> urllib.parse.SplitResult:
    """The parsed URL, or ``InsecureServerUrl`` for anything but https:// or loopback http://."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureServerUrl(f"The sync server address must start with https:// (got {url!r}).")
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise InsecureServerUrl(
            f"The sync server {parts.hostname} must be reached over https://: voter data never "
            "travels unencrypted (plain http:// is only for a server on this computer)."
        )
    if parts.query or parts.fragment:
        raise InsecureServerUrl("The sync server address must not contain '?' or '#'.")
    return parts


class SyncClient:
    """Talks to one sync server. ``credentials`` is None until the device is enrolled."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_file: pathlib.Path | str | None = None,
        pins: ServerPins | None = None,
        credentials: DeviceCredentials | None = None,
        clock_offset: int = 0,
        timeouts: Timeouts = DEFAULT_TIMEOUTS,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        parts = check_server_url(base_url)
        self.base_url = urllib.parse.urlunsplit(
            (parts.scheme, parts.netloc, parts.path.rstrip("/"), "", "")
        )
        if pins is not None and ca_file is not None:
            raise TypeError("Give the pinned certificates as ca_file or as pins, not both.")
        self.pins = pins if pins is not None else pins_for(ca_file)
        self._https = parts.scheme == "https"
        if self._https:
            self._verify()  # a missing pinned file is said now, before anything is sent
        self.credentials = credentials
        # server time - local time, in seconds: field laptops often have a wrong clock, and
        # the officer is never asked to fix it (docs/sync-protocol.md section 2).
        self.clock_offset = clock_offset
        self.timeouts = timeouts
        self._wall = wall_clock
        self.bytes_up = 0  # request bodies sent (answers received or not)
        self.bytes_down = 0  # answer bodies received
        self._session = requests.Session()
        # An environment proxy would see only ciphertext on https, but it must never sit between
        # the app and a loopback server (tests and the benchmark count bytes).
        self._session.trust_env = not is_loopback_host(parts.hostname or "")
        # Every header costs bytes on a 2G link: send only what the server needs.
        self._session.headers.clear()
        self._session.headers["User-Agent"] = USER_AGENT
        self._session.headers["Accept-Encoding"] = "identity"
        self._sockets = SocketRegistry()
        adapter = AbortableAdapter(self._sockets, pool_connections=1, pool_maxsize=1, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    # -- plumbing -----------------------------------------------------------------------------
    def trust_also(self, pems: Sequence[str]) -> None:
        """Trust these certificates too, beside the pinned files: those KPU named in a signed
        key rotation (``protocol.rotation``). Every client sharing ``pins`` trusts them."""
        self.pins.learn(pems)

    def _verify(self) -> bool | str:
        """What requests checks the server against: the pins as they are now (a certificate
        learned since the last request counts), nothing for loopback http://."""
        if not self._https:
            return False
        missing = self.pins.missing()
        bundle = self.pins.bundle() if missing is None else None
        if bundle is None:
            raise PinnedCertificateMissing(
                f"The KPU server certificate file {missing or '(none given)'} is missing, so "
                "the server cannot be verified. Reinstall the app or ask KPU IT for the "
                "certificate file."
            )
        return str(bundle)

    def now(self) -> int:
        """The server's idea of now, from this laptop's clock and the known offset."""
        return int(self._wall()) + self.clock_offset

    @property
    def connect_seconds(self) -> float:
        """Seconds spent so far opening connections (TCP connect and TLS handshake)."""
        return self._sockets.connect_seconds

    @property
    def handshake_seconds(self) -> float | None:
        """The longer step (TCP connect or TLS handshake) of the last connection opened: at
        least one round trip of the link; None before the first connection."""
        return self._sockets.last_handshake_seconds

    def close(self) -> None:
        """Drop the kept-alive connection. The client stays usable: the next request opens a
        new connection (call this when the laptop changes networks, or before locking)."""
        self._session.close()

    def abort(self) -> None:
        """Cut the request in flight, if any (any thread): it fails at once with
        ``TransportError`` instead of waiting out its timeout. Used by cancel, lock and close.
        The client stays usable; the next request opens a new connection."""
        self._sockets.shutdown_all()

    def _send(
        self,
        method: str,
        path: str,
        body: bytes,
        headers: dict[str, str],
        timeout: tuple[float, float],
    ) -> requests.Response:
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                data=body if body else None,
                headers=headers,
                timeout=timeout,
                verify=self._verify(),  # per request: REQUESTS_CA_BUNDLE must not replace the pin
                allow_redirects=False,
            )
            content = response.content  # read fully here, so a cut answer fails here
        except requests.exceptions.SSLError as exc:
            if _link_cut(exc):
                raise TransportError(f"No answer from the sync server ({_short(exc)}).") from None
            raise CertificateRejected(
                "The server's certificate is not the pinned KPU certificate: this may be a wrong "
                "server or someone intercepting the connection. Nothing was sent."
                f" ({_short(exc)})"
            ) from None
        except (requests.exceptions.RequestException, OSError) as exc:
            raise TransportError(f"No answer from the sync server ({_short(exc)}).") from None
        self.bytes_up += len(body)
        self.bytes_down += len(content)
        return response

    def _signed(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        content_type: str | None = None,
        key: Ed25519PrivateKey | None = None,
        device_id: str | None = None,
    ) -> bytes:
        if key is None:
            if self.credentials is None:
                raise p.UnknownDevice("This laptop is not enrolled; enrol it first.")
            key, device_id = self.credentials.key, self.credentials.device_id
        corrected = False
        while True:
            # A new timestamp, nonce and signature on every attempt: a retry is a new request.
            headers = p.sign_request(key, method, path, device_id or "", body, timestamp=self.now())
            if not device_id:
                headers.pop(p.HEADER_DEVICE)
            if content_type:
                headers["Content-Type"] = content_type
            response = self._send(
                method, path, body, headers, (self.timeouts.connect, self.timeouts.read)
            )
            if response.status_code == 200:
                return response.content
            error = _error(response)
            server_time = error.details.get("server_time")
            if isinstance(error, p.ClockSkew) and isinstance(server_time, int) and not corrected:
                self.clock_offset = server_time - int(self._wall())
                corrected = True
                continue
            raise error

    # -- the protocol -------------------------------------------------------------------------
    def ping(self, timeouts: Timeouts | None = None) -> int:
        """Server time; also corrects the clock offset. Raises ``TransportError`` when offline.
        ``timeouts`` replaces the client's for this request (a quick reachability check)."""
        limits = timeouts or self.timeouts
        response = self._send(
            "GET",
            f"{p.API_PREFIX}/ping",
            b"",
            {},
            (limits.connect, limits.ping),
        )
        if response.status_code != 200:
            raise _error(response)
        try:
            server_time = int(p.loads_json(response.content)["time"])
        except (p.ProtocolError, KeyError, TypeError, ValueError):
            raise TransportError("The sync server's answer to ping is not readable.") from None
        self.clock_offset = server_time - int(self._wall())
        return server_time

    def enroll(self, code: str, key: Ed25519PrivateKey, label: str) -> p.EnrollResponse:
        """Register ``key`` with a one-time code; signed with the new key itself."""
        encryption_key = p.encryption_key_text(p.derive_encryption_key(key))
        body = p.EnrollRequest(
            code.strip(), p.public_key_text(key), label[:120], encryption_key
        ).encode()
        content = self._signed(
            "POST", f"{p.API_PREFIX}/enroll", body, content_type=_JSON, key=key, device_id=""
        )
        answer = _decode(p.EnrollResponse.decode, content)
        self.clock_offset = answer.server_time - int(self._wall())
        return answer

    def register_encryption_key(self, encryption_key: str) -> p.DeviceKeyResponse:
        """Register this device's X25519 key (an enrolment from before return bundles)."""
        body = p.DeviceKeyRequest(encryption_key).encode()
        content = self._signed(
            "POST", f"{p.API_PREFIX}{p.DEVICE_KEY_PATH}", body, content_type=_JSON
        )
        return _decode(p.DeviceKeyResponse.decode, content)

    def push(self, body: bytes) -> p.PushResult:
        """Send one encoded batch (``PushRequest.encode()``)."""
        content = self._signed("POST", f"{p.API_PREFIX}/push", body, content_type=p.MEDIA_TYPE)
        return _decode(p.PushResult.decode, content)

    def pull(
        self, cursor: int, limit: int, *, version: int = p.DOC_VERSION_APPLICATION_NO_ECHO
    ) -> p.PullPage:
        """One pull page. Version 3: rows and outcomes this laptop's own changes made are not
        sent back (their push answer said); another ``version`` only for measuring
        (bench/application_echo.py)."""
        path = p.pull_path(cursor, limit, version=version)
        return _decode(p.PullPage.decode, self._signed("GET", path))

    def attachment_status(self, sha256: str) -> p.AttachmentStatus:
        content = self._signed("GET", f"{p.API_PREFIX}/attachments/{sha256}")
        return _decode(p.AttachmentStatus.decode, content)

    def put_chunk(self, sha256: str, offset: int, size: int, data: bytes) -> p.AttachmentStatus:
        path = p.attachment_path(sha256, offset=offset, size=size)
        content = self._signed("PUT", path, data, content_type=_OCTETS)
        return _decode(p.AttachmentStatus.decode, content)

    def relay_status(self, bundle_id: str) -> p.RelayStatus:
        """How much of a carried bundle the server holds from this laptop. A server from before
        chunked relay answers ``NotFound``."""
        content = self._signed("GET", p.relay_status_path(bundle_id))
        return _decode(p.RelayStatus.decode, content)

    def relay_chunk(self, bundle_id: str, offset: int, size: int, data: bytes) -> p.RelayStatus:
        """One chunk of a carried bundle; the answer to the last one carries the summary."""
        path = p.relay_chunk_path(bundle_id, offset=offset, size=size)
        content = self._signed("PUT", path, data, content_type=_OCTETS)
        return _decode(p.RelayStatus.decode, content)

    def relay(self, bundle: bytes) -> dict[str, object]:
        """Deliver another laptop's sealed bundle in one request (a server from before chunked
        relay); the server's summary."""
        content = self._signed("POST", f"{p.API_PREFIX}/relay", bundle, content_type=_OCTETS)
        summary = _decode(p.loads_json, content)
        return summary if isinstance(summary, dict) else {}


def _error(response: requests.Response) -> p.ProtocolError:
    """The protocol exception for an error answer. A code this client does not know (a newer
    server, e.g. ``request_timeout``) keeps the server's own ``retryable`` verdict."""
    error = p.ProtocolError.from_response(response.status_code, response.content)
    if type(error) is p.ProtocolError:
        try:
            retryable = p.loads_json(response.content)["error"]["retryable"] is True
        except (p.ProtocolError, KeyError, TypeError):
            retryable = False
        if retryable:
            return p.ServiceUnavailable(error.message, **error.details)
    return error


def _decode(decoder: Callable[[bytes], _T], content: bytes) -> _T:
    """A 200 answer we cannot read (a captive portal, a truncating middlebox) tells us nothing:
    treat it like no answer, so everything stays queued."""
    try:
        return decoder(content)
    except p.ProtocolError as exc:
        raise TransportError(f"The sync server's answer is not readable ({exc.message}).") from None


def _link_cut(exc: BaseException) -> bool:
    """A TLS handshake the link ended (the peer closed or reset it before any certificate was
    shown: a dropped 2G connection, a middlebox giving up) is no answer, not a refused
    certificate: the laptop keeps waiting for a signal instead of sending the officer to KPU
    IT. urllib3 nests the ``ssl`` error in its own and in ``requests``' exceptions."""
    found: list[BaseException] = []
    pending: list[object] = [exc]
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or any(item is f for f in found):
            continue
        found.append(item)
        pending.extend((item.__cause__, item.__context__, getattr(item, "reason", None)))
        pending.extend(item.args)
    if any(isinstance(item, ssl.SSLCertVerificationError) for item in found):
        return False
    cut = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ConnectionError)
    return any(isinstance(item, cut) for item in found)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
