"""The desk: area selector on the left, the voter list in the middle, the selected voter on the
right, the status bar below. Every action has a shortcut:

    Ctrl+F   search              S / Ctrl+1  Sesuai          U / Ctrl+2  Ubah
    T / Ctrl+3  TMS              Ctrl+N / Ctrl+4  Tambah pemilih baru
    P / Ctrl+5  Pulihkan (undo a TMS)    Ctrl+L  Kunci        F5  Muat ulang
    Ctrl+R   Pendaftaran badan ad hoc (recruitment window)
"""

from __future__ import annotations

from desktop_app.store.voter_queries import VoterRow
from desktop_app.store.voter_service import SaveResult, VoterView
from desktop_app.ui import voter_ops
from desktop_app.ui.area_selector import AreaSelector
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.detail_panel import VoterDetailPanel
from desktop_app.ui.messages import error_text
from desktop_app.ui.new_voter_dialog import NewVoterDialog
from desktop_app.ui.qt import (
    QAction,
    QKeySequence,
    QSplitter,
    Qt,
    QToolBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import open_recruitment
from desktop_app.ui.status_bar import DeskStatusBar
from desktop_app.ui.tms_dialog import TmsDialog
from desktop_app.ui.ubah_dialog import UbahDialog
from desktop_app.ui.voter_list import VoterListView

LAST_AREA_SETTING = "desk.last_area"
MESSAGE_MS = 8000


class DeskView(QWidget):
    lock_requested = Signal()
    settings_requested = Signal()
    ready = Signal()  # the area tree and the first list are on screen

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk")
        self._ctx = ctx
        self._voter_request = 0
        self._warmed = False
        self.dialog: UbahDialog | TmsDialog | NewVoterDialog | None = None

        self.act_search = self._action(self.tr("Cari"), ["Ctrl+F"], self._focus_search)
        self.act_sesuai = self._action(self.tr("✓ &Sesuai  [S]"), ["S", "Ctrl+1"], self.mark_sesuai)
        self.act_ubah = self._action(self.tr("&Ubah…  [U]"), ["U", "Ctrl+2"], self.open_ubah)
        self.act_tms = self._action(self.tr("&TMS…  [T]"), ["T", "Ctrl+3"], self.open_tms)
        self.act_restore = self._action(self.tr("&Pulihkan  [P]"), ["P", "Ctrl+5"], self.restore)
        self.act_new = self._action(
            self.tr("Tambah pemilih &baru…  [Ctrl+N]"), ["Ctrl+N", "Ctrl+4"], self.open_new_voter
        )
        self.act_recruitment = self._action(
            self.tr("Pendaftaran badan ad hoc…  [Ctrl+R]"), ["Ctrl+R"], self.open_recruitment
        )
        self.act_reload = self._action(self.tr("Muat ulang  [F5]"), ["F5"], self.reload)
        self.act_lock = self._action(
            self.tr("&Kunci  [Ctrl+L]"), ["Ctrl+L"], self.lock_requested.emit
        )
        self.act_settings = self._action(
            self.tr("Pengaturan…"), ["Ctrl+,"], self.settings_requested.emit
        )
        self.act_sesuai.setToolTip(self.tr("Data sama dengan dokumen: tandai sesuai (S)"))
        self.act_tms.setToolTip(self.tr("Tidak memenuhi syarat: kode 1-8 dengan bukti (T)"))

        toolbar = QToolBar(self)
        toolbar.setObjectName("deskToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.act_new,
            self.act_recruitment,
            self.act_reload,
            self.act_settings,
            self.act_lock,
        ):
            toolbar.addAction(action)

        self.areas = AreaSelector(ctx, self)
        self.voters = VoterListView(ctx, self)
        self.detail = VoterDetailPanel(
            [self.act_sesuai, self.act_ubah, self.act_tms, self.act_restore],
            ctx.election_date,
            self,
        )
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.areas)
        splitter.addWidget(self.voters)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([260, 850, 330])
        self.status = DeskStatusBar(ctx, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self.areas.area_selected.connect(self._area_selected)
        self.areas.loaded.connect(self._areas_loaded)
        self.voters.current_voter_changed.connect(self._voter_selected)
        self.voters.results_shown.connect(self._warm_once)
        ctx.events.voters_changed.connect(self._voters_changed)
        self._update_actions()
        ctx.read(voter_ops.store_setting(LAST_AREA_SETTING), self.areas.reload, owner=self)

    def _action(self, text: str, keys: list[str], slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # Shortcuts belong to the desk; a dialog open on top takes its own keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def open_recruitment(self) -> None:
        open_recruitment(self.window(), self._ctx)

    # -- area and selection -----------------------------------------------------------------------
    def _area_selected(self, area: str | None) -> None:
        self.voters.set_area(area)
        self._ctx.read(voter_ops.set_store_setting(LAST_AREA_SETTING, area or ""), lambda _r: None)

    def _areas_loaded(self) -> None:
        self.ready.emit()

    def _warm_once(self) -> None:
        # After the first list is on screen, not before: warming the NIK index takes a moment
        # and the officer should see their TPS first.
        if not self._warmed:
            self._warmed = True
            self._ctx.read(voter_ops.warm_lookup_index(), lambda _none: None, owner=self)

    def _voter_selected(self, row: VoterRow | None) -> None:
        self._load_voter(row.id if row else None)

    def _load_voter(self, voter_id: str | None) -> None:
        self._voter_request += 1
        request = self._voter_request
        if voter_id is None:
            self.detail.show_voter(None)
            self._update_actions()
            return

        def show(voter: VoterView) -> None:
            if request == self._voter_request:  # a newer selection wins
                self.detail.show_voter(voter)
                self._update_actions()

        self._ctx.read(voter_ops.get_voter(voter_id), show, on_failure=self._show_error, owner=self)

    def _voters_changed(self, change: VotersChanged) -> None:
        current = self.detail.voter
        if current is not None and current.id in change.ids:
            self._load_voter(current.id)
        if change.added:
            self.areas.reload()

    def _update_actions(self) -> None:
        voter = self.detail.voter
        has = voter is not None
        tms = has and voter.record.keterangan.isdigit()
        for action in (self.act_sesuai, self.act_ubah, self.act_tms):
            action.setEnabled(has and not tms)
        self.act_restore.setEnabled(tms)

    # -- actions ----------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.voters.focus_search()

    def reload(self) -> None:
        self.areas.reload()
        self.voters.apply(force=True)
        self.voters.refresh_counts()
        self.status.refresh()

    def mark_sesuai(self) -> None:
        voter = self.detail.voter
        if voter is None or self.dialog is not None or not self.act_sesuai.isEnabled():
            return
        self.act_sesuai.setEnabled(False)  # one keystroke, one write
        self._ctx.write(
            voter_ops.mark_sesuai(voter.id),
            voter_ops.changed_one,
            lambda _r: self.voters.select_next(),
            on_failure=self._show_error,
            owner=self,
        )

    def restore(self) -> None:
        voter = self.detail.voter
        if voter is None or not self.act_restore.isEnabled():
            return
        self._ctx.write(
            voter_ops.restore(voter.id),
            voter_ops.changed_one,
            lambda _r: self.show_message(
                self.tr("Tanda TMS dicabut; pemilih kembali belum dicek.")
            ),
            on_failure=self._show_error,
            owner=self,
        )

    def open_ubah(self) -> None:
        voter = self.detail.voter
        if voter is None or self.dialog is not None or not self.act_ubah.isEnabled():
            return
        self._open(UbahDialog(self._ctx, voter, self))

    def open_tms(self) -> None:
        voter = self.detail.voter
        if voter is None or self.dialog is not None or not self.act_tms.isEnabled():
            return
        dialog = TmsDialog(self._ctx, voter, self)
        dialog.saved.connect(self._tms_saved)
        self._open(dialog)

    def _tms_saved(self, result: object) -> None:
        if isinstance(result, tuple):
            self.show_message(
                self.tr("TMS-8 dicatat; pemilih ditambahkan sebagai pemilih baru di TPS tujuan.")
            )
        self.voters.select_next()

    def open_new_voter(self) -> None:
        if self.dialog is not None:
            return
        area = self.areas.current_area()
        tree = self.areas.tree_data
        choices = [t.tps_id for t in tree.tps] if tree else []
        if area:
            inside = [t for t in choices if t == area or t.startswith(area + ".")]
            choices = inside or choices
        dialog = NewVoterDialog(self._ctx, choices, area if area in choices else None, self)
        dialog.saved.connect(self._new_voter_saved)
        self._open(dialog)

    def _new_voter_saved(self, result: SaveResult) -> None:
        self.show_message(self.tr("Pemilih baru disimpan dan menunggu dikirim ke KPU."))
        del result

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        # Give the keyboard back to the list so the next S/U/T lands on the desk.
        self.window().activateWindow()
        self.voters.table.setFocus()

    def show_message(self, text: str) -> None:
        self.status.showMessage(text, MESSAGE_MS)

    def _show_error(self, exc: Exception) -> None:
        self._update_actions()
        self.show_message(error_text(exc))
