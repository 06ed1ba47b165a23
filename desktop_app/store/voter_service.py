"""Every write to the voter list goes through here: the row, its outbox entry, the voter-update
record and the audit entry are committed in one transaction, so nothing is ever saved but not
queued for KPU, and a power cut leaves all of it or none of it."""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

from desktop_app.store import outbox, sync_state
from desktop_app.store.attachments import AttachmentInput, store_attachment
from desktop_app.store.audit import append_audit
from desktop_app.store.errors import OutcomeRefused, RecordNotFound, ValidationFailed
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.store.voter_rows import (
    ROW_FIELDS,
    element_to_column,
    record_to_wire,
    record_values,
    row_to_record,
)
from lapang_core.domain import tms_record
from lapang_core.domain import voter_changes as rules
from lapang_core.domain.findings import Finding, ValidationResult
from lapang_core.domain.voter import (
    ELEMENTS,
    KETERANGAN_BARU,
    KETERANGAN_SESUAI,
    KETERANGAN_UBAH,
    VoterRecord,
)


@dataclasses.dataclass(frozen=True)
class VoterView:
    """A voter row as the desk shows it."""

    id: str
    record: VoterRecord
    version: int
    original_values: dict[str, Any]
    checked_at: str | None
    checked_by: str | None


@dataclasses.dataclass(frozen=True)
class SaveResult:
    """What a write did. ``change_id`` and ``seq`` name the outbox entry; both are None when the
    outcome asked for was already the row's and nothing was written (see ``unchanged``)."""

    voter_id: str
    change_id: str | None
    seq: int | None
    warnings: tuple[Finding, ...] = ()

    @classmethod
    def unchanged(cls, voter_id: str) -> SaveResult:
        return cls(voter_id, None, None)

    @property
    def changed(self) -> bool:
        return self.change_id is not None


_SELECT = (
    "SELECT id, version, original_values, checked_at, checked_by, "
    + ", ".join(ROW_FIELDS)
    + " FROM voters"
)


def _view(row: tuple) -> VoterView:
    data = dict(zip(ROW_FIELDS, row[5:], strict=True))
    return VoterView(
        id=row[0],
        record=row_to_record(data),
        version=row[1],
        original_values=json.loads(row[2]) if row[2] else {},
        checked_at=row[3],
        checked_by=row[4],
    )


def _refuse_sesuai(mark: str) -> OutcomeRefused:
    """Sesuai means "checked, nothing differs" (Model A-Daftar Pemilih keterangan ✓). It must not
    replace an ubah (the corrections and the struck-out originals would read as never made),
    a baru (a new voter is not a listed voter found as listed) or a TMS flag (undone only by
    restoring the row, with its own audit entry)."""
    if mark == KETERANGAN_UBAH:
        reason = "The voter was corrected (ubah); sesuai would hide the correction."
    elif mark == KETERANGAN_BARU:
        reason = "The voter was added as baru; a new voter is not marked sesuai."
    else:
        reason = "The voter is flagged TMS; restore the row first if the flag was wrong."
    return OutcomeRefused(mark, "sesuai", reason)


