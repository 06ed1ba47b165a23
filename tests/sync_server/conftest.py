"""Fixtures: ``live_server`` starts a fresh sync server (own database, demo regions, synthetic
voters in kecamatan 14.01.01) under uvicorn on a loopback port for each test."""

from __future__ import annotations

import pathlib
import time
from collections.abc import Iterator

import pytest

from desktop_app.domain.voter import VoterRecord
from desktop_app.synthetic.generator import generate_voters
from desktop_app.synthetic.regions import demo_regions_path, load_region_rows
from sync_server.app import create_app
from sync_server.config import ServerConfig
from sync_server.repository import Repository
from tests.sync_server.sync_helpers import AREA, ELECTION, LiveServer, serve


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
    tmp_path: pathlib.Path,
    demo_regions: list[tuple[str, str]],
    area_voters: list[VoterRecord],
) -> Iterator[LiveServer]:
    config = ServerConfig(db_path=tmp_path / "server.db", election_date=ELECTION)
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
