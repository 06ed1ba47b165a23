"""The eligibility conditions a baru carries (TNI/Polri status, SK pemberhentian, a court's
revocation; domain note §3 Baru, §4) are KPU's voter columns since server migration 0013: stored
when the baru is applied, sent in pulls, read back by the laptops of the area; laptops already in
the field read the same pages as before."""

from __future__ import annotations

import json
import time
import uuid

from lapang_core import protocol as p
from sync_server import schema
from sync_server.db import open_database
from sync_server.rows import iso
from tests.support.released import pull_page_e6e8ee7 as released
from tests.sync_server.sync_helpers import LiveServer, baru_payload

SK = "SKEP/12/III/2025"


def _retired_baru(live_server: LiveServer) -> dict:
    payload = baru_payload(live_server.voters[5])
    payload["nik"] = payload["nik"][:12] + "9911"
    return payload | {"status_tni_polri": "berhenti", "sk_pemberhentian": SK}


def test_a_baru_s_conditions_are_stored_and_pulled_by_the_area(live_server: LiveServer) -> None:
    writer, reader = live_server.device(), live_server.device(label="laptop-2")
    new_id = uuid.uuid4().hex
    result = writer.push(
        [writer.change("baru", new_id, _retired_baru(live_server), base_version=None)]
    )
    assert result.results[0].status is p.ChangeStatus.ACCEPTED
    row = live_server.voter_row(new_id)
    assert (row["status_tni_polri"], row["sk_pemberhentian"], row["hak_pilih_dicabut"]) == (
        "berhenti",
        SK,
        0,
    )
    pulled = {v.id: v for page in reader.pull_all() for v in page.voters}
    assert "status_tni_polri" in p.VOTER_COLUMNS
    moved = pulled[new_id]
    assert (moved.status_tni_polri, moved.sk_pemberhentian, moved.hak_pilih_dicabut) == (
        "berhenti",
        SK,
        False,
    )
    assert moved.to_record().sk_pemberhentian == SK
    # KPU's own list carries none of them.
    listed = pulled[live_server.voter_id(0)]
    assert (listed.status_tni_polri, listed.sk_pemberhentian, listed.hak_pilih_dicabut) == (
        "",
        "",
        False,
    )


def test_a_laptop_already_in_the_field_reads_the_new_pages_as_before(
    live_server: LiveServer,
) -> None:
    """Laptops map the page's columns by name and drop the names they do not know: the
    released decoder reads a page with the new columns, every voter whole."""
    writer = live_server.device()
    new_id = uuid.uuid4().hex
    writer.push([writer.change("baru", new_id, _retired_baru(live_server), base_version=None)])
    old_laptop = live_server.device(label="old laptop")
    response = old_laptop.request("GET", p.pull_path(0, 500))
    assert response.status_code == 200
    assert "status_tni_polri" in json.loads(p.decompress(response.content))["vc"]

    page = released.PullPage.decode(response.content)
    new = p.PullPage.decode(response.content)
    assert "status_tni_polri" not in released.VOTER_COLUMNS
    assert len(page.voters) == len(new.voters) > 120
    for old_row, new_row in zip(page.voters, new.voters, strict=True):
        assert {c: getattr(old_row, c) for c in released.VOTER_COLUMNS} == {
            c: getattr(new_row, c) for c in released.VOTER_COLUMNS
        }
    assert new_id in {v.id for v in page.voters}


def test_upgrade_to_0013_gives_each_baru_its_conditions_back(server_db) -> None:
    """A server upgraded from 0006: a voter added by a baru gets the conditions its applied
    payload carried; KPU's list and a refused baru's values leave nothing behind."""
    now = iso(time.time())
    db = open_database(server_db)
    try:
        schema.migrate(db, now, through="0006_voters_nik_index")
        voter = {
            "dpid": None, "nkk": "1401010101200001", "nik": "1401014107990001", "nama": "Siti",
            "tempat_lahir": "Pekanbaru", "tanggal_lahir": "1999-07-01", "status_perkawinan": "S",
            "jenis_kelamin": "P", "alamat": "Jl. Mawar", "rt": "001", "rw": "002",
            "disabilitas": 0, "status_ktp_el": "S", "tps_id": "14.01.01.2009.001",
            "keterangan": "B", "sumber": "COKLIT", "tms": None, "version": 1,
            "last_author": "d", "streak_base": 0, "rev": 1, "updated_at": now,
        }  # fmt: skip
        baru, listed, refused = (uuid.uuid4().hex for _ in range(3))
        changes = [
            (baru, 1, "applied", {"status_tni_polri": "berhenti", "sk_pemberhentian": SK}),
            (refused, 2, "refused", {"status_tni_polri": "aktif", "hak_pilih_dicabut": True}),
            (refused, 3, "applied", {"sk_pemberhentian": 12, "hak_pilih_dicabut": "yes"}),
        ]
        with db.transaction(write=True) as sql:
            for voter_id, keterangan in ((baru, "B"), (listed, ""), (refused, "B")):
                row = voter | {"id": voter_id, "keterangan": keterangan}
                sql.run(
                    f"INSERT INTO voters ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
            for voter_id, seq, state, payload in changes:
                sql.run(
                    "INSERT INTO changes (device_id, seq, change_id, entity, entity_id, op, "
                    "payload, received_at, state) VALUES ('d', ?, ?, 'voter', ?, 'baru', ?, ?, ?)",
                    (seq, uuid.uuid4().hex, voter_id, json.dumps(payload), now, state),
                )
        assert "0013_voter_eligibility" in schema.migrate(db, now)
        with db.transaction(write=False) as sql:
            got = {
                r["id"]: (r["status_tni_polri"], r["sk_pemberhentian"], r["hak_pilih_dicabut"])
                for r in sql.all(
                    "SELECT id, status_tni_polri, sk_pemberhentian, hak_pilih_dicabut FROM voters"
                )
            }
    finally:
        db.close()
    assert got == {baru: ("berhenti", SK, 0), listed: ("", "", 0), refused: ("", "", 0)}
