"""The sync server in a process of its own, for benchmarks: in the benchmark's process its work
(reading and encoding a pull page) would wait for the interpreter lock while the laptop stores
the page before, where a real server on another machine works at the same time.

    server = start_server(folder, voters=...)      # loads the database (sync_env)
    server.stop_serving()                          # keep server.repo for reads and codes
    child = ServerProcess(server.config, tls=(cert, key))
    child.port; ...; child.stop(); server.repo.close()
"""

from __future__ import annotations

import multiprocessing
import pathlib
from multiprocessing.connection import Connection

from sync_server.app import create_app
from sync_server.config import ServerConfig
from tests.sync_server.sync_helpers import serve


def _serve(
    conn: Connection, config: ServerConfig, tls: tuple[pathlib.Path, pathlib.Path] | None
) -> None:
    app = create_app(config)
    if tls is None:
        server, thread, url = serve(app)
    else:
        server, thread, url = serve(app, tls_cert=tls[0], tls_key=tls[1])
    conn.send(int(url.rsplit(":", 1)[1]))
    conn.recv()  # stop
    server.should_exit = True
    thread.join(10)
    conn.send(None)


class ServerProcess:
    """``python -m sync_server serve``'s app and settings on ``config``'s database, on a free
    loopback port, in a spawned child process."""

    def __init__(
        self, config: ServerConfig, *, tls: tuple[pathlib.Path, pathlib.Path] | None = None
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, config, tls), name="sync-server", daemon=True
        )
        self._process.start()
        child.close()
        self.port: int = self._conn.recv()

    def stop(self) -> None:
        if self._process.is_alive():
            self._conn.send("stop")
            self._conn.recv()
        self._process.join(10)
        self._conn.close()
