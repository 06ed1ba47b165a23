"""Database access: connections, transactions and the few SQL dialect differences.

All SQL elsewhere is written once with ``?`` placeholders in the subset SQLite and PostgreSQL
share (``INSERT ... ON CONFLICT``, ``RETURNING``, BIGINT/TEXT/INTEGER columns, no
autoincrement ids). What differs lives in a ``Dialect`` (how transactions begin, how rows are
locked, the placeholder style, how revs are assigned) and a ``Connector`` (how connections are
made and which driver errors mean what). SQLite is here; PostgreSQL is in
``sync_server.postgres`` and is imported only when a ``postgresql://`` URL is opened. Both
take the ``Dialect`` type and the error types from ``sync_server.dialect``, so the imports run
one way: db -> postgres -> dialect.

``open_database(target)`` picks the backend: a ``postgresql://`` (or ``postgres://``) URL
opens PostgreSQL, anything else is the path of a SQLite file.
"""

from __future__ import annotations

import contextlib
import logging
import pathlib
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

from lapang_core.file_modes import FileModeError, create_private_file, ensure_private
from sync_server.dialect import DatabaseError, DatabaseUnavailable, Dialect, WriteConflict

# The error types are defined in sync_server.dialect (shared with PostgreSQL); callers import
# them from here.
__all__ = [
    "Database",
    "DatabaseError",
    "DatabaseUnavailable",
    "Dialect",
    "Sql",
    "WriteConflict",
    "is_postgres_url",
    "open_database",
]

Params = Sequence[Any]
log = logging.getLogger("sync_server.db")
_POOL_WAIT_SECONDS = 30


SQLITE = Dialect(
    name="sqlite",
    # IMMEDIATE takes the write lock at BEGIN, so two writers never both read then deadlock
    # upgrading to write.
    begin_write="BEGIN IMMEDIATE",
    begin_read="BEGIN",
    for_update="",
    serialize_writes=True,
    deferred_revs=False,
    migration_lock="",
    format_placeholders=False,
)


class Connector(Protocol):
    """How one backend makes connections and reads its driver's errors."""

    dialect: Dialect
    label: str  # for messages: a path, or a URL without its password
    pool_size: int  # connections one server process may hold at once

    def connect(self) -> Any: ...

    def translate(self, exc: Exception) -> Exception | None:
        """Our exception for a driver error, or None to let it pass unchanged."""
        ...

    def usable(self, conn: Any) -> bool:
        """False when the connection broke and must not go back to the pool."""
        ...

    def driver_errors(self) -> tuple[type[Exception], ...]: ...

    def run_batch(self, conn: Any, statements: list[tuple[str, Params]]) -> None:
        """Run these statements in order; their results are not needed."""
        ...


class SqliteConnector:
    dialect = SQLITE
    pool_size = 64  # more than uvicorn's worker threads (40): never the limit

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.label = str(path)
        self._files_checked = False

    def _private_files(self) -> None:
        """The database and its -wal/-shm hold NIKs in the clear: the file is made 0600 before
        SQLite first opens it (SQLite gives -wal/-shm the database file's mode), and all three
        are checked once per process start; one left open is tightened and logged."""
        if self._files_checked:
            return
        try:
            create_private_file(self.path, log)
            for suffix in ("-wal", "-shm", "-journal"):
                ensure_private(self.path.with_name(self.path.name + suffix), log)
        except FileModeError as exc:
            raise DatabaseError(str(exc)) from exc
        self._files_checked = True

    def connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._private_files()
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a change acknowledged to a device must survive a power cut on the server.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA busy_timeout = 30000")
        except (sqlite3.Error, OSError) as exc:
            raise DatabaseError(f"Cannot open the server database {self.path}: {exc}") from exc
        return conn

    def translate(self, exc: Exception) -> Exception | None:
        # "database is locked" after busy_timeout, a full disk, an I/O error: all mean "not
        # now", and a client retries. Integrity and programming errors are bugs: unchanged.
        if type(exc) is sqlite3.OperationalError:
            return DatabaseUnavailable(f"The server database {self.path} is not usable: {exc}")
        return None

    def usable(self, conn: Any) -> bool:
        return True

    def driver_errors(self) -> tuple[type[Exception], ...]:
        return (sqlite3.Error,)

    def run_batch(self, conn: Any, statements: list[tuple[str, Params]]) -> None:
        for sql, params in statements:  # in-process: nothing to gain from batching
            conn.execute(sql, params)


