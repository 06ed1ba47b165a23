"""`lapang import-sidalih`: read a Sidalih export, import its good rows in one transaction, report
the bad ones by line number."""

from __future__ import annotations

import dataclasses
import hashlib
import pathlib

from desktop_app.formats.sidalih import RowError, SidalihFormatError, read_sidalih_file
from desktop_app.store.errors import ImportFailed
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_import import ImportReport, import_voters


@dataclasses.dataclass
class SidalihImportResult:
    report: ImportReport
    errors: list[RowError]
    warnings: int
    unmatched_columns: list[str]
    missing_columns: list[str]


def _digest(path: pathlib.Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


def import_sidalih_file(store: FieldStore, path: pathlib.Path) -> SidalihImportResult:
    try:
        parsed = read_sidalih_file(path)
        digest = _digest(path)
    except SidalihFormatError as exc:
        raise ImportFailed(f"{path.name}: {exc} Nothing was imported.") from exc
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror}. Nothing was imported.") from exc
    report = import_voters(
        store,
        (record for _, record in parsed.rows),
        source=f"sidalih:{path.name}",
        source_digest=digest,
    )
    return SidalihImportResult(
        report,
        list(parsed.errors),
        len(parsed.warnings),
        list(parsed.unmatched_columns),
        list(parsed.missing_columns),
    )
