"""What the recruitment form calls things, in Bahasa Indonesia (the source language; English comes
from the .ts files). The domain keeps stable codes; this is the one place that words them for an
officer at a village office: bodies, statements, documents, education, stages, and the findings of
the administrative check."""

from __future__ import annotations

import datetime as dt

from desktop_app.ui import finding_text as voter_findings
from desktop_app.ui.qt import QT_TRANSLATE_NOOP, translate
from lapang_core.domain.findings import Finding, Severity
from lapang_core.domain.recruitment import (
    DEFAULT_RULES,
    AdhocBody,
    Document,
    Pendidikan,
    RecruitmentRules,
    Statement,
)

CTX = "Recruitment"
FINDINGS_CTX = "RecruitmentFindings"

_BODIES = {
    AdhocBody.PPK: QT_TRANSLATE_NOOP("Recruitment", "PPK — Panitia Pemilihan Kecamatan"),
    AdhocBody.PPS: QT_TRANSLATE_NOOP("Recruitment", "PPS — Panitia Pemungutan Suara (desa)"),
    AdhocBody.KPPS: QT_TRANSLATE_NOOP(
        "Recruitment", "KPPS — Kelompok Penyelenggara Pemungutan Suara (TPS)"
    ),
    AdhocBody.PANTARLIH: QT_TRANSLATE_NOOP(
        "Recruitment", "Pantarlih — Petugas Pemutakhiran Data Pemilih (TPS)"
    ),
}
_BODY_SHORT = {
    AdhocBody.PPK: "PPK",
    AdhocBody.PPS: "PPS",
    AdhocBody.KPPS: "KPPS",
    AdhocBody.PANTARLIH: "Pantarlih",
}

# The surat pernyataan, in the words of PKPU 8/2022 Pasal 35 and the Pilkada 2024 additions.
_STATEMENTS = {
    Statement.WNI: QT_TRANSLATE_NOOP("Recruitment", "Warga Negara Indonesia"),
    Statement.SETIA_PANCASILA: QT_TRANSLATE_NOOP(
        "Recruitment", "Setia kepada Pancasila, UUD 1945, NKRI dan Bhinneka Tunggal Ika"
    ),
    Statement.BUKAN_ANGGOTA_PARTAI: QT_TRANSLATE_NOOP(
        "Recruitment",
        "Tidak menjadi anggota partai politik, atau sudah keluar paling singkat 5 tahun",
    ),
    Statement.TIDAK_PERNAH_DIPIDANA: QT_TRANSLATE_NOOP(
        "Recruitment",
        "Tidak pernah dipidana penjara karena tindak pidana yang diancam 5 tahun atau lebih",
    ),
    Statement.SEHAT_BEBAS_NARKOBA: QT_TRANSLATE_NOOP(
        "Recruitment", "Sehat jasmani, rohani, dan bebas penyalahgunaan narkotika"
    ),
    Statement.TIDAK_PERNAH_DIBERHENTIKAN: QT_TRANSLATE_NOOP(
        "Recruitment", "Tidak pernah diberhentikan tetap oleh KPU atau DKPP"
    ),
    Statement.BUKAN_TIM_KAMPANYE_SAKSI: QT_TRANSLATE_NOOP(
        "Recruitment", "Bukan tim kampanye atau saksi peserta pemilihan dalam 5 tahun terakhir"
    ),
    Statement.TIDAK_KOMORBID: QT_TRANSLATE_NOOP(
        "Recruitment", "Tidak memiliki penyakit penyerta (komorbid)"
    ),
    Statement.MAMPU_TEKNOLOGI: QT_TRANSLATE_NOOP(
        "Recruitment", "Mampu menggunakan perangkat teknologi informasi"
    ),
}

_DOCUMENTS = {
    Document.SURAT_PENDAFTARAN: QT_TRANSLATE_NOOP("Recruitment", "Surat pendaftaran"),
    Document.KTP_EL: QT_TRANSLATE_NOOP("Recruitment", "Fotokopi KTP-el"),
    Document.IJAZAH: QT_TRANSLATE_NOOP("Recruitment", "Fotokopi ijazah terakhir"),
    Document.SURAT_PERNYATAAN: QT_TRANSLATE_NOOP("Recruitment", "Surat pernyataan"),
    Document.SURAT_KETERANGAN_PARTAI: QT_TRANSLATE_NOOP(
        "Recruitment", "Surat keterangan dari partai politik"
    ),
    Document.SURAT_KETERANGAN_SEHAT: QT_TRANSLATE_NOOP("Recruitment", "Surat keterangan sehat"),
    Document.DAFTAR_RIWAYAT_HIDUP: QT_TRANSLATE_NOOP("Recruitment", "Daftar riwayat hidup"),
    Document.PAS_FOTO: QT_TRANSLATE_NOOP("Recruitment", "Pas foto 4×6"),
}

