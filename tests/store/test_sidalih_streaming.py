"""A Sidalih import streams: the list is never held in memory whole, the encoding is settled
before the first row, and a failure part-way leaves the store as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pathlib

import pytest

from desktop_app.formats.sidalih import write_sidalih
from desktop_app.store.sidalih_import import import_sidalih_file
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows

ELECTION = dt.date(2029, 2, 14)


@pytest.fixture(scope="module")
def big_list(tmp_path_factory):
    """20,000 synthetic voters in the Sidalih layout, one NIK repeated to raise a warning."""
    regions = load_region_rows(demo_regions_path())
    records = list(generate_voters(regions, 20_000, seed=3, election_date=ELECTION))
    records.append(records[0])
    path = tmp_path_factory.mktemp("sidalih") / "dpt_kabupaten.csv"
    with open(path, "w", encoding="utf-8", newline="") as stream:
        write_sidalih(records, stream)
    return path


def _voters(store) -> int:
    return store.db.execute("SELECT count(*) FROM voters").fetchone()[0]


def _read_position(path) -> int | None:
    """How far this process has read into ``path``: the open file's offset, from /proc; None
    when the file is not open (read whole and closed already)."""
    for fd in pathlib.Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):
            if pathlib.Path(os.readlink(fd)) == path:
                info = (pathlib.Path("/proc/self/fdinfo") / fd.name).read_text()
                return int(info.split("pos:")[1].split()[0])
    return None


@pytest.mark.skipif(not pathlib.Path("/proc/self/fdinfo").exists(), reason="needs Linux /proc")
def test_the_import_streams_the_list_instead_of_holding_it(store, big_list):
    store.set_election_date(ELECTION)
    seen_at_first_insert: list[int] = []
    store.db.conn.create_function(
        "note_read_position", 0, lambda: seen_at_first_insert.append(_read_position(big_list))
    )
    store.db.execute(
        "CREATE TEMP TRIGGER first_row_in AFTER INSERT ON voters WHEN new.pk = 1 "
        "BEGIN SELECT note_read_position(); END"
    )

    result = import_sidalih_file(store, big_list)

    assert result.report.inserted == 20_000 and result.report.already_present == 1
    assert result.warnings >= 1 and result.errors == []
    # When the first row went in, only the first batch (5,000 of 20,001 rows) had been read.
    (position,) = seen_at_first_insert
    assert position is not None and position < big_list.stat().st_size * 0.4


def test_a_legacy_byte_near_the_end_still_imports_every_row(store, tmp_path, big_list):
    """The encoding is decided on the whole file before a row is imported: a Windows-1252 name
    near the end neither fails an import half done nor reads as mojibake."""
    store.set_election_date(ELECTION)
    lines = big_list.read_bytes().splitlines(keepends=True)
    nama = lines[0].split(b"#").index(b"NAMA")
    fields = lines[-2].split(b"#")
    fields[nama] = b"ANDR\xc9 SIREGAR"  # "ANDRÉ" as Windows-1252 writes it
    legacy = tmp_path / "dpt_legacy.csv"
    legacy.write_bytes(b"".join([*lines[:-2], b"#".join(fields), lines[-1]]))

    result = import_sidalih_file(store, legacy)

    assert result.report.inserted == 20_000 and _voters(store) == 20_000
    named = store.db.execute("SELECT count(*) FROM voters WHERE nama = 'ANDRÉ SIREGAR'")
    assert named.fetchone()[0] == 1


def test_a_failure_part_way_imports_nothing(store, big_list):
    store.set_election_date(ELECTION)
    store.db.execute(
        "CREATE TEMP TRIGGER disk_full AFTER INSERT ON voters WHEN new.pk = 15000 "
        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
    )
    with pytest.raises(Exception, match="disk is full"):
        import_sidalih_file(store, big_list)
    store.db.execute("DROP TRIGGER disk_full")
    assert _voters(store) == 0
    assert store.db.execute("SELECT count(*) FROM tps").fetchone()[0] == 0
