"""The pull page: everything new for a device's area since its cursor, read in one snapshot
and ordered by rev (docs/sync-protocol.md §6)."""

from __future__ import annotations

import json
from typing import Any

from lapang_core.protocol import (
    VOTER_COLUMNS,
    Announcement,
    ConflictNotice,
    PullPage,
    RefusalNotice,
    Region,
    VoterRow,
)
from sync_server import applications
from sync_server.rows import Device
from sync_server.tx import Transactions


def _area_bounds(area: str) -> tuple[str, str]:
    """[lo, hi) covering every code strictly below ``area`` ('/' sorts right after '.')."""
    return area + ".", area + "/"


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def pull_page(
    repo: Transactions,
    device: Device,
    cursor: int,
    limit: int,
    now: float,
    *,
    no_echo: bool = False,
    no_application_echo: bool = False,
) -> PullPage:
    """Everything for the device's area with rev > cursor, oldest first, at most ``limit``
    items. Read in one snapshot, so the cursor never skips a row committed meanwhile.

    ``no_echo`` (a v2 pull): a voter row whose echo marker names this device at the row's
    version is left out: its own change made that version, and the v2 push answer told it the
    version (sync_server.rows). Any later write moves the version on, so the row comes again.
    ``no_application_echo`` (a v3 pull): the device's own applications alike
    (``applications.outcomes_since``)."""
    area = device.area
    lo, hi = _area_bounds(area)
    fetch = limit + 1
    is_tps = area.count(".") == 4
    # Names of the area itself and everything above it (a TPS id matches no region).
    ancestors = [*_ancestors(area), area]
    marks = ", ".join("?" * len(ancestors))
    items: list[tuple[int, str, Any]] = []
    with repo.transaction(write=False) as tx:
        head = tx.head_rev()
        received_through = tx.received_through(device.id)
        region_range = () if is_tps else (lo, hi)
        region_sql = f"kode IN ({marks})" + ("" if is_tps else " OR (kode >= ? AND kode < ?)")
        for row in tx.sql.all(
            f"SELECT rev, kode, nama FROM regions WHERE rev > ? AND ({region_sql}) "
            "ORDER BY rev LIMIT ?",
            (cursor, *ancestors, *region_range, fetch),
        ):
            items.append((row["rev"], "region", Region(row["kode"], row["nama"])))
        where, params = ("id = ?", (area,)) if is_tps else ("id >= ? AND id < ?", (lo, hi))
        for row in tx.sql.all(
            f"SELECT rev, id FROM tps WHERE rev > ? AND {where} ORDER BY rev LIMIT ?",
            (cursor, *params, fetch),
        ):
            items.append((row["rev"], "tps", row["id"]))
        where = "tps_id = ?" if is_tps else "tps_id >= ? AND tps_id < ?"
        echo, echo_params = "", ()
        if no_echo:
            echo = " AND (echo_device IS NULL OR echo_device <> ? OR echo_version <> version)"
            echo_params = (device.id,)
        for row in tx.sql.all(
            f"SELECT rev, {', '.join(VOTER_COLUMNS)} FROM voters WHERE rev > ? AND {where}"
            f"{echo} ORDER BY rev LIMIT ?",
            (cursor, *params, *echo_params, fetch),
        ):
            values = {c: row[c] for c in VOTER_COLUMNS}
            values["tms"] = json.loads(values["tms"]) if values["tms"] else None
            values["hak_pilih_dicabut"] = bool(values["hak_pilih_dicabut"])
            items.append((row["rev"], "voter", VoterRow(**values)))
        for row in tx.sql.all(
            "SELECT * FROM conflicts WHERE rev > ? AND (device_id = ? OR other_author = ?) "
            "ORDER BY rev LIMIT ?",
            (cursor, device.id, device.id, fetch),
        ):
            notice = ConflictNotice(
                id=row["id"],
                voter_id=row["voter_id"],
                change_id=row["change_id"],
                device_id=row["device_id"],
                other_author=row["other_author"],
                base_version=row["base_version"],
                server_version=row["server_version"],
                server_value=json.loads(row["server_value"]),
                change_value=json.loads(row["change_value"]),
                rule=row["rule"],
                created_at=row["created_at"],
            )
            items.append((row["rev"], "conflict", notice))
        for row in tx.sql.all(
            "SELECT rev, id, area, title, body, published_at, signature FROM announcements "
            f"WHERE rev > ? AND (area = '' OR area IN ({marks}) OR (area >= ? AND area < ?)) "
            "ORDER BY rev LIMIT ?",
            (cursor, *ancestors, lo, hi, fetch),
        ):
            items.append((row["rev"], "announcement", Announcement(*tuple(row)[1:])))
        for row in tx.sql.all(
            "SELECT notice_rev, seq, change_id, reason, message FROM changes "
            "WHERE device_id = ? AND notice_rev > ? ORDER BY notice_rev LIMIT ?",
            (device.id, cursor, fetch),
        ):
            refusal = RefusalNotice(row["seq"], row["change_id"], row["reason"], row["message"])
            items.append((row["notice_rev"], "refusal", refusal))
        for rev, outcome in applications.outcomes_since(
            tx, device, cursor, fetch, no_echo=no_application_echo
        ):
            items.append((rev, "application", outcome))
    items.sort(key=lambda item: item[0])
    more = len(items) > limit
    page = items[:limit]
    next_cursor = page[-1][0] if more else max(head, cursor)

    def of(kind: str) -> tuple[Any, ...]:
        return tuple(obj for _, k, obj in page if k == kind)

    return PullPage(
        cursor=next_cursor,
        more=more,
        server_time=int(now),
        regions=of("region"),
        tps=of("tps"),
        voters=of("voter"),
        conflicts=of("conflict"),
        announcements=of("announcement"),
        refusals=of("refusal"),
        applications=of("application"),
        received_through=received_through,
    )
