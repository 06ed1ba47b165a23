"""First run on a laptop: make the encrypted vault for this officer, or start the demo.

"Daftar dengan kode dari KPU" makes the vault the same way, then enrols the laptop and
downloads its area (``desktop_app.ui.sync.enrol_page``)."""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Any

from desktop_app.deployment import DevelopmentRecoveryKey, refuse_development_recovery_key
from desktop_app.store.vault import MIN_PASSPHRASE_LENGTH, passphrase_strength_hint
from desktop_app.ui import vault_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.messages import error_text
from desktop_app.ui.qt import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.enrol_page import EnrolPage
from desktop_app.ui.vault_ops import Opened


@dataclasses.dataclass(frozen=True)
class WizardOptions:
    recovery_public_key: pathlib.Path
    demo_officer: str
    demo_passphrase: str
    demo_voters: int = 5000
    kdf: dict[str, Any] | None = None  # tests pass a cheap one; None = the vault's default
    sync: SyncConfig = dataclasses.field(default_factory=SyncConfig)
    deployment_file: pathlib.Path | None = None
    allow_dev_recovery_key: bool = False  # tests only: see AppConfig


class FirstRunWizard(QWidget):
    opened = Signal(object)  # Opened

    def __init__(self, ctx: DeskContext, options: WizardOptions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("wizard")
        self._ctx = ctx
        self._options = options
        self._enrol_after_create = False
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._create_page())
        self.pages.addWidget(self._demo_page())
        self.enrol_page = EnrolPage(ctx, options.sync, self)
        self.enrol_page.done.connect(self.opened)
        self.pages.addWidget(self.enrol_page)
        box = QWidget(self)
        box.setMaximumWidth(620)
        inner = QVBoxLayout(box)
        title = QLabel(self.tr("Selamat datang di Lapang"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        inner.addWidget(title)
        inner.addWidget(self.pages)
        layout = QVBoxLayout(self)
        # The box takes most of the spare height rather than its size hint: a stacked widget
        # does not grow for wrapped text, and a refusal on the create page runs to many lines.
        layout.addStretch(1)
        layout.addWidget(box, 4, Qt.AlignmentFlag.AlignHCenter)

    # -- page 1: what to do -----------------------------------------------------------------------
    def _choice_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Laptop ini belum menyimpan data Lapang. Data pemilih akan disimpan terenkripsi; "
                "hanya petugas dengan frasa sandi yang dapat membukanya."
            )
        )
        intro.setWordWrap(True)
        self.choose_create = QRadioButton(self.tr("&Buat data baru untuk petugas di laptop ini"))
        self.choose_create.setObjectName("chooseCreate")
        self.choose_enrol = QRadioButton(self.tr("Daftar dengan &kode dari KPU"))
        self.choose_enrol.setObjectName("chooseEnrol")
        enrol_note = QLabel(
            self.tr(
                "Buat data untuk petugas, lalu daftarkan laptop ini ke server KPU dan unduh "
                "daftar pemilih wilayah Anda."
            )
        )
        enrol_note.setWordWrap(True)
        enrol_note.setIndent(24)
        enrol_note.setStyleSheet("color: #555;")
        self.choose_demo = QRadioButton(self.tr("Mode &demo (data contoh, bukan data asli)"))
        self.choose_demo.setObjectName("chooseDemo")
        group = QButtonGroup(page)
        for button in (self.choose_create, self.choose_enrol, self.choose_demo):
            group.addButton(button)
        self.choose_create.setChecked(True)
        self.next_button = QPushButton(self.tr("&Lanjut"))
        self.next_button.setObjectName("next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.choose_create)
        layout.addWidget(self.choose_enrol)
        layout.addWidget(enrol_note)
        layout.addWidget(self.choose_demo)
        layout.addSpacing(8)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)  # the pages share one height (the enrolment page is the tallest)
        return page

    def _next(self) -> None:
        if self.choose_demo.isChecked():
            self.pages.setCurrentIndex(2)
            self.start_demo()
        else:
            self._enrol_after_create = self.choose_enrol.isChecked()
            self.create_button.setText(
                self.tr("Buat dan &lanjut")
                if self._enrol_after_create
                else self.tr("&Buat dan buka")
            )
            self.pages.setCurrentIndex(1)
            self.officer.setFocus()
            refusal = self._recovery_key_refusal()
            self.create_button.setEnabled(refusal is None)
            if refusal is not None:
                self._create_failed(refusal)

    def _recovery_key_refusal(self) -> DevelopmentRecoveryKey | None:
        """Said before the officer types anything: a vault with the development recovery key
        could never be recovered, so it is not made (the create operation checks again)."""
        options = self._options
        if options.allow_dev_recovery_key:
            return None
        try:
            pem = options.recovery_public_key.read_bytes()
            refuse_development_recovery_key(
                pem, options.recovery_public_key, options.deployment_file
            )
        except DevelopmentRecoveryKey as exc:
            return exc
        except OSError:
            return None  # the create operation reports the unreadable file itself
        return None

    # -- page 2: create the vault -----------------------------------------------------------------
    def _create_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Pilih frasa sandi paling sedikit %1 karakter — satu kalimat pendek mudah "
                "diingat dan "
                "sulit ditebak. Bila lupa, hanya TI KPU yang dapat memulihkan data dengan kunci "
                "pemulihan."
            ).replace("%1", str(MIN_PASSPHRASE_LENGTH))
        )
        intro.setWordWrap(True)
        self.officer = QLineEdit()
        self.officer.setObjectName("officerName")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("newPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeatPassphrase")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength = QLabel()
        self.strength.setObjectName("strength")
        self.create_message = QLabel()
        self.create_message.setObjectName("createMessage")
        self.create_message.setWordWrap(True)
        self.create_message.setStyleSheet("color: #c62828;")
        # A refusal can run to several wrapped lines (the officer's sentence, then KPU IT's
        # detail): the label takes the page's spare height (a stacked page does not grow for
        # wrapped text), so none of it is cut off.
        self.create_message.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding
        )
        self.create_message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.create_button = QPushButton(self.tr("&Buat dan buka"))
        self.create_button.setObjectName("create")
        self.create_button.setDefault(True)
        back = QPushButton(self.tr("&Kembali"))
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        form = QFormLayout()
        form.addRow(self.tr("Nama &petugas:"), self.officer)
        form.addRow(self.tr("&Frasa sandi:"), self.passphrase)
        form.addRow("", self.strength)
        form.addRow(self.tr("&Ulangi frasa sandi:"), self.repeat)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item and item.widget() and field and field.widget():
                item.widget().setBuddy(field.widget())
        buttons = QVBoxLayout()
        buttons.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        buttons.addWidget(back, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        # Below the buttons, taking the rest of the page: a refusal may run to many lines.
        layout.addWidget(self.create_message, 1)
        self.passphrase.textChanged.connect(self._show_strength)
        self.repeat.returnPressed.connect(self.create_vault)
        self.create_button.clicked.connect(self.create_vault)
        self._show_strength("")
        return page

    def _show_strength(self, text: str) -> None:
        if not text:
            self.strength.setText(self.tr("Kekuatan: —"))
            self.strength.setStyleSheet("color: #777;")
            return
        hint = passphrase_strength_hint(text)
        words = {"weak": self.tr("lemah"), "fair": self.tr("cukup"), "strong": self.tr("kuat")}
        colours = {"weak": "#c62828", "fair": "#8a6100", "strong": "#2e7d32"}
        self.strength.setText(self.tr("Kekuatan: %1").replace("%1", words[hint]))
        self.strength.setStyleSheet(f"color: {colours[hint]}; font-weight: bold;")

    def create_vault(self) -> None:
        if not self.create_button.isEnabled():  # Enter in the last field, while busy or refused
            return
        officer = self.officer.text().strip()
        if not officer:
            self.create_message.setText(self.tr("Isi nama petugas."))
            self.officer.setFocus()
            return
        if self.passphrase.text() != self.repeat.text():
            self.create_message.setText(self.tr("Kedua frasa sandi berbeda; ketik ulang."))
            self.repeat.selectAll()
            self.repeat.setFocus()
            return
        self.create_message.setText("")
        self.create_button.setEnabled(False)
        self._ctx.read(
            vault_ops.create(
                self._ctx.data_dir,
                officer,
                self.passphrase.text(),
                self._options.recovery_public_key,
                self._options.kdf,
                deployment_file=self._options.deployment_file,
                allow_dev_recovery_key=self._options.allow_dev_recovery_key,
            ),
            self._done,
            on_failure=self._create_failed,
            owner=self,
        )

    def _create_failed(self, exc: Exception) -> None:
        if isinstance(exc, DevelopmentRecoveryKey):
            # Nothing the officer types can fix it: the button stays off, and KPU IT gets the
            # file and setting in English below the officer's sentence.
            self.create_button.setEnabled(False)
            self.create_message.setText(f"{error_text(exc)}\n\n{exc}")
            return
        self.create_button.setEnabled(True)
        self.create_message.setText(error_text(exc))

    # -- page 3: demo -----------------------------------------------------------------------------
    def _demo_page(self) -> QWidget:
        page = QWidget()
        text = QLabel(
            self.tr(
                "Membuat data demo: %1 pemilih rekaan di beberapa desa contoh. Semua orang di sini "
                'fiktif.\nUntuk membuka lagi nanti: petugas "%2", frasa sandi "%3".'
            )
            .replace("%1", f"{self._options.demo_voters:,}".replace(",", "."))
            .replace("%2", self._options.demo_officer)
            .replace("%3", self._options.demo_passphrase)
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_progress = QProgressBar()
        self.demo_progress.setObjectName("demoProgress")
        self.demo_progress.setRange(0, 0)
        self.demo_message = QLabel()
        self.demo_message.setObjectName("demoMessage")
        self.demo_message.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addWidget(self.demo_progress)
        layout.addWidget(self.demo_message)
        layout.addStretch(1)
        return page

    def start_demo(self) -> None:
        self.demo_message.setText(self.tr("Menyiapkan data…"))
        options = self._options
        self._ctx.tasks.run(
            vault_ops.create_demo(
                self._ctx.data_dir,
                options.demo_officer,
                options.demo_passphrase,
                options.recovery_public_key,
                options.kdf,
                options.demo_voters,
            ),
            on_success=self._done,
            on_failure=self._demo_failed,
            on_progress=self._demo_progress,
            owner=self,
        )

    def _demo_progress(self, done: int, total: int) -> None:
        self.demo_progress.setRange(0, total)
        self.demo_progress.setValue(done)

    def _demo_failed(self, exc: Exception) -> None:
        self.demo_progress.setRange(0, 1)
        self.demo_progress.setValue(0)
        self.demo_message.setStyleSheet("color: #c62828;")
        self.demo_message.setText(error_text(exc))

    def _done(self, opened: Opened) -> None:
        if self._enrol_after_create and not opened.demo:
            # The vault exists from here on: enrolment can fail or wait without losing it.
            self.pages.setCurrentWidget(self.enrol_page)
            self.enrol_page.start(opened)
            return
        self.opened.emit(opened)
