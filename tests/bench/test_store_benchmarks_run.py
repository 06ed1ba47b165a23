"""The store benchmarks run as documented (``python bench/NAME.py``) and end with one JSON object
of figures; a tiny size keeps this quick. The figures themselves are read from real runs
(docs/performance.md), never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO_ROOT


def _run(script: str, *args: str, tmp_path) -> dict:
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / script), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_store_bench_prints_every_figure_and_ratio(tmp_path):
    figures = _run(
        "store.py",
        "--voters",
        "3000",
        "--samples",
        "60",
        "--dir",
        str(tmp_path / "w"),
        tmp_path=tmp_path,
    )
    for metric in ("search", "nik", "nik_cold", "save"):
        assert figures[f"{metric}_p95_ms"] > 0 and figures[f"{metric}_p95_ms_plain"] > 0
        assert figures[f"{metric}_ratio"] > 0
    assert figures["import_rows_per_s"] > 0 and figures["import_ratio"] > 0


def test_pages_bench_counts_what_the_saves_wrote(tmp_path):
    figures = _run(
        "store_pages.py",
        "--voters",
        "3000",
        "--saves",
        "60",
        "--dir",
        str(tmp_path / "w"),
        tmp_path=tmp_path,
    )
    # Every save writes at least the voter row, the outbox row, its state index and the audit.
    assert figures["median"] >= 4 and figures["pages_per_save"] >= 4
    if figures["by_btree"]:
        assert {"voters", "outbox", "outbox_state", "audit"} <= set(figures["by_btree"])
        assert abs(sum(figures["by_btree"].values()) - figures["pages_per_save"]) < 0.05
