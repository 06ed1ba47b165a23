"""Database access: connections, transactions and the few SQL dialect differences.

All SQL elsewhere is written once with ``?`` placeholders in the subset SQLite and PostgreSQL
share (``INSERT ... ON CONFLICT``, ``RETURNING``, BIGINT/TEXT/INTEGER columns, no
autoincrement ids). What differs lives in ``Dialect``: how a write transaction takes its lock,
how rows are locked, and the placeholder style. Only SQLite is implemented; a PostgreSQL
dialect (psycopg, ``%s`` placeholders, ``SELECT ... FOR UPDATE``) is the next step.
"""

from __future__ import annotations

import contextlib
import dataclasses
import pathlib
import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

Params = Sequence[Any]


class DatabaseError(Exception):
    """The server database cannot be opened or used; the message says what to check."""


@dataclasses.dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    begin_write: str
    begin_read: str
    for_update: str  # appended to a SELECT that must lock the rows it reads until commit
    # SQLite allows one writer: queueing writers on a lock in-process is cheaper and fairer
    # than letting them spin on SQLITE_BUSY.
    serialize_writes: bool

    def sql(self, text: str) -> str:
        return text


SQLITE = Dialect(
    name="sqlite",
    # IMMEDIATE takes the write lock at BEGIN, so two writers never both read then deadlock
    # upgrading to write.
    begin_write="BEGIN IMMEDIATE",
    begin_read="BEGIN",
    for_update="",
    serialize_writes=True,
)


class Sql:
    """One connection inside one transaction."""

    def __init__(self, conn: sqlite3.Connection, dialect: Dialect) -> None:
        self._conn = conn
        self._dialect = dialect

    def run(self, sql: str, params: Params = ()) -> int:
        return self._conn.execute(self._dialect.sql(sql), params).rowcount

    def many(self, sql: str, rows: Iterable[Params]) -> None:
        self._conn.executemany(self._dialect.sql(sql), rows)

    def one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        return self._conn.execute(self._dialect.sql(sql), params).fetchone()

    def all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return self._conn.execute(self._dialect.sql(sql), params).fetchall()

    def scalar(self, sql: str, params: Params = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    @property
    def for_update(self) -> str:
        return self._dialect.for_update


class Database:
    """A pool of connections to one SQLite file in WAL mode (readers never block the writer)."""

    def __init__(self, path: pathlib.Path, dialect: Dialect = SQLITE) -> None:
        self.path = path
        self.dialect = dialect
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock() if dialect.serialize_writes else None
        self._closed = False

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a change acknowledged to a device must survive a power cut on the server.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.Error as exc:
            raise DatabaseError(f"Cannot open the server database {self.path}: {exc}") from exc
        with self._lock:
            self._all.append(conn)
        return conn

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if self._closed:
            raise DatabaseError("The server database is closed.")
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            yield conn
        finally:
            self._idle.put(conn)

    @contextlib.contextmanager
    def transaction(self, *, write: bool) -> Iterator[Sql]:
        """Commit when the block ends normally, roll back on any exception."""
        lock = self._write_lock if write else None
        with contextlib.ExitStack() as stack:
            if lock is not None:
                stack.enter_context(lock)
            conn = stack.enter_context(self._connection())
            conn.execute(self.dialect.begin_write if write else self.dialect.begin_read)
            try:
                yield Sql(conn, self.dialect)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
