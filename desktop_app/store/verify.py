"""`lapang verify`: is the database whole, is the audit chain unbroken, do outbox and data agree?"""

from __future__ import annotations

import dataclasses

from desktop_app.store.audit import verify_audit_chain
from desktop_app.store.field_store import FieldStore


@dataclasses.dataclass
class VerifyReport:
    checks: list[tuple[str, bool, str]] = dataclasses.field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append((name, ok, detail))

    @property
    def ok(self) -> bool:
        return all(ok for _, ok, _ in self.checks)

    def lines(self) -> list[str]:
        out = [f"{'OK  ' if ok else 'FAIL'}  {name}: {detail}" for name, ok, detail in self.checks]
        out.append("All checks passed." if self.ok else "Some checks FAILED: see above.")
        return out


def verify_store(store: FieldStore) -> VerifyReport:
    db = store.db
    report = VerifyReport()

    rows = [r[0] for r in db.execute("PRAGMA integrity_check")]
    report.add("database integrity", rows == ["ok"], "; ".join(rows[:5]))

    # SQLCipher checks every page's HMAC: catches pages altered on disk by anything but SQLCipher.
    bad_pages = [r[0] for r in db.execute("PRAGMA cipher_integrity_check")]
    report.add(
        "page authentication",
        not bad_pages,
        "every page authenticates" if not bad_pages else "; ".join(bad_pages[:5]),
    )

    try:
        db.execute("INSERT INTO voters_fts(voters_fts) VALUES ('integrity-check')")
        report.add("name search index", True, "matches the voter rows")
    except Exception as exc:  # FTS5 reports corruption as a generic database error
        report.add("name search index", False, str(exc))

    audit = verify_audit_chain(db)
    report.add(
        "audit chain",
        audit.ok,
        f"{audit.entries:,} entries linked"
        if audit.ok
        else f"entry {audit.first_bad_id}: {audit.reason}",
    )

    unaudited = db.execute(
        # NOT IN builds a temporary index over the audit ids: linear, where a correlated
        # subquery on the unindexed column would be quadratic.
        "SELECT count(*) FROM outbox WHERE change_id NOT IN "
        "(SELECT change_id FROM audit WHERE change_id IS NOT NULL)"
    ).fetchone()[0]
    report.add(
        "every queued change audited",
        unaudited == 0,
        "yes" if unaudited == 0 else f"{unaudited:,} changes have no audit entry",
    )

    orphans = db.execute(
        "SELECT count(*) FROM outbox o WHERE o.entity = 'voter' AND NOT EXISTS "
        "(SELECT 1 FROM voters v WHERE v.id = o.entity_id) "
        # The voter a TMS-8 move added, taken off after KPU refused the move (refused_moves).
        "AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.action = 'voter.move_undone' "
        "AND a.entity_id = o.entity_id)"
    ).fetchone()[0]
    report.add(
        "outbox matches voter rows",
        orphans == 0,
        "yes" if orphans == 0 else f"{orphans:,} changes name voters that are missing",
    )

    # Bulk loads clear their leaf-room filler before they commit (store/leaf_room.py).
    filled = db.execute(
        "SELECT count(*) FROM voters WHERE typeof(original_values) = 'blob'"
    ).fetchone()[0]
    report.add(
        "voter rows complete",
        filled == 0,
        "yes" if filled == 0 else f"{filled:,} rows still hold a bulk load's filler",
    )

    # The outbox keeps no unique index on change ids (every save would write it): the ids are
    # unique by construction (outbox.ChangeIdClock), and this checks it.
    repeated = db.execute("SELECT count(*) - count(DISTINCT change_id) FROM outbox").fetchone()[0]
    report.add(
        "every change id unique",
        repeated == 0,
        "yes" if repeated == 0 else f"{repeated:,} changes repeat another change's id",
    )
    return report