_PENDIDIKAN = {
    Pendidikan.SD: QT_TRANSLATE_NOOP("Recruitment", "SD/sederajat"),
    Pendidikan.SMP: QT_TRANSLATE_NOOP("Recruitment", "SMP/sederajat"),
    Pendidikan.SMA: QT_TRANSLATE_NOOP("Recruitment", "SMA/SMK/MA/Paket C"),
    Pendidikan.D1: QT_TRANSLATE_NOOP("Recruitment", "Diploma 1 (D1)"),
    Pendidikan.D2: QT_TRANSLATE_NOOP("Recruitment", "Diploma 2 (D2)"),
    Pendidikan.D3: QT_TRANSLATE_NOOP("Recruitment", "Diploma 3 (D3)"),
    Pendidikan.D4: QT_TRANSLATE_NOOP("Recruitment", "Diploma 4 (D4)"),
    Pendidikan.S1: QT_TRANSLATE_NOOP("Recruitment", "Sarjana (S1)"),
    Pendidikan.S2: QT_TRANSLATE_NOOP("Recruitment", "Magister (S2)"),
    Pendidikan.S3: QT_TRANSLATE_NOOP("Recruitment", "Doktor (S3)"),
}

_STATES = {
    "draft": QT_TRANSLATE_NOOP("Recruitment", "Draf"),
    "submitted": QT_TRANSLATE_NOOP("Recruitment", "Diterima"),
}
# A submitted application on its way to KPU (the outbox state of its submission).
_DELIVERY = {
    "pending": QT_TRANSLATE_NOOP("Recruitment", "Diterima · menunggu dikirim"),
    "sent": QT_TRANSLATE_NOOP("Recruitment", "Terkirim ke KPU"),
    "refused": QT_TRANSLATE_NOOP("Recruitment", "Ditolak KPU"),
}
_DELIVERY_SENTENCES = {
    "pending": QT_TRANSLATE_NOOP(
        "Recruitment",
        "Tersimpan dan menunggu dikirim ke KPU pada sinkronisasi berikutnya.",
    ),
    "sent": QT_TRANSLATE_NOOP("Recruitment", "Sudah diterima dan dikonfirmasi server KPU."),
    "refused": QT_TRANSLATE_NOOP(
        "Recruitment",
        "Ditolak server KPU; alasannya ada di Riwayat sinkronisasi (Ctrl+H).",
    ),
}

# Stages of PKPU 8/2022; outcomes arrive from KPU on pull (not yet in this version).
_STAGES = {
    "registration": QT_TRANSLATE_NOOP("Recruitment", "Pendaftaran"),
    "administrative_check": QT_TRANSLATE_NOOP("Recruitment", "Penelitian administrasi"),
    "written_test": QT_TRANSLATE_NOOP("Recruitment", "Tes tertulis (CAT)"),
    "public_input": QT_TRANSLATE_NOOP("Recruitment", "Tanggapan masyarakat"),
    "interview": QT_TRANSLATE_NOOP("Recruitment", "Wawancara"),
    "announcement": QT_TRANSLATE_NOOP("Recruitment", "Pengumuman"),
    "appointment": QT_TRANSLATE_NOOP("Recruitment", "Pelantikan"),
}
_STAGE_RESULTS = {
    "passed": QT_TRANSLATE_NOOP("Recruitment", "Lulus"),
    "failed": QT_TRANSLATE_NOOP("Recruitment", "Tidak lulus"),
    "reserve": QT_TRANSLATE_NOOP("Recruitment", "Cadangan"),
    "appointed": QT_TRANSLATE_NOOP("Recruitment", "Ditetapkan"),
}

