"""Resumable attachment upload: the server's progress on a file, the chunk path, the chunks."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from lapang_core.protocol.constants import API_PREFIX
from lapang_core.protocol.decoding import loads_json
from lapang_core.protocol.encoding import _dumps
from lapang_core.protocol.errors import MalformedRequest


@dataclasses.dataclass(frozen=True, slots=True)
class AttachmentStatus:
    """How much of a file the server holds; a client resumes at ``received``."""

    sha256: str
    size: int | None  # None until the first chunk declared it
    received: int
    complete: bool

    def encode(self) -> bytes:
        return _dumps(dataclasses.asdict(self))

    @classmethod
    def decode(cls, body: bytes) -> AttachmentStatus:
        doc = loads_json(body)
        try:
            return cls(**doc)
        except TypeError as exc:
            raise MalformedRequest(f"Invalid attachment status: {exc}") from None


def attachment_path(sha256: str, *, offset: int, size: int) -> str:
    """Path and query of the chunk upload (what a client signs)."""
    return f"{API_PREFIX}/attachments/{sha256}?offset={offset}&size={size}"


def split_chunks(data: bytes, chunk_size: int, start: int = 0) -> Sequence[tuple[int, bytes]]:
    """(offset, chunk) pairs from ``start``: what an upload resumed at ``start`` sends."""
    return [(o, data[o : o + chunk_size]) for o in range(start, len(data), chunk_size)]
