"""Read-only queries the desk needs to list voters: the area tree, the keys of the voters a view
shows, pages of rows for a table, and counts per keterangan.

A view first asks for the *keys* (row ``pk`` values, in display order) of everything matching its
area, filter and search text, then fetches rows page by page as the officer scrolls. Keys cost a
few bytes each, so even 1,000,000 of them come back in a fraction of a second, while rows are only
read for what is on screen. The key list is a snapshot: a row marked ``sesuai`` while the filter
says "belum dicek" stays where it is until the view is reloaded, so rows never jump under the
officer's cursor.
"""

from __future__ import annotations

import array
import dataclasses
import enum
from collections.abc import Sequence

import sqlite_utils

from desktop_app.store.voter_service import fts_query
from lapang_core.domain.voter import KETERANGAN_BARU, KETERANGAN_SESUAI, KETERANGAN_UBAH

# SQLite's default limit on host parameters is 32,766; pages are far smaller than that.
MAX_PAGE = 1000
# A search that matches more rows than this is cut off: typing one more letter narrows it, and
# sorting hundreds of thousands of matches would make every keystroke slow.
SEARCH_CAP = 20_000
_TMS_MARKS = tuple(str(code) for code in range(1, 9))


class KeteranganFilter(enum.StrEnum):
    """Which rows a view shows, by their keterangan mark."""

    ALL = "all"
    UNCHECKED = "unchecked"
    SESUAI = "sesuai"
    UBAH = "ubah"
    BARU = "baru"
    TMS = "tms"  # any TMS code
    TMS_1 = "tms1"
    TMS_2 = "tms2"
    TMS_3 = "tms3"
    TMS_4 = "tms4"
    TMS_5 = "tms5"
    TMS_6 = "tms6"
    TMS_7 = "tms7"
    TMS_8 = "tms8"

    @classmethod
    def for_tms(cls, code: int) -> KeteranganFilter:
        return cls(f"tms{int(code)}")


def _keterangan_clause(flt: KeteranganFilter) -> tuple[str, list[str]]:
    if flt is KeteranganFilter.ALL:
        return "", []
    if flt is KeteranganFilter.UNCHECKED:
        return "keterangan = ''", []
    if flt is KeteranganFilter.TMS:
        return f"keterangan IN ({', '.join('?' * len(_TMS_MARKS))})", list(_TMS_MARKS)
    if flt.value.startswith("tms"):
        return "keterangan = ?", [flt.value[3:]]
    mark = {
        KeteranganFilter.SESUAI: KETERANGAN_SESUAI,
        KeteranganFilter.UBAH: KETERANGAN_UBAH,
        KeteranganFilter.BARU: KETERANGAN_BARU,
    }[flt]
    return "keterangan = ?", [mark]


def area_clause(area: str | None) -> tuple[str, list[str]]:
    """Rows of one TPS (a 5-part id), of a region (any dotted prefix) or everywhere (None).

    A region is a range over ``tps_id`` so the ``voters_tps`` index serves it: every TPS id under
    ``61.11`` sorts between ``61.11.`` and ``61.11/`` ('/' follows '.' in ASCII)."""
    if not area:
        return "", []
    if area.count(".") == 4:
        return "tps_id = ?", [area]
    return "tps_id >= ? AND tps_id < ?", [area + ".", area + "/"]


@dataclasses.dataclass(frozen=True)
class VoterQuery:
    """What a voter table shows: an area, a keterangan filter and search-as-you-type text
    (a run of digits searches NIK by prefix, anything else names by word prefix)."""

    area: str | None = None
    keterangan: KeteranganFilter = KeteranganFilter.ALL
    text: str = ""


@dataclasses.dataclass(frozen=True)
class VoterKeys:
    pks: array.array  # of 'q': row keys in display order
    truncated: bool = False  # the search matched more than SEARCH_CAP rows

    def __len__(self) -> int:
        return len(self.pks)


@dataclasses.dataclass(frozen=True)
class VoterRow:
    """The columns of the voter table (the detail panel reads the full record by ``id``)."""

    pk: int
    id: str
    nama: str
    nik: str
    jenis_kelamin: str
    tanggal_lahir: str | None
    alamat: str
    rt: str
    rw: str
    keterangan: str
    tps_id: str
    corrected: bool  # an ubah changed some element (original values are kept)


