"""A laptop updated before KPU's server: the desk speaks document version 3, the server as
released at d476e2d speaks 1 and 2 only. The desk falls back to the server's version and syncs —
push and pull, nothing lost or doubled, the laptop equal to the server for its area — instead
of being refused on every run until the server is upgraded (docs/sync-protocol.md §1)."""

from __future__ import annotations

import contextlib
import datetime as dt
import pathlib
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store.field_store import FieldStore
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.client import SyncClient
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.ops import EngineHolder
from desktop_app.ui.sync.relay import SyncRelay, SyncSignals
from lapang_core import protocol as p
from tests.support.released_server import unpack_release
from tests.support.server_process import ServerProcess
from tests.support.sync_env import AREA, RunningServer
from tests.sync.conftest import FAST_RETRY, Enrolled, enroll_store
from tests.sync.echo_helpers import (
    differences,
    laptop_outcomes,
    laptop_rows,
    server_outcomes,
    server_rows,
)
from tests.sync.test_application_no_echo_sync import _submit

# Main before document version 3 (no echo of applications): it answers a push of "v": 3 with
# unsupported_protocol naming [1, 2], and a pull with v=3 as malformed, naming nothing.
RELEASED_V2_SERVER = "d476e2d"
# Main before document version 2 (no echo): a push of "v": 3 is refused naming [1]; a pull's v
# is not read at all (every pull brings the echo, as version 1 says).
RELEASED_V1_SERVER = "93704fd"


