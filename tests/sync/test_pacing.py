"""The push's batch sizer on slow links: a request costs a round trip plus a time per change,
and only the second part grows with the batch. Most links here are arithmetic (seconds a batch
takes), the sizer is the engine's own class with the engine's push settings; the last test
pushes through a slow HTTPS link to the real server."""

from __future__ import annotations

import dataclasses
import pathlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.enrollment import enroll
from desktop_app.sync.pacing import BatchSizer
from lapang_core.protocol import MAX_BATCH_CHANGES
from tests.support.certs import make_tls
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import area_voters, start_server
from tests.sync.conftest import FAST_RETRY


@dataclasses.dataclass(frozen=True)
class Link:
    round_trip: float  # seconds
    per_change: float  # seconds a change's bytes take (both ways)

    def seconds(self, changes: int) -> float:
        return self.round_trip + changes * self.per_change


# ~47 B a change up and ~6 down (bench/sync.py's figures) at the link's rate.
GPRS = Link(1.2, 53 / 8_000)  # 64 kbit/s, 1,200 ms
EDGE = Link(0.6, 53 / 32_000)  # 256 kbit/s, 600 ms
SLOW_DATA = Link(0.5, 53 / 1_200)  # 9.6 kbit/s: the changes' bytes, not the round trip, dominate


def push_sizer() -> BatchSizer:
    # As SyncEngine makes it.
    return BatchSizer(initial=64, maximum=MAX_BATCH_CHANGES, target_seconds=6.0, max_growth=16.0)


def push_all(sizer: BatchSizer, link: Link, changes: int) -> list[int]:
    """Batch sizes a queue of ``changes`` goes out in."""
    sizes: list[int] = []
    while changes > 0:
        size = min(sizer.size, changes)
        sizer.success(size, link.seconds(size))
        sizes.append(size)
        changes -= size
    return sizes


def test_knowing_the_round_trip_the_push_reaches_its_largest_batch_at_once_on_gprs() -> None:
    sizer = push_sizer()
    sizer.note_round_trip(GPRS.round_trip)
    sizes = push_all(sizer, GPRS, 1_000)
    # Counting every second as the changes' took 64, 118, 178, 224, 250, ...: 7 requests.
    assert sizes[0] == 64, "the first batch stays small: a short signal window still gets it"
    assert sizes[1] >= 260, sizes  # a 3 s request: (3 - 1.2) / 6.6 ms
    assert len(sizes) == 5, sizes
    # Growth never aims past the share of the target the sizer grows to (3 s).
    assert all(GPRS.seconds(s) <= sizer.target_seconds * sizer.grow_below + 0.01 for s in sizes)


def test_knowing_the_round_trip_the_push_is_at_the_protocol_s_batch_after_one_request_on_2g() -> (
    None
):
    sizer = push_sizer()
    sizer.note_round_trip(EDGE.round_trip)
    sizes = push_all(sizer, EDGE, 10_000)
    assert sizes[:2] == [64, MAX_BATCH_CHANGES], sizes
    assert len(sizes) == 11  # 64, then ten full batches (before: 13 requests)


def test_without_a_round_trip_the_sizer_grows_as_before() -> None:
    """The pull's sizer never hears of a round trip: its pacing is unchanged."""
    sizer = push_sizer()
    sizer.success(64, 1.5)
    assert sizer.size == 128  # min(4, 3 s / 1.5 s) = 2x
    sizer.success(128, 0.3)
    assert sizer.size == 512  # capped at 4x without a round trip


def test_when_the_changes_dominate_the_growth_stays_within_the_target() -> None:
    sizer = push_sizer()
    sizer.note_round_trip(SLOW_DATA.round_trip)
    sizes = push_all(sizer, SLOW_DATA, 600)
    assert sizes[0] == 64
    assert all(SLOW_DATA.seconds(s) <= sizer.target_seconds for s in sizes), sizes


def test_a_handshake_longer_than_the_request_never_makes_growth_unbounded() -> None:
    """A handshake carries the server's certificates, so it can take longer than a small
    request's round trip: at least a tenth of the request counts as its changes', and one
    step grows at most ``max_growth`` times."""
    sizer = push_sizer()
    sizer.size = 32
    sizer.note_round_trip(2.0)
    sizer.success(32, 1.0)
    assert sizer.size == 32 * 16  # (3 - 0.9) / 0.1 = 21x, capped
    sizer = push_sizer()
    sizer.size = 16
    sizer.note_round_trip(0.5)
    sizer.success(16, 0.5001)
    assert sizer.size == 16 * 16


def test_the_smallest_round_trip_noted_is_kept() -> None:
    sizer = push_sizer()
    sizer.note_round_trip(1.5)
    sizer.note_round_trip(1.2)
    sizer.note_round_trip(1.9)
    sizer.note_round_trip(0.0)  # nothing measured
    assert sizer.round_trip == 1.2


def test_the_push_learns_the_round_trip_from_the_tls_handshake_and_sends_two_batches(
    tmp_path: pathlib.Path, store: FieldStore, kpu_public: Ed25519PublicKey
) -> None:
    """1,000 changes over 256 kbit/s with 400 ms round trips, from a cold connection: the
    first request's handshake is not counted as its changes' time, so after the 64-change
    batch the next one is the protocol's largest (counting it took 64, ~210, the rest)."""
    tls = make_tls(tmp_path / "tls")
    server = start_server(
        tmp_path / "server", voters=area_voters(1_000), tls=(tls.server_cert, tls.server_key)
    )
    try:
        with FaultProxy(("127.0.0.1", server.port)) as proxy:
            url = f"https://127.0.0.1:{proxy.port}"
            result, engine = enroll(
                store, url, server.code(), ca_file=tls.ca_cert, retry=FAST_RETRY, kpu_key=kpu_public
            )
            assert result.area_downloaded
            service = VoterService(store)
            with store.db.atomic():
                for i in range(1_000):
                    service.mark_sesuai(server.voter_id(i))
            engine.client.close()  # the laptop just found signal: a cold connection
            proxy.configure(latency=0.2, bandwidth_bps=256_000)
            report = engine.run_once(attachments=False)
            engine.client.close()
        assert report.ok and report.confirmed == 1_000, report
        assert report.batches == 2, report.batches
        assert engine.push_sizer.round_trip is not None
        assert 0.4 <= engine.push_sizer.round_trip < 1.2, engine.push_sizer.round_trip
        assert server.distinct_changes() == 1_000
        assert outbox.counts(store.db) == {"pending": 0, "sent": 1_000, "refused": 0}
    finally:
        server.stop()