_FIELDS = {
    "body": QT_TRANSLATE_NOOP("Recruitment", "Badan ad hoc"),
    "area": QT_TRANSLATE_NOOP("Recruitment", "Wilayah kerja"),
    "nik": QT_TRANSLATE_NOOP("Recruitment", "NIK"),
    "nama": QT_TRANSLATE_NOOP("Recruitment", "Nama lengkap"),
    "tempat_lahir": QT_TRANSLATE_NOOP("Recruitment", "Tempat lahir"),
    "tanggal_lahir": QT_TRANSLATE_NOOP("Recruitment", "Tanggal lahir"),
    "jenis_kelamin": QT_TRANSLATE_NOOP("Recruitment", "Jenis kelamin"),
    "alamat_ktp": QT_TRANSLATE_NOOP("Recruitment", "Alamat sesuai KTP-el"),
    "domisili_kode": QT_TRANSLATE_NOOP("Recruitment", "Domisili (desa/kelurahan)"),
    "pendidikan": QT_TRANSLATE_NOOP("Recruitment", "Pendidikan terakhir"),
    "pekerjaan": QT_TRANSLATE_NOOP("Recruitment", "Pekerjaan"),
    "telepon": QT_TRANSLATE_NOOP("Recruitment", "Nomor HP/telepon"),
    "email": QT_TRANSLATE_NOOP("Recruitment", "Email"),
    "kesehatan.sistolik": QT_TRANSLATE_NOOP("Recruitment", "Tekanan darah sistolik"),
    "kesehatan.diastolik": QT_TRANSLATE_NOOP("Recruitment", "Tekanan darah diastolik"),
    "kesehatan.gula_darah": QT_TRANSLATE_NOOP("Recruitment", "Gula darah"),
    "kesehatan.kolesterol": QT_TRANSLATE_NOOP("Recruitment", "Kolesterol"),
    "tanggal_keluar_partai": QT_TRANSLATE_NOOP("Recruitment", "Tanggal keluar dari partai"),
}

_FINDINGS = {
    "area.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Pilih wilayah kerja badan yang dilamar."
    ),
    "area.invalid": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Wilayah kerja tidak cocok dengan tingkat badan ini; pilih lagi."
    ),
    "area.outside_device": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Wilayah kerja ini di luar wilayah tugas laptop ini; KPU akan menolak pendaftarannya. "
        "Pilih wilayah kerja di wilayah laptop ini.",
    ),
    "tanggal_lahir.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Isi tanggal lahir dari KTP-el: usia dihitung darinya."
    ),
    "tanggal_lahir.invalid": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT atau HHBBTTTT.",
    ),
    "tanggal_lahir.future": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Tanggal lahir sesudah hari ini: tidak mungkin. Salin lagi dari KTP-el.",
    ),
    "tanggal_keluar_partai.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Isi tanggal keluar dari partai sesuai surat keterangan partai: mantan anggota harus "
        "sudah keluar paling singkat 5 tahun.",
    ),
    "tanggal_keluar_partai.invalid": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Tanggal keluar dari partai harus tanggal yang ada, HH-BB-TTTT."
    ),
    "party.left_date_future": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Tanggal keluar dari partai sesudah tanggal pendaftaran: anggota partai tidak dapat "
        "mendaftar.",
    ),
    "party.cooloff": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Keluar dari partai kurang dari %1 tahun sebelum tanggal pendaftaran (PKPU 8/2022 "
        "Pasal 35); pendaftaran tidak dapat diterima.",
    ),
    "age.below_minimum": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Pelamar belum berusia %1 tahun pada hari pemungutan suara (%2); pendaftaran tidak "
        "dapat diterima.",
    ),
    "age.above_preferred": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Usia lebih dari %1 tahun pada hari pemungutan suara. Boleh diterima, tetapi pelamar "
        "yang lebih muda diutamakan bila jumlahnya cukup.",
    ),
    "alamat_ktp.missing": QT_TRANSLATE_NOOP("RecruitmentFindings", "Isi alamat sesuai KTP-el."),
    "pekerjaan.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", 'Isi pekerjaan (tulis "tidak bekerja" bila tidak bekerja).'
    ),
    "pendidikan.invalid": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Pilih pendidikan terakhir yang sudah tamat."
    ),
    "pendidikan.below_minimum": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Pendidikan paling rendah SMA atau sederajat; pendaftaran tidak dapat diterima.",
    ),
    "domisili_kode.invalid": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Pilih desa/kelurahan tempat pelamar tinggal."
    ),
    "domicile.outside_area": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Pelamar harus berdomisili di wilayah kerja badan yang dilamar.",
    ),
    "telepon.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Tanpa nomor HP: sepakati cara lain untuk menghubungi pelamar.",
    ),
    "telepon.invalid": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Nomor HP/telepon harus 8 sampai 15 angka."
    ),
    "email.invalid": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Alamat email tidak sah; kosongkan bila tidak ada."
    ),
    "statement.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Centang setelah pelamar menandatangani pernyataan ini di surat pernyataan.",
    ),
    "document.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Belum diterima. Pendaftaran tetap dapat dikirim; tanda terima mencatat kekurangannya.",
    ),
    "health.missing": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "Salin nilai ini dari surat keterangan sehat."
    ),
    "health.above_limit": QT_TRANSLATE_NOOP(
        "RecruitmentFindings",
        "Di atas batas umum; panitia mempertimbangkannya (surat dokter yang menentukan).",
    ),
    "application.duplicate_nik": QT_TRANSLATE_NOOP(
        "RecruitmentFindings", "NIK ini sudah punya pendaftaran lain di laptop ini: %1."
    ),
}


