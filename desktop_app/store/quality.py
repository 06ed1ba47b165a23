"""Data-quality findings the officer should resolve, as lists of voter keys for the desk.

* duplicate NIK: the same NIK on more than one row not flagged TMS (resolve with TMS-2 ganda);
* NIK mismatch: the NIK encodes another sex or birth date than the row records;
* under age: under 17 on election day and never married (TMS-3);
* NKK anomaly: an NKK that is malformed, odd in structure, or equal to the NIK;
* born in the future: a date of birth after today, whatever the marital status;
* not eligible by status: the vote revoked by a court, or active TNI/Polri (domain note §4),
  on a row not yet flagged TMS.

Duplicates are found in SQL (one pass over the NIK index). The other checks are the domain's own
rules, run row by row in Python so the desk and the paper rules never disagree: fast for a TPS or
a desa (thousands of rows), seconds for a whole kabupaten — it runs on the database worker.
Rows already flagged TMS are left out: they are resolved.
"""

from __future__ import annotations

import array
import datetime as dt
import enum

import sqlite_utils

from desktop_app.store.voter_queries import VoterKeys, area_clause
from lapang_core.domain.eligibility import UNDER_AGE, check_voter_eligibility
from lapang_core.domain.nik import check_nik
from lapang_core.domain.nkk import check_nkk
from lapang_core.domain.voter import TNI_POLRI_AKTIF

_NOT_TMS = "keterangan NOT IN ('1', '2', '3', '4', '5', '6', '7', '8')"
_NIK_MISMATCH = frozenset({"nik.sex_mismatch", "nik.birth_date_mismatch"})


class QualityCheck(enum.StrEnum):
    DUPLICATE_NIK = "duplicate_nik"
    NIK_MISMATCH = "nik_mismatch"
    UNDER_AGE = "under_age"
    NKK_ANOMALY = "nkk_anomaly"
    BIRTH_DATE_FUTURE = "birth_date_future"
    NOT_ELIGIBLE_STATUS = "not_eligible_status"


def quality_keys(
    db: sqlite_utils.Database,
    check: QualityCheck,
    *,
    area: str | None = None,
    election_date: dt.date,
    today: dt.date | None = None,
) -> VoterKeys:
    """Keys of the rows in ``area`` with the finding, in display order (duplicates side by side).
    ``today`` (None: this machine's date) bounds the birth dates."""
    clause, params = area_clause(area)
    where = f"{_NOT_TMS} AND {clause}" if clause else _NOT_TMS
    if check is QualityCheck.DUPLICATE_NIK:
        # Duplicates anywhere in the store count, even when only one of them is in the area.
        sql = (
            f"SELECT pk FROM voters WHERE {where} AND nik IN ("
            f"SELECT nik FROM voters WHERE {_NOT_TMS} GROUP BY nik HAVING count(*) > 1"
            ") ORDER BY nik, tps_id, pk"
        )
        return VoterKeys(array.array("q", (row[0] for row in db.execute(sql, params))))
    if check is QualityCheck.NOT_ELIGIBLE_STATUS:
        sql = (
            f"SELECT pk FROM voters WHERE {where} AND (hak_pilih_dicabut = 1 OR "
            f"status_tni_polri = '{TNI_POLRI_AKTIF}') ORDER BY tps_id, nama, pk"
        )
        return VoterKeys(array.array("q", (row[0] for row in db.execute(sql, params))))
    if check is QualityCheck.BIRTH_DATE_FUTURE:
        # ISO dates compare as text, so the index-free scan is one comparison per row.
        limit = (today or dt.date.today()).isoformat()
        sql = f"SELECT pk FROM voters WHERE {where} AND tanggal_lahir > ? ORDER BY tps_id, nama, pk"
        return VoterKeys(array.array("q", (row[0] for row in db.execute(sql, [*params, limit]))))
    sql = (
        "SELECT pk, nik, nkk, tanggal_lahir, jenis_kelamin, status_perkawinan FROM voters "
        f"WHERE {where} ORDER BY tps_id, nama, pk"
    )
    found = array.array("q")
    for pk, nik, nkk, born_text, sex, status in db.execute(sql, params):
        born = dt.date.fromisoformat(born_text) if born_text else None
        if _has(check, nik, nkk, born, sex, status, election_date):
            found.append(pk)
    return VoterKeys(found)


def _has(
    check: QualityCheck,
    nik: str,
    nkk: str,
    born: dt.date | None,
    sex: str,
    status: str,
    election_date: dt.date,
) -> bool:
    if check is QualityCheck.NIK_MISMATCH:
        result = check_nik(nik, tanggal_lahir=born, jenis_kelamin=sex)
        return any(code in _NIK_MISMATCH for code in result.codes)
    if check is QualityCheck.UNDER_AGE:
        if born is None or status not in ("B", "S", "P"):
            return False
        return check_voter_eligibility(born, status, election_date).has(UNDER_AGE)
    if check is QualityCheck.NKK_ANOMALY:
        return bool(check_nkk(nkk).findings) or (bool(nik.strip()) and nkk.strip() == nik.strip())
    raise ValueError(f"Unknown quality check {check!r}")