def voter_keys(db: sqlite_utils.Database, query: VoterQuery) -> VoterKeys:
    """Keys of every voter matching ``query``, in the order the table shows them."""
    where: list[str] = []
    params: list[object] = []
    for clause, values in (area_clause(query.area), _keterangan_clause(query.keterangan)):
        if clause:
            where.append(clause)
            params.extend(values)
    text = query.text.strip()
    limit = ""
    if text.isdigit():
        # Range instead of LIKE so the NIK index serves it (as VoterService.search does).
        where.append("nik >= ? AND nik < ?")
        params += [text, text + ":"]
        order = "nik"
        limit = f" LIMIT {SEARCH_CAP + 1}"
    elif text:
        match = fts_query(text)
        if not match:
            return VoterKeys(array.array("q"))
        if not where:
            # Over the whole store the index alone answers, in list order, without touching
            # a single voter row: a one-letter search stays fast at 1M voters.
            return _capped(
                db,
                "SELECT rowid FROM voters_fts WHERE voters_fts MATCH ? ORDER BY rowid"
                f" LIMIT {SEARCH_CAP + 1}",
                [match],
            )
        # "+pk": walk the area's rows on the voters_tps index and test each against the matches,
        # instead of fetching every match in the store to test its area (4 ms instead of
        # 200 ms for "si" within a desa at 1M voters).
        where.append("+pk IN (SELECT rowid FROM voters_fts WHERE voters_fts MATCH ?)")
        params.append(match)
        # Within an area the matches are few, so sort them like the list; otherwise list
        # (import) order, which needs no sort.
        order = "tps_id, nama, pk" if query.area else "pk"
        limit = f" LIMIT {SEARCH_CAP + 1}"
    else:
        order = "tps_id, nama, pk"
    sql = "SELECT pk FROM voters"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}{limit}"
    if limit:
        return _capped(db, sql, params)
    return VoterKeys(array.array("q", (row[0] for row in db.execute(sql, params))))


def _capped(db: sqlite_utils.Database, sql: str, params: list[object]) -> VoterKeys:
    """Run a search asking for one row more than the cap, to know whether it was cut off."""
    pks = array.array("q", (row[0] for row in db.execute(sql, params)))
    truncated = len(pks) > SEARCH_CAP
    if truncated:
        del pks[SEARCH_CAP:]
    return VoterKeys(pks, truncated)


_ROW_SQL = (
    "SELECT pk, id, nama, nik, jenis_kelamin, tanggal_lahir, alamat, rt, rw, keterangan, tps_id, "
    "original_values IS NOT NULL AND original_values NOT IN ('', '{}') FROM voters WHERE pk IN "
)


def voter_rows(db: sqlite_utils.Database, pks: Sequence[int]) -> list[VoterRow]:
    """The table rows for ``pks``, in the order given (missing keys are skipped)."""
    if len(pks) > MAX_PAGE:
        raise ValueError(f"Ask for at most {MAX_PAGE} rows at a time.")
    if not pks:
        return []
    found = {
        row[0]: VoterRow(*row[:11], corrected=bool(row[11]))
        for row in db.execute(_ROW_SQL + f"({', '.join('?' * len(pks))})", list(pks))
    }
    return [found[pk] for pk in pks if pk in found]


def voter_row(db: sqlite_utils.Database, voter_id: str) -> VoterRow | None:
    """The table row of one voter by id (a row just added: where the list must show it)."""
    found = db.execute("SELECT pk FROM voters WHERE id = ?", [voter_id]).fetchone()
    rows = voter_rows(db, [found[0]]) if found else []
    return rows[0] if rows else None


def keterangan_counts(db: sqlite_utils.Database, area: str | None = None) -> dict[str, int]:
    """Voters per keterangan mark ('' unchecked, '✓', 'U', 'B', '1'..'8') in ``area``."""
    clause, params = area_clause(area)
    sql = "SELECT keterangan, count(*) FROM voters"
    if clause:
        sql += " WHERE " + clause
    return {mark: n for mark, n in db.execute(sql + " GROUP BY keterangan", params)}


@dataclasses.dataclass(frozen=True)
class TpsSummary:
    tps_id: str
    kode_desa: str
    nomor: int
    voters: int


