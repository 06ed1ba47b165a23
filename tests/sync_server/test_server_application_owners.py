"""Every application has an owner (issue 11 item 1): the device that first submitted it. Hostile
devices built on our own protocol code try to take over another device's application, to file
outside their area, to learn whether a NIK applied elsewhere, and to reuse another device's
number; KPU keeps seeing everything."""

from __future__ import annotations

import csv
import json
import pathlib
import threading
import time
import uuid
from collections.abc import Callable

import pytest

from lapang_core import protocol as p
from sync_server import decisions, schema
from sync_server.applications import ApplicationRecord, list_applications
from sync_server.cli import main
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

OTHER_KECAMATAN = "14.01.04"  # XIII Koto Kampar: OTHER_DESA lies in it
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture()
def run(live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*args)`` -> (exit status, stdout, stderr) of ``python -m sync_server ARGS``."""

    def call(*args: str | pathlib.Path) -> tuple[int, str, str]:
        status = main([*map(str, args), "--db", str(live_server.db)])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def _one(dev: DeviceClient, change: dict) -> p.ChangeResult:
    (result,) = dev.push([change]).results
    return result


def _records(live_server: LiveServer) -> dict[str, ApplicationRecord]:
    return {r.id: r for r in list_applications(live_server.repo)}


def _pulled(dev: DeviceClient, cursor: int) -> dict[str, p.ApplicationOutcome]:
    return {a.application_no: a for pg in dev.pull_all(cursor) for a in pg.applications}


def _head(dev: DeviceClient) -> int:
    return dev.pull_all()[-1].cursor


def test_a_neighbour_cannot_resubmit_another_devices_application(live_server: LiveServer) -> None:
    """(a) A second laptop of the same desa learns an application's id from its pull and sends
    another person's form under it: refused, and KPU's row stays as the owner filed it."""
    owner = live_server.device(area=DESA, label="pps-kumantan-1")
    neighbour = live_server.device(area=DESA, label="pps-kumantan-2")
    filed = submission(owner, synthetic_nik(1), nama="Pelamar Asli")
    assert _one(owner, filed).status is p.ChangeStatus.ACCEPTED
    number = filed["payload"]["application_no"]
    decisions.set_stage(
        live_server.repo, number, "administrative_check", result="passed", now=time.time()
    )
    (learned,) = _pulled(neighbour, 0).values()  # what the neighbour's pull tells it
    assert learned.id == filed["entity_id"]
    before = _records(live_server)[learned.id]

    for forged_number in (number, None):  # under the owner's number, and under one of its own
        forged = submission(
            neighbour,
            synthetic_nik(2),
            nama="Pelamar Palsu",
            application_id=learned.id,
            application_no=forged_number,
        )
        result = _one(neighbour, forged)
        assert (result.status, result.reason, result.permanent) == (
            p.ChangeStatus.REFUSED,
            "not_owner",
            True,
        )
    after = _records(live_server)[learned.id]
    assert after == before
    assert (after.nik, after.nama, after.device_id) == (
        synthetic_nik(1),
        "Pelamar Asli",
        owner.device_id,
    )
    assert (after.stage, after.result) == ("administrative_check", "passed")
    # The neighbour learns of its refusal; the owner's outcome did not move.
    assert [r.reason for pg in neighbour.pull_all() for r in pg.refusals] == ["not_owner"] * 2
    assert _pulled(owner, 0)[number].version == before.version


def test_the_owner_resubmits_only_until_kpu_decides(live_server: LiveServer) -> None:
    """The owner may correct its application while it is at registration; once KPU recorded a
    decision beyond registration the form it judged stays (``application_decided``)."""
    owner = live_server.device(area=DESA)
    filed = submission(owner, synthetic_nik(3), nama="Salah Ketik")
    number, app_id = filed["payload"]["application_no"], filed["entity_id"]
    owner.push([filed])
    corrected = submission(
        owner, synthetic_nik(3), nama="Nama Benar", application_id=app_id, application_no=number
    )
    assert _one(owner, corrected).status is p.ChangeStatus.ACCEPTED
    assert _records(live_server)[app_id].nama == "Nama Benar"

    renumbered = submission(owner, synthetic_nik(3), application_id=app_id)
    refused = _one(owner, renumbered)
    assert (refused.status, refused.reason) == (p.ChangeStatus.REFUSED, "invalid_payload")
    assert number in (refused.message or "")

    decisions.set_stage(
        live_server.repo, number, "administrative_check", result="passed", now=time.time()
    )
    before = _records(live_server)[app_id]
    late = submission(
        owner, synthetic_nik(4), nama="Orang Lain", application_id=app_id, application_no=number
    )
    refused = _one(owner, late)
    assert (refused.status, refused.reason, refused.permanent) == (
        p.ChangeStatus.REFUSED,
        "application_decided",
        True,
    )
    assert _records(live_server)[app_id] == before


def test_a_device_files_applications_only_where_it_works(live_server: LiveServer) -> None:
    """(b) A laptop enrolled for kecamatan 14.01.04 files into a desa of 14.01.01: refused,
    nothing stored, and the number stays free. Its own kecamatan's units it may file."""
    outsider = live_server.device(area=OTHER_KECAMATAN, label="ppk-xiii-koto")
    number = f"PPS-{outsider.device_id[:10].upper()}-00001"
    cases = [
        submission(outsider, synthetic_nik(5), area=DESA_2, application_no=number),
        submission(outsider, synthetic_nik(6), body="PPK", area=AREA),
        submission(outsider, synthetic_nik(7), body="KPPS", area=DESA + ".001"),
    ]
    results = outsider.push(cases).results
    assert [(r.status, r.reason) for r in results] == [(p.ChangeStatus.REFUSED, "outside_area")] * 3
    assert list_applications(live_server.repo) == []
    inside = submission(outsider, synthetic_nik(5), area=OTHER_DESA, application_no=number)
    assert _one(outsider, inside).status is p.ChangeStatus.ACCEPTED

    # A desa's PPS office takes its kecamatan's PPK applicants and its desa's KPPS applicants
    # before PPS placed them at a TPS; a TPS laptop its desa's; never a neighbouring unit.
    desa_office = live_server.device(area=DESA, label="pps-kumantan")
    tps = live_server.device(area=DESA + ".002", label="kpps-002")
    accepted = [
        (desa_office, submission(desa_office, synthetic_nik(8), body="PPK", area=AREA)),
        (tps, submission(tps, synthetic_nik(9), body="KPPS", area=DESA)),
        (tps, submission(tps, synthetic_nik(10), body="PPS", area=DESA)),
    ]
    for dev, change in accepted:
        assert _one(dev, change).status is p.ChangeStatus.ACCEPTED, change["payload"]
    refused = [
        (desa_office, submission(desa_office, synthetic_nik(11), body="PPS", area=DESA_2)),
        (desa_office, submission(desa_office, synthetic_nik(12), body="PPS", area=AREA)),
        (tps, submission(tps, synthetic_nik(13), body="KPPS", area=DESA + ".001")),
    ]
    for dev, change in refused:
        assert _one(dev, change).reason == "outside_area", change["payload"]
    assert len(list_applications(live_server.repo)) == 4


