"""An unlocked store: the open database, who is working, and the settings kept inside it."""

from __future__ import annotations

import datetime as dt
import pathlib

import sqlite_utils

from desktop_app.store.connection import open_encrypted

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

    def warm_lookup_index(self) -> None:
        """Read the NIK index once so SQLCipher holds its pages decrypted in the page cache: a NIK
        typed at the desk then costs one page decryption instead of three. About 30 MB at 1M
        voters, well under a second; run it on the database worker right after unlock."""
        self.db.execute(
            "SELECT count(nik) FROM voters INDEXED BY voters_nik WHERE nik >= ''"
        ).fetchone()

    # -- lifecycle ------------------------------------------------------------------------------
    def open_sibling(self, db_path: pathlib.Path) -> FieldStore:
        """A second connection to this store's database at ``db_path``, for long work on another
        thread (a sync run) while this connection keeps serving the desk. WAL lets both read at
        once; writes wait for each other (busy timeout). The sibling holds its own copy of the
        key, so closing it wipes that copy and never this store's. Raises ``VaultDamaged``."""
        key = bytearray(self._data_key)
        try:
            db = open_encrypted(db_path, key)
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
