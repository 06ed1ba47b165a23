"""The soak of ``bench/sync_ingest.py --soak``: the devices keep pushing for minutes while the
memory of every server process is sampled, to see whether it levels off or keeps growing.

Each device goes on where its timed batches ended (the next seq) with new corrections of its
own voters, over and over: 60 % sesuai, 40 % ubah of the RT. Only that device writes those
voters, so base version 1 stays valid (the server counts a device's own run of changes as
its queue, not a conflict, docs/sync-protocol.md) and every change is applied. A bounded
number of connections send at once; a device's next batch leaves only after its last one
was answered, as the engine does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import queue
import random
import statistics
import subprocess
import threading
import time
import uuid
from typing import Any

import requests

from lapang_core import protocol as p
from lapang_core.domain.voter import imported_voter_id


def rss_kib(pid: int) -> int:
    """Resident memory of a process (Linux), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def push_once(
    session: requests.Session, url: str, device_id: str, key: Any, body: bytes
) -> tuple[float, str | None]:
    """One batch, retried on 5xx or a dropped connection as the engine does; returns the
    latency of the answered attempt, or the refusal."""
    for _attempt in range(20):
        headers = p.sign_request(key, "POST", "/v1/push", device_id, body)
        headers["Content-Type"] = p.MEDIA_TYPE
        sent = time.perf_counter()
        try:
            response = session.post(url + "/v1/push", data=body, headers=headers, timeout=300)
        except requests.ConnectionError:
            time.sleep(0.2)
            continue
        took = time.perf_counter() - sent
        if response.status_code == 200:
            return took, None
        if response.status_code < 500:
            return took, f"{response.status_code} {response.text[:200]}"
        time.sleep(0.2)
    return 0.0, "no answer after 20 attempts"


@dataclasses.dataclass
class Sample:
    elapsed: float
    rss_kib: list[int]
    load: float
    changes: int  # acknowledged in this interval
    p95_ms: float


class Soak:
    def __init__(
        self, devices: list[Any], urls: list[str], servers: list[subprocess.Popen[bytes]], args: Any
    ) -> None:
        self.devices = devices
        self.urls = urls
        self.servers = servers
        self.seconds = args.soak * 60
        self.sample_seconds = args.sample_seconds
        self.concurrency = args.concurrency
        self.batch_size = args.batch_size
        self.next_seq = [args.batches * args.batch_size + 1] * len(devices)
        self.sent = 0
        self.samples: list[Sample] = []
        self.failures: list[str] = []
        self._interval_changes = 0
        self._interval_latencies: list[float] = []
        self._lock = threading.Lock()
        self._rng = random.Random(23)

    def _batch(self, index: int) -> bytes:
        device = self.devices[index]
        seq = self.next_seq[index]
        now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        changes = []
        with self._lock:
            rolls = [self._rng.random() for _ in range(self.batch_size)]
            rts = [self._rng.randrange(1, 21) for _ in range(self.batch_size)]
        for offset, (roll, rt) in enumerate(zip(rolls, rts, strict=True)):
            voter = device.voters[(seq + offset) % len(device.voters)]
            if roll < 0.6:
                op, payload = "sesuai", {}
            else:
                op, payload = "ubah", {"changes": {"rt": f"{rt:03d}"}, "original": {"rt": voter.rt}}
            changes.append(
                {
                    "change_id": uuid.uuid4().hex,
                    "seq": seq + offset,
                    "entity": "voter",
                    "entity_id": imported_voter_id(voter),
                    "op": op,
                    "payload": payload,
                    "base_version": 1,
                    "created_at": now,
                    "officer": "Pantarlih soak",
                }
            )
        return p.PushRequest.from_outbox(changes).encode()

    def _worker(self, ready: queue.Queue[int], stop_at: float) -> None:
        sessions = {url: requests.Session() for url in self.urls}
        while True:
            try:
                index = ready.get(timeout=1)
            except queue.Empty:
                if time.monotonic() >= stop_at:
                    break
                continue
            if time.monotonic() >= stop_at:
                continue  # past the end: the device leaves the queue
            device = self.devices[index]
            url = self.urls[index % len(self.urls)]
            took, error = push_once(
                sessions[url], url, device.device_id, device.key, self._batch(index)
            )
            with self._lock:
                if error:
                    self.failures.append(error)
                    continue  # this device stops; the soak fails at the end
                self.next_seq[index] += self.batch_size
                self.sent += self.batch_size
                self._interval_changes += self.batch_size
                self._interval_latencies.append(took)
            ready.put(index)
        for session in sessions.values():
            session.close()

    def _sample(self, began: float) -> None:
        with self._lock:
            changes, self._interval_changes = self._interval_changes, 0
            latencies, self._interval_latencies = self._interval_latencies, []
        p95 = statistics.quantiles(latencies, n=100)[94] if len(latencies) > 1 else 0.0
        self.samples.append(
            Sample(
                time.monotonic() - began,
                [rss_kib(server.pid) for server in self.servers],
                os.getloadavg()[0],
                changes,
                p95 * 1000,
            )
        )

    def run(self) -> None:
        ready: queue.Queue[int] = queue.Queue()
        for index in range(len(self.devices)):
            ready.put(index)
        began = time.monotonic()
        stop_at = began + self.seconds
        self.samples.append(
            Sample(0.0, [rss_kib(s.pid) for s in self.servers], os.getloadavg()[0], 0, 0.0)
        )
        workers = [
            threading.Thread(target=self._worker, args=(ready, stop_at), daemon=True)
            for _ in range(self.concurrency)
        ]
        for worker in workers:
            worker.start()
        for tick in itertools.count(1):
            due = began + tick * self.sample_seconds
            if due > stop_at:
                break
            time.sleep(max(0.0, due - time.monotonic()))
            self._sample(began)
        for worker in workers:
            worker.join(300)
        self._sample(began)  # the last batches, answered after the end
        if self.failures:
            raise RuntimeError(f"{len(self.failures)} soak batches refused: {self.failures[0]}")

    def report(self) -> None:
        processes = len(self.servers)
        header = " | ".join(f"RSS {i + 1} (MiB)" for i in range(processes))
        print(f"| minute | changes/s | batch p95 | {header} | load (1 min) |")
        print("|---" * (4 + processes) + "|")
        previous = 0.0
        for sample in self.samples:
            span = sample.elapsed - previous
            rate = sample.changes / span if span > 0 else 0.0
            previous = sample.elapsed
            rss = " | ".join(f"{kib / 1024:,.0f}" for kib in sample.rss_kib)
            print(
                f"| {sample.elapsed / 60:.1f} | {rate:,.0f} | {sample.p95_ms:,.0f} ms | {rss} "
                f"| {sample.load:.1f} |"
            )
        print(f"{self.sent:,} changes in the soak, all applied once.")

    def figures(self) -> dict[str, Any]:
        first = self.samples[1] if len(self.samples) > 1 else self.samples[0]
        last = self.samples[-1]
        return {
            "minutes": round(self.seconds / 60, 1),
            "changes": self.sent,
            "rss_mib_first_sample": [round(k / 1024) for k in first.rss_kib],
            "rss_mib_end": [round(k / 1024) for k in last.rss_kib],
        }