# The key of "Semua wilayah", the node above every provinsi, in AreaTree's maps.
ALL_AREAS = ""


@dataclasses.dataclass(frozen=True)
class AreaTree:
    """Every TPS in the store with its voter count, and the names of the regions above them.

    The shape of the tree (each node's children, each region's total) is worked out when the
    tree is made, on the database worker: the desk then makes rows only for the nodes the
    officer opens, and never walks thousands of TPS on the GUI thread (issue 12 §8)."""

    tps: tuple[TpsSummary, ...]
    region_names: dict[str, str]
    _children: dict[str, list[str]] = dataclasses.field(init=False, repr=False, compare=False)
    _parent: dict[str, str] = dataclasses.field(init=False, repr=False, compare=False)
    _totals: dict[str, int] = dataclasses.field(init=False, repr=False, compare=False)
    _tps: dict[str, TpsSummary] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        children: dict[str, list[str]] = {ALL_AREAS: []}
        parent: dict[str, str] = {}
        totals: dict[str, int] = {ALL_AREAS: 0}
        for tps in self.tps:
            above = ALL_AREAS
            totals[ALL_AREAS] += tps.voters
            parts = tps.kode_desa.split(".")
            for depth in range(1, len(parts) + 1):
                code = ".".join(parts[:depth])
                if code not in parent:
                    parent[code] = above
                    children[above].append(code)
                    children[code] = []
                    totals[code] = 0
                totals[code] += tps.voters
                above = code
            parent[tps.tps_id] = above
            children[above].append(tps.tps_id)
        # Frozen: the maps are filled once here and only read afterwards.
        object.__setattr__(self, "_children", children)
        object.__setattr__(self, "_parent", parent)
        object.__setattr__(self, "_totals", totals)
        object.__setattr__(self, "_tps", {tps.tps_id: tps for tps in self.tps})

    def name(self, kode: str) -> str:
        return self.region_names.get(kode, kode)

    def children(self, area: str | None) -> tuple[str, ...]:
        """The regions and TPS right below ``area`` (None: below "Semua wilayah"), in order."""
        return tuple(self._children.get(area or ALL_AREAS, ()))

    def total(self, area: str | None) -> int:
        """Voters in every TPS below a region (None: in the whole store), or in one TPS."""
        if area and area in self._tps:
            return self._tps[area].voters
        return self._totals.get(area or ALL_AREAS, 0)

    def summary(self, tps_id: str) -> TpsSummary | None:
        return self._tps.get(tps_id)

    def knows(self, area: str) -> bool:
        return area in self._parent

    def path(self, area: str) -> list[str]:
        """The regions above ``area``, top first ("Semua wilayah" left out); [] if unknown."""
        above: list[str] = []
        code = self._parent.get(area, ALL_AREAS)
        while code != ALL_AREAS:
            above.append(code)
            code = self._parent[code]
        return above[::-1]


def area_tree(db: sqlite_utils.Database) -> AreaTree:
    counts = dict(db.execute("SELECT tps_id, count(*) FROM voters GROUP BY tps_id").fetchall())
    known = {row[0]: (row[1], row[2]) for row in db.execute("SELECT id, kode_desa, nomor FROM tps")}
    # A voter whose TPS row is missing (an old import) must still be reachable.
    for tps_id in counts.keys() - known.keys():
        desa, nomor = tps_id.rsplit(".", 1)
        known[tps_id] = (desa, int(nomor))
    tps = tuple(
        TpsSummary(tps_id, desa, nomor, counts.get(tps_id, 0))
        for tps_id, (desa, nomor) in sorted(known.items())
    )
    names = dict(db.execute("SELECT kode, nama FROM regions").fetchall())
    return AreaTree(tps, names)


def tps_in_desa(db: sqlite_utils.Database, kode_desa: str) -> list[str]:
    """The TPS ids of one desa, from the TPS table and the voters' own TPS ids."""
    ids = {row[0] for row in db.execute("SELECT id FROM tps WHERE kode_desa = ?", [kode_desa])}
    clause, params = area_clause(kode_desa)
    ids.update(
        row[0] for row in db.execute(f"SELECT DISTINCT tps_id FROM voters WHERE {clause}", params)
    )
    return sorted(ids)
