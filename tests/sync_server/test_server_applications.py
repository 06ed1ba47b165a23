"""Recruitment applications at the server: a submission is filed, its documents are asked for,
applications sharing a NIK are flagged, and outcomes are pulled by the devices of the working
area (and by the device that took the application). Owners, areas and what a device may see of
duplicates: test_server_application_owners.py."""

from __future__ import annotations

import hashlib
import json
import pathlib
import threading
import time
import uuid

from lapang_core import protocol as p
from sync_server import decisions, schema
from sync_server.applications import list_applications
from sync_server.db import open_database
from sync_server.repository import Repository, iso
from tests.sync_server.application_helpers import (
    DESA,
    DESA_2,
    OTHER_DESA,
    submission,
    synthetic_nik,
)
from tests.sync_server.sync_helpers import AREA, DeviceClient, LiveServer


def _outcomes(dev: DeviceClient, cursor: int = 0, limit: int = p.PULL_PAGE_DEFAULT) -> dict:
    return {a.application_no: a for pg in dev.pull_all(cursor, limit) for a in pg.applications}


def _head(dev: DeviceClient) -> int:
    return dev.pull_all()[-1].cursor


def test_submission_is_filed_and_its_documents_are_asked_for(live_server: LiveServer) -> None:
    dev = live_server.device()
    scan = b"synthetic KTP-el scan" * 500
    sha = hashlib.sha256(scan).hexdigest()
    change = submission(dev, synthetic_nik(1), attachments={"ktp_el": sha})
    result = dev.push([change])
    assert result.results[0].status is p.ChangeStatus.ACCEPTED
    assert result.need_attachments == (sha,)
    (record,) = list_applications(live_server.repo)
    assert (record.id, record.application_no, record.body, record.area_code) == (
        change["entity_id"],
        change["payload"]["application_no"],
        "PPS",
        DESA,
    )
    assert (record.nik, record.stage, record.result, record.score) == (
        synthetic_nik(1),
        "registration",
        None,
        None,
    )
    assert record.received_at and record.duplicates == () and record.device_id == dev.device_id
    # The documents travel the resumable attachment path, like TMS evidence.
    path = p.attachment_path(sha, offset=0, size=len(scan))
    put = dev.request("PUT", path, scan, content_type="application/octet-stream")
    assert put.status_code == 200 and p.AttachmentStatus.decode(put.content).complete
    again = dev.push([submission(dev, synthetic_nik(2), attachments={"ktp_el": sha})])
    assert again.need_attachments == ()


def test_a_malformed_application_is_refused_and_asks_for_nothing(
    live_server: LiveServer,
) -> None:
    dev = live_server.device()
    sha = hashlib.sha256(b"x").hexdigest()
    bad_body = submission(dev, synthetic_nik(3), body="KPU", attachments={"ktp_el": sha})
    bad_area = submission(dev, synthetic_nik(4), area="14.0X")
    bad_file = submission(dev, synthetic_nik(5), attachments={"ktp_el": "not-a-hash"})
    result = dev.push([bad_body, bad_area, bad_file])
    reasons = [(r.status, r.reason) for r in result.results]
    assert reasons == [
        (p.ChangeStatus.REFUSED, "invalid_payload"),
        (p.ChangeStatus.REFUSED, "invalid_value"),
        (p.ChangeStatus.REFUSED, "invalid_payload"),
    ]
    assert result.need_attachments == () and list_applications(live_server.repo) == []


def test_outcomes_follow_the_working_area(live_server: LiveServer) -> None:
    kecamatan = live_server.device(area=AREA, label="ppk")
    tps = live_server.device(area=DESA + ".001", label="kpps")
    outsider = live_server.device(area=OTHER_DESA, label="elsewhere")
    cursors = {dev.device_id: _head(dev) for dev in (kecamatan, tps, outsider)}
    changes = [
        submission(kecamatan, synthetic_nik(10), body="PPK", area=AREA),
        submission(kecamatan, synthetic_nik(11), body="PPS", area=DESA),
        submission(kecamatan, synthetic_nik(12), body="KPPS", area=DESA + ".001"),
        submission(kecamatan, synthetic_nik(13), body="KPPS", area=DESA + ".002"),
        submission(kecamatan, synthetic_nik(14), body="PPS", area=DESA_2),
    ]
    kecamatan.push(changes)
    # A desa's PPS office takes its kecamatan's PPK applicants: above its own area.
    taken_elsewhere = submission(outsider, synthetic_nik(15), body="PPK", area=OTHER_DESA[:8])
    outsider.push([taken_elsewhere])
    numbers = [c["payload"]["application_no"] for c in (*changes, taken_elsewhere)]

    # Small pages: the application section pages with everything else, each row once.
    pages = kecamatan.pull_all(cursors[kecamatan.device_id], limit=2)
    pulled = [a.application_no for pg in pages for a in pg.applications]
    assert sorted(pulled) == sorted(numbers[:5]) and len(pages) >= 3
    assert set(_outcomes(tps, cursors[tps.device_id])) == {numbers[2]}  # exactly its TPS
    # The outsider gets what it took, though the working area is not its own.
    assert set(_outcomes(outsider, cursors[outsider.device_id])) == {numbers[5]}
    (outcome,) = _outcomes(tps, cursors[tps.device_id]).values()
    assert (outcome.body, outcome.area_code, outcome.stage, outcome.result) == (
        "KPPS",
        DESA + ".001",
        "registration",
        None,
    )


