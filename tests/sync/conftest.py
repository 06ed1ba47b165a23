"""Fixtures for the device-side sync tests: a real sync server (SQLite) on a loopback port, a
real encrypted store (``store`` from tests/conftest.py), and a dev KPU announcement key pair
made for the session (the real private key never exists outside KPU)."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from desktop_app.store.field_store import FieldStore
from desktop_app.sync.client import SyncClient
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import EnrollmentResult, enroll
from desktop_app.sync.pacing import RetryPolicy
from lapang_core import protocol as p
from tests.support.sync_env import RunningServer, area_voters, start_server

# Waiting seconds between retries proves nothing in a test; the policy's shape is tested alone.
FAST_RETRY = RetryPolicy(attempts=8, first_delay=0.01, max_delay=0.05)
AREA_VOTERS = 120


@pytest.fixture(scope="session")
def kpu_key() -> Ed25519PrivateKey:
    """The dev KPU announcement key (private half: only tests and the server side use it)."""
    return p.generate_key()


@pytest.fixture(scope="session")
def kpu_public(kpu_key: Ed25519PrivateKey) -> Ed25519PublicKey:
    return kpu_key.public_key()


@pytest.fixture()
def sync_server(tmp_path: pathlib.Path) -> Iterator[RunningServer]:
    server = start_server(tmp_path / "server", voters=area_voters(AREA_VOTERS))
    try:
        yield server
    finally:
        server.stop()


@dataclasses.dataclass
class Enrolled:
    store: FieldStore
    engine: SyncEngine
    server: RunningServer
    result: EnrollmentResult

    @property
    def client(self) -> SyncClient:
        return self.engine.client


def enroll_store(
    store: FieldStore, server: RunningServer, kpu_public: Ed25519PublicKey, url: str | None = None
) -> Enrolled:
    result, engine = enroll(
        store,
        url or server.url,
        server.code(),
        label="laptop PPS test",
        retry=FAST_RETRY,
        kpu_key=kpu_public,
    )
    return Enrolled(store, engine, server, result)


@pytest.fixture()
def enrolled(
    store: FieldStore, sync_server: RunningServer, kpu_public: Ed25519PublicKey
) -> Enrolled:
    """A store enrolled for AREA, with the area's voters downloaded."""
    return enroll_store(store, sync_server, kpu_public)
