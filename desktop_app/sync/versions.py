"""Which document version (docs/sync-protocol.md §1) this laptop speaks with its server.

The desk asks for the newest version first. A KPU server from before it refuses a push body of
that version with ``400 unsupported_protocol`` and names the versions it speaks
(``"supported"``); the push is then sent again once at the highest of those the desk also
speaks. A server's pull refuses a ``v`` it does not know as ``unsupported_protocol`` with the
list too, or — servers released before that — as ``400 malformed``, naming nothing: the pull
then steps down one version at a time and keeps the first one answered.

What the laptop stores from an answer follows the answer's version (a version 2 answer tells no
application outcome), and the pull asks for the version its pushes got: no echo is left out of
a pull that the push answer did not tell the laptop about. The version found is kept on the
engine for the rest of the session (an upgraded server is asked for the newest again when the
desk next starts); nothing is stored.
"""

from __future__ import annotations

import logging
import threading

from lapang_core import protocol as p

log = logging.getLogger("desktop_app.sync")

NEWEST = p.DOC_VERSIONS[-1]


class DocVersion:
    """The version this laptop asks for next; lowered only, and only by a server's refusal."""

    def __init__(self, newest: int = NEWEST) -> None:
        self._current = newest
        self._lock = threading.Lock()  # the pull's fetch thread lowers it too

    @property
    def current(self) -> int:
        return self._current

    def settle(self, version: int) -> None:
        """``version`` was answered: ask for it from now on (never for a higher one again)."""
        with self._lock:
            if version < self._current:
                log.info("the sync server speaks document version %d: using it", version)
                self._current = version

    def reset(self, newest: int = NEWEST) -> None:
        """Another server or enrolment: ask for the newest again."""
        with self._lock:
            self._current = newest


def lower_version(error: BaseException, tried: int, *, pull: bool = False) -> int | None:
    """The version to try after the server refused a request of version ``tried``, or None
    when the refusal is not about the version (or nothing lower is left to try).

    ``unsupported_protocol`` naming the server's versions: the highest of them below ``tried``
    that this desk speaks. Naming none: one step down. A pull's ``malformed`` (a released
    server's answer to a ``v`` above its own): one step down; if the fault was something else,
    the lower version is refused too and the last refusal is what the run reports."""
    if isinstance(error, p.UnsupportedProtocol):
        supported = error.details.get("supported")
        if isinstance(supported, list):
            named = [v for v in supported if type(v) is int]
            if tried in named:
                return None  # the server speaks it: the refusal is about something else
            lower = [v for v in named if v < tried and v in p.DOC_VERSIONS]
            return max(lower) if lower else None
        return _step_down(tried)
    if pull and type(error) is p.MalformedRequest:
        return _step_down(tried)
    return None


def _step_down(tried: int) -> int | None:
    return tried - 1 if tried > p.PROTOCOL_VERSION else None
