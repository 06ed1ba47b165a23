"""A TMS-8 move of a voter whose listed row has a blank element, from a Sidalih list with such
rows, through the real import, the real store, the server's own load path and a real sync on
loopback: afterwards KPU has the person at exactly one TPS, the one the laptop shows
(issue 16, item 5)."""

from __future__ import annotations

import dataclasses
import pathlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import outbox
from desktop_app.store.field_store import FieldStore
from desktop_app.store.sidalih_import import import_sidalih_file
from desktop_app.store.voter_service import VoterService
from lapang_core.domain.region import parse_tps_id
from lapang_core.domain.voter import VoterRecord
from lapang_core.formats.sidalih import write_sidalih
from sync_server import cli as server_cli
from tests.support.sync_env import area_voters, start_server
from tests.sync.conftest import enroll_store

# Elements a listed row may lack and still be imported with a warning (domain note §2: the
# 13 elements; a missing name or sex is an error, so no import path accepts it blank).
BLANKABLE = ("tempat_lahir", "alamat", "rt", "rw", "status_perkawinan", "status_ktp_el", "nkk")
LIST_SIZE = 120
BLANK_EVERY = 20  # one row in twenty: the 5 % of real lists the issue describes


def _with_blanks(records: list[VoterRecord]) -> list[VoterRecord]:
    out = []
    for index, record in enumerate(records):
        if index % BLANK_EVERY == 0:
            element = BLANKABLE[(index // BLANK_EVERY) % len(BLANKABLE)]
            record = dataclasses.replace(record, **{element: ""})
        out.append(dataclasses.replace(record, keterangan=""))
    return out


def _write_list(path: pathlib.Path, records: list[VoterRecord]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_sidalih(records, handle)


def _other_tps_of_desa(tps_id: str, records: list[VoterRecord]) -> str:
    desa, nomor = parse_tps_id(tps_id)
    listed = sorted({r.tps_id for r in records if parse_tps_id(r.tps_id)[0] == desa} - {tps_id})
    return listed[0] if listed else f"{desa}.{nomor % 999 + 1:03d}"


def _active_rows_of(rows: list[dict], nik: str) -> list[str]:
    """The TPS at which the person with ``nik`` is listed and not TMS."""
    return sorted(r["tps_id"] for r in rows if r["nik"] == nik and not r["keterangan"].isdigit())


def test_moving_a_voter_with_a_blank_element_leaves_kpu_and_laptop_alike(
    tmp_path: pathlib.Path, store: FieldStore, kpu_public: Ed25519PublicKey
) -> None:
    records = _with_blanks(area_voters(LIST_SIZE))
    list_path = tmp_path / "dpt.csv"
    _write_list(list_path, records)

    server = start_server(tmp_path / "server")
    try:
        loaded = server_cli.main(
            ["load-voters", "--db", str(server.config.db_path), str(list_path)]
        )
        assert loaded == 0
        imported = import_sidalih_file(store, list_path)
        assert imported.errors == [] and imported.warnings >= LIST_SIZE // BLANK_EVERY
        enrolled = enroll_store(store, server, kpu_public)
        service = VoterService(store)
        blank = next(r for r in records if not r.tempat_lahir)
        (voter,) = service.find_by_nik(blank.nik)
        target = _other_tps_of_desa(voter.record.tps_id, records)

        tms, baru = service.tms8_move(voter.id, target)
        report = enrolled.engine.run_once()

        assert report.ok and report.refused == 0, report
        assert outbox.counts(store.db) == {"pending": 0, "sent": 2, "refused": 0}
        with server.repo.transaction(write=False) as tx:
            kpu_rows = [dict(r) for r in tx.sql.all("SELECT nik, tps_id, keterangan FROM voters")]
        laptop_rows = [
            {"nik": r[0], "tps_id": r[1], "keterangan": r[2]}
            for r in store.db.execute("SELECT nik, tps_id, keterangan FROM voters")
        ]
        assert _active_rows_of(kpu_rows, blank.nik) == [target]
        assert _active_rows_of(laptop_rows, blank.nik) == [target]
        # The person is the same: the moved row keeps the blank, at KPU as on the laptop.
        moved = server.voter_row(baru.voter_id)
        assert (moved["tempat_lahir"], moved["keterangan"]) == ("", "B")
        assert server.voter_row(tms.voter_id)["keterangan"] == "8"
    finally:
        server.stop()
