""" "Daftarkan perangkat…" on the desk: enrol a laptop that was set up without a code (a demo,
or an officer who skipped the step, or had no signal then), or enrol it again with a new code.
Re-enrolling never touches the changes waiting to be sent: they go out under the new device."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.placement import keep_on_screen
from desktop_app.ui.qt import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.enrolment import EnrolFields, Enroller, device_label
from desktop_app.ui.sync.wording import error_text, report_text

if TYPE_CHECKING:
    from desktop_app.sync.enrollment import EnrollmentResult


class EnrolDialog(QDialog):
    def __init__(
        self,
        ctx: DeskContext,
        config: SyncConfig,
        enrolled_already: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("Daftarkan perangkat"))
        self.setMinimumWidth(560)
        keep_on_screen(self, "enrol", None, ctx)
        self._ctx = ctx
        self.enrolled = False  # True once the server registered this laptop
        self.enroller = Enroller(ctx, config, self)
        intro = QLabel(
            self.tr(
                "Laptop ini sudah terdaftar. Mendaftar lagi dengan kode baru memberi laptop "
                "nomor perangkat baru; perubahan yang belum terkirim tetap ada dan ikut dikirim."
            )
            if enrolled_already
            else self.tr(
                "Daftarkan laptop ini ke server KPU agar perubahan Anda dapat dikirim dan data "
                "pemilih wilayah Anda diunduh."
            )
        )
        intro.setWordWrap(True)
        self.demo_warning = QLabel(
            self.tr(
                "Ini data DEMO berisi pemilih rekaan. Daftarkan hanya ke server latihan: "
                "perubahan rekaan akan ikut terkirim. Untuk bertugas, buat data baru dengan "
                "kode dari KPU."
            )
        )
        self.demo_warning.setObjectName("demoWarning")
        self.demo_warning.setWordWrap(True)
        self.demo_warning.setStyleSheet("color: #b3470c; font-weight: bold;")
        self.demo_warning.setVisible(False)
        self.fields = EnrolFields(config, self)
        self.enrol_button = QPushButton(self.tr("&Daftarkan"))
        self.enrol_button.setObjectName("enrol")
        self.enrol_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Tutup"))
        self.close_button.setObjectName("close")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.demo_warning)
        layout.addWidget(self.fields)
        layout.addLayout(buttons)

        self.enrol_button.clicked.connect(self.enrol)
        self.close_button.clicked.connect(self._close_clicked)
        self.enroller.registered.connect(self._registered)
        self.enroller.register_failed.connect(self._failed)
        self.enroller.progress.connect(self.fields.show_progress)
        self.enroller.downloaded.connect(self._downloaded)
        self.enroller.download_failed.connect(self._failed)
        ctx.read(voter_ops.store_setting("demo"), self._demo_known, owner=self)

    def _demo_known(self, demo: str | None) -> None:
        self.demo_warning.setVisible(demo == "1")

    def enrol(self) -> None:
        if self.enroller.busy:
            return
        if self.enrolled:
            self._busy(self.tr("Melanjutkan unduhan data pemilih…"))
            self.enroller.download()
            return
        values = self.fields.checked_values()
        if values is None:
            return
        self._busy(self.tr("Menghubungi server KPU…"))
        self.enroller.register(*values, device_label(self._ctx.officer))

    def _busy(self, text: str) -> None:
        self.enrol_button.setEnabled(False)
        # Both the enrolment request and the download after it can be cancelled; trying the
        # same code again afterwards is safe (the same key is presented again).
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Batal"))
        self.fields.start_progress(text)

    def _idle(self) -> None:
        self.enrol_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Tutup"))
        self.fields.stop_progress()

    def _registered(self, area_name: str) -> None:
        self.enrolled = True
        self.close_button.setEnabled(True)
        self.fields.set_editable(False)
        self.fields.start_progress(
            self.tr("Terdaftar untuk wilayah %1. Mengunduh data pemilih…").replace("%1", area_name)
        )

    def _failed(self, exc: Exception) -> None:
        self._idle()
        self.fields.show_status("")
        self.fields.show_error(error_text(exc))
        if self.enrolled:
            self.enrol_button.setText(self.tr("Coba &lagi"))

    def _downloaded(self, result: EnrollmentResult) -> None:
        self._idle()
        if result.area_downloaded:
            self.accept()
            return
        self.fields.show_status("")
        self.fields.show_error(
            report_text(result.first_pull)
            + " "
            + self.tr(
                "Laptop ini sudah terdaftar; data yang belum terunduh akan diambil pada "
                "sinkronisasi berikutnya."
            )
        )
        self.enrol_button.setText(self.tr("Coba &lagi"))

    def _close_clicked(self) -> None:
        if self.enroller.busy:
            self.enroller.cancel()
            return
        self.done(QDialog.DialogCode.Accepted if self.enrolled else QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        # Esc or the window's close box while a request is out: cancel it first; the dialog
        # closes when the worker has let go.
        if self.enroller.busy:
            self.enroller.cancel()
            return
        if self.enrolled:
            self.accept()
            return
        self.enroller.close()
        super().reject()

    def accept(self) -> None:
        self.enroller.close()
        super().accept()
