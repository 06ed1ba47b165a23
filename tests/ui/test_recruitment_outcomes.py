"""KPU's selection results in the recruitment window: the list shows each application's stage,
result, score and KPU's duplicate flag; the shortlist page ranks a unit, previewing pending
scores by the published rule."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from desktop_app.store.application_outcomes import store_outcomes
from desktop_app.store.application_service import ApplicationService
from desktop_app.ui.recruitment.list_model import COLUMN_INDEX
from desktop_app.ui.recruitment.shortlist_page import COLUMNS
from lapang_core.domain.recruitment import AdhocBody
from lapang_core.protocol import ApplicationOutcome
from tests.store.test_application_service import _applicant
from tests.ui.helpers import on_worker, unlock
from tests.ui.recruitment_helpers import DESA, NIK, open_window

SCORES = [70.0, 90.0, 80.0, 60.0, 85.0, 75.0]


def _outcome(i: int, **changes) -> dict:
    base = ApplicationOutcome(
        f"{i:032x}", f"PPS-OTHER0-{i:05d}", "PPS", DESA, "interview", None, None, "", (), 1
    )
    return dataclasses.asdict(dataclasses.replace(base, **changes))


def _submit_and_pull(store) -> str:
    service = ApplicationService(store)
    app_id = service.save_draft(_applicant(nik=NIK, domisili_kode=DESA), AdhocBody.PPS, DESA)
    number = service.submit(app_id).application_no
    pulled = [_outcome(i, score=s) for i, s in enumerate(SCORES, start=1)]
    pulled.append(
        _outcome(
            0,
            id=app_id,
            application_no=number,
            score=88.0,
            duplicates=("KPPS-OTHER0-00007",),
            note="Hadir wawancara",
        )
    )
    with store.db.atomic():
        store_outcomes(store.db, pulled, "2026-11-25T10:00:00Z")
    return number


def test_list_and_shortlist_show_what_kpu_decided(qtbot, window):
    unlock(qtbot, window)
    number = on_worker(qtbot, window, _submit_and_pull)
    rec = open_window(qtbot, window)
    listing = rec.list_page
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)

    def cell(name: str, role=Qt.ItemDataRole.DisplayRole):
        return listing.model.index(0, COLUMN_INDEX[name]).data(role)

    assert cell("application_no") == number
    assert cell("stage") == "Wawancara"
    assert cell("score") == "88"
    assert cell("note") == "NIK ganda; Hadir wawancara"
    assert "KPPS-OTHER0-00007" in cell("note", Qt.ItemDataRole.ToolTipRole)

    qtbot.keyClick(listing.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = rec.shortlist_page
    assert page is not None and rec.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.rowCount() == 7)
    assert page.unit.count() == 1 and "7 pendaftar" in page.unit.currentText()
    assert "3 terbaik wawancara ditetapkan, 3 berikutnya cadangan" in page.rule.text()
    assert page.preview.isVisibleTo(page) and "wawancara" in page.preview.text()
    index = {name: i for i, (name, _) in enumerate(COLUMNS)}

    def text(r: int, name: str) -> str:
        return page.model.index(r, index[name]).data()

    # 90 first, then ours (88), 85; then reserves 80, 75, 70; 60 is out.
    assert [text(r, "score") for r in range(7)] == ["90", "88", "85", "80", "75", "70", "60"]
    assert text(0, "preview") == "1. terpilih" and text(3, "preview") == "4. cadangan"
    assert text(6, "preview") == "7. tidak terpilih"
    assert text(1, "nama") == "Rina Marlina" and text(1, "application_no") == number
    assert text(0, "nama") == "(didaftarkan di laptop lain)"
    assert text(1, "result") == "menunggu"
    assert "NIK ganda di KPU: KPPS-OTHER0-00007" in text(1, "note")

    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert rec.isVisible() and rec.stack.currentWidget() is listing


def test_shortlist_without_outcomes_says_when_they_come(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    qtbot.mouseClick(rec.list_page.shortlist_button, Qt.MouseButton.LeftButton)
    page = rec.shortlist_page
    qtbot.waitUntil(lambda: page.empty.isVisibleTo(page))
    assert "Belum ada hasil seleksi dari KPU" in page.empty.text()
    assert not page.unit.isEnabled() and page.model.rowCount() == 0
