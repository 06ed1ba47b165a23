"""What the coklit reports read: the counts of an area split by the areas one level below it (the
TPS of a desa, the desa of a kecamatan, …), the voters of a TPS in list order for Model A, the
rows that changed with their original values for Model A-Daftar Perubahan Pemilih, and the names
of the regions above an area for a document's heading.

Exports of personal data are written to the audit log (UU 27/2022 asks controllers to log the
processing of personal data): which report, which area, how many rows, never a value."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from desktop_app.store.audit import append_audit
from desktop_app.store.coklit_report import CoklitCounts, coklit_counts
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.store.voter_queries import area_clause
from desktop_app.store.voter_rows import ROW_FIELDS, row_to_record
from lapang_core.domain.voter import KETERANGAN_SESUAI, VoterRecord

AUDIT_ENTITY = "report"


@dataclasses.dataclass(frozen=True)
class CoklitBreakdown:
    """An area's counts and the same counts for each area one level below it, in code order.
    A TPS has no parts."""

    area: str | None
    total: CoklitCounts
    parts: tuple[tuple[str, CoklitCounts], ...]


def child_area(tps_id: str, area: str | None) -> str:
    """The code one level below ``area`` on the way to ``tps_id`` (the TPS itself below a desa)."""
    depth = area.count(".") + 2 if area else 1
    return ".".join(tps_id.split(".")[:depth])


def child_areas(db: sqlite_utils.Database, area: str | None) -> list[str]:
    """The areas one level below ``area`` that hold voters, in code order."""
    if area and area.count(".") == 4:
        return []
    clause, params = area_clause(area)
    sql = "SELECT DISTINCT tps_id FROM voters" + (f" WHERE {clause}" if clause else "")
    return sorted({child_area(row[0], area) for row in db.execute(sql, params)})


def coklit_breakdown(db: sqlite_utils.Database, area: str | None) -> CoklitBreakdown:
    """Counts for ``area`` (None: everything) and for each area below it.

    One query per part, each a range on the TPS index: the rows of the area are read twice in
    all (once for the total), which keeps the counting rules in one place (coklit_counts)."""
    parts = tuple((code, coklit_counts(db, code)) for code in child_areas(db, area))
    return CoklitBreakdown(area, coklit_counts(db, area or ""), parts)


_RECORD_SQL = "SELECT " + ", ".join(ROW_FIELDS) + ", original_values FROM voters"


def _record(row: tuple) -> tuple[VoterRecord, dict[str, Any]]:
    record = row_to_record(dict(zip(ROW_FIELDS, row[: len(ROW_FIELDS)], strict=True)))
    original = json.loads(row[-1]) if row[-1] else {}
    return record, original


def area_voters(db: sqlite_utils.Database, area: str) -> list[VoterRecord]:
    """Every voter of ``area`` (TMS rows included: Model A keeps them, flagged) in the desk's
    list order, so the printed list and the screen can be read side by side."""
    clause, params = area_clause(area)
    sql = f"{_RECORD_SQL} WHERE {clause} ORDER BY tps_id, nama, pk"
    return [_record(row)[0] for row in db.execute(sql, params)]


@dataclasses.dataclass(frozen=True)
class ChangedVoter:
    """A row coklit changed: corrected (``original_values`` holds the values before the first
    correction), new, or TMS."""

    record: VoterRecord
    original_values: dict[str, Any]


def changed_voters(db: sqlite_utils.Database, area: str | None) -> list[ChangedVoter]:
    """Rows of ``area`` marked ubah, baru or TMS, or with corrected elements, in list order.
    Rows still unchecked or marked sesuai without a correction are not changes."""
    clause, params = area_clause(area)
    changed = (
        "((keterangan != '' AND keterangan != ?) "
        "OR (original_values IS NOT NULL AND original_values NOT IN ('', '{}')))"
    )
    where = f"{clause} AND {changed}" if clause else changed
    sql = f"{_RECORD_SQL} WHERE {where} ORDER BY tps_id, nama, pk"
    return [ChangedVoter(*_record(row)) for row in db.execute(sql, [*params, KETERANGAN_SESUAI])]


def region_names(
    db: sqlite_utils.Database, area: str | None, also: Iterable[str] = ()
) -> dict[str, str]:
    """Names of ``area``, every region above it and the regions in ``also`` (e.g. the parts of
    a breakdown), as far as the store knows them. A TPS has no name of its own."""
    codes = set(also)
    if area:
        parts = area.split(".")
        codes.update(".".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    codes = {c for c in codes if c.count(".") < 4}
    if not codes:
        return {}
    sql = f"SELECT kode, nama FROM regions WHERE kode IN ({', '.join('?' * len(codes))})"
    return dict(db.execute(sql, sorted(codes)).fetchall())


def log_export(store: FieldStore, *, report: str, area: str | None, fmt: str, rows: int) -> int:
    """Record that a report left the vault as a file. Names the report, the area, the format and
    the row count; never the file's path (it may name the officer) or any value in it."""
    with store.db.atomic():
        return append_audit(
            store.db,
            at=utc_now(),
            officer=store.officer,
            action="report.export",
            entity=AUDIT_ENTITY,
            entity_id=area or "",
            detail={"report": report, "format": fmt, "rows": rows},
        )
