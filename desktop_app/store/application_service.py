"""Ad hoc body applications (PPK, PPS, KPPS, Pantarlih) taken offline at the village office.

A draft saves itself as the officer types (a plain, durable row update; nothing queued). Submitting
runs the administrative rules: identity, age and area problems block; a missing document does not
block *receiving* the application — the receipt lists what is missing, and the administrative check
at KPU fails unless it is brought — so the applicant never leaves with nothing. The submitted
form is queued for KPU in the same transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from typing import Any

from desktop_app.store import outbox, sync_state
from desktop_app.store.attachments import AttachmentInput, store_attachment
from desktop_app.store.audit import append_audit
from desktop_app.store.errors import RecordNotFound, ValidationFailed
from desktop_app.store.field_store import FieldStore, utc_now
from lapang_core.domain.findings import Finding, ValidationResult, error, warning
from lapang_core.domain.recruitment import (
    AdhocBody,
    Applicant,
    HealthValues,
    check_applicant,
    make_application_no,
    may_file,
)
from lapang_core.domain.region import InvalidRegionCode


class AlreadySubmitted(ValidationFailed):
    def __init__(self) -> None:
        super().__init__(None, "This application was already submitted; it can no longer change.")


class InvalidWorkingArea(ValidationFailed):
    pass


def _receivable(finding: Finding, applicant: Applicant) -> bool:
    """Findings that do not stop the application from being received (see module docstring):
    a missing document. (Health values are not asked for while their letter is missing:
    ``check_applicant`` leaves them out.)"""
    return finding.code == "document.missing"


def _registration_date(submitted_at: str | None) -> dt.date:
    """The day the application was received: its submission (UTC, stored) read as a local date,
    or today for a draft being filled in at the desk."""
    if not submitted_at:
        return dt.date.today()
    moment = dt.datetime.fromisoformat(submitted_at.replace("Z", "+00:00"))
    return moment.astimezone().date()


def applicant_to_json(applicant: Applicant) -> dict[str, Any]:
    data = dataclasses.asdict(applicant)
    data["tanggal_lahir"] = applicant.tanggal_lahir.isoformat() if applicant.tanggal_lahir else None
    left = applicant.tanggal_keluar_partai
    data["tanggal_keluar_partai"] = left.isoformat() if left else None
    data["documents"] = sorted(str(d) for d in applicant.documents)
    data["statements"] = {str(k): bool(v) for k, v in applicant.statements.items()}
    return data


def applicant_from_json(data: dict[str, Any]) -> Applicant:
    values = dict(data)
    values["tanggal_lahir"] = (
        dt.date.fromisoformat(values["tanggal_lahir"]) if values.get("tanggal_lahir") else None
    )
    # Absent from drafts and forms saved before the leaving date was recorded.
    values["tanggal_keluar_partai"] = (
        dt.date.fromisoformat(values["tanggal_keluar_partai"])
        if values.get("tanggal_keluar_partai")
        else None
    )
    values["kesehatan"] = HealthValues(**(values.get("kesehatan") or {}))
    values["documents"] = set(values.get("documents") or ())
    values["statements"] = dict(values.get("statements") or {})
    return Applicant(**values)


@dataclasses.dataclass(frozen=True)
class Application:
    id: str
    body: AdhocBody
    area_code: str
    applicant: Applicant
    state: str
    application_no: str | None
    stage: str | None
    stage_result: str | None
    created_at: str
    updated_at: str
    submitted_at: str | None
    attachments: dict[str, str]  # document -> sha256
    # Where the submission stands on its way to KPU: "pending" (queued), "sent" (KPU confirmed
    # it), "refused" (quarantined, see the sync history); None for a draft.
    delivery: str | None = None


@dataclasses.dataclass(frozen=True)
class SubmitResult:
    application_no: str
    change_id: str
    missing_documents: tuple[str, ...]
    warnings: tuple[Finding, ...]


class ApplicationService:
    def __init__(self, store: FieldStore) -> None:
        self.store = store
        self.db = store.db

    # -- reads ----------------------------------------------------------------------------------
    def get(self, application_id: str, *, with_delivery: bool = False) -> Application:
        """The application; ``with_delivery`` also reads where its submission stands, which
        scans the outbox (it has no index by entity: one would cost every voter save a page
        write), so the autosave and the rule checks, which call this often, leave it out."""
        deliveries = self._deliveries(application_id) if with_delivery else {}
        return self._get(application_id, deliveries)

    def _deliveries(self, application_id: str | None = None) -> dict[str, str]:
        """Application id -> state of its submission in the outbox, in one pass."""
        only = " AND entity_id = ?" if application_id else ""
        return dict(
            self.db.execute(
                "SELECT entity_id, state FROM outbox WHERE entity = ? AND op = "
                f"'application.submit'{only} ORDER BY seq",
                [outbox.ENTITY_APPLICATION, *([application_id] if application_id else [])],
            ).fetchall()
        )

    def _get(self, application_id: str, deliveries: dict[str, str]) -> Application:
        row = self.db.execute(
            "SELECT id, body, area_code, data, state, application_no, stage, stage_result, "
            "created_at, updated_at, submitted_at FROM applications WHERE id = ?",
            [application_id],
        ).fetchone()
        if row is None:
            raise RecordNotFound("That application is not on this laptop.")
        attachments = dict(
            self.db.execute(
                "SELECT document, attachment_sha256 FROM application_documents "
                "WHERE application_id = ? AND attachment_sha256 IS NOT NULL",
                [application_id],
            ).fetchall()
        )
        return Application(
            row[0],
            AdhocBody[row[1]],
            row[2],
            applicant_from_json(json.loads(row[3])),
            *row[4:],
            attachments=attachments,
            delivery=deliveries.get(application_id),
        )

    def list(self, *, body: AdhocBody | None = None, state: str | None = None) -> list[Application]:
        clauses, params = [], []
        if body:
            clauses.append("body = ?")
            params.append(body.name)
        if state:
            clauses.append("state = ?")
            params.append(state)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        ids = self.db.execute(
            f"SELECT id FROM applications {where} ORDER BY created_at", params
        ).fetchall()
        deliveries = self._deliveries()
        return [self._get(i, deliveries) for (i,) in ids]

    def duplicates_of(self, application_id: str) -> list[Application]:
        """Other applications on this laptop with the same NIK, for any body."""
        app = self.get(application_id)
        nik = app.applicant.nik.strip()
        if not nik:
            return []
        ids = self.db.execute(
            "SELECT id FROM applications WHERE nik = ? AND id != ? ORDER BY created_at",
            [nik, application_id],
        ).fetchall()
        return [self.get(i) for (i,) in ids]

    # -- drafts ---------------------------------------------------------------------------------
    def save_draft(
        self,
        applicant: Applicant,
        body: AdhocBody,
        area_code: str,
        application_id: str | None = None,
    ) -> str:
        """Create or update a draft. Any field may still be empty. Durable once it returns."""
        now = utc_now()
        data = json.dumps(applicant_to_json(applicant), ensure_ascii=False)
        with self.db.atomic():
            if application_id is None:
                application_id = uuid.uuid4().hex
                self.db.execute(
                    "INSERT INTO applications(id, body, area_code, nik, nama, data, created_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        application_id,
                        body.name,
                        area_code,
                        applicant.nik.strip(),
                        applicant.nama.strip(),
                        data,
                        now,
                        now,
                    ],
                )
                append_audit(
                    self.db,
                    at=now,
                    officer=self.store.officer,
                    action="application.draft",
                    entity=outbox.ENTITY_APPLICATION,
                    entity_id=application_id,
                    detail={"body": body.name},
                )
            else:
                updated = self.db.execute(
                    "UPDATE applications SET body = ?, area_code = ?, nik = ?, nama = ?, data = ?, "
                    "updated_at = ? WHERE id = ? AND state = 'draft'",
                    [
                        body.name,
                        area_code,
                        applicant.nik.strip(),
                        applicant.nama.strip(),
                        data,
                        now,
                        application_id,
                    ],
                )
                if updated.rowcount != 1:
                    raise AlreadySubmitted()
        return application_id

    def discard_draft(self, application_id: str) -> None:
        """Throw away an abandoned draft (never a submitted application)."""
        now = utc_now()
        with self.db.atomic():
            self.db.execute(
                "DELETE FROM application_documents WHERE application_id = ? AND application_id IN "
                "(SELECT id FROM applications WHERE state = 'draft')",
                [application_id],
            )
            deleted = self.db.execute(
                "DELETE FROM applications WHERE id = ? AND state = 'draft'", [application_id]
            )
            if deleted.rowcount != 1:
                raise AlreadySubmitted()
            append_audit(
                self.db,
                at=now,
                officer=self.store.officer,
                action="application.discard",
                entity=outbox.ENTITY_APPLICATION,
                entity_id=application_id,
            )

    def attach_document(
        self, application_id: str, document: str, attachment: AttachmentInput
    ) -> str:
        now = utc_now()
        with self.db.atomic():
            self.get(application_id)
            sha = store_attachment(self.db, attachment, now)
            self.db.execute(
                "INSERT INTO application_documents(application_id, document, attachment_sha256) "
                "VALUES (?, ?, ?) ON CONFLICT(application_id, document) "
                "DO UPDATE SET attachment_sha256 = excluded.attachment_sha256",
                [application_id, document, sha],
            )
        return sha

    # -- submit ---------------------------------------------------------------------------------
    def check(self, application_id: str) -> ValidationResult:
        app = self.get(application_id)
        try:
            result = check_applicant(
                app.applicant,
                app.body,
                app.area_code,
                self.store.election_date,
                self.store.election_rules.recruitment,
                registration_date=_registration_date(app.submitted_at),
            )
        except InvalidRegionCode as exc:
            raise InvalidWorkingArea(
                None, f"The working area is not valid for {app.body.name}: {exc}"
            ) from exc
        # KPU files an application only where the laptop is enrolled (sync_server refuses it
        # with outside_area); better said while the applicant is still at the desk.
        enrollment = sync_state.active_enrollment(self.db)
        outside = (
            [
                error(
                    "area.outside_device",
                    "area",
                    "The working area is outside the area this laptop is enrolled for; KPU "
                    "would refuse the application.",
                )
            ]
            if enrollment is not None and not may_file(app.body, app.area_code, enrollment.area)
            else []
        )
        duplicates = [
            warning(
                "application.duplicate_nik",
                "nik",
                f"The same NIK has another application here ({d.body.name}, {d.state}).",
            )
            for d in self.duplicates_of(application_id)
        ]
        return ValidationResult.of([*outside, *result.errors, *result.warnings, *duplicates])

    def submit(self, application_id: str) -> SubmitResult:
        app = self.get(application_id)
        if app.state != "draft":
            raise AlreadySubmitted()
        result = self.check(application_id)
        blocking = [f for f in result.errors if not _receivable(f, app.applicant)]
        if blocking:
            raise ValidationFailed(ValidationResult.of(blocking))
        missing = tuple(
            f.field.removeprefix("documents.")
            for f in result.errors
            if f.code == "document.missing"
        )
        now = utc_now()
        with self.db.atomic():
            number = self._next_number(app.body)
            self.db.execute(
                "UPDATE applications SET state = 'submitted', application_no = ?, stage = "
                "'registration', submitted_at = ?, updated_at = ? WHERE id = ?",
                [number, now, now, application_id],
            )
            entry = outbox.enqueue(
                self.db,
                entity=outbox.ENTITY_APPLICATION,
                entity_id=application_id,
                op="application.submit",
                payload={
                    "application_no": number,
                    "body": app.body.name,
                    "area_code": app.area_code,
                    "form": applicant_to_json(app.applicant),
                    "attachments": app.attachments,
                    "missing_documents": list(missing),
                },
                base_version=None,
                officer=self.store.officer,
                at=now,
            )
            append_audit(
                self.db,
                at=now,
                officer=self.store.officer,
                action="application.submit",
                entity=outbox.ENTITY_APPLICATION,
                entity_id=application_id,
                change_id=entry.change_id,
                detail={"body": app.body.name, "missing_documents": len(missing)},
            )
        return SubmitResult(number, entry.change_id, missing, tuple(result.warnings))

    def _next_number(self, body: AdhocBody) -> str:
        # Unique across laptops without a server round trip: 40 bits of the laptop's random id
        # are part of the number (domain/application_number.py says why that many).
        count = self.db.execute(
            "SELECT count(*) FROM applications WHERE state = 'submitted'"
        ).fetchone()[0]
        return make_application_no(body.name, self.store.device_id, count + 1)
