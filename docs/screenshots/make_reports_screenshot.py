"""Screenshots of the reports window, from the real window on a synthetic vault: one desa with
five TPS at different stages of coklit (one finished, one half way, one not started, …).

    PYTHONPATH=. python docs/screenshots/laptop_screen.py make_reports_screenshot.py

Writes reports.png (the desa, with the per-TPS chart) and reports_tps.png (one TPS) next to this
file. Pass ``--lang en`` for English (files get an _en suffix). Everything shown is invented.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import pathlib
import random
import sys
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from shots import save, wait  # noqa: E402 (the script folder is on sys.path)

from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_import import import_voters, load_regions
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from desktop_app.ui.app import AppConfig, MainWindow
from desktop_app.ui.i18n import install_language
from desktop_app.ui.qt import QApplication
from desktop_app.ui.reports import open_reports

HERE = pathlib.Path(__file__).resolve().parent
OFFICER = "Siti Rahmawati"
PASSPHRASE = "kapal-layar-di-teluk"
DESA = "14.01.01.1011"
ELECTION = dt.date(2029, 2, 14)
# Share of each TPS already checked: a desa mid-coklit.
PROGRESS = (1.0, 0.92, 0.55, 0.2, 0.0)


def _public_key() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def seed(data_dir: pathlib.Path) -> None:
    """A desa of five TPS, each checked to its PROGRESS share with a plausible mix of outcomes."""
    with Vault(data_dir).create(OFFICER, PASSPHRASE, _public_key(), kdf=TEST_KDF) as store:
        store.set_election_date(ELECTION)
        rows = [r for r in load_region_rows(demo_regions_path()) if DESA.startswith(r[0])]
        load_regions(store, rows)
        records = list(
            generate_voters(rows, 1150, seed=11, election_date=ELECTION, tps_size=(210, 250))
        )
        import_voters(store, records, source="screenshot")
        service = VoterService(store)
        rng = random.Random(5)
        tps_ids = sorted({r.tps_id for r in records})
        for tps, share in zip(tps_ids, PROGRESS, strict=False):
            ids = [
                row[0]
                for row in store.db.execute(
                    "SELECT id FROM voters WHERE tps_id = ? ORDER BY nama", [tps]
                )
            ]
            for voter_id in ids[: int(len(ids) * share)]:
                x = rng.random()
                if x < 0.80:
                    service.mark_sesuai(voter_id)
                elif x < 0.90:
                    # RT 0xx never occurs in the synthetic list: always a real correction.
                    service.ubah(voter_id, {"rt": f"{rng.randint(10, 40):03d}"})
                elif x < 0.94:
                    service.mark_tms(voter_id, 1, "akta_kematian", "AK/2029/1")
                elif x < 0.97:
                    service.mark_tms(voter_id, 4, "skpwni", "SKPWNI/07")
                elif x < 0.985:
                    service.mark_tms(voter_id, 3, "dokumen_tanggal_lahir", "KK")
                else:
                    service.mark_tms(voter_id, 2, "data_ganda", "lain")
            # Coklit also finds people missing from the list.
            if share:
                extra = generate_voters(
                    rows, 240, seed=90 + tps_ids.index(tps), election_date=ELECTION
                )
                for record in list(extra)[: int(12 * share)]:
                    service.add_baru(dataclasses.replace(record, tps_id=tps))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id", choices=["id", "en"])
    args = parser.parse_args()
    suffix = "" if args.lang == "id" else f"_{args.lang}"
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Lapang")
    install_language(args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = pathlib.Path(tmp) / "vault"
        seed(data_dir)
        window = MainWindow(AppConfig(data_dir, kdf=TEST_KDF))
        window.start()
        window.show()
        idle = lambda: window.tasks.pending == 0  # noqa: E731
        wait(app, lambda: idle() and window.page.officer.count() > 0)
        window.page.passphrase.setText(PASSPHRASE)
        window.page.try_unlock()
        wait(app, lambda: window.desk is not None and idle())

        reports = open_reports(window, window.ctx, DESA)
        wait(app, lambda: idle() and reports.report is not None and reports.area == DESA)
        save(app, reports, "reports", suffix)
        reports.areas.select_area(f"{DESA}.003")
        wait(app, lambda: idle() and reports.report.area == f"{DESA}.003")
        save(app, reports, "reports_tps", suffix)
        reports.reject()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
