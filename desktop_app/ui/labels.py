"""What the desk calls things: element names in the paper form's wording, choice values, the
keterangan marks, TMS codes and evidence documents. Source text is Bahasa Indonesia; the English
wording comes from resources/translations/lapang_en.ts. Each table marks its strings with
QT_TRANSLATE_NOOP (so pyside6-lupdate finds them) and translates them when they are shown."""

from __future__ import annotations

from desktop_app.ui.qt import QT_TRANSLATE_NOOP, translate
from lapang_core.domain.election_rules import DEFAULT_ELECTION_RULES, ElectionRules
from lapang_core.domain.outcomes import EvidenceType, TmsCode
from lapang_core.domain.voter import KETERANGAN_BARU, KETERANGAN_SESUAI, KETERANGAN_UBAH

CTX = "Labels"

# Model A-Daftar Pemilih column headings, in the paper form's order.
_ELEMENTS = {
    "nkk": QT_TRANSLATE_NOOP("Labels", "NKK"),
    "nik": QT_TRANSLATE_NOOP("Labels", "NIK"),
    "nama": QT_TRANSLATE_NOOP("Labels", "Nama"),
    "tempat_lahir": QT_TRANSLATE_NOOP("Labels", "Tempat lahir"),
    "tanggal_lahir": QT_TRANSLATE_NOOP("Labels", "Tanggal lahir"),
    "status_perkawinan": QT_TRANSLATE_NOOP("Labels", "Status perkawinan"),
    "jenis_kelamin": QT_TRANSLATE_NOOP("Labels", "Jenis kelamin"),
    "alamat": QT_TRANSLATE_NOOP("Labels", "Alamat (jalan/dukuh)"),
    "rt": QT_TRANSLATE_NOOP("Labels", "RT"),
    "rw": QT_TRANSLATE_NOOP("Labels", "RW"),
    "disabilitas": QT_TRANSLATE_NOOP("Labels", "Disabilitas"),
    "status_ktp_el": QT_TRANSLATE_NOOP("Labels", "KTP-el"),
    "tps_id": QT_TRANSLATE_NOOP("Labels", "TPS"),
    "keterangan": QT_TRANSLATE_NOOP("Labels", "Keterangan"),
}

STATUS_PERKAWINAN = {
    "B": QT_TRANSLATE_NOOP("Labels", "Belum kawin"),
    "S": QT_TRANSLATE_NOOP("Labels", "Sudah kawin"),
    "P": QT_TRANSLATE_NOOP("Labels", "Pernah kawin"),
}
JENIS_KELAMIN = {
    "L": QT_TRANSLATE_NOOP("Labels", "Laki-laki"),
    "P": QT_TRANSLATE_NOOP("Labels", "Perempuan"),
}
STATUS_KTP_EL = {
    "S": QT_TRANSLATE_NOOP("Labels", "Sudah memiliki KTP-el"),
    "B": QT_TRANSLATE_NOOP("Labels", "Belum memiliki KTP-el"),
}
DISABILITAS = {
    0: QT_TRANSLATE_NOOP("Labels", "Tidak ada"),
    1: QT_TRANSLATE_NOOP("Labels", "Fisik"),
    2: QT_TRANSLATE_NOOP("Labels", "Intelektual"),
    3: QT_TRANSLATE_NOOP("Labels", "Mental"),
    4: QT_TRANSLATE_NOOP("Labels", "Sensorik wicara"),
    5: QT_TRANSLATE_NOOP("Labels", "Sensorik rungu"),
    6: QT_TRANSLATE_NOOP("Labels", "Sensorik netra"),
}

# The domain keeps its own Indonesian labels (outcomes.TMS_LABELS); these are the same words,
# marked for translation so the English desk can show English.
_TMS = {
    TmsCode.MENINGGAL: QT_TRANSLATE_NOOP("Labels", "Meninggal dunia"),
    TmsCode.GANDA: QT_TRANSLATE_NOOP("Labels", "Ganda"),
    TmsCode.DI_BAWAH_UMUR: QT_TRANSLATE_NOOP("Labels", "Di bawah umur"),
    TmsCode.PINDAH_DOMISILI: QT_TRANSLATE_NOOP("Labels", "Pindah domisili"),
    TmsCode.TIDAK_DIKENAL: QT_TRANSLATE_NOOP("Labels", "Tidak dikenal"),
    TmsCode.TNI: QT_TRANSLATE_NOOP("Labels", "TNI"),
    TmsCode.POLRI: QT_TRANSLATE_NOOP("Labels", "Polri"),
    TmsCode.SALAH_TPS: QT_TRANSLATE_NOOP("Labels", "Salah penempatan TPS"),
}

