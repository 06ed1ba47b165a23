"""A Sidalih import streams: the list is never held in memory whole, nor is one overlong line;
each line is decoded by itself, so a legacy line neither fails the import nor turns the other
names into mojibake; and a failure part-way leaves the store as it was."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import pathlib
import subprocess
import sys

import pytest

from desktop_app.store.sidalih_import import import_sidalih_file
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from lapang_core.formats.sidalih import write_sidalih

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
    """A Windows-1252 name near the end neither fails an import half done nor reads as
    mojibake."""
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
    assert result.legacy_lines.first == [len(lines) - 1]


def _names_like(store, prefix: str) -> list[str]:
    rows = store.db.execute("SELECT nama FROM voters WHERE nama LIKE ? ORDER BY nama", [prefix])
    return [nama for (nama,) in rows.fetchall()]


def test_one_legacy_line_leaves_the_utf8_names_as_written(store, tmp_path, big_list):
    """A UTF-8 list with one Windows-1252 line was decoded whole as Windows-1252, so
    "SITI NURAINI Ñ" was stored as "SITI NURAINI Ã‘" without a word. Each line is now read in
    its own encoding, and the legacy line is named."""
    store.set_election_date(ELECTION)
    lines = big_list.read_bytes().splitlines(keepends=True)[:60]
    nama = lines[0].split(b"#").index(b"NAMA")

    def named(line: bytes, name: bytes) -> bytes:
        fields = line.split(b"#")
        fields[nama] = name
        return b"#".join(fields)

    lines[2] = named(lines[2], "SITI NURAINI Ñ".encode())
    lines[9] = named(lines[9], "SITI ÉLA".encode())
    lines[40] = named(lines[40], "ANDRÉ SIREGAR".encode("cp1252"))  # line 41
    mixed = tmp_path / "dpt_mixed.csv"
    mixed.write_bytes(b"".join(lines))

    result = import_sidalih_file(store, mixed)

    assert result.report.inserted == 59 and result.errors == []
    assert _names_like(store, "SITI NURAINI%") == ["SITI NURAINI Ñ"]
    assert _names_like(store, "SITI %LA") == ["SITI ÉLA"]
    assert _names_like(store, "ANDR% SIREGAR") == ["ANDRÉ SIREGAR"]
    assert result.legacy_lines.count == 1 and result.legacy_lines.first == [41]
    assert "(line 41)" in result.legacy_lines.warning()


# Imports a file into a fresh store in a process that may not use more than 1 GiB of address
# space, and reports what happened with the process's peak resident memory.
_BOUNDED_IMPORT = """
import datetime, json, pathlib, resource, sys, time
from desktop_app.store.errors import ImportFailed
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.sidalih_import import import_sidalih_file
from desktop_app.store.vault import Vault

data_dir, key_file, csv_file = map(pathlib.Path, sys.argv[1:4])
store = Vault(data_dir).create("Siti", "lapangan-bola-desa", key_file.read_bytes(), kdf=TEST_KDF)
store.set_election_date(datetime.date(2029, 2, 14))
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
started = time.perf_counter()
try:
    result = import_sidalih_file(store, csv_file)
    outcome = {"errors": [[e.line, e.code] for e in result.errors]}
except ImportFailed as exc:
    outcome = {"refused": str(exc)}
outcome["seconds"] = time.perf_counter() - started
outcome["voters"] = store.db.execute("SELECT count(*) FROM voters").fetchone()[0]
status = pathlib.Path("/proc/self/status").read_text().splitlines()
outcome["peak_rss_mib"] = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
print(json.dumps(outcome))
"""

LONG_LINE_BYTES = 150 * 1000 * 1000


def _import_bounded(tmp_path, recovery_keys, csv_file: pathlib.Path) -> dict:
    key_file = tmp_path / "kpu_recovery_public.pem"
    key_file.write_bytes(recovery_keys[1])
    try:
        done = subprocess.run(
            [sys.executable, "-c", _BOUNDED_IMPORT, str(tmp_path / "v"), str(key_file), csv_file],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        csv_file.unlink()  # 150 MB: not left behind in the temporary folders
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _write_lost_line_breaks(handle, rows: list[bytes]) -> None:
    """150 MB of rows whose line breaks were lost: one line, rows joined by '#'."""
    block = b"#".join(row.rstrip(b"\r\n") for row in rows) + b"#"
    for _ in range(LONG_LINE_BYTES // len(block) + 1):
        handle.write(block)


@pytest.mark.skipif(not pathlib.Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_150_mb_line_is_a_bad_row_read_in_bounded_memory(tmp_path, recovery_keys, big_list):
    """A 150 MB line took 2.8 GB and ended in MemoryError under a 2 GB cap. It is now refused by
    its line number without being held, and the rest of the list imports."""
    lines = big_list.read_bytes().splitlines(keepends=True)
    path = tmp_path / "dpt_long_line.csv"
    with path.open("wb") as handle:
        handle.writelines(lines[:4])
        _write_lost_line_breaks(handle, lines[4:1004])
        handle.write(b"\r\n")
        handle.writelines(lines[1004:1008])

    outcome = _import_bounded(tmp_path, recovery_keys, path)

    assert outcome["errors"] == [[5, "row.too_long"]]
    assert outcome["voters"] == 7
    assert outcome["peak_rss_mib"] < 128, outcome
    assert outcome["seconds"] < 30, outcome


@pytest.mark.skipif(not pathlib.Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_150_mb_file_with_no_line_break_is_refused_in_bounded_memory(
    tmp_path, recovery_keys, big_list
):
    """A file with no line break at all is one line: its header cannot be read, so nothing is
    imported, and the file is never held in memory."""
    lines = big_list.read_bytes().splitlines(keepends=True)
    path = tmp_path / "dpt_one_line.csv"
    with path.open("wb") as handle:
        handle.write(lines[0].rstrip(b"\r\n") + b"#")
        _write_lost_line_breaks(handle, lines[1:1001])

    outcome = _import_bounded(tmp_path, recovery_keys, path)

    assert "line 1" in outcome["refused"] and "64 KiB" in outcome["refused"]
    assert "Nothing was imported" in outcome["refused"]
    assert outcome["voters"] == 0
    assert outcome["peak_rss_mib"] < 128, outcome
    assert outcome["seconds"] < 30, outcome


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
