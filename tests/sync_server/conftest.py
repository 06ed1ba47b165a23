"""Fixtures: every server test runs on both backends.

``server_config`` is parametrised: ``sqlite`` (a file in the test's tmp folder) and
``postgresql`` (a fresh database in a throwaway cluster started once per session, see
pg_cluster.py). ``live_server`` starts a sync server on that database (demo regions, synthetic
voters in kecamatan 14.01.01) under uvicorn on a loopback port. ``server_db`` is the bare
database target, for admin-CLI tests.

Without PostgreSQL binaries the postgresql variants skip with the reason; under CI (``CI`` set)
they fail instead, because there they must run.
"""

from __future__ import annotations

import os
import pathlib
import time
from collections.abc import Iterator

import pytest

from desktop_app.synthetic.generator import generate_voters
from desktop_app.synthetic.regions import demo_regions_path, load_region_rows
from lapang_core.domain.voter import VoterRecord
from sync_server.app import create_app
from sync_server.config import ServerConfig
from sync_server.repository import Repository
from tests.sync_server.pg_cluster import PostgresUnavailable, TempCluster
from tests.sync_server.sync_helpers import AREA, ELECTION, LiveServer, serve

BACKENDS = ("sqlite", "postgresql")
# Test databases sort text the way a database created with a language locale does (glibc's
# en_US.UTF-8 and this ICU locale both ignore punctuation), the worst case for our dotted
# region codes: the schema must compare codes bytewise regardless.
_PUNCTUATION_BLIND = (
    "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US-u-ka-shifted' LOCALE 'C.UTF-8'"
)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TempCluster]:
    try:
        cluster = TempCluster().start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run in CI: {exc}")
        pytest.skip(str(exc))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_database_options(pg_cluster: TempCluster) -> str:
    """CREATE DATABASE options for test databases (plain ones if this server lacks ICU)."""
    try:
        pg_cluster.drop_database(pg_cluster.create_database(options=_PUNCTUATION_BLIND))
    except Exception:  # noqa: BLE001 - a server built without ICU: the default collation
        return ""
    return _PUNCTUATION_BLIND


def new_pg_database(request: pytest.FixtureRequest) -> str:
    """A fresh database in the session cluster, dropped when the test ends."""
    cluster: TempCluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database(options=request.getfixturevalue("pg_database_options"))
    request.addfinalizer(lambda: cluster.drop_database(url))
    return url


@pytest.fixture(params=BACKENDS)
def server_db(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> str | pathlib.Path:
    """A database target as the admin CLI's --db takes it: a file path or a URL."""
    if request.param == "sqlite":
        return tmp_path / "server.db"
    return new_pg_database(request)


@pytest.fixture()
def server_config(server_db: str | pathlib.Path, tmp_path: pathlib.Path) -> ServerConfig:
    return ServerConfig.for_database(
        server_db, attachments_dir=tmp_path / "attachments", election_date=ELECTION
    )


@pytest.fixture(scope="session")
def demo_regions() -> list[tuple[str, str]]:
    return load_region_rows(demo_regions_path())


@pytest.fixture(scope="session")
def area_voters(demo_regions: list[tuple[str, str]]) -> list[VoterRecord]:
    """Synthetic voters of kecamatan AREA (same seed, same list, every session)."""
    rows = [r for r in demo_regions if r[0].startswith(AREA) or r[0] in ("14", "14.01")]
    return list(generate_voters(rows, 120, seed=7, election_date=ELECTION))


@pytest.fixture()
def live_server(
    server_config: ServerConfig,
    demo_regions: list[tuple[str, str]],
    area_voters: list[VoterRecord],
) -> Iterator[LiveServer]:
    app = create_app(server_config)
    repo: Repository = app.state.repository
    repo.load_regions(demo_regions, time.time())
    repo.load_voters(area_voters, time.time())
    server, thread, url = serve(app)
    try:
        yield LiveServer(url, server_config, repo, area_voters)
    finally:
        server.should_exit = True
        thread.join(10)
        repo.close()  # lifespan closed it too; a second close is harmless
