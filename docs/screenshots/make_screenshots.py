"""Screenshots of the desk's main screens, taken from the real windows on a fresh demo vault.

    PYTHONPATH=. python docs/screenshots/laptop_screen.py make_screenshots.py

Writes wizard.png, unlock.png, main.png, tms.png, ubah.png and new_voter.png next to this file.
Everything shown is invented demo data. Pass ``--lang en`` for English (files get an _en suffix).
Sync (enrolment, the status bar during and after a run, the history) has its own script, which
needs a sync server: ``make_sync_screenshots.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import sys
import tempfile

from shots import save, wait  # noqa: E402 (the script folder is on sys.path)

from desktop_app.cli import DEMO_PASSPHRASE
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.ui.app import AppConfig, MainWindow
from desktop_app.ui.i18n import install_language
from desktop_app.ui.qt import QApplication
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk

HERE = pathlib.Path(__file__).resolve().parent


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
        # The cheap KDF only makes the script quick; the demo is otherwise what an officer gets.
        window = MainWindow(AppConfig(data_dir, kdf=TEST_KDF, demo_voters=5000))
        window.ctx.settings.language = args.lang
        window.start()
        window.show()
        idle = lambda: window.tasks.pending == 0  # noqa: E731

        # 1. First run.
        wizard = window.page
        save(app, window, "wizard", suffix)
        wizard.choose_demo.setChecked(True)
        wizard.next_button.click()
        wait(app, lambda: window.desk is not None)

        # 2. Unlock screen (lock the fresh demo desk).
        window.lock()
        wait(app, lambda: idle() and window.page.officer.count() > 0)
        save(app, window, "unlock", suffix)
        window.page.passphrase.setText(DEMO_PASSPHRASE)
        window.page.try_unlock()
        wait(app, lambda: window.desk is not None)
        desk = window.desk
        wait(app, lambda: idle() and desk.detail.voter is not None)

        # 3. Record a few outcomes so the list shows its colours, then the main window.
        for _ in range(4):
            desk.mark_sesuai()
            wait(app, idle)
        desk.open_ubah()
        ubah = desk.dialog
        ubah.form.fields["alamat"].setText("DUSUN KUALA BARU")
        ubah.form.touched.add("alamat")
        ubah._validate()
        save(app, ubah, "ubah", suffix)
        ubah.save()
        wait(app, lambda: idle() and desk.dialog is None)
        desk.voters.select_next()
        wait(app, idle)
        desk.open_tms()
        tms = desk.dialog
        tms.evidence.setCurrentIndex(max(0, tms.evidence.findData("akta_kematian")))
        tms.reference.setText("474.3/021/2029")
        wait(app, idle)
        save(app, tms, "tms", suffix)
        tms.save()
        wait(app, lambda: idle() and desk.dialog is None)
        desk.voters.table.setCurrentIndex(desk.voters.model.index(4, 1))  # the corrected row
        wait(app, idle)
        save(app, window, "main", suffix)

        # 4. New voter with a warning: a man's record carrying a woman's NIK.
        desk.open_new_voter()
        dialog = desk.dialog
        kecamatan = ".".join(dialog.tps.currentData().split(".")[:3])
        born = dt.date(1996, 8, 17)
        form = dialog.form
        values = {
            "nkk": encode_nkk(kecamatan, dt.date(2019, 5, 2), 812),
            "nik": encode_nik(kecamatan, born, "P", 9102),
            "nama": "YOSEF BATAONA",
            "tempat_lahir": "LEWOLEBA",
            "tanggal_lahir": born.strftime("%d-%m-%Y"),
            "alamat": "DUSUN KUALA",
            "rt": "003",
            "rw": "001",
        }
        for name, value in values.items():
            form.fields[name].setText(value)
            form.touched.add(name)
        for name, value in (
            ("status_perkawinan", "B"),
            ("jenis_kelamin", "L"),
            ("status_ktp_el", "S"),
        ):
            combo = form.fields[name]
            combo.setCurrentIndex(combo.findData(value))
        dialog.validate()
        save(app, dialog, "new_voter", suffix)
        dialog.reject()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
