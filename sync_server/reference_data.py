"""KPU's reference data on the server: the region table and KPU's voter list, loaded from the
admin command line; devices receive what changed on their next pull."""

from __future__ import annotations

from typing import Any

from lapang_core.domain.voter import VoterRecord, imported_voter_id
from lapang_core.protocol import LIST_COLUMNS
from sync_server.rules import AUTHOR_KPU
from sync_server.tx import Tx


def upsert_regions(tx: Tx, latest: dict[str, str]) -> int:
    """Insert or rename the regions of ``latest`` (kode -> nama); return how many changed."""
    known = dict(tx.sql.all("SELECT kode, nama FROM regions"))
    changed = [(k, n) for k, n in latest.items() if known.get(k) != n]
    first = tx.next_revs(len(changed)) if changed else 0
    tx.sql.many(
        "INSERT INTO regions (kode, nama, level, rev) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (kode) DO UPDATE SET nama = excluded.nama, rev = excluded.rev",
        [(k, n, len(k.split(".")), first + i) for i, (k, n) in enumerate(changed)],
    )
    return len(changed)


def _eligibility(record: VoterRecord) -> dict[str, Any]:
    """The conditions a baru sets (server migration 0012); a Sidalih row carries none."""
    return {
        "status_tni_polri": record.status_tni_polri,
        "sk_pemberhentian": record.sk_pemberhentian,
        "hak_pilih_dicabut": int(record.hak_pilih_dicabut),
    }


def load_voters(tx: Tx, records: list[VoterRecord], now_iso: str) -> tuple[int, int]:
    """Insert or update KPU's voters. Ids follow the client's import ids (same Sidalih row, same
    id on both sides); a row that changed gets a new version by ``kpu``. Returns (inserted,
    updated)."""
    inserted = updated = 0
    tx.lock_voters(imported_voter_id(record) for record in records)
    for tps_id in sorted({record.tps_id for record in records}):
        tx.ensure_tps(tps_id)
    for record in records:
        voter_id = imported_voter_id(record)
        fields = {
            "dpid": record.dpid,
            **{c: getattr(record, c) for c in LIST_COLUMNS},
            "tms": None,
        }
        birth = record.tanggal_lahir
        fields["tanggal_lahir"] = birth.isoformat() if birth else None
        current = tx.voter(voter_id, lock=True)
        if current is None:
            row = {"id": voter_id, "version": 1, "last_author": AUTHOR_KPU}
            row |= {"streak_base": 0, **fields, **_eligibility(record)}
            tx.insert_voter(row, tx.next_revs(1), now_iso)
            inserted += 1
        elif any(current[k] != v for k, v in fields.items() if k != "tms"):
            row = {**current, **fields, "tms": current["tms"]}
            row["version"] = current["version"] + 1
            # KPU's edit: no device holds this version yet (sync_server.rows, ECHO_COLUMNS).
            row["echo_device"] = row["echo_version"] = None
            if current["last_author"] != AUTHOR_KPU:
                row["last_author"], row["streak_base"] = AUTHOR_KPU, current["version"]
            tx.update_voter(row, tx.next_revs(1), now_iso)
            updated += 1
    return inserted, updated
