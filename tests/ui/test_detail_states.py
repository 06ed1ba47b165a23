"""The detail panel at 1366×768 on real widgets: after an Ubah with a long address the old
value wraps instead of pushing the panel into a horizontal scroll bar, and every finding has
its mark as an icon the app draws (the ⛔ emoji was an empty box in the desk's font)."""

from __future__ import annotations

import ast
import pathlib

from PySide6.QtWidgets import QLabel, QScrollArea

import desktop_app
from desktop_app.store.voter_service import VoterService
from tests.ui.helpers import on_worker, wait_idle

LONG_ADDRESS = "JALAN LINTAS SUMATERA KILOMETER 12 DUSUN SUKA MAJU RT 003 RW 007 GANG MASJID RAYA"


def _ubah_long_address(qtbot, desk, window) -> None:
    """The address KPU had is a long one; the officer writes the short one they found."""
    voter = desk.detail.voter

    def ubah(store) -> None:
        with store.db.atomic():
            store.db.execute("UPDATE voters SET alamat = ? WHERE id = ?", [LONG_ADDRESS, voter.id])
        VoterService(store).ubah(voter.id, {"alamat": "DUSUN PELITA", "disabilitas": 2})

    on_worker(qtbot, window, ubah)
    desk.voters.table.setCurrentIndex(desk.voters.model.index(1, 0))
    wait_idle(qtbot, window)
    desk.voters.table.setCurrentIndex(desk.voters.model.index(0, 0))
    qtbot.waitUntil(
        lambda: (
            desk.detail.voter is not None
            and desk.detail.voter.id == voter.id
            and desk.detail.originals["alamat"].isVisible()
        )
    )
    wait_idle(qtbot, window)


def test_after_an_ubah_the_detail_panel_needs_no_horizontal_scroll(qtbot, desk, window):
    assert window.screen().availableGeometry().width() == 1366
    _ubah_long_address(qtbot, desk, window)
    qtbot.wait(50)  # the layout settles after the labels' new texts
    scroll = desk.detail.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.widget().width() <= scroll.viewport().width()
    original = desk.detail.originals["alamat"]
    # The struck-out old value wraps inside the panel instead of running out of it.
    assert original.mapTo(desk.detail, original.rect().topRight()).x() <= desk.detail.width()


def _glyphs_missing(label: QLabel) -> list[str]:
    metrics = label.fontMetrics()
    return [ch for ch in label.text() if ord(ch) > 0x24FF and not metrics.inFontUcs4(ord(ch))]


def test_findings_are_marked_with_drawn_icons_not_emoji(qtbot, desk, window):
    voter = desk.detail.voter
    # A missing element is an error finding, an implausible one a warning.

    def incomplete(store) -> None:
        # KPU's row lacks the place of birth (an error finding); the rest warns.
        with store.db.atomic():
            store.db.execute(
                "UPDATE voters SET tempat_lahir = '', rt = '000' WHERE id = ?", [voter.id]
            )

    on_worker(qtbot, window, incomplete)
    desk.voters.table.setCurrentIndex(desk.voters.model.index(1, 0))
    wait_idle(qtbot, window)
    desk.voters.table.setCurrentIndex(desk.voters.model.index(0, 0))
    qtbot.waitUntil(lambda: desk.detail.voter is not None and desk.detail.voter.id == voter.id)
    wait_idle(qtbot, window)
    panel = desk.detail
    texts = [label for label in panel.findChildren(QLabel) if label.isVisible() and label.text()]
    shown = "".join(label.text() for label in texts)
    assert "⛔" not in shown and "⚠" not in shown
    icons = [
        label
        for label in panel.findChildren(QLabel, "findingIcon")
        if label.isVisible() and label.pixmap() is not None and not label.pixmap().isNull()
    ]
    assert icons, "every finding has a drawn icon"
    assert all(not _glyphs_missing(label) for label in texts)


def _emoji_in_strings(path: pathlib.Path) -> list[tuple[int, str]]:
    """Characters of the symbol and emoji blocks (⛔, ⚠, ☎, 📷, …) in the module's strings.
    ✓ (U+2713, the KPU's own Sesuai mark, in every font the desk meets) and arrows stay."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [
                (node.lineno, ch)
                for ch in node.value
                if 0x2600 <= ord(ch) <= 0x26FF or ord(ch) >= 0x1F000
            ]
    return found


def test_no_symbol_glyphs_the_default_fonts_lack_in_the_desk():
    ui = pathlib.Path(desktop_app.__file__).parent / "ui"
    found = {
        str(path.relative_to(ui)): hits
        for path in sorted(ui.rglob("*.py"))
        if (hits := _emoji_in_strings(path))
    }
    assert found == {}


def test_rich_text_finding_marks_are_images_not_escaped_markup(qapp):
    from desktop_app.ui.recruitment.checking import summary_html
    from lapang_core.domain.findings import error, warning

    html = summary_html(
        [error("nik.length", "nik", "NIK length."), warning("x.y", "nama", "Check the name.")]
    )
    assert html.count("<img ") == 2 and "&lt;img" not in html
