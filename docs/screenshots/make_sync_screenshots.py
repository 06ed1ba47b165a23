"""Screenshots of sync in the desk, from the real windows against a real sync server on this
computer (the one the tests use), through a slowed-down link so a run can be caught midway.

    PYTHONPATH=. python docs/screenshots/laptop_screen.py make_sync_screenshots.py

Writes enrol.png (the wizard enrolling, area download under way), sync_running.png and
sync_done.png (the desk during and after "Sinkronkan sekarang"), sync_history.png (a run
with a change KPU refused), sync_conflict.png (a conflict and a KPU announcement),
sync_changes.png (where each change stands: waiting, in a USB-stick bundle, confirmed, refused)
and
sync_offline.png (the signal lost while a TMS photo was on its way: the error kept in the status
bar, the photo waiting with the bytes KPU already holds).
Everything shown is invented demo data. ``--lang en`` for English (files get an _en suffix).
"""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import random
import sys
import tempfile
import time
import uuid

from shots import save, wait  # noqa: E402 (the script folder is on sys.path)

from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.voter_service import VoterService
from desktop_app.sync.pacing import RetryPolicy
from desktop_app.ui.app import AppConfig, MainWindow
from desktop_app.ui.i18n import install_language
from desktop_app.ui.qt import QApplication
from desktop_app.ui.sync.config import SyncConfig
from lapang_core import protocol as p
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import AREA, area_voters, start_server

HERE = pathlib.Path(__file__).resolve().parent
OFFICER, PASSPHRASE = "Yohana Bere", "Perahu-motor ke Pulau 7"
VOTERS = 3000
# A made-up "photo" of a death certificate (JPEG header, random bytes): 300 KB, ten chunks.
PHOTO = b"\xff\xd8\xff\xe0" + random.Random(12).randbytes(300_000)


