"""The resumable chunked upload that evidence files (docs/sync-protocol.md §8) and carried
bundles (§12.4) share: send from the offset the server acknowledged, ask the server again
whenever an answer is in doubt, never guess.

The caller gives the content, the server's status to start from, and two requests: ``ask`` (the
status) and ``put`` (one chunk at an offset). A transient failure (no answer, a 5xx) is retried
with the run's backoff, then the status is asked, since the chunk may or may not have been
stored; an ``offset_mismatch`` moves to the server's offset. Any other refusal is the caller's.

How much goes per chunk is paced like the push's batches (``pacing.BatchSizer``, counted in
bytes): the first chunk is 32 KiB, so a link that drops at once loses little; chunks grow while
one takes well under the target time and shrink to fit it when one is slow, and halve after a
failure. Each chunk is one signed request, so on a good link small chunks waste round trips
(bench/relay.py: 56 MB took 11.7 s on loopback in 32 KiB chunks, 4.1 s in 256 KiB ones), and on
a 600 ms 2G round trip far more. Where a chunk ends changes nothing of the resume: the next one
always starts at the server's offset.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from desktop_app.sync.pacing import BatchSizer
from desktop_app.sync.run import RunContext
from lapang_core import protocol as p

# docs/sync-protocol.md section 8: 32 KiB is a good chunk on 2G (about a second of link); the
# first chunk of a run, grown from there when the link allows.
DEFAULT_CHUNK_BYTES = 32 << 10
# The smallest chunk a slow link shrinks to: below it the round trip is nearly all of a request.
MIN_CHUNK_BYTES = 8 << 10
# A chunk that takes longer than this risks being cut by the end of a signal window (as a push
# batch: SyncEngine's push sizer). Chunks grow while one takes under half of it: on 2G (256
# kbit/s, 600 ms) a 32 KiB chunk takes ~1.7 s, and chunks grow to ~80 KiB; on GPRS (64 kbit/s,
# 1,200 ms) one takes ~5.4 s, and they stay at 32 KiB.
CHUNK_TARGET_SECONDS = 6.0


class ChunkStatus(Protocol):
    @property
    def received(self) -> int: ...

    @property
    def complete(self) -> bool: ...


S = TypeVar("S", bound=ChunkStatus)


def chunk_limit(ctx: RunContext) -> int:
    """The largest chunk: the limit the server advertised at enrolment, within the protocol's."""
    server_max = int(ctx.enrollment.limits.get("max_chunk_bytes", p.MAX_CHUNK_BYTES))
    return max(1, min(server_max, p.MAX_CHUNK_BYTES))


def chunk_sizer(
    limit: int, first: int = DEFAULT_CHUNK_BYTES, largest: int | None = None
) -> BatchSizer:
    """Bytes per chunk for one run, starting at ``first``, never above ``limit`` (the server's,
    ``chunk_limit``) nor ``largest``. ``first == largest`` keeps chunks fixed."""
    top = limit if largest is None else max(1, min(largest, limit))
    return BatchSizer(
        initial=first,
        maximum=top,
        minimum=min(MIN_CHUNK_BYTES, first, top),
        target_seconds=CHUNK_TARGET_SECONDS,
    )


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
    sizer: BatchSizer,
    on_taken: Callable[[S, int], None],
) -> S:
    """Send ``content`` from ``status.received`` until the server says complete; the final
    status. ``on_taken(status, n)`` hears each answered chunk and the ``n`` bytes it added.
    ``sizer`` says how many bytes go per chunk and hears how long each took."""
    failures = 0
    while not status.complete:
        ctx.check_cancel()
        offset = status.received
        if offset >= len(content):
            # Every byte is in but the server has not finished with them (the answer to the
            # last chunk was lost, or finishing failed): the last chunk again makes it finish.
            offset = max(0, len(content) - sizer.size)
        chunk = content[offset : offset + sizer.size]
        started, connecting = ctx.clock(), ctx.client.connect_seconds
        try:
            answer = put(offset, chunk)
        except p.OffsetMismatch:
            status = _resumed(status, ask_status(ctx, ask), on_taken)  # where to resume
            continue
        except Exception as exc:
            failures += 1
            ctx.retry_after(exc, failures)  # re-raises what waiting cannot cure
            # Only a link failure shrinks the chunks (a refused file says nothing of the link):
            # the next drop then loses half as much.
            sizer.failure()
            # The chunk may or may not have been written: ask instead of guessing.
            status = _resumed(status, ask_status(ctx, ask), on_taken)
            continue
        failures = 0
        seconds = _request_seconds(ctx, sizer, started, connecting)
        if not answer.complete:
            # The last chunk's answer waits for the server to finish the whole (hash a file,
            # open and apply a bundle): its time says little of the link.
            sizer.success(len(chunk), seconds)
        on_taken(answer, max(0, answer.received - status.received))
        status = answer
    return status


def _resumed(before: S, asked: S, on_taken: Callable[[S, int], None]) -> S:
    """The status the server gave after a lost answer. Bytes it holds beyond what we knew were
    sent in this run (the chunk whose answer was lost): ``on_taken`` hears them, so the run's
    figures count them once rather than never."""
    on_taken(asked, max(0, asked.received - before.received))
    return asked


def _request_seconds(
    ctx: RunContext, sizer: BatchSizer, started: float, connecting: float
) -> float:
    """The chunk's time without the connection it opened, if it opened one (the handshake is
    noted as the link's round trip), as the push counts its batches (``PushPhase``)."""
    seconds = ctx.clock() - started
    opened = ctx.client.connect_seconds - connecting
    if opened <= 0:
        return seconds
    handshake = ctx.client.handshake_seconds
    if handshake:
        sizer.note_round_trip(handshake)
    return max(seconds - opened, 1e-3)
