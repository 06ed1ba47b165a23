"""Sidalih-style CSV voter lists: ``#``-delimited, one header line (domain note §2 [i]).

Reading never raises for a bad row: the row becomes a ``RowError`` with its line number and a
reason that never quotes the NIK/NKK or other protected values. Only a header that cannot be
recognised (or a file that is not text) raises ``SidalihFormatError``.

A file is read line by line in bounded memory (``text_lines``): each line is decoded by itself, as
UTF-8 or else Windows-1252, and the lines read as Windows-1252 are tallied in ``LegacyLines`` for
one warning; a line over ``MAX_LINE_BYTES`` is a bad row, never read whole.

A field may be quoted with ``"`` so that values containing ``#`` survive; values are trimmed
on reading, so ``read_sidalih(write_sidalih(records))`` returns records whose text fields
had no surrounding spaces unchanged.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO, cast

from lapang_core.domain.findings import Finding, warning
from lapang_core.domain.outcomes import InvalidKeterangan, Outcome, parse_keterangan
from lapang_core.domain.region import (
    InvalidRegionCode,
    RegionLevel,
    is_within,
    make_tps_id,
    normalize_region_code,
    parent_code,
    parse_tps_id,
    region_level,
)
from lapang_core.domain.voter import VoterRecord, validate_record
from lapang_core.formats import sidalih_values as values
from lapang_core.formats.sidalih_columns import SIDALIH_COLUMNS, canonical_column
from lapang_core.formats.text_lines import (
    MAX_LINE_BYTES,
    LegacyLines,
    Line,
    LineKind,
    binary_lines,
    text_lines,
)

DELIMITER = "#"

# Reads one canonical column of the current row ("" when the file lacks the column).
_Get = Callable[[str], str]

# VoterRecord field filled from each column, to drop per-row "missing" warnings for a column
# the whole file lacks (reported once in ``missing_columns``).
_FIELD_OF_COLUMN = {
    "NKK": "nkk",
    "TMPT_LHR": "tempat_lahir",
    "TGL_LHR": "tanggal_lahir",
    "STS": "status_perkawinan",
    "ALAMAT": "alamat",
    "RT": "rt",
    "RW": "rw",
    "EKTP": "status_ktp_el",
}


class SidalihFormatError(ValueError):
    """The file is not a readable Sidalih list (its header, delimiter or text encoding)."""


class SidalihWriteError(ValueError):
    """A record cannot be written in the Sidalih layout."""


@dataclasses.dataclass(frozen=True, slots=True)
class RowError:
    line: int
    reason: str
    code: str
    findings: tuple[Finding, ...] = ()  # every error found, when the row was validated


@dataclasses.dataclass(frozen=True, slots=True)
class SidalihRow:
    """One data line: either a ``record`` or an ``error``, plus warnings about it."""

    line: int
    record: VoterRecord | None
    error: RowError | None
    warnings: tuple[Finding, ...] = ()


@dataclasses.dataclass(slots=True)
class SidalihReadResult:
    rows: list[tuple[int, VoterRecord]]
    errors: list[RowError]
    warnings: list[tuple[int, Finding]]
    columns: dict[str, str]  # canonical column -> header name as written in the file
    unmatched_columns: list[str]  # header names not used (unknown or repeated)
    missing_columns: list[str]  # Sidalih columns absent from the header
    legacy_lines: LegacyLines = dataclasses.field(default_factory=LegacyLines)

    @property
    def encoding(self) -> str:
        """``utf-8``, ``cp1252``, or ``utf-8+cp1252`` for a mixed file (see ``LegacyLines``)."""
        return self.legacy_lines.encoding


# Lines the reader cannot read, with the reason a bad row (or the header) gives.
_UNREAD = {
    LineKind.TOO_LONG: (
        f"The line is longer than {MAX_LINE_BYTES // 1024} KiB (a voter's row is well under "
        "1 KiB) and was not read: line breaks may have been lost, or this is not a voter list."
    ),
    LineKind.NOT_TEXT: (
        "The line is neither UTF-8 nor Windows-1252 text and was not read; export the list "
        "again as UTF-8."
    ),
}
_UNREAD_CODE = {LineKind.TOO_LONG: "row.too_long", LineKind.NOT_TEXT: "row.not_text"}


def _lines_of(stream: TextIO | BinaryIO) -> Iterator[Line]:
    if isinstance(stream.read(0), bytes):  # opened "rb": each line is decoded by itself
        return binary_lines(cast(BinaryIO, stream))
    return text_lines(cast(TextIO, stream))


def _split(line: str) -> list[str]:
    if '"' not in line:  # the common case, and much faster than csv
        return line.split(DELIMITER)
    return next(csv.reader([line], delimiter=DELIMITER, quotechar='"', strict=True))


class SidalihReader:
    """Streams a Sidalih list row by row (for lists too big to hold at once).

    ``stream`` is a text stream (open files with ``newline=""``) or a binary one (a file opened
    ``"rb"``), whose lines are decoded one by one as UTF-8, or else as Windows-1252 and noted in
    ``legacy_lines``. The header is read on construction. Raises:
        SidalihFormatError: empty file, wrong delimiter, essential columns missing, not text.
    """

    def __init__(self, stream: TextIO | BinaryIO) -> None:
        self.legacy_lines = LegacyLines()
        self._lines = self._numbered_lines(stream)
        self._header_line, header = self._read_header()
        self._width = len(header)
        self.columns: dict[str, str] = {}
        self._index: dict[str, int] = {}
        self.unmatched_columns: list[str] = []
        for position, name in enumerate(header):
            canonical = canonical_column(name)
            if canonical is None or canonical in self._index:
                if name.strip():
                    self.unmatched_columns.append(name.strip())
                continue
            self._index[canonical] = position
            self.columns[canonical] = name.strip()
        self.missing_columns = [
            column
            for column in SIDALIH_COLUMNS
            if column not in self._index
            and not (column == "KEL_ID" and "KODE_DESA" in self._index)
            and not (column == "KEC_ID" and "KODE_KEC" in self._index)
        ]
        self._check_essential(header)

    def _numbered_lines(self, stream: TextIO | BinaryIO) -> Iterator[Line]:
        number = 0
        note = self.legacy_lines.note
        try:
            for line in _lines_of(stream):
                number = line[0]
                if line[2] is not LineKind.ASCII:
                    note(number, line[2])
                yield line
        except UnicodeDecodeError as exc:  # a text stream opened in the wrong encoding
            raise SidalihFormatError(
                f"The file is not readable as text after line {number}; export it again as "
                "UTF-8 or open it with the right encoding."
            ) from exc

    def _read_header(self) -> tuple[int, list[str]]:
        for number, line, kind in self._lines:
            if kind in _UNREAD:
                reason = _UNREAD[kind]
                raise SidalihFormatError(
                    f"Cannot read the header on line {number}: {reason[0].lower()}{reason[1:]}"
                )
            line = line.lstrip("\ufeff")  # byte-order mark written by Windows tools
            if not line.strip():
                continue
            if DELIMITER not in line:
                for other in (";", ",", "\t", "|"):
                    if other in line:
                        shown = "tab" if other == "\t" else repr(other)
                        raise SidalihFormatError(
                            f"The header is separated by {shown}, not '#': this is not a "
                            "Sidalih export, or it was re-saved by a spreadsheet."
                        )
            try:
                return number, _split(line)
            except csv.Error as exc:
                raise SidalihFormatError(
                    f"The header on line {number} has unbalanced quotes."
                ) from exc
        raise SidalihFormatError("The file is empty: no header line was found.")

    def _check_essential(self, header: list[str]) -> None:
        needed = [column for column in ("NIK", "NAMA", "KELAMIN") if column not in self._index]
        has_desa = "KEL_ID" in self._index or "KODE_DESA" in self._index
        if not ("TPS_ID" in self._index or (has_desa and "TPS" in self._index)):
            needed.append("KEL_ID and TPS (or TPS_ID)")
        if needed:
            found = ", ".join(name.strip() for name in header if name.strip()) or "none"
            raise SidalihFormatError(
                f"The header has no column for {', '.join(needed)}; "
                f"columns found: {found}. Rename the columns or export the list again."
            )

    def __iter__(self) -> Iterator[SidalihRow]:
        for number, line, kind in self._lines:
            if kind in _UNREAD:
                yield _failed(number, _UNREAD_CODE[kind], _UNREAD[kind])
            elif line.strip():
                yield self._read_row(number, line)

    # --- one row ------------------------------------------------------------------------------

    def _read_row(self, number: int, line: str) -> SidalihRow:
        try:
            fields = _split(line)
        except csv.Error:
            return _failed(number, "row.quoting", 'The line has an unbalanced quote (").')
        fields = self._fit(fields)
        if fields is None:
            return _failed(
                number,
                "row.field_count",
                f"The line does not have {self._width} '#'-separated values like the header; "
                "a '#' inside a value or a lost value shifted the columns.",
            )
        get = self._getter(fields)
        try:
            tps_id, region_warnings = self._tps_id(get)
            record = VoterRecord(
                nkk=values.read_code(get("NKK")),
                nik=values.read_code(get("NIK")),
                nama=get("NAMA"),
                tempat_lahir=get("TMPT_LHR"),
                tanggal_lahir=values.read_date(get("TGL_LHR")),
                status_perkawinan=values.spelled(get("STS"), values.STATUS_PERKAWINAN_SPELLINGS),
                jenis_kelamin=values.spelled(get("KELAMIN"), values.JENIS_KELAMIN_SPELLINGS),
                alamat=get("ALAMAT"),
                rt=get("RT"),
                rw=get("RW"),
                disabilitas=values.read_disabilitas(get("DIS")),
                status_ktp_el=values.spelled(get("EKTP"), values.STATUS_KTP_EL_SPELLINGS),
                tps_id=tps_id,
                keterangan=values.read_keterangan(get("KET")),
                sumber=get("SUMBER"),
                dpid=values.read_code(get("DPID")) or None,
            )
        except values.ValueProblem as problem:
            return _failed(number, problem.code, str(problem))

        result = validate_record(record)
        if not result.ok:
            errors = result.errors
            reason = " ".join(finding.message for finding in errors)
            return SidalihRow(number, None, RowError(number, reason, errors[0].code, errors))
        absent = {field for column, field in _FIELD_OF_COLUMN.items() if column not in self._index}
        kept = tuple(
            finding
            for finding in result.warnings
            if not (finding.code.endswith(".missing") and finding.field in absent)
        )
        return SidalihRow(number, record, None, region_warnings + kept)

    def _fit(self, fields: list[str]) -> list[str] | None:
        """Tolerate trailing '#'s and short lines that only lack columns we do not read;
        None if the count is wrong."""
        if len(fields) > self._width and not any(f.strip() for f in fields[self._width :]):
            return fields[: self._width]
        if len(fields) < self._width and max(self._index.values()) < len(fields):
            return fields + [""] * (self._width - len(fields))
        return fields if len(fields) == self._width else None

    def _getter(self, fields: list[str]) -> _Get:
        index = self._index

        def get(column: str) -> str:
            position = index.get(column)
            return "" if position is None else fields[position].strip()

        return get

    def _tps_id(self, get: _Get) -> tuple[str, tuple[Finding, ...]]:
        desa = self._desa_code(get)
        nomor_text = get("TPS")
        if desa is not None and nomor_text:
            tps_id = make_tps_id(desa, values.read_tps_number(nomor_text))
        else:
            tps_id = self._tps_id_column(get, desa)
        return tps_id, self._kecamatan_warnings(get, tps_id)

    def _desa_code(self, get: _Get) -> str | None:
        present = False
        for column in ("KODE_DESA", "KEL_ID"):
            text = values.read_code(get(column))
            if not text:
                continue
            present = True
            try:
                code = normalize_region_code(text)
            except InvalidRegionCode:
                continue
            if region_level(code) is RegionLevel.DESA:
                return code
        if present and not get("TPS_ID"):
            raise values.ValueProblem(
                "tps.desa_invalid",
                "KEL_ID must be a 10-digit desa/kelurahan code (dotted or plain).",
            )
        return None

    @staticmethod
    def _tps_id_column(get: _Get, desa: str | None) -> str:
        text = values.read_code(get("TPS_ID"))
        if not text:
            raise values.ValueProblem(
                "tps.missing", "The row has no desa code and TPS number to place the voter."
            )
        try:
            tps_desa, nomor = parse_tps_id(text)
        except InvalidRegionCode:
            raise values.ValueProblem(
                "tps.invalid",
                "TPS_ID must be a TPS id (desa code plus 3-digit number) when KEL_ID or "
                "TPS is blank.",
            ) from None
        if desa is not None and desa != tps_desa:
            raise values.ValueProblem(
                "tps.desa_mismatch", "TPS_ID belongs to another desa than KEL_ID."
            )
        return make_tps_id(tps_desa, nomor)

    @staticmethod
    def _kecamatan_warnings(get: _Get, tps_id: str) -> tuple[Finding, ...]:
        for column in ("KODE_KEC", "KEC_ID"):
            text = values.read_code(get(column))
            try:
                code = normalize_region_code(text)
            except InvalidRegionCode:
                continue  # blank, or Sidalih's internal id
            if region_level(code) is RegionLevel.KECAMATAN and not is_within(tps_id, code):
                return (
                    warning(
                        "region.kecamatan_mismatch",
                        "tps_id",
                        f"{column} names another kecamatan than the desa code; the desa "
                        "code was used.",
                    ),
                )
        return ()


def _failed(line: int, code: str, reason: str) -> SidalihRow:
    return SidalihRow(line, None, RowError(line, reason, code))


def _is_active(record: VoterRecord) -> bool:
    return parse_keterangan(record.keterangan)[0] is not Outcome.TMS


def checked_rows(reader: SidalihReader) -> Iterator[SidalihRow]:
    """The reader's rows, one at a time, with the check that needs the whole list: a row whose
    NIK already appeared on an earlier active (non-TMS) row gets a ``nik.duplicate`` warning.
    Both rows stay, to be resolved as TMS-2 after checking. Holds one entry per NIK, not the
    rows, so a kabupaten's list streams into an import."""
    first_line_of_nik: dict[str, int] = {}
    for row in reader:
        if row.record is not None and _is_active(row.record):
            nik = row.record.nik.strip()
            first = first_line_of_nik.setdefault(nik, row.line)
            if first != row.line:
                duplicate = warning(
                    "nik.duplicate",
                    "nik",
                    f"The same NIK is on line {first}; check whether it is the same person "
                    "(TMS-2 ganda).",
                )
                row = dataclasses.replace(row, warnings=(*row.warnings, duplicate))
        yield row


