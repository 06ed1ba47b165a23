"""Text from laptops and files reaches the KPU operator's terminal through the admin commands:
a device label, an applicant's name, an application number in an imported file. Escape
sequences, other control characters and bidi overrides in it are shown as visible escapes,
never sent to the terminal, on stdout and stderr alike, and a newline cannot forge a row."""

from __future__ import annotations

import pathlib
import subprocess
import sys
import unicodedata

from tests.sync_server.application_helpers import submission, synthetic_nik
from tests.sync_server.sync_helpers import DeviceClient, LiveServer

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
# Clear the screen, retitle the window, colour red, overwrite the line, forge a row, reverse
# the text that follows (U+202E), and a C1 control (CSI as one character).
HOSTILE = "ok\x1b[2J\x1b]0;owned\x07\x1b[31mred\rback\nforged 14.01.01\u202eevil\x9b0m"
_SHOWN = ("\\x1b[2J", "\\x1b]0;owned\\x07", "\\x0d", "\\x0a", "\\u202e", "\\x9b")


def cli(*args: str | pathlib.Path, db: str | pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync_server", *map(str, args), "--db", str(db)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=120,
    )


def _acting_on_a_terminal(text: str) -> list[str]:
    """Characters that would act on a terminal, other than the line ends of the output."""
    return [
        f"U+{ord(c):04X}"
        for c in text
        if c != "\n" and unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    ]


def test_a_hostile_device_label_is_shown_not_obeyed(live_server: LiveServer) -> None:
    plain = live_server.device(label="laptop-pps")
    hostile = DeviceClient(live_server.url)
    assert hostile.enroll(live_server.code(), label=HOSTILE).status_code == 200
    listing = cli("devices", db=live_server.db)
    assert listing.returncode == 0, listing.stderr
    assert _acting_on_a_terminal(listing.stdout) == []
    lines = listing.stdout.splitlines()
    assert len(lines) == 3  # the header and two devices: the newline forged no row
    (row,) = [line for line in lines if hostile.device_id in line]
    assert all(shown in row for shown in _SHOWN), row
    assert any(plain.device_id in line and "laptop-pps" in line for line in lines)


def test_a_hostile_applicant_name_is_shown_not_obeyed(live_server: LiveServer) -> None:
    dev = live_server.device()
    result = dev.push([submission(dev, synthetic_nik(1), nama=HOSTILE)])
    assert result.results[0].status.value == "accepted", result.results[0].message
    listing = cli("applications", db=live_server.db)
    assert listing.returncode == 0, listing.stderr
    assert _acting_on_a_terminal(listing.stdout) == []
    assert len(listing.stdout.splitlines()) == 2
    assert all(shown in listing.stdout for shown in _SHOWN), listing.stdout


def test_a_hostile_line_of_an_imported_file_is_shown_not_obeyed(
    live_server: LiveServer, tmp_path: pathlib.Path
) -> None:
    """The refusal names the bad application number on stderr: made printable there too."""
    stages = tmp_path / "stages.csv"
    number = HOSTILE.replace("\n", " ").replace(",", " ")
    stages.write_text(f"application_no,stage,result\n{number},registration,\n", encoding="utf-8")
    refused = cli("import-stages", stages, db=live_server.db)
    assert refused.returncode == 1
    assert "\\x1b[2J" in refused.stderr and "\\u202e" in refused.stderr, refused.stderr
    assert _acting_on_a_terminal(refused.stderr) == []
