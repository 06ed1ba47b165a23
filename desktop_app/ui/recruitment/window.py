"""The recruitment window: the list of applications, and one application form at a time.

A QDialog on purpose: locking the desk rejects every open dialog, so an application full of
personal data never stays on screen after the lock. Rejecting first queues a save of the form
(the lock closes the store only after the operations already queued), then closes. Closing the
main window does the same, seen through an event filter before the worker shuts down."""

from __future__ import annotations

from desktop_app.store.application_service import Application
from desktop_app.ui.context import DeskContext
from desktop_app.ui.placement import keep_on_screen
from desktop_app.ui.qt import (
    QDialog,
    QEvent,
    QLabel,
    QObject,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.recruitment import ops
from desktop_app.ui.recruitment.application_page import AUTOSAVE_MS, ApplicationPage
from desktop_app.ui.recruitment.area_labels import AreaLabels
from desktop_app.ui.recruitment.list_page import ApplicationListPage
from desktop_app.ui.recruitment.messages import error_text
from desktop_app.ui.recruitment.shortlist_page import ShortlistPage
from lapang_core.domain.recruitment import AdhocBody


class RecruitmentWindow(QDialog):
    ready = Signal()  # the areas are loaded and the list is shown
    page_changed = Signal(object)  # the ApplicationPage shown, or None for the list

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recruitmentWindow")
        self.setWindowTitle(self.tr("Pendaftaran badan ad hoc — PPK, PPS, KPPS, Pantarlih"))
        self.setWindowFlags(
            Qt.WindowType.Window
            | Qt.WindowType.WindowMinMaxButtonsHint
            | Qt.WindowType.WindowCloseButtonHint
        )
        self.setModal(False)
        self._ctx = ctx
        self.autosave_ms = AUTOSAVE_MS
        self.setup: ops.Setup | None = None
        self.list_page: ApplicationListPage | None = None
        self.page: ApplicationPage | None = None
        self.shortlist_page: ShortlistPage | None = None
        self._last_body = AdhocBody.KPPS  # the body most applications are for
        self._last_area = ""
        self.stack = QStackedWidget(self)
        self.status = QLabel(self.tr("Memuat wilayah dan pendaftaran…"), self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.stack.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        keep_on_screen(self, "recruitment", QSize(1280, 820), ctx)
        if parent is not None:
            # See the main window close before it shuts the database worker down.
            parent.installEventFilter(self)
        ctx.read(ops.load_setup(), self._setup_loaded, on_failure=self._failed, owner=self)

    def _setup_loaded(self, setup: ops.Setup) -> None:
        self.setup = setup
        self.list_page = ApplicationListPage(self._ctx, AreaLabels(setup.areas), self)
        self.list_page.new_requested.connect(self.new_application)
        self.list_page.open_requested.connect(self.open_application)
        self.list_page.loaded.connect(self.ready)
        self.list_page.shortlist_requested.connect(self.show_shortlist)
        self.stack.addWidget(self.list_page)
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.table.setFocus()
        self.list_page.reload()

    def _failed(self, exc: Exception) -> None:
        self.status.setText(error_text(exc))
        self.status.setStyleSheet("color: #c62828; font-weight: bold;")

    # -- pages ------------------------------------------------------------------------------------
    def new_application(self) -> None:
        self._show_form(None)

    def open_application(self, application_id: str) -> None:
        self._ctx.read(
            ops.get_application(application_id),
            self._show_form,
            on_failure=self._failed,
            owner=self,
        )

    def _show_form(self, application: Application | None) -> None:
        if self.setup is None:
            return
        self._close_form()
        page = ApplicationPage(
            self._ctx,
            self.setup,
            application,
            body=self._last_body,
            area_code=self._last_area,
            autosave_ms=self.autosave_ms,
            parent=self,
        )
        page.back_requested.connect(self.show_list)
        page.new_requested.connect(self.new_application)
        page.submitted.connect(lambda _done, p=page: self._remember(p))
        self.page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        (page.form.fields["nik"] if application is None else page.form).setFocus()
        self.page_changed.emit(page)

    def show_shortlist(self) -> None:
        if self.setup is None:
            return
        if self.shortlist_page is None:
            self.shortlist_page = ShortlistPage(self._ctx, AreaLabels(self.setup.areas), self)
            self.shortlist_page.back_requested.connect(self.show_list)
            self.stack.addWidget(self.shortlist_page)
        self.stack.setCurrentWidget(self.shortlist_page)
        self.shortlist_page.unit.setFocus()
        self.shortlist_page.reload()

    def _remember(self, page: ApplicationPage) -> None:
        # The next applicant at the same desk usually applies for the same body and area.
        self._last_body, self._last_area = page.current_body(), page.area_code()

    def show_list(self) -> None:
        if self.page is not None:
            self._remember(self.page)
        self._close_form()
        if self.list_page is not None:
            self.stack.setCurrentWidget(self.list_page)
            self.list_page.reload()  # queued after the form's last save: the list shows it
            self.list_page.table.setFocus()
        self.page_changed.emit(None)

    def _close_form(self) -> None:
        page, self.page = self.page, None
        if page is not None:
            page.save_now()
            self.stack.removeWidget(page)
            page.deleteLater()

    # -- closing ----------------------------------------------------------------------------------
    def reject(self) -> None:
        """Close (Esc on the list, the window's close button, or the desk locking)."""
        if self.page is not None:
            self.page.save_now()
        super().reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The main window closing shuts the worker down; the form's last save must be queued
        # before that, so close here first.
        if watched is self.parent() and event.type() == QEvent.Type.Close and self.isVisible():
            self.reject()
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # Esc on a form goes back to the list (the draft is kept) rather than closing everything.
        if event.key() == Qt.Key.Key_Escape and self.page is not None:
            self.show_list()
            return
        super().keyPressEvent(event)
