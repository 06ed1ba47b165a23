"""The recruitment window around the form: locking the desk, the applications list, wording and
the layering rules the rest of the desk follows."""

from __future__ import annotations

import ast
import pathlib
import re

from PySide6.QtCore import QRect, Qt

from desktop_app.store.application_service import ApplicationService
from desktop_app.ui import finding_text as voter_findings
from desktop_app.ui import i18n
from desktop_app.ui.recruitment import open_recruitment, wording
from desktop_app.ui.recruitment.list_model import COLUMN_INDEX, COLUMNS
from lapang_core.domain.findings import error
from lapang_core.domain.recruitment import AdhocBody
from tests.ui.helpers import make_window, on_worker, unlock
from tests.ui.recruitment_helpers import (
    DESA,
    TPS,
    fill_identity,
    fill_requirements,
    new_form,
    open_window,
    send,
    type_into,
    wait_saved,
)

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "desktop_app"


def test_locking_closes_the_window_and_keeps_what_was_typed(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window, autosave_ms=60_000)  # no autosave before the lock
    page = new_form(qtbot, rec, AdhocBody.KPPS, TPS)
    type_into(qtbot, page, "nama", "Rina Marlina")
    assert page.has_unsaved_changes
    window.lock()
    assert not rec.isVisible()
    unlock(qtbot, window)
    [draft] = on_worker(qtbot, window, lambda store: ApplicationService(store).list())
    assert draft.applicant.nama == "Rina Marlina" and draft.area_code == TPS


def test_closing_the_desk_saves_the_form_before_the_worker_stops(qtbot, window, listed_dir):
    unlock(qtbot, window)
    rec = open_window(qtbot, window, autosave_ms=60_000)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    type_into(qtbot, page, "nama", "Rina Marlina")
    window.close()  # shuts the database worker down
    assert not rec.isVisible()
    again = make_window(qtbot, listed_dir)
    unlock(qtbot, again)
    [draft] = on_worker(qtbot, again, lambda store: ApplicationService(store).list())
    assert draft.applicant.nama == "Rina Marlina"
    again.close()


def test_a_second_open_raises_the_same_window(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    assert open_recruitment(window, window.ctx) is rec
    rec.reject()
    qtbot.waitUntil(lambda: not rec.isVisible())


def test_escape_on_the_form_goes_back_to_the_list_with_the_draft(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window, autosave_ms=60_000)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    type_into(qtbot, page, "nama", "Rina Marlina")
    qtbot.keyClick(page.form.fields["nama"], Qt.Key.Key_Escape)
    assert rec.isVisible() and rec.page is None
    listing = rec.list_page
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1 and window.tasks.pending == 0)
    assert listing.model.index(0, COLUMN_INDEX["nama"]).data() == "Rina Marlina"
    assert listing.drafts.isVisible()


def test_the_list_filters_by_body_state_area_and_text(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    fill_requirements(qtbot, page)
    with qtbot.waitSignal(page.submitted, timeout=5000):
        send(qtbot, page)
    page.receipt.new_button.click()
    page = rec.page
    page.body.setCurrentIndex(page.body.findData(AdhocBody.KPPS.name))
    page.area.setCurrentIndex(page.area.findData(TPS))
    type_into(qtbot, page, "nama", "Yohanes Bria")
    wait_saved(qtbot, window, page)
    rec.show_list()
    listing = rec.list_page
    model = listing.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and window.tasks.pending == 0)
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))][5:8] == [
        "Status",
        "Tahap",
        "Hasil tahap",
    ]
    # Drafts first; the submitted one shows its number, stage and masked NIK.
    assert model.index(0, COLUMN_INDEX["state"]).data() == "Draf"
    submitted = [model.index(1, c).data() for c in range(len(COLUMNS))]
    assert submitted[COLUMN_INDEX["application_no"]].startswith("PPS-")
    assert submitted[COLUMN_INDEX["stage"]] == "Pendaftaran"
    assert "******" in submitted[COLUMN_INDEX["nik"]]
    assert submitted[COLUMN_INDEX["area"]].startswith("Desa ")

    # The work area shows whole (wrapped, never cut) on a field laptop's screen: it shared the
    # spare width with a stretched last column and read "TPS 001, Desa Pulau Bungin, Kec…".
    assert listing.window().screen().availableGeometry().width() == 1366
    table, column = listing.table, COLUMN_INDEX["area"]
    width = table.columnWidth(column) - 8  # the cell's text margins
    for row in range(model.rowCount()):
        text = model.index(row, column).data()
        needed = table.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text
        )
        assert needed.width() <= width and needed.height() <= table.rowHeight(row), text
    assert table.horizontalHeader().stretchLastSection() is False

    listing.state.setCurrentIndex(listing.state.findData("submitted"))
    assert model.rowCount() == 1
    listing.state.setCurrentIndex(0)
    listing.body.setCurrentIndex(listing.body.findData(AdhocBody.KPPS.name))
    assert [r.nama for r in model.rows] == ["Yohanes Bria"]
    listing.body.setCurrentIndex(0)
    listing.area.select_code(DESA)  # the TPS lies in this desa: both rows
    assert model.rowCount() == 2
    listing.search.setText("rina")
    assert [r.nama for r in model.rows] == ["Rina Marlina"]
    listing.search.setText("zzz")
    assert model.rowCount() == 0 and listing.empty.isVisible()
    # The number as heard on the phone: lower case, grouped by ear rather than by dashes.
    number = submitted[COLUMN_INDEX["application_no"]]
    heard = number.replace("-", "").lower()
    listing.search.setText(" ".join(heard[i : i + 4] for i in range(0, len(heard), 4)))
    assert [r.application_no for r in model.rows] == [number]


def test_every_recruitment_finding_code_is_worded():
    text = (PACKAGE.parent / "lapang_core" / "domain" / "recruitment.py").read_text(
        encoding="utf-8"
    )
    codes = set(re.findall(r'"([a-z_]+\.[a-z_]+)"', text))
    # Made with f"{field}.missing" for the identity texts.
    codes |= {f"{f}.missing" for f in ("nama", "tempat_lahir", "alamat_ktp", "pekerjaan")}
    assert {"age.below_minimum", "domicile.outside_area", "telepon.invalid"} <= codes
    known = wording.known_codes() | voter_findings.known_codes()
    assert codes - known == set()


def test_findings_are_worded_in_the_chosen_language(qapp):
    finding = error("age.below_minimum", "tanggal_lahir", "Applicants must be at least 17.")
    assert "belum berusia 17" in wording.finding_text(finding, None)
    i18n.install_language("en")
    try:
        english = wording.finding_text(finding, None)
        assert "not yet 17" in english and "belum" not in english
    finally:
        i18n.install_language("id")


def _imports(path: pathlib.Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    return names


def test_the_recruitment_package_follows_the_desk_layering():
    files = sorted((PACKAGE / "ui" / "recruitment").glob("*.py"))
    assert len(files) > 5
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+[\w*]")
    for path in files:
        bound = {n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6")}
        assert not bound, f"{path.name} imports {bound}; import from desktop_app.ui.qt"
        text = path.read_text(encoding="utf-8")
        assert ".execute(" not in text and not sql.search(text), path.name
    for name in _imports(PACKAGE / "store" / "recruitment_areas.py"):
        assert not name.startswith(("desktop_app.ui", "PySide6"))