def main() -> int:
    from desktop_app.store.keyslots import TEST_KDF

    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id", choices=["id", "en"])
    args = parser.parse_args()
    suffix = "" if args.lang == "id" else f"_{args.lang}"
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Lapang")
    install_language(args.lang)
    kpu_key = p.generate_key()

    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        server = start_server(folder / "server", voters=area_voters(VOTERS))
        # 2G-ish: 256 kbit/s and a 600 ms round trip, so the runs last long enough to see.
        proxy = FaultProxy(("127.0.0.1", server.port), latency=0.3, bandwidth_bps=256_000)
        proxy.start()
        config = SyncConfig(
            server_url=proxy.url,
            announcement_key=kpu_key.public_key(),
            engine_options={"retry": RetryPolicy(attempts=3, first_delay=0.1, max_delay=0.5)},
        )
        # A throwaway vault for pictures: the development recovery key is allowed here only.
        window = MainWindow(
            AppConfig(folder / "vault", kdf=TEST_KDF, sync=config, allow_dev_recovery_key=True)
        )
        window.ctx.settings.language = args.lang
        window.start()
        window.show()
        idle = lambda: window.tasks.pending == 0  # noqa: E731
        try:
            # 1. First run: create the vault, enrol with a real code, catch the download.
            wizard = window.page
            wizard.choose_enrol.setChecked(True)
            wizard.next_button.click()
            wizard.officer.setText(OFFICER)
            wizard.passphrase.setText(PASSPHRASE)
            wizard.repeat.setText(PASSPHRASE)
            wizard.create_vault()
            page = wizard.enrol_page
            wait(app, lambda: wizard.pages.currentWidget() is page)
            page.fields.code.setText(server.code())
            downloaded: list = []
            page.enroller.progress.connect(downloaded.append)
            page.enrol()
            wait(app, lambda: any(e.records_done for e in downloaded))
            save(app, window, "enrol", suffix)
            wait(app, lambda: window.desk is not None, timeout=180)
            desk = window.desk
            wait(app, lambda: idle() and desk.detail.voter is not None)
            window.sync.set_auto(False)  # the screenshots say when to sync

            # 2. A morning's work, then Sinkronkan sekarang over the slow link.
            def morning(store) -> None:
                service = VoterService(store)
                ids = [r[0] for r in store.db.execute("SELECT id FROM voters LIMIT 400")]
                with store.db.atomic():
                    for voter_id in ids[:380]:
                        service.mark_sesuai(voter_id)
                    for voter_id in ids[380:]:
                        service.ubah(voter_id, {"rt": "007"})
                from desktop_app.store import outbox
                from desktop_app.store.field_store import utc_now

                with store.db.atomic():  # one change KPU will refuse: a voter it never had
                    outbox.enqueue(
                        store.db,
                        entity="voter",
                        entity_id=uuid.uuid4().hex,
                        op="sesuai",
                        payload={},
                        base_version=1,
                        officer=store.officer,
                        at=utc_now(),
                    )
                return ids[390]

            box: dict = {}
            window.tasks.run(lambda ctx: morning(ctx.store), on_success=lambda r: box.update(id=r))
            wait(app, lambda: "id" in box and idle())
            # KPU corrected one of those voters meanwhile, and sent an announcement.
            index = next(i for i in range(VOTERS) if server.voter_id(i) == box["id"])
            server.repo.load_voters(
                [dataclasses.replace(server.voters[index], alamat="JL. DAHLIA NO. 4")],
                time.time(),
            )
            server.repo.add_announcement(
                p.sign_announcement(
                    kpu_key,
                    uuid.uuid4().hex,
                    AREA,
                    "Coklit diperpanjang sampai 24 Februari",
                    "Pencocokan dan penelitian (coklit) di Kecamatan Bangkinang Kota diperpanjang "
                    "sampai 24 Februari 2029. Data yang belum tersinkron tetap aman di laptop; "
                    "sinkronkan setiap kali ada sinyal.\n\nKPU Kabupaten Kampar",
                    "2029-02-10T01:00:00+00:00",
                )
            )
            desk.status.refresh()
            wait(app, idle)
            sent: list = []
            window.sync.progress.connect(sent.append)
            desk.sync_now()
            wait(app, lambda: any(e.phase == "push" and e.records_done > 40 for e in sent))
            save(app, window, "sync_running", suffix)
            wait(app, lambda: not window.sync.busy and idle(), timeout=300)
            save(app, window, "sync_done", suffix)

            # 3. The history, with the refused change and its reason.
            desk.open_sync_history()
            history = desk.history_dialog
            wait(app, lambda: history.loaded)
            history.tabs.setCurrentIndex(0)
            save(app, history, "sync_history", suffix)
            history.tabs.setCurrentIndex(2)
            save(app, history, "sync_conflict", suffix)
            history.tabs.setCurrentIndex(3)
            save(app, history, "sync_announcement", suffix)
            history.tabs.setCurrentIndex(history.tabs.indexOf(history.changes))
            wait(app, idle)
            save(app, history, "sync_changes", suffix)
            history.reject()

            # 4. A TMS with its photo; the signal goes while the photo is on its way.
            def tms_with_photo(store) -> None:
                voter_id = store.db.execute(
                    "SELECT id FROM voters WHERE keterangan = '' ORDER BY id LIMIT 1"
                ).fetchone()[0]
                VoterService(store).mark_tms(
                    voter_id,
                    1,
                    "akta_kematian",
                    "474.3/17/2029",
                    AttachmentInput(PHOTO, "image/jpeg"),
                )

            done: list = []
            window.tasks.run(lambda ctx: tms_with_photo(ctx.store), on_success=done.append)
            wait(app, lambda: done and idle())

            def lose_the_signal(progress) -> None:
                if progress.phase == "attachments" and progress.bytes_done > 64 << 10:
                    proxy.configure(reset_every=1)

            window.sync.progress.connect(lose_the_signal)
            desk.sync_now()
            wait(app, lambda: not window.sync.busy and idle(), timeout=300)
            desk.status.refresh()
            wait(app, idle)
            save(app, window, "sync_offline", suffix)
        finally:
            window.close()
            proxy.stop()
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
