"""bench/bundle.py runs as documented and ends with one JSON object of figures; a tiny week keeps
this quick. The figures themselves are read from real runs (docs/performance.md)."""

from __future__ import annotations

from tests.bench.test_store_benchmarks_run import _run


def test_bundle_bench_exports_and_imports_a_small_week(tmp_path):
    figures = _run(
        "bundle.py",
        "--outcomes",
        "60",
        "--applications",
        "1",
        "--scan-kb",
        "20",
        tmp_path=tmp_path,
    )
    assert figures["changes"] == 60 and figures["scans"] == 7
    assert figures["import_counts"] == {"accepted": 61}
    assert figures["bundle_bytes_per_change"] > figures["push_bytes_per_change"] > 0
    assert figures["week_bundle_bytes"] > figures["scan_bytes"]
