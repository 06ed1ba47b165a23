"""The pull page and what it carries: regions, TPS, voters, conflict notices, signed KPU
announcements, refusals and application outcomes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lapang_core.domain.voter import RECORD_FIELDS, VoterRecord
from lapang_core.protocol.constants import API_PREFIX, PROTOCOL_VERSION, PULL_PAGE_DEFAULT
from lapang_core.protocol.decoding import b64u_decode, decompress, loads_json
from lapang_core.protocol.encoding import _dumps, b64u_encode, compress
from lapang_core.protocol.errors import MalformedRequest


@dataclasses.dataclass(frozen=True, slots=True)
class Region:
    kode: str
    nama: str


@dataclasses.dataclass(frozen=True, slots=True)
class VoterRow:
    """A voter as the server holds it. ``version`` is what the next change's ``base_version``
    must carry; ``tms`` is the TMS payload while the voter is marked TMS."""

    id: str
    version: int
    dpid: str | None
    nkk: str
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: str | None  # YYYY-MM-DD
    status_perkawinan: str
    jenis_kelamin: str
    alamat: str
    rt: str
    rw: str
    disabilitas: int
    status_ktp_el: str
    tps_id: str
    keterangan: str
    sumber: str
    tms: dict[str, Any] | None = None
    # Eligibility conditions with no Model A element (domain note §4), set by a baru. Sent
    # since server migration 0012; a page from an older server leaves them at these defaults,
    # and a laptop from before them drops the columns by name (``decode``).
    status_tni_polri: str = ""
    sk_pemberhentian: str = ""
    hak_pilih_dicabut: bool = False

    def to_record(self) -> VoterRecord:
        values = {name: getattr(self, name) for name in RECORD_FIELDS}
        born = self.tanggal_lahir
        values["tanggal_lahir"] = dt.date.fromisoformat(born) if born else None
        return VoterRecord(**values)


VOTER_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(VoterRow))
# The columns KPU's own list (Sidalih) fills: Model A's elements, TPS, keterangan, sumber.
LIST_COLUMNS: tuple[str, ...] = VOTER_COLUMNS[
    VOTER_COLUMNS.index("nkk") : VOTER_COLUMNS.index("tms")
]


@dataclasses.dataclass(frozen=True, slots=True)
class ConflictNotice:
    """Two writers changed one voter. ``server_value`` is what the server held when the late
    change arrived, ``change_value`` the change's payload; ``rule`` names what was applied."""

    id: str
    voter_id: str
    change_id: str
    device_id: str
    other_author: str  # device id, or "kpu" for an edit made at KPU
    base_version: int
    server_version: int
    server_value: dict[str, Any]
    change_value: dict[str, Any]
    rule: str
    created_at: str


@dataclasses.dataclass(frozen=True, slots=True)
class Announcement:
    """A KPU announcement; ``signature`` is Ed25519 by the KPU key over ``signing_bytes()``.
    A client shows only announcements that verify against the KPU key it ships with."""

    id: str
    area: str  # region code prefix it is meant for; "" for the whole country
    title: str
    body: str
    published_at: str
    signature: str

    def signing_bytes(self) -> bytes:
        fields = ["LAPANG-ANNOUNCEMENT-1", self.id, self.area, self.title, self.body]
        return _dumps([*fields, self.published_at])

    def verify(self, kpu_key: Ed25519PublicKey) -> bool:
        try:
            kpu_key.verify(b64u_decode(self.signature), self.signing_bytes())
        except (InvalidSignature, MalformedRequest):
            return False
        return True


def sign_announcement(
    key: Ed25519PrivateKey,
    announcement_id: str,
    area: str,
    title: str,
    body: str,
    published_at: str,
) -> Announcement:
    unsigned = Announcement(announcement_id, area, title, body, published_at, "")
    signature = b64u_encode(key.sign(unsigned.signing_bytes()))
    return dataclasses.replace(unsigned, signature=signature)


@dataclasses.dataclass(frozen=True, slots=True)
class RefusalNotice:
    """A change of this device that the server refused after first holding it."""

    seq: int
    change_id: str
    reason: str
    message: str


@dataclasses.dataclass(frozen=True, slots=True)
class ApplicationOutcome:
    """Where an application to an ad hoc body stands at KPU. Sent to every device of the area
    the application's working area lies in (a PPS office may run several laptops), so it
    carries no personal data: the device that took the application joins it to its form.

    ``stage``/``result`` are the latest decision (``result`` is None while the stage is under
    way); ``score`` the score of that stage when it has one. ``duplicates`` lists the numbers of
    other applications with the same NIK, from any device, to any body."""

    id: str
    application_no: str
    body: str  # AdhocBody name
    area_code: str
    stage: str
    result: str | None
    score: float | None
    note: str
    duplicates: tuple[str, ...]
    version: int


