"""What the desk says when Windows keeps a file from Lapang because another program holds it
(the holds themselves are shown with real second processes in tests/windows, under Wine)."""

from __future__ import annotations

from desktop_app.reports.safe_write import ExportFileInUse
from desktop_app.store.errors import VaultInUse
from desktop_app.ui.messages import error_text
from desktop_app.ui.recruitment.messages import error_text as recruitment_error_text
from desktop_app.ui.recruitment.ops import DocumentFileProblem
from desktop_app.ui.voter_ops import AttachmentProblem


def test_a_scan_still_held_by_the_scanner_program_says_to_close_it_not_to_pick_another(qapp):
    text = error_text(AttachmentProblem("akta.pdf", "in_use"))
    assert "akta.pdf" in text and "sedang dibuka program lain" in text
    assert "pilih berkas lain" not in text
    text = recruitment_error_text(DocumentFileProblem("ktp.jpg", "in_use"))
    assert "ktp.jpg" in text and "sedang dibuka program lain" in text


def test_a_receipt_open_in_a_pdf_reader_names_the_file(qapp, tmp_path):
    path = tmp_path / "tanda-terima.pdf"
    text = recruitment_error_text(ExportFileInUse(path))
    assert str(path) in text and "Tutup berkas itu lalu coba lagi" in text


def test_a_held_vault_is_in_use_not_damaged(qapp):
    text = error_text(VaultInUse("lapang.db"))
    assert "sedang dibuka program lain" in text and "rusak" not in text
