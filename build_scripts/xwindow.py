"""Find and close the Lapang window on an X display (Xvfb), for the smoke test and the start-up
benchmark. Talks to libX11 through ctypes, so it needs nothing but the X client library that the
app itself needs.

    python build_scripts/xwindow.py wait [--timeout 60]   # prints "<window id> <monotonic ns>"
    python build_scripts/xwindow.py close WINDOW_ID       # asks it to close, like its X button

``wait`` polls every 2 ms and reports the first moment a top-level window of class ``Lapang``
(Qt's application name; the title is translated, the class is not) is mapped and viewable at a
real size: the time a person would first see the window. The time is ``time.monotonic_ns()``,
the system-wide CLOCK_MONOTONIC, so another process can compare it with its own clock.

``close`` sends WM_DELETE_WINDOW, the message a window manager sends when the close button is
clicked, so the app goes through its normal close path (closeEvent, worker shutdown, exit 0).
Xvfb has no window manager; ``xdotool windowclose`` would destroy the window under Qt instead.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import sys
import time

WINDOW_CLASS = b"Lapang"
MIN_SIDE = 100  # Qt's helper windows are 1x1 or 3x3
IS_VIEWABLE = 2
CLIENT_MESSAGE = 33


class XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("border_width", ctypes.c_int),
        ("depth", ctypes.c_int),
        ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong),
        ("c_class", ctypes.c_int),
        ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int),
        ("backing_store", ctypes.c_int),
        ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong),
        ("save_under", ctypes.c_int),
        ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int),
        ("map_state", ctypes.c_int),
        ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long),
        ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int),
        ("screen", ctypes.c_void_p),
    ]


class XClassHint(ctypes.Structure):
    _fields_ = [("res_name", ctypes.c_char_p), ("res_class", ctypes.c_char_p)]


class XClientMessageEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", XClientMessageEvent), ("pad", ctypes.c_long * 24)]


class XError(Exception):
    """No X display, or the X client library is missing."""


def _xlib() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        lib = ctypes.CDLL(name)
    except OSError as exc:
        raise XError(f"The X client library (libX11) is not installed: {exc}") from exc
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XQueryTree.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
        ctypes.POINTER(ctypes.c_uint),
    ]
    lib.XGetWindowAttributes.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.POINTER(XWindowAttributes),
    ]
    lib.XGetClassHint.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XClassHint)]
    lib.XFree.argtypes = [ctypes.c_void_p]
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(XEvent),
    ]
    lib.XFlush.argtypes = [ctypes.c_void_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    # A window can vanish between XQueryTree and the next call; the default handler would exit.
    handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    lib._ignore_errors = handler_type(lambda _display, _event: 0)  # keep a reference
    lib.XSetErrorHandler(lib._ignore_errors)
    return lib


def _open(lib: ctypes.CDLL) -> int:
    display = lib.XOpenDisplay(None)
    if not display:
        raise XError("Cannot open the X display: is DISPLAY set and Xvfb running?")
    return display


def find_window(lib: ctypes.CDLL, display: int, window_class: bytes = WINDOW_CLASS) -> int | None:
    """The viewable top-level window of that class (default Lapang), if there is one yet."""
    root_return, parent = ctypes.c_ulong(), ctypes.c_ulong()
    children = ctypes.POINTER(ctypes.c_ulong)()
    count = ctypes.c_uint()
    root = lib.XDefaultRootWindow(display)
    if not lib.XQueryTree(display, root, root_return, parent, children, count):
        return None
    try:
        for i in range(count.value):
            window = children[i]
            hint = XClassHint()
            if not lib.XGetClassHint(display, window, ctypes.byref(hint)):
                continue
            # Qt sets the class to the application name; Wine to the program file, in any case.
            matches = (hint.res_class or b"").lower() == window_class.lower()
            for field in (XClassHint.res_name, XClassHint.res_class):
                pointer = ctypes.c_void_p.from_buffer(hint, field.offset)
                if pointer.value:
                    lib.XFree(pointer)
            if not matches:
                continue
            attrs = XWindowAttributes()
            if (
                lib.XGetWindowAttributes(display, window, ctypes.byref(attrs))
                and attrs.map_state == IS_VIEWABLE
                and min(attrs.width, attrs.height) >= MIN_SIDE
            ):
                return window
    finally:
        if children:
            lib.XFree(children)
    return None


def wait_for_window(
    timeout: float, poll: float = 0.002, window_class: bytes = WINDOW_CLASS
) -> tuple[int, int]:
    """Block until the Lapang window is viewable: (window id, monotonic ns when first seen)."""
    lib = _xlib()
    display = _open(lib)
    deadline = time.monotonic() + timeout
    try:
        while True:
            window = find_window(lib, display, window_class)
            if window is not None:
                return window, time.monotonic_ns()
            if time.monotonic() > deadline:
                raise TimeoutError(f"No Lapang window appeared within {timeout:.0f} s.")
            time.sleep(poll)
    finally:
        lib.XCloseDisplay(display)


def close_window(window: int) -> None:
    """Send WM_DELETE_WINDOW, as a window manager's close button does."""
    lib = _xlib()
    display = _open(lib)
    try:
        event = XEvent()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = lib.XInternAtom(display, b"WM_PROTOCOLS", 0)
        event.xclient.format = 32
        event.xclient.data[0] = lib.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        event.xclient.data[1] = 0  # CurrentTime
        lib.XSendEvent(display, window, 0, 0, ctypes.byref(event))
        lib.XFlush(display)
    finally:
        lib.XCloseDisplay(display)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    wait = sub.add_parser("wait", help="wait for the Lapang window; print its id and the time")
    wait.add_argument("--timeout", type=float, default=60.0)
    wait.add_argument(
        "--class",
        dest="window_class",
        default=WINDOW_CLASS.decode(),
        help="X window class (Wine: the program file, e.g. lapang.exe)",
    )
    close = sub.add_parser("close", help="close a window the way its close button does")
    close.add_argument("window", type=lambda text: int(text, 0))
    args = parser.parse_args(argv)
    try:
        if args.command == "wait":
            # Tell a caller that polling has begun, so it can start the app only now.
            print("ready", flush=True)
            window, seen_ns = wait_for_window(args.timeout, window_class=args.window_class.encode())
            print(f"{window:#x} {seen_ns}", flush=True)
        else:
            close_window(args.window)
    except (XError, TimeoutError) as exc:
        print(f"xwindow: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
