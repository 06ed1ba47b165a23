"""The desk application: ``run_app(args)`` is what ``lapang`` runs without a command.

The main window is a shell holding one page at a time — first-run wizard, unlock screen, desk —
and owns the task manager and the auto-lock. Locking closes the store on the worker (which
overwrites the data key in memory), throws the desk page away with everything it showed, and
returns to the unlock screen."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import pathlib
import sys
from typing import Any

from desktop_app.cli import DEMO_OFFICER, DEMO_PASSPHRASE
from desktop_app.resources import resource_path
from desktop_app.store.vault import Vault
from desktop_app.ui.context import DeskContext, StoreEvents
from desktop_app.ui.desk import DeskView
from desktop_app.ui.i18n import install_language
from desktop_app.ui.idle import IdleLock
from desktop_app.ui.messages import error_text
from desktop_app.ui.operations import TaskManager
from desktop_app.ui.qt import QApplication, QDialog, QMainWindow, QStackedWidget, QWidget
from desktop_app.ui.settings import DeskSettings
from desktop_app.ui.settings_dialog import SettingsChange, SettingsDialog
from desktop_app.ui.unlock import UnlockView
from desktop_app.ui.vault_ops import Opened
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


class MainWindow(QMainWindow):
    def __init__(self, config: AppConfig, settings: DeskSettings | None = None) -> None:
        super().__init__()
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
        self.resize(1440, 860)

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
        )
        wizard = FirstRunWizard(self.ctx, options, self)
        wizard.opened.connect(self.show_desk)
        self._set_page(wizard)

    def show_unlock(self) -> None:
        view = UnlockView(self.ctx, self.config.officer, self)
        view.unlocked.connect(self.show_desk)
        self._set_page(view)

    def show_desk(self, opened: Opened) -> None:
        self.ctx.officer = opened.officer
        self.ctx.election_date = opened.election_date
        settings = self.ctx.settings
        if settings.last_officer != opened.officer:
            settings.last_officer = opened.officer
            self._save_settings()
        desk = DeskView(self.ctx, self)
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

    @property
    def desk(self) -> DeskView | None:
        return self.page if isinstance(self.page, DeskView) else None

    # -- locking ----------------------------------------------------------------------------------
    def lock(self) -> None:
        """Close every dialog, close the store (wiping the key) and show the unlock screen."""
        if self.desk is None:
            return
        self.idle.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
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
            self.show_desk(Opened(self.ctx.officer, self.ctx.election_date, False))

    def _save_settings(self) -> None:
        try:
            self.ctx.settings.save(self.config.data_dir)
        except OSError as exc:
            log.warning("Desk settings not saved: %s", exc.strerror)

    def _unhandled(self, exc: Exception) -> None:
        if self.desk is not None:
            self.desk.show_message(error_text(exc))

    def closeEvent(self, event) -> None:  # noqa: N802
        self.idle.stop()
        self.tasks.shutdown()
        super().closeEvent(event)


def run_app(args: argparse.Namespace) -> int:
    """Start the desk window; returns the exit status."""
    config = AppConfig(data_dir=pathlib.Path(args.data_dir), officer=getattr(args, "officer", None))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Lapang")
    app.setOrganizationName("KPU")
    settings = DeskSettings.load(config.data_dir)
    install_language(settings.language)
    window = MainWindow(config, settings)
    window.start()
    window.show()
    return app.exec()