def _t(text: str) -> str:
    return translate(CTX, text)


def body_label(body: AdhocBody) -> str:
    return _t(_BODIES[body])


def body_short(body: AdhocBody) -> str:
    return _BODY_SHORT[body]


def statement(item: Statement) -> str:
    return _t(_STATEMENTS[item])


def document(item: Document | str) -> str:
    return _t(_DOCUMENTS[Document(item)])


def pendidikan(level: Pendidikan) -> str:
    return _t(_PENDIDIKAN[level])


def state(value: str) -> str:
    return _t(_STATES[value]) if value in _STATES else value


def submitted_state(delivery: str | None) -> str:
    """The list's status of a submitted application: queued, confirmed by KPU, or refused."""
    return _t(_DELIVERY[delivery]) if delivery in _DELIVERY else state("submitted")


def delivery_sentence(delivery: str | None) -> str:
    return _t(_DELIVERY_SENTENCES.get(delivery or "pending", _DELIVERY_SENTENCES["pending"]))


def stage(value: str | None) -> str:
    if not value:
        return ""
    return _t(_STAGES[value]) if value in _STAGES else value


def stage_result(value: str | None) -> str:
    if not value:
        return ""
    return _t(_STAGE_RESULTS[value]) if value in _STAGE_RESULTS else value


def field_label(field: str) -> str:
    if field in _FIELDS:
        return _t(_FIELDS[field])
    if field.startswith("statements."):
        return statement(Statement(field.removeprefix("statements.")))
    if field.startswith("documents."):
        return document(field.removeprefix("documents."))
    return field


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def finding_text(
    finding: Finding,
    election_date: dt.date | None,
    detail: str = "",
    rules: RecruitmentRules = DEFAULT_RULES,
) -> str:
    """The officer's sentence for a finding of the administrative check. ``detail`` fills the
    duplicate warning (which other application holds the NIK); ``rules`` are the election's
    (domain.election_rules), whose numbers the sentences quote."""
    source = _FINDINGS.get(finding.code)
    if source is None:
        # NIK structure and the shared identity codes are worded once, for the voter forms.
        return voter_findings.finding_text(finding)
    text = translate(FINDINGS_CTX, source)
    if text == source and _english():
        return finding.message
    if finding.code == "age.below_minimum":
        return text.replace("%1", str(rules.min_age)).replace("%2", format_date(election_date))
    if finding.code == "age.above_preferred":
        return text.replace("%1", str(rules.preferred_max_age))
    if finding.code == "party.cooloff":
        return text.replace("%1", str(rules.party_cooloff_years))
    return text.replace("%1", detail)


def finding_text_for_code(code: str, election_date: dt.date | None) -> str:
    """The wording of a code this module knows (for findings the GUI makes itself)."""
    return finding_text(Finding(code, "", code, Severity.ERROR), election_date)


def known_codes() -> frozenset[str]:
    return frozenset(_FINDINGS)


def _english() -> bool:
    from desktop_app.ui.i18n import current_language

    return current_language() == "en"
