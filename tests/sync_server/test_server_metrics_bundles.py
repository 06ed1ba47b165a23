"""The server's metrics count every change once, whichever way it came: pushed online, relayed
by another laptop (POST /v1/relay), or brought on a stick and imported by the ``import-bundle``
command, which runs in a process of its own (its changes show in the database-wide figures
every server process reports)."""

from __future__ import annotations

import dataclasses
import pathlib
import time
from collections.abc import Iterator

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.enrollment import enroll
from lapang_core.protocol import PushResult, seal
from sync_server import bundles
from sync_server import cli as server_cli
from sync_server.app import create_app
from sync_server.config import ServerConfig
from sync_server.db import WriteConflict
from sync_server.repository import Repository, Tx
from sync_server.tx import VIA_ONLINE, Ingested
from tests.support.ports import free_port
from tests.sync_server.sync_helpers import AREA, DeviceClient, serve
from tests.sync_server.test_server_bundles import FAST_RETRY

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@dataclasses.dataclass
class MeteredOffice:
    url: str
    config: ServerConfig
    repo: Repository
    key_file: pathlib.Path
    public: object
    store: FieldStore
    engine: SyncEngine
    voter_ids: list[str]
    tmp: pathlib.Path
    marked: int = 0

    def mark(self, count: int) -> None:
        service = VoterService(self.store)
        for voter_id in self.voter_ids[self.marked : self.marked + count]:
            service.mark_sesuai(voter_id)
        self.marked += count

    def export(self) -> pathlib.Path:
        return bundle_export.export_bundle(self.store, self.tmp / "stick", self.public).path

    def relay(self, carrier: DeviceClient, path: pathlib.Path) -> requests.Response:
        return carrier.request(
            "POST", "/v1/relay", path.read_bytes(), content_type="application/octet-stream"
        )

    def import_with_the_command(self, path: pathlib.Path) -> int:
        return server_cli.main(
            [
                "import-bundle",
                "--db",
                str(self.config.database),
                "--bundle-key",
                str(self.key_file),
                "--attachments",
                str(self.config.attachments_root),
                str(path),
            ]
        )

    def scrape(self) -> Samples:
        response = requests.get(f"http://127.0.0.1:{self.config.metrics_port}/metrics", timeout=5)
        assert response.status_code == 200
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.text)
            for sample in family.samples
        }


@pytest.fixture()
def office(
    server_config: ServerConfig,
    demo_regions,
    area_voters,
    store: FieldStore,
    tmp_path: pathlib.Path,
) -> Iterator[MeteredOffice]:
    key_file = tmp_path / "bundle-key.pem"
    public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
    config = dataclasses.replace(
        server_config, bundle_key_files=(key_file,), metrics_port=free_port()
    )
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
        yield MeteredOffice(url, config, repo, key_file, public, store, engine, ids, tmp_path)
    finally:
        engine.client.close()
        server.should_exit = True
        thread.join(10)
        repo.close()


def _changes(status: str, via: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    return ("lapang_sync_changes_total", (("reason", ""), ("status", status), ("via", via)))


def _via(name: str, via: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    return (name, (("via", via),))


def test_changes_are_counted_once_whether_pushed_relayed_or_imported_from_a_stick(
    office: MeteredOffice,
) -> None:
    office.mark(2)
    assert office.engine.run_once(pull=False).confirmed == 2  # online
    office.mark(3)
    relayed = office.export()  # the 3 unsent changes, carried by another laptop
    carrier = DeviceClient(office.url)
    assert carrier.enroll(office.repo.create_enroll_code(AREA, 1, time.time())).status_code == 200
    answer = office.relay(carrier, relayed)
    assert answer.status_code == 200, answer.text
    office.mark(4)
    on_stick = office.export()  # 7 changes: the laptop never heard of the relayed 3
    assert office.import_with_the_command(on_stick) == 0  # another process, as at KPU's office
    # The same bundle again is refused whole: nothing is stored, nothing counted.
    assert office.relay(carrier, relayed).status_code != 200

    samples = office.scrape()
    # What this process took in, once each, by how it came; the command's import is not this
    # process's work.
    received = "lapang_sync_changes_received_total"
    assert samples[_via(received, "online")] == 2
    assert samples[_via(received, "relay")] == 3
    assert samples[_via(received, "file")] == 0
    assert samples[_changes("accepted", "online")] == 2
    assert samples[_changes("accepted", "relay")] == 3
    assert _changes("accepted", "file") not in samples
    # Database-wide, the same in every server process, the command's import included.
    assert samples[_via("lapang_sync_bundles", "relay")] == 1
    assert samples[_via("lapang_sync_bundles", "file")] == 1
    assert samples[_via("lapang_sync_bundle_changes", "relay")] == 3
    assert samples[_via("lapang_sync_bundle_changes", "file")] == 7
    with office.repo.transaction(write=False) as tx:
        assert tx.sql.scalar("SELECT COUNT(*) FROM changes") == 9  # each change stored once


def test_a_batch_run_again_after_a_collision_is_counted_once(
    server_config: ServerConfig,
) -> None:
    # The transaction that collided is rolled back and the batch taken in again: only what
    # committed reaches the metrics.
    repo = Repository.open(server_config.database, time.time())
    counted: list[Ingested] = []
    repo.on_ingest = counted.extend
    attempts: list[int] = []

    def work(tx: Tx) -> int:
        attempts.append(len(attempts) + 1)
        tx.ingested.append(Ingested(VIA_ONLINE, 3, PushResult((), 0)))
        if len(attempts) == 1:
            raise WriteConflict("another writer took the row first")
        return attempts[-1]

    try:
        assert repo.write(work) == 2
    finally:
        repo.close()
    assert [batch.received for batch in counted] == [3]
