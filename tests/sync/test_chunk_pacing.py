"""Evidence chunks paced by time, like the push's batches: a real store uploads photos to the
real server on loopback, through a FaultProxy that shapes the link. On a fast link the chunks
grow to the server's limit (fewer signed requests); on 2G they grow as far as a chunk stays
well within the target time; on a slow link they stay small or shrink; and a reset costs at
most the chunk it cut. The first tests are arithmetic on the engine's own chunk settings."""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import sync_state
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.chunked import (
    CHUNK_TARGET_SECONDS,
    DEFAULT_CHUNK_BYTES,
    MIN_CHUNK_BYTES,
    chunk_sizer,
)
from desktop_app.sync.run import SyncProgress
from lapang_core.protocol import MAX_CHUNK_BYTES
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import RunningServer
from tests.sync.conftest import Enrolled, enroll_store

_KIB = 1 << 10


@dataclasses.dataclass(frozen=True)
class Link:
    round_trip: float  # seconds
    bytes_per_second: float  # up, where a chunk's bytes go

    def seconds(self, chunk: int) -> float:
        return self.round_trip + chunk / self.bytes_per_second


LOOPBACK = Link(0.002, 100e6)
EDGE = Link(0.6, 256_000 / 8)  # 2G/EDGE: 256 kbit/s, 600 ms
GPRS = Link(1.2, 64_000 / 8)  # 64 kbit/s, 1,200 ms
SLOW_DATA = Link(1.2, 9_600 / 8)  # 9.6 kbit/s: a 32 KiB chunk takes half a minute


def send_all(link: Link, size: int, limit: int = MAX_CHUNK_BYTES) -> list[int]:
    """The chunks a file of ``size`` bytes goes out in, paced as SyncEngine paces them."""
    sizer = chunk_sizer(limit)
    chunks: list[int] = []
    while size > 0:
        chunk = min(sizer.size, size)
        sizer.success(chunk, link.seconds(chunk))
        chunks.append(chunk)
        size -= chunk
    return chunks


def test_on_a_fast_link_chunks_reach_the_server_s_limit_after_two() -> None:
    chunks = send_all(LOOPBACK, 20 << 20)
    assert chunks[:3] == [DEFAULT_CHUNK_BYTES, 128 * _KIB, MAX_CHUNK_BYTES]
    assert len(chunks) == 82  # 640 in 32 KiB chunks


def test_chunks_never_pass_a_server_s_lower_limit() -> None:
    assert max(send_all(LOOPBACK, 2 << 20, limit=64 * _KIB)) == 64 * _KIB
    assert max(send_all(LOOPBACK, 2 << 20, limit=16 * _KIB)) == 16 * _KIB


def test_on_2g_chunks_grow_while_each_stays_well_within_the_target() -> None:
    chunks = send_all(EDGE, 2 << 20)
    assert chunks[0] == DEFAULT_CHUNK_BYTES and max(chunks) > 2 * DEFAULT_CHUNK_BYTES
    assert all(EDGE.seconds(c) <= CHUNK_TARGET_SECONDS for c in chunks)
    assert len(chunks) < (2 << 20) // DEFAULT_CHUNK_BYTES // 2  # fewer than half the requests


def test_on_gprs_chunks_stay_at_32_kib() -> None:
    chunks = send_all(GPRS, 1 << 20)
    assert max(chunks) == DEFAULT_CHUNK_BYTES


def test_on_a_very_slow_link_chunks_shrink_to_fit_the_target() -> None:
    chunks = send_all(SLOW_DATA, 200 * _KIB)
    assert chunks[0] == DEFAULT_CHUNK_BYTES
    assert max(chunks[1:]) == MIN_CHUNK_BYTES  # 6 s at 1.2 KB/s is less: the floor


def test_a_failure_halves_the_chunk_down_to_the_floor() -> None:
    sizer = chunk_sizer(MAX_CHUNK_BYTES)
    sizer.success(DEFAULT_CHUNK_BYTES, 0.01)
    sizer.success(sizer.size, 0.01)
    assert sizer.size == MAX_CHUNK_BYTES
    sizer.failure()
    assert sizer.size == MAX_CHUNK_BYTES // 2
    for _ in range(10):
        sizer.failure()
    assert sizer.size == MIN_CHUNK_BYTES


def test_a_fixed_chunk_stays_fixed() -> None:
    sizer = chunk_sizer(MAX_CHUNK_BYTES, DEFAULT_CHUNK_BYTES, DEFAULT_CHUNK_BYTES)
    sizer.success(DEFAULT_CHUNK_BYTES, 0.001)
    assert sizer.size == DEFAULT_CHUNK_BYTES


# -- through the real server ---------------------------------------------------------------


