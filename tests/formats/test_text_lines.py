"""Lines read in bounded chunks split and decode exactly as the whole file split at once would,
wherever the chunk boundaries fall; an overlong line is reported, never returned."""

from __future__ import annotations

import codecs
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from lapang_core.formats.text_lines import LineKind, binary_lines, text_lines


def _expected(data: bytes, limit: int) -> list[tuple[int, str, LineKind]]:
    """The model: split the whole file at once, then decode each line by itself."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    lines = []
    for number, raw in enumerate(data.splitlines(), start=1):
        if len(raw) > limit:
            lines.append((number, "", LineKind.TOO_LONG))
            continue
        try:
            text = raw.decode("utf-8")
            kind = LineKind.ASCII if text.isascii() else LineKind.UTF8
        except UnicodeDecodeError:
            try:
                text, kind = raw.decode("cp1252"), LineKind.CP1252
            except UnicodeDecodeError:
                text, kind = "", LineKind.NOT_TEXT
        lines.append((number, text, kind))
    return lines


# Pieces that make chunk boundaries interesting: line breaks of every kind, multi-byte UTF-8,
# Windows-1252 letters, a byte Windows-1252 leaves undefined, and a BOM.
pieces = st.sampled_from(
    [b"A", b"#", b"\n", b"\r", b"\r\n", "Ñ".encode(), "É".encode("cp1252"), b"\x81", b"AAAAAAA"]
)
files = st.tuples(st.booleans(), st.lists(pieces, max_size=60)).map(
    lambda t: (codecs.BOM_UTF8 if t[0] else b"") + b"".join(t[1])
)


@settings(max_examples=400, deadline=None)
@given(files, st.integers(1, 12), st.integers(1, 9))
def test_chunked_lines_match_the_whole_file_split_at_once(data, limit, chunk_size):
    got = list(binary_lines(io.BytesIO(data), limit, chunk_size=chunk_size))
    assert got == _expected(data, limit)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AÑ#\n\r", max_size=60), st.integers(1, 12))
def test_text_stream_lines_match_the_whole_text_split_at_once(text, limit):
    got = list(text_lines(io.StringIO(text, newline=""), limit))
    expected = [
        (number, "", LineKind.TOO_LONG)
        if len(line) > limit
        else (number, line, LineKind.ASCII if line.isascii() else LineKind.UTF8)
        for number, line in enumerate(text.encode().splitlines(), start=1)
        for line in [line.decode()]
    ]
    assert got == expected


class _CountingReader(io.RawIOBase):
    """A file of ``size`` bytes with no line break, made up as it is read; remembers the
    largest read asked of it."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.largest_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.largest_read = max(self.largest_read, len(buffer))
        n = min(len(buffer), self.left)
        buffer[:n] = b"A" * n
        self.left -= n
        return n


def test_a_line_without_end_is_reported_once_and_never_held():
    source = _CountingReader(64 << 20)
    got = list(binary_lines(source))  # unbuffered: each read is the reader's own chunk
    assert got == [(1, "", LineKind.TOO_LONG)]
    assert source.left == 0 and source.largest_read <= 1 << 20
