"""The printed documents as KPU prints them: each PDF rendered to PNG by poppler (pdftoppm) and
read back as text (pypdf) — letterhead, "Halaman X dari Y", place and date, signature blocks,
A4 and F4 page sizes, ink kept at least 15 mm from every edge, the DEMO mark on pages printed
from demo data only, and the receipt's QR code decoding to the application number."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
import zxingcpp
from pypdf import PdfReader

from desktop_app.reports.coklit_exports import ReportKind, export_report
from desktop_app.reports.paper import PaperSize
from desktop_app.reports.receipt import write_receipt
from desktop_app.store.application_service import ApplicationService
from desktop_app.ui.qt import QImage
from lapang_core.domain.recruitment import AdhocBody
from tests.reports.test_coklit_exports import DESA, NOW, desa  # noqa: F401 - the fixture
from tests.store.test_application_service import _applicant

MM_PER_PT = 25.4 / 72
DPI = 72  # one pixel per point: the page bounds in pixels are its size in points
# The PDF page in points, portrait: A4 210 × 297 mm, F4/Folio 215 × 330 mm.
PAGE_PT = {
    PaperSize.A4: (210 / MM_PER_PT, 297 / MM_PER_PT),
    PaperSize.F4: (215 / MM_PER_PT, 330 / MM_PER_PT),
}
REGION_NAMES = {
    "61": "Kalimantan Barat",
    "61.11": "Kabupaten Kayong Utara",
    "61.11.02": "Simpang Hilir",
    "61.11.02.2003": "Pemangkat",
}


def render(pdf, tmp_path) -> list[QImage]:
    """Every page of ``pdf`` as poppler draws it (not our own painter: what a printer gets)."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install poppler-utils (scripts/test.sh does)")
    prefix = tmp_path / f"{pdf.stem}-page"
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(prefix)], check=True)
    pages = sorted(tmp_path.glob(f"{pdf.stem}-page*.png"))
    return [QImage(str(p)) for p in pages]


def ink_box(image: QImage) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of everything not white on the page, in pixels."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = bytes(gray.constBits())
    width, stride = gray.width(), gray.bytesPerLine()
    ink = re.compile(rb"[\x00-\xf0]")
    rows = [data[y * stride : y * stride + width] for y in range(gray.height())]
    inked = [(y, ink.search(r), r) for y, r in enumerate(rows)]
    inked = [(y, m.start(), max(m2.start() for m2 in ink.finditer(r))) for y, m, r in inked if m]
    assert inked, "the page is blank"
    return (
        min(x for _, x, _ in inked),
        inked[0][0],
        max(x for _, _, x in inked),
        inked[-1][0],
    )


def assert_margins(image: QImage, minimum_mm: float = 15.0) -> None:
    left, top, right, bottom = ink_box(image)
    mm = 25.4 / DPI
    margins = {
        "left": left * mm,
        "top": top * mm,
        "right": (image.width() - 1 - right) * mm,
        "bottom": (image.height() - 1 - bottom) * mm,
    }
    assert min(margins.values()) >= minimum_mm, margins


def page_texts(pdf) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def assert_page_size(pdf, paper: PaperSize, *, landscape: bool = False) -> None:
    width, height = PAGE_PT[paper]
    if landscape:
        width, height = height, width
    for page in PdfReader(pdf).pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.5)


@pytest.fixture()
def submitted(store):
    store.set_election_date(dt.date(2029, 2, 14))
    service = ApplicationService(store)
    app_id = service.save_draft(
        _applicant(documents={"ktp_el", "pas_foto"}), AdhocBody.PPS, "61.11.02.2003"
    )
    service.submit(app_id)
    return service.get(app_id)


@pytest.mark.parametrize("paper", list(PaperSize))
def test_receipt_has_letterhead_qr_signatures_and_margins(submitted, tmp_path, qapp, paper):
    pdf = write_receipt(
        submitted,
        tmp_path / "tanda_terima.pdf",
        area_name="Desa Pemangkat",
        officer="Siti Rahmawati",
        region_names=REGION_NAMES,
        paper=paper,
    )
    (text,) = page_texts(pdf)
    assert "KOMISI PEMILIHAN UMUM" in text and "KABUPATEN KAYONG UTARA" in text
    assert "TANDA TERIMA PENDAFTARAN" in text and submitted.application_no in text
    assert "Halaman 1 dari 1" in text
    signed = dt.date.fromisoformat(submitted.submitted_at[:10])
    months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November"
    month = (months + " Desember").split()[signed.month - 1]
    assert f"Pemangkat, {signed.day} {month} {signed.year}" in text
    assert "Pendaftar," in text and "Petugas penerima," in text
    assert "( Rina Marlina )" in text and "( Siti Rahmawati )" in text
    assert "DEMO" not in text
    assert_page_size(pdf, paper)
    (page,) = render(pdf, tmp_path)
    assert_margins(page)
    codes = zxingcpp.read_barcodes(page)
    assert [c.text for c in codes if c.format == zxingcpp.BarcodeFormat.QRCode] == [
        submitted.application_no
    ]