@pytest.fixture(scope="module")
def v2_source(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return unpack_release(RELEASED_V2_SERVER, tmp_path_factory.mktemp("released-v2"))


@pytest.fixture(scope="module")
def v1_source(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    return unpack_release(RELEASED_V1_SERVER, tmp_path_factory.mktemp("released-v1"))


@pytest.fixture()
def second(
    tmp_path: pathlib.Path,
    recovery_keys: tuple[bytes, bytes],
    sync_server: RunningServer,
    kpu_public: Ed25519PublicKey,
) -> Iterator[Enrolled]:
    """Another laptop of the kecamatan."""
    store = Vault(tmp_path / "second").create(
        "Budi", "perahu-motor", recovery_keys[1], kdf=TEST_KDF
    )
    yield enroll_store(store, sync_server, kpu_public)
    store.close()


@contextlib.contextmanager
def _released(server: RunningServer, source: pathlib.Path) -> Iterator[ServerProcess]:
    """The laptops' server database, from now on served by the released version 2 program."""
    server.stop_serving()
    with ServerProcess(server.config.db_path, source=source) as process:
        yield process


@pytest.fixture(params=[RELEASED_V2_SERVER, RELEASED_V1_SERVER])
def released(
    request: pytest.FixtureRequest, sync_server: RunningServer
) -> Iterator[tuple[ServerProcess, int]]:
    """A released server on the laptops' database, and the newest version it speaks."""
    fixture, speaks = {
        RELEASED_V2_SERVER: ("v2_source", p.DOC_VERSION_NO_ECHO),
        RELEASED_V1_SERVER: ("v1_source", p.PROTOCOL_VERSION),
    }[request.param]
    with _released(sync_server, request.getfixturevalue(fixture)) as process:
        yield process, speaks


def _to(laptop: Enrolled, released: ServerProcess) -> None:
    laptop.engine.client = SyncClient(released.url, credentials=laptop.engine.client.credentials)


def _in_step(laptop: Enrolled) -> list[str]:
    repo = laptop.server.repo
    voters = differences(laptop_rows(laptop.store), server_rows(repo, AREA))
    outcomes = differences(
        laptop_outcomes(laptop.store), server_outcomes(repo, laptop.result.device_id)
    )
    return voters + outcomes


def test_a_version_3_desk_syncs_with_a_released_older_server(
    enrolled: Enrolled, second: Enrolled, released: tuple[ServerProcess, int]
) -> None:
    process, speaks = released
    server = enrolled.server
    enrolled.store.set_election_date(dt.date(2029, 2, 14))
    service = VoterService(enrolled.store)
    for index in range(6):
        service.mark_sesuai(server.voter_id(index))
    service.ubah(server.voter_id(6), {"rt": "009"})
    app_id, _ = _submit(enrolled.store, 51)
    other = VoterService(second.store)
    other.ubah(server.voter_id(20), {"rt": "011"})
    other.mark_sesuai(server.voter_id(21))
    _to(enrolled, process)
    _to(second, process)

    first = enrolled.engine.run_once()
    assert first.outcome == "ok", (first.error_code, first.error_message, process.stderr)
    assert first.confirmed == 8 and first.pending == 0 and first.refused == 0
    other_run = second.engine.run_once()
    assert other_run.outcome == "ok", (other_run.error_code, other_run.error_message)
    assert other_run.confirmed == 2 and other_run.pulled_new >= 7  # the first laptop's work
    again = enrolled.engine.run_once()
    assert again.outcome == "ok" and again.sent == 0
    assert again.pulled_new == 2  # the second laptop's two voters, and nothing of its own

    # Every change once on the server; both laptops hold exactly the server's area and the
    # first laptop its application's outcome as KPU holds it.
    assert server.distinct_changes() == 10
    assert server.change_counts() == {"applied": 10}
    assert _in_step(enrolled) == [] and _in_step(second) == []
    assert app_id in laptop_outcomes(enrolled.store)
    # The run found the server's version once and keeps it: no refused request again.
    assert enrolled.engine.doc_version.current == speaks


def test_a_pull_with_nothing_to_push_falls_back_too(
    enrolled: Enrolled, second: Enrolled, v2_source: pathlib.Path
) -> None:
    """The pull alone meets the released server's refusal (malformed, naming no version)."""
    server = enrolled.server
    VoterService(second.store).ubah(server.voter_id(30), {"rt": "012"})
    assert second.engine.run_once().outcome == "ok"  # before KPU went back to the release
    with _released(server, v2_source) as released:
        _to(enrolled, released)
        report = enrolled.engine.run_once()

    assert report.outcome == "ok", (report.error_code, report.error_message)
    assert report.pulled_new == 1
    assert _in_step(enrolled) == []
    assert enrolled.engine.doc_version.current == p.DOC_VERSION_NO_ECHO


def test_a_desk_enrolled_with_a_released_server_keeps_its_version_from_run_to_run(
    store: FieldStore,
    vault: Vault,
    sync_server: RunningServer,
    v2_source: pathlib.Path,
    kpu_public: Ed25519PublicKey,
    qapp: object,
) -> None:
    """Enrolment's first download meets the released server too; and the desk, which makes a
    new engine for every run (its own connection to the vault), keeps the version found."""
    holder = EngineHolder(
        SyncConfig(announcement_key=kpu_public, engine_options={"retry": FAST_RETRY}),
        SyncRelay(SyncSignals()),
    )
    with _released(sync_server, v2_source) as process:
        enrolled = enroll_store(store, sync_server, kpu_public, url=process.url)
        assert enrolled.result.first_pull.outcome == "ok", enrolled.result.first_pull.error_message
        assert enrolled.engine.doc_version.current == p.DOC_VERSION_NO_ECHO
        holder.adopt(enrolled.engine)  # as the desk does once enrolled
        service = VoterService(store)
        engines, asked = [], []
        for index in range(2):
            service.mark_sesuai(sync_server.voter_id(index))
            sibling = store.open_sibling(vault.db_path)
            try:
                engine = holder.engine_for(sibling)
                engines.append(engine)
                # The version the run starts its first request with (after binding the device).
                engine.add_listener(lambda _, e=engine: asked.append(e.doc_version.current))
                report = engine.run_once()
                engine.client.close()
            finally:
                sibling.close(wipe_key=True)
            assert report.outcome == "ok" and report.confirmed == 1, report.error_message
    assert len({id(e) for e in (enrolled.engine, *engines)}) == 3  # a new engine every run
    # Each asked the released server in its own version from the start.
    assert set(asked) == {p.DOC_VERSION_NO_ECHO}
    assert sync_server.distinct_changes() == 2
    assert _in_step(enrolled) == []