def test_duplicate_flags_name_only_what_lies_in_the_devices_area(
    live_server: LiveServer, run: Run, tmp_path: pathlib.Path
) -> None:
    """(c) A laptop of another kecamatan submits a probe with a NIK that applied in 14.01.01:
    its pull shows neither the number nor a sign of it (the probe looks exactly like one with
    an unknown NIK), and the other office hears nothing. KPU sees both flagged."""
    office = live_server.device(area=DESA, label="pps-kumantan")
    prober = live_server.device(area=OTHER_DESA, label="elsewhere")
    nik = synthetic_nik(20, woman=True)
    real = submission(office, nik)
    office.push([real])
    office_cursor, prober_cursor = _head(office), _head(prober)

    probe = submission(prober, nik, area=OTHER_DESA)
    control = submission(prober, synthetic_nik(21), area=OTHER_DESA)  # a NIK nobody used
    assert {r.status for r in prober.push([probe, control]).results} == {p.ChangeStatus.ACCEPTED}
    seen = _pulled(prober, prober_cursor)
    probe_no, control_no = probe["payload"]["application_no"], control["payload"]["application_no"]
    shape = [(a.duplicates, a.version, a.stage) for a in (seen[probe_no], seen[control_no])]
    assert shape == [((), 1, "registration")] * 2
    assert _pulled(office, office_cursor) == {}  # nothing re-delivered to the office either

    real_no = real["payload"]["application_no"]
    by_no = {r.application_no: r for r in list_applications(live_server.repo)}
    assert by_no[real_no].duplicates == (probe_no,) and by_no[probe_no].duplicates == (real_no,)
    status, out, _ = run("applications")
    assert status == 0 and probe_no in next(
        line for line in out.splitlines() if line.startswith(real_no)
    )
    export = tmp_path / "all.csv"
    assert run("applications", "--csv", export)[0] == 0
    with export.open(encoding="utf-8-sig", newline="") as f:
        exported = {row["application_no"]: row["duplicates"] for row in csv.DictReader(f)}
    assert exported[real_no] == probe_no and exported[probe_no] == real_no


