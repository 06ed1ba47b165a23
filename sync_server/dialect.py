"""What every database backend shares: the ``Dialect`` a backend describes itself with, and the
errors the server reads from any of them (``sync_server.db`` for SQLite, ``sync_server.postgres``
for PostgreSQL). Nothing here imports a backend."""

from __future__ import annotations

import dataclasses
import functools


class DatabaseError(Exception):
    """The server database cannot be opened or used; the message says what to check."""


class DatabaseUnavailable(DatabaseError):
    """The database cannot be reached right now (server down or restarting, connection lost,
    a lock held too long). Nothing was stored; the same request may succeed later."""


class WriteConflict(DatabaseError):
    """Concurrent writers collided (a deadlock, a serialization failure, or a unique key taken
    by a transaction that committed meanwhile). The whole transaction was rolled back, so it
    can simply be run again: it will then see the other writer's rows."""


def _format_placeholders(text: str) -> str:
    # Our SQL never contains a literal % or ?, so a plain replace is exact.
    return text.replace("?", "%s")


@dataclasses.dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    begin_write: str
    begin_read: str
    for_update: str  # appended to a SELECT that must lock the rows it reads until commit
    # SQLite allows one writer: queueing writers on a lock in-process is cheaper and fairer
    # than letting them spin on SQLITE_BUSY.
    serialize_writes: bool
    # True: rows get provisional revs and the counter is taken once, just before COMMIT (see
    # repository.Tx). Concurrent writers then hold the one global lock only for that moment.
    deferred_revs: bool
    # Run first in every migration transaction: two server processes may start at once.
    migration_lock: str
    format_placeholders: bool
    # Locks an abstract key (two 32-bit ints) until COMMIT: for rows that may not exist yet,
    # which row locks cannot cover. Empty where writers are serialized anyway (SQLite).
    key_lock: str = ""

    def sql(self, text: str) -> str:
        return _cached_format(text) if self.format_placeholders else text


_cached_format = functools.lru_cache(maxsize=1024)(_format_placeholders)
