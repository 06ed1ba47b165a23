"""Admin commands for recruitment: list and export applications, record stages one by one or
from a file, and rank shortlists. Registered by ``sync_server.cli``."""

from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import io
import json
import pathlib
import time
from collections.abc import Callable, Iterator
from typing import Any

from lapang_core.domain.recruitment import Applicant
from lapang_core.domain.selection import Stage, StageResult
from sync_server import applications, decisions
from sync_server.applications import ApplicationRecord
from sync_server.csv_export import write_new_csv
from sync_server.db import is_postgres_url
from sync_server.errors import AdminError
from sync_server.repository import Repository
from sync_server.terminal import print_rows as _print_rows

AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]

_STAGE_COLUMNS = ("application_no", "stage", "result", "score", "note")
_EXPORT_COLUMNS = (
    "application_no",
    "id",
    "body",
    "area_code",
    "stage",
    "result",
    "score",
    "note",
    "duplicates",
    "device_id",
    "received_at",
    "updated_at",
    "version",
)
_FORM_COLUMNS = tuple(f.name for f in dataclasses.fields(Applicant))


@contextlib.contextmanager
def _repo(args: argparse.Namespace) -> Iterator[Repository]:
    target = args.db if is_postgres_url(args.db) else pathlib.Path(args.db)
    repo = Repository.open(target, time.time())
    try:
        yield repo
    finally:
        repo.close()


