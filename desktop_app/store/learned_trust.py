"""The KPU keys and server certificates this laptop learned from KPU's signed key rotations
(``protocol.rotation``), kept in the vault's settings so they are trusted from then on, across
restarts, beside those its deployment file names.

Only the sync engine adds to them, and only from an announcement that verified against a KPU
key the laptop already trusted. Nothing here is secret (public keys and certificates); it lives
in the vault because the vault is what an officer's account cannot alter.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

LEARNED_TRUST_SETTING = "sync.trust.learned"


@dataclasses.dataclass(frozen=True)
class LearnedTrust:
    announcement_keys: tuple[str, ...] = ()  # base64url Ed25519 public keys
    ca_pems: tuple[str, ...] = ()  # PEM certificates pinned for the sync server


def learned_trust(db: Any) -> LearnedTrust:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [LEARNED_TRUST_SETTING]).fetchone()
    if row is None:
        return LearnedTrust()
    data = json.loads(row[0])
    return LearnedTrust(tuple(data.get("announcement_keys", ())), tuple(data.get("ca_pems", ())))


def add_learned_trust(db: Any, keys: Iterable[str], pems: Iterable[str]) -> bool:
    """Add keys and certificates (in the caller's transaction); True when any was new."""
    known = learned_trust(db)
    new_keys = tuple(dict.fromkeys((*known.announcement_keys, *keys)))
    new_pems = tuple(dict.fromkeys((*known.ca_pems, *pems)))
    if (new_keys, new_pems) == (known.announcement_keys, known.ca_pems):
        return False
    value = json.dumps({"announcement_keys": list(new_keys), "ca_pems": list(new_pems)})
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [LEARNED_TRUST_SETTING, value],
    )
    return True
