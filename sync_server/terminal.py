"""What the admin commands print to a terminal.

Device labels, applicants' names, application numbers and the lines of an imported file come
from laptops and files KPU does not control. Printed raw, a control character in one of them
reaches the operator's terminal: an ANSI escape sequence can recolour, rewrite or clear the
screen, retitle the window or, on some terminals, answer back; a carriage return overwrites a
line; a newline in a label forges a row of the device list; a bidi override (U+202E) shows
text reversed. Every character of that kind is shown as a visible escape instead (``\\x1b``,
``\\u202e``), so the operator sees that something odd was sent, and nothing acts on the
terminal. CSV exports are files, not terminal output, and have their own rules.
"""

from __future__ import annotations

import contextlib
import io
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from typing import TextIO

# Controls (C0, DEL, C1), format characters (bidi embeddings, overrides and isolates, zero-width
# characters, the BOM), lone surrogates (which would also crash the UTF-8 encoder), and the
# Unicode line and paragraph separators some terminals break lines at.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every character that could act on a terminal replaced by its visible
    escape; ``keep_newlines`` keeps ``\\n`` (for whole messages, never for one table cell)."""
    if text.isprintable():  # the usual case, in C
        return text
    return "".join(
        char
        if (char == "\n" and keep_newlines)
        or (char != "\n" and unicodedata.category(char) not in _UNSAFE_CATEGORIES)
        else _escape(char)
        for char in text
    )


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def print_rows(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A table in aligned columns, each cell made printable on one line."""
    table = [[printable(str(h)) for h in headers]]
    table += [["" if v is None else printable(str(v)) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


class PrintableStream(io.TextIOBase):
    """A text stream that passes what is written on to ``inner`` through ``printable``. It
    says it is no terminal: a library that would colour its output (uvicorn's log) then
    writes plain text instead of escapes this stream would show as ``\\x1b[32m``."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(printable(text, keep_newlines=True))
        return len(text)

    def flush(self) -> None:
        self._inner.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._inner.encoding


@contextlib.contextmanager
def printable_output() -> Iterator[None]:
    """Inside the block, everything written to stdout and stderr goes through ``printable``:
    the one path every message of an admin command takes, whoever wrote it."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(saved[0]), PrintableStream(saved[1])
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = saved