@pytest.fixture()
def proxy(sync_server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy(("127.0.0.1", sync_server.port)) as link:
        yield link


@pytest.fixture()
def linked(
    store: FieldStore,
    sync_server: RunningServer,
    kpu_public: Ed25519PublicKey,
    proxy: FaultProxy,
) -> Enrolled:
    """A laptop enrolled through the proxy (unshaped until a test shapes it)."""
    return enroll_store(store, sync_server, kpu_public, url=proxy.url)


def _owe_photo(enrolled: Enrolled, size: int) -> bytes:
    """A TMS with a photo of ``size`` random bytes (photos do not compress), pushed, so that
    only the photo is left to go."""
    photo = b"\xff\xd8\xff\xe0" + random.Random(size).randbytes(size - 4)
    VoterService(enrolled.store).mark_tms(
        enrolled.server.voter_id(0),
        1,
        "akta_kematian",
        "474.3/1/2025",
        AttachmentInput(photo, "image/jpeg"),
    )
    assert enrolled.engine.run_once(attachments=False).outcome == "partial"  # the photo owed
    return photo


def _upload(enrolled: Enrolled) -> tuple[list[int], object]:
    """Run the uploads alone; the chunks the server took, in bytes, from the progress."""
    seen: list[SyncProgress] = []
    enrolled.engine.add_listener(seen.append)
    report = enrolled.engine.run_once(push=False, pull=False)
    done = [e.bytes_done for e in seen if e.phase == "attachments"]
    chunks = [b - a for a, b in zip(done, done[1:], strict=False) if b > a]
    assert report.ok, (report.outcome, report.error_code, report.error_message)
    return chunks, report


def _stored(enrolled: Enrolled, photo: bytes) -> bytes | None:
    sha = hashlib.sha256(photo).hexdigest()
    path = enrolled.server.config.attachments_root / sha[:2] / sha
    return path.read_bytes() if path.exists() else None


def test_on_loopback_a_photo_goes_in_a_few_large_chunks(
    linked: Enrolled, proxy: FaultProxy
) -> None:
    photo = _owe_photo(linked, 1_500_000)  # 46 chunks of 32 KiB
    proxy.reset_counters()

    chunks, _ = _upload(linked)

    assert sum(chunks) == len(photo)
    assert chunks[0] == DEFAULT_CHUNK_BYTES  # a link that drops at once loses little
    assert max(chunks) == MAX_CHUNK_BYTES  # the server's limit, never more
    assert len(chunks) <= 9, chunks
    # On the wire: the photo once, plus a request's headers per chunk.
    assert proxy.bytes_up < len(photo) + 16 * _KIB
    assert _stored(linked, photo) == photo
    assert sync_state.pending_uploads(linked.store.db) == []


def test_on_2g_chunks_grow_beyond_32_kib_and_stay_within_the_target(
    linked: Enrolled, proxy: FaultProxy
) -> None:
    """256 kbit/s, 600 ms round trips: a 32 KiB chunk takes ~1.7 s, under half the target, so
    chunks grow; none grows to one that takes longer than the target."""
    photo = _owe_photo(linked, 400_000)  # 13 chunks of 32 KiB
    proxy.configure(latency=0.3, bandwidth_bps=256_000)

    chunks, _ = _upload(linked)

    assert sum(chunks) == len(photo)
    assert chunks[0] == DEFAULT_CHUNK_BYTES
    # ~75 KiB here (~3 s of link); a busy machine makes chunks look slower, so only "larger".
    assert max(chunks) > DEFAULT_CHUNK_BYTES, chunks
    # 6 s of this link, its round trip apart, is ~170 KB.
    assert max(chunks) < 6 * 32_000, chunks
    assert len(chunks) < -(-len(photo) // DEFAULT_CHUNK_BYTES), chunks  # fewer than 13
    assert _stored(linked, photo) == photo


def test_on_a_slow_link_chunks_shrink_below_32_kib(linked: Enrolled, proxy: FaultProxy) -> None:
    """32 kbit/s with 1,200 ms round trips: a 32 KiB chunk takes ~9.4 s, past the target, so
    the next ones are cut to fit it (a drop then loses less)."""
    photo = _owe_photo(linked, 80_000)
    proxy.configure(latency=0.6, bandwidth_bps=32_000)

    chunks, _ = _upload(linked)

    assert sum(chunks) == len(photo)
    assert chunks[0] == DEFAULT_CHUNK_BYTES
    assert max(chunks[1:]) < 26 * _KIB, chunks
    assert _stored(linked, photo) == photo


def test_a_reset_costs_only_the_chunk_it_cut_and_halves_the_next(
    linked: Enrolled, proxy: FaultProxy
) -> None:
    photo = _owe_photo(linked, 1_500_000)
    proxy.reset_counters()
    proxy.reset_after(700_000)  # inside the fifth chunk (32, 128, 256, 256, 256 KiB)

    chunks, report = _upload(linked)

    assert report.retries >= 1 and proxy.resets == 1
    assert _stored(linked, photo) == photo
    # Sent twice: at most the chunk the reset cut (its bytes up to the reset).
    assert proxy.bytes_up < len(photo) + MAX_CHUNK_BYTES + 16 * _KIB
    # After the reset the chunks start again at half the largest, then grow back.
    first_full = chunks.index(MAX_CHUNK_BYTES)
    after = chunks[first_full:]
    assert MAX_CHUNK_BYTES // 2 in after, chunks


def test_a_chunk_whose_answer_was_lost_still_counts_in_the_bytes_sent(
    linked: Enrolled, proxy: FaultProxy
) -> None:
    """The server stored the chunk, its answer never came: the status asked afterwards says so,
    and the run's figures (what the officer sees as sent) count it once, not never."""
    photo = _owe_photo(linked, 1_500_000)
    answers = 0

    def lose_the_third_answer() -> None:  # the status, a chunk, then this chunk's answer
        nonlocal answers
        answers += 1
        if answers == 3:
            proxy.configure(cut_answers=1)

    proxy.on_answer = lose_the_third_answer
    seen: list[SyncProgress] = []
    linked.engine.add_listener(seen.append)
    report = linked.engine.run_once(push=False, pull=False)

    assert report.ok and report.retries >= 1 and proxy.resets == 1
    assert _stored(linked, photo) == photo
    assert report.upload_bytes == len(photo)
    assert [e.bytes_done for e in seen if e.phase == "attachments"][-1] == len(photo)
