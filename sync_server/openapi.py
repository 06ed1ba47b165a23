"""What the OpenAPI document (``/openapi.json``) says about each endpoint beyond its path.

The handlers read headers, queries and bodies themselves (signatures cover the raw bytes), so
FastAPI cannot infer them; they are declared here for readers of the schema and for the
schemathesis fuzz test (tests/sync_server/test_server_fuzz.py). docs/sync-protocol.md is the
authority; this is its summary in machine-readable form.
"""

from __future__ import annotations

from typing import Any

from lapang_core import protocol as p

_HEX32 = "^[0-9a-f]{32}$"
_JSON = "application/json"


def _header(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "header",
        "required": True,
        "schema": schema,
        "description": description,
    }


def _query(name: str, required: bool, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema}


def signing_headers(*, device: bool = True) -> list[dict[str, Any]]:
    headers = [
        _header(p.HEADER_PROTOCOL, {"type": "string", "enum": ["1"]}, "Protocol version."),
        _header(
            p.HEADER_TIMESTAMP,
            {"type": "string", "pattern": "^[0-9]{1,12}$"},
            "Unix seconds; within the clock window of the server's time.",
        ),
        _header(
            p.HEADER_NONCE,
            {"type": "string", "pattern": "^[0-9A-Za-z_-]{16,64}$"},
            "Never reused; for a push also the batch id.",
        ),
        _header(
            p.HEADER_SIGNATURE,
            {"type": "string", "pattern": "^[0-9A-Za-z_-]{86}$"},
            "base64url Ed25519 signature of the canonical request (docs/sync-protocol.md §2).",
        ),
    ]
    if device:
        headers.insert(
            1, _header(p.HEADER_DEVICE, {"type": "string", "pattern": _HEX32}, "Device id.")
        )
    return headers


def _body(media_type: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {media_type: {"schema": schema}},
        }
    }


_ROW = {
    "type": "array",
    "minItems": 7,
    "maxItems": 8,
    "prefixItems": [
        {"type": "integer", "minimum": 1},  # ds: seq step
        {  # op: code 0-5, or "entity/op"
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 5},
                {"type": "string", "pattern": "^[a-z]+/[a-z._]+$"},
            ]
        },
        {"type": "string", "pattern": _HEX32},  # entity_id
        {"type": ["integer", "null"], "minimum": 0, "maximum": p.MAX_VERSION},  # base_version
        {"type": "integer"},  # dt: created_at step in ms
        {"type": "string", "pattern": _HEX32},  # change_id
        {"type": "integer", "minimum": 0},  # officer index into "of"
        {"type": ["object", "array"]},  # payload (object, or the compact list form)
    ],
}
PUSH_DOCUMENT = {
    "type": "object",
    "required": ["v", "s0", "t0", "of", "c"],
    "properties": {
        # 2: answer without echo, 3: applications too (docs/sync-protocol.md §5.4)
        "v": {"type": "integer", "enum": list(p.DOC_VERSIONS)},
        "s0": {"type": "integer", "minimum": 0, "maximum": p.MAX_SEQ - 1},
        # 2000-01-01 .. 2100-01-01 in Unix ms
        "t0": {"type": "integer", "minimum": 946_684_800_000, "maximum": 4_102_444_799_999},
        "of": {"type": "array", "items": {"type": "string", "maxLength": 120}},
        "c": {"type": "array", "minItems": 1, "maxItems": p.MAX_BATCH_CHANGES, "items": _ROW},
    },
}
ENROLL_DOCUMENT = {
    "type": "object",
    "required": ["v", "code", "public_key"],
    "properties": {
        "v": {"type": "integer", "enum": [p.PROTOCOL_VERSION]},
        "code": {"type": "string", "maxLength": 40},
        "public_key": {"type": "string", "pattern": "^[0-9A-Za-z_-]{43}$"},
        "label": {"type": "string", "maxLength": 120},
        "encryption_key": {"type": "string", "pattern": "^[0-9A-Za-z_-]{43}$"},
    },
}
DEVICE_KEY_DOCUMENT = {
    "type": "object",
    "required": ["v", "encryption_key"],
    "properties": {
        "v": {"type": "integer", "enum": [p.PROTOCOL_VERSION]},
        "encryption_key": {"type": "string", "pattern": "^[0-9A-Za-z_-]{43}$"},
    },
}

ENROLL = {
    "parameters": signing_headers(device=False),
    **_body(_JSON, ENROLL_DOCUMENT, "Signed with the new key; at most 4 KiB."),
}
DEVICE_KEY = {
    "parameters": signing_headers(),
    **_body(_JSON, DEVICE_KEY_DOCUMENT, "The calling device's X25519 key; at most 4 KiB."),
}
PUSH = {
    "parameters": signing_headers(),
    **_body(
        p.MEDIA_TYPE,
        PUSH_DOCUMENT,
        "zlib (RFC 1950) of this JSON document: 1 … 1000 changes in increasing seq "
        "(docs/sync-protocol.md §5.2); at most 1 MiB compressed, 8 MiB inflated.",
    ),
}
PULL = {
    "parameters": [
        *signing_headers(),
        _query("cursor", False, {"type": "integer", "minimum": 0}),
        _query("limit", False, {"type": "integer", "minimum": 1, "maximum": p.PULL_PAGE_MAX}),
        # 2: leave out the voter rows the device's own changes made, 3: its applications too
        # (docs/sync-protocol.md §6).
        _query("v", False, {"type": "integer", "minimum": 1, "maximum": p.DOC_VERSIONS[-1]}),
    ]
}
RELAY = {
    "parameters": signing_headers(),
    **_body(
        "application/octet-stream",
        {"type": "string", "format": "binary"},
        "Another device's sealed bundle file, unchanged, in one body (docs/sync-protocol.md "
        "§12.4; laptops from before chunked relay); signed by the carrying device, applied as "
        "its maker's push.",
    ),
}
RELAY_STATUS = {"parameters": signing_headers()}
RELAY_CHUNK = {
    "parameters": [
        *signing_headers(),
        _query("offset", True, {"type": "integer", "minimum": 0}),
        _query("size", True, {"type": "integer", "minimum": 1}),
    ],
    **_body(
        "application/octet-stream",
        {"type": "string", "format": "binary"},
        "One chunk of another device's sealed bundle, 1 … max_chunk_bytes, appended at "
        "offset == received (docs/sync-protocol.md §12.4); signed by the carrying device. "
        "The last chunk opens the bundle and applies it as its maker's push.",
    ),
}
ATTACHMENT_STATUS = {"parameters": signing_headers()}
ATTACHMENT_CHUNK = {
    "parameters": [
        *signing_headers(),
        _query("offset", True, {"type": "integer", "minimum": 0}),
        _query("size", True, {"type": "integer", "minimum": 1}),
    ],
    **_body(
        "application/octet-stream",
        {"type": "string", "format": "binary"},
        "One chunk, 1 … max_chunk_bytes; appended at offset == received.",
    ),
}