def is_postgres_url(target: str | pathlib.Path) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Sql:
    """One connection inside one transaction.

    ``defer`` queues a write whose result nobody reads; queued writes go to the database, in
    order, before the next statement of any kind and before COMMIT. PostgreSQL receives them
    in one pipeline, so a batch of 300 changes costs a few round trips instead of a thousand;
    the effect is the same as running each at once, errors included (raised at the flush,
    inside the transaction)."""

    def __init__(self, conn: Any, connector: Connector) -> None:
        self._conn = conn
        self._connector = connector
        self._dialect = connector.dialect
        self._errors = connector.driver_errors()
        self._pending: list[tuple[str, Params]] = []

    def _fail(self, exc: Exception) -> Exception:
        mapped = self._connector.translate(exc)
        return exc if mapped is None else mapped

    def _execute(self, sql: str, params: Params = ()) -> Any:
        if self._pending:
            self.flush()
        try:
            return self._conn.execute(self._dialect.sql(sql), params)
        except self._errors as exc:
            raise self._fail(exc) from exc

    def defer(self, sql: str, params: Params) -> None:
        self._pending.append((sql, params))

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            self._connector.run_batch(
                self._conn, [(self._dialect.sql(sql), params) for sql, params in pending]
            )
        except self._errors as exc:
            raise self._fail(exc) from exc

    def _executemany(self, sql: str, rows: Iterable[Params]) -> None:
        try:
            self._conn.cursor().executemany(self._dialect.sql(sql), rows)
        except self._errors as exc:
            raise self._fail(exc) from exc

    def run(self, sql: str, params: Params = ()) -> int:
        return int(self._execute(sql, params).rowcount)

    def many(self, sql: str, rows: Iterable[Params]) -> None:
        if self._pending:
            self.flush()
        self._executemany(sql, rows)

    def one(self, sql: str, params: Params = ()) -> Any:
        try:
            return self._execute(sql, params).fetchone()
        except self._errors as exc:
            raise self._fail(exc) from exc

    def all(self, sql: str, params: Params = ()) -> list[Any]:
        try:
            return list(self._execute(sql, params).fetchall())
        except self._errors as exc:
            raise self._fail(exc) from exc

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    @property
    def for_update(self) -> str:
        return self._dialect.for_update

    @property
    def dialect(self) -> Dialect:
        return self._dialect


class Database:
    """A pool of connections to one database; ``transaction`` lends one for a block."""

    def __init__(self, connector: Connector) -> None:
        self.connector = connector
        self.dialect = connector.dialect
        self._idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock() if self.dialect.serialize_writes else None
        # A process never holds more connections than this: PostgreSQL refuses clients beyond
        # its max_connections (100 by default), shared by every server process.
        self._lent = threading.BoundedSemaphore(connector.pool_size)
        self._closed = False
        # Hears (seconds waited, whether a connection came free) for every transaction begun:
        # the server's metrics (sync_server.metrics) count how long requests queue for one.
        self.on_pool_wait: Callable[[float, bool], None] | None = None

    @property
    def label(self) -> str:
        return self.connector.label

    def _checkout(self) -> tuple[Any, bool]:
        """A connection and whether it was reused from the pool."""
        if self._closed:
            raise DatabaseError("The server database is closed.")
        try:
            return self._idle.get_nowait(), True
        except queue.Empty:
            pass
        conn = self.connector.connect()
        with self._lock:
            self._all.append(conn)
        return conn, False

    def _checkin(self, conn: Any) -> None:
        if self.connector.usable(conn) and not self._closed:
            self._idle.put(conn)
        else:
            self._discard(conn)

    def _begin(self, stack: contextlib.ExitStack, statement: str) -> Any:
        """A connection with a transaction begun on it. A pooled connection whose server went
        away (PostgreSQL restarted, an idle connection cut by a firewall) fails here, before
        any work: it is dropped and the next one tried, so a database that is back serves the
        very next request instead of one 503 per stale connection."""
        waited = time.perf_counter()
        got_one = self._lent.acquire(timeout=_POOL_WAIT_SECONDS)
        if self.on_pool_wait is not None:
            self.on_pool_wait(time.perf_counter() - waited, got_one)
        if not got_one:
            raise DatabaseUnavailable(
                f"All {self.connector.pool_size} database connections stayed busy for "
                f"{_POOL_WAIT_SECONDS} s."
            )
        stack.callback(self._lent.release)
        while True:
            conn, reused = self._checkout()
            try:
                Sql(conn, self.connector).run(statement)
            except DatabaseUnavailable:
                self._discard(conn)
                if reused:
                    continue
                raise
            except BaseException:
                self._checkin(conn)
                raise
            stack.callback(self._checkin, conn)
            return conn

    def _discard(self, conn: Any) -> None:
        with self._lock:
            if conn in self._all:
                self._all.remove(conn)
        with contextlib.suppress(Exception):
            conn.close()

    def _end(self, conn: Any, statement: str) -> None:
        Sql(conn, self.connector).run(statement)

    @contextlib.contextmanager
    def transaction(self, *, write: bool) -> Iterator[Sql]:
        """Commit when the block ends normally, roll back on any exception."""
        lock = self._write_lock if write else None
        with contextlib.ExitStack() as stack:
            if lock is not None:
                stack.enter_context(lock)
            conn = self._begin(
                stack, self.dialect.begin_write if write else self.dialect.begin_read
            )
            sql = Sql(conn, self.connector)
            try:
                yield sql
            except BaseException:
                self._rollback(conn)
                raise
            try:
                sql.flush()
                self._end(conn, "COMMIT")
            except BaseException:
                self._rollback(conn)  # SQLite keeps a failed COMMIT's transaction open
                raise

    def _rollback(self, conn: Any) -> None:
        # The connection may be the thing that failed: the original error is the one to report.
        try:
            self._end(conn, "ROLLBACK")
        except Exception as exc:  # noqa: BLE001 - secondary failure, logged by type only
            log.warning("rollback failed on %s: %s", self.label, type(exc).__name__)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            with contextlib.suppress(Exception):
                conn.close()


def open_database(target: str | pathlib.Path) -> Database:
    """The database at ``target``: a ``postgresql://`` URL or the path of a SQLite file."""
    if is_postgres_url(target):
        from sync_server.postgres import PostgresConnector

        return Database(PostgresConnector(str(target)))
    return Database(SqliteConnector(pathlib.Path(target)))
