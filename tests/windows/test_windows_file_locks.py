"""Files another program holds open, with Windows' sharing rules (desktop_app/file_sharing.py).

The holder is a real second process where the case calls for one (Excel keeping a CSV open, a
second Lapang): it opens the file the way most Windows programs do, without FILE_SHARE_DELETE,
so the file can be read but not replaced, renamed or deleted. These run with the Windows CPython
under Wine in build_scripts/windows/build.sh (step 3b), and on Windows with plain pytest."""

from __future__ import annotations

import logging
import os
import pathlib
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from desktop_app.diagnostics import PrivateRotatingFileHandler
from desktop_app.instance_lock import AlreadyRunning, InstanceLock
from desktop_app.reports.safe_write import ExportFileInUse
from desktop_app.reports.tables import Table
from desktop_app.reports.writers import write_csv
from desktop_app.store.errors import VaultInUse
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.sync.bundle_export import write_new_file

pytestmark = pytest.mark.skipif(os.name != "nt", reason="Windows' sharing rules")

# A second process that opens a file (or takes Lapang's instance lock) and keeps it until its
# stdin closes. It says "held" once it holds it.
_HOLDER = """
import pathlib, sys
if sys.argv[1] == "lock":
    from desktop_app.instance_lock import InstanceLock
    held = InstanceLock(pathlib.Path(sys.argv[2]))
    held.acquire()
elif sys.argv[1] == "unshared":
    # As a backup tool may open a file: read access, no sharing at all (dwShareMode 0).
    import ctypes
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateFileW.restype = ctypes.c_void_p
    held = kernel32.CreateFileW(sys.argv[2], 0x80000000, 0, None, 3, 0x80, None)
    assert held != ctypes.c_void_p(-1).value, ctypes.get_last_error()
else:
    held = open(sys.argv[2], sys.argv[1])
print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture()
def holder() -> Iterator:
    started: list[subprocess.Popen[str]] = []

    def hold(mode: str, path: pathlib.Path) -> subprocess.Popen[str]:
        root = str(pathlib.Path(__file__).resolve().parents[2])
        process = subprocess.Popen(
            [sys.executable, "-c", f"import sys; sys.path.insert(0, {root!r})\n{_HOLDER}"]
            + [mode, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "held"
        return process

    yield hold
    for process in started:
        release(process)


def release(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def table() -> Table:
    return Table("Rekap", ("Uraian", "Jumlah"), [("Pemilih", "42")])


def test_a_report_open_in_excel_is_not_replaced_and_the_officer_is_told_which(
    tmp_path: pathlib.Path, holder
) -> None:
    target = tmp_path / "rekap desa.csv"
    target.write_text("the officer's earlier export", encoding="utf-8")
    holder("r", target)  # Excel keeps the workbook open until it is closed

    with pytest.raises(ExportFileInUse) as refused:
        write_csv(table(), target, overwrite=True)

    assert refused.value.path == target
    assert target.read_text(encoding="utf-8") == "the officer's earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["rekap desa.csv"]  # no temp file left


def test_a_report_written_again_once_excel_has_closed_it(tmp_path: pathlib.Path, holder) -> None:
    target = tmp_path / "rekap.csv"
    target.write_text("earlier", encoding="utf-8")
    excel = holder("r", target)
    with pytest.raises(ExportFileInUse):
        write_csv(table(), target, overwrite=True)
    release(excel)

    write_csv(table(), target, overwrite=True)
    assert target.read_text(encoding="utf-8-sig").startswith("Uraian,Jumlah")


def test_a_scanner_glancing_at_a_new_bundle_on_the_stick_does_not_fail_the_export(
    tmp_path: pathlib.Path,
) -> None:
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    reserved = stick / "lapang-0123abcd-20291201-101500.lapang"
    data = os.urandom(32 * 1024 * 1024)
    seen: list[int] = []

    def scanner() -> None:
        # Opens the reserved (still empty) name the moment it appears, holds it briefly.
        deadline = time.monotonic() + 30
        while not reserved.exists() and time.monotonic() < deadline:
            pass
        with reserved.open("rb") as handle:
            seen.append(len(handle.read()))
            time.sleep(0.3)

    watcher = threading.Thread(target=scanner)
    watcher.start()
    written = write_new_file(stick, reserved.name.removesuffix(".lapang"), data)
    watcher.join()

    assert seen == [0], "the scanner must have held the name before the rename"
    assert written == reserved
    assert written.read_bytes() == data
    assert [p.name for p in stick.iterdir()] == [reserved.name]


def test_a_log_another_process_holds_open_keeps_every_record(
    tmp_path: pathlib.Path, holder, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lapang.log"
    path.touch()
    other = holder("a", path)  # lapang-admin beside the desk, writing the same log
    handler = PrivateRotatingFileHandler(path, maxBytes=300, backupCount=3, encoding="utf-8")
    handler.rollover_retry_s = 0.0  # try the rollover at every record
    log = logging.getLogger("test.windows.rotation")
    log.propagate = False
    log.addHandler(handler)
    try:
        for n in range(40):
            log.warning("record %02d of a long morning", n)
        assert "Logging error" not in capsys.readouterr().err
        written = path.read_text(encoding="utf-8")
        assert [f"record {n:02d}" in written for n in range(40)] == [True] * 40

        release(other)
        log.warning("record 40 after the other process let go")
        assert (tmp_path / "lapang.log.1").is_file()  # rotating works again
        assert "record 40" in path.read_text(encoding="utf-8")
    finally:
        log.removeHandler(handler)
        handler.close()


def test_a_second_desk_on_the_same_data_folder_is_refused_until_the_first_ends(
    tmp_path: pathlib.Path, holder
) -> None:
    data_dir = tmp_path / "Ni Luh Ayu Sékar" / "Lapang"
    data_dir.mkdir(parents=True)
    first = holder("lock", data_dir)

    with pytest.raises(AlreadyRunning) as refused:
        InstanceLock(data_dir).acquire()
    assert str(data_dir) in str(refused.value)

    first.kill()  # a crash or a power cut: Windows drops the lock with the process
    first.wait(timeout=30)
    with InstanceLock(data_dir), pytest.raises(AlreadyRunning):
        InstanceLock(data_dir).acquire()  # and this process now holds it


def test_a_vault_a_backup_tool_holds_unshared_is_said_to_be_in_use_not_damaged(
    tmp_path: pathlib.Path, holder
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    recovery = rsa.generate_private_key(public_exponent=65537, key_size=3072).public_key()
    pem = recovery.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    data_dir = tmp_path / "Lapang"
    Vault(data_dir).create("Petugas Uji", "Perahu-motor ke Pulau 7", pem, kdf=TEST_KDF).close()
    before = (data_dir / "lapang.db").read_bytes()
    backup = holder("unshared", data_dir / "lapang.db")

    with pytest.raises(VaultInUse, match="another program"):
        Vault(data_dir).unlock("Petugas Uji", "Perahu-motor ke Pulau 7")

    release(backup)
    assert (data_dir / "lapang.db").read_bytes() == before
    Vault(data_dir).unlock("Petugas Uji", "Perahu-motor ke Pulau 7").close()


def test_a_scan_the_scanner_program_still_holds_is_said_to_be_in_use(
    tmp_path: pathlib.Path, holder
) -> None:
    from desktop_app.ui.recruitment.ops import DocumentFileProblem, read_document_file
    from desktop_app.ui.voter_ops import AttachmentProblem, read_attachment

    scan = tmp_path / "akta kematian.pdf"
    scan.write_bytes(b"%PDF-1.4 synthetic scan")
    scanner = holder("unshared", scan)  # still writing the scan, sharing nothing

    with pytest.raises(AttachmentProblem) as evidence:
        read_attachment(scan)
    assert evidence.value.reason == "in_use"
    with pytest.raises(DocumentFileProblem) as document:
        read_document_file(scan)
    assert document.value.reason == "in_use"

    release(scanner)
    assert read_attachment(scan).content == b"%PDF-1.4 synthetic scan"
    assert read_document_file(scan).content == b"%PDF-1.4 synthetic scan"


def test_an_upgrade_whose_earlier_backup_a_backup_tool_holds_keeps_both(
    tmp_path: pathlib.Path, holder
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from desktop_app.store.migrations import LATEST_VERSION, MIGRATIONS, schema_version
    from tests.conftest import OFFICER, PASSPHRASE
    from tests.support.old_vaults import old_vault

    recovery = rsa.generate_private_key(public_exponent=65537, key_size=3072).public_key()
    pem = recovery.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    version = MIGRATIONS[-2].version  # a release before the latest
    vault = old_vault(tmp_path / "Lapang", pem, version)
    earlier = vault.db_path.with_name(f"lapang.db.schema{version}.bak")
    earlier.write_bytes(b"the backup of an earlier attempt")
    backup_tool = holder("unshared", earlier)

    with vault.unlock(OFFICER, PASSPHRASE) as store:
        assert schema_version(store.db) == LATEST_VERSION

    release(backup_tool)
    assert earlier.read_bytes() == b"the backup of an earlier attempt"
    kept = vault.db_path.with_name(f"lapang.db.schema{version}.2.bak")
    assert kept.stat().st_size > 0 and not kept.read_bytes().startswith(b"SQLite format 3")
    assert not list(vault.data_dir.glob(".*.tmp"))
