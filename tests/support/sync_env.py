"""A real sync server on a loopback port for client tests and the benchmark.

The server is the one KPU runs (``sync_server.app.create_app``) under uvicorn with the same
settings as ``python -m sync_server serve`` (``serve`` from the server tests), on SQLite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import time
from collections.abc import Sequence
from typing import Any

from desktop_app.synthetic.generator import generate_voters
from desktop_app.synthetic.regions import demo_regions_path, load_region_rows
from lapang_core.domain.voter import VoterRecord, imported_voter_id
from sync_server.app import create_app
from sync_server.config import ServerConfig
from sync_server.repository import Repository
from tests.sync_server.sync_helpers import serve

AREA = "14.01.01"  # kecamatan Bangkinang Kota, Kampar (demo fixture)
ELECTION = dt.date(2029, 2, 14)


def demo_region_rows() -> list[tuple[str, str]]:
    return load_region_rows(demo_regions_path())


def area_voters(count: int, *, area: str = AREA, seed: int = 7) -> list[VoterRecord]:
    """``count`` synthetic voters in ``area`` (same seed, same list)."""
    parents = {".".join(area.split(".")[:i]) for i in range(1, area.count(".") + 1)}
    rows = [r for r in demo_region_rows() if r[0].startswith(area) or r[0] in parents]
    return list(generate_voters(rows, count, seed=seed, election_date=ELECTION))


@dataclasses.dataclass
class RunningServer:
    url: str
    port: int
    config: ServerConfig
    repo: Repository
    voters: list[VoterRecord]
    _server: Any
    _thread: Any

    def code(self, area: str = AREA, hours: float = 1.0) -> str:
        return self.repo.create_enroll_code(area, hours, time.time())

    def voter_id(self, index: int) -> str:
        return imported_voter_id(self.voters[index])

    def voter_row(self, voter_id: str) -> dict[str, Any]:
        with self.repo.transaction(write=False) as tx:
            row = tx.voter(voter_id)
        assert row is not None
        return row

    def change_counts(self) -> dict[str, int]:
        return self.repo.counts()

    def distinct_changes(self) -> int:
        with self.repo.transaction(write=False) as tx:
            return int(
                tx.sql.scalar(
                    "SELECT COUNT(DISTINCT change_id) FROM changes WHERE change_id IS NOT NULL"
                )
            )

    def stop_serving(self) -> None:
        """Stop answering HTTP and keep a ``repo`` open (a benchmark serves the same database
        from a process of its own and reads it from here). The app's shutdown closes its
        repository: ``repo`` is a new one on the same database."""
        self._server.should_exit = True
        self._thread.join(10)
        self.repo = Repository.open(self.config.database, time.time())

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self.repo.close()


def start_server(
    folder: pathlib.Path,
    *,
    voters: Sequence[VoterRecord] = (),
    regions: Sequence[tuple[str, str]] | None = None,
    tls: tuple[pathlib.Path, pathlib.Path] | None = None,
    **settings: Any,
) -> RunningServer:
    """A server with the demo regions and ``voters``; ``tls`` = (certificate chain, key) PEM
    files serves https:// instead of http://."""
    config = ServerConfig(
        db_path=folder / "server.db",
        attachments_dir=folder / "attachments",
        election_date=ELECTION,
        **settings,
    )
    app = create_app(config)
    repo: Repository = app.state.repository
    repo.load_regions(demo_region_rows() if regions is None else regions, time.time())
    if voters:
        repo.load_voters(voters, time.time())
    if tls is None:
        server, thread, url = serve(app)
    else:
        server, thread, url = serve(app, tls_cert=tls[0], tls_key=tls[1])
        url = url.replace("http://", "https://", 1)
    port = int(url.rsplit(":", 1)[1])
    return RunningServer(url, port, config, repo, list(voters), server, thread)
