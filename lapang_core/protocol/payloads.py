"""Compact change payloads: an "ubah" travels as [element index, new, old] triples, and a
"tms" or "baru" payload whose keys follow its layout as a bare list of values."""

from __future__ import annotations

from typing import Any

from lapang_core.protocol.encoding import _is_int
from lapang_core.protocol.errors import MalformedRequest

# Model A-Daftar Pemilih elements, frozen for wire v1: the index is what travels in an "ubah"
# payload, so this tuple must never be reordered (append only, in a new protocol version). A
# copy of ``domain.voter.ELEMENTS`` on purpose, not derived from it: a change to the form's
# order must not renumber what laptops in the field send (tests/domain/test_voter_fields.py).
WIRE_ELEMENTS: tuple[str, ...] = (
    "nkk",
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "status_perkawinan",
    "jenis_kelamin",
    "alamat",
    "rt",
    "rw",
    "disabilitas",
    "status_ktp_el",
)
_ELEMENT_INDEX = {name: i for i, name in enumerate(WIRE_ELEMENTS)}

# Payloads whose keys are a prefix of one of these layouts travel as a bare list of values.
TMS_KEYS: tuple[str, ...] = (
    "code",
    "evidence_type",
    "evidence_ref",
    "attachment",
    "target_tps_id",
    "new_voter_id",
)
BARU_KEYS: tuple[str, ...] = (*WIRE_ELEMENTS, "tps_id", "sumber")
# Optional in a baru, each sent only when set (a payload with them travels as an object):
# eligibility conditions with no Model A element (domain note §4, §3 Baru). Wire names, frozen
# like the others: equal to ``domain.voter.STATUS_CONDITIONS`` (tests/domain/test_voter_fields.py).
BARU_STATUS_KEYS: tuple[str, ...] = ("status_tni_polri", "sk_pemberhentian", "hak_pilih_dicabut")
_PREFIX_LAYOUTS: dict[str, tuple[str, ...]] = {"tms": TMS_KEYS, "baru": BARU_KEYS}


def _encode_payload(op: str, payload: dict[str, Any]) -> Any:
    if op == "ubah":
        changes, original = payload.get("changes"), payload.get("original")
        if (
            payload.keys() == {"changes", "original"}
            and isinstance(changes, dict)
            and isinstance(original, dict)
            and changes
            and changes.keys() == original.keys()
        ):
            return [[_ELEMENT_INDEX.get(k, k), v, original[k]] for k, v in changes.items()]
    layout = _PREFIX_LAYOUTS.get(op)
    if layout is not None and len(payload) <= len(layout):
        keys = layout[: len(payload)]
        if payload.keys() == set(keys):
            return [payload[k] for k in keys]
    return payload


def _decode_payload(op: str, raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, list):
        raise MalformedRequest("A change payload must be an object or a list.")
    if op == "ubah":
        changes: dict[str, Any] = {}
        original: dict[str, Any] = {}
        for item in raw:
            if not isinstance(item, list) or len(item) != 3:
                raise MalformedRequest("An ubah item must be [element, new, old].")
            key = item[0]
            if _is_int(key):
                if not 0 <= key < len(WIRE_ELEMENTS):
                    raise MalformedRequest(f"Unknown element index {key} in an ubah payload.")
                key = WIRE_ELEMENTS[key]
            elif not isinstance(key, str):
                raise MalformedRequest("An ubah element must be an index or a name.")
            changes[key], original[key] = item[1], item[2]
        return {"changes": changes, "original": original}
    layout = _PREFIX_LAYOUTS.get(op)
    if layout is None or len(raw) > len(layout):
        raise MalformedRequest(f"A list payload is not defined for op {op!r}.")
    return dict(zip(layout, raw, strict=False))