def fts_query(text: str) -> str:
    """Search-as-you-type: every word is a prefix, all words must match."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
    return " AND ".join(f'"{w}"*' for w in words)


class VoterService:
    def __init__(self, store: FieldStore) -> None:
        self.store = store
        self.db = store.db

    def rule_context(self) -> rules.RuleContext:
        """The store's side of the shared rules: its election date, this machine's today, and
        TMS-2 references looked up as KPU looks them up (``ganda_matches``)."""
        return rules.RuleContext(self.store.election_date, ganda_lookup=self.ganda_matches)

    def judge(
        self, change: rules.VoterChange, current: VoterRecord | None = None
    ) -> ValidationResult:
        """The rules KPU's server applies to the same change (``domain.voter_changes``);
        raises ``ValidationFailed`` on an error, returns the findings otherwise."""
        result = rules.judge(change, current, self.rule_context())
        if result.errors:
            raise ValidationFailed(result)
        return result

    # -- reads ----------------------------------------------------------------------------------
    def get(self, voter_id: str) -> VoterView:
        row = self.db.execute(f"{_SELECT} WHERE id = ?", [voter_id]).fetchone()
        if row is None:
            raise RecordNotFound("That voter is not in this store (it may belong to another area).")
        return _view(row)

    def find_by_nik(self, nik: str) -> list[VoterView]:
        return [_view(r) for r in self.db.execute(f"{_SELECT} WHERE nik = ?", [nik.strip()])]

    def find_by_nkk(self, nkk: str) -> list[VoterView]:
        return [_view(r) for r in self.db.execute(f"{_SELECT} WHERE nkk = ?", [nkk.strip()])]

    def search(
        self, text: str, *, tps_id: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[VoterView]:
        """Names by full-text prefix match; a run of digits searches NIK by prefix."""
        text = text.strip()
        tps_clause, tps_params = (" AND tps_id = ?", [tps_id]) if tps_id else ("", [])
        if text.isdigit():
            # Range instead of LIKE so the NIK index is used.
            sql = f"{_SELECT} WHERE nik >= ? AND nik < ?{tps_clause} ORDER BY nik LIMIT ? OFFSET ?"
            params = [text, text + ":", *tps_params, limit, offset]
        else:
            query = fts_query(text)
            if not query:
                return []
            sql = (
                f"{_SELECT} WHERE pk IN (SELECT rowid FROM voters_fts WHERE voters_fts MATCH ?)"
                f"{tps_clause} LIMIT ? OFFSET ?"
            )
            params = [query, *tps_params, limit, offset]
        return [_view(r) for r in self.db.execute(sql, params)]

    # -- the four outcomes ----------------------------------------------------------------------
    def mark_sesuai(self, voter_id: str) -> SaveResult:
        """Checked and unchanged. A row already sesuai writes nothing (no outbox entry, no audit
        entry: KPU would receive the same outcome twice); a row with another outcome is refused,
        see ``_refuse_sesuai``."""
        now = utc_now()
        with self.db.atomic():
            # Read inside the transaction: the mark decided on is the mark overwritten.
            current = self.get(voter_id)
            mark = current.record.keterangan
            if mark == KETERANGAN_SESUAI:
                return SaveResult.unchanged(voter_id)
            if mark:
                raise _refuse_sesuai(mark)
            self._update_row(voter_id, {"keterangan": KETERANGAN_SESUAI}, now)
            return self._record_change(current, "sesuai", {}, now)

    def ubah(self, voter_id: str, changes: dict[str, Any]) -> SaveResult:
        current = self.get(voter_id)
        result = self.judge(rules.Ubah(changes), current.record)
        real = {
            k: v for k, v in changes.items() if getattr(current.record, k) != v and k in ELEMENTS
        }
        original = dict(current.original_values)
        for name in real:
            # Keep the value from before the *first* correction, like the struck-out value on paper.
            original.setdefault(name, element_to_column(name, getattr(current.record, name)))
        wire_changes = {k: element_to_column(k, v) for k, v in real.items()}
        keterangan = (
            KETERANGAN_BARU if current.record.keterangan == KETERANGAN_BARU else KETERANGAN_UBAH
        )
        now = utc_now()
        with self.db.atomic():
            self._update_row(
                voter_id,
                {**wire_changes, "keterangan": keterangan, "original_values": json.dumps(original)},
                now,
            )
            return self._record_change(
                current,
                "ubah",
                {"changes": wire_changes, "original": {k: original[k] for k in real}},
                now,
                fields=tuple(real),
                warnings=tuple(result.warnings),
            )

    def mark_tms(
        self,
        voter_id: str,
        code: int,
        evidence_type: str,
        evidence_ref: str = "",
        attachment: AttachmentInput | None = None,
    ) -> SaveResult:
        current = self.get(voter_id)
        change = rules.Tms(int(code), evidence_type, evidence_ref, attachment is not None, voter_id)
        result = self.judge(change, current.record)
        now = utc_now()
        with self.db.atomic():
            sha = store_attachment(self.db, attachment, now) if attachment else None
            self._update_row(voter_id, {"keterangan": str(int(code))}, now)
            return self._record_change(
                current,
                "tms",
                {
                    "code": int(code),
                    "evidence_type": evidence_type,
                    "evidence_ref": evidence_ref,
                    "attachment": sha,
                },
                now,
                tms_code=int(code),
                warnings=tuple(result.warnings),
            )

    def ganda_matches(self, ref: str) -> list[tms_record.OtherRecord]:
        """The records a TMS-2 reference names, read and kept to the enrolled area exactly as
        KPU does (``tms_record.ganda_reference`` and ``ganda_others``, shared with
        sync_server.ingest)."""
        reference = tms_record.ganda_reference(ref)
        rows = self.db.execute(
            f"SELECT id, keterangan, tps_id FROM voters WHERE {reference.column} = ?",
            [reference.value],
        ).fetchall()
        enrollment = sync_state.active_enrollment(self.db)
        return tms_record.ganda_others(rows, enrollment.area if enrollment else None)

    def tms8_move(self, voter_id: str, target_tps_id: str) -> tuple[SaveResult, SaveResult]:
        """TMS-8 (wrong TPS within the desa): flag the row at the old TPS and add the voter as
        *baru* at the right one, both in one transaction. The moved row keeps every element the
        listed row had, blanks included (``voter_changes.moved_record``); KPU judges the pair by
        the same rules and applies or refuses both halves together."""
        current = self.get(voter_id)
        moved = rules.moved_record(current.record, target_tps_id)
        result = self.judge(rules.Tms8Move(target_tps_id, moved), current.record)
        new_id = uuid.uuid4().hex
        now = utc_now()
        with self.db.atomic():
            self._ensure_tps(target_tps_id)
            self._update_row(voter_id, {"keterangan": "8"}, now)
            tms = self._record_change(
                current,
                "tms",
                {
                    "code": 8,
                    "evidence_type": "",
                    "evidence_ref": target_tps_id,
                    "attachment": None,
                    "target_tps_id": target_tps_id,
                    "new_voter_id": new_id,
                },
                now,
                tms_code=8,
            )
            baru = self._insert_baru(new_id, moved, now, tuple(result.warnings))
        return tms, baru

    def add_baru(self, record: VoterRecord) -> SaveResult:
        """A new voter (Model A-Daftar Potensial Pemilih). Errors block; warnings are returned."""
        result = self.judge(rules.Baru(record))
        record = dataclasses.replace(
            record, keterangan=KETERANGAN_BARU, sumber=record.sumber or "COKLIT", dpid=None
        )
        now = utc_now()
        with self.db.atomic():
            self._ensure_tps(record.tps_id)
            return self._insert_baru(uuid.uuid4().hex, record, now, tuple(result.warnings))

    def restore(self, voter_id: str) -> SaveResult:
        """Undo a TMS flag: the row becomes unchecked again."""
        current = self.get(voter_id)
        if not current.record.keterangan.isdigit():
            raise OutcomeRefused(
                current.record.keterangan, "restore", "Only a voter marked TMS can be restored."
            )
        now = utc_now()
        with self.db.atomic():
            self._update_row(voter_id, {"keterangan": ""}, now)
            return self._record_change(current, "restore", {}, now)

    # -- internals ------------------------------------------------------------------------------
    def _update_row(self, voter_id: str, columns: dict[str, Any], now: str) -> None:
        columns = {
            **columns,
            "checked_at": now,
            "checked_by": self.store.officer,
        }
        assignments = ", ".join(f"{name} = ?" for name in columns)
        self.db.execute(
            f"UPDATE voters SET {assignments} WHERE id = ?", [*columns.values(), voter_id]
        )

    def _ensure_tps(self, tps_id: str) -> None:
        kode_desa, nomor = tps_id.rsplit(".", 1)
        self.db.execute(
            "INSERT OR IGNORE INTO tps(id, kode_desa, nomor) VALUES (?, ?, ?)",
            [tps_id, kode_desa, int(nomor)],
        )

    def _insert_baru(
        self, new_id: str, record: VoterRecord, now: str, warnings: tuple[Finding, ...]
    ) -> SaveResult:
        self.db.execute(
            f"INSERT INTO voters(id, {', '.join(ROW_FIELDS)}, checked_at, checked_by) "
            f"VALUES (?, {', '.join('?' * len(ROW_FIELDS))}, ?, ?)",
            [new_id, *record_values(record), now, self.store.officer],
        )
        view = VoterView(new_id, record, 0, {}, now, self.store.officer)
        return self._record_change(
            view,
            "baru",
            record_to_wire(record),
            now,
            base_version=None,
            warnings=warnings,
        )

    def _record_change(
        self,
        current: VoterView,
        op: str,
        payload: dict[str, Any],
        now: str,
        *,
        tms_code: int | None = None,
        fields: tuple[str, ...] = (),
        base_version: int | None | str = "current",
        warnings: tuple[Finding, ...] = (),
    ) -> SaveResult:
        officer = self.store.officer
        entry = outbox.enqueue(
            self.db,
            entity=outbox.ENTITY_VOTER,
            entity_id=current.id,
            op=op,
            payload=payload,
            base_version=current.version if base_version == "current" else base_version,
            officer=officer,
            at=now,
        )
        # The audit names fields and codes, not values: values live in the row and the outbox.
        detail: dict[str, Any] = {"outcome": op, "seq": entry.seq}
        if fields:
            detail["fields"] = sorted(fields)
        if tms_code:
            detail["tms_code"] = tms_code
        append_audit(
            self.db,
            at=now,
            officer=officer,
            action=f"voter.{op}",
            entity=outbox.ENTITY_VOTER,
            entity_id=current.id,
            change_id=entry.change_id,
            detail=detail,
        )
        return SaveResult(current.id, entry.change_id, entry.seq, warnings)
