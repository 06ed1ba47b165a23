"""Application numbers at KPU: a number read out over the phone is typed back as heard — lower
case, with or without its groups — and finds its application in ``set-stage`` and
``import-stages``; numbers of the older format, still on laptops in the field, work the same."""

from __future__ import annotations

import csv
import pathlib

import pytest

from lapang_core import protocol as p
from lapang_core.domain.recruitment import make_application_no
from sync_server.applications import list_applications
from sync_server.cli import main
from tests.sync_server.application_helpers import DESA, submission, synthetic_nik
from tests.sync_server.sync_helpers import AREA, LiveServer


def _run(live_server: LiveServer, capsys, *args: str | pathlib.Path) -> tuple[int, str, str]:
    status = main([*map(str, args), "--db", str(live_server.db)])
    out, err = capsys.readouterr()
    return status, out, err


def _filed(live_server: LiveServer) -> tuple[str, str]:
    """(a new-format number, an old-format number), both filed by one laptop."""
    dev = live_server.device(area=AREA)
    new = make_application_no("PPS", dev.device_id, 1)
    old = f"PPS-{dev.device_id[:10].upper()}-00002"
    changes = [
        submission(dev, synthetic_nik(41), area=DESA, application_no=new),
        submission(dev, synthetic_nik(42), area=DESA, application_no=old),
    ]
    assert {r.status for r in dev.push(changes).results} == {p.ChangeStatus.ACCEPTED}
    return new, old


def _stage(live_server: LiveServer, number: str) -> tuple[str, str | None]:
    (row,) = [r for r in list_applications(live_server.repo) if r.application_no == number]
    return row.stage, row.result


@pytest.mark.parametrize(
    "typed",
    [
        lambda n: n.lower(),
        lambda n: n.replace("-", ""),
        lambda n: n.replace("-", " ").lower(),
    ],
    ids=["lower case", "no separators", "spaces, lower case"],
)
def test_set_stage_finds_a_number_however_it_was_typed(live_server, capsys, typed) -> None:
    new, old = _filed(live_server)
    for number in (new, old):
        status, out, err = _run(
            live_server, capsys, "set-stage", typed(number), "--stage", "administrative_check",
            "--result", "passed",
        )  # fmt: skip
        assert status == 0, err
        assert number in out  # the listing shows the number as filed
        assert _stage(live_server, number) == ("administrative_check", "passed")


def test_import_stages_takes_numbers_as_heard(live_server, capsys, tmp_path) -> None:
    new, old = _filed(live_server)
    path = tmp_path / "stages.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("application_no", "stage", "result", "score", "note"))
        writer.writerow((new.replace("-", "").lower(), "administrative_check", "passed", "", ""))
        writer.writerow((old.lower(), "administrative_check", "failed", "", ""))
    status, _, err = _run(live_server, capsys, "import-stages", path)
    assert status == 0, err
    assert _stage(live_server, new) == ("administrative_check", "passed")
    assert _stage(live_server, old) == ("administrative_check", "failed")


def test_a_misheard_character_is_named_not_just_missing(live_server, capsys) -> None:
    new, _ = _filed(live_server)
    code = new.replace("-", "")
    # One character changed to another of the alphabet: the check character catches it.
    wrong = code[:-3] + ("3" if code[-3] != "3" else "4") + code[-2:]
    status, _, err = _run(
        live_server, capsys, "set-stage", wrong, "--stage", "administrative_check",
        "--result", "passed",
    )  # fmt: skip
    assert status == 1 and "check character" in err
    assert _stage(live_server, new) == ("registration", None)
