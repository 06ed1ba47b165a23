"""An unlocked store: the open database, who is working, and the settings kept inside it."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import sqlite_utils

from desktop_app.store.connection import SIBLING_CACHE_KIB, open_encrypted
from lapang_core.domain.election_rules import (
    ElectionRules,
    election_rules_to_json,
    parse_election_rules,
)

DEFAULT_ELECTION_DATE = dt.date(
    2029, 2, 14
)  # placeholder until KPU fixes the 2029 date; configurable


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class FieldStore:
    """Everything opened by one unlock. Services take it; the GUI never touches ``db`` directly."""

    def __init__(self, db: sqlite_utils.Database, *, officer: str, data_key: bytearray) -> None:
        self.db = db
        self.officer = officer
        self._data_key = data_key

    # -- settings -------------------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    @property
    def vault_id(self) -> str:
        return self.setting("vault_id") or ""

    @property
    def device_id(self) -> str:
        return self.setting("device_id") or ""

    @property
    def election_date(self) -> dt.date:
        value = self.setting("election_date")
        return dt.date.fromisoformat(value) if value else DEFAULT_ELECTION_DATE

    def set_election_date(self, date: dt.date) -> None:
        self.set_setting("election_date", date.isoformat())

    @property
    def election_rules(self) -> ElectionRules:
        """The rules configured for this election (domain.election_rules); the defaults until
        someone sets them. Raises ``InvalidElectionRules`` for a stored value that is no
        longer valid, rather than silently checking with other rules."""
        value = self.setting("election_rules")
        return parse_election_rules(json.loads(value) if value else {})

    def set_election_rules(self, rules: ElectionRules) -> None:
        self.set_setting("election_rules", json.dumps(election_rules_to_json(rules)))

    def warm_lookup_index(self) -> None:
        """Read what a NIK lookup and a save read, so SQLCipher holds those pages decrypted in the
        page cache and the next lookup or save decrypts nothing: the NIK index, the voter-id index
        and, when the whole database fits in the cache, the voter rows. About 0.5 s at 1M voters
        (~260 MB of pages), 0.1 s at 200,000, on the 2-core benchmark machine. Run it on the
        database worker after the first list is on screen, and again after a sync run: SQLite
        empties a connection's cache whenever another connection (the sync engine's) has
        committed."""
        self.db.execute(
            "SELECT count(nik) FROM voters INDEXED BY voters_nik WHERE nik >= ''"
        ).fetchone()
        # The index of the UNIQUE id column: every save and the detail panel find the row by id.
        self.db.execute(
            "SELECT count(id) FROM voters INDEXED BY sqlite_autoindex_voters_1 WHERE id >= ''"
        ).fetchone()
        if self._fits_in_cache():
            # count(*) walks every page of the table without decoding the rows.
            self.db.execute("SELECT count(*) FROM voters NOT INDEXED").fetchone()

    def _fits_in_cache(self) -> bool:
        """Whether the whole database fits in this connection's page cache. A bigger store would
        push the indexes just warmed out again (the cache keeps the most recently read pages)."""
        # int(): SQLCipher answers some of these pragmas as text.
        page_size = int(self.db.execute("PRAGMA page_size").fetchone()[0])
        pages = int(self.db.execute("PRAGMA page_count").fetchone()[0])
        cache = int(self.db.execute("PRAGMA cache_size").fetchone()[0])
        cache_bytes = -cache * 1024 if cache < 0 else cache * page_size
        return pages * page_size <= cache_bytes

    # -- lifecycle ------------------------------------------------------------------------------
    def open_sibling(self, db_path: pathlib.Path) -> FieldStore:
        """A second connection to this store's database at ``db_path``, for long work on another
        thread (a sync run) while this connection keeps serving the desk. WAL lets both read at
        once; writes wait for each other (busy timeout). The sibling holds its own copy of the
        key, so closing it wipes that copy and never this store's. Raises ``VaultDamaged``."""
        key = bytearray(self._data_key)
        try:
            db = open_encrypted(db_path, key, cache_kib=SIBLING_CACHE_KIB)
        except BaseException:
            for i in range(len(key)):
                key[i] = 0
            raise
        return FieldStore(db, officer=self.officer, data_key=key)

    def close(self, *, wipe_key: bool = True) -> None:
        """Close the database; by default also overwrite the data key held in memory (locking)."""
        self.db.close()
        if wipe_key:
            for i in range(len(self._data_key)):
                self._data_key[i] = 0

    def __enter__(self) -> FieldStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