def test_same_nik_within_an_area_is_flagged_on_the_devices_that_see_both(
    live_server: LiveServer,
) -> None:
    """Duplicates inside an area still reach its devices: two laptops of one desa, and the
    kecamatan's laptop, learn of the other application; a TPS laptop does not see the desa's."""
    first_office = live_server.device(area=DESA, label="pps-1")
    second_office = live_server.device(area=DESA, label="pps-2")
    kecamatan = live_server.device(area=AREA, label="ppk")
    tps = live_server.device(area=DESA + ".003", label="kpps-003")
    cursors = {d.device_id: _head(d) for d in (first_office, second_office, kecamatan, tps)}
    nik = synthetic_nik(30)
    pps = submission(first_office, nik, body="PPS", area=DESA)
    first_office.push([pps])
    kpps = submission(second_office, nik, body="KPPS", area=DESA + ".003")
    second_office.push([kpps])
    pps_no, kpps_no = pps["payload"]["application_no"], kpps["payload"]["application_no"]

    for office in (first_office, second_office, kecamatan):
        seen = _pulled(office, cursors[office.device_id])
        assert (seen[pps_no].duplicates, seen[kpps_no].duplicates) == ((kpps_no,), (pps_no,))
    assert _pulled(first_office, cursors[first_office.device_id])[pps_no].version == 2
    (at_tps,) = _pulled(tps, cursors[tps.device_id]).values()
    assert (at_tps.application_no, at_tps.duplicates) == (kpps_no, ())


def test_a_number_belongs_to_the_application_that_filed_it(
    live_server: LiveServer, run: Run, tmp_path: pathlib.Path
) -> None:
    """(d) A laptop of another kecamatan reuses an existing number: refused at submission, so
    KPU's import-stages still takes a whole valid file."""
    office = live_server.device(area=DESA, label="pps-kumantan")
    outsider = live_server.device(area=OTHER_DESA, label="elsewhere")
    first = submission(office, synthetic_nik(40))
    second = submission(office, synthetic_nik(41))
    office.push([first, second])
    number = first["payload"]["application_no"]
    reuse = submission(outsider, synthetic_nik(42), area=OTHER_DESA, application_no=number)
    refused = _one(outsider, reuse)
    assert (refused.status, refused.reason, refused.permanent) == (
        p.ChangeStatus.REFUSED,
        "number_taken",
        True,
    )
    # The same device cannot file a second application under its own number either.
    again = submission(office, synthetic_nik(43), application_no=number)
    assert _one(office, again).reason == "number_taken"
    assert [r.application_no for r in list_applications(live_server.repo)].count(number) == 1

    sheet = tmp_path / "administrasi.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("application_no", "stage", "result", "score", "note"))
        writer.writerow((number, "administrative_check", "passed", "", ""))
        writer.writerow(
            (second["payload"]["application_no"], "administrative_check", "failed", "", "")
        )
    status, out, err = run("import-stages", sheet)
    assert (status, err) == (0, "") and "Imported 2 decisions" in out
    assert _records(live_server)[first["entity_id"]].result == "passed"


