"""Recruitment operations, run on the database worker. Each function returns ``op(ctx) -> result``
for ``DeskContext.read``; the store's ApplicationService does the work (no SQL here).

A form's draft id is held in a ``DraftRef`` that only the worker writes: the first save creates
the draft and sets the id, and every operation queued behind it (the worker runs them in order)
updates that same draft. So an officer who types, attaches a file and presses Kirim within the
first second still ends up with one application, not three."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from collections.abc import Callable

from desktop_app.file_sharing import is_held_open, read_shared
from desktop_app.store.application_outcomes import (
    Outcome,
    Unit,
    UnitShortlist,
    outcomes_by_id,
    unit_shortlist,
    units,
)
from desktop_app.store.application_service import Application, ApplicationService, SubmitResult
from desktop_app.store.attachments import MAX_ATTACHMENT_BYTES, AttachmentInput
from desktop_app.store.recruitment_areas import RecruitmentAreas, recruitment_areas
from desktop_app.ui.operations import WorkerContext
from lapang_core.domain.recruitment import (
    DEFAULT_RULES,
    DOCUMENTS,
    AdhocBody,
    Applicant,
    RecruitmentRules,
    required_documents,
)

# What a scan or photo starts with; the extension alone is too easy to get wrong.
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)
DOCUMENT_FILE_PATTERNS = "*.jpg *.jpeg *.png *.pdf"


class DocumentFileProblem(Exception):
    """A chosen file cannot be attached: ``reason`` is "type", "size", "empty", "read" or
    "in_use" (another program holds it open)."""

    def __init__(self, filename: str, reason: str, size: int = 0) -> None:
        self.filename = filename
        self.reason = reason
        self.size = size
        super().__init__(f"Document file not attached ({reason}).")


class DraftRef:
    """The id of the application one form edits (None until its first save)."""

    def __init__(self, application_id: str | None = None) -> None:
        self.id = application_id


@dataclasses.dataclass(frozen=True)
class Setup:
    areas: RecruitmentAreas
    election_date: dt.date
    rules: RecruitmentRules = DEFAULT_RULES  # configured per election (domain.election_rules)


@dataclasses.dataclass(frozen=True)
class OtherApplication:
    """Another application with the same NIK on this laptop (for the duplicate warning)."""

    body: AdhocBody
    state: str
    application_no: str | None


@dataclasses.dataclass(frozen=True)
class DraftSaved:
    application_id: str
    duplicates: tuple[OtherApplication, ...]


@dataclasses.dataclass(frozen=True)
class DocumentAttached:
    saved: DraftSaved
    document: str
    filename: str
    size: int


@dataclasses.dataclass(frozen=True)
class Submitted:
    result: SubmitResult
    application: Application
    duplicates: tuple[OtherApplication, ...]


@dataclasses.dataclass(frozen=True)
class ApplicationRow:
    """One line of the applications list."""

    id: str
    body: AdhocBody
    area_code: str
    nama: str
    nik: str
    state: str
    application_no: str | None
    stage: str | None
    stage_result: str | None
    missing_documents: tuple[str, ...]
    duplicate: bool  # another application here has the same NIK
    updated_at: str
    score: float | None = None  # of the stage KPU last recorded
    kpu_duplicates: tuple[str, ...] = ()  # numbers at KPU with the same NIK (any laptop)
    kpu_note: str = ""
    delivery: str | None = None  # the submission's outbox state: pending, sent, refused


# -- reads --------------------------------------------------------------------------------------
def load_setup() -> Callable[[WorkerContext], Setup]:
    return lambda ctx: Setup(
        recruitment_areas(ctx.store.db),
        ctx.store.election_date,
        ctx.store.election_rules.recruitment,
    )


def list_applications() -> Callable[[WorkerContext], list[ApplicationRow]]:
    def op(ctx: WorkerContext) -> list[ApplicationRow]:
        apps = ApplicationService(ctx.store).list()
        outcomes = outcomes_by_id(ctx.store.db)
        niks: dict[str, int] = {}
        for app in apps:
            nik = app.applicant.nik.strip()
            if nik:
                niks[nik] = niks.get(nik, 0) + 1
        return [
            _row(app, niks.get(app.applicant.nik.strip(), 0) > 1, outcomes.get(app.id))
            for app in apps
        ]

    return op


def list_units() -> Callable[[WorkerContext], list[Unit]]:
    return lambda ctx: units(ctx.store.db)


def load_shortlist(body: AdhocBody, area_code: str) -> Callable[[WorkerContext], UnitShortlist]:
    return lambda ctx: unit_shortlist(ctx.store.db, body, area_code)


def get_application(application_id: str) -> Callable[[WorkerContext], Application]:
    return lambda ctx: ApplicationService(ctx.store).get(application_id, with_delivery=True)


def _row(app: Application, duplicate: bool, outcome: Outcome | None) -> ApplicationRow:
    needed = required_documents(app.applicant.ex_party_member)
    missing = tuple(
        str(d) for d in DOCUMENTS if d in needed and str(d) not in app.applicant.documents
    )
    return ApplicationRow(
        app.id,
        app.body,
        app.area_code,
        app.applicant.nama,
        app.applicant.nik,
        app.state,
        app.application_no,
        app.stage,
        app.stage_result,
        missing,
        duplicate,
        app.updated_at,
        outcome.score if outcome else None,
        outcome.duplicates if outcome else (),
        outcome.note if outcome else "",
        app.delivery,
    )


# -- writes -------------------------------------------------------------------------------------
def save_draft(
    ref: DraftRef, applicant: Applicant, body: AdhocBody, area_code: str
) -> Callable[[WorkerContext], DraftSaved]:
    return lambda ctx: _save(ApplicationService(ctx.store), ref, applicant, body, area_code)


def attach_document(
    ref: DraftRef,
    applicant: Applicant,
    body: AdhocBody,
    area_code: str,
    document: str,
    path: pathlib.Path,
) -> Callable[[WorkerContext], DocumentAttached]:
    """Save the draft as it stands (the application must exist), then store the file in it."""

    def op(ctx: WorkerContext) -> DocumentAttached:
        attachment = read_document_file(path)
        service = ApplicationService(ctx.store)
        saved = _save(service, ref, applicant, body, area_code)
        service.attach_document(saved.application_id, document, attachment)
        return DocumentAttached(saved, document, attachment.filename, len(attachment.content))

    return op


def submit(
    ref: DraftRef, applicant: Applicant, body: AdhocBody, area_code: str
) -> Callable[[WorkerContext], Submitted]:
    """Save the form's last state and submit it. If the rules refuse, the draft stays saved and
    ``ValidationFailed`` carries the findings."""

    def op(ctx: WorkerContext) -> Submitted:
        service = ApplicationService(ctx.store)
        saved = _save(service, ref, applicant, body, area_code)
        result = service.submit(saved.application_id)
        return Submitted(result, service.get(saved.application_id), saved.duplicates)

    return op


def _save(
    service: ApplicationService,
    ref: DraftRef,
    applicant: Applicant,
    body: AdhocBody,
    area_code: str,
) -> DraftSaved:
    ref.id = service.save_draft(applicant, body, area_code, ref.id)
    others = tuple(
        OtherApplication(a.body, a.state, a.application_no) for a in service.duplicates_of(ref.id)
    )
    return DraftSaved(ref.id, others)


def read_document_file(path: pathlib.Path) -> AttachmentInput:
    """Read a scan or photo on the worker (a 10 MB file must not stall the window); its type is
    taken from its first bytes."""
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise DocumentFileProblem(path.name, "size", size)
        content = read_shared(path)
    except OSError as exc:
        reason = "in_use" if is_held_open(exc, path) else "read"
        raise DocumentFileProblem(path.name, reason) from exc
    if not content:
        raise DocumentFileProblem(path.name, "empty")
    mime = next((m for magic, m in _SIGNATURES if content.startswith(magic)), None)
    if mime is None:
        raise DocumentFileProblem(path.name, "type")
    return AttachmentInput(content, mime, path.name)
