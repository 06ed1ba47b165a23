"""Screen and print say the same thing: the TMS codes, disability types, keterangan marks and
recap lines printed on KPU's forms (domain.labels) are the words the desk shows in its Indonesian
source (ui.labels, ui.reports.lines), so an officer comparing paper and screen sees one text."""

from __future__ import annotations

from desktop_app.reports.coklit_tables import keterangan_text
from desktop_app.reports.tables import recap_table
from desktop_app.store.coklit_report import coklit_counts
from desktop_app.ui import labels as screen
from desktop_app.ui.reports import lines
from lapang_core.domain import labels as printed
from lapang_core.domain.outcomes import TmsCode
from lapang_core.domain.voter import DISABILITAS
from tests.reports.test_coklit_exports import desa  # noqa: F401 - the fixture

MARKS = ["", "✓", "U", "B", *(str(int(c)) for c in TmsCode)]


def test_keterangan_reads_the_same_on_paper_and_on_screen(qapp):
    for mark in MARKS:
        assert keterangan_text(mark) == screen.keterangan(mark)
    assert keterangan_text("1") == "TMS-1 Meninggal dunia"


def test_disability_and_tms_words_are_one_list(qapp):
    for code in DISABILITAS:
        assert screen.choice(screen.DISABILITAS, code) == printed.DISABILITY_LABELS[code]
    for code in TmsCode:
        assert printed.tms_label(code) == f"TMS-{int(code)} {screen.tms(code)}"


def test_printed_recap_lines_are_the_lines_of_the_reports_window(desa, qapp):  # noqa: F811
    store, tps, *_ = desa
    counts = coklit_counts(store.db, tps)
    on_screen = [(line.label, line.l, line.p, line.total) for line in lines.recap_lines(counts)]
    on_paper = list(recap_table(counts, "TPS 001").rows)
    assert on_paper == on_screen
    on_paper = [row[0] for row in on_paper]
    assert "Disabilitas sensorik wicara" in on_paper and "TMS-1 Meninggal dunia" in on_paper
