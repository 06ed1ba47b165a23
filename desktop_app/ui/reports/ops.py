"""Report operations, run on the database worker: counting an area and writing an export. Each
function returns ``op(ctx) -> result`` for ``DeskContext.read``; the store and the reports layer
do the work (no SQL here, no Qt widgets there)."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Callable

from desktop_app.reports.coklit_exports import ExportDone, ReportKind, export_report
from desktop_app.reports.paper import PaperSize
from desktop_app.store import report_queries
from desktop_app.ui.operations import WorkerContext

FOLDER_SETTING = "reports.folder"


@dataclasses.dataclass(frozen=True)
class AreaReport:
    """What the reports window shows for one area."""

    breakdown: report_queries.CoklitBreakdown
    names: dict[str, str]  # region names of the area, the levels above it and its parts

    @property
    def area(self) -> str | None:
        return self.breakdown.area


def load_report(area: str | None) -> Callable[[WorkerContext], AreaReport]:
    def op(ctx: WorkerContext) -> AreaReport:
        db = ctx.store.db
        breakdown = report_queries.coklit_breakdown(db, area)
        names = report_queries.region_names(db, area, (code for code, _ in breakdown.parts))
        return AreaReport(breakdown, names)

    return op


def export(
    kind: ReportKind,
    area: str | None,
    path: pathlib.Path,
    *,
    overwrite: bool,
    paper: PaperSize = PaperSize.A4,
) -> Callable[[WorkerContext], ExportDone]:
    """Read the area as it is now, write the file (PDF through Qt's text engine, which is
    reentrant and may run here), and log the export in the audit trail."""
    return lambda ctx: export_report(ctx.store, kind, area, path, overwrite=overwrite, paper=paper)