def test_simultaneous_submissions_of_one_nik_are_both_flagged(live_server: LiveServer) -> None:
    """Two offices send the same person's application at the same moment (PostgreSQL: two
    transactions at once, each unable to see the other's new row without the NIK lock)."""
    a = live_server.device(area=DESA, label="a")
    b = live_server.device(area=DESA_2, label="b")
    for round_ in range(4):
        nik = synthetic_nik(100 + round_)
        changes = [submission(a, nik), submission(b, nik, area=DESA_2)]
        barrier = threading.Barrier(2)

        def push(dev: DeviceClient, change: dict, barrier: threading.Barrier) -> None:
            barrier.wait()
            dev.push([change])

        threads = [
            threading.Thread(target=push, args=(dev, change, barrier))
            for dev, change in zip((a, b), changes, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        by_no = {r.application_no: r for r in list_applications(live_server.repo)}
        first, second = (c["payload"]["application_no"] for c in changes)
        assert by_no[first].duplicates == (second,) and by_no[second].duplicates == (first,)


def test_upgrade_from_0002_files_the_stored_applications(server_db: str | pathlib.Path) -> None:
    """A server that received applications before 0003 keeps them: columns filled from the
    payloads, duplicates found, and a rev each, so devices pull their outcomes."""
    db = open_database(server_db)
    try:
        assert schema.migrate(db, iso(time.time()), through="0002_concurrent_writers")[-1] == (
            "0002_concurrent_writers"
        )
        device_id = uuid.uuid4().hex
        nik = synthetic_nik(40)
        stored = []
        with db.transaction(write=True) as sql:
            sql.run("UPDATE counters SET value = 500 WHERE name = 'rev'")
            sql.run(
                "INSERT INTO devices (id, public_key, area, label, enrolled_at, applied_seq) "
                "VALUES (?, 'k', ?, 'old', '2029-01-01T00:00:00+00:00', 2)",
                (device_id, DESA),
            )
            for seq, (body, area) in enumerate((("PPS", DESA), ("KPPS", DESA + ".004")), 1):
                app_id, number = uuid.uuid4().hex, f"{body}-OLD000-{seq:05d}"
                payload = {
                    "application_no": number,
                    "body": body,
                    "area_code": area,
                    "form": {"nik": nik, "nama": "Pelamar Lama"},
                    "attachments": {},
                    "missing_documents": [],
                }
                sql.run(
                    "INSERT INTO applications (id, device_id, payload, version, updated_at) "
                    "VALUES (?, ?, ?, 1, '2029-01-03T00:00:00+00:00')",
                    (app_id, device_id, json.dumps(payload)),
                )
                sql.run(
                    "INSERT INTO changes (device_id, seq, change_id, entity, entity_id, op, "
                    "payload, received_at, state) VALUES (?, ?, ?, 'application', ?, "
                    "'application.submit', ?, ?, 'applied')",
                    (
                        device_id,
                        seq,
                        uuid.uuid4().hex,
                        app_id,
                        json.dumps(payload),
                        f"2029-01-0{seq}T08:00:00+00:00",
                    ),
                )
                stored.append((app_id, number))
    finally:
        db.close()

    repo = Repository.open(server_db, time.time())  # migrates to the current schema
    try:
        records = {r.id: r for r in list_applications(repo)}
        (pps_id, pps_no), (kpps_id, kpps_no) = stored
        pps, kpps = records[pps_id], records[kpps_id]
        assert (pps.application_no, pps.body, pps.area_code, pps.nik) == (pps_no, "PPS", DESA, nik)
        assert (kpps.area_code, kpps.stage, kpps.received_at) == (
            DESA + ".004",
            "registration",
            "2029-01-02T08:00:00+00:00",  # first receipt, from the changes table
        )
        assert pps.duplicates == (kpps_no,) and kpps.duplicates == (pps_no,)
        with repo.transaction(write=False) as tx:
            device = tx.device(device_id)
            assert device is not None and tx.head_rev() == 502
        page = repo.pull_page(device, 500, 100, time.time())
        assert [a.application_no for a in page.applications] == [pps_no, kpps_no]
        # And they take decisions like any other.
        decisions.set_stage(repo, kpps_no, "administrative_check", result="failed", now=time.time())
        page = repo.pull_page(device, page.cursor, 100, time.time())
        assert [(a.application_no, a.result) for a in page.applications] == [(kpps_no, "failed")]
    finally:
        repo.close()
