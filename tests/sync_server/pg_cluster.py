"""A throwaway PostgreSQL cluster for the server tests and the ingest benchmark.

``TempCluster`` runs ``initdb`` in a fresh temporary folder, starts ``postgres`` on 127.0.0.1
and a free port (its unix socket in the same folder), creates databases on demand and removes
everything on ``stop``. initdb refuses to run as root, so as root the cluster belongs to the
``postgres`` system user. ``find_bindir`` says where the binaries are, or why they cannot be
used: tests skip with that reason.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from typing import Any

from tests.support.ports import free_port

# Debian/Ubuntu install each major version side by side; newest first.
_DEBIAN_ROOT = pathlib.Path("/usr/lib/postgresql")
SUPERUSER = "lapang"


class PostgresUnavailable(Exception):
    """No usable PostgreSQL server binaries here; the message is the skip reason."""


def find_bindir() -> pathlib.Path:
    """The folder with ``initdb``, ``pg_ctl`` and ``postgres`` ($LAPANG_PG_BIN first)."""
    candidates = []
    if os.environ.get("LAPANG_PG_BIN"):
        candidates.append(pathlib.Path(os.environ["LAPANG_PG_BIN"]))
    if _DEBIAN_ROOT.is_dir():
        versions = [d for d in _DEBIAN_ROOT.iterdir() if d.name.isdigit()]
        candidates += [d / "bin" for d in sorted(versions, key=lambda d: -int(d.name))]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(pathlib.Path(on_path).parent)
    for folder in candidates:
        if all((folder / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in "
        f"{_DEBIAN_ROOT}/*/bin or on PATH; install the postgresql package or set LAPANG_PG_BIN."
    )


class TempCluster:
    """One PostgreSQL server in a temporary folder. ``durable=False`` (tests) turns fsync off:
    nothing here must survive a power cut, and it makes the suite several times faster."""

    def __init__(self, *, durable: bool = False) -> None:
        self.bindir = find_bindir()
        self.durable = durable
        self.port = 0
        self.root: pathlib.Path | None = None
        self._run_as: dict[str, Any] = {}
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable(
                    "Running as root and there is no 'postgres' user to own a test cluster "
                    "(initdb refuses root)."
                ) from None
            self._run_as = {"user": "postgres", "group": "postgres"}

    @property
    def data(self) -> pathlib.Path:
        assert self.root is not None
        return self.root / "data"

    def _tool(self, name: str, *args: str, timeout: float = 60) -> None:
        result = subprocess.run(
            [str(self.bindir / name), *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            **self._run_as,
        )
        if result.returncode != 0:
            raise PostgresUnavailable(f"{name} failed: {result.stderr.strip()[-500:]}")

    def start(self) -> TempCluster:
        self.root = pathlib.Path(tempfile.mkdtemp(prefix="lapang-pg-"))
        if self._run_as:
            shutil.chown(self.root, "postgres", "postgres")
        self._tool(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.port = free_port()
        options = [
            "-c listen_addresses=127.0.0.1",
            f"-p {self.port}",
            f"-k {self.root}",
            "-c max_connections=300",
        ]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._tool(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            " ".join(options),
            "-w",
            "-t",
            "60",
            "start",
            timeout=90,
        )
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement)

    def create_database(self, name: str | None = None, *, options: str = "") -> str:
        """A new empty database; returns its URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}" {options}')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        # FORCE: a server thread may still hold an idle pooled connection for a moment.
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.root is None:
            return
        with contextlib.suppress(PostgresUnavailable, subprocess.TimeoutExpired):
            self._tool("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    def __enter__(self) -> TempCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wait_until_accepting(cluster: TempCluster, seconds: float = 10) -> None:
    """Block until the server accepts connections (pg_ctl -w normally already did)."""
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(cluster.url(), connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
