"""KPU's recruitment commands (``python -m sync_server applications|set-stage|import-stages|
shortlist``), run through the command line's ``main`` on applications devices submitted."""

from __future__ import annotations

import csv
import os
import pathlib
from collections.abc import Callable

import pytest

from lapang_core import protocol as p
from sync_server.applications import list_applications
from sync_server.cli import main
from tests.sync_server.application_helpers import DESA, DESA_2, submission, synthetic_nik
from tests.sync_server.sync_helpers import AREA, DeviceClient, LiveServer

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture()
def run(live_server: LiveServer, capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*args)`` -> (exit status, stdout, stderr) of ``python -m sync_server ARGS``."""

    def call(*args: str | pathlib.Path) -> tuple[int, str, str]:
        status = main([*map(str, args), "--db", str(live_server.db)])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def _submit(dev: DeviceClient, count: int, *, start: int, body: str, area: str) -> list[str]:
    changes = [
        submission(dev, synthetic_nik(start + i), body=body, area=area) for i in range(count)
    ]
    result = dev.push(changes)
    assert {r.status for r in result.results} == {p.ChangeStatus.ACCEPTED}
    return [c["payload"]["application_no"] for c in changes]


def _state(live_server: LiveServer) -> dict[str, tuple[str, str | None, float | None]]:
    return {
        r.application_no: (r.stage, r.result, r.score) for r in list_applications(live_server.repo)
    }


def _decision_count(live_server: LiveServer) -> int:
    with live_server.repo.transaction(write=False) as tx:
        return int(tx.sql.scalar("SELECT COUNT(*) FROM application_decisions"))


def _stages_file(path: pathlib.Path, rows: list[tuple[str, ...]], sep: str = ",") -> pathlib.Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=sep)
        writer.writerow(("application_no", "stage", "result", "score", "note"))
        writer.writerows(rows)
    return path


def test_set_stage_checks_the_decision_and_devices_pull_it(
    live_server: LiveServer, run: Run
) -> None:
    dev = live_server.device(area=DESA)
    (pps,) = _submit(dev, 1, start=1, body="PPS", area=DESA)
    (kpps,) = _submit(dev, 1, start=2, body="KPPS", area=DESA + ".001")
    cursor = dev.pull_all()[-1].cursor
    for args, message in (
        (("NO-SUCH-1", "--stage", "administrative_check"), "No application NO-SUCH-1"),
        ((kpps, "--stage", "written_test"), "KPPS applications have no written_test stage"),
        ((pps, "--stage", "registration", "--result", "passed"), "records no result"),
        ((pps, "--stage", "written_test", "--result", "reserve"), "records passed, failed"),
        ((pps, "--stage", "written_test", "--score", "101"), "from 0 to 100"),
        ((pps, "--stage", "written_test", "--score", "nan"), "from 0 to 100"),
        ((pps, "--stage", "written_test", "--score", "tujuh"), "from 0 to 100"),
    ):
        status, _, err = run("set-stage", *args)
        assert status == 1 and message in err, (args, err)
    assert _state(live_server)[pps] == ("registration", None, None)
    assert _decision_count(live_server) == 0

    status, out, err = run(
        "set-stage", pps, "--stage", "written_test", "--score", "72,5", "--note", "CAT sesi 2"
    )
    assert status == 0, err
    assert f"{pps}: written_test, score 72.5" in out
    (outcome,) = [a for pg in dev.pull_all(cursor) for a in pg.applications]
    assert (outcome.application_no, outcome.stage, outcome.result, outcome.score) == (
        pps,
        "written_test",
        None,
        72.5,
    )
    assert outcome.note == "CAT sesi 2"
    with live_server.repo.transaction(write=False) as tx:
        (row,) = tx.sql.all("SELECT stage, score, source FROM application_decisions")
    assert (row["stage"], row["score"], row["source"]) == ("written_test", 72.5, "cli")


def test_import_stages_is_all_or_nothing(
    live_server: LiveServer, run: Run, tmp_path: pathlib.Path
) -> None:
    dev = live_server.device(area=AREA)
    a, b, c = _submit(dev, 3, start=10, body="PPS", area=DESA)
    (kpps,) = _submit(dev, 1, start=20, body="KPPS", area=DESA + ".002")
    bad = _stages_file(
        tmp_path / "bad.csv",
        [
            (a, "administrative_check", "passed", "", ""),  # line 2: fine
            (b, "administrative_check", "maybe", "", ""),  # line 3
            ("PPS-NOPE00-00001", "administrative_check", "passed", "", ""),  # line 4
            (c, "written_test", "", "-3", ""),  # line 5
            (kpps, "interview", "passed", "", ""),  # line 6
            (a, "administrative_check", "failed", "", ""),  # line 7: twice in one file
        ],
    )
    status, _, err = run("import-stages", bad)
    assert status == 1 and "Nothing imported, 5 bad line(s)" in err
    for line in (3, 4, 5, 6, 7):
        assert f"line {line}:" in err
    assert "line 2:" not in err
    assert _decision_count(live_server) == 0
    assert {s for s, _, _ in _state(live_server).values()} == {"registration"}

    good = _stages_file(
        tmp_path / "good.csv",
        [
            (a, "administrative_check", "passed", "", ""),
            (b, "administrative_check", "failed", "", "Ijazah tidak ada"),
            (a, "written_test", "", "81,25", ""),
            (kpps, "administrative_check", "passed", "", ""),
        ],
        sep=";",  # as a spreadsheet in an Indonesian locale saves it
    )
    status, out, err = run("import-stages", good)
    assert status == 0, err
    assert "Imported 4 decisions" in out
    state = _state(live_server)
    assert state[a] == ("written_test", None, 81.25)
    assert state[b] == ("administrative_check", "failed", None)
    assert state[c] == ("registration", None, None)
    missing = run("import-stages", tmp_path / "none.csv")
    assert missing[0] == 1 and "Cannot read" in missing[2]
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(
        f"application_no,stage,result,score,note\n{c},written_test,,7,Bagus \xe9\n".encode(
            "latin-1"
        )
    )
    status, _, err = run("import-stages", latin1)
    assert status == 1 and "not UTF-8" in err and "CSV UTF-8" in err
    assert _state(live_server)[c] == ("registration", None, None)


def test_shortlist_ranks_each_desa_then_the_interview(
    live_server: LiveServer, run: Run, tmp_path: pathlib.Path
) -> None:
    dev = live_server.device(area=AREA)
    kumantan = _submit(dev, 8, start=30, body="PPS", area=DESA)
    ridan = _submit(dev, 7, start=40, body="PPS", area=DESA_2)
    (ppk,) = _submit(dev, 1, start=50, body="PPK", area=AREA)
    rejected = kumantan.pop()  # fails the administrative check: takes no part
    admin = [(n, "administrative_check", "passed", "", "") for n in (*kumantan, *ridan, ppk)]
    admin.append((rejected, "administrative_check", "failed", "", ""))
    assert run("import-stages", _stages_file(tmp_path / "admin.csv", admin))[0] == 0

    # No written-test scores yet: refused, nothing written.
    before = _decision_count(live_server)
    status, _, err = run("shortlist", "--area", AREA, "--body", "PPS", "--stage", "written_test")
    assert status == 1 and "14 application(s) have no written_test score" in err
    assert rejected not in err and _decision_count(live_server) == before

    # Kumantan: 7 candidates, the 6th and 7th tie across the cut-off of 6. Ridan: 7 distinct.
    scores = dict(zip(kumantan, (90, 85, 80, 75, 70, 65, 65), strict=True))
    scores |= dict(zip(ridan, (50, 60, 70, 80, 90, 55, 65), strict=True))
    written = [(n, "written_test", "", str(s), "") for n, s in scores.items()]
    assert run("import-stages", _stages_file(tmp_path / "cat.csv", written))[0] == 0
    before = _decision_count(live_server)

    status, out, err = run("shortlist", "--area", AREA, "--body", "PPS", "--stage", "written_test")
    assert status == 0, err
    assert "Nothing recorded" in out and _decision_count(live_server) == before
    assert f"{DESA} Kumantan (7 candidates)" in out and f"{DESA_2} Ridan Permai" in out
    tied = [line for line in out.splitlines() if line.rstrip().endswith("tie")]
    assert len(tied) == 2 and all("65" in line for line in tied)

    status, out, err = run(
        "shortlist", "--area", AREA, "--body", "PPS", "--stage", "written_test", "--apply"
    )
    assert status == 0, err
    assert "Recorded 14 decision(s) at written_test" in out
    state = _state(live_server)
    # Equal scores: the earlier application ranks first (received in the same second here,
    # so the lower number: kumantan[5]).
    assert [state[n][1] for n in kumantan] == ["passed"] * 6 + ["failed"]
    assert [state[n][1] for n in sorted(ridan, key=scores.get)] == ["failed"] + ["passed"] * 6
    assert state[rejected] == ("administrative_check", "failed", None)
    again = run("shortlist", "--area", AREA, "--body", "PPS", "--stage", "written_test", "--apply")
    assert "Recorded 0 decision(s)" in again[1]

    # The interview ranks only those invited: scores for them alone are enough.
    invited = [n for n in (*kumantan, *ridan) if state[n][1] == "passed"]
    interview = [(n, "interview", "passed", str(60 + i), "") for i, n in enumerate(invited)]
    assert run("import-stages", _stages_file(tmp_path / "wawancara.csv", interview))[0] == 0
    cursor = dev.pull_all()[-1].cursor
    status, out, err = run(
        "shortlist", "--area", DESA, "--body", "PPS", "--stage", "announcement", "--apply"
    )
    assert status == 0, err
    assert "Recorded 6 decision(s) at announcement" in out  # Kumantan only: --area is the desa
    pulled = {a.application_no: a for pg in dev.pull_all(cursor) for a in pg.applications}
    results = [pulled[n].result for n in reversed(kumantan[:6])]  # highest interview first
    assert results == ["passed"] * 3 + ["reserve"] * 3
    top = pulled[kumantan[5]]
    assert (top.stage, top.score, top.note) == (
        "announcement",
        None,
        "rank 1 of 6, interview score 65",
    )

    # KPPS has no ranking: the command does not offer it.
    with pytest.raises(SystemExit) as usage:
        run("shortlist", "--area", AREA, "--body", "KPPS", "--stage", "written_test")
    assert usage.value.code == 2
    empty = run("shortlist", "--area", "14.01.04", "--body", "PPK", "--stage", "written_test")
    assert empty[0] == 1 and "nothing to rank" in empty[2]


def test_listing_masks_the_nik_and_export_never_overwrites(
    live_server: LiveServer, run: Run, tmp_path: pathlib.Path
) -> None:
    dev = live_server.device(area=AREA)
    nik = synthetic_nik(60)
    dev.push([submission(dev, nik, nama='=HYPERLINK("http://x")', area=DESA)])
    dev.push([submission(dev, synthetic_nik(61), body="KPPS", area=DESA_2 + ".001")])
    status, out, _ = run("applications", "--body", "pps")
    assert status == 0
    assert nik not in out and f"{nik[:4]}{'*' * 10}{nik[-2:]}" in out
    assert out.count("\n") == 2 and "registration" in out
    assert run("applications", "--area", DESA_2)[1].count("\n") == 2
    assert run("applications", "--result", "passed")[1].count("\n") == 1  # the header only
    assert run("applications", "--area", "14.0X")[0] == 1

    folder = tmp_path / "exports"
    folder.mkdir()
    export = folder / "pelamar.csv"
    status, out, err = run("applications", "--csv", export)
    assert status == 0, err
    assert "Exported 2 applications" in out
    assert os.stat(export).st_mode & 0o077 == 0  # personal data: the operator's account only
    rows = list(csv.DictReader(export.open(encoding="utf-8-sig")))
    by_body = {r["body"]: r for r in rows}
    assert by_body["PPS"]["nik"] == nik and by_body["PPS"]["stage"] == "registration"
    assert by_body["PPS"]["nama"].startswith("'=")  # no formula runs in a spreadsheet
    # Typed text, not a number the program holds: OWASP's rule quotes it like any other (a
    # spreadsheet would otherwise read +62… as a formula and show 6.28E+12).
    assert by_body["PPS"]["telepon"] == "'+6281200000000"
    cells = [cell for row in rows for cell in row.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    before = export.read_bytes()
    status, _, err = run("applications", "--csv", export)
    assert status == 1 and "already exists" in err
    assert export.read_bytes() == before
    assert sorted(os.listdir(folder)) == ["pelamar.csv"]  # no temporary file left behind
