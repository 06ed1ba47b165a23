"""The four outcomes of checking a voter and the TMS codes (PKPU 7/2022, domain note §3).

Every row ends as sesuai, ubah, baru or TMS. A TMS row is flagged with a code 1-8 and the
evidence for it, never deleted.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping

from lapang_core.domain.findings import Finding, ValidationResult, error
from lapang_core.domain.nik import check_nik
from lapang_core.domain.region import InvalidRegionCode, parse_tps_id


class Outcome(enum.Enum):
    SESUAI = "sesuai"
    UBAH = "ubah"
    BARU = "baru"
    TMS = "tms"


class EvidenceType(enum.StrEnum):
    # TMS-1
    SURAT_KETERANGAN_KEMATIAN = "surat_keterangan_kematian"
    AKTA_KEMATIAN = "akta_kematian"
    SURAT_RT_DESA = "surat_rt_desa"
    PERNYATAAN_KELUARGA = "pernyataan_keluarga"
    # TMS-2: the reference is the other record's NIK or id
    DATA_GANDA = "data_ganda"
    # TMS-3: a KTP-el, KK, akta kelahiran or biodata showing the date of birth
    DOKUMEN_TANGGAL_LAHIR = "dokumen_tanggal_lahir"
    # TMS-4
    KK_BARU = "kk_baru"
    KTP_EL_BARU = "ktp_el_baru"
    SKPWNI = "skpwni"
    # TMS-5
    SURAT_PERNYATAAN = "surat_pernyataan"
    # TMS-6 and TMS-7: kartu tanda anggota
    KTA = "kta"
    # TMS-8: the reference is the TPS id the voter belongs to
    TPS_TUJUAN = "tps_tujuan"


class TmsCode(enum.IntEnum):
    MENINGGAL = 1
    GANDA = 2
    DI_BAWAH_UMUR = 3
    PINDAH_DOMISILI = 4
    TIDAK_DIKENAL = 5
    TNI = 6
    POLRI = 7
    SALAH_TPS = 8

    @property
    def label(self) -> str:
        """Default Indonesian label; see ``TMS_LABELS`` for why it may be overridden."""
        return TMS_LABELS[self]

    @property
    def evidence(self) -> frozenset[EvidenceType]:
        """Evidence types accepted for this code."""
        return TMS_EVIDENCE[self]


# TMS-5's label has changed between election years [?]: UIs may pass their own mapping.
TMS_LABELS: Mapping[TmsCode, str] = types.MappingProxyType(
    {
        TmsCode.MENINGGAL: "Meninggal dunia",
        TmsCode.GANDA: "Ganda",
        TmsCode.DI_BAWAH_UMUR: "Di bawah umur",
        TmsCode.PINDAH_DOMISILI: "Pindah domisili",
        TmsCode.TIDAK_DIKENAL: "Tidak dikenal",
        TmsCode.TNI: "TNI",
        TmsCode.POLRI: "Polri",
        TmsCode.SALAH_TPS: "Salah penempatan TPS",
    }
)

E = EvidenceType
TMS_EVIDENCE: Mapping[TmsCode, frozenset[EvidenceType]] = types.MappingProxyType(
    {
        TmsCode.MENINGGAL: frozenset(
            {E.SURAT_KETERANGAN_KEMATIAN, E.AKTA_KEMATIAN, E.SURAT_RT_DESA, E.PERNYATAAN_KELUARGA}
        ),
        TmsCode.GANDA: frozenset({E.DATA_GANDA}),
        TmsCode.DI_BAWAH_UMUR: frozenset({E.DOKUMEN_TANGGAL_LAHIR}),
        TmsCode.PINDAH_DOMISILI: frozenset({E.KK_BARU, E.KTP_EL_BARU, E.SKPWNI}),
        TmsCode.TIDAK_DIKENAL: frozenset({E.SURAT_PERNYATAAN}),
        TmsCode.TNI: frozenset({E.KTA}),
        TmsCode.POLRI: frozenset({E.KTA}),
        TmsCode.SALAH_TPS: frozenset({E.TPS_TUJUAN}),
    }
)
del E

# Finding codes from other checks that point at a TMS code (for suggesting one in the UI).
TMS_FOR_FINDING: Mapping[str, TmsCode] = types.MappingProxyType(
    {
        "eligibility.under_age": TmsCode.DI_BAWAH_UMUR,
        "nik.duplicate": TmsCode.GANDA,
    }
)

_MARKS = {Outcome.SESUAI: "✓", Outcome.UBAH: "U", Outcome.BARU: "B"}


def _as_tms(code: object) -> TmsCode | None:
    if isinstance(code, TmsCode):
        return code
    if type(code) is not int:  # True or "1" is not a TMS code, even though True == 1
        return None
    try:
        return TmsCode(code)
    except ValueError:
        return None


class InvalidKeterangan(ValueError):
    """A keterangan mark is not one of ✓, U, B, 1-8 (or blank)."""


def keterangan_for(outcome: Outcome, tms_code: TmsCode | int | None = None) -> str:
    """The mark written in the keterangan column: "✓", "U", "B" or the TMS code "1".."8".

    Raises:
        ValueError: a TMS outcome without a valid code, or a code given for another outcome.
    """
    if outcome is Outcome.TMS:
        tms = _as_tms(tms_code)
        if tms is None:
            raise ValueError("A TMS outcome needs a TMS code from 1 to 8.")
        return str(tms.value)
    if tms_code is not None:
        raise ValueError("Only a TMS outcome takes a TMS code.")
    return _MARKS[outcome]


def parse_keterangan(mark: str) -> tuple[Outcome | None, TmsCode | None]:
    """Inverse of ``keterangan_for``; a blank mark means "not checked yet" -> (None, None).

    Raises:
        InvalidKeterangan: the mark is not one of the marks above.
    """
    value = mark.strip()
    if not value:
        return None, None
    for outcome, outcome_mark in _MARKS.items():
        if value == outcome_mark:
            return outcome, None
    if value in ("1", "2", "3", "4", "5", "6", "7", "8"):
        return Outcome.TMS, TmsCode(int(value))
    raise InvalidKeterangan("Keterangan must be ✓, U, B or a TMS code 1-8.")


def validate_tms(
    code: TmsCode | int,
    evidence_type: EvidenceType | str | None,
    evidence_ref: str | None,
    *,
    current_tps_id: str | None = None,
    current_nik: str | None = None,
) -> ValidationResult:
    """Check that a TMS mark carries the evidence its code needs.

    ``evidence_ref`` is the document's number or description; for TMS-2 the other record's
    NIK or id, for TMS-8 the TPS id the voter belongs to, which must be in the same desa as
    ``current_tps_id`` and differ from it. ``evidence_type`` may be omitted when the code
    accepts only one type. ``current_nik`` lets TMS-2 reject a record pointing at itself.

    Raises:
        InvalidRegionCode: ``current_tps_id`` is malformed (it comes from the stored record,
            not from the officer, so this is a caller error).
    """
    tms = _as_tms(code)
    if tms is None:
        return ValidationResult.of(
            [error("tms.code_invalid", "tms_code", "Choose a TMS code from 1 to 8.")]
        )
    accepted = tms.evidence
    if evidence_type is None or not str(evidence_type).strip():
        if len(accepted) != 1:
            return ValidationResult.of(
                [
                    error(
                        "tms.evidence_missing",
                        "evidence_type",
                        f"TMS-{tms.value} needs evidence: record which document was seen.",
                    )
                ]
            )
        (evidence_type,) = accepted
    if str(evidence_type) not in accepted:
        return ValidationResult.of(
            [
                error(
                    "tms.evidence_wrong_type",
                    "evidence_type",
                    f"This evidence is not accepted for TMS-{tms.value}; choose one of the "
                    "documents listed for the code.",
                )
            ]
        )
    ref = (evidence_ref or "").strip()
    if not ref:
        return ValidationResult.of(
            [
                error(
                    "tms.evidence_ref_missing",
                    "evidence_ref",
                    _REF_HINTS.get(
                        tms, f"Record the number or a description of the TMS-{tms.value} evidence."
                    ),
                )
            ]
        )
    if tms is TmsCode.GANDA:
        return ValidationResult.of(_ganda_findings(ref, current_nik))
    if tms is TmsCode.SALAH_TPS:
        return ValidationResult.of(_salah_tps_findings(ref, current_tps_id))
    return ValidationResult()


_REF_HINTS = {
    TmsCode.GANDA: "TMS-2 needs the NIK or id of the other record of the same person.",
    TmsCode.SALAH_TPS: "TMS-8 needs the TPS the voter belongs to (same desa).",
}


def _ganda_findings(ref: str, current_nik: str | None) -> list[Finding]:
    # A 16-digit reference is a NIK and must be a valid one; anything else is a record id.
    if len(ref) == 16 and ref.isascii() and ref.isdigit():
        if not check_nik(ref).ok:
            return [
                error(
                    "tms.ganda_nik_invalid",
                    "evidence_ref",
                    "The NIK of the other record is not a valid NIK; check it.",
                )
            ]
        if current_nik is not None and ref == current_nik.strip():
            return [
                error(
                    "tms.ganda_self",
                    "evidence_ref",
                    "A record cannot be a duplicate of itself: give the other record's NIK or id.",
                )
            ]
    return []


def _salah_tps_findings(ref: str, current_tps_id: str | None) -> list[Finding]:
    try:
        target_desa, target_nomor = parse_tps_id(ref)
    except InvalidRegionCode:
        return [
            error(
                "tms.target_tps_invalid",
                "evidence_ref",
                "Give the TPS the voter belongs to as a TPS id, e.g. 61.11.02.2003.004.",
            )
        ]
    if current_tps_id is None:
        return [
            error(
                "tms.current_tps_unknown",
                "evidence_ref",
                "The voter's current TPS is needed to check a TMS-8.",
            )
        ]
    desa, nomor = parse_tps_id(current_tps_id)
    if target_desa != desa:
        return [
            error(
                "tms.target_tps_other_desa",
                "evidence_ref",
                "TMS-8 is only for a TPS in the same desa; a voter living in another desa is "
                "TMS-4 (pindah domisili).",
            )
        ]
    if target_nomor == nomor:
        return [
            error(
                "tms.target_tps_same",
                "evidence_ref",
                "The TPS given is the voter's current TPS; give the TPS they belong to.",
            )
        ]
    return []
