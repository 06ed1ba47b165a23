"""The resumable chunked upload that evidence files (docs/sync-protocol.md §8) and carried
bundles (§12.4) share: send from the offset the server acknowledged, ask the server again
whenever an answer is in doubt, never guess.

The caller gives the content, the server's status to start from, and two requests: ``ask`` (the
status) and ``put`` (one chunk at an offset). A transient failure (no answer, a 5xx) is retried
with the run's backoff, then the status is asked, since the chunk may or may not have been
stored; an ``offset_mismatch`` moves to the server's offset. Any other refusal is the caller's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from desktop_app.sync.run import RunContext
from lapang_core import protocol as p


class ChunkStatus(Protocol):
    @property
    def received(self) -> int: ...

    @property
    def complete(self) -> bool: ...


S = TypeVar("S", bound=ChunkStatus)


def chunk_size(ctx: RunContext, wanted: int) -> int:
    """``wanted``, within the chunk limit the server advertised at enrolment."""
    server_max = int(ctx.enrollment.limits.get("max_chunk_bytes", p.MAX_CHUNK_BYTES))
    return max(1, min(wanted, server_max))


def ask_status(ctx: RunContext, ask: Callable[[], S]) -> S:
    """The server's status, retried with the run's backoff while the link fails."""
    failures = 0
    while True:
        ctx.check_cancel()
        try:
            return ask()
        except Exception as exc:
            failures += 1
            ctx.retry_after(exc, failures)


def send_in_chunks(
    ctx: RunContext,
    content: bytes,
    status: S,
    ask: Callable[[], S],
    put: Callable[[int, bytes], S],
    chunk_bytes: int,
    on_taken: Callable[[S, int], None],
) -> S:
    """Send ``content`` from ``status.received`` until the server says complete; the final
    status. ``on_taken(status, n)`` hears each answered chunk and the ``n`` bytes it added."""
    failures = 0
    while not status.complete:
        ctx.check_cancel()
        offset = status.received
        if offset >= len(content):
            # Every byte is in but the server has not finished with them (the answer to the
            # last chunk was lost, or finishing failed): the last chunk again makes it finish.
            offset = max(0, len(content) - chunk_bytes)
        try:
            answer = put(offset, content[offset : offset + chunk_bytes])
        except p.OffsetMismatch:
            status = ask_status(ctx, ask)  # the server says where to resume
            continue
        except Exception as exc:
            failures += 1
            ctx.retry_after(exc, failures)  # re-raises what waiting cannot cure
            # The chunk may or may not have been written: ask instead of guessing.
            status = ask_status(ctx, ask)
            continue
        failures = 0
        on_taken(answer, max(0, answer.received - status.received))
        status = answer
    return status
