"""The desk's status bar: who is working, how many changes wait to reach KPU, how many were sent
and refused, the evidence files still waiting (with the bytes KPU already holds), and the sync
panel (Daring/Luring/Menyinkronkan…, last confirmed sync, Sinkronkan sekarang). Counts are
re-read after every write, after every sync and every half minute.

A sync that failed leaves a short headline on the left that stays until a run goes through (a
passing message only hides it for a while); the whole sentence is its tooltip and in the sync
history."""

from __future__ import annotations

from desktop_app.ui import voter_ops
from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import (
    QFrame,
    QLabel,
    QLocale,
    QResizeEvent,
    QSize,
    QStatusBar,
    Qt,
    QTimer,
    QWidget,
)
from desktop_app.ui.sync.controller import SyncController, SyncView
from desktop_app.ui.sync.status_panel import SyncStatusPanel
from desktop_app.ui.sync.wording import SyncProblem, uploads_waiting_text

REFRESH_MS = 30_000
MESSAGE_MS = 12_000


class HeadlineLabel(QLabel):
    """One line that ends in "…" when its place is too narrow (a narrower window, a longer
    translation) rather than being cut mid-word; the tooltip has the whole sentence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def set_headline(self, text: str) -> None:
        self._full = text
        self._elide()

    def headline(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # Any width will do: the text elides, so the label never widens the window.
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        metrics = self.fontMetrics()
        text = self._full
        if width > 0 and metrics.horizontalAdvance(text) > width:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        self.setText(text)


class DeskStatusBar(QStatusBar):
    def __init__(
        self,
        ctx: DeskContext,
        parent: QWidget | None = None,
        sync: SyncController | None = None,
        sync_panel: SyncStatusPanel | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._sync = sync
        self.officer = QLabel(self.tr("Petugas: %1").replace("%1", ctx.officer))
        self.officer.setObjectName("officer")
        self.pending = QLabel()
        self.pending.setObjectName("pending")
        self.sent = QLabel()
        self.sent.setObjectName("sent")
        self.refused = QLabel()
        self.refused.setObjectName("refused")
        self.uploads = QLabel()
        self.uploads.setObjectName("uploadsWaiting")
        self.uploads.setVisible(False)
        self.problem = HeadlineLabel()
        self.problem.setObjectName("syncProblem")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setVisible(False)
        self.addWidget(self.problem, 1)
        if sync_panel is not None:
            self.sync_state = sync_panel.state
            last: QWidget = sync_panel
        else:
            # A desk without sync (no controller): nothing to be online with.
            self.sync_state = QLabel(self.tr("Luring"))
            self.sync_state.setObjectName("syncState")
            last = self.sync_state
        labels = (self.officer, self.pending, self.sent, self.refused, self.uploads, last)
        self._separators: dict[QWidget, QFrame] = {}
        for i, label in enumerate(labels):
            if i:
                separator = QFrame(self)
                separator.setFrameShape(QFrame.Shape.VLine)
                separator.setFrameShadow(QFrame.Shadow.Sunken)
                self.addPermanentWidget(separator)
                self._separators[label] = separator
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
        self.counts: dict[str, int] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.events.outbox_changed.connect(self.refresh)
        if sync is not None:
            sync.changed.connect(self._show_view)
            sync.message.connect(self.say)
            sync.problem.connect(self.show_problem)
            self._show_view(sync.view())
        self.refresh()

    def refresh(self) -> None:
        if self._sync is not None:
            self._sync.refresh()  # one read for the counts and the sync state
        else:
            self._ctx.read(voter_ops.outbox_counts(), self._show, owner=self)

    def say(self, text: str) -> None:
        # Qt draws a passing message left of the permanent widgets and cuts what does not fit
        # mid-word: end it in "…" instead, with the whole of it as the bar's tooltip.
        width = self._message_width()
        shown = text
        if width > 0 and self.fontMetrics().horizontalAdvance(text) > width:
            shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
        self.setToolTip(text if shown != text else "")
        self.showMessage(shown, MESSAGE_MS)

    def _message_width(self) -> int:
        lefts = [
            w.geometry().left()
            for w in (self.officer, self.pending, self.sent, self.refused, self.uploads)
            if w.isVisible()
        ]
        return (min(lefts) if lefts else self.width()) - 12

    def show_problem(self, problem: SyncProblem | None) -> None:
        """Keep a sync failure in view until a run goes through (``None``)."""
        self.problem.set_headline(problem.headline if problem else "")
        self.problem.setToolTip(problem.detail if problem else "")
        self.problem.setVisible(problem is not None)

    def _show_view(self, view: SyncView) -> None:
        if view.status is not None:
            status = view.status
            self._show({"pending": status.pending, "sent": status.sent, "refused": status.refused})
            self._show_uploads(
                status.uploads_waiting, status.upload_bytes_sent, status.upload_bytes_waiting
            )

    def _show_uploads(self, files: int, sent: int, total: int) -> None:
        # Changes sent and confirmed can still owe KPU their evidence: say so, with what the
        # server already holds, so a cut upload is seen to resume rather than start again.
        self.uploads.setText(uploads_waiting_text(files, sent, total, short=True) if files else "")
        self.uploads.setToolTip(uploads_waiting_text(files, sent, total) if files else "")
        self.uploads.setVisible(bool(files))
        self._separators[self.uploads].setVisible(bool(files))

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
