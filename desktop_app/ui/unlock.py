"""The unlock screen: the officer profiles on this laptop and a passphrase field. Unlocking runs
on the worker (the key derivation takes a noticeable fraction of a second by design)."""

from __future__ import annotations

import math

from desktop_app.store.errors import UnlockThrottled
from desktop_app.ui import vault_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.messages import error_text
from desktop_app.ui.qt import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.vault_ops import Opened


class UnlockView(QWidget):
    unlocked = Signal(object)  # Opened

    def __init__(
        self,
        ctx: DeskContext,
        preferred_officer: str | None = None,
        parent: QWidget | None = None,
        *,
        demo_login: tuple[str, str] | None = None,
    ) -> None:
        """``demo_login`` (officer, passphrase) is given for a demo vault only: its passphrase
        is shown under the form while that officer is chosen."""
        super().__init__(parent)
        self.setObjectName("unlock")
        self._ctx = ctx
        self._preferred = preferred_officer or ctx.settings.last_officer
        self._wait_left = 0
        self._wait_counter_damaged = False

        title = QLabel(self.tr("Lapang — Meja Lapangan"))
        title.setObjectName("title")
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        subtitle = QLabel(
            self.tr(
                "Data pemilih di laptop ini terenkripsi. Pilih nama Anda dan masukkan frasa sandi."
            )
        )
        subtitle.setWordWrap(True)
        self.officer = QComboBox(self)
        self.officer.setObjectName("officer")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = QPushButton(self.tr("&Buka kunci"), self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self._demo_login = demo_login
        # The note in a framed box: padding set on a wrapped label itself is left out of its
        # height, and the last line would be cut off.
        self.demo_box = QFrame(self)
        self.demo_box.setObjectName("demoBox")
        self.demo_box.setStyleSheet("#demoBox { background: #fff3cd; border: 1px solid #e0c36a; }")
        self.demo_hint = QLabel(self.demo_box)
        self.demo_hint.setObjectName("demoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_hint.setStyleSheet("color: #5c4400;")
        QVBoxLayout(self.demo_box).addWidget(self.demo_hint)
        self.demo_box.setVisible(False)
        if demo_login is not None:
            self.demo_hint.setText(
                self.tr('MODE DEMO — data rekaan, bukan data asli. Frasa sandi demo untuk "%1": %2')
                .replace("%1", demo_login[0])
                .replace("%2", demo_login[1])
            )
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")

        form = QFormLayout()
        officer_label = QLabel(self.tr("&Petugas:"))
        officer_label.setBuddy(self.officer)
        pass_label = QLabel(self.tr("&Frasa sandi:"))
        pass_label.setBuddy(self.passphrase)
        form.addRow(officer_label, self.officer)
        form.addRow(pass_label, self.passphrase)

        box = QWidget(self)
        box.setMaximumWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(12)
        inner.addLayout(form)
        inner.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.message)
        inner.addWidget(self.demo_box)
        # Centred between stretches rather than by alignment: an aligned box is given the
        # height its wrapped labels need at the full window width, and loses their last line.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.officer.currentTextChanged.connect(self._show_demo_hint)
        self.unlock_button.setEnabled(False)
        ctx.read(
            vault_ops.list_officers(ctx.data_dir),
            self._show_officers,
            on_failure=self._failed,
            owner=self,
        )

    def _show_officers(self, officers: list[str]) -> None:
        self.officer.clear()
        self.officer.addItems(officers)
        if self._preferred in officers:
            self.officer.setCurrentIndex(officers.index(self._preferred))
        self.unlock_button.setEnabled(bool(officers))
        self.passphrase.setFocus()

    def _show_demo_hint(self, officer: str) -> None:
        self.demo_box.setVisible(self._demo_login is not None and officer == self._demo_login[0])

    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        officer = self.officer.currentText()
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText(self.tr("Masukkan frasa sandi."))
            return
        self.unlock_button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.message.setStyleSheet("color: #555;")
        self.message.setText(self.tr("Membuka…"))
        self._ctx.read(
            vault_ops.unlock(self._ctx.data_dir, officer, passphrase),
            self._opened,
            on_failure=self._failed,
            owner=self,
        )

    def _opened(self, opened: Opened) -> None:
        self.passphrase.clear()
        self.message.setText("")
        self.unlocked.emit(opened)

    def _failed(self, exc: Exception) -> None:
        self.passphrase.setEnabled(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(error_text(exc))
        if isinstance(exc, UnlockThrottled):
            self._wait_left = max(1, math.ceil(exc.wait_seconds))
            self._wait_counter_damaged = exc.counter_damaged
            self._countdown.start()
        else:
            self.unlock_button.setEnabled(self.officer.count() > 0)

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.message.setText("")
        else:
            waiting = UnlockThrottled(self._wait_left, counter_damaged=self._wait_counter_damaged)
            self.message.setText(error_text(waiting))
