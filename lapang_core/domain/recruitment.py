"""Ad hoc bodies (PPK, PPS, KPPS, Pantarlih) and the administrative check of applicants.

Requirements from PKPU 8/2022 Pasal 35 plus the statements added for Pilkada 2024 (domain
note §6). Numbers and lists that vary by election are in ``RecruitmentRules`` so an election
can be configured without changing code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Mapping

# The application number's format lives in its own module; these names are its public face.
from lapang_core.domain.application_number import (
    ApplicationNumberCheckFailed as ApplicationNumberCheckFailed,
)
from lapang_core.domain.application_number import (
    InvalidApplicationNumber as InvalidApplicationNumber,
)
from lapang_core.domain.application_number import format_application_no as format_application_no
from lapang_core.domain.application_number import make_application_no as make_application_no
from lapang_core.domain.eligibility import age_on, birth_date_findings
from lapang_core.domain.findings import Finding, ValidationResult, error, warning
from lapang_core.domain.nik import check_nik
from lapang_core.domain.region import (
    InvalidRegionCode,
    RegionLevel,
    is_within,
    normalize_region_code,
    parent_code,
    region_level,
)


class AdhocBody(enum.Enum):
    # value: (level it works at, members)
    PPK = (RegionLevel.KECAMATAN, 5)
    PPS = (RegionLevel.DESA, 3)
    KPPS = (RegionLevel.TPS, 7)  # 1 ketua + 6 anggota
    PANTARLIH = (RegionLevel.TPS, 1)

    @property
    def level(self) -> RegionLevel:
        return self.value[0]

    @property
    def seats(self) -> int:
        return self.value[1]

    def seats_for(self, voter_count: int) -> int:
        """Seats at one unit; a TPS with more than 400 voters gets 2 Pantarlih."""
        if self is AdhocBody.PANTARLIH and voter_count > 400:
            return 2
        return self.seats

    @property
    def interview_shortlist(self) -> int | None:
        """Candidates invited to interview per unit: PPK 3x the seats, PPS 6 per desa (top 3
        appointed, next 3 reserves). KPPS and Pantarlih have no interview stage."""
        if self is AdhocBody.PPK:
            return 3 * self.seats
        return 6 if self is AdhocBody.PPS else None


class Pendidikan(enum.StrEnum):
    """Highest completed education; SMA includes SMK, MA and Paket C ("sederajat")."""

    SD = "sd"
    SMP = "smp"
    SMA = "sma"
    D1 = "d1"
    D2 = "d2"
    D3 = "d3"
    D4 = "d4"
    S1 = "s1"
    S2 = "s2"
    S3 = "s3"

    @property
    def rank(self) -> int:
        return list(Pendidikan).index(self)


class Statement(enum.StrEnum):
    """Items of the single surat pernyataan an applicant signs."""

    WNI = "wni"
    SETIA_PANCASILA = "setia_pancasila"
    BUKAN_ANGGOTA_PARTAI = "bukan_anggota_partai"  # or out for 5 years
    TIDAK_PERNAH_DIPIDANA = "tidak_pernah_dipidana"  # crime punishable by 5 years or more
    SEHAT_BEBAS_NARKOBA = "sehat_bebas_narkoba"
    # Added for Pilkada 2024:
    TIDAK_PERNAH_DIBERHENTIKAN = "tidak_pernah_diberhentikan"  # by KPU/DKPP
    BUKAN_TIM_KAMPANYE_SAKSI = "bukan_tim_kampanye_saksi"  # within 5 years
    TIDAK_KOMORBID = "tidak_komorbid"
    MAMPU_TEKNOLOGI = "mampu_teknologi"  # able to use IT devices


class Document(enum.StrEnum):
    SURAT_PENDAFTARAN = "surat_pendaftaran"
    KTP_EL = "ktp_el"  # copy
    IJAZAH = "ijazah"
    SURAT_PERNYATAAN = "surat_pernyataan"
    SURAT_KETERANGAN_PARTAI = "surat_keterangan_partai"  # ex-party members only
    SURAT_KETERANGAN_SEHAT = "surat_keterangan_sehat"  # blood pressure, sugar, cholesterol
    DAFTAR_RIWAYAT_HIDUP = "daftar_riwayat_hidup"
    PAS_FOTO = "pas_foto"  # 4x6


# The checklist in the order of the registration form.
DOCUMENTS: tuple[Document, ...] = tuple(Document)
DOCUMENT_LABELS: Mapping[Document, str] = {
    Document.SURAT_PENDAFTARAN: "Surat pendaftaran",
    Document.KTP_EL: "Fotokopi KTP-el",
    Document.IJAZAH: "Fotokopi ijazah terakhir",
    Document.SURAT_PERNYATAAN: "Surat pernyataan",
    Document.SURAT_KETERANGAN_PARTAI: "Surat keterangan dari partai politik",
    Document.SURAT_KETERANGAN_SEHAT: "Surat keterangan sehat",
    Document.DAFTAR_RIWAYAT_HIDUP: "Daftar riwayat hidup",
    Document.PAS_FOTO: "Pas foto 4x6",
}


def required_documents(ex_party_member: bool) -> frozenset[Document]:
    """The party letter is required only from former party members."""
    documents = set(DOCUMENTS)
    if not ex_party_member:
        documents.discard(Document.SURAT_KETERANGAN_PARTAI)
    return frozenset(documents)


@dataclasses.dataclass(frozen=True, slots=True)
class HealthValues:
    """Values from the surat keterangan sehat (mg/dL for sugar and cholesterol)."""

    sistolik: int | None = None
    diastolik: int | None = None
    gula_darah: int | None = None
    kolesterol: int | None = None


@dataclasses.dataclass(slots=True)
class Applicant:
    nik: str
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date | None
    jenis_kelamin: str
    alamat_ktp: str
    domisili_kode: str  # desa/kelurahan code where the applicant lives
    pendidikan: str  # a Pendidikan value
    pekerjaan: str
    telepon: str
    email: str = ""
    statements: dict[str, bool] = dataclasses.field(default_factory=dict)
    kesehatan: HealthValues = dataclasses.field(default_factory=HealthValues)
    ex_party_member: bool = False
    documents: set[str] = dataclasses.field(default_factory=set)
    # When a former party member left the party, as the party letter states (its evidence).
    tanggal_keluar_partai: dt.date | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class RecruitmentRules:
    """What may change between elections. Defaults: PKPU 8/2022 plus Pilkada 2024."""

    min_age: int = 17
    # PKPU 8/2022 Pasal 35: a former party member must have left at least this many years
    # before registering, counted in completed years like an age (a 29 February leaving date
    # completes its year on 1 March in common years).
    party_cooloff_years: int = 5
    preferred_max_age: int = 55
    preferred_max_age_bodies: frozenset[AdhocBody] = frozenset({AdhocBody.KPPS})
    min_pendidikan: Pendidikan = Pendidikan.SMA
    required_statements: frozenset[Statement] = frozenset(Statement)
    require_health_values: bool = True
    # Above these the panel is warned, never blocked: the doctor's certificate decides
    # fitness. Thresholds are common clinical cut-offs, not from a regulation [?].
    max_sistolik: int = 140
    max_diastolik: int = 90
    max_gula_darah: int = 200
    max_kolesterol: int = 240


DEFAULT_RULES = RecruitmentRules()

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9][0-9 -]*")


def check_applicant(
    applicant: Applicant,
    body: AdhocBody,
    area_code: str,
    election_date: dt.date,
    rules: RecruitmentRules = DEFAULT_RULES,
    *,
    registration_date: dt.date | None = None,
) -> ValidationResult:
    """Administrative check of one applicant for ``body`` working in ``area_code`` (a
    kecamatan for PPK, a desa for PPS, a TPS id or its desa for KPPS and Pantarlih).
    ``registration_date`` (None: this machine's date today) is the day the application is
    received: nobody is born after it, and the party cool-off is counted up to it.

    Raises:
        InvalidRegionCode: ``area_code`` is malformed or coarser than ``body`` works at.
    """
    area = working_area(body, area_code)
    findings: list[Finding] = []
    findings.extend(_identity_findings(applicant))
    registered = registration_date or dt.date.today()
    findings.extend(_age_findings(applicant, body, election_date, rules, registered))
    findings.extend(party_findings(applicant, registered, rules))
    findings.extend(_education_findings(applicant, rules))
    findings.extend(_domicile_findings(applicant, area))
    findings.extend(_contact_findings(applicant))
    for statement in sorted(rules.required_statements):
        if not applicant.statements.get(statement, False):
            findings.append(
                error(
                    "statement.missing",
                    f"statements.{statement.value}",
                    "The applicant has not made this statement in the surat pernyataan.",
                )
            )
    for document in DOCUMENTS:
        if document in required_documents(applicant.ex_party_member) and (
            document not in applicant.documents
        ):
            findings.append(
                error(
                    "document.missing",
                    f"documents.{document.value}",
                    f"Missing document: {DOCUMENT_LABELS[document]}.",
                )
            )
    letter = str(Document.SURAT_KETERANGAN_SEHAT) in applicant.documents
    findings.extend(_health_findings(applicant.kesehatan, rules, letter_received=letter))
    return ValidationResult.of(findings)


def working_area(body: AdhocBody, area_code: str) -> str:
    """The unit whose residents may apply for ``body`` at ``area_code``: the kecamatan for PPK,
    the desa for PPS, KPPS and Pantarlih. Raises ``InvalidRegionCode`` when ``area_code`` is
    malformed or coarser than ``body`` works at."""
    # Nobody lives "in" a TPS: residents of the TPS's desa count as living in its area.
    target = RegionLevel.DESA if body.level is RegionLevel.TPS else body.level
    area = normalize_region_code(area_code)
    if region_level(area).digits < target.digits:
        raise InvalidRegionCode(
            f"{body.name} works at {body.level.name.lower()} level; give a code of that level."
        )
    return parent_code(area, target)


def may_file(body: AdhocBody, area_code: str, device_area: str) -> bool:
    """Whether a laptop enrolled for ``device_area`` may file an application to ``body`` working
    in ``area_code``: a working area inside the laptop's area, or the unit of the body that
    contains the laptop's area (a desa's PPS office takes its kecamatan's PPK applicants, a TPS
    laptop its desa's PPS and not-yet-placed KPPS applicants). Never a neighbouring unit."""
    try:
        if is_within(area_code, device_area):
            return True
        unit = working_area(body, area_code)
        return unit == normalize_region_code(area_code) and is_within(device_area, unit)
    except InvalidRegionCode:
        return False


def _identity_findings(applicant: Applicant) -> list[Finding]:
    findings = list(
        check_nik(
            applicant.nik,
            tanggal_lahir=applicant.tanggal_lahir,
            jenis_kelamin=applicant.jenis_kelamin,
        ).findings
    )
    for field, label in (
        ("nama", "name"),
        ("tempat_lahir", "place of birth"),
        ("alamat_ktp", "address on the KTP-el"),
        ("pekerjaan", "occupation"),
    ):
        if not getattr(applicant, field).strip():
            findings.append(error(f"{field}.missing", field, f"Enter the applicant's {label}."))
    if applicant.jenis_kelamin not in ("L", "P"):
        findings.append(error("jenis_kelamin.invalid", "jenis_kelamin", "Sex must be L or P."))
    return findings


def party_findings(
    applicant: Applicant, registration_date: dt.date, rules: RecruitmentRules = DEFAULT_RULES
) -> list[Finding]:
    """The party cool-off (PKPU 8/2022 Pasal 35, domain note §6): a former party member is
    eligible only when out for ``rules.party_cooloff_years`` on the registration date. The
    party letter stays required as the evidence of the date (``required_documents``)."""
    left = applicant.tanggal_keluar_partai
    if not applicant.ex_party_member:
        return []
    if left is None:
        return [
            error(
                "tanggal_keluar_partai.missing",
                "tanggal_keluar_partai",
                "Enter the date the applicant left the party, as the party letter states it.",
            )
        ]
    if left > registration_date:
        return [
            error(
                "party.left_date_future",
                "tanggal_keluar_partai",
                "The date of leaving the party is after the registration date; a current party "
                "member cannot apply.",
            )
        ]
    if age_on(left, registration_date) < rules.party_cooloff_years:
        return [
            error(
                "party.cooloff",
                "tanggal_keluar_partai",
                f"A former party member must have left at least {rules.party_cooloff_years} "
                "years before registering (PKPU 8/2022 Pasal 35).",
            )
        ]
    return []


def _age_findings(
    applicant: Applicant,
    body: AdhocBody,
    election_date: dt.date,
    rules: RecruitmentRules,
    registered: dt.date,
) -> list[Finding]:
    if applicant.tanggal_lahir is None:
        return [
            error("tanggal_lahir.missing", "tanggal_lahir", "Enter the applicant's date of birth.")
        ]
    future = birth_date_findings(applicant.tanggal_lahir, registered)
    if future:
        return future
    age = age_on(applicant.tanggal_lahir, election_date)  # counted on voting day
    if age < rules.min_age:
        return [
            error(
                "age.below_minimum",
                "tanggal_lahir",
                f"Applicants must be at least {rules.min_age} on election day.",
            )
        ]
    if body in rules.preferred_max_age_bodies and age > rules.preferred_max_age:
        return [
            warning(
                "age.above_preferred",
                "tanggal_lahir",
                f"{body.name} members should preferably be at most {rules.preferred_max_age} "
                "on election day; prefer younger applicants if there are enough.",
            )
        ]
    return []


def _education_findings(applicant: Applicant, rules: RecruitmentRules) -> list[Finding]:
    try:
        level = Pendidikan(applicant.pendidikan)
    except ValueError:
        return [
            error(
                "pendidikan.invalid",
                "pendidikan",
                "Choose the highest completed education (SD, SMP, SMA, D1-D4, S1-S3).",
            )
        ]
    if level.rank < rules.min_pendidikan.rank:
        return [
            error(
                "pendidikan.below_minimum",
                "pendidikan",
                f"Applicants need at least {rules.min_pendidikan.name} or equivalent.",
            )
        ]
    return []


def _domicile_findings(applicant: Applicant, area: str) -> list[Finding]:
    try:
        domicile = normalize_region_code(applicant.domisili_kode)
        is_desa = region_level(domicile) is RegionLevel.DESA
    except InvalidRegionCode:
        is_desa = False
    if not is_desa:
        return [
            error(
                "domisili_kode.invalid",
                "domisili_kode",
                "Enter the desa/kelurahan where the applicant lives (10-digit code).",
            )
        ]
    if not is_within(domicile, area):
        return [
            error(
                "domicile.outside_area",
                "domisili_kode",
                "The applicant must live in the working area of the body applied for.",
            )
        ]
    return []


def _contact_findings(applicant: Applicant) -> list[Finding]:
    findings: list[Finding] = []
    phone = applicant.telepon.strip()
    if not phone:
        findings.append(
            warning(
                "telepon.missing",
                "telepon",
                "No phone number: agree on another way to reach the applicant.",
            )
        )
    elif not (_PHONE.fullmatch(phone) and 8 <= sum(ch.isdigit() for ch in phone) <= 15):
        findings.append(
            error("telepon.invalid", "telepon", "The phone number must be 8-15 digits.")
        )
    email = applicant.email.strip()
    if email and not _EMAIL.fullmatch(email):
        findings.append(error("email.invalid", "email", "The e-mail address is not valid."))
    return findings


def _health_findings(
    values: HealthValues, rules: RecruitmentRules, *, letter_received: bool
) -> list[Finding]:
    """The values are copied from the surat keterangan sehat: without the letter there is
    nothing to copy, so they cannot be required (the letter itself is reported missing)."""
    findings: list[Finding] = []
    checks = (
        ("sistolik", values.sistolik, rules.max_sistolik),
        ("diastolik", values.diastolik, rules.max_diastolik),
        ("gula_darah", values.gula_darah, rules.max_gula_darah),
        ("kolesterol", values.kolesterol, rules.max_kolesterol),
    )
    for name, value, limit in checks:
        field = f"kesehatan.{name}"
        if value is None:
            if rules.require_health_values and letter_received:
                findings.append(
                    error(
                        "health.missing",
                        field,
                        "Copy this value from the surat keterangan sehat.",
                    )
                )
        elif value > limit:
            findings.append(
                warning(
                    "health.above_limit",
                    field,
                    "This health value is above the usual limit; the panel should take it "
                    "into account (the doctor's certificate decides fitness).",
                )
            )
    return findings