def read_sidalih(stream: TextIO | BinaryIO) -> SidalihReadResult:
    """Read a whole Sidalih list into memory from a text stream (open it with ``newline=""``) or
    a binary one (see ``SidalihReader``); a BOM and CRLF are fine. For a list too big to hold,
    stream ``checked_rows(SidalihReader(stream))``.

    Raises:
        SidalihFormatError: the header cannot be recognised or the file is not text.
    """
    reader = SidalihReader(stream)
    result = SidalihReadResult(
        rows=[],
        errors=[],
        warnings=[],
        columns=dict(reader.columns),
        unmatched_columns=list(reader.unmatched_columns),
        missing_columns=list(reader.missing_columns),
        legacy_lines=reader.legacy_lines,
    )
    for row in checked_rows(reader):
        if row.error is not None:
            result.errors.append(row.error)
            continue
        assert row.record is not None
        result.rows.append((row.line, row.record))
        result.warnings.extend((row.line, finding) for finding in row.warnings)
    return result


def read_sidalih_file(path: Path) -> SidalihReadResult:
    """Read a Sidalih list from disk, each line as UTF-8 or else Windows-1252 (the result's
    ``legacy_lines`` says which lines were, and ``warning()`` words it for the officer).

    Raises:
        SidalihFormatError: see ``read_sidalih``.
        OSError: the file cannot be opened.
    """
    with open(path, "rb") as handle:
        return read_sidalih(handle)


