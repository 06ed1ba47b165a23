"""The desk's status bar: who is working, how many changes wait to reach KPU, how many were sent
and refused, and the sync state. Counts are re-read after every write and every half minute."""

from __future__ import annotations

from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import QFrame, QLabel, QLocale, QStatusBar, QTimer, QWidget

REFRESH_MS = 30_000


class DeskStatusBar(QStatusBar):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.officer = QLabel(self.tr("Petugas: %1").replace("%1", ctx.officer))
        self.officer.setObjectName("officer")
        self.pending = QLabel()
        self.pending.setObjectName("pending")
        self.sent = QLabel()
        self.sent.setObjectName("sent")
        self.refused = QLabel()
        self.refused.setObjectName("refused")
        # Until the sync module is part of the desk there is nothing to be online with.
        self.sync_state = QLabel(self.tr("Luring"))
        self.sync_state.setObjectName("syncState")
        self.sync_state.setToolTip(
            self.tr(
                "Sinkronisasi belum tersedia di versi ini; semua perubahan tersimpan di "
                "laptop dan menunggu dikirim."
            )
        )
        for i, label in enumerate(
            (self.officer, self.pending, self.sent, self.refused, self.sync_state)
        ):
            if i:
                separator = QFrame(self)
                separator.setFrameShape(QFrame.Shape.VLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                self.addPermanentWidget(separator)
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
        self.counts: dict[str, int] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.events.outbox_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self._ctx.read(voter_ops.outbox_counts(), self._show, owner=self)

    def _show(self, counts: dict[str, int]) -> None:
        self.counts = counts
        locale = QLocale()
        self.pending.setText(
            self.tr("Menunggu dikirim: %1").replace("%1", locale.toString(counts.get("pending", 0)))
        )
        self.sent.setText(
            self.tr("Terkirim: %1").replace("%1", locale.toString(counts.get("sent", 0)))
        )
        refused = counts.get("refused", 0)
        self.refused.setText(self.tr("Ditolak: %1").replace("%1", locale.toString(refused)))
        self.refused.setStyleSheet("color: #c62828; font-weight: bold;" if refused else "")
