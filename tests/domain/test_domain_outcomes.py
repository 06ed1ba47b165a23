import pytest

from lapang_core.domain import voter
from lapang_core.domain.outcomes import (
    TMS_EVIDENCE,
    TMS_FOR_FINDING,
    EvidenceType,
    InvalidKeterangan,
    Outcome,
    TmsCode,
    keterangan_for,
    parse_keterangan,
    validate_tms,
)

TPS = "61.11.02.2003.001"
NIK = "6111021708900001"
OTHER_NIK = "6111025708900002"


def test_codes_and_labels():
    assert [c.value for c in TmsCode] == list(range(1, 9))
    assert TmsCode(3).label == "Di bawah umur"
    assert TmsCode.MENINGGAL.label == "Meninggal dunia"
    assert all(code.label for code in TmsCode)


def test_evidence_table_matches_the_note():
    assert TmsCode.MENINGGAL.evidence == {
        EvidenceType.SURAT_KETERANGAN_KEMATIAN,
        EvidenceType.AKTA_KEMATIAN,
        EvidenceType.SURAT_RT_DESA,
        EvidenceType.PERNYATAAN_KELUARGA,
    }
    assert TmsCode.PINDAH_DOMISILI.evidence == {
        EvidenceType.KK_BARU,
        EvidenceType.KTP_EL_BARU,
        EvidenceType.SKPWNI,
    }
    assert TmsCode.TNI.evidence == TmsCode.POLRI.evidence == {EvidenceType.KTA}
    assert set(TMS_EVIDENCE) == set(TmsCode)
    assert TMS_FOR_FINDING["eligibility.under_age"] is TmsCode.DI_BAWAH_UMUR


@pytest.mark.parametrize(
    ("outcome", "code", "mark"),
    [
        (Outcome.SESUAI, None, voter.KETERANGAN_SESUAI),
        (Outcome.UBAH, None, voter.KETERANGAN_UBAH),
        (Outcome.BARU, None, voter.KETERANGAN_BARU),
        (Outcome.TMS, TmsCode.GANDA, "2"),
        (Outcome.TMS, 8, "8"),
    ],
)
def test_keterangan_round_trip(outcome, code, mark):
    assert keterangan_for(outcome, code) == mark
    parsed = parse_keterangan(mark)
    assert parsed == (outcome, None if code is None else TmsCode(code))


def test_keterangan_marks_match_voter_constants():
    assert (voter.KETERANGAN_SESUAI, voter.KETERANGAN_UBAH, voter.KETERANGAN_BARU) == (
        "✓",
        "U",
        "B",
    )


@pytest.mark.parametrize(
    ("outcome", "code"),
    [(Outcome.TMS, None), (Outcome.TMS, 9), (Outcome.TMS, True), (Outcome.UBAH, 1)],
)
def test_keterangan_for_rejects_bad_combinations(outcome, code):
    with pytest.raises(ValueError):
        keterangan_for(outcome, code)


def test_parse_keterangan_blank_and_invalid():
    assert parse_keterangan("") == (None, None)
    for bad in ("0", "9", "X", "UB"):
        with pytest.raises(InvalidKeterangan):
            parse_keterangan(bad)


@pytest.mark.parametrize(
    ("code", "evidence", "ref"),
    [
        (1, EvidenceType.AKTA_KEMATIAN, "AK-123/2024"),
        (1, "pernyataan_keluarga", "pernyataan anak, 3 Mei"),
        (3, EvidenceType.DOKUMEN_TANGGAL_LAHIR, "KK"),
        (4, EvidenceType.SKPWNI, "SKPWNI/001"),
        (5, EvidenceType.SURAT_PERNYATAAN, "ketua RT"),
        (6, EvidenceType.KTA, "KTA 1"),
        (7, EvidenceType.KTA, "KTA 2"),
    ],
)
def test_valid_evidence(code, evidence, ref):
    assert validate_tms(code, evidence, ref).ok


@pytest.mark.parametrize(
    ("code", "evidence", "ref", "expected"),
    [
        (0, EvidenceType.KTA, "x", "tms.code_invalid"),
        (9, EvidenceType.KTA, "x", "tms.code_invalid"),
        (True, EvidenceType.KTA, "x", "tms.code_invalid"),
        (1, None, "x", "tms.evidence_missing"),
        (1, "  ", "x", "tms.evidence_missing"),
        (1, EvidenceType.KTA, "x", "tms.evidence_wrong_type"),
        (6, EvidenceType.SKPWNI, "x", "tms.evidence_wrong_type"),
        (4, "ijazah", "x", "tms.evidence_wrong_type"),
        (1, EvidenceType.AKTA_KEMATIAN, None, "tms.evidence_ref_missing"),
        (4, EvidenceType.SKPWNI, "  ", "tms.evidence_ref_missing"),
        (2, EvidenceType.DATA_GANDA, "", "tms.evidence_ref_missing"),
    ],
)
def test_missing_or_wrong_evidence_is_an_error(code, evidence, ref, expected):
    result = validate_tms(code, evidence, ref)
    assert result.codes == (expected,)
    assert not result.ok


def test_tms2_needs_the_other_record():
    assert validate_tms(2, EvidenceType.DATA_GANDA, OTHER_NIK, current_nik=NIK).ok
    assert validate_tms(2, None, "DPID-778812").ok  # a record id; type implied
    assert validate_tms(2, None, "6111023102900001").codes == ("tms.ganda_nik_invalid",)
    assert validate_tms(2, None, NIK, current_nik=f" {NIK}").codes == ("tms.ganda_self",)


def test_tms8_needs_another_tps_in_the_same_desa():
    assert validate_tms(8, None, "61.11.02.2003.004", current_tps_id=TPS).ok
    assert validate_tms(8, EvidenceType.TPS_TUJUAN, "6111022003004", current_tps_id=TPS).ok
    cases = {
        "61.11.02.2004.004": "tms.target_tps_other_desa",
        "61.11.02.2003.001": "tms.target_tps_same",
        "61.11.02.2003": "tms.target_tps_invalid",
        "TPS 4": "tms.target_tps_invalid",
    }
    for ref, expected in cases.items():
        assert validate_tms(8, None, ref, current_tps_id=TPS).codes == (expected,)
    assert validate_tms(8, None, "61.11.02.2003.004").codes == ("tms.current_tps_unknown",)


def test_messages_do_not_quote_the_reference():
    for finding in validate_tms(2, None, "6111023102900001").findings:
        assert "6111023102900001" not in finding.message
