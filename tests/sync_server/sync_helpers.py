"""Helpers for the sync server tests: a signing device client and a server in a thread.

``DeviceClient`` speaks the wire protocol with ``requests`` the way the app's engine will;
``serve`` runs an app under uvicorn on a free loopback port in a background thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from typing import Any

import requests
import uvicorn

from lapang_core import protocol as p
from lapang_core.domain.voter import VoterRecord, imported_voter_id
from sync_server.config import ServerConfig
from sync_server.http import uvicorn_config
from sync_server.repository import Repository
from tests.support.ports import free_port

AREA = "14.01.01"  # kecamatan Bangkinang Kota, Kampar (demo fixture)
ELECTION = dt.date(2029, 2, 14)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


class DeviceClient:
    """A device as the server sees it: an Ed25519 key, an id after enrollment, and a clock."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.key = p.generate_key()
        self.device_id = ""
        self.area = ""
        self.http = requests.Session()
        self.next_seq = 1

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        content_type: str | None = None,
        timestamp: int | None = None,
        nonce: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        signed = p.sign_request(
            self.key, method, path, self.device_id, body, timestamp=timestamp, nonce=nonce
        )
        if not self.device_id:
            signed.pop(p.HEADER_DEVICE)
        if content_type:
            signed["Content-Type"] = content_type
        signed.update(headers or {})
        return self.http.request(
            method, self.base_url + path, data=body, headers=signed, timeout=10
        )

    def enroll(self, code: str, label: str = "laptop-1") -> requests.Response:
        body = p.EnrollRequest(code, p.public_key_text(self.key), label).encode()
        response = self.request("POST", "/v1/enroll", body, content_type="application/json")
        if response.status_code == 200:
            answer = p.EnrollResponse.decode(response.content)
            self.device_id, self.area = answer.device_id, answer.area
        return response

    def push_raw(self, body: bytes, **kwargs: Any) -> requests.Response:
        return self.request("POST", "/v1/push", body, content_type=p.MEDIA_TYPE, **kwargs)

    def push(self, changes: list[dict[str, Any]], *, version: int = 1) -> p.PushResult:
        """``version`` 2: ask for the answer without echo (docs/sync-protocol.md 5.4)."""
        response = self.push_raw(push_body(changes, version=version))
        raise_for_protocol(response)
        return p.PushResult.decode(response.content)

    def pull(
        self, cursor: int = 0, limit: int = p.PULL_PAGE_DEFAULT, *, version: int = 1
    ) -> p.PullPage:
        # The query as docs/sync-protocol.md §6 writes it, built here rather than by the code
        # under test.
        query = f"/v1/pull?cursor={cursor}&limit={limit}" + (
            "" if version == 1 else f"&v={version}"
        )
        response = self.request("GET", query)
        raise_for_protocol(response)
        return p.PullPage.decode(response.content)

    def pull_all(
        self, cursor: int = 0, limit: int = p.PULL_PAGE_DEFAULT, *, version: int = 1
    ) -> list[p.PullPage]:
        pages = [self.pull(cursor, limit, version=version)]
        while pages[-1].more:
            pages.append(self.pull(pages[-1].cursor, limit, version=version))
        return pages

    def change(
        self,
        op: str,
        entity_id: str,
        payload: dict[str, Any] | None = None,
        *,
        base_version: int | None = 1,
        entity: str = "voter",
        seq: int | None = None,
    ) -> dict[str, Any]:
        """An outbox entry with the next seq (or ``seq``)."""
        if seq is None:
            seq = self.next_seq
            self.next_seq += 1
        return {
            "change_id": uuid.uuid4().hex,
            "seq": seq,
            "entity": entity,
            "entity_id": entity_id,
            "op": op,
            "payload": payload or {},
            "base_version": base_version,
            "created_at": now_iso(),
            "officer": "Pantarlih TPS 001",
        }


def push_body(changes: list[dict[str, Any]], *, version: int = 1) -> bytes:
    """A push body as docs/sync-protocol.md 5.2 defines it, ``"v"`` set here on the wire
    document (not by the code under test)."""
    body = p.PushRequest.from_outbox(changes).encode()
    if version == 1:
        return body
    doc = json.loads(zlib.decompress(body))
    doc["v"] = version
    return zlib.compress(json.dumps(doc, separators=(",", ":")).encode())


def raise_for_protocol(response: requests.Response) -> None:
    if response.status_code != 200:
        raise p.ProtocolError.from_response(response.status_code, response.content)


@dataclasses.dataclass
class LiveServer:
    url: str
    config: ServerConfig
    repo: Repository
    voters: list[VoterRecord]

    @property
    def db(self) -> str | pathlib.Path:
        """The database as the admin CLI's --db takes it."""
        return self.config.database

    def code(self, area: str = AREA, hours: float = 1.0) -> str:
        return self.repo.create_enroll_code(area, hours, time.time())

    def device(self, area: str = AREA, label: str = "laptop-1") -> DeviceClient:
        client = DeviceClient(self.url)
        response = client.enroll(self.code(area), label)
        assert response.status_code == 200, response.text
        return client

    def voter_id(self, index: int) -> str:
        return imported_voter_id(self.voters[index])

    def voter_row(self, voter_id: str) -> dict[str, Any]:
        with self.repo.transaction(write=False) as tx:
            row = tx.voter(voter_id)
        assert row is not None
        return row


def serve(
    app: Any, root_path: str = "", **settings: Any
) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Run ``app`` as ``python -m sync_server serve`` would (same uvicorn settings), on a free
    loopback port in a daemon thread; ``settings`` override ``uvicorn_config``'s."""
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP;
    # with proto 0, Nagle + delayed ACK add 40 ms to every keep-alive request.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn_config(app, log_level="warning", root_path=root_path, **settings)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test sync server did not start")
        time.sleep(0.01)
    return server, thread, f"http://127.0.0.1:{port}"


def baru_payload(record: VoterRecord, tps_id: str | None = None) -> dict[str, Any]:
    """A complete "baru" payload for ``record`` (at ``tps_id`` if given)."""
    payload: dict[str, Any] = {f: getattr(record, f) for f in p.WIRE_ELEMENTS}
    birth = record.tanggal_lahir
    payload["tanggal_lahir"] = birth.isoformat() if birth else None
    payload["tps_id"] = tps_id or record.tps_id
    payload["sumber"] = "COKLIT"
    return payload


class ServerProcess:
    """``python -m sync_server serve`` in a process of its own on a free loopback port, exactly
    as KPU runs it: nothing shared with the test but the database."""

    def __init__(
        self, db: str | pathlib.Path, *extra: str, source: pathlib.Path | None = None
    ) -> None:
        """``source``: another tree of the program to run (a released server), not this one."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        repo_root = source or pathlib.Path(__file__).resolve().parents[2]
        # A pipe nobody reads could fill and block the server: its log goes to a file.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sync_server", "serve", "--db", str(db)]
            + ["--port", str(self.port), "--log-level", "warning", *extra],
            cwd=repo_root,
            env={**os.environ, "PYTHONPATH": str(repo_root)},
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(self.url + "/v1/ping", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = self.stderr
                self.stop()
                raise RuntimeError(f"the sync server process did not start: {log}")
            time.sleep(0.1)

    @property
    def stderr(self) -> str:
        if self._log.closed:
            return ""
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log.close()

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
