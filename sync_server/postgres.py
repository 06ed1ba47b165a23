"""The PostgreSQL backend (psycopg 3): the scale-out path, several server processes on one
database.

Transactions (docs/sync-server.md, "Concurrency"):

- A write runs at READ COMMITTED and takes row locks: a push locks its device row first
  (``SELECT ... FOR UPDATE``), so two pushes of one device run one after the other and the
  second sees every slot the first stored; voters are locked as they are changed. Unique keys
  catch what locks cannot (the same new voter, or the same ``change_id`` resent by a
  re-enrolled laptop, arriving through two devices at once): the loser gets a
  ``WriteConflict`` and the whole batch is run again, seeing the winner's rows.
- Revs are taken from the counter row once, just before COMMIT (``deferred_revs``): writers
  overlap, yet revs still become visible in commit order, which pull cursors rely on.
- A read (pull) runs at REPEATABLE READ, READ ONLY: one snapshot for the whole page.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sync_server.dialect import DatabaseError, DatabaseUnavailable, Dialect, WriteConflict

try:
    import psycopg
    from psycopg import conninfo, errors
    from psycopg.types.string import StrDumperUnknown
except ImportError:  # the server extra is not installed
    psycopg = None  # type: ignore[assignment]
    StrDumperUnknown = object  # type: ignore[assignment,misc]

POSTGRESQL = Dialect(
    name="postgresql",
    begin_write="BEGIN ISOLATION LEVEL READ COMMITTED",
    begin_read="BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    for_update=" FOR UPDATE",
    serialize_writes=False,
    deferred_revs=True,
    # Any constant works; this one spells "LAPANG" on a phone keypad.
    migration_lock="SELECT pg_advisory_xact_lock(527264)",
    format_placeholders=True,
    # The two-int key space does not overlap the one-bigint key of migration_lock.
    key_lock="SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), CAST(? AS INTEGER))",
)

# Waiting longer than this for a row lock means something is stuck: answer 503 (the client
# retries) instead of holding the request open. Same bound as SQLite's busy_timeout.
_LOCK_TIMEOUT = "30s"


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, like ``sqlite3.Row``."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    cls = _row_class(tuple(col.name for col in cursor.description))

    def make(values: Sequence[Any]) -> Row:
        return cls(values)

    return make


class _TextDumper(StrDumperUnknown):  # type: ignore[misc,valid-type]
    """Strings as psycopg sends them by default, except that NUL becomes U+FFFD.

    PostgreSQL text cannot hold NUL (SQLite can), and a client may send one in an officer name,
    a label or an unknown op that is echoed into a refusal message. Voter values never get
    here with one (the domain rules refuse control characters) and payloads are stored as
    JSON, where NUL is escaped; for the rest a replacement character beats a failed batch."""

    def dump(self, obj: str) -> Any:
        return super().dump(obj.replace("\x00", "\ufffd") if "\x00" in obj else obj)


def describe(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    try:
        parts = conninfo.conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - any parse failure: say nothing of the URL's content
        return "postgresql://…"
    user = f"{parts['user']}@" if parts.get("user") else ""
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname') or ''}"


class PostgresConnector:
    dialect = POSTGRESQL
    # Per server process; requests beyond it wait for a free connection. Four processes then
    # fit PostgreSQL's default max_connections (100) with room for admin sessions.
    pool_size = 20

    def __init__(self, url: str) -> None:
        if psycopg is None:
            raise DatabaseError(
                "A postgresql:// database needs the psycopg package: "
                "pip install 'lapang[server]' (or psycopg[binary])."
            )
        self._url = url
        self.label = describe(url)

    def connect(self) -> Any:
        try:
            conn = psycopg.connect(
                self._url,
                autocommit=True,  # transactions are begun explicitly with their isolation level
                row_factory=_row_factory,
                connect_timeout=10,
                application_name="lapang-sync-server",
            )
            conn.adapters.register_dumper(str, _TextDumper)
            conn.execute(f"SET lock_timeout = '{_LOCK_TIMEOUT}'")
        except psycopg.Error as exc:
            # The first line only: later lines may repeat connection parameters.
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DatabaseUnavailable(
                f"Cannot connect to the PostgreSQL database {self.label}: {reason}"
            ) from None
        return conn

    def translate(self, exc: Exception) -> Exception | None:
        if isinstance(exc, errors.SerializationFailure | errors.DeadlockDetected):
            return WriteConflict(f"Concurrent writers collided: {type(exc).__name__}.")
        if isinstance(exc, errors.UniqueViolation):
            constraint = getattr(exc.diag, "constraint_name", None) or "a unique key"
            return WriteConflict(f"{constraint} was taken by a concurrent transaction.")
        if isinstance(exc, psycopg.OperationalError):
            # Connection lost, server shutting down, lock_timeout: "not now", the client retries.
            return DatabaseUnavailable(
                f"The PostgreSQL database {self.label} is not usable now: {type(exc).__name__}."
            )
        return None

    def usable(self, conn: Any) -> bool:
        # Back to the pool only when healthy and outside any transaction.
        return (
            not conn.closed
            and not conn.broken
            and conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        )

    def driver_errors(self) -> tuple[type[Exception], ...]:
        return (psycopg.Error,)

    def run_batch(self, conn: Any, statements: list[tuple[str, Sequence[Any]]]) -> None:
        # Pipeline mode: every statement is sent before any answer is awaited; one round trip.
        with conn.pipeline(), conn.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
