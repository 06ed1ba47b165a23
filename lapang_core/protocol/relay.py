"""Chunked relay of a carried bundle (Titipan, docs/sync-protocol.md section 12.4): the
server's progress on one carrier's upload of one bundle, and the paths a carrier signs.

The upload follows the attachments' rules (section 8): chunks appended at the offset the
server acknowledged, each a request signed by the carrier, resumed from ``received`` after a
drop. Only when the last byte arrives does the server open the bundle and apply it as its
owner's push.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from lapang_core.protocol.constants import API_PREFIX
from lapang_core.protocol.decoding import loads_json
from lapang_core.protocol.encoding import _dumps, _is_int
from lapang_core.protocol.errors import MalformedRequest, ProtocolError

RELAY_PATH = f"{API_PREFIX}/relay"


class RelayQuotaExceeded(ProtocolError):
    """This carrier already has as many unfinished relay bytes stored on the server as KPU
    allows; ``details["limit"]`` is the cap. Nothing of this chunk was stored. The carrier
    finishes (or abandons) its other uploads first; abandoned ones expire."""

    code = "relay_quota_exceeded"
    http_status = 413


@dataclasses.dataclass(frozen=True, slots=True)
class RelayStatus:
    """A carrier's upload of one bundle. ``complete``: KPU holds the bundle (applied, by this
    upload or before, from a stick or another carrier): nothing more to send. ``summary`` is
    the relay's answer (counts only) on the request that applied it, else None."""

    bundle: str
    size: int | None  # None until the first chunk declared it
    received: int
    complete: bool
    summary: dict[str, Any] | None = None

    def encode(self) -> bytes:
        doc = dataclasses.asdict(self)
        if self.summary is None:
            del doc["summary"]
        return _dumps(doc)

    @classmethod
    def decode(cls, body: bytes) -> RelayStatus:
        doc = loads_json(body)
        if not isinstance(doc, dict):
            raise MalformedRequest("Invalid relay status: not an object.")
        size, received = doc.get("size"), doc.get("received")
        summary = doc.get("summary")
        if (
            not isinstance(doc.get("bundle"), str)
            or not (size is None or _is_int(size))
            or not _is_int(received)
            or not isinstance(doc.get("complete"), bool)
            or not (summary is None or isinstance(summary, dict))
        ):
            raise MalformedRequest("Invalid relay status.")
        return cls(doc["bundle"], size, received, doc["complete"], summary)


def relay_status_path(bundle_id: str) -> str:
    return f"{RELAY_PATH}/{bundle_id}"


def relay_chunk_path(bundle_id: str, *, offset: int, size: int) -> str:
    """Path and query of one chunk of a relayed bundle (what the carrier signs)."""
    return f"{RELAY_PATH}/{bundle_id}?offset={offset}&size={size}"