# --- writing ----------------------------------------------------------------------------------


def _row_for(record: VoterRecord) -> list[str]:
    try:
        desa, nomor = parse_tps_id(record.tps_id)
    except InvalidRegionCode:
        raise SidalihWriteError("A record has no valid TPS id; it cannot be exported.") from None
    try:
        outcome, _ = parse_keterangan(record.keterangan)
    except InvalidKeterangan:
        raise SidalihWriteError("A record has an invalid keterangan mark.") from None
    text_fields = ("nkk", "nik", "nama", "tempat_lahir", "alamat", "rt", "rw", "sumber")
    for field in text_fields:
        value = getattr(record, field)
        if "\n" in value or "\r" in value:
            raise SidalihWriteError(
                f"A record's {field} contains a line break; correct it before exporting."
            )
    return [
        parent_code(desa, RegionLevel.KECAMATAN),  # KEC_ID
        desa,  # KEL_ID
        "",  # TPS_ID: Sidalih's own id, unknown here
        "",  # TAHAPAN_ID
        record.dpid or "",
        record.nkk,
        record.nik,
        record.nama,
        record.jenis_kelamin,
        record.tempat_lahir,
        values.write_date(record.tanggal_lahir),
        record.status_perkawinan,
        record.alamat,
        record.rt,
        record.rw,
        str(record.disabilitas),
        record.status_ktp_el,
        record.sumber,
        record.keterangan,
        f"{nomor:03d}",
        "TMS" if outcome is Outcome.TMS else values.STATUS_FOR_KETERANGAN[record.keterangan],
        "",  # UPDATED_AT
    ]


def write_sidalih(records: Iterable[VoterRecord], stream: TextIO) -> int:
    """Write records in the Sidalih layout (``SIDALIH_COLUMNS``), CRLF line ends; open files
    with ``newline=""``. Returns the number of records written.

    Raises:
        SidalihWriteError: a record has an invalid TPS id or keterangan, or a line break in a
            value; the rows before it are already written, so write to a temporary file and
            replace the target only on success.
    """
    writer = csv.writer(
        stream, delimiter=DELIMITER, quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow(SIDALIH_COLUMNS)
    count = 0
    for record in records:
        writer.writerow(_row_for(record))
        count += 1
    return count


def dumps_sidalih(records: Iterable[VoterRecord]) -> str:
    """The Sidalih text for ``records`` (convenience for tests and small exports)."""
    buffer = io.StringIO(newline="")
    write_sidalih(records, buffer)
    return buffer.getvalue()