def test_two_devices_claiming_one_number_at_once_file_it_once(live_server: LiveServer) -> None:
    """PostgreSQL: two transactions at once, neither seeing the other's new row; the number's
    primary key decides, the loser's batch runs again and is refused."""
    a = live_server.device(area=DESA, label="a")
    b = live_server.device(area=DESA_2, label="b")
    for round_ in range(4):
        number = f"PPS-RACE000000-{round_:05d}"
        changes = [
            submission(a, synthetic_nik(50 + round_), application_no=number),
            submission(b, synthetic_nik(60 + round_), area=DESA_2, application_no=number),
        ]
        barrier = threading.Barrier(2)
        results: dict[str, str | None] = {}

        def push(
            dev: DeviceClient, change: dict, barrier: threading.Barrier, results: dict
        ) -> None:
            barrier.wait()
            (result,) = dev.push([change]).results
            results[dev.device_id] = result.reason

        threads = [
            threading.Thread(target=push, args=(dev, change, barrier, results))
            for dev, change in zip((a, b), changes, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(results.values(), key=str) == [None, "number_taken"]
        filed = [r for r in list_applications(live_server.repo) if r.application_no == number]
        assert len(filed) == 1


def test_upgrade_to_0004_binds_each_number_to_its_first_application(
    server_db: str | pathlib.Path,
) -> None:
    """A server that already holds two applications under one number (a reuse before this
    fix): the number goes to the one filed first, and no third one can take it."""
    db = open_database(server_db)
    try:
        schema.migrate(db, iso(time.time()), through="0003_application_outcomes")
        devices = [uuid.uuid4().hex, uuid.uuid4().hex]
        ids = [uuid.uuid4().hex, uuid.uuid4().hex]
        with db.transaction(write=True) as sql:
            for device_id, area in zip(devices, (DESA, OTHER_DESA), strict=True):
                sql.run(
                    "INSERT INTO devices (id, public_key, area, label, enrolled_at, applied_seq) "
                    "VALUES (?, ?, ?, 'old', '2029-01-01T00:00:00+00:00', 1)",
                    (device_id, device_id, area),
                )
            for day, (app_id, device_id, area) in enumerate(
                zip(ids, devices, (DESA, OTHER_DESA), strict=True), 1
            ):
                payload = {"application_no": "PPS-OLD000-00001", "body": "PPS", "area_code": area}
                sql.run(
                    "INSERT INTO applications (id, device_id, payload, version, updated_at, "
                    "application_no, body, area_code, nik, received_at, rev) VALUES "
                    "(?, ?, ?, 1, ?, 'PPS-OLD000-00001', 'PPS', ?, ?, ?, ?)",
                    (
                        app_id,
                        device_id,
                        json.dumps(payload),
                        f"2029-01-0{day}T08:00:00+00:00",
                        area,
                        synthetic_nik(70 + day),
                        f"2029-01-0{3 - day}T08:00:00+00:00",  # the second row arrived first
                        day,
                    ),
                )
    finally:
        db.close()

    repo = Repository.open(server_db, time.time())
    try:
        with repo.transaction(write=False) as tx:
            rows = tx.sql.all(
                "SELECT application_no, application_id, device_id FROM application_numbers"
            )
        assert [tuple(r) for r in rows] == [("PPS-OLD000-00001", ids[1], devices[1])]
        # Both rows are kept; the number means the first, the other answers to its id.
        assert {r.id for r in list_applications(repo)} == set(ids)
        decisions.set_stage(repo, "PPS-OLD000-00001", "administrative_check", now=time.time())
        decisions.set_stage(repo, ids[0], "administrative_check", result="failed", now=time.time())
        stages = {r.id: (r.stage, r.result) for r in list_applications(repo)}
        assert stages == {
            ids[1]: ("administrative_check", None),
            ids[0]: ("administrative_check", "failed"),
        }
    finally:
        repo.close()
