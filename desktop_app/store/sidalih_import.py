"""`lapang import-sidalih`: read a Sidalih export, import its good rows in one transaction, report
the bad ones by line number."""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib

from desktop_app.formats.sidalih import RowError, SidalihFormatError, read_sidalih
from desktop_app.store.errors import ImportFailed
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_import import ImportReport, import_voters

ENCODINGS = ("utf-8-sig", "cp1252")  # Sidalih exports opened and re-saved in Excel arrive as cp1252


@dataclasses.dataclass
class SidalihImportResult:
    report: ImportReport
    errors: list[RowError]
    unmatched_columns: list[str]
    missing_columns: list[str]


def _decode(data: bytes, path: pathlib.Path) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed(f"{path.name} is not a text file in UTF-8 or Windows encoding.")


def import_sidalih_file(store: FieldStore, path: pathlib.Path) -> SidalihImportResult:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror}.") from exc
    import io

    try:
        parsed = read_sidalih(io.StringIO(_decode(data, path), newline=""))
    except SidalihFormatError as exc:
        raise ImportFailed(f"{path.name}: {exc}") from exc
    report = import_voters(
        store,
        (record for _, record in parsed.rows),
        source=f"sidalih:{path.name}",
        source_digest=hashlib.sha256(data).hexdigest(),
    )
    return SidalihImportResult(
        report, list(parsed.errors), list(parsed.unmatched_columns), list(parsed.missing_columns)
    )
