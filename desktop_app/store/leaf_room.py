"""Room for the first check in every b-tree leaf of a bulk-loaded voter list.

Every voter row grows once, when an officer first checks it: ``keterangan``, ``checked_at`` and
``checked_by`` fill in (~40 bytes; an *ubah* adds the corrected values and ``original_values``).
Rows inserted in key order — an import, or the first download of an area — fill each leaf of the
table to its last byte, so that growth split the leaf in about a third of first checks: the save
then wrote five more pages (the leaf, its new sibling, their neighbours, the parent), each one
encrypted and authenticated (docs/performance.md, Store).

So a bulk load inserts each new row with ``ROOM_BYTES`` of filler in ``original_values`` (NULL for
a row nobody corrected) and clears the filler before its transaction commits. No row holds the
filler afterwards; each leaf keeps ~16 bytes per row free: room for several first checks, or two
or three corrections, among its ~20 rows before it splits. The store grows ~4 % at rest.
"""

from __future__ import annotations

import sqlite_utils

ROOM_BYTES = 16
# The value to insert into voters.original_values of a bulk-loaded row.
ROOM_FILLER_SQL = f"zeroblob({ROOM_BYTES})"


def last_voter_pk(db: sqlite_utils.Database) -> int:
    """Call before the bulk insert; pass the result to ``release_room``."""
    return db.execute("SELECT coalesce(max(pk), 0) FROM voters").fetchone()[0]


def release_room(db: sqlite_utils.Database, after_pk: int) -> None:
    """Clear the filler of the rows inserted after ``after_pk``, in the same transaction. Only a
    blob is filler: original_values is JSON text when it holds anything."""
    db.execute(
        "UPDATE voters SET original_values = NULL "
        "WHERE pk > ? AND typeof(original_values) = 'blob'",
        [after_pk],
    )
