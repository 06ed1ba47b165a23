"""Opening the SQLCipher database. Standard SQLCipher 4 format and default settings, keyed with the
raw 256-bit data key, so KPU IT can open a recovered file in any SQLCipher 4 tool with
``PRAGMA key = "x'<64 hex digits>'";``."""

from __future__ import annotations

import contextlib
import pathlib
from collections.abc import Iterator

import sqlcipher3
import sqlite_utils

from desktop_app.file_sharing import is_held_open
from desktop_app.store.errors import VaultDamaged, VaultInUse

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
# The desk's page cache, at most 512 MiB. SQLCipher decrypts a page when it enters the cache and
# never again while it stays, so the cache decides how often a lookup pays for decryption. It is
# sized for a kabupaten store: at 1M voters the voter rows and the NIK and id indexes (~260 MB)
# fit, and FieldStore.warm_lookup_index loads them after unlock. Memory is taken only as pages
# are read. Not bigger than needed: these are decrypted pages held in the process's memory, and
# SQLite scans the whole cache when it commits a write whose b-tree split renumbered pages, so
# saves that split an index on random keys slow down as the cache fills (docs/performance.md,
# Store: why this cache came with dropping the voter_updates_voter index).
CACHE_KIB = 524288
# A second connection for background work (a sync run) reads what that work touches only.
SIBLING_CACHE_KIB = 65536
# A bulk import or a first download commits one transaction as big as the list; without a limit
# the WAL file keeps that size (hundreds of MB at 1M voters) until the app closes. The first
# write after the checkpoint truncates it to this; everyday saves use ~4 MB of WAL.
WAL_SIZE_LIMIT_BYTES = 32 * 1024 * 1024


class StoreDatabase(sqlite_utils.Database):
    """sqlite-utils with write transactions that take the write lock up front.

    The desk and the sync engine each hold a connection to the same file. A plain ``BEGIN`` that
    reads before it writes fails at once with "database is locked" when the other connection
    committed in between (the busy timeout does not apply to that upgrade); ``BEGIN IMMEDIATE``
    waits for the other writer instead, up to the busy timeout. Nested blocks stay savepoints."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator[StoreDatabase]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def check_not_plain_sqlite(path: pathlib.Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(PLAIN_SQLITE_HEADER))
    if header == PLAIN_SQLITE_HEADER:
        raise VaultDamaged(
            f"{path.name} is an unencrypted SQLite file, not a Lapang vault. "
            "It was left untouched; move it away or choose another data folder."
        )


def configure_connection(conn: sqlcipher3.Connection, *, cache_kib: int = CACHE_KIB) -> None:
    """The pragmas every store connection runs with, after the key (bench/store.py gives its
    unkeyed baseline the same ones through this function).

    Durable commits: WAL with synchronous=FULL fsyncs the WAL on every commit, so a commit that
    returned survives a power cut. Temp tables and sorts stay in memory, never in plain temp
    files. The cipher settings are SQLCipher 4's defaults and are not touched here."""
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=FULL",
        "PRAGMA temp_store=MEMORY",
        "PRAGMA foreign_keys=ON",
        f"PRAGMA cache_size=-{int(cache_kib)}",
        f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT_BYTES}",
    ):
        conn.execute(pragma).fetchall()


def open_encrypted(
    path: pathlib.Path,
    data_key: bytes | bytearray,
    *,
    create: bool = False,
    cache_kib: int = CACHE_KIB,
) -> StoreDatabase:
    """Open (or, with ``create``, make) the encrypted database. Raises VaultDamaged when the file is
    foreign, damaged or belongs to other key slots; the file is never modified in that case."""
    if not create:
        if not path.exists():
            raise VaultDamaged(f"The database file {path.name} is missing.")
        try:
            check_not_plain_sqlite(path)
        except PermissionError as exc:
            if is_held_open(exc, path):
                raise VaultInUse(path.name) from exc
            raise
    # isolation_level=None: we issue BEGIN/COMMIT ourselves (sqlite-utils' atomic()), so a commit
    # happens exactly when the service says "saved".
    try:
        conn = sqlcipher3.connect(
            str(path), check_same_thread=False, isolation_level=None, timeout=30
        )
    except sqlcipher3.OperationalError as exc:
        raise _not_opened(exc, path) from exc
    conn.execute(f"PRAGMA key = \"x'{bytes(data_key).hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        if _held_elsewhere(exc):
            raise VaultInUse(path.name) from exc
        raise VaultDamaged(
            f"{path.name} cannot be decrypted with this vault's key: the file is damaged or "
            "belongs to another vault. It was left untouched."
        ) from exc
    configure_connection(conn, cache_kib=cache_kib)
    return StoreDatabase(conn)


def _held_elsewhere(exc: sqlcipher3.DatabaseError) -> bool:
    """SQLite's words for a file (or its -wal/-shm) it could not open or lock: on Windows
    another program holding it without sharing. Never a sign of damage: the key was not tried."""
    text = str(exc)
    return isinstance(exc, sqlcipher3.OperationalError) and (
        text.startswith("unable to open database file") or text.startswith("database is locked")
    )


def _not_opened(exc: sqlcipher3.OperationalError, path: pathlib.Path) -> Exception:
    return VaultInUse(path.name) if _held_elsewhere(exc) else exc