def _score(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _cell(value: Any) -> object:
    """A collection as compact JSON, anything else as it is (write_new_csv neutralises text
    that would run as a formula)."""
    if isinstance(value, dict | list | tuple | set):
        items = sorted(value) if isinstance(value, set) else value
        return json.dumps(items, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return value


def _export_row(record: ApplicationRecord) -> list[object]:
    form = record.form
    values: list[Any] = [getattr(record, c) for c in _EXPORT_COLUMNS]
    values[_EXPORT_COLUMNS.index("score")] = _score(record.score)
    values[_EXPORT_COLUMNS.index("duplicates")] = " ".join(record.duplicates)
    values += [form.get(c) for c in _FORM_COLUMNS]
    values.append(" ".join(record.payload.get("missing_documents") or ()))
    values.append(record.payload.get("attachments") or {})
    return [_cell(v) for v in values]


def cmd_applications(args: argparse.Namespace) -> int:
    with _repo(args) as repo:
        records = applications.list_applications(
            repo, area=args.area, body=args.body, stage=args.stage, result=args.result
        )
    if args.csv:
        path = pathlib.Path(args.csv)
        header = (*_EXPORT_COLUMNS, *_FORM_COLUMNS, "missing_documents", "attachments")
        write_new_csv(path, header, [_export_row(r) for r in records])
        print(f"Exported {len(records):,} applications to {path} (personal data: keep it safe).")
        return 0
    rows = [
        (
            r.application_no,
            r.body,
            r.area_code,
            r.nama,
            applications.mask_nik(r.nik),
            r.stage,
            r.result,
            _score(r.score),
            " ".join(r.duplicates),
            r.device_id,
        )
        for r in records
    ]
    headers = (
        "application",
        "body",
        "area",
        "name",
        "nik",
        "stage",
        "result",
        "score",
        "duplicates",
        "device",
    )
    _print_rows(headers, rows)
    return 0


def cmd_set_stage(args: argparse.Namespace) -> int:
    with _repo(args) as repo:
        number, decision = decisions.set_stage(
            repo,
            args.application,
            args.stage,
            result=args.result,
            score=args.score,
            note=args.note,
            now=time.time(),
        )
    result = f" {decision.result.value}" if decision.result else ""
    score = f", score {decision.score:g}" if decision.score is not None else ""
    print(
        f"{number}: {decision.stage.value}{result}{score}. Devices receive it on their next pull."
    )
    return 0


def read_stage_csv(path: pathlib.Path) -> list[decisions.StageLine]:
    """Lines of an ``application_no,stage,result,score,note`` file (other columns are ignored,
    so a sheet that also lists names works; ``;`` separators too). The values are checked by
    ``decisions.import_stages``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AdminError(
            f"{path} is not UTF-8 text (byte {exc.start} cannot be read): save it from the "
            "spreadsheet as 'CSV UTF-8' and import it again. Nothing was imported."
        ) from None
    except OSError as exc:
        raise AdminError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    if not {"application_no", "stage"} <= set(header):
        raise AdminError(
            f"{path.name}: the first line must be the header {','.join(_STAGE_COLUMNS)} "
            "(result, score and note may be left empty)."
        )
    index = {name: header.index(name) for name in _STAGE_COLUMNS if name in header}
    lines = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        values = {name: record[i].strip() if i < len(record) else "" for name, i in index.items()}
        lines.append(
            decisions.StageLine(
                reader.line_num,
                values["application_no"],
                values["stage"],
                values.get("result", ""),
                values.get("score", ""),
                values.get("note", ""),
            )
        )
    return lines


def cmd_import_stages(args: argparse.Namespace) -> int:
    path = pathlib.Path(args.csv)
    lines = read_stage_csv(path)
    with _repo(args) as repo:
        count = decisions.import_stages(repo, lines, time.time())
    print(
        f"Imported {count:,} decisions from {path.name}. Devices receive them on their next pull."
    )
    return 0


def cmd_shortlist(args: argparse.Namespace) -> int:
    with _repo(args) as repo:
        listing = decisions.shortlist(
            repo, args.area, args.body, args.stage, apply=args.apply, now=time.time()
        )
        names = {u.area_code: repo.region_name(u.area_code) or "" for u in listing.units}
    rule = listing.rule
    print(
        f"{rule.body.name} {rule.decided_stage.value}, ranked on {rule.score_stage.value} scores: "
        f"{rule.passing} pass and {rule.reserves} reserve(s) per unit."
    )
    for unit in listing.units:
        print(f"\n{unit.area_code} {names[unit.area_code]} ({len(unit.placements)} candidates)")
        rows = [
            (
                p.rank,
                p.application_no,
                _score(p.score),
                p.result.value,
                "tie" if p.tied else "",
                " ".join(unit.duplicates.get(p.application_no, ())),
            )
            for p in unit.placements
        ]
        _print_rows(("rank", "application", "score", "result", "tie", "same NIK as"), rows)
    print()
    if not args.apply:
        print(f"Nothing recorded. Add --apply to record these at {rule.decided_stage.value}.")
    else:
        print(
            f"Recorded {listing.recorded:,} decision(s) at {rule.decided_stage.value}; "
            "devices receive them on their next pull."
        )
    return 0


def add_commands(add: AddCommand) -> None:
    stages = [s.value for s in Stage]
    results = [r.value for r in StageResult]
    p = add("applications", cmd_applications, "list applications (NIK masked), or export them")
    p.add_argument("--area", help="region code or TPS id: applications working inside it")
    p.add_argument("--body", help="PPK, PPS, KPPS or PANTARLIH")
    p.add_argument("--stage", choices=stages, help="latest stage")
    p.add_argument("--result", choices=results, help="result of the latest stage")
    p.add_argument("--csv", help="write the full rows (forms, full NIK) to this new file")
    p = add("set-stage", cmd_set_stage, "record a stage, result and score for one application")
    p.add_argument("application", help="application number (or id)")
    p.add_argument("--stage", required=True, choices=stages)
    p.add_argument("--result", choices=results)
    p.add_argument("--score", help="0 to 100")
    p.add_argument("--note", help="shown to the officers of the area")
    p = add(
        "import-stages",
        cmd_import_stages,
        "record decisions from an application_no,stage,result,score,note CSV (all or nothing)",
    )
    p.add_argument("csv")
    p = add("shortlist", cmd_shortlist, "rank PPK/PPS applicants per unit on their scores")
    p.add_argument("--area", required=True, help="region code: every unit inside it is ranked")
    p.add_argument("--body", required=True, choices=("PPK", "PPS"))
    p.add_argument(
        "--stage",
        required=True,
        choices=(Stage.WRITTEN_TEST.value, Stage.ANNOUNCEMENT.value),
        help="written_test: who is invited to interview; announcement: appointed and reserves",
    )
    p.add_argument("--apply", action="store_true", help="record the results (default: show them)")