def test_receipt_from_demo_data_carries_the_demo_mark(submitted, tmp_path, qapp):
    pdf = write_receipt(
        submitted,
        tmp_path / "demo.pdf",
        area_name="Desa Pemangkat",
        officer="Petugas Demo",
        region_names=REGION_NAMES,
        demo=True,
    )
    (text,) = page_texts(pdf)
    assert "DEMO" in text and "BUKAN DATA PEMILIH ASLI" in text
    (page,) = render(pdf, tmp_path)
    assert_margins(page)  # the mark stays inside the margins too


def _export(store, kind, area, path, paper=PaperSize.A4):
    return export_report(store, kind, area, path, now=NOW, paper=paper).path


@pytest.mark.parametrize("paper", list(PaperSize))
def test_voter_list_pages_are_numbered_signed_and_inside_the_margins(desa, tmp_path, qapp, paper):  # noqa: F811
    store, tps, *_ = desa
    pdf = _export(store, ReportKind.VOTER_LIST, tps, tmp_path / "dpt.pdf", paper)
    texts = page_texts(pdf)
    pages = len(texts)
    assert pages > 1  # long enough to need numbering
    for number, text in enumerate(texts, 1):
        assert f"Halaman {number} dari {pages}" in text
        assert "MODEL A-DAFTAR PEMILIH" in text  # the form's code on every page
        assert "DEMO" not in text
    assert "KOMISI PEMILIHAN UMUM" in texts[0] and "KABUPATEN KAMPAR" in texts[0]
    assert "PANITIA PEMUNGUTAN SUARA KELURAHAN BANGKINANG" in texts[0]
    last = texts[-1]
    assert "Bangkinang, 20 Januari 2029" in last
    assert "Mengetahui," in last and "Ketua PPS Kelurahan Bangkinang," in last
    assert "Pantarlih TPS 001," in last and f"( {store.officer} )" in last
    assert_page_size(pdf, paper, landscape=True)
    for image in render(pdf, tmp_path):
        assert_margins(image)


def test_recap_of_a_desa_is_signed_by_the_pps_and_known_by_the_ppk(desa, tmp_path, qapp):  # noqa: F811
    store, *_ = desa
    pdf = _export(store, ReportKind.RECAP, DESA, tmp_path / "rekap.pdf", PaperSize.F4)
    texts = page_texts(pdf)
    assert f"Halaman {len(texts)} dari {len(texts)}" in texts[-1]
    assert "MODEL A-LAPORAN HASIL COKLIT" in texts[0]
    assert "Ketua PPK Kecamatan Bangkinang Kota," in texts[-1]
    assert "Ketua PPS Kelurahan Bangkinang," in texts[-1]
    assert_page_size(pdf, PaperSize.F4, landscape=True)
    for image in render(pdf, tmp_path):
        assert_margins(image)


@pytest.mark.parametrize("kind", list(ReportKind))
def test_every_page_printed_from_a_demo_vault_says_demo(desa, tmp_path, qapp, kind):  # noqa: F811
    store, tps, *_ = desa
    store.set_setting("demo", "1")
    pdf = _export(store, kind, tps, tmp_path / f"{kind.value}.pdf")
    for text in page_texts(pdf):
        assert "DEMO" in text and "BUKAN DATA PEMILIH ASLI" in text
    for image in render(pdf, tmp_path):
        assert_margins(image)


def test_recap_of_a_kecamatan_names_its_desa_and_is_signed_by_the_ppk(desa, tmp_path, qapp):  # noqa: F811
    store, *_ = desa
    kecamatan = DESA.rsplit(".", 1)[0]
    pdf = _export(store, ReportKind.RECAP, kecamatan, tmp_path / "rekap.pdf")
    text = " ".join(page_texts(pdf))
    assert "PANITIA PEMILIHAN KECAMATAN BANGKINANG KOTA" in text
    # Each desa by its name, as the reports window lists it (the code alone before).
    assert f"Bangkinang ({DESA})" in text
    assert "Ketua PPK Kecamatan Bangkinang Kota," in text
    assert "Bangkinang Kota, 20 Januari 2029" in text


def test_recap_of_every_area_has_the_kpu_letterhead_and_a_blank_place(desa, tmp_path, qapp):  # noqa: F811
    store, *_ = desa
    pdf = _export(store, ReportKind.RECAP, None, tmp_path / "rekap.pdf")
    texts = page_texts(pdf)
    assert "KOMISI PEMILIHAN UMUM" in texts[0]
    assert "........, 20 Januari 2029" in texts[-1]  # written by hand: no one place
    assert "Petugas," in texts[-1] and f"( {store.officer} )" in texts[-1]
    for image in render(pdf, tmp_path):
        assert_margins(image)
