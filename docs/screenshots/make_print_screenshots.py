"""Example renders of the printed documents (docs/screenshots/print_*.png), from a synthetic
vault (make_reports_screenshot.seed: one desa of five TPS mid-coklit) and an invented applicant.
Each PDF is written by the desk's own code and rendered with poppler's pdftoppm.

    PYTHONPATH=. QT_QPA_PLATFORM=offscreen python docs/screenshots/make_print_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # make_reports_screenshot, run as a script like the others

from make_reports_screenshot import DESA, OFFICER, PASSPHRASE, seed  # noqa: E402

from desktop_app.reports.coklit_exports import ReportKind, export_report  # noqa: E402
from desktop_app.reports.paper import PaperSize  # noqa: E402
from desktop_app.reports.receipt import write_receipt  # noqa: E402
from desktop_app.store.application_service import ApplicationService  # noqa: E402
from desktop_app.store.recruitment_areas import recruitment_areas  # noqa: E402
from desktop_app.store.vault import Vault  # noqa: E402
from desktop_app.ui.qt import QGuiApplication  # noqa: E402
from lapang_core.domain.nik import encode_nik  # noqa: E402
from lapang_core.domain.recruitment import AdhocBody, Applicant, HealthValues, Statement  # noqa: E402

NOW = dt.datetime(2029, 1, 20, 9, 30)
DPI = 60


def png(pdf: pathlib.Path, name: str, page: int = 1) -> None:
    out = HERE / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(DPI),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(out),
        ],
        check=True,
    )


def applicant() -> Applicant:
    born = dt.date(1996, 8, 21)
    return Applicant(
        nik=encode_nik("14.01.01", born, "P", 31),
        nama="Dewi Kartika Sari",
        tempat_lahir="Bangkinang",
        tanggal_lahir=born,
        jenis_kelamin="P",
        alamat_ktp="Jl. Prof. M. Yamin RT 002 RW 001",
        domisili_kode=DESA,
        pendidikan="s1",
        pekerjaan="Wiraswasta",
        telepon="081200000000",
        email="dewi@example.org",
        statements={s: True for s in Statement},
        kesehatan=HealthValues(118, 78, 95, 170),
        documents={"ktp_el", "pas_foto", "ijazah", "surat_pendaftaran"},
    )


def main() -> int:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm (poppler-utils) is needed to render the PDFs.")
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - painting needs it alive
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        seed(folder / "vault")
        with Vault(folder / "vault").unlock(OFFICER, PASSPHRASE) as store:
            service = ApplicationService(store)
            app_id = service.save_draft(applicant(), AdhocBody.PANTARLIH, f"{DESA}.001")
            service.submit(app_id)
            application = service.get(app_id)
            names = recruitment_areas(store.db).names
            receipt = folder / "receipt.pdf"
            write_receipt(
                application,
                receipt,
                area_name="TPS 001, Kel. Bangkinang",
                officer=OFFICER,
                region_names=names,
            )
            png(receipt, "print_receipt")
            write_receipt(
                application,
                folder / "receipt_f4.pdf",
                area_name="TPS 001, Kel. Bangkinang",
                officer=OFFICER,
                region_names=names,
                paper=PaperSize.F4,
                demo=True,
            )
            png(folder / "receipt_f4.pdf", "print_receipt_demo_f4")
            tps = f"{DESA}.002"
            for kind, area, name, paper in (
                (ReportKind.RECAP, tps, "print_recap_tps", PaperSize.A4),
                (ReportKind.RECAP, DESA, "print_recap_desa", PaperSize.F4),
                (ReportKind.VOTER_LIST, tps, "print_voter_list", PaperSize.A4),
                (ReportKind.CHANGES, tps, "print_changes", PaperSize.A4),
            ):
                pdf = folder / f"{name}.pdf"
                export_report(store, kind, area, pdf, now=NOW, paper=paper)
                png(pdf, name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
