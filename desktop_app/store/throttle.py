"""Unlock throttling: after a few wrong passphrases each further attempt must wait longer.

The counter lives in a small file beside the key slots, so restarting the app does not reset it.
It slows down a person guessing at the keyboard; an attacker with a copy of the files is slowed by
scrypt instead.
"""

from __future__ import annotations

import json
import pathlib
import time

from desktop_app.store.errors import UnlockThrottled
from desktop_app.store.secret_file import write_file_atomically

FREE_ATTEMPTS = 3
MAX_WAIT_SECONDS = 300.0


def wait_after(failures: int) -> float:
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** (failures - FREE_ATTEMPTS + 1), MAX_WAIT_SECONDS)


class UnlockThrottle:
    def __init__(self, path: pathlib.Path, clock=time.time) -> None:
        self._path = path
        self._clock = clock

    def _read(self) -> dict[str, dict[str, float]]:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (FileNotFoundError, ValueError, OSError):
            # A damaged counter must not lock anyone out; it only resets the wait.
            return {}

    def check(self, officer: str) -> None:
        state = self._read().get(officer)
        if not state:
            return
        remaining = state["last_failure"] + wait_after(int(state["failures"])) - self._clock()
        if remaining > 0:
            raise UnlockThrottled(remaining)

    def failures(self, officer: str) -> int:
        return int(self._read().get(officer, {}).get("failures", 0))

    def record_failure(self, officer: str) -> None:
        data = self._read()
        entry = data.get(officer, {"failures": 0})
        data[officer] = {"failures": int(entry["failures"]) + 1, "last_failure": self._clock()}
        write_file_atomically(self._path, json.dumps(data).encode("utf-8"))

    def record_success(self, officer: str) -> None:
        data = self._read()
        if officer in data:
            del data[officer]
            write_file_atomically(self._path, json.dumps(data).encode("utf-8"))
