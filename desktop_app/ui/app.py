"""The desk application: ``run_app(args)`` is what ``lapang`` runs without a command.

The main window is a shell holding one page at a time — first-run wizard, unlock screen, desk —
and owns the task manager and the auto-lock. Locking closes the store on the worker (which
overwrites the data key in memory), throws the desk page away with everything it showed, and
returns to the unlock screen. Sync belongs to the unlocked session too: its controller is made
with the desk and shut down (a running sync cancelled, the watcher stopped) when locking."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import pathlib
import sys
from typing import Any

from desktop_app.cli import DEMO_OFFICER, DEMO_PASSPHRASE
from desktop_app.deployment import development_key_allowed
from desktop_app.instance_lock import AlreadyRunning, InstanceLock
from desktop_app.resources import resource_path
from desktop_app.store.vault import Vault
from desktop_app.ui import labels
from desktop_app.ui.context import DeskContext, StoreEvents
from desktop_app.ui.desk import DeskView
from desktop_app.ui.gc_thread import collect_on_gui_thread
from desktop_app.ui.i18n import install_language
from desktop_app.ui.idle import IdleLock
from desktop_app.ui.messages import error_text
from desktop_app.ui.operations import TaskManager
from desktop_app.ui.placement import fit_dialog, keep_on_screen
from desktop_app.ui.qt import (
    QAction,
    QApplication,
    QDialog,
    QKeySequence,
    QMainWindow,
    QMessageBox,
    QSize,
    QStackedWidget,
    Qt,
    QWidget,
    translate,
)
from desktop_app.ui.settings import DeskSettings
from desktop_app.ui.settings_dialog import SettingsChange, SettingsDialog
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.controller import SyncController
from desktop_app.ui.unlock import UnlockView
from desktop_app.ui.vault_ops import Opened
from desktop_app.ui.voter_list import ListPlace
from desktop_app.ui.wizard import FirstRunWizard, WizardOptions

log = logging.getLogger(__name__)


@dataclasses.dataclass
class AppConfig:
    data_dir: pathlib.Path
    officer: str | None = None
    recovery_public_key: pathlib.Path = dataclasses.field(
        default_factory=lambda: resource_path("keys", "kpu_recovery_public.pem")
    )
    demo_voters: int = 5000
    kdf: dict[str, Any] | None = None  # None: the vault's default (tests pass a cheap one)
    sync: SyncConfig = dataclasses.field(default_factory=SyncConfig)
    deployment_file: pathlib.Path | None = None  # the deployment.toml in force, if any
    # Tests only: a real vault may use the development recovery key (never recoverable).
    allow_dev_recovery_key: bool = False


class MainWindow(QMainWindow):
    def __init__(self, config: AppConfig, settings: DeskSettings | None = None) -> None:
        super().__init__()
        collect_on_gui_thread()  # never on the database worker: see gc_thread
        self.config = config
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Lapang — Meja Lapangan"))
        self.tasks = TaskManager(self)
        settings = settings or DeskSettings.load(config.data_dir)
        self.ctx = DeskContext(self.tasks, StoreEvents(self), settings, config.data_dir)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.idle = IdleLock(self)
        self.idle.idle.connect(self.lock)
        self.tasks.unhandled_error.connect(self._unhandled)
        self.page: QWidget | None = None
        self.sync: SyncController | None = None
        # (officer, place in the list) across a lock, for that officer's next unlock.
        self._kept_place: tuple[str, ListPlace] | None = None
        # Shrunk to fit (and remembered) on the 1366x768 screens most field laptops have.
        self.placement = keep_on_screen(self, "main", QSize(1440, 860), self.ctx)
        self.act_quit = QAction(self)  # a key only: shown nowhere, so no text to translate
        self.act_quit.setObjectName("quit")
        self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))
        # Not while a dialog on top has the keyboard: quitting goes through closeEvent, as the
        # close button does, and that button is out of reach under a modal dialog too.
        self.act_quit.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_quit.triggered.connect(self.close)
        self.addAction(self.act_quit)

    # -- pages ------------------------------------------------------------------------------------
    def start(self) -> None:
        # A stat of two file names: cheap enough for the GUI thread, and it decides the first page.
        if Vault(self.config.data_dir).exists():
            self.show_unlock()
        else:
            self.show_wizard()

    def _set_page(self, page: QWidget) -> None:
        old = self.page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.page = page
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def show_wizard(self) -> None:
        options = WizardOptions(
            recovery_public_key=self.config.recovery_public_key,
            demo_officer=DEMO_OFFICER,
            demo_passphrase=DEMO_PASSPHRASE,
            demo_voters=self.config.demo_voters,
            kdf=self.config.kdf,
            sync=self.config.sync,
            deployment_file=self.config.deployment_file,
            allow_dev_recovery_key=self.config.allow_dev_recovery_key,
        )
        wizard = FirstRunWizard(self.ctx, options, self)
        wizard.opened.connect(self.show_desk)
        self._set_page(wizard)

    def show_unlock(self) -> None:
        demo_login = (DEMO_OFFICER, DEMO_PASSPHRASE) if self.ctx.settings.demo_vault else None
        view = UnlockView(self.ctx, self.config.officer, self, demo_login=demo_login)
        view.unlocked.connect(self.show_desk)
        self._set_page(view)

    def show_desk(self, opened: Opened) -> None:
        self.ctx.officer = opened.officer
        self.ctx.election_date = opened.election_date
        labels.use_election_rules(opened.election_rules)
        settings = self.ctx.settings
        if settings.last_officer != opened.officer or settings.demo_vault != opened.demo:
            settings.last_officer = opened.officer
            settings.demo_vault = opened.demo
            self._save_settings()
        if self.sync is None:
            self.sync = SyncController(self.ctx, self.config.sync, self)
        desk = DeskView(self.ctx, self, self.sync)
        kept, self._kept_place = self._kept_place, None
        if kept is not None and kept[0] == opened.officer:
            desk.voters.restore_place(kept[1])
        desk.lock_requested.connect(self.lock)
        desk.settings_requested.connect(self.open_settings)
        self._set_page(desk)
        title = self.tr("Lapang — %1").replace("%1", opened.officer)
        if opened.demo:
            title += self.tr(" (DEMO: data rekaan)")
        self.setWindowTitle(title)
        self.idle.set_timeout(settings.idle_lock_minutes * 60)
        self.idle.start()
        desk.voters.table.setFocus()
        self.sync.refresh()  # counts, enrolment; starts watching the server when enrolled

    @property
    def desk(self) -> DeskView | None:
        return self.page if isinstance(self.page, DeskView) else None

    # -- locking ----------------------------------------------------------------------------------
    def lock(self) -> None:
        """Close every dialog, close the store (wiping the key) and show the unlock screen."""
        if self.desk is None:
            return
        self.idle.stop()
        self._kept_place = (self.ctx.officer, self.desk.voters.place())
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self._end_sync()
        self.tasks.lock()
        self.ctx.officer = ""
        self.setWindowTitle(self.tr("Lapang — Meja Lapangan"))
        self.show_unlock()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.ctx, self)
        dialog.changed.connect(self._settings_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _settings_changed(self, change: SettingsChange) -> None:
        self.idle.set_timeout(self.ctx.settings.idle_lock_minutes * 60)
        if change.language_changed:
            install_language(self.ctx.settings.language)
        if (change.language_changed or change.election_date_changed) and self.desk is not None:
            # Rebuild the desk so every label is in the new language / uses the new date.
            demo = self.ctx.settings.demo_vault
            self._kept_place = (self.ctx.officer, self.desk.voters.place())
            self.show_desk(Opened(self.ctx.officer, self.ctx.election_date, demo))

    def _save_settings(self) -> None:
        self.ctx.settings.save_quietly(self.config.data_dir)

    def _unhandled(self, exc: Exception) -> None:
        if self.desk is not None:
            self.desk.show_message(error_text(exc))

    def _end_sync(self) -> None:
        if self.sync is not None:
            # Cancelled before the store closes: the close waits behind a running sync.
            self.sync.shutdown()
            self.sync.deleteLater()
            self.sync = None

    def closeEvent(self, event) -> None:  # noqa: N802
        self.idle.stop()
        self._end_sync()
        self.tasks.shutdown()
        super().closeEvent(event)


def app_config(args: argparse.Namespace) -> AppConfig:
    """The window's settings from the command line and the deployment ``cli.main`` loaded."""
    config = AppConfig(
        data_dir=pathlib.Path(args.data_dir),
        officer=getattr(args, "officer", None),
        allow_dev_recovery_key=development_key_allowed(),
    )
    deployment = getattr(args, "deployment", None)
    if deployment is not None:
        config.recovery_public_key = deployment.recovery_public_key_file
        config.deployment_file = deployment.source
        config.sync = SyncConfig.from_deployment(deployment)
    return config


