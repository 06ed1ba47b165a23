"""``python -m sync_server serve`` in a process of its own on a free loopback port, exactly as KPU
runs it: nothing shared with the test or benchmark but the database and the options.

Tests use it where the process itself matters (two servers on one PostgreSQL database, a server
started on a restored copy). Benchmarks use it because in the benchmark's process the server's
work (reading and encoding the next pull page) would wait for the interpreter lock while the
laptop stores the page before, where a real server on another machine works at the same time.

    with ServerProcess(db) as server: ...             # a database file or postgresql:// URL
    server = start_server(folder, voters=...)         # loads the database (sync_env)
    server.stop_serving()                             # keep server.repo for reads and codes
    child = ServerProcess(server.config, tls=(cert, key))
    child.port; ...; child.stop(); server.repo.close()
"""

from __future__ import annotations

import dataclasses
import http.client
import os
import pathlib
import signal
import ssl
import subprocess
import sys
import tempfile
import time

from sync_server.config import ServerConfig
from tests.support.ports import free_port

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


def serve_options(config: ServerConfig) -> list[str]:
    """The ``serve`` command's options that make ``config``. Raises ``ValueError`` for a setting
    the command line cannot give (run such a server in the test's process: sync_env)."""
    settings = {
        "attachments_dir": config.attachments_dir,
        "election_date": config.election_date,
        "bundle_key_files": config.bundle_key_files,
        "metrics_port": config.metrics_port,
        "metrics_host": config.metrics_host,
    }
    given = ServerConfig.for_database(config.database, **settings)
    fields = (f.name for f in dataclasses.fields(config))
    differ = [name for name in fields if getattr(config, name) != getattr(given, name)]
    if differ:
        raise ValueError(f"`serve` has no option for {', '.join(differ)}")
    options = ["--db", str(config.database)]
    if config.attachments_dir is not None:
        options += ["--attachments", str(config.attachments_dir)]
    if config.election_date is not None:
        options += ["--election-date", config.election_date.isoformat()]
    for key in config.bundle_key_files:
        options += ["--bundle-key", str(key)]
    if config.metrics_port is not None:
        options += ["--metrics-port", str(config.metrics_port)]
        options += ["--metrics-host", config.metrics_host]
    return options


class ServerProcess:
    """The server on ``target`` (a database file, a postgresql:// URL, or a ``ServerConfig``),
    served over HTTPS with ``tls`` = (certificate chain, key) PEM files if given; ``extra`` are
    further ``serve`` options."""

    def __init__(
        self,
        target: str | pathlib.Path | ServerConfig,
        *extra: str,
        tls: tuple[pathlib.Path, pathlib.Path] | None = None,
        source: pathlib.Path | None = None,
    ) -> None:
        """``source``: another tree of the program to run (a released server), not this one."""
        options = (
            serve_options(target) if isinstance(target, ServerConfig) else ["--db", str(target)]
        )
        if tls is not None:
            options += ["--tls-cert", str(tls[0]), "--tls-key", str(tls[1])]
        self.port = free_port()
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._tls = tls is not None
        root = source or REPO_ROOT
        env = {**os.environ, "PYTHONPATH": str(root)}
        env.pop("LAPANG_BUNDLE_KEY", None)  # the server's bundle keys are the options' only
        # A pipe nobody reads could fill and block the server: its log goes to a file.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sync_server", "serve", *options]
            + ["--port", str(self.port), "--log-level", "warning", *extra],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        deadline = time.monotonic() + 60
        while not self._answers_ping():
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = self.stderr
                self.stop()
                raise RuntimeError(f"the sync server process did not start: {log}")
            time.sleep(0.1)

    def _answers_ping(self) -> bool:
        if self._tls:
            # Only whether it answers yet: the caller's own client pins the certificate.
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=1, context=context
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
        try:
            connection.request("GET", "/v1/ping")
            return connection.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

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
