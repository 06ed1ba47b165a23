"""How much to send per request, and how long to wait after a failure.

A 2G link in a 3T village has a round trip of 600 ms or more, tens of kbit/s, and drops
mid-transfer. Small requests waste the signal window on round trips; large ones lose more work
when the link drops. ``BatchSizer`` starts small, grows while requests finish quickly, shrinks
to fit a target duration when they are slow, and halves after every failure. Once it knows the
link's round trip (``note_round_trip``: a connection's handshake), it grows by what a request's
size costs beyond that round trip: on a 1,200 ms GPRS link a 64-change push takes ~1.6 s, nearly
all of it round trip, and growing as if all of it were the changes' took nine requests for
1,000 changes (bench/sync.py) where five do.
``RetryPolicy`` spaces retries out exponentially with jitter, so fifty laptops that regain
signal at the same tower do not retry in lockstep.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable


class BatchSizer:
    """Items per request (changes per push batch, or items per pull page)."""

    def __init__(
        self,
        *,
        initial: int,
        maximum: int,
        minimum: int = 1,
        target_seconds: float = 6.0,
        grow_below: float = 0.5,
        max_growth: float = 4.0,
    ) -> None:
        self.minimum = max(1, minimum)
        self.maximum = max(self.minimum, maximum)
        self.size = min(self.maximum, max(self.minimum, initial))
        # A request that took longer than this risks being cut by the end of a signal window.
        self.target_seconds = target_seconds
        # Grow while a request takes less than this share of the target: the headroom left
        # for a link that slows down before the next request is measured.
        self.grow_below = grow_below
        # The most a request may grow at once when the round trip is known (4x without it).
        self.max_growth = max_growth
        self.round_trip: float | None = None

    def note_round_trip(self, seconds: float) -> None:
        """A measure of the link's round trip (a connection's handshake: no batch in it). The
        smallest one noted is kept: a handshake's own bytes only ever make it longer."""
        if seconds > 0:
            self.round_trip = seconds if self.round_trip is None else min(self.round_trip, seconds)

    def set_maximum(self, maximum: int) -> None:
        self.maximum = max(self.minimum, maximum)
        self.size = min(self.size, self.maximum)

    def success(self, items: int, seconds: float) -> None:
        if seconds > self.target_seconds and items > self.minimum:
            # Slow link: aim for the target duration next time.
            scaled = int(items * self.target_seconds / seconds)
            self.size = max(self.minimum, min(self.size, scaled))
        elif seconds < self.target_seconds * self.grow_below and items >= self.size:
            # Fast: grow toward that share of the target, so a big queue reaches full batches
            # in two or three round trips instead of five.
            factor = self._growth(seconds)
            self.size = min(self.maximum, max(self.size + 1, int(self.size * factor)))

    def _growth(self, seconds: float) -> float:
        share = self.target_seconds * self.grow_below
        if self.round_trip is None:
            # All of the time counted as the items': the cautious guess on an unknown link.
            return min(4.0, share / max(seconds, 1e-3))
        # A request takes a round trip plus a time per item: only the second part grows with
        # the batch. At least a tenth of the time is counted as the items' (a handshake's
        # bytes make it longer than a round trip), and growth is capped: the estimate from
        # one small request is rough.
        overhead = min(self.round_trip, 0.9 * seconds)
        return max(1.0, min(self.max_growth, (share - overhead) / (seconds - overhead)))

    def failure(self) -> None:
        self.size = max(self.minimum, self.size // 2)

    def shrink_to(self, items: int) -> None:
        """The request would be too large in bytes: never ask for more than ``items``."""
        self.size = max(self.minimum, min(self.size, items))


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """Retries of one step within a sync run. After ``attempts`` consecutive failures the run
    stops (everything unconfirmed stays queued) and the connectivity watcher starts the next
    one when the server answers again."""

    attempts: int = 6
    first_delay: float = 1.0
    max_delay: float = 30.0
    jitter: float = 0.5  # each delay is scaled by a random factor in [1 - jitter, 1 + jitter]

    def delay(self, failures: int, rnd: Callable[[], float]) -> float:
        """Seconds to wait after the ``failures``-th consecutive failure (1-based)."""
        if failures <= 1:
            # The first retry goes at once: a kept-alive connection that a NAT or the server
            # closed while idle fails once without meaning that the link is down.
            return 0.0
        base = min(self.max_delay, self.first_delay * 2 ** (failures - 2))
        return max(0.0, base * (1 + self.jitter * (2 * rnd() - 1)))


DEFAULT_RETRY = RetryPolicy()
