"""What a return bundle carries inside its seal (docs/sync-protocol.md section 13): KPU's reply
to one device — which of its changes the server holds (acknowledgements), and the area's news
since the device's cursor as ordinary pull pages (conflicts, refusals, new voter versions,
signed announcements, recruitment outcomes).

The content, once the seal is opened::

    head_len  4 bytes, big-endian
    head      compact JSON {"v": 1, "device": <device id>, "n": <the server's number for this
              device's return bundles, increasing>, "since": <cursor the pages start after>,
              "cur": <cursor after the last page>, "t": <server unix seconds>,
              "thr": <applied_through>, "a": [[first, last], ...], "p": [<page length>, ...]}
    the pull pages, one after another (each exactly a ``GET /v1/pull`` answer body)

``a`` lists the seq ranges the server holds as accepted, held, duplicate or conflict: as in a
push answer, exactly the changes the device may mark as sent. Refusals travel in the pages
(``ref``), as on pull.
"""

from __future__ import annotations

import dataclasses
import struct
from typing import Any

from lapang_core.protocol.constants import MAX_SEQ, PROTOCOL_VERSION
from lapang_core.protocol.decoding import loads_json
from lapang_core.protocol.encoding import _dumps, _is_int, is_hex_id
from lapang_core.protocol.errors import MalformedRequest
from lapang_core.protocol.pull import PullPage

KIND_RETURN = "return"
SENDER_KPU = "kpu"
MAX_HEAD_BYTES = 4 << 20
_MAX_PAGES = 10_000


@dataclasses.dataclass(frozen=True)
class ReturnBundle:
    device_id: str
    number: int  # increases with every return bundle the server makes for this device
    since: int
    cursor: int
    server_time: int
    applied_through: int
    acknowledged: tuple[tuple[int, int], ...]  # seq ranges the device may mark as sent
    pages: tuple[bytes, ...]  # encoded pull pages

    def encode(self) -> bytes:
        head = _dumps(
            {
                "v": PROTOCOL_VERSION,
                "device": self.device_id,
                "n": self.number,
                "since": self.since,
                "cur": self.cursor,
                "t": self.server_time,
                "thr": self.applied_through,
                "a": [list(r) for r in self.acknowledged],
                "p": [len(page) for page in self.pages],
            }
        )
        return b"".join([struct.pack(">I", len(head)), head, *self.pages])

    @classmethod
    def decode(cls, content: bytes) -> ReturnBundle:
        """Split the content; raises ``MalformedRequest`` on any structural fault. The pages
        are decoded by ``pull_pages`` (each as strictly as a pull answer)."""
        if len(content) < 4:
            raise MalformedRequest("The return bundle has no head.")
        (size,) = struct.unpack(">I", content[:4])
        if size > MAX_HEAD_BYTES or 4 + size > len(content):
            raise MalformedRequest("The return bundle's head length is not valid.")
        doc = loads_json(content[4 : 4 + size], limit=MAX_HEAD_BYTES)
        if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
            raise MalformedRequest("The return bundle's head is not a version 1 object.")
        device = doc.get("device")
        numbers = [doc.get(k) for k in ("n", "since", "cur", "t", "thr")]
        if not is_hex_id(device) or not all(_is_int(n) and n >= 0 for n in numbers):
            raise MalformedRequest("The return bundle's head is not valid.")
        ranges, lengths = doc.get("a"), doc.get("p")
        if not isinstance(ranges, list) or not all(_is_range(r) for r in ranges):
            raise MalformedRequest("The return bundle's acknowledgements are not valid.")
        if not isinstance(lengths, list) or len(lengths) > _MAX_PAGES:
            raise MalformedRequest("The return bundle's page list is not valid.")
        if not all(_is_int(n) and n > 0 for n in lengths):
            raise MalformedRequest("The return bundle's page lengths are not valid.")
        offset, pages = 4 + size, []
        for length in lengths:
            pages.append(content[offset : offset + length])
            offset += length
        if offset != len(content):
            raise MalformedRequest("The return bundle does not end where its head says.")
        return cls(
            device,
            *numbers,  # type: ignore[arg-type]
            tuple((r[0], r[1]) for r in ranges),
            tuple(pages),
        )

    def pull_pages(self) -> list[PullPage]:
        return [PullPage.decode(page) for page in self.pages]


def _is_range(item: Any) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 2
        and all(_is_int(n) and 1 <= n <= MAX_SEQ for n in item)
        and item[0] <= item[1]
    )