APPLICATION_OUTCOME_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(ApplicationOutcome)
)


def _outcome_from_row(columns: Sequence[str], row: Sequence[Any]) -> ApplicationOutcome:
    values = {c: v for c, v in zip(columns, row, strict=True) if c in APPLICATION_OUTCOME_COLUMNS}
    values["duplicates"] = tuple(str(d) for d in values.get("duplicates") or ())
    score = values.get("score")
    values["score"] = None if score is None else float(score)
    return ApplicationOutcome(**values)


@dataclasses.dataclass(frozen=True, slots=True)
class PullPage:
    """One page of ``GET /v1/pull``. Store the page, then ``cursor``; ask again while ``more``."""

    cursor: int
    more: bool
    server_time: int
    regions: tuple[Region, ...] = ()
    tps: tuple[str, ...] = ()
    voters: tuple[VoterRow, ...] = ()
    conflicts: tuple[ConflictNotice, ...] = ()
    announcements: tuple[Announcement, ...] = ()
    refusals: tuple[RefusalNotice, ...] = ()
    applications: tuple[ApplicationOutcome, ...] = ()
    # The highest seq of this device the server holds (any state); None from servers before
    # it was sent. A laptop that holds answered changes above it resends them: the server was
    # restored from a backup taken before they arrived (docs/sync-protocol.md §6).
    received_through: int | None = None

    def encode(self) -> bytes:
        doc: dict[str, Any] = {
            "v": PROTOCOL_VERSION,
            "cur": self.cursor,
            "more": self.more,
            "t": self.server_time,
        }
        if self.received_through is not None:
            doc["rcv"] = self.received_through
        if self.regions:
            doc["reg"] = [[r.kode, r.nama] for r in self.regions]
        if self.tps:
            doc["tps"] = list(self.tps)
        if self.voters:
            doc["vc"] = list(VOTER_COLUMNS)
            doc["vot"] = [list(dataclasses.astuple(v)) for v in self.voters]
        if self.applications:
            doc["ac"] = list(APPLICATION_OUTCOME_COLUMNS)
            doc["app"] = [list(dataclasses.astuple(a)) for a in self.applications]
        for key, items in (
            ("con", self.conflicts),
            ("ann", self.announcements),
            ("ref", self.refusals),
        ):
            if items:
                doc[key] = [dataclasses.asdict(i) for i in items]
        return compress(_dumps(doc))

    @classmethod
    def decode(cls, body: bytes) -> PullPage:
        doc = loads_json(decompress(body))
        if not isinstance(doc, dict) or doc.get("v") != PROTOCOL_VERSION:
            raise MalformedRequest("Not a v1 pull page.")
        try:
            voters = ()
            if "vot" in doc:
                columns = doc["vc"]
                voters = tuple(
                    VoterRow(
                        **{c: v for c, v in zip(columns, row, strict=True) if c in VOTER_COLUMNS}
                    )
                    for row in doc["vot"]
                )
            return cls(
                cursor=int(doc["cur"]),
                more=bool(doc["more"]),
                server_time=int(doc["t"]),
                regions=tuple(Region(k, n) for k, n in doc.get("reg", [])),
                tps=tuple(str(t) for t in doc.get("tps", [])),
                voters=voters,
                conflicts=tuple(ConflictNotice(**c) for c in doc.get("con", [])),
                announcements=tuple(Announcement(**a) for a in doc.get("ann", [])),
                refusals=tuple(RefusalNotice(**r) for r in doc.get("ref", [])),
                applications=tuple(_outcome_from_row(doc["ac"], row) for row in doc.get("app", [])),
                received_through=int(doc["rcv"]) if "rcv" in doc else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedRequest(f"Invalid pull page: {exc}") from None


def pull_path(
    cursor: int, limit: int = PULL_PAGE_DEFAULT, *, version: int = PROTOCOL_VERSION
) -> str:
    """The pull request's path and query. ``version`` 2 (``DOC_VERSION_NO_ECHO``): leave out the
    voter rows this device's own changes made, which a v2 push answer already told it (no
    echo); 3 (``DOC_VERSION_APPLICATION_NO_ECHO``): its own applications' outcomes too."""
    query = f"{API_PREFIX}/pull?cursor={cursor}&limit={limit}"
    return query if version == PROTOCOL_VERSION else f"{query}&v={version}"
