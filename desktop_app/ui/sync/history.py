""" "Riwayat sinkronisasi": one row per sync run — what was sent, confirmed by KPU, refused (with
the reason) and received — and every change KPU refused. The conflicts and the KPU
announcements are the window's other tabs (``inbox_tabs``), and where each change stands, with
"Terima dari flashdisk…", the last (``changes_tab``)."""

from __future__ import annotations

from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.placement import fit_dialog, keep_on_screen
from desktop_app.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLocale,
    QMessageBox,
    QPushButton,
    QSize,
    QSplitter,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from desktop_app.ui.sync import ops
from desktop_app.ui.sync.changes_tab import ChangesTab
from desktop_app.ui.sync.config import SyncConfig
from desktop_app.ui.sync.controller import Link, SyncView
from desktop_app.ui.sync.inbox_tabs import AnnouncementsTab, ConflictsTab
from desktop_app.ui.sync.tables import ReadOnlyTable
from desktop_app.ui.sync.wording import (
    code_text,
    local_time_text,
    operation_text,
    outcome_label,
    refusal_text,
    size_text,
    trigger_label,
    untrusted_headline,
    untrusted_text,
    uploads_waiting_text,
)

TAB_RUNS, TAB_REFUSED, TAB_CONFLICTS, TAB_ANNOUNCEMENTS, TAB_CHANGES = range(5)


def _refused_rows(changes: tuple[ops.RefusedChange, ...] | list[ops.RefusedChange]):
    for item in changes:
        change = item.change
        who = item.voter_name or translate("Sync", "(tidak ada di laptop ini)")
        yield (
            change.change_id,
            [
                who,
                operation_text(change.entity, change.op),
                refusal_text(
                    change.refusal_code, change.refusal_reason, change.entity, move=change.move
                ),
                local_time_text(change.refused_at),
            ],
            False,
        )


class RunsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs = ReadOnlyTable(
            [
                self.tr("Mulai"),
                self.tr("Cara"),
                self.tr("Hasil"),
                self.tr("Dikirim"),
                self.tr("Dikonfirmasi"),
                self.tr("Ditolak"),
                # Rows new to the officer, not the echo of their own changes.
                self.tr("Dari KPU"),
            ],
            self,
            stretch=2,
            numeric=(3, 4, 5, 6),
        )
        self.runs.setObjectName("syncRuns")
        self.uploads = QLabel()
        self.uploads.setObjectName("uploadsWaiting")
        self.uploads.setWordWrap(True)
        self.uploads.setVisible(False)
        self.summary = QLabel()
        self.summary.setObjectName("runSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refused = ReadOnlyTable(
            [
                self.tr("Pemilih"),
                self.tr("Perubahan"),
                self.tr("Alasan penolakan"),
                self.tr("Waktu"),
            ],
            self,
            stretch=2,
        )
        self.refused.setObjectName("runRefused")
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.summary)
        detail_layout.addWidget(self.refused, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.runs)
        splitter.addWidget(detail)
        splitter.setSizes([260, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(self.uploads)
        layout.addWidget(splitter)
        self._details: dict[int, ops.RunDetail] = {}
        self.runs.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

    def show_history(self, history: ops.History) -> None:
        self._details = {d.run.id: d for d in history.runs}
        n = QLocale().toString
        self.runs.fill(
            (
                d.run.id,
                [
                    local_time_text(d.run.started_at),
                    trigger_label(d.run.trigger),
                    outcome_label(d.run.outcome),
                    n(d.run.sent),
                    n(d.run.confirmed),
                    n(d.run.refused),
                    n(d.run.pulled_new),
                ],
                d.run.refused > 0,
            )
            for d in history.runs
        )
        self.runs.select_first()
        self._show_current()
        status = history.uploads
        files = status.uploads_waiting if status else 0
        self.uploads.setVisible(bool(files))
        if status is not None and files:
            self.uploads.setText(
                uploads_waiting_text(files, status.upload_bytes_sent, status.upload_bytes_waiting)
            )

    def _show_current(self) -> None:
        detail = self._details.get(self.runs.current_key())
        if detail is None:
            self.summary.setText(self.tr("Belum ada sinkronisasi."))
            self.refused.fill([])
            return
        run, n = detail.run, QLocale().toString
        lines = [
            self.tr("%1 perubahan dikirim, %2 dikonfirmasi KPU, %3 ditolak.")
            .replace("%1", n(run.sent))
            .replace("%2", n(run.confirmed))
            .replace("%3", n(run.refused)),
            # New to the officer: their own changes coming back from KPU are not counted;
            # KPU's decisions on applications are.
            self.tr(
                "%1 perubahan dari KPU (data pemilih, hasil seleksi), %2 konflik, %3 pengumuman."
            )
            .replace("%1", n(run.pulled_new))
            .replace("%2", n(run.conflicts))
            .replace("%3", n(run.announcements)),
            self.tr("Berkas bukti: %1 selesai terkirim, %2 masih menunggu (%3 terkirim kali ini).")
            .replace("%1", n(run.attachments))
            .replace("%2", n(run.uploads_left))
            .replace("%3", size_text(run.upload_bytes)),
            self.tr("Data terkirim %1, diterima %2.")
            .replace("%1", size_text(run.bytes_up))
            .replace("%2", size_text(run.bytes_down)),
        ]
        if run.outcomes:
            lines.insert(2, self.tr("%n hasil seleksi badan ad hoc diterima.", "", run.outcomes))
        if run.outcome not in ("ok", "cancelled", None) and run.error_code:
            lines.append(code_text(run.error_code))
        if run.confirmed == 0 and run.sent:
            # "Dikirim" counts what went on the wire; only a confirmation means KPU has it.
            lines.append(self.tr("Tidak ada yang dikonfirmasi: semuanya tetap menunggu dikirim."))
        self.summary.setText("\n".join(lines))
        self.refused.fill(_refused_rows(detail.refused))


class RefusedTab(QWidget):
    undo_move = Signal(int)  # the TMS-8 seq of a refused move the officer chose to undo

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undoable: dict[str, int] = {}
        self.confirm_box: QMessageBox | None = None  # "Batalkan pemindahan TPS?" while asked
        note = QLabel(
            self.tr(
                "Perubahan ini ditolak KPU dan tidak akan dikirim lagi. Perubahan lain tidak "
                "terhalang. Periksa pemilihnya dan catat ulang hasilnya bila perlu."
            )
        )
        note.setWordWrap(True)
        self.table = ReadOnlyTable(
            [
                self.tr("Pemilih"),
                self.tr("Perubahan"),
                self.tr("Alasan penolakan"),
                self.tr("Waktu"),
            ],
            self,
            stretch=2,
        )
        self.table.setObjectName("allRefused")
        # KPU refused a TMS-8 move as a whole: one press brings the laptop back to what KPU
        # holds (store.refused_moves), instead of a row at the new TPS nobody can remove.
        self.undo_button = QPushButton(self.tr("&Batalkan pemindahan TPS ini…"), self)
        self.undo_button.setObjectName("undoMove")
        self.undo_button.setToolTip(
            self.tr(
                "Pemilih yang ditambahkan di TPS baru dihapus dari laptop ini dan tanda TMS-8 di "
                "TPS lama dipulihkan, sama seperti data KPU. Perubahan yang ditolak tetap tercatat."
            )
        )
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self._undo_clicked)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_undo())
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_history(self, history: ops.History) -> None:
        self._undoable = history.undoable_moves
        self.table.fill(_refused_rows(history.refused))
        self._update_undo()

    def _update_undo(self) -> None:
        self.undo_button.setEnabled(self.table.current_key() in self._undoable)

    def _undo_clicked(self) -> None:
        tms_seq = self._undoable.get(self.table.current_key())
        if tms_seq is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Batalkan pemindahan TPS?"),
            self.tr(
                "KPU menolak pemindahan ini, jadi di data KPU pemilih masih terdaftar di TPS lama."
                "\n\nPemilih yang ditambahkan di TPS baru akan dihapus dari laptop ini, dan tanda "
                "TMS-8 di TPS lama dipulihkan (dikirim ke KPU pada sinkron berikutnya). Perubahan "
                "yang ditolak tetap tercatat di sini."
            ),
            parent=self,
        )
        box.setObjectName("confirmUndoMove")
        undo = box.addButton(self.tr("&Batalkan pemindahan"), QMessageBox.ButtonRole.AcceptRole)
        undo.setObjectName("confirmUndo")
        keep = box.addButton(self.tr("&Jangan ubah"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(_result: int) -> None:
            box.deleteLater()
            if box.clickedButton() is undo:
                self.undo_move.emit(tms_seq)

        box.finished.connect(answered)
        self.confirm_box = box
        fit_dialog(box)
        box.open()


class SyncHistoryDialog(QDialog):
    """Opened from the desk (Ctrl+H) or from the status bar's badge."""

    inbox_changed = Signal()  # a conflict was marked seen or an announcement read

    def __init__(
        self,
        ctx: DeskContext,
        device_id: str | None,
        parent: QWidget | None = None,
        *,
        config: SyncConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("syncHistory")
        self.setWindowTitle(self.tr("Riwayat sinkronisasi"))
        keep_on_screen(self, "sync_history", QSize(980, 620), ctx)
        self._ctx = ctx
        self.tabs = QTabWidget(self)
        self.runs = RunsTab(self)
        self.refused = RefusedTab(self)
        self.conflicts = ConflictsTab(ctx, device_id, self)
        self.announcements = AnnouncementsTab(ctx, self)
        self.changes = ChangesTab(ctx, config, self)
        self.tabs.addTab(self.runs, self.tr("Riwayat"))
        self.tabs.addTab(self.refused, self.tr("Ditolak KPU"))
        self.tabs.addTab(self.conflicts, self.tr("Konflik"))
        self.tabs.addTab(self.announcements, self.tr("Pengumuman KPU"))
        self.tabs.addTab(self.changes, self.tr("Perubahan"))
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("close")
        buttons.rejected.connect(self.reject)
        # Above the tabs while the server's address answers with a certificate the laptop does
        # not trust: the runs below only say "Gagal", and waiting for a signal will not help.
        self.link_warning = QLabel(self)
        self.link_warning.setObjectName("linkWarning")
        self.link_warning.setWordWrap(True)
        self.link_warning.setStyleSheet("color: #c62828;")
        self.link_warning.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link_warning)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.conflicts.changed.connect(self._inbox_changed)
        self.refused.undo_move.connect(self._undo_move)
        self.announcements.changed.connect(self._inbox_changed)
        self.changes.imported.connect(self._bundle_imported)
        self.loaded = False
        self.reload()

    def show_link(self, view: SyncView) -> None:
        """The desk's sync state (``SyncController.changed``): warn while the server's
        certificate is refused."""
        untrusted = view.link is Link.UNTRUSTED
        if untrusted:
            self.link_warning.setText(untrusted_headline() + " " + untrusted_text())
        self.link_warning.setVisible(untrusted)

    def reload(self) -> None:
        self.loaded = False
        self._ctx.read(ops.history(), self._show_history, owner=self)
        self._ctx.read(ops.inbox(), self._show_inbox, owner=self)
        self.changes.reload()

    def _bundle_imported(self) -> None:
        """A return bundle brought runs, refusals, conflicts or announcements: show them."""
        self._ctx.read(ops.history(), self._show_history, owner=self)
        self._ctx.read(ops.inbox(), self._show_inbox, owner=self)
        self.inbox_changed.emit()

    def _show_history(self, history: ops.History) -> None:
        self.runs.show_history(history)
        self.refused.show_history(history)
        n = QLocale().toString
        self.tabs.setTabText(
            TAB_REFUSED, self.tr("Ditolak KPU (%1)").replace("%1", n(len(history.refused)))
        )

    def _undo_move(self, tms_seq: int) -> None:
        self._ctx.write(
            ops.undo_move(tms_seq),
            lambda _undone: VotersChanged(frozenset(), added=True),
            lambda _undone: self.reload(),
            owner=self,
        )

    def _show_inbox(self, inbox: ops.Inbox) -> None:
        self.conflicts.show_inbox(inbox)
        self.announcements.show_inbox(inbox)
        self._label_inbox_tabs()
        self.loaded = True
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        if index == TAB_ANNOUNCEMENTS and self.isVisible():
            self.announcements.activate()

    def _inbox_changed(self) -> None:
        self._label_inbox_tabs()
        self.inbox_changed.emit()

    def _label_inbox_tabs(self) -> None:
        n = QLocale().toString
        unseen, unread = self.conflicts.unseen(), self.announcements.unread()
        self.tabs.setTabText(
            TAB_CONFLICTS,
            self.tr("Konflik (%1 baru)").replace("%1", n(unseen)) if unseen else self.tr("Konflik"),
        )
        self.tabs.setTabText(
            TAB_ANNOUNCEMENTS,
            self.tr("Pengumuman KPU (%1 baru)").replace("%1", n(unread))
            if unread
            else self.tr("Pengumuman KPU"),
        )
