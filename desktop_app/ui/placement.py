"""Where the desk's windows open. Every top-level window and dialog is placed, frame and title bar
included, inside the *available* area of a screen the officer can see (the screen less its
taskbar), and is never larger than that area: the commonest field laptop has a 1366×768 screen,
and a window whose title bar or buttons sit off-screen cannot be moved or finished.

Windows call ``keep_on_screen(window, name, preferred, ctx)`` once, instead of ``resize()``.
Named windows remember their size and place in the desk settings (``DeskSettings.window_
geometry``); a remembered place is used only while a screen still shows its title bar, so a
window last used on a projector that is gone opens on the laptop's own screen.

Qt would centre a dialog over its parent by itself, but without minding the screen: over a
maximised desk a tall dialog got its title bar above the top edge under a real window manager.
So the position is always ours, set before the window is first mapped, and checked once more
when the window manager has put its frame around the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.ui.qt import (
    QApplication,
    QCursor,
    QElapsedTimer,
    QEvent,
    QGuiApplication,
    QMargins,
    QObject,
    QPoint,
    QRect,
    QScreen,
    QSize,
    Qt,
    QTimer,
    QWidget,
    qt_object_alive,
)

if TYPE_CHECKING:
    from desktop_app.ui.context import DeskContext

# Before the window manager has framed a window Qt cannot know its frame. Title bars of the
# desktops field laptops run (Windows 10/11, GNOME, Xfce, openbox) are at most ~32 px at 100 %.
GUESSED_FRAME = QMargins(8, 32, 8, 8)
# The window manager frames a window shortly after it is mapped; until then the frame Qt reports
# is a guess, so the window is checked again during its first moments on screen.
SETTLE_MS = 1500
SETTLE_CHECK_MS = 100
# A remembered place is used only if this much of its title bar is on a screen.
VISIBLE_TITLE = QSize(120, 16)


def frame_margins(window: QWidget) -> QMargins:
    """The frame the window manager draws around ``window``: its own once it is framed, else
    that of another framed window of ours (same window manager), else a generous guess."""
    full = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
    for widget in (window, *QApplication.topLevelWidgets()):
        handle = widget.windowHandle()
        # A maximised window has no side borders under most window managers: not a model.
        if handle is None or not widget.isVisible() or widget.windowState() & full:
            continue
        margins = handle.frameMargins()
        if not margins.isNull():
            return margins
    return GUESSED_FRAME


def frame_geometry(window: QWidget) -> QRect:
    """Where the window is on screen, frame and title bar included. Asked of the native window:
    QWidget.frameGeometry() can keep a frame measured while the window manager was still
    reparenting the window (seen as a 1x1 frame under openbox)."""
    handle = window.windowHandle()
    return handle.frameGeometry() if handle is not None else window.frameGeometry()


def fitted_frame(
    client: QSize, minimum: QSize, area: QRect, margins: QMargins, top_left: QPoint
) -> QRect:
    """The frame rectangle for a window of ``client`` size wished at ``top_left``, shrunk and
    moved as little as needed to lie inside ``area``. ``minimum`` wins over the area only when it
    cannot fit (the windows' minimum sizes are kept below the smallest screen we support)."""
    room = QSize(
        area.width() - margins.left() - margins.right(),
        area.height() - margins.top() - margins.bottom(),
    )
    size = client.boundedTo(room).expandedTo(minimum)
    frame = QSize(
        size.width() + margins.left() + margins.right(),
        size.height() + margins.top() + margins.bottom(),
    )
    x = max(area.left(), min(top_left.x(), area.left() + area.width() - frame.width()))
    y = max(area.top(), min(top_left.y(), area.top() + area.height() - frame.height()))
    return QRect(QPoint(x, y), frame)


def _centred(frame: QSize, around: QRect) -> QPoint:
    centre = around.center()
    return QPoint(centre.x() - frame.width() // 2, centre.y() - frame.height() // 2)


def _screen_showing(rect: QRect) -> QScreen | None:
    """The screen whose available area shows the title bar of a frame at ``rect``."""
    title = QRect(rect.topLeft(), QSize(rect.width(), VISIBLE_TITLE.height()))
    for screen in QGuiApplication.screens():
        seen = screen.availableGeometry().intersected(title)
        if seen.width() >= min(VISIBLE_TITLE.width(), rect.width()) and seen.height() > 0:
            return screen
    return None


def window_is_normal(window: QWidget) -> bool:
    """Shown, and neither maximised nor full screen (the window manager places those)."""
    full = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
    return window.isVisible() and not window.windowState() & full


def _minimum(window: QWidget) -> QSize:
    hint = window.minimumSizeHint() if window.layout() is not None else QSize(0, 0)
    return window.minimumSize().expandedTo(hint)


def _home_screen(window: QWidget) -> QScreen:
    parent = window.parentWidget()
    if parent is not None and parent.window().isVisible():
        return parent.window().screen()
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


class WindowPlacement(QObject):
    """Watches one top-level window: places it when shown, keeps it inside the screen while the
    window manager frames it, and remembers its geometry when it is hidden."""

    def __init__(
        self,
        window: QWidget,
        name: str,
        preferred: QSize | None = None,
        ctx: DeskContext | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.name = name
        self.preferred = preferred
        self._ctx = ctx
        self._shown = QElapsedTimer()
        # The window manager frames a mapped window in its own time and may not move the client
        # when it does, so no event says "the frame is known now": look a few times instead.
        self._settle = QTimer(self)
        self._settle.setInterval(SETTLE_CHECK_MS)
        self._settle.timeout.connect(self._settle_step)
        window.installEventFilter(self)

    # -- placing ----------------------------------------------------------------------------------
    def place(self) -> None:
        """Size and position the window for its next showing (or now, if it is showing)."""
        window = self._window
        margins = frame_margins(window)
        remembered = self._remembered()
        screen = _screen_showing(remembered[0].marginsAdded(margins)) if remembered else None
        if remembered and screen is not None:
            placed, maximised = remembered
            client = placed.size()
            wished = placed.marginsAdded(margins).topLeft()
        else:
            maximised = False
            screen = _home_screen(window)
            client = self.preferred if self.preferred is not None else window.sizeHint()
            layout = window.layout()
            if layout is not None and layout.hasHeightForWidth():
                # Wrapped text needs more height at the width the window really gets.
                width = client.boundedTo(screen.availableGeometry().size()).width()
                width = max(width, _minimum(window).width())
                client.setHeight(max(client.height(), layout.totalHeightForWidth(width)))
            parent = window.parentWidget()
            around = (
                frame_geometry(parent.window())
                if parent is not None and parent.window().isVisible()
                else screen.availableGeometry()
            )
            wished = _centred(client.grownBy(margins), around)
        frame = fitted_frame(client, _minimum(window), screen.availableGeometry(), margins, wished)
        self._apply(frame, margins)
        if maximised:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def _apply(self, frame: QRect, margins: QMargins) -> None:
        # The client area, not move(): before a window is framed Qt takes move()'s point for the
        # client's corner, and the window manager then put the title bar above the screen.
        self._window.setGeometry(frame.marginsRemoved(margins))

    def keep_inside(self) -> None:
        """Pull the window back inside its screen's available area, frame included."""
        window = self._window
        if not window_is_normal(window):
            return
        area = window.screen().availableGeometry()
        frame = frame_geometry(window)
        if area.contains(frame):
            return
        margins = frame_margins(window)
        fitted = fitted_frame(window.size(), _minimum(window), area, margins, frame.topLeft())
        self._apply(fitted, margins)

    def fit_content(self) -> None:
        """Grow the window when wrapped text shown after it opened (a warning, a longer
        translation) needs more height than it has; top-level layouts do not do it themselves."""
        window = self._window
        if not qt_object_alive(window):
            return  # closed and deleted before this queued call ran (a dialog's file picker)
        layout = window.layout()
        if layout is None or not layout.hasHeightForWidth() or not window_is_normal(window):
            return
        needed = layout.totalHeightForWidth(window.width())
        if needed <= window.height():
            return
        area = window.screen().availableGeometry()
        margins = frame_margins(window)
        wished = QSize(window.width(), needed)
        top_left = frame_geometry(window).topLeft()
        self._apply(fitted_frame(wished, _minimum(window), area, margins, top_left), margins)

    # -- remembering ------------------------------------------------------------------------------
    def _remembered(self) -> tuple[QRect, bool] | None:
        if self._ctx is None:
            return None
        saved = self._ctx.settings.window_geometry.get(self.name)
        if not (
            isinstance(saved, list)
            and len(saved) == 5
            and all(isinstance(v, int) and not isinstance(v, bool) for v in saved)
        ):
            return None
        x, y, width, height, maximised = saved
        if width < 50 or height < 50:
            return None
        return QRect(x, y, width, height), bool(maximised)

    def remember(self) -> None:
        """Store where the window is: its client area (the frame differs between desktops) in
        the normal state, and whether it is maximised."""
        if self._ctx is None:
            return
        window = self._window
        maximised = bool(window.windowState() & Qt.WindowState.WindowMaximized)
        placed = window.normalGeometry() if maximised else window.geometry()
        value = [placed.x(), placed.y(), placed.width(), placed.height(), int(maximised)]
        settings = self._ctx.settings
        if settings.window_geometry.get(self.name) == value:
            return
        settings.window_geometry = {**settings.window_geometry, self.name: value}
        settings.save_quietly(self._ctx.data_dir)

    # -- events -----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Qt may still filter while Python tears this object down, its attributes gone.
        if watched is not getattr(self, "_window", None):
            return False
        kind = event.type()
        if kind == QEvent.Type.Show and not event.spontaneous():
            # Sent before the native window is mapped: the window manager sees our place.
            self.place()
            self._shown.start()
            self._settle.start()
        elif (
            kind == QEvent.Type.LayoutRequest
            and self.preferred is None
            and window_is_normal(self._window)
        ):
            # Only for dialogs sized to their content: the desk's layout changes with every
            # keystroke, and the big windows are sized to the screen anyway.
            QTimer.singleShot(0, self.fit_content)
        elif kind == QEvent.Type.Hide and not event.spontaneous():
            self._settle.stop()
            self.remember()
        return False

    def _settle_step(self) -> None:
        self.keep_inside()
        if self._shown.elapsed() >= SETTLE_MS:
            self._settle.stop()


def keep_on_screen(
    window: QWidget, name: str, preferred: QSize, ctx: DeskContext | None = None
) -> WindowPlacement:
    """Place ``window`` inside the available screen area whenever it is shown, at its remembered
    geometry (when ``ctx`` is given and a screen still shows it) or at ``preferred`` size,
    shrunk to fit and centred over its parent."""
    return WindowPlacement(window, name, preferred, ctx)


def fit_dialog(dialog: QWidget) -> WindowPlacement:
    """For Qt's own dialogs (file dialogs, message boxes): placed like ours at the size they ask
    for when shown, and not remembered."""
    return WindowPlacement(dialog, dialog.objectName() or type(dialog).__name__)
