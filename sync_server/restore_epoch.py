"""After a restore from backup: pull cursors move past everything issued before the loss.

A database restored from a backup has its rev counter where the backup left it, but laptops
pulled revs issued after the backup (they are lost with the rest). A laptop keeps its cursor
(``max(head, cursor)``), so rows written after the restore with revs at or below it would never
reach it. The counter therefore jumps by ``REV_GAP`` once per restore, above any cursor a
laptop can hold, and ``restore_epoch`` counts the restores. (The changes a laptop sent after
the backup come back separately: the pull page tells each device the highest seq the server
holds, and the laptop resends what lies above it.)

PostgreSQL restores are recognised by themselves: the database remembers which cluster and
database it lives in (``pg_control_system()``'s system identifier and the database's OID); a
``pg_restore`` into a fresh database, or a copy to another cluster, differs, and the first
process to open it moves the counter. SQLite cannot tell a restored file from the original:
after copying a backup back, run ``python -m sync_server restored`` before starting the server
(also after failing over to an asynchronous PostgreSQL replica, which keeps its identity).
"""

from __future__ import annotations

import logging

from sync_server.db import Database, Sql

# 2**40 revs: a day of the national peak (~5,000 changes/s, each a few revs) is ~2**31, so
# this covers years between backup and loss; revs (BIGINT, cursors up to 2**62) allow millions
# of restores.
REV_GAP = 1 << 40
log = logging.getLogger("sync_server")


def _identity(sql: Sql) -> str:
    """This cluster and database. A site that revoked ``pg_control_system()`` from the server's
    role still has the database OID (a restore into a fresh database changes it)."""
    cluster = ""
    if sql.scalar("SELECT has_function_privilege('pg_control_system()', 'EXECUTE')"):
        cluster = str(sql.scalar("SELECT system_identifier FROM pg_control_system()"))
    oid = sql.scalar("SELECT oid FROM pg_database WHERE datname = current_database()")
    return f"{cluster}/{oid}"


def move_past_backup(sql: Sql) -> int:
    """Move the rev counter by ``REV_GAP`` and count a restore; return the new epoch."""
    sql.run("UPDATE counters SET value = value + ? WHERE name = 'rev'", (REV_GAP,))
    return int(
        sql.scalar(
            "UPDATE counters SET value = value + 1 WHERE name = 'restore_epoch' RETURNING value"
        )
    )


def check_restored(db: Database) -> bool:
    """Recognise a PostgreSQL database restored or copied since it was last opened, and move
    its revs on (once, whichever process comes first). True if it did."""
    if db.dialect.name != "postgresql":
        return False
    with db.transaction(write=True) as sql:
        identity = _identity(sql)
        # The lock makes a second process starting at once wait, then see the new identity.
        stored = sql.scalar(
            f"SELECT value FROM server_identity WHERE name = 'database'{sql.for_update}"
        )
        if stored == identity:
            return False
        if stored is None:
            sql.run(
                "INSERT INTO server_identity (name, value) VALUES ('database', ?) "
                "ON CONFLICT (name) DO NOTHING",
                (identity,),
            )
            return False
        epoch = move_past_backup(sql)
        sql.run("UPDATE server_identity SET value = ? WHERE name = 'database'", (identity,))
    log.warning(
        "this database was restored or copied from another (was %s, now %s): pull cursors "
        "moved past the backup (restore %d); laptops resend what it lacks",
        stored,
        identity,
        epoch,
    )
    return True


def mark_restored(db: Database) -> int:
    """The admin's ``restored``: move the revs on; return the restore epoch."""
    with db.transaction(write=True) as sql:
        return move_past_backup(sql)
