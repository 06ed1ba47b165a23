"""The lines of a text file in bounded memory, each line decoded on its own.

A Sidalih export is UTF-8, but a list touched by an older Windows tool may hold some lines, or all
of them, in Windows-1252. One encoding chosen for the whole file turns every UTF-8 name into
mojibake as soon as one legacy line is present (``Ñ`` read as ``Ã‘``), so each line is decoded by
itself: as UTF-8 if it is valid UTF-8, else as Windows-1252, and the caller is told which.

A line longer than the limit is never held whole: its bytes are passed over up to the next line
break and the line is reported as too long, so a file with no line break at all costs one chunk
of memory, not its size.

Line breaks are those of ``open(..., newline="")``: ``\\n``, ``\\r\\n`` and a lone ``\\r``.
"""

from __future__ import annotations

import codecs
import dataclasses
import enum
from collections.abc import Iterator
from typing import BinaryIO, TextIO

# A Sidalih row is a few hundred bytes; 64 KiB leaves room for any honest row and bounds what one
# line can cost (a 150 MB line once took 2.8 GB as text and fields).
MAX_LINE_BYTES = 64 * 1024
_CHUNK = 1 << 20


class LineKind(enum.Enum):
    ASCII = "ascii"
    UTF8 = "utf-8"  # valid UTF-8 with letters outside ASCII
    CP1252 = "cp1252"  # not valid UTF-8, read as Windows-1252
    TOO_LONG = "too_long"  # longer than the limit: not read, text is ""
    NOT_TEXT = "not_text"  # neither UTF-8 nor Windows-1252: not read, text is ""


# (line number from 1, text without its line break, how it was read)
Line = tuple[int, str, LineKind]


@dataclasses.dataclass(slots=True)
class LegacyLines:
    """Which lines were read as Windows-1252, for one warning instead of one per line: the count
    and the first ``SHOWN`` line numbers (every number of a legacy file would be a list as long
    as the file)."""

    SHOWN = 20

    count: int = 0
    first: list[int] = dataclasses.field(default_factory=list)
    utf8_lines: int = 0  # lines with letters outside ASCII that were valid UTF-8

    def note(self, number: int, kind: LineKind) -> None:
        if kind is LineKind.CP1252:
            self.count += 1
            if len(self.first) < self.SHOWN:
                self.first.append(number)
        elif kind is LineKind.UTF8:
            self.utf8_lines += 1

    @property
    def encoding(self) -> str:
        """``utf-8``, ``cp1252`` (no line needed UTF-8), or ``utf-8+cp1252`` (a mixed file)."""
        if not self.count:
            return "utf-8"
        return "utf-8+cp1252" if self.utf8_lines else "cp1252"

    def warning(self) -> str | None:
        """What the officer is told, naming the lines; None when every line was UTF-8."""
        if not self.count:
            return None
        shown = ", ".join(str(number) for number in self.first)
        if self.count > len(self.first):
            shown += f" and {self.count - len(self.first):,} more"
        one = self.count == 1
        lines = "line" if one else "lines"
        if self.utf8_lines:
            return (
                f"{self.count:,} {lines} of this UTF-8 file {'is' if one else 'are'} not UTF-8 "
                f"and {'was' if one else 'were'} read as Windows-1252 ({lines} {shown}). An "
                "editor may have saved them in another encoding: check the names on them."
            )
        return (
            "The file is not UTF-8 and was read as Windows-1252, as older Windows tools write "
            f"it: check the names on the {self.count:,} {lines} with letters outside A-Z "
            f"({lines} {shown})."
        )


def _decoded(raw: bytes) -> tuple[str, LineKind]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, LineKind.ASCII if text.isascii() else LineKind.UTF8
    try:
        return raw.decode("cp1252"), LineKind.CP1252
    except UnicodeDecodeError:  # cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined
        return "", LineKind.NOT_TEXT


def _line(number: int, piece: bytes, limit: int) -> Line:
    raw = piece.rstrip(b"\r\n")  # a piece ends in at most one line break
    if len(raw) > limit:
        return number, "", LineKind.TOO_LONG
    return (number, *_decoded(raw))


def _chunks(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The file in reads of ``size`` bytes, without a UTF-8 byte-order mark at its start."""
    first = handle.read(size)
    while first and len(first) < len(codecs.BOM_UTF8) and (more := handle.read(size)):
        first += more
    yield first.removeprefix(codecs.BOM_UTF8)
    while chunk := handle.read(size):
        yield chunk


def binary_lines(
    handle: BinaryIO, limit: int = MAX_LINE_BYTES, *, chunk_size: int = _CHUNK
) -> Iterator[Line]:
    """The lines of a file opened ``"rb"``, each decoded by itself; a UTF-8 byte-order mark at
    the start is dropped. Holds at most ``chunk_size + limit`` bytes of the file at a time."""
    number = 0
    pending = b""  # the start of a line whose break has not been read yet
    skipping = False  # inside a too-long line, up to its break
    after_cr = False  # the last piece ended in "\r": a "\n" starting the next chunk is its "\r\n"
    for chunk in _chunks(handle, chunk_size):
        if after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        data = pending + chunk if pending else chunk
        pieces = data.splitlines(keepends=True)
        pending = b"" if not pieces or pieces[-1].endswith((b"\n", b"\r")) else pieces.pop()
        after_cr = bool(pieces) and not pending and pieces[-1].endswith(b"\r")
        for piece in pieces:
            if skipping:  # the tail of a too-long line, already reported
                skipping = False
                continue
            number += 1
            yield _line(number, piece, limit)
        if skipping:
            pending = b""
        elif len(pending) > limit:
            number += 1
            yield number, "", LineKind.TOO_LONG
            skipping, pending = True, b""
    if pending:
        number += 1
        yield _line(number, pending, limit)


def text_lines(stream: TextIO, limit: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """The lines of a text stream (open files with ``newline=""``); ``limit`` counts characters
    here. A too-long line is read past in pieces of ``limit`` characters, never held whole."""
    number = 0
    skipping = False
    after_cr = False  # a piece cut at the limit right after "\r": a lone "\n" next completes it
    while piece := stream.readline(limit + 1):
        ended = piece.endswith(("\n", "\r"))
        if after_cr and piece == "\n":
            after_cr = False
            continue
        after_cr = piece.endswith("\r")
        if skipping:
            skipping = not ended
            continue
        number += 1
        if not ended and len(piece) > limit:
            yield number, "", LineKind.TOO_LONG
            skipping = True
            continue
        text = piece.rstrip("\r\n")
        yield number, text, LineKind.ASCII if text.isascii() else LineKind.UTF8
