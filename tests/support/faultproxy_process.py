"""``FaultProxy`` in a process of its own, for benchmarks.

In the benchmark's process the proxy's threads share the interpreter lock with the engine: while
the laptop decodes and stores a page (Python work), the proxy's pacing threads wait for the lock
and the simulated link delivers less than its rate, so a client that overlaps its work with the
link (the pipelined pull) would be measured against a link that slows down whenever the client
works. A real radio link does not. In a process of its own the link keeps its rate.

    proxy = ProxyProcess(("127.0.0.1", server_port), latency=0.3, bandwidth_bps=256_000)
    proxy.port; proxy.configure(...); proxy.reset_counters(); proxy.counters(); proxy.stop()

Same settings and counters as ``FaultProxy`` (``bytes_up``, ``bytes_down``, ``resets``: each
read is one call to the process; ``counters()`` reads them together). No hooks: a callback
cannot cross the process boundary.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from multiprocessing.connection import Connection
from typing import Any

from tests.support.faultproxy import FaultProxy


@dataclasses.dataclass(frozen=True)
class Counters:
    bytes_up: int
    bytes_down: int
    resets: int
    connections: int


def _serve(conn: Connection, target: tuple[str, int], settings: dict[str, Any]) -> None:
    proxy = FaultProxy(target, **settings).start()
    conn.send(proxy.port)
    while True:
        command, args, kwargs = conn.recv()
        if command == "stop":
            proxy.stop()
            conn.send(None)
            return
        if command == "counters":
            conn.send(Counters(proxy.bytes_up, proxy.bytes_down, proxy.resets, proxy.connections))
            continue
        try:
            conn.send(getattr(proxy, command)(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - raised again in the caller
            conn.send(exc)


class ProxyProcess:
    """A ``FaultProxy`` running in a child process (spawned: no threads are copied)."""

    def __init__(self, target: tuple[str, int], **settings: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, target, settings), name="faultproxy", daemon=True
        )
        self._process.start()
        child.close()
        self.port: int = self._conn.recv()

    def _call(self, command: str, *args: Any, **kwargs: Any) -> Any:
        self._conn.send((command, args, kwargs))
        result = self._conn.recv()
        if isinstance(result, Exception):
            raise result
        return result

    def configure(self, **changes: object) -> None:
        self._call("configure", **changes)

    def reset_counters(self) -> None:
        self._call("reset_counters")

    def reset_after(self, n: int) -> None:
        self._call("reset_after", n)

    def retarget(self, target: tuple[str, int]) -> None:
        self._call("retarget", target)

    def counters(self) -> Counters:
        return self._call("counters")

    @property
    def bytes_up(self) -> int:
        return self.counters().bytes_up

    @property
    def bytes_down(self) -> int:
        return self.counters().bytes_down

    @property
    def resets(self) -> int:
        return self.counters().resets

    def stop(self) -> None:
        if self._process.is_alive():
            self._call("stop")
        self._process.join(10)
        self._conn.close()
