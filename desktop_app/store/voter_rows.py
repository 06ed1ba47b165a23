"""Mapping between the ``voters`` table and the domain's VoterRecord."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lapang_core.domain.voter import (
    RECORD_FIELDS,
    STATUS_CONDITIONS,
    VoterRecord,
    imported_voter_id,
)

__all__ = ["ROW_FIELDS", "imported_voter_id", "record_values", "row_to_record"]

# The voters table holds every field of the record under the field's own name.
ROW_FIELDS: tuple[str, ...] = RECORD_FIELDS
# Carried by a baru payload only when set: a server from before they existed refuses unknown
# keys, and a voter who never served and keeps the vote needs none of them.
STATUS_FIELDS: tuple[str, ...] = STATUS_CONDITIONS


def record_values(record: VoterRecord) -> list[Any]:
    """Values in ROW_FIELDS order, dates as ISO text."""
    values = []
    for name in ROW_FIELDS:
        value = getattr(record, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, bool):
            value = int(value)
        values.append(value)
    return values


def element_to_column(name: str, value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def row_to_record(row: dict[str, Any]) -> VoterRecord:
    values = {name: row.get(name) for name in ROW_FIELDS}
    if values["tanggal_lahir"]:
        values["tanggal_lahir"] = dt.date.fromisoformat(values["tanggal_lahir"])
    for text_field in (
        "tempat_lahir",
        "status_perkawinan",
        "alamat",
        "rt",
        "rw",
        "keterangan",
        "sumber",
        "status_tni_polri",
        "sk_pemberhentian",
    ):
        values[text_field] = values[text_field] or ""
    values["disabilitas"] = int(values["disabilitas"] or 0)
    values["hak_pilih_dicabut"] = bool(values["hak_pilih_dicabut"])
    return VoterRecord(**values)


def record_to_wire(record: VoterRecord) -> dict[str, Any]:
    """The full voter as the sync protocol's 'baru' payload carries it."""
    data = {name: element_to_column(name, getattr(record, name)) for name in ROW_FIELDS}
    data.pop("keterangan")
    data.pop("dpid")
    for name in STATUS_FIELDS:
        if not data[name]:
            del data[name]
    if "hak_pilih_dicabut" in data:
        data["hak_pilih_dicabut"] = True
    return data