def run_app(args: argparse.Namespace) -> int:
    """Start the desk window; returns the exit status. ``args.deployment`` (set by ``cli.main``)
    names the sync server, its pinned certificate and the KPU keys."""
    config = app_config(args)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lapang")
    app.setOrganizationName("KPU")
    settings = DeskSettings.load(config.data_dir)
    install_language(settings.language)
    try:
        lock = take_instance_lock(config.data_dir)
    except AlreadyRunning:
        log.warning("a second desk for the same data folder was not started")
        show_already_running(config.data_dir)
        return 1
    try:
        window = MainWindow(config, settings)
        window.start()
        window.show()
        return app.exec()
    finally:
        lock.release()


def take_instance_lock(data_dir: pathlib.Path) -> InstanceLock:
    """This desk's lock on its data folder; raises ``AlreadyRunning`` when another desk has it.
    Where no lock file can be made (a read-only folder, something in the way) the desk still
    starts, unlocked: one desk that runs beats none."""
    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
    except AlreadyRunning:
        raise
    except OSError as exc:
        log.warning("instance lock not taken: %s", exc.strerror or type(exc).__name__)
    return lock


def already_running_text(data_dir: pathlib.Path) -> str:
    return translate(
        "MainWindow",
        "Lapang sudah terbuka untuk folder data ini (%1). Gunakan jendela Lapang yang sudah "
        "terbuka (lihat bilah tugas), atau tutup jendela itu dulu.",
    ).replace("%1", str(data_dir))


def show_already_running(data_dir: pathlib.Path) -> None:
    """A second desk on one vault would sync, lock and save settings beside the first."""
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(translate("MainWindow", "Lapang sudah terbuka"))
    box.setText(already_running_text(data_dir))
    fit_dialog(box)
    box.exec()


def show_startup_error(message: str) -> None:
    """A dialog for a problem that stops the app before any window (a bad deployment file):
    an officer who started it from a menu would otherwise see nothing at all."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    install_language("id")  # the desk's settings live in the vault folder, not read yet
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(translate("MainWindow", "Lapang tidak dapat dimulai"))
    box.setText(
        translate(
            "MainWindow",
            "Pengaturan aplikasi di laptop ini rusak atau tidak lengkap, jadi Lapang tidak "
            "dimulai. Data Anda tidak berubah. Hubungi TI KPU dan sebutkan pesan di bawah.",
        )
    )
    box.setInformativeText(message)  # English, for KPU IT: it names the file and the setting
    fit_dialog(box)
    box.exec()
