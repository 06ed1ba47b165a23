"""Unlock throttling: after a few wrong passphrases each further attempt must wait longer.

The counter lives in a small file beside the key slots, so restarting the app does not reset it.
It slows down a person guessing at the keyboard; an attacker with a copy of the files is slowed by
scrypt instead. Every passphrase check goes through :meth:`UnlockThrottle.attempt`, which the key
slots call themselves (``KeySlots.unwrap_with_passphrase``), so no command can skip it.

A counter file that cannot be read as it should (not JSON, wrong types, missing keys, negative,
huge or non-finite numbers) is never trusted and never crashes the unlock: every officer it may
have counted must wait the longest, and the file is rewritten in a sound form at once so that wait
ends. Deleting the file resets the counter; that is no worse than it was, since whoever can
delete it can also copy the vault away and guess against scrypt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import pathlib
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from desktop_app.store.errors import (
    UnlockCounterUnwritable,
    UnlockThrottled,
    WrongPassphrase,
)
from desktop_app.store.secret_file import write_file_atomically

log = logging.getLogger(__name__)

THROTTLE_NAME = "unlock_state.json"
FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300.0
# A count no real officer reaches (one guess per 300 s for a year is ~105,000); larger is damage.
MAX_FAILURES = 1_000_000
# A last failure later than this ahead of the clock was not written by this laptop's clock.
CLOCK_SLACK_SECONDS = 24 * 3600.0


def wait_after(failures: int) -> float:
    if failures < FREE_ATTEMPTS:
        return 0.0
    exponent = failures - FREE_ATTEMPTS + 1
    if exponent >= math.log2(MAX_WAIT_SECONDS):  # 2.0 ** 10**6 would overflow
        return MAX_WAIT_SECONDS
    return min(2.0**exponent, MAX_WAIT_SECONDS)


# The fewest failures that already earn the longest wait: what a damaged entry counts as.
LOCKOUT_FAILURES = next(n for n in range(FREE_ATTEMPTS, 64) if wait_after(n) >= MAX_WAIT_SECONDS)


def _sound_entry(entry: Any, now: float) -> dict[str, Any] | None:
    """The entry as {"failures": int, "last_failure": float}, or None when it cannot be trusted."""
    if not isinstance(entry, dict):
        return None
    failures, last = entry.get("failures"), entry.get("last_failure")
    if isinstance(failures, bool) or not isinstance(failures, int):
        return None
    if isinstance(last, bool) or not isinstance(last, int | float):
        return None
    if not 0 <= failures <= MAX_FAILURES or not math.isfinite(last) or last < 0:
        return None
    if last > now + CLOCK_SLACK_SECONDS:
        return None
    # A little ahead (the clock was set back): the wait counts from now, not from the future.
    sound = {"failures": failures, "last_failure": min(float(last), now)}
    if entry.get("damaged") is True:
        sound["damaged"] = True
    return sound


class UnlockThrottle:
    def __init__(self, path: pathlib.Path, clock: Callable[[], float] = time.time) -> None:
        self._path = path
        self._clock = clock

    @property
    def path(self) -> pathlib.Path:
        return self._path

    # -- the one gate ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def attempt(self, officer: str, officers: Iterable[str]) -> Iterator[None]:
        """Wrap one passphrase check for ``officer``: refused while a wait is in force; a
        ``WrongPassphrase`` raised inside counts; leaving normally clears the count.
        ``officers`` are all the laptop's officers: a counter file too damaged to say whom it
        counted makes each of them wait."""
        self.check(officer, officers)
        try:
            yield
        except WrongPassphrase:
            self._record_failure(officer, officers)
            raise
        self.reset(officer)

    def check(self, officer: str, officers: Iterable[str] = ()) -> None:
        entries = self._load(officers)
        entry = entries.get(officer)
        if entry is None:
            return
        wait = wait_after(entry["failures"])
        remaining = min(entry["last_failure"] + wait - self._clock(), wait)
        if remaining > 0:
            raise UnlockThrottled(remaining, counter_damaged=bool(entry.get("damaged")))

    def failures(self, officer: str) -> int:
        entry = self._load(()).get(officer)
        return 0 if entry is None else int(entry["failures"])

    def reset(self, officer: str) -> None:
        """Clear the officer's count: a right passphrase, or KPU IT set a new one."""
        entries = self._load(())
        if officer in entries:
            del entries[officer]
            self._write(entries)

    # -- the file -------------------------------------------------------------------------------
    def _record_failure(self, officer: str, officers: Iterable[str]) -> None:
        entries = self._load(officers)
        failures = entries.get(officer, {}).get("failures", 0)
        entries[officer] = {
            "failures": min(failures + 1, MAX_FAILURES),
            "last_failure": self._clock(),
        }
        self._write(entries)

    def _load(self, officers: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The counts, each sound. Damage found is replaced by the longest wait from now and the
        file rewritten at once, so the wait is counted from when the damage was found."""
        now = self._clock()
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:  # ValueError: not UTF-8, not JSON
            log.warning("%s unreadable (%s): every officer waits the longest", self._path.name, exc)
            raw = None
        lockout = {"failures": LOCKOUT_FAILURES, "last_failure": now, "damaged": True}
        if not isinstance(raw, dict):
            entries = {officer: dict(lockout) for officer in officers}
            if entries:  # without the names, leave the file for a check that knows them
                self._write(entries)
            return entries
        entries, damaged, changed = {}, 0, False
        for officer, entry in raw.items():
            sound = _sound_entry(entry, now)
            if sound is None:
                damaged += 1
                sound = dict(lockout)
            changed = changed or sound != entry
            entries[officer] = sound
        if damaged:
            log.warning("%s: %d damaged count(s) set to the longest wait", self._path.name, damaged)
        if changed:  # damage, or a failure dated ahead of the clock pulled back to now
            self._write(entries)
        return entries

    def _write(self, entries: dict[str, dict[str, Any]]) -> None:
        try:
            write_file_atomically(self._path, json.dumps(entries).encode("utf-8"))
        except OSError as exc:
            raise UnlockCounterUnwritable(self._path.name, exc.strerror or str(exc)) from exc
