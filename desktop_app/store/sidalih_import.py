"""`lapang import-sidalih`: read a Sidalih export, import its good rows in one transaction, report
the bad ones by line number.

The rows stream from the file into the import: a kabupaten's list of a million rows never sits in
memory whole (it took ~1 GB as parsed records), nor does one overlong line (a bad row). Each line
is decoded by itself, as UTF-8 or else Windows-1252, and the result names the lines read as
Windows-1252. Anything that fails part-way (an unreadable file, a full disk) rolls the whole
import back."""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib
from collections.abc import Iterable, Iterator

from desktop_app.store.errors import ImportFailed
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_import import ImportReport, import_voters
from lapang_core.domain.voter import VoterRecord
from lapang_core.formats.sidalih import (
    RowError,
    SidalihFormatError,
    SidalihReader,
    SidalihRow,
    checked_rows,
)
from lapang_core.formats.text_lines import LegacyLines


@dataclasses.dataclass
class SidalihImportResult:
    report: ImportReport
    errors: list[RowError]
    warnings: int
    unmatched_columns: list[str]
    missing_columns: list[str]
    legacy_lines: LegacyLines  # lines read as Windows-1252; ``warning()`` words it


@dataclasses.dataclass
class _Tally:
    """What the rows said besides their records, gathered as they stream past."""

    errors: list[RowError] = dataclasses.field(default_factory=list)
    warnings: int = 0

    def records(self, rows: Iterable[SidalihRow]) -> Iterator[VoterRecord]:
        for row in rows:
            if row.error is not None:
                self.errors.append(row.error)
                continue
            assert row.record is not None
            self.warnings += len(row.warnings)
            yield row.record


def _digest(path: pathlib.Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def import_sidalih_file(store: FieldStore, path: pathlib.Path) -> SidalihImportResult:
    tally = _Tally()
    try:
        digest = _digest(path)
        with open(path, "rb") as handle:
            reader = SidalihReader(handle)
            report = import_voters(
                store,
                tally.records(checked_rows(reader)),
                source=f"sidalih:{path.name}",
                source_digest=digest,
            )
    except SidalihFormatError as exc:
        raise ImportFailed(f"{path.name}: {exc} Nothing was imported.") from exc
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror}. Nothing was imported.") from exc
    return SidalihImportResult(
        report,
        tally.errors,
        tally.warnings,
        list(reader.unmatched_columns),
        list(reader.missing_columns),
        reader.legacy_lines,
    )
