"""What KPU sent the officer: conflicts on voters this laptop changed (to look at and mark as
checked) and announcements signed by KPU (only those whose signature verified were stored)."""

from __future__ import annotations

import dataclasses
import html
from typing import Any

from desktop_app.store.field_store import utc_now
from desktop_app.store.sync_inbox import StoredAnnouncement, StoredConflict
from desktop_app.ui import labels
from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import (
    QT_TRANSLATE_NOOP,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
    translate,
)
from desktop_app.ui.sync import ops
from desktop_app.ui.sync.tables import ReadOnlyTable
from desktop_app.ui.sync.wording import local_time_text

_RULES = {
    "later_arrival_wins": QT_TRANSLATE_NOOP(
        "Sync",
        "Perubahan yang tiba terakhir di server KPU berlaku; nilai sebelumnya tetap tercatat "
        "di KPU. Periksa pemilih ini, dan catat perubahan baru bila nilainya salah.",
    ),
    "tms_kept": QT_TRANSLATE_NOOP(
        "Sync",
        "Tanda TMS dipertahankan: hanya Pulihkan yang dapat mencabutnya. Elemen lain dari "
        "perubahan itu tetap diterapkan.",
    ),
}


def _value_text(element: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if element == "keterangan":
        return labels.keterangan(str(value))
    if element == "tms" and isinstance(value, dict):
        code = value.get("code")
        return labels.tms(int(code)) if str(code).isdigit() else str(value)
    return str(value)


def _incoming(change_value: dict[str, Any]) -> dict[str, Any]:
    """The elements the later change set: an ubah carries ``changes``; a TMS carries its code
    and evidence; a sesuai or a restore carries nothing."""
    if isinstance(change_value.get("changes"), dict):
        return dict(change_value["changes"])
    if "code" in change_value:
        return {"keterangan": str(change_value["code"]), "tms": change_value}
    return {}


def _author(conflict: StoredConflict, device_id: str | None) -> str:
    if conflict.other_author == "kpu":
        return translate("Sync", "KPU")
    if device_id and conflict.other_author == device_id:
        return translate("Sync", "laptop ini")
    return translate("Sync", "petugas lain")


class ConflictsTab(QWidget):
    changed = Signal()

    def __init__(
        self, ctx: DeskContext, device_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._device_id = device_id
        self._items: dict[str, ops.ConflictView] = {}
        note = QLabel(
            self.tr(
                "Pemilih ini diubah di dua tempat sebelum sempat tersinkron. Tidak ada yang "
                "hilang: KPU menyimpan kedua versi. Periksa, lalu tandai sudah diperiksa."
            )
        )
        note.setWordWrap(True)
        self.table = ReadOnlyTable(
            [
                self.tr("Pemilih"),
                self.tr("Versi sebelumnya oleh"),
                self.tr("Diterima"),
                self.tr("Status"),
            ],
            self,
            stretch=0,
        )
        self.table.setObjectName("conflicts")
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.values = ReadOnlyTable(
            [
                self.tr("Elemen"),
                self.tr("Nilai sebelumnya"),
                self.tr("Perubahan yang masuk kemudian"),
            ],
            self,
        )
        self.values.setObjectName("conflictValues")
        self.mark_button = QPushButton(self.tr("&Tandai sudah diperiksa"))
        self.mark_button.setObjectName("markSeen")
        self.mark_button.setEnabled(False)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.rule)
        detail_layout.addWidget(self.values, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.mark_button)
        detail_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.mark_button.clicked.connect(self.mark_seen)

    def unseen(self) -> int:
        return sum(1 for item in self._items.values() if item.conflict.seen_at is None)

    def show_inbox(self, inbox: ops.Inbox) -> None:
        self._items = {item.conflict.id: item for item in inbox.conflicts}
        self.table.fill(self._row(item) for item in inbox.conflicts)
        self.table.select_first()
        self._show_current()

    def _row(self, item: ops.ConflictView):
        conflict = item.conflict
        seen = conflict.seen_at is not None
        return (
            conflict.id,
            [
                item.voter_name or translate("Sync", "(tidak ada di laptop ini)"),
                _author(conflict, self._device_id),
                local_time_text(conflict.created_at),
                self.tr("Sudah diperiksa") if seen else self.tr("Belum diperiksa"),
            ],
            not seen,
        )

    def _show_current(self) -> None:
        item = self._items.get(self.table.current_key())
        if item is None:
            self.rule.setText(self.tr("Tidak ada konflik."))
            self.values.fill([])
            self.mark_button.setEnabled(False)
            return
        conflict = item.conflict
        rule = _RULES.get(conflict.rule)
        self.rule.setText(translate("Sync", rule) if rule else conflict.rule)
        before, incoming = conflict.server_value, _incoming(conflict.change_value)
        elements = [k for k in incoming if k not in ("keterangan", "tms")]
        # The marks only when they tell something: a TMS involved, or no element to show.
        only_marks = not elements
        for mark in ("keterangan", "tms"):
            if mark in incoming or (mark == "tms" and before.get("tms")) or only_marks:
                elements.append(mark)
        self.values.fill(
            (
                name,
                [
                    labels.element(name) if name != "tms" else self.tr("Tanda TMS"),
                    _value_text(name, before.get(name)),
                    _value_text(name, incoming.get(name)) if name in incoming else "",
                ],
                name in incoming and before.get(name) != incoming.get(name),
            )
            for name in elements
        )
        self.mark_button.setEnabled(conflict.seen_at is None)

    def mark_seen(self) -> None:
        item = self._items.get(self.table.current_key())
        if item is None or item.conflict.seen_at is not None:
            return
        self.mark_button.setEnabled(False)
        conflict_id = item.conflict.id

        def done(_none: None) -> None:
            old = self._items[conflict_id]
            seen = dataclasses.replace(old.conflict, seen_at=utc_now())
            self._items[conflict_id] = ops.ConflictView(seen, old.voter_name)
            key = self.table.current_key()
            self.table.fill(self._row(i) for i in self._items.values())
            self.table.select_key(key)
            self.changed.emit()

        self._ctx.read(ops.mark_conflict_seen(conflict_id), done, owner=self)


class AnnouncementsTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._items: dict[str, StoredAnnouncement] = {}
        note = QLabel(
            self.tr(
                "Hanya pengumuman yang tanda tangan KPU-nya terbukti asli yang ditampilkan di "
                "sini. Kabar yang beredar di luar aplikasi belum tentu benar."
            )
        )
        note.setWordWrap(True)
        self.table = ReadOnlyTable([self.tr("Diterbitkan"), self.tr("Judul")], self)
        self.table.setObjectName("announcements")
        self.body = QTextBrowser(self)
        self.body.setObjectName("announcementBody")
        self.body.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

    def unread(self) -> int:
        return sum(1 for a in self._items.values() if a.read_at is None)

    def show_inbox(self, inbox: ops.Inbox) -> None:
        self._items = {a.id: a for a in inbox.announcements}
        self.table.fill(
            (a.id, [local_time_text(a.published_at), a.title], a.read_at is None)
            for a in inbox.announcements
        )
        self._show_current()

    def _show_current(self) -> None:
        announcement = self._items.get(self.table.current_key())
        if announcement is None:
            self.body.setPlainText(
                self.tr("Belum ada pengumuman dari KPU.")
                if not self._items
                else self.tr("Pilih pengumuman untuk membacanya.")
            )
            return
        # KPU's text is escaped: an announcement is never rendered as HTML, whoever wrote it.
        signed = self.tr("Ditandatangani KPU · diterbitkan %1").replace(
            "%1", local_time_text(announcement.published_at)
        )
        body = html.escape(announcement.body).replace("\n", "<br>")
        self.body.setHtml(
            f"<h3>{html.escape(announcement.title)}</h3>"
            f"<p style='color:#2e7d32'>{html.escape(signed)}</p><p>{body}</p>"
        )
        if announcement.read_at is None and self.isVisible():
            self._mark_read(announcement)

    def activate(self) -> None:
        """The tab came to the front: open the newest unread announcement (or the newest)."""
        if self.table.current_key() is not None:
            self._show_current()
            return
        unread = [a.id for a in self._items.values() if a.read_at is None]
        target = unread[0] if unread else next(iter(self._items), None)
        if target is not None:
            self.table.select_key(target)

    def _mark_read(self, announcement: StoredAnnouncement) -> None:
        def done(_none: None) -> None:
            self._items[announcement.id] = dataclasses.replace(announcement, read_at=utc_now())
            self.table.set_bold(announcement.id, False)
            self.changed.emit()

        self._ctx.read(ops.mark_announcement_read(announcement.id), done, owner=self)
