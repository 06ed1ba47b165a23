"""What an operator watches: /healthz, /readyz, Prometheus metrics on their own port, and one
JSON log line per request naming the request and the device."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import logging
import sys
import threading
import time
from collections.abc import Iterator

import pytest
import requests
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from lapang_core import protocol as p
from lapang_core.domain.voter import VoterRecord
from sync_server import logs
from sync_server.app import create_app
from sync_server.config import ServerConfig
from sync_server.metrics import DatabaseCounts, DatabaseFigures
from sync_server.repository import Repository
from tests.support.ports import free_port
from tests.sync_server.conftest import new_pg_database
from tests.sync_server.sync_helpers import LiveServer, serve


@pytest.fixture()
def metered_server(
    server_config: ServerConfig,
    demo_regions: list[tuple[str, str]],
    area_voters: list[VoterRecord],
) -> Iterator[LiveServer]:
    """The live server with its metrics listener on a free loopback port."""
    config = dataclasses.replace(server_config, metrics_port=free_port())
    app = create_app(config)
    repo: Repository = app.state.repository
    repo.load_regions(demo_regions, time.time())
    repo.load_voters(area_voters, time.time())
    server, thread, url = serve(app)
    try:
        yield LiveServer(url, config, repo, area_voters)
    finally:
        server.should_exit = True
        thread.join(10)
        repo.close()


def _scrape(server: LiveServer) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = requests.get(f"http://127.0.0.1:{server.config.metrics_port}/metrics", timeout=5)
    assert response.status_code == 200
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def test_healthz_and_readyz_answer_on_a_healthy_server(live_server: LiveServer) -> None:
    health = requests.get(f"{live_server.url}/healthz", timeout=5)
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    ready = requests.get(f"{live_server.url}/readyz", timeout=5)
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})


def test_readyz_names_a_migration_the_database_lacks(live_server: LiveServer) -> None:
    # A database restored from an older dump under the running process.
    with live_server.repo.transaction(write=True) as tx:
        tx.sql.run("DELETE FROM schema_migrations WHERE name = ?", ("0006_voters_nik_index",))
    ready = requests.get(f"{live_server.url}/readyz", timeout=5)
    assert ready.status_code == 503
    assert ready.json() == {
        "status": "unavailable",
        "reason": "migrations not applied: 0006_voters_nik_index",
    }
    assert requests.get(f"{live_server.url}/healthz", timeout=5).status_code == 200


def test_readyz_says_so_when_postgresql_is_gone_while_healthz_stays_up(
    request: pytest.FixtureRequest, tmp_path: object
) -> None:
    url = new_pg_database(request)
    config = ServerConfig.for_database(url, attachments_dir=tmp_path / "att")  # type: ignore[operator]
    app = create_app(config)
    server, thread, base = serve(app)
    try:
        assert requests.get(f"{base}/readyz", timeout=5).status_code == 200
        request.getfixturevalue("pg_cluster").drop_database(url)
        ready = requests.get(f"{base}/readyz", timeout=30)
        assert ready.status_code == 503
        assert ready.json() == {"status": "unavailable", "reason": "database unreachable"}
        assert requests.get(f"{base}/healthz", timeout=5).status_code == 200
    finally:
        server.should_exit = True
        thread.join(10)
        app.state.repository.close()


def test_metrics_count_changes_batches_evidence_answers_and_pool_waits(
    metered_server: LiveServer,
) -> None:
    dev = metered_server.device()
    ok = dev.change("sesuai", metered_server.voter_id(0))
    bad = dev.change(
        "ubah", metered_server.voter_id(1), {"changes": {"nik": "12X"}, "original": {}}
    )
    photo = b"synthetic evidence photo " * 100
    sha = hashlib.sha256(photo).hexdigest()
    tms = dev.change(
        "tms",
        metered_server.voter_id(2),
        {"code": 1, "evidence_type": "akta_kematian", "evidence_ref": "1/2029", "attachment": sha},
    )
    dev.next_seq += 1  # seq 4 never sent: the next change waits behind a gap
    held = dev.change("sesuai", metered_server.voter_id(3))
    statuses = [r.status for r in dev.push([ok, bad, tms, held]).results]
    assert statuses == ["accepted", "refused", "accepted", "held"]
    put = dev.request(
        "PUT",
        p.attachment_path(sha, offset=0, size=len(photo)),
        photo,
        content_type="application/octet-stream",
    )
    assert put.status_code == 200, put.text
    assert dev.push_raw(b"{not json").status_code == 400

    samples = _scrape(metered_server)
    assert samples[("lapang_sync_changes_received_total", (("via", "online"),))] == 4
    accepted = (("reason", ""), ("status", "accepted"), ("via", "online"))
    assert samples[("lapang_sync_changes_total", accepted)] == 2
    held = (("reason", ""), ("status", "held"), ("via", "online"))
    assert samples[("lapang_sync_changes_total", held)] == 1
    refused = (("reason", "invalid_payload"), ("status", "refused"), ("via", "online"))
    assert samples[("lapang_sync_changes_total", refused)] == 1
    assert samples[("lapang_sync_push_batch_seconds_count", ())] == 1
    assert samples[("lapang_sync_attachment_bytes_total", ())] == len(photo)
    assert samples[("lapang_sync_http_responses_total", (("code", "400"),))] == 1
    assert samples[("lapang_sync_http_responses_total", (("code", "200"),))] >= 3
    assert samples[("lapang_sync_db_pool_wait_seconds_count", ())] > 0
    assert samples[("lapang_sync_db_pool_timeouts_total", ())] == 0
    assert samples[("lapang_sync_changes_held", ())] == 1
    assert samples[("lapang_sync_devices_with_gap", ())] == 1


def test_metrics_are_not_served_on_the_api_port(metered_server: LiveServer) -> None:
    # The API port faces the internet through the proxy; the metrics port does not.
    assert requests.get(f"{metered_server.url}/metrics", timeout=5).status_code == 404
    assert ("lapang_sync_changes_received_total", (("via", "online"),)) in _scrape(metered_server)


@pytest.fixture()
def json_log() -> Iterator[io.StringIO]:
    """The server's production logging (``serve``'s default) into a buffer."""
    buffer = io.StringIO()
    names = ("sync_server", "uvicorn", "uvicorn.error")
    saved = [(lg, lg.handlers[:], lg.level, lg.propagate) for lg in map(logging.getLogger, names)]
    logs.configure("info", buffer)
    try:
        yield buffer
    finally:
        for lg, handlers, level, propagate in saved:
            lg.handlers[:] = handlers
            lg.setLevel(level)
            lg.propagate = propagate


def test_every_log_line_is_json_naming_its_request_and_device(
    live_server: LiveServer, json_log: io.StringIO
) -> None:
    dev = live_server.device()
    answer = dev.push_raw(
        p.PushRequest.from_outbox([dev.change("sesuai", live_server.voter_id(0))]).encode()
    )
    assert answer.status_code == 200
    chosen = dev.request("GET", p.pull_path(0, 10), headers={"X-Request-ID": "proxy-req-0001"})
    assert chosen.headers["X-Request-ID"] == "proxy-req-0001"
    hostile = dev.request("GET", p.pull_path(0, 10), headers={"X-Request-ID": '{"x":1}'})
    assert hostile.headers["X-Request-ID"] != '{"x":1}'  # not an id: a fresh one instead

    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    access = [line for line in lines if line["logger"] == "sync_server.access"]
    push = next(line for line in access if line["route"] == "/v1/push")
    assert push["request_id"] == answer.headers["X-Request-ID"]
    assert push["device_id"] == dev.device_id
    assert (push["method"], push["status"]) == ("POST", 200)
    pulls = [line for line in access if line["route"] == "/v1/pull"]
    assert [line["request_id"] for line in pulls][-2:] == [
        "proxy-req-0001",
        hostile.headers["X-Request-ID"],
    ]
    enroll = next(line for line in access if line["route"] == "/v1/enroll")
    assert "device_id" not in enroll  # nobody signed it with an enrolled key yet
    assert all({"time", "level", "logger", "message", "request_id"} <= set(line) for line in access)


def test_an_exception_is_logged_by_type_and_stack_never_its_message() -> None:
    formatter = logs.JsonFormatter()
    nik = "1401011203909876"  # the stack shows source lines, which name variables, not values
    try:
        raise ValueError(f"NIK {nik} is malformed")
    except ValueError:
        record = logging.LogRecord(
            "sync_server", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    line = json.loads(formatter.format(record))
    assert line["exception"] == "ValueError"
    assert "test_an_exception_is_logged" in line["stack"]
    assert nik not in json.dumps(line)


def test_a_scrape_never_waits_for_a_busy_database() -> None:
    # The count stands in for the database query at a moment every pooled connection is busy:
    # the scrape answers with the last count at once and a fresh count runs behind it.
    release = threading.Event()
    calls: list[float] = []

    def count() -> DatabaseCounts:
        calls.append(time.monotonic())
        if len(calls) > 1:
            release.wait(30)
        return DatabaseCounts(len(calls), 1)

    registry = CollectorRegistry()
    registry.register(DatabaseFigures(count, max_age=0.0))
    assert registry.get_sample_value("lapang_sync_changes_held") == 1  # the first count
    started = time.monotonic()
    assert registry.get_sample_value("lapang_sync_changes_held") == 1  # stale, not waited for
    assert time.monotonic() - started < 1.0
    release.set()
    deadline = time.monotonic() + 10
    while registry.get_sample_value("lapang_sync_changes_held") != 2:
        assert time.monotonic() < deadline, "the background count never landed"
        time.sleep(0.01)