_EVIDENCE = {
    EvidenceType.SURAT_KETERANGAN_KEMATIAN: QT_TRANSLATE_NOOP(
        "Labels", "Surat keterangan kematian"
    ),
    EvidenceType.AKTA_KEMATIAN: QT_TRANSLATE_NOOP("Labels", "Akta kematian"),
    EvidenceType.SURAT_RT_DESA: QT_TRANSLATE_NOOP("Labels", "Surat RT/desa"),
    EvidenceType.PERNYATAAN_KELUARGA: QT_TRANSLATE_NOOP("Labels", "Pernyataan keluarga"),
    EvidenceType.DATA_GANDA: QT_TRANSLATE_NOOP("Labels", "Data ganda (NIK/id data lain)"),
    EvidenceType.DOKUMEN_TANGGAL_LAHIR: QT_TRANSLATE_NOOP(
        "Labels", "Dokumen tanggal lahir (KTP-el, KK, akta)"
    ),
    EvidenceType.KK_BARU: QT_TRANSLATE_NOOP("Labels", "KK baru"),
    EvidenceType.KTP_EL_BARU: QT_TRANSLATE_NOOP("Labels", "KTP-el baru"),
    EvidenceType.SKPWNI: QT_TRANSLATE_NOOP("Labels", "SKPWNI"),
    EvidenceType.SURAT_PERNYATAAN: QT_TRANSLATE_NOOP("Labels", "Surat pernyataan"),
    EvidenceType.KTA: QT_TRANSLATE_NOOP("Labels", "Kartu tanda anggota (KTA)"),
    EvidenceType.TPS_TUJUAN: QT_TRANSLATE_NOOP("Labels", "TPS tujuan"),
}

# Evidence listed in the order an officer most often has it in hand.
EVIDENCE_ORDER: tuple[EvidenceType, ...] = tuple(_EVIDENCE)


def element(name: str) -> str:
    return translate(CTX, _ELEMENTS.get(name, name))


def choice(table: dict, value: object) -> str:
    text = table.get(value)
    return translate(CTX, text) if text else str(value or "")


# KPU's own wording for this election, where it differs from the default (TMS-5's label varies
# by year: domain note §3 [?]). Shown as configured, in either language: it is KPU's term.
_tms_configured: dict[TmsCode, str] = {}


def use_election_rules(rules: ElectionRules) -> None:
    """Take the TMS labels of the election the opened vault is configured for."""
    _tms_configured.clear()
    if rules.tms5_label != DEFAULT_ELECTION_RULES.tms5_label:
        _tms_configured[TmsCode.TIDAK_DIKENAL] = rules.tms5_label


def tms(code: TmsCode | int) -> str:
    tms_code = TmsCode(int(code))
    return _tms_configured.get(tms_code) or translate(CTX, _TMS[tms_code])


def evidence(kind: EvidenceType | str) -> str:
    return translate(CTX, _EVIDENCE[EvidenceType(kind)])


def evidence_for(code: TmsCode | int) -> list[EvidenceType]:
    accepted = TmsCode(int(code)).evidence
    return [e for e in EVIDENCE_ORDER if e in accepted]


def keterangan(mark: str) -> str:
    """How a keterangan mark reads in the table: 'Sesuai', 'Ubah', 'Baru', 'TMS-1 Meninggal…'."""
    if mark == KETERANGAN_SESUAI:
        return translate("Labels", "✓ Sesuai")
    if mark == KETERANGAN_UBAH:
        return translate("Labels", "U Ubah")
    if mark == KETERANGAN_BARU:
        return translate("Labels", "B Baru")
    if mark.isdigit() and 1 <= int(mark) <= 8:
        return translate("Labels", "TMS-%1 %2").replace("%1", mark).replace("%2", tms(int(mark)))
    return translate("Labels", "Belum dicek")
