"""50 devices pushing at once to a real server on loopback, on both backends.

Each device sends its 60 changes in three batches from four connections at once, in any order,
one batch twice (a retry racing the original): every change must be stored
exactly once, each device's changes applied in seq order, and shared voters changed by many
devices must count every change once (no lost update, no double apply).
"""

from __future__ import annotations

import collections
import threading
from typing import Any

import requests

from lapang_core import protocol as p
from tests.sync_server.sync_helpers import DeviceClient, LiveServer, raise_for_protocol

DEVICES = 50
BATCHES = 3
PER_BATCH = 20
SHARED = range(100, 120)  # voters every device ticks sesuai: row-lock contention


def _chain_voter(device_index: int) -> int:
    return device_index * 2  # voters 0..99: two per device, touched by that device only


def _plan(server: LiveServer, dev: DeviceClient, index: int) -> list[list[dict[str, Any]]]:
    """Three batches: seq 1-60. Even seqs edit the device's own voter's RT to the seq number
    (so its final RT proves the order), odd seqs tick a shared voter."""
    own = server.voter_id(_chain_voter(index))
    rt = server.voter_row(own)["rt"]
    changes = []
    for seq in range(1, BATCHES * PER_BATCH + 1):
        if seq % 2 == 0:
            new_rt = f"{seq:03d}"
            changes.append(
                dev.change("ubah", own, {"changes": {"rt": new_rt}, "original": {"rt": rt}})
            )
            rt = new_rt
        else:
            shared = server.voter_id(SHARED[(index + seq) % len(SHARED)])
            changes.append(dev.change("sesuai", shared))
    return [changes[b * PER_BATCH : (b + 1) * PER_BATCH] for b in range(BATCHES)]


def _push(dev: DeviceClient, session: requests.Session, batch: list[dict[str, Any]]) -> Any:
    body = p.PushRequest.from_outbox(batch).encode()
    headers = p.sign_request(dev.key, "POST", "/v1/push", dev.device_id, body)
    headers["Content-Type"] = p.MEDIA_TYPE
    response = session.post(dev.base_url + "/v1/push", data=body, headers=headers, timeout=60)
    raise_for_protocol(response)
    return p.PushResult.decode(response.content)


def test_fifty_devices_pushing_at_once_store_every_change_exactly_once(
    live_server: LiveServer,
) -> None:
    devices = [live_server.device(label=f"laptop-{i}") for i in range(DEVICES)]
    plans = [_plan(live_server, dev, i) for i, dev in enumerate(devices)]
    shared_before = {v: live_server.voter_row(live_server.voter_id(v))["version"] for v in SHARED}
    errors: list[BaseException] = []
    results: list[Any] = []
    # Four lanes per device, each its own connection, all released at once: the last batch
    # (held: seqs missing), the middle one, the first one, and the first one again (a retry
    # racing the original). No lane sends anything afterwards that could mend a race: the
    # batch that fills a gap must apply what waits behind it in the same transaction.
    lanes = [
        (dev, batch)
        for dev, (first, second, third) in zip(devices, plans, strict=True)
        for batch in (third, second, first, first)
    ]
    start = threading.Barrier(len(lanes))

    def lane(dev: DeviceClient, batch: list[dict[str, Any]]) -> None:
        session = requests.Session()
        try:
            start.wait(30)
            results.append(_push(dev, session, batch))
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            session.close()

    # Meanwhile an officer pulls again and again. Revs must become visible in commit order, or
    # a page could move the cursor past a change that commits a moment later with a lower
    # rev, and that device would never receive it.
    reader = DeviceClient(live_server.url)
    reader.key, reader.device_id = devices[0].key, devices[0].device_id
    seen: dict[str, int] = {}
    storm_over = threading.Event()

    def follow() -> None:
        cursor = 0
        try:
            while True:
                calm = storm_over.is_set()  # read before pulling: the last round is complete
                page = reader.pull(cursor, limit=500)
                for voter in page.voters:
                    assert voter.version >= seen.get(voter.id, 0), "a version went back"
                    seen[voter.id] = voter.version
                cursor = page.cursor
                if calm and not page.more:
                    return
        except BaseException as exc:
            errors.append(exc)

    puller = threading.Thread(target=follow)
    puller.start()
    threads = [threading.Thread(target=lane, args=lane_args) for lane_args in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    storm_over.set()
    puller.join(60)
    assert errors == []
    assert len(results) == len(lanes)
    assert all(r.acknowledged for res in results for r in res.results)

    total = DEVICES * BATCHES * PER_BATCH
    counts = live_server.repo.counts()
    assert sum(counts.values()) == total, counts  # one slot per change, none twice
    assert set(counts) <= {"applied", "conflict"}, counts
    assert live_server.repo.rejects() == []
    for device, held in live_server.repo.devices():
        assert (device.applied_seq, held) == (BATCHES * PER_BATCH, 0)
    # Per-device order: each chain ends at the last seq's value, one version per change.
    for index in range(DEVICES):
        row = live_server.voter_row(live_server.voter_id(_chain_voter(index)))
        last = BATCHES * PER_BATCH
        assert (row["rt"], row["version"], row["keterangan"]) == (f"{last:03d}", 1 + last // 2, "U")
    # Exactly once on contended rows: every sesuai moved its voter's version by one.
    ticks = collections.Counter(
        SHARED[(i + seq) % len(SHARED)]
        for i in range(DEVICES)
        for seq in range(1, BATCHES * PER_BATCH + 1, 2)
    )
    for voter in SHARED:
        row = live_server.voter_row(live_server.voter_id(voter))
        assert row["version"] == shared_before[voter] + ticks[voter]
    # The officer who pulled during the storm holds every voter at its final version.
    with live_server.repo.transaction(write=False) as tx:
        final = dict(tx.sql.all("SELECT id, version FROM voters"))
    assert seen == final
