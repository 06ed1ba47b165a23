"""The applicant's receipt printed from the real recruitment window: on the paper chosen beside
the print button, with the kabupaten's letterhead, a QR code of the application number, and the
DEMO mark exactly when the vault holds demo data."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import zxingcpp
from pypdf import PdfReader

from desktop_app.ui.qt import QImage
from desktop_app.ui.settings import DeskSettings
from lapang_core.domain.recruitment import AdhocBody
from tests.ui.helpers import on_worker, unlock
from tests.ui.recruitment_helpers import (
    DESA,
    fill_identity,
    fill_requirements,
    new_form,
    open_window,
    pick_file,
    send,
)

MM_PER_PT = 25.4 / 72


def _submit_and_print(qtbot, window, tmp_path, *, paper: str):
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    fill_identity(qtbot, page)
    fill_requirements(qtbot, page)
    with qtbot.waitSignal(page.submitted, timeout=5000) as done:
        send(qtbot, page)
    number = done.args[0].result.application_no
    panel = page.receipt
    panel.paper.setCurrentIndex(panel.paper.findData(paper))
    target = tmp_path / "tanda_terima.pdf"
    panel.print_button.click()
    pick_file(qtbot, panel, "receiptFileDialog", target)
    qtbot.waitUntil(lambda: panel.receipt_path is not None)
    return number, target


def _qr_texts(pdf, tmp_path) -> list[str]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install poppler-utils (scripts/test.sh does)")
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-singlefile", str(pdf), str(out)], check=True)
    return [code.text for code in zxingcpp.read_barcodes(QImage(f"{out}.png"))]


def test_demo_receipt_on_f4_is_marked_and_scans(qtbot, window, listed_dir, tmp_path):
    unlock(qtbot, window)
    assert on_worker(qtbot, window, lambda store: store.setting("demo")) == "1"
    number, pdf = _submit_and_print(qtbot, window, tmp_path, paper="F4")
    (page,) = PdfReader(pdf).pages
    assert float(page.mediabox.width) * MM_PER_PT == pytest.approx(215, abs=0.2)
    assert float(page.mediabox.height) * MM_PER_PT == pytest.approx(330, abs=0.2)
    text = " ".join(page.extract_text().split())
    assert "KOMISI PEMILIHAN UMUM" in text and "KABUPATEN SUMBAWA" in text
    assert "DEMO" in text and "Petugas penerima," in text
    assert _qr_texts(pdf, tmp_path) == [number]
    assert DeskSettings.load(listed_dir).paper_size == "F4"  # the desk's choice, kept


def test_receipt_from_real_data_has_no_demo_mark(qtbot, window, tmp_path):
    unlock(qtbot, window)
    on_worker(qtbot, window, lambda store: store.set_setting("demo", "0"))
    number, pdf = _submit_and_print(qtbot, window, tmp_path, paper="A4")
    (page,) = PdfReader(pdf).pages
    assert float(page.mediabox.width) * MM_PER_PT == pytest.approx(210, abs=0.2)
    text = " ".join(page.extract_text().split())
    assert number in text and "DEMO" not in text
