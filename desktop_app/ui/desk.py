"""The desk: area selector on the left, the voter list in the middle, the selected voter on the
right, the status bar below. Every action has a shortcut:

    Ctrl+F   search              S / Ctrl+1  Sesuai          U / Ctrl+2  Ubah
    T / Ctrl+3  TMS              Ctrl+N / Ctrl+4  Tambah pemilih baru
    P / Ctrl+5  Pulihkan (undo a TMS)    Ctrl+L  Kunci        F5  Muat ulang
    Ctrl+R   Pendaftaran badan ad hoc (recruitment window)     Ctrl+P  Laporan (reports)
    F9 / Ctrl+Shift+S  Sinkronkan sekarang   Shift+F9  Batalkan sinkronisasi
    Ctrl+H   Riwayat sinkronisasi    Ctrl+Shift+D  Daftarkan perangkat
    Ctrl+Shift+F  Flashdisk menu: kirim, terima, titipan (sync without signal)
"""

from __future__ import annotations

from desktop_app.store.voter_queries import VoterRow
from desktop_app.store.voter_service import SaveResult, VoterView
from desktop_app.ui import voter_ops
from desktop_app.ui.action_row import ActionMenu, ActionRow
from desktop_app.ui.area_selector import AreaSelector
from desktop_app.ui.context import DeskContext, VotersChanged
from desktop_app.ui.detail_panel import VoterDetailPanel
from desktop_app.ui.messages import error_text
from desktop_app.ui.new_voter_dialog import NewVoterDialog
from desktop_app.ui.outcome_actions import OutcomeActions
from desktop_app.ui.qt import (
    QAction,
    QKeySequence,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import open_recruitment
from desktop_app.ui.reports import open_reports
from desktop_app.ui.status_bar import DeskStatusBar
from desktop_app.ui.sync.bundle_actions import BundleActions
from desktop_app.ui.sync.controller import SyncController, SyncView
from desktop_app.ui.sync.enrol_dialog import EnrolDialog
from desktop_app.ui.sync.history import (
    TAB_ANNOUNCEMENTS,
    TAB_CHANGES,
    TAB_CONFLICTS,
    SyncHistoryDialog,
)
from desktop_app.ui.sync.status_panel import SyncStatusPanel
from desktop_app.ui.tms_dialog import TmsDialog
from desktop_app.ui.ubah_dialog import UbahDialog
from desktop_app.ui.voter_list import VoterListView

LAST_AREA_SETTING = "desk.last_area"
MESSAGE_MS = 8000


class DeskView(QWidget):
    lock_requested = Signal()
    settings_requested = Signal()
    ready = Signal()  # the area tree and the first list are on screen

    def __init__(
        self, ctx: DeskContext, parent: QWidget | None = None, sync: SyncController | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("desk")
        self._ctx = ctx
        self.sync = sync
        self.history_dialog: SyncHistoryDialog | None = None
        self.enrol_dialog: EnrolDialog | None = None
        self._voter_request = 0
        self._voter_loading = False  # the detail panel's voter is being (re)read
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
        self.act_reports = self._action(
            self.tr("Laporan…  [Ctrl+P]"), ["Ctrl+P"], self.open_reports
        )
        self.act_reload = self._action(self.tr("Muat ulang  [F5]"), ["F5"], self.reload)
        self.act_lock = self._action(
            self.tr("&Kunci  [Ctrl+L]"), ["Ctrl+L"], self.lock_requested.emit
        )
        self.act_settings = self._action(
            self.tr("Pengaturan…"), ["Ctrl+,"], self.settings_requested.emit
        )
        self.act_sync = self._action(
            self.tr("Sinkronkan sekarang  [F9]"), ["F9", "Ctrl+Shift+S"], self.sync_now
        )
        self.act_cancel_sync = self._action(
            self.tr("Batal  [Shift+F9]"), ["Shift+F9"], self.cancel_sync
        )
        self.act_history = self._action(
            self.tr("Riwayat sinkronisasi…  [Ctrl+H]"), ["Ctrl+H"], self.open_sync_history
        )
        self.act_enrol = self._action(
            self.tr("Daftarkan perangkat…  [Ctrl+Shift+D]"), ["Ctrl+Shift+D"], self.open_enrol
        )
        self.act_auto_sync = QAction(self.tr("Sinkron otomatis"), self)
        self.act_auto_sync.setCheckable(True)
        self.act_auto_sync.setToolTip(
            self.tr("Sinkronkan sendiri begitu server KPU terjangkau (disarankan)")
        )
        self.act_sync.setToolTip(
            self.tr("Kirim perubahan ke KPU dan terima data terbaru sekarang (F9)")
        )
        self.act_cancel_sync.setToolTip(
            self.tr("Hentikan sinkronisasi; yang sudah dikonfirmasi KPU tetap tercatat")
        )
        self.act_sesuai.setToolTip(self.tr("Data sama dengan dokumen: tandai sesuai (S)"))
        self.act_tms.setToolTip(self.tr("Tidak memenuhi syarat: kode 1-8 dengan bukti (T)"))

        self.bundles = (
            BundleActions(ctx, sync.config.bundle_key, self) if sync is not None else None
        )
        # KPU's reply from a stick: applied in the sync window's "Perubahan" tab, where the
        # officer then sees each change's standing.
        self.act_receive = QAction(self.tr("&Terima dari flashdisk…"), self)
        self.act_receive.setToolTip(
            self.tr(
                "Terapkan paket balasan KPU dari flashdisk: perubahan yang dikonfirmasi KPU "
                "ditandai terkirim, data terbaru KPU diterima"
            )
        )
        self.act_receive.triggered.connect(lambda _checked=False: self.receive_bundle())
        self.act_flashdisk = self._flashdisk_action()
        # Wraps rather than hiding buttons behind a » menu on a narrow screen.
        toolbar = ActionRow(self)
        toolbar.setObjectName("deskToolbar")
        for action in (
            self.act_new,
            self.act_recruitment,
            self.act_reports,
            self.act_history,
            self.act_auto_sync,
            self.act_enrol,
            *((self.act_flashdisk,) if self.bundles else ()),
            self.act_reload,
            self.act_settings,
            self.act_lock,
        ):
            toolbar.addAction(action)
        self.toolbar = toolbar

        self.areas = AreaSelector(ctx, self)
        self.voters = VoterListView(ctx, self)
        self.outcomes = OutcomeActions(ctx, self.voters, self, self)
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
        self.sync_panel = (
            SyncStatusPanel(sync, self.act_sync, self.act_cancel_sync, self.act_enrol, self)
            if sync is not None
            else None
        )
        self.status = DeskStatusBar(ctx, self, sync, self.sync_panel)

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
        if sync is not None:
            sync.changed.connect(self._sync_changed)
            self.act_auto_sync.toggled.connect(sync.set_auto)
            self._sync_changed(sync.view())
        else:
            for action in (
                self.act_sync,
                self.act_cancel_sync,
                self.act_history,
                self.act_enrol,
                self.act_auto_sync,
            ):
                action.setEnabled(False)
        ctx.read(voter_ops.store_setting(LAST_AREA_SETTING), self.areas.reload, owner=self)

    def _action(self, text: str, keys: list[str], slot) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # Shortcuts belong to the desk; a dialog open on top takes its own keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _flashdisk_action(self) -> QAction:
        """Sync without signal, under one button: the three are used now and then, and as three
        buttons they pushed the toolbar onto a second row on a 1366 px screen."""
        menu = ActionMenu(self)
        menu.setObjectName("flashdiskMenu")
        menu.setToolTipsVisible(True)
        if self.bundles is not None:
            menu.addActions([self.bundles.act_send, self.act_receive, self.bundles.act_relay])
        action = QAction(self.tr("Flashdisk"), self)
        action.setMenu(menu)
        action.setToolTip(
            self.tr(
                "Tanpa sinyal: kirim perubahan, terima balasan KPU, atau bawa titipan laptop "
                "lain lewat flashdisk (Ctrl+Shift+F)"
            )
        )
        action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def open_recruitment(self) -> None:
        open_recruitment(self.window(), self._ctx, [self.act_sync, self.act_cancel_sync])

    def open_reports(self) -> None:
        open_reports(self.window(), self._ctx, self.areas.current_area())

    # -- sync -------------------------------------------------------------------------------------
    def _sync_changed(self, view: SyncView) -> None:
        self.act_sync.setEnabled(not view.running)
        self.act_cancel_sync.setEnabled(view.running)
        # Enrolling is for a laptop set up without a code; re-enrolling stays possible (Ctrl+
        # Shift+D) but is kept off the toolbar so nobody does it by accident.
        self.act_enrol.setVisible(view.status is not None and not view.enrolled)
        self.act_auto_sync.setVisible(view.enrolled)
        if self.bundles is not None:
            self.bundles.act_send.setVisible(view.enrolled)
            self.bundles.act_relay.setVisible(view.enrolled)
        self.act_receive.setVisible(self.bundles is not None and view.enrolled)
        self.act_flashdisk.setVisible(self.bundles is not None and view.enrolled)
        self.act_auto_sync.blockSignals(True)
        self.act_auto_sync.setChecked(view.auto)
        self.act_auto_sync.blockSignals(False)
        # Said in words: a pressed-in button is easy to misread.
        self.act_auto_sync.setText(
            self.tr("Sinkron otomatis: hidup") if view.auto else self.tr("Sinkron otomatis: mati")
        )
        self._show_inbox_badge(view)

    def _show_inbox_badge(self, view: SyncView) -> None:
        """Unread KPU announcements and unseen conflicts, on the Riwayat button itself: their
        count on the button (spelt out, the toolbar would not fit one row on a 1366 px screen),
        what they are in its tooltip."""
        status = view.status
        unread = status.unread_announcements if status else 0
        unseen = status.unseen_conflicts if status else 0
        parts = []
        if unread:
            parts.append(self.tr("%1 pengumuman KPU belum dibaca").replace("%1", str(unread)))
        if unseen:
            parts.append(self.tr("%1 konflik belum diperiksa").replace("%1", str(unseen)))
        text = self.tr("Riwayat sinkronisasi…  [Ctrl+H]")
        tip = self.tr(
            "Setiap sinkronisasi, perubahan yang ditolak KPU, konflik, pengumuman KPU, dan di "
            "mana setiap perubahan berada (Ctrl+H)"
        )
        if parts:
            text = self.tr("Riwayat sinkronisasi (%1 baru)").replace("%1", str(unread + unseen))
            tip = "; ".join(parts) + " (Ctrl+H)"
        self.act_history.setText(text)
        self.act_history.setToolTip(tip)
        button = self.toolbar.widgetForAction(self.act_history)
        if button is not None:
            button.setObjectName("syncInbox")
            button.setStyleSheet("color: #b3470c; font-weight: bold;" if parts else "")

    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    def cancel_sync(self) -> None:
        if self.sync is not None:
            self.sync.cancel()

    def open_sync_history(self) -> None:
        if self.sync is None:
            return
        status = self.sync.status
        dialog = SyncHistoryDialog(
            self._ctx, status.device_id if status else None, self, config=self.sync.config
        )
        if status is not None and status.unread_announcements:
            dialog.tabs.setCurrentIndex(TAB_ANNOUNCEMENTS)
        elif status is not None and status.unseen_conflicts:
            dialog.tabs.setCurrentIndex(TAB_CONFLICTS)
        dialog.inbox_changed.connect(self.sync.refresh)
        dialog.show_link(self.sync.view())
        self.sync.changed.connect(dialog.show_link)
        dialog.finished.connect(dialog.deleteLater)
        self.history_dialog = dialog
        dialog.open()

    def receive_bundle(self) -> None:
        """ "Terima dari flashdisk…": the sync window on its "Perubahan" tab, choosing the file."""
        self.open_sync_history()
        dialog = self.history_dialog
        if dialog is not None:
            dialog.tabs.setCurrentIndex(TAB_CHANGES)
            dialog.changes.choose_bundle()

    def open_enrol(self) -> None:
        if self.sync is None or self.sync.busy:
            return
        enrolled = self.sync.status is not None and self.sync.status.enrolled
        dialog = EnrolDialog(self._ctx, self.sync.config, enrolled, self)
        dialog.finished.connect(lambda _r: self._enrol_closed(dialog))
        self.enrol_dialog = dialog
        dialog.open()

    def _enrol_closed(self, dialog: EnrolDialog) -> None:
        if dialog.enrolled and self.sync is not None:
            self.sync.enrolled()
            self.show_message(self.tr("Laptop ini terdaftar di server KPU."))
        dialog.deleteLater()

    # -- area and selection -----------------------------------------------------------------------
    def _area_selected(self, area: str | None) -> None:
        self.voters.set_area(area)
        self._ctx.read(voter_ops.set_store_setting(LAST_AREA_SETTING, area or ""), lambda _r: None)

    def _areas_loaded(self) -> None:
        tree = self.areas.tree_data
        if tree is not None:
            model = self.voters.model
            model.set_tps_labels(show_desa=model.show_desa, region_names=tree.region_names)
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
            self._voter_loading = False
            self.detail.show_voter(None)
            self._update_actions()
            return
        self._voter_loading = True

        def show(voter: VoterView) -> None:
            if request == self._voter_request:  # a newer selection wins
                self._voter_loading = False
                self.detail.show_voter(voter)
                self._update_actions()

        def failed(exc: Exception) -> None:
            if request == self._voter_request:
                self._voter_loading = False
            self._show_error(exc)

        self._ctx.read(voter_ops.get_voter(voter_id), show, on_failure=failed, owner=self)

    def _voters_changed(self, change: VotersChanged) -> None:
        current = self.detail.voter
        # "added" also covers a sync that brought KPU's rows: the shown voter may be one of them.
        if current is not None and (current.id in change.ids or change.added):
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

    # The outcome keys: S, U, T and P, from the table, the buttons or Ctrl+1..5, wait their turn
    # in self.outcomes (see outcome_keys and outcome_actions).
    def mark_sesuai(self) -> None:
        self.outcomes.press("S")

    def open_ubah(self) -> None:
        self.outcomes.press("U")

    def open_tms(self) -> None:
        self.outcomes.press("T")

    def restore(self) -> None:
        self.outcomes.press("P")

    @property
    def dialog_open(self) -> bool:
        return self.dialog is not None

    def shown_voter(self, voter_id: str) -> VoterView | None:
        shown = self.detail.voter
        if shown is not None and shown.id == voter_id and not self._voter_loading:
            return shown
        return None

    def open_outcome_dialog(self, key: str, voter: VoterView) -> None:
        if key == "U":
            self._open(UbahDialog(self._ctx, voter, self))
        else:
            dialog = TmsDialog(self._ctx, voter, self)
            dialog.saved.connect(self._tms_saved)
            self._open(dialog)

    def outcome_refused(self) -> None:
        self._update_actions()

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
        self._ctx.read(voter_ops.voter_row(result.voter_id), self._show_new_voter, owner=self)

    def _show_new_voter(self, row: VoterRow | None) -> None:
        """The officer looks for the voter just added: the search or filter that was on must
        not hide it, nor an area it lies outside."""
        if row is None:
            return
        area = self.areas.current_area()
        if area and not (row.tps_id == area or row.tps_id.startswith(area + ".")):
            self.areas.select_area(row.tps_id)
            if self.areas.current_area() != row.tps_id:
                self.areas.select_area(None)  # a TPS the tree does not show yet: all areas
        self.voters.reveal(row.pk)

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
