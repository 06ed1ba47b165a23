"""The officer's wording of domain findings. The domain gives every finding a stable code and an
English message; the desk words it by code (Indonesian here, English from lapang_en.ts), and
falls back to the domain's English message (never to the bare code) for a code this table does
not know yet."""

from __future__ import annotations

from desktop_app.ui import labels
from desktop_app.ui.qt import QT_TRANSLATE_NOOP, translate
from lapang_core.domain.findings import Finding

CTX = "Findings"

_BY_CODE = {
    # NIK / NKK structure (shared shape: area, date, serial)
    "nik.missing": QT_TRANSLATE_NOOP("Findings", "Isi NIK dari KTP-el atau KK."),
    "nik.length": QT_TRANSLATE_NOOP("Findings", "NIK harus tepat 16 angka; cocokkan dengan kartu."),
    "nik.digits": QT_TRANSLATE_NOOP(
        "Findings", "NIK hanya boleh berisi angka 0-9 (tanpa spasi, titik, huruf atau bintang)."
    ),
    "nik.day": QT_TRANSLATE_NOOP(
        "Findings",
        "Angka ke-7 dan ke-8 NIK (tanggal lahir) harus 01-31, atau 41-71 untuk perempuan.",
    ),
    "nik.month": QT_TRANSLATE_NOOP(
        "Findings", "Angka ke-9 dan ke-10 NIK (bulan lahir) harus 01-12."
    ),
    "nik.date": QT_TRANSLATE_NOOP(
        "Findings", "Angka ke-7 sampai ke-12 NIK bukan tanggal yang ada (misalnya 31 Februari)."
    ),
    "nik.serial": QT_TRANSLATE_NOOP("Findings", "Empat angka terakhir NIK tidak boleh 0000."),
    "nik.province_unknown": QT_TRANSLATE_NOOP(
        "Findings", "Dua angka pertama NIK bukan kode provinsi yang dikenal; periksa salah ketik."
    ),
    "nik.sex_mismatch": QT_TRANSLATE_NOOP(
        "Findings",
        "Jenis kelamin di NIK berbeda dengan yang dicatat (NIK perempuan: tanggal lahir + 40). "
        "Periksa KTP-el dan betulkan yang salah.",
    ),
    "nik.birth_date_mismatch": QT_TRANSLATE_NOOP(
        "Findings",
        "Tanggal lahir di NIK berbeda dengan tanggal lahir yang dicatat. NIK tidak pernah "
        "berubah, jadi betulkan tanggal lahir bila itu yang salah.",
    ),
    "nik.region_mismatch": QT_TRANSLATE_NOOP(
        "Findings",
        "NIK pertama kali terbit di kecamatan lain. Ini wajar setelah pindah atau pemekaran "
        "wilayah.",
    ),
    "nik.duplicate": QT_TRANSLATE_NOOP(
        "Findings", "NIK ini sudah ada di daftar; bila orangnya sama, tandai TMS-2 (ganda)."
    ),
    "nkk.missing": QT_TRANSLATE_NOOP("Findings", "Isi NKK dari bagian atas KK."),
    "nkk.length": QT_TRANSLATE_NOOP("Findings", "NKK harus tepat 16 angka; cocokkan dengan KK."),
    "nkk.digits": QT_TRANSLATE_NOOP("Findings", "NKK hanya boleh berisi angka 0-9."),
    "nkk.day": QT_TRANSLATE_NOOP(
        "Findings", "Angka ke-7 dan ke-8 NKK (tanggal terbit) tampak tidak wajar; periksa KK."
    ),
    "nkk.month": QT_TRANSLATE_NOOP(
        "Findings", "Angka ke-9 dan ke-10 NKK (bulan terbit) tampak tidak wajar; periksa KK."
    ),
    "nkk.date": QT_TRANSLATE_NOOP(
        "Findings", "Tanggal terbit di NKK bukan tanggal yang ada; periksa KK."
    ),
    "nkk.serial": QT_TRANSLATE_NOOP("Findings", "Empat angka terakhir NKK tampak tidak wajar."),
    "nkk.province_unknown": QT_TRANSLATE_NOOP(
        "Findings", "Dua angka pertama NKK bukan kode provinsi yang dikenal; periksa salah ketik."
    ),
    "nkk.region_mismatch": QT_TRANSLATE_NOOP(
        "Findings", "NKK diterbitkan di wilayah lain; wajar bila keluarga pindah."
    ),
    "nkk.same_as_nik": QT_TRANSLATE_NOOP(
        "Findings", "NKK sama dengan NIK; salin nomor dari bagian atas KK."
    ),
    # Elements
    "nama.missing": QT_TRANSLATE_NOOP("Findings", "Isi nama sesuai KTP-el atau KK."),
    "tempat_lahir.missing": QT_TRANSLATE_NOOP("Findings", "Isi tempat lahir."),
    "tanggal_lahir.missing": QT_TRANSLATE_NOOP(
        "Findings", "Isi tanggal lahir dari KTP-el atau KK: hak pilih bergantung padanya."
    ),
    "status_perkawinan.missing": QT_TRANSLATE_NOOP("Findings", "Pilih status perkawinan."),
    "jenis_kelamin.missing": QT_TRANSLATE_NOOP("Findings", "Pilih jenis kelamin."),
    "alamat.missing": QT_TRANSLATE_NOOP("Findings", "Isi alamat (jalan/dukuh)."),
    "rt.missing": QT_TRANSLATE_NOOP("Findings", "Isi RT."),
    "rw.missing": QT_TRANSLATE_NOOP("Findings", "Isi RW."),
    "status_ktp_el.missing": QT_TRANSLATE_NOOP("Findings", "Pilih status KTP-el."),
    "nama.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Nama berisi baris baru atau karakter kendali; ketik ulang dalam satu baris."
    ),
    "tempat_lahir.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Tempat lahir berisi baris baru atau karakter kendali; ketik ulang."
    ),
    "alamat.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Alamat berisi baris baru atau karakter kendali; ketik ulang."
    ),
    "tanggal_lahir.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT atau HHBBTTTT."
    ),
    "tanggal_lahir.after_election": QT_TRANSLATE_NOOP(
        "Findings", "Tanggal lahir sesudah hari pemungutan suara; cocokkan dengan KTP-el atau KK."
    ),
    "jenis_kelamin.invalid": QT_TRANSLATE_NOOP("Findings", "Jenis kelamin harus L atau P."),
    "status_perkawinan.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Status perkawinan harus B (belum), S (sudah) atau P (pernah kawin)."
    ),
    "rt.invalid": QT_TRANSLATE_NOOP("Findings", "RT harus angka, 1 sampai 3 digit."),
    "rw.invalid": QT_TRANSLATE_NOOP("Findings", "RW harus angka, 1 sampai 3 digit."),
    "disabilitas.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Disabilitas harus 0 (tidak ada) atau jenis 1 sampai 6."
    ),
    "status_ktp_el.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Status KTP-el harus S (sudah) atau B (belum memiliki)."
    ),
    "keterangan.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Keterangan harus ✓, U, B atau kode TMS 1-8."
    ),
    "tps_id.invalid": QT_TRANSLATE_NOOP(
        "Findings", "TPS harus kode desa ditambah nomor 3 angka, misalnya 61.11.02.2003.001."
    ),
    "dpid.present": QT_TRANSLATE_NOOP(
        "Findings",
        "Pemilih baru belum punya DPID. Bila orangnya sudah ada di daftar, catat ubah pada "
        "barisnya.",
    ),
    "tanggal_lahir.future": QT_TRANSLATE_NOOP(
        "Findings",
        "Tanggal lahir sesudah hari ini: tidak mungkin, apa pun status perkawinannya. Salin "
        "lagi dari KTP-el, KK atau akta kelahiran.",
    ),
    "eligibility.hak_pilih_dicabut": QT_TRANSLATE_NOOP(
        "Findings",
        "Hak pilih orang ini dicabut oleh putusan pengadilan: tidak dapat didaftar sebagai "
        "pemilih.",
    ),
    "eligibility.tni_polri_aktif": QT_TRANSLATE_NOOP(
        "Findings",
        "Anggota TNI/Polri aktif tidak memilih (TMS-6 TNI, TMS-7 Polri). Yang sudah berhenti "
        "didaftar dengan SK pemberhentian.",
    ),
    "status_tni_polri.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Status TNI/Polri harus kosong, aktif atau berhenti."
    ),
    "sk_pemberhentian.missing": QT_TRANSLATE_NOOP(
        "Findings",
        "Orang yang sudah berhenti dari TNI/Polri didaftar dengan SK pemberhentian: isi nomornya.",
    ),
    "sk_pemberhentian.invalid": QT_TRANSLATE_NOOP(
        "Findings", "Nomor SK berisi baris baru atau karakter kendali; ketik ulang."
    ),
    "hak_pilih_dicabut.invalid": QT_TRANSLATE_NOOP("Findings", "Isian ini harus ya atau tidak."),
    "eligibility.under_age": QT_TRANSLATE_NOOP(
        "Findings",
        "Belum 17 tahun pada hari pemungutan suara dan belum pernah kawin: tidak dapat memilih "
        "(TMS-3 di bawah umur).",
    ),
    # Ubah
    "changes.none": QT_TRANSLATE_NOOP(
        "Findings", "Tidak ada yang berbeda dari daftar; tandai Sesuai (✓), bukan Ubah."
    ),
    "changes.unknown_element": QT_TRANSLATE_NOOP(
        "Findings", "Hanya elemen Model A-Daftar Pemilih yang dapat diubah."
    ),
    # TMS
    "tms.code_invalid": QT_TRANSLATE_NOOP("Findings", "Pilih kode TMS 1 sampai 8."),
    "tms.evidence_missing": QT_TRANSLATE_NOOP(
        "Findings", "Pilih bukti yang dilihat untuk kode TMS ini."
    ),
    "tms.evidence_wrong_type": QT_TRANSLATE_NOOP(
        "Findings", "Bukti ini tidak diterima untuk kode TMS ini; pilih dari daftar."
    ),
    "tms.evidence_ref_missing": QT_TRANSLATE_NOOP("Findings", "Isi nomor atau keterangan bukti."),
    "tms.ganda_nik_invalid": QT_TRANSLATE_NOOP(
        "Findings", "NIK data lain tidak sah; periksa kembali."
    ),
    "tms.ganda_self": QT_TRANSLATE_NOOP(
        "Findings", "Data tidak bisa ganda dengan dirinya sendiri: isi NIK atau id data lain."
    ),
    "tms.target_tps_invalid": QT_TRANSLATE_NOOP("Findings", "Pilih TPS tujuan di desa yang sama."),
    "tms.current_tps_unknown": QT_TRANSLATE_NOOP(
        "Findings", "TPS pemilih saat ini tidak diketahui; TMS-8 tidak dapat diperiksa."
    ),
    "tms.target_tps_other_desa": QT_TRANSLATE_NOOP(
        "Findings",
        "TMS-8 hanya untuk TPS di desa yang sama; pemilih yang tinggal di desa lain adalah "
        "TMS-4 (pindah domisili).",
    ),
    "tms.under_age_married": QT_TRANSLATE_NOOP(
        "Findings",
        "TMS-3 hanya untuk yang belum 17 tahun dan belum pernah kawin. Menurut daftar orang ini "
        "sudah/pernah kawin, jadi boleh memilih berapa pun usianya. Bila status perkawinan "
        "salah, betulkan dulu dengan Ubah.",
    ),
    "tms.under_age_adult_by_record": QT_TRANSLATE_NOOP(
        "Findings",
        "Menurut tanggal lahir di daftar, orang ini sudah 17 tahun pada hari pemungutan suara: "
        "TMS-3 bertentangan dengan daftar. Tandai hanya bila dokumen yang dilihat menunjukkan "
        "tanggal lahir lain, dan betulkan juga tanggalnya dengan Ubah.",
    ),
    "tms.ganda_not_found": QT_TRANSLATE_NOOP(
        "Findings",
        "Tidak ada data lain dengan NIK atau id ini di daftar laptop ini. Mungkin ada di daftar "
        "desa lain; bila tidak, periksa nomornya.",
    ),
    "tms.ganda_other_tms": QT_TRANSLATE_NOOP(
        "Findings",
        "Data lain itu sendiri sudah ditandai TMS; bila yang ini juga ditandai, orangnya hilang "
        "dari daftar. TMS-2 menyebut data yang tetap.",
    ),
    "tms.attachment_required": QT_TRANSLATE_NOOP(
        "Findings",
        "Daftar tidak mendukung kode TMS ini: lampirkan foto atau pindaian bukti agar KPU "
        "melihat mengapa daftar salah.",
    ),
    "tms.target_tps_same": QT_TRANSLATE_NOOP(
        "Findings", "TPS tujuan sama dengan TPS sekarang; pilih TPS yang benar."
    ),
    "tms.move_needed": QT_TRANSLATE_NOOP(
        "Findings",
        "TMS-8 memindahkan pemilih ke TPS yang benar: catat sebagai pemindahan dengan TPS "
        "tujuannya, agar pemilih langsung ditambahkan di sana.",
    ),
    "tms8.moved_elsewhere": QT_TRANSLATE_NOOP(
        "Findings", "Pemilih yang dipindahkan harus ditambahkan di TPS tujuan TMS-8."
    ),
    "tms8.other_person": QT_TRANSLATE_NOOP(
        "Findings",
        "Pemilih yang dipindahkan dengan TMS-8 harus orang yang sama (NIK sama); orang lain "
        "didaftarkan sebagai pemilih baru.",
    ),
}


def finding_text(finding: Finding) -> str:
    """The officer-facing sentence for ``finding`` in the current language."""
    source = _BY_CODE.get(finding.code)
    if source is None:
        return finding.message
    translated = translate(CTX, source)
    # An English catalogue without this entry yet: the domain's own English, not Indonesian.
    if translated == source and _english():
        return finding.message
    return translated


def field_label(finding: Finding) -> str:
    return labels.element(finding.field) if finding.field else ""


def known_codes() -> frozenset[str]:
    return frozenset(_BY_CODE)


def _english() -> bool:
    from desktop_app.ui.i18n import current_language

    return current_language() == "en"
