"""Screenshots of the ad hoc body application form, from the real window on a demo vault.

    PYTHONPATH=. python docs/screenshots/laptop_screen.py make_recruitment_screenshots.py

Writes recruitment_form.png (a filled KPPS form with a warning and missing documents),
recruitment_submitted.png (after Kirim), recruitment_list.png and recruitment_shortlist.png
(interview scores pulled from KPU, not yet decided) next to this file. Everything
shown is invented demo data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import sys
import tempfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from shots import save, wait  # noqa: E402 (the script folder is on sys.path)

from desktop_app.store.application_outcomes import store_outcomes
from desktop_app.store.application_service import ApplicationService
from desktop_app.store.demo import load_demo
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.ui.app import AppConfig, MainWindow
from desktop_app.ui.i18n import install_language
from desktop_app.ui.qt import QApplication, QPushButton
from desktop_app.ui.recruitment import open_recruitment
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.recruitment import AdhocBody
from lapang_core.protocol import ApplicationOutcome

HERE = pathlib.Path(__file__).resolve().parent
OFFICER = "Siti Rahmawati"
PASSPHRASE = "kapal-layar-di-teluk"


def _public_key() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _fill(page, *, nik: str, nama: str, born: dt.date, sex: str, desa: str, docs: list[str]):
    form = page.form
    values = {
        "nik": nik,
        "nama": nama,
        "tempat_lahir": "Selong",
        "tanggal_lahir": born.strftime("%d-%m-%Y"),
        "alamat_ktp": "Dusun Pelita RT 001 RW 002",
        "pekerjaan": "Wiraswasta",
        "telepon": "0812 3456 7890",
        "kesehatan.sistolik": "150",
        "kesehatan.diastolik": "85",
        "kesehatan.gula_darah": "110",
        "kesehatan.kolesterol": "190",
    }
    for name, value in values.items():
        form.fields[name].setText(value)
        form._touch(name)
    form.fields["jenis_kelamin"].setCurrentIndex(form.fields["jenis_kelamin"].findData(sex))
    form.fields["pendidikan"].setCurrentIndex(form.fields["pendidikan"].findData("sma"))
    form.fields["domisili_kode"].select_code(desa)
    form.statements.tick_all()
    for document in docs:
        form.documents.received[document].setChecked(True)


def _send(app, page) -> None:
    """Kirim, and answer "Kirim pendaftaran?" with Kirim."""
    page.submit()
    wait(app, lambda: page.confirm_box is not None and page.confirm_box.isVisible())
    page.confirm_box.findChild(QPushButton, "confirmSend").click()


def _pull_interview_scores(store, desa: str) -> None:
    """Outcomes as a pull brings them: Ahmad Fauzi's (taken here) and seven taken on the other
    laptop of the PPS office."""
    [ahmad] = [a for a in ApplicationService(store).list(body=AdhocBody.PPS) if a.application_no]
    scores = [91.0, 84.5, 79.0, 88.0, 70.5, 76.0, 65.0]
    outcomes = [
        ApplicationOutcome(
            f"{i:032x}", f"PPS-B7C2E1-{i:05d}", "PPS", desa, "interview", None, s, "", (), 3
        )
        for i, s in enumerate(scores, start=1)
    ]
    outcomes.append(
        ApplicationOutcome(
            ahmad.id, ahmad.application_no, "PPS", desa, "interview", None, 86.0, "", (), 3
        )
    )
    with store.db.atomic():
        store_outcomes(store.db, [dataclasses.asdict(o) for o in outcomes], "2026-11-25T09:00Z")


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Lapang")
    install_language("id")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = pathlib.Path(tmp) / "vault"
        with Vault(data_dir).create(OFFICER, PASSPHRASE, _public_key(), kdf=TEST_KDF) as store:
            load_demo(store, voters=2000)
        window = MainWindow(AppConfig(data_dir, kdf=TEST_KDF))
        window.start()
        window.show()
        idle = lambda: window.tasks.pending == 0  # noqa: E731
        wait(app, lambda: idle() and window.page.officer.count() > 0)
        window.page.passphrase.setText(PASSPHRASE)
        window.page.try_unlock()
        wait(app, lambda: window.desk is not None and idle())

        rec = open_recruitment(window, window.ctx)
        wait(app, lambda: rec.list_page is not None and idle())
        tps = rec.setup.areas.tps[0]
        kecamatan = ".".join(tps.tps_id.split(".")[:3])

        # One application already received, so the list has a submitted row and a draft.
        rec.new_application()
        page = rec.page
        page.body.setCurrentIndex(page.body.findData(AdhocBody.PPS.name))
        page.area.select_code(tps.kode_desa)
        born = dt.date(1992, 3, 9)
        _fill(
            page,
            nik=encode_nik(kecamatan, born, "L", 41),
            nama="Ahmad Fauzi",
            born=born,
            sex="L",
            desa=tps.kode_desa,
            docs=[
                "surat_pendaftaran",
                "ktp_el",
                "ijazah",
                "surat_pernyataan",
                "surat_keterangan_sehat",
                "daftar_riwayat_hidup",
                "pas_foto",
            ],
        )
        _send(app, page)
        wait(app, lambda: page.submitted_application is not None and idle())

        # The screenshot: a KPPS applicant of 57 (a warning), blood pressure above the usual
        # limit (a warning), two documents not brought (listed, not blocking).
        rec.new_application()
        page = rec.page
        page.body.setCurrentIndex(page.body.findData(AdhocBody.KPPS.name))
        page.area.select_code(tps.tps_id)
        born = dt.date(1971, 6, 2)
        _fill(
            page,
            nik=encode_nik(kecamatan, born, "P", 77),
            nama="Rina Marlina",
            born=born,
            sex="P",
            desa=tps.kode_desa,
            docs=[
                "surat_pendaftaran",
                "ktp_el",
                "surat_pernyataan",
                "surat_keterangan_sehat",
                "daftar_riwayat_hidup",
            ],
        )
        form = page.form
        form.documents.set_attached("ktp_el", "ktp_rina.jpg")
        page.save_now()
        wait(app, lambda: idle() and not page.has_unsaved_changes)
        save(app, rec, "recruitment_form")

        _send(app, page)
        wait(app, lambda: page.submitted_application is not None and idle())
        save(app, rec, "recruitment_submitted")

        # A third applicant left as a draft, then the list.
        rec.new_application()
        page = rec.page
        page.body.setCurrentIndex(page.body.findData(AdhocBody.PANTARLIH.name))
        page.area.select_code(tps.tps_id)
        page.form.fields["nama"].setText("Yohanes Bria")
        page.form._touch("nama")
        page.save_now()
        wait(app, lambda: idle() and not page.has_unsaved_changes)
        rec.show_list()
        wait(app, lambda: idle() and rec.list_page.model.rowCount() == 3)
        save(app, rec, "recruitment_list")

        # Interview scores of the desa arrive on pull, KPU has not announced yet.
        window.tasks.run(lambda ctx: _pull_interview_scores(ctx.store, tps.kode_desa))
        wait(app, idle)
        rec.show_shortlist()
        wait(app, lambda: idle() and rec.shortlist_page.model.rowCount() == 8)
        save(app, rec, "recruitment_shortlist")
        rec.reject()
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
