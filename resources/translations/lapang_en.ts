<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="74"/>
        <source>Identitas pelamar (sesuai KTP-el)</source>
        <translation>Applicant&apos;s identity (as on the KTP-el)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="77"/>
        <source>Isi dari NIK</source>
        <translation>Fill from NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="80"/>
        <source>Isi tanggal lahir dan jenis kelamin dari NIK (periksa dengan KTP-el)</source>
        <translation>Fill date of birth and sex from the NIK (check against the KTP-el)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="84"/>
        <source>16 angka dari KTP-el</source>
        <translation>16 digits from the KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="88"/>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="93"/>
        <source>jalan/dusun, RT/RW</source>
        <translation>street/hamlet, RT/RW</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="94"/>
        <source>ketik nama atau kode desa/kelurahan</source>
        <translation>type a village name or code</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="99"/>
        <source>08…</source>
        <translation>08…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="100"/>
        <source>tidak wajib</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="116"/>
        <source>Pelamar harus tinggal di wilayah kerja badan yang dilamar.</source>
        <translation>The applicant must live in the working area of the body applied for.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="122"/>
        <source>Hasil pemeriksaan kesehatan (dari surat keterangan sehat)</source>
        <translation>Health check results (from the health certificate)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="139"/>
        <source>Tekanan darah:</source>
        <translation>Blood pressure:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="353"/>
        <source>NIK memuat tanggal lahir dan jenis kelamin (tanggal + 40 untuk perempuan); isinya tampil di sini untuk dicocokkan.</source>
        <translation>The NIK holds the birth date and sex (day + 40 for women); they show here to compare.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="362"/>
        <source> atau </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="363"/>
        <source>(tanggal tidak wajar untuk pelamar)</source>
        <translation>(not a plausible date for an applicant)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="366"/>
        <source>Menurut NIK: lahir %1 · %2</source>
        <translation>According to the NIK: born %1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="391"/>
        <source>Usia dihitung pada hari pemungutan suara, %1.</source>
        <translation>Age is counted on election day, %1.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="397"/>
        <source>Usia pada hari pemungutan suara (%1): %2 tahun</source>
        <translation>Age on election day (%1): %2 years</translation>
    </message>
</context>
<context>
    <name>ApplicationListModel</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="27"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="28"/>
        <source>Badan</source>
        <translation>Body</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="29"/>
        <source>Wilayah kerja</source>
        <translation>Working area</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="30"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="31"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="32"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="33"/>
        <source>Tahap</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="34"/>
        <source>Hasil tahap</source>
        <translation>Stage result</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="35"/>
        <source>Dokumen kurang</source>
        <translation>Missing documents</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="36"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="37"/>
        <source>Diperbarui</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="118"/>
        <source>NIK ganda</source>
        <translation>Duplicate NIK</translation>
    </message>
</context>
<context>
    <name>ApplicationListPage</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="47"/>
        <source>Semua badan</source>
        <translation>All bodies</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="50"/>
        <source>semua wilayah</source>
        <translation>all areas</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="54"/>
        <source>Semua status</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="59"/>
        <source>cari nama, NIK atau nomor</source>
        <translation>search name, NIK or number</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="63"/>
        <source>Badan:</source>
        <translation>Body:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="64"/>
        <source>Wilayah:</source>
        <translation>Area:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="65"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="92"/>
        <source>Pendaftaran &amp;baru  [Ctrl+N]</source>
        <translation>&amp;New application  [Ctrl+N]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="94"/>
        <source>&amp;Buka / lanjutkan  [Enter]</source>
        <translation>&amp;Open / continue  [Enter]</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="142"/>
        <source>%n draf belum dikirim (tersimpan otomatis). Pilih lalu tekan Enter untuk melanjutkan.</source>
        <translation>
            <numerusform>%n draft not submitted yet (saved automatically). Select it and press Enter to continue.</numerusform>
            <numerusform>%n drafts not submitted yet (saved automatically). Select one and press Enter to continue.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="188"/>
        <source>Belum ada pendaftaran di laptop ini. Tekan Ctrl+N untuk mulai.</source>
        <translation>No applications on this laptop yet. Press Ctrl+N to start.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="191"/>
        <source>Tidak ada pendaftaran yang cocok dengan saringan.</source>
        <translation>No application matches the filters.</translation>
    </message>
</context>
<context>
    <name>ApplicationPage</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="84"/>
        <source>ketik nama atau kode wilayah</source>
        <translation>type an area name or code</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="87"/>
        <source>Badan yang dilamar</source>
        <translation>Body applied for</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="89"/>
        <source>&amp;Badan ad hoc:</source>
        <translation>Ad hoc &amp;body:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="91"/>
        <source>&amp;Wilayah kerja:</source>
        <translation>&amp;Working area:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="113"/>
        <source>← Daftar pendaftaran</source>
        <translation>← Applications</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="115"/>
        <source>&amp;Kirim pendaftaran  [Ctrl+Enter]</source>
        <translation>&amp;Submit application  [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="190"/>
        <source>Belum ada TPS di laptop ini. Muat daftar pemilih atau data TPS, atau ketik kode TPS (kode desa + 3 angka).</source>
        <translation>No TPS on this laptop yet. Load the voter list or the TPS data, or type a TPS code (village code + 3 digits).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="289"/>
        <source>Menyimpan draf…</source>
        <translation>Saving draft…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="291"/>
        <source>Perubahan belum tersimpan</source>
        <translation>Changes not saved yet</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="293"/>
        <source>✓ Draf tersimpan %1 — aman bila listrik padam</source>
        <translation>✓ Draft saved %1 — safe if the power fails</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="297"/>
        <source>Draf tersimpan otomatis saat Anda mengetik.</source>
        <translation>The draft saves itself as you type.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="303"/>
        <source>Pilih pindaian atau foto: %1</source>
        <translation>Choose a scan or photo: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="308"/>
        <source>Pindaian atau foto (%1)</source>
        <translation>Scans or photos (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="345"/>
        <source>Pendaftaran belum dapat dikirim: betulkan isian bertanda merah.</source>
        <translation>The application cannot be submitted yet: correct the fields marked in red.</translation>
    </message>
</context>
<context>
    <name>AreaSelector</name>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="50"/>
        <source>Wilayah dan TPS</source>
        <translation>Areas and TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="51"/>
        <source>&amp;Wilayah dan TPS</source>
        <translation>&amp;Areas and TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="75"/>
        <source>Semua wilayah (%1)</source>
        <translation>All areas (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="94"/>
        <source>TPS %1 · %2</source>
        <translation>TPS %1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="135"/>
        <source>Semua wilayah</source>
        <translation>All areas</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="141"/>
        <source>TPS %1, %2</source>
        <translation>TPS %1, %2</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="17"/>
        <source>Petugas: %1</source>
        <translation>Officer: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="26"/>
        <source>Luring</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="30"/>
        <source>Sinkronisasi belum tersedia di versi ini; semua perubahan tersimpan di laptop dan menunggu dikirim.</source>
        <translation>Sync is not available in this version yet; every change is saved on this laptop and waits to be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="59"/>
        <source>Menunggu dikirim: %1</source>
        <translation>Waiting to send: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="62"/>
        <source>Terkirim: %1</source>
        <translation>Sent: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="65"/>
        <source>Ditolak: %1</source>
        <translation>Refused: %1</translation>
    </message>
</context>
<context>
    <name>DeskView</name>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="53"/>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="54"/>
        <source>✓ &amp;Sesuai  [S]</source>
        <translation>✓ &amp;Correct  [S]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="55"/>
        <source>&amp;Ubah…  [U]</source>
        <translation>&amp;Update…  [U]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="56"/>
        <source>&amp;TMS…  [T]</source>
        <translation>&amp;TMS…  [T]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="57"/>
        <source>&amp;Pulihkan  [P]</source>
        <translation>&amp;Restore  [P]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="59"/>
        <source>Tambah pemilih &amp;baru…  [Ctrl+N]</source>
        <translation>Add &amp;new voter…  [Ctrl+N]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="62"/>
        <source>Pendaftaran badan ad hoc…  [Ctrl+R]</source>
        <translation>Ad hoc body applications…  [Ctrl+R]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="64"/>
        <source>Muat ulang  [F5]</source>
        <translation>Reload  [F5]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="66"/>
        <source>&amp;Kunci  [Ctrl+L]</source>
        <translation>&amp;Lock  [Ctrl+L]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="69"/>
        <source>Pengaturan…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="71"/>
        <source>Data sama dengan dokumen: tandai sesuai (S)</source>
        <translation>The data matches the documents: mark as correct (S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="72"/>
        <source>Tidak memenuhi syarat: kode 1-8 dengan bukti (T)</source>
        <translation>Not eligible: code 1-8 with evidence (T)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="208"/>
        <source>Tanda TMS dicabut; pemilih kembali belum dicek.</source>
        <translation>TMS mark removed; the voter is unchecked again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="231"/>
        <source>TMS-8 dicatat; pemilih ditambahkan sebagai pemilih baru di TPS tujuan.</source>
        <translation>TMS-8 recorded; the voter was added as a new voter at the right TPS.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="249"/>
        <source>Pemilih baru disimpan dan menunggu dikirim ke KPU.</source>
        <translation>New voter saved; waiting to be sent to KPU.</translation>
    </message>
</context>
<context>
    <name>DocumentsSection</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="27"/>
        <source>Dokumen persyaratan</source>
        <translation>Required documents</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="37"/>
        <source>Centang dokumen yang diserahkan. Lampirkan pindaian atau foto bila ada (JPEG, PNG atau PDF, paling besar 10 MB).</source>
        <translation>Tick the documents handed in. Attach a scan or photo if there is one (JPEG, PNG or PDF, at most 10 MB).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="52"/>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="120"/>
        <source>Lampirkan…</source>
        <translation>Attach…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="55"/>
        <source>Lampirkan berkas %1</source>
        <translation>Attach file %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="111"/>
        <source>✓ berkas terlampir: %1</source>
        <translation>✓ file attached: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="113"/>
        <source>✓ berkas terlampir</source>
        <translation>✓ file attached</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="116"/>
        <source>Ganti berkas…</source>
        <translation>Replace file…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="118"/>
        <source>diterima (kertas)</source>
        <translation>received (paper)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="122"/>
        <source>belum diterima</source>
        <translation>not received</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="15"/>
        <source>Isi NIK dari KTP-el atau KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="16"/>
        <source>NIK harus tepat 16 angka; cocokkan dengan kartu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="17"/>
        <source>NIK hanya boleh berisi angka 0-9 (tanpa spasi, titik, huruf atau bintang).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="20"/>
        <source>Angka ke-7 dan ke-8 NIK (tanggal lahir) harus 01-31, atau 41-71 untuk perempuan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="24"/>
        <source>Angka ke-9 dan ke-10 NIK (bulan lahir) harus 01-12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="27"/>
        <source>Angka ke-7 sampai ke-12 NIK bukan tanggal yang ada (misalnya 31 Februari).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="30"/>
        <source>Empat angka terakhir NIK tidak boleh 0000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="31"/>
        <source>Dua angka pertama NIK bukan kode provinsi yang dikenal; periksa salah ketik.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="34"/>
        <source>Jenis kelamin di NIK berbeda dengan yang dicatat (NIK perempuan: tanggal lahir + 40). Periksa KTP-el dan betulkan yang salah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="39"/>
        <source>Tanggal lahir di NIK berbeda dengan tanggal lahir yang dicatat. NIK tidak pernah berubah, jadi betulkan tanggal lahir bila itu yang salah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="44"/>
        <source>NIK pertama kali terbit di kecamatan lain. Ini wajar setelah pindah atau pemekaran wilayah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="49"/>
        <source>NIK ini sudah ada di daftar; bila orangnya sama, tandai TMS-2 (ganda).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="52"/>
        <source>Isi NKK dari bagian atas KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="53"/>
        <source>NKK harus tepat 16 angka; cocokkan dengan KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="54"/>
        <source>NKK hanya boleh berisi angka 0-9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="55"/>
        <source>Angka ke-7 dan ke-8 NKK (tanggal terbit) tampak tidak wajar; periksa KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="58"/>
        <source>Angka ke-9 dan ke-10 NKK (bulan terbit) tampak tidak wajar; periksa KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="61"/>
        <source>Tanggal terbit di NKK bukan tanggal yang ada; periksa KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="64"/>
        <source>Empat angka terakhir NKK tampak tidak wajar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="65"/>
        <source>Dua angka pertama NKK bukan kode provinsi yang dikenal; periksa salah ketik.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="68"/>
        <source>NKK diterbitkan di wilayah lain; wajar bila keluarga pindah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="71"/>
        <source>NKK sama dengan NIK; salin nomor dari bagian atas KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="75"/>
        <source>Isi nama sesuai KTP-el atau KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="76"/>
        <source>Isi tempat lahir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="77"/>
        <source>Isi tanggal lahir dari KTP-el atau KK: hak pilih bergantung padanya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="80"/>
        <source>Pilih status perkawinan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="81"/>
        <source>Pilih jenis kelamin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="82"/>
        <source>Isi alamat (jalan/dukuh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="83"/>
        <source>Isi RT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="84"/>
        <source>Isi RW.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="85"/>
        <source>Pilih status KTP-el.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="86"/>
        <source>Nama berisi baris baru atau karakter kendali; ketik ulang dalam satu baris.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="89"/>
        <source>Tempat lahir berisi baris baru atau karakter kendali; ketik ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="92"/>
        <source>Alamat berisi baris baru atau karakter kendali; ketik ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="95"/>
        <source>Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT.</source>
        <translation type="unfinished">The date of birth must be a real date, written DD-MM-YYYY.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="98"/>
        <source>Tanggal lahir sesudah hari pemungutan suara; cocokkan dengan KTP-el atau KK.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="101"/>
        <source>Jenis kelamin harus L atau P.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="102"/>
        <source>Status perkawinan harus B (belum), S (sudah) atau P (pernah kawin).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="105"/>
        <source>RT harus angka, 1 sampai 3 digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="106"/>
        <source>RW harus angka, 1 sampai 3 digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="107"/>
        <source>Disabilitas harus 0 (tidak ada) atau jenis 1 sampai 6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="110"/>
        <source>Status KTP-el harus S (sudah) atau B (belum memiliki).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="113"/>
        <source>Keterangan harus ✓, U, B atau kode TMS 1-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="116"/>
        <source>TPS harus kode desa ditambah nomor 3 angka, misalnya 61.11.02.2003.001.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="119"/>
        <source>Pemilih baru belum punya DPID. Bila orangnya sudah ada di daftar, catat ubah pada barisnya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="124"/>
        <source>Belum 17 tahun pada hari pemungutan suara dan belum pernah kawin: tidak dapat memilih (TMS-3 di bawah umur).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="130"/>
        <source>Tidak ada yang berbeda dari daftar; tandai Sesuai (✓), bukan Ubah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="133"/>
        <source>Hanya elemen Model A-Daftar Pemilih yang dapat diubah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="137"/>
        <source>Pilih kode TMS 1 sampai 8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="138"/>
        <source>Pilih bukti yang dilihat untuk kode TMS ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="141"/>
        <source>Bukti ini tidak diterima untuk kode TMS ini; pilih dari daftar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="144"/>
        <source>Isi nomor atau keterangan bukti.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="145"/>
        <source>NIK data lain tidak sah; periksa kembali.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="148"/>
        <source>Data tidak bisa ganda dengan dirinya sendiri: isi NIK atau id data lain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="151"/>
        <source>Pilih TPS tujuan di desa yang sama.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="152"/>
        <source>TPS pemilih saat ini tidak diketahui; TMS-8 tidak dapat diperiksa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="155"/>
        <source>TMS-8 hanya untuk TPS di desa yang sama; pemilih yang tinggal di desa lain adalah TMS-4 (pindah domisili).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="160"/>
        <source>TPS tujuan sama dengan TPS sekarang; pilih TPS yang benar.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="57"/>
        <source>Selamat datang di Lapang</source>
        <translation>Welcome to Lapang</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="71"/>
        <source>Laptop ini belum menyimpan data Lapang. Data pemilih akan disimpan terenkripsi; hanya petugas dengan frasa sandi yang dapat membukanya.</source>
        <translation>This laptop holds no Lapang data yet. Voter data will be stored encrypted; only officers with a passphrase can open it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="76"/>
        <source>&amp;Buat data baru untuk petugas di laptop ini</source>
        <translation>&amp;Create new data for an officer on this laptop</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="78"/>
        <source>Daftar dengan &amp;kode dari KPU</source>
        <translation>Enrol with a &amp;code from KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="82"/>
        <source>Pendaftaran dengan kode KPU memerlukan modul sinkronisasi, yang belum tersedia di versi ini.</source>
        <translation>Enrolling with a KPU code needs the sync module, which is not available in this version yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="90"/>
        <source>Mode &amp;demo (data contoh, bukan data asli)</source>
        <translation>&amp;Demo mode (sample data, not real data)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="96"/>
        <source>&amp;Lanjut</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="124"/>
        <source>Pilih frasa sandi paling sedikit %1 karakter — satu kalimat pendek mudah diingat dan sulit ditebak. Bila lupa, hanya TI KPU yang dapat memulihkan data dengan kunci pemulihan.</source>
        <translation>Choose a passphrase of at least %1 characters — a short sentence is easy to remember and hard to guess. If it is forgotten, only KPU IT can recover the data with the recovery key.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="145"/>
        <source>&amp;Buat dan buka</source>
        <translation>&amp;Create and open</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="148"/>
        <source>&amp;Kembali</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="151"/>
        <source>Nama &amp;petugas:</source>
        <translation>Officer &amp;name:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="152"/>
        <source>&amp;Frasa sandi:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="154"/>
        <source>&amp;Ulangi frasa sandi:</source>
        <translation>&amp;Repeat passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="176"/>
        <source>Kekuatan: —</source>
        <translation>Strength: —</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="180"/>
        <source>lemah</source>
        <translation>weak</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="180"/>
        <source>cukup</source>
        <translation>fair</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="180"/>
        <source>kuat</source>
        <translation>strong</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="182"/>
        <source>Kekuatan: %1</source>
        <translation>Strength: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="188"/>
        <source>Isi nama petugas.</source>
        <translation>Enter the officer&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="192"/>
        <source>Kedua frasa sandi berbeda; ketik ulang.</source>
        <translation>The two passphrases differ; type them again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="220"/>
        <source>Membuat data demo: %1 pemilih rekaan di beberapa desa contoh. Semua orang di sini fiktif.
Untuk membuka lagi nanti: petugas &quot;%2&quot;, frasa sandi &quot;%3&quot;.</source>
        <translation>Creating demo data: %1 invented voters in a few sample villages. Everyone here is fictional.
To open it again later: officer &quot;%2&quot;, passphrase &quot;%3&quot;.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="242"/>
        <source>Menyiapkan data…</source>
        <translation>Preparing data…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="16"/>
        <source>NKK</source>
        <translation>NKK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="17"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="18"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="19"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="20"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="21"/>
        <source>Status perkawinan</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="22"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="23"/>
        <source>Alamat (jalan/dukuh)</source>
        <translation>Address (street/hamlet)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="24"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="25"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="26"/>
        <source>Disabilitas</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="27"/>
        <source>KTP-el</source>
        <translation>KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="28"/>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="29"/>
        <source>Keterangan</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="33"/>
        <source>Belum kawin</source>
        <translation>Never married</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="34"/>
        <source>Sudah kawin</source>
        <translation>Married</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="35"/>
        <source>Pernah kawin</source>
        <translation>Previously married</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="38"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="39"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="42"/>
        <source>Sudah memiliki KTP-el</source>
        <translation>Has a KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="43"/>
        <source>Belum memiliki KTP-el</source>
        <translation>No KTP-el yet</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="46"/>
        <source>Tidak ada</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="47"/>
        <source>Fisik</source>
        <translation>Physical</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="48"/>
        <source>Intelektual</source>
        <translation>Intellectual</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="49"/>
        <source>Mental</source>
        <translation>Mental</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="50"/>
        <source>Sensorik wicara</source>
        <translation>Sensory (speech)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="51"/>
        <source>Sensorik rungu</source>
        <translation>Sensory (hearing)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="52"/>
        <source>Sensorik netra</source>
        <translation>Sensory (sight)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="58"/>
        <source>Meninggal dunia</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="59"/>
        <source>Ganda</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="60"/>
        <source>Di bawah umur</source>
        <translation>Under age</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="61"/>
        <source>Pindah domisili</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="62"/>
        <source>Tidak dikenal</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="63"/>
        <source>TNI</source>
        <translation>TNI (military)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="64"/>
        <source>Polri</source>
        <translation>Polri (police)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="65"/>
        <source>Salah penempatan TPS</source>
        <translation>Wrong TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="69"/>
        <source>Surat keterangan kematian</source>
        <translation>Death certificate letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="72"/>
        <source>Akta kematian</source>
        <translation>Death certificate</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="73"/>
        <source>Surat RT/desa</source>
        <translation>RT/village letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="74"/>
        <source>Pernyataan keluarga</source>
        <translation>Family statement</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="75"/>
        <source>Data ganda (NIK/id data lain)</source>
        <translation>Duplicate record (other record&apos;s NIK/id)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="76"/>
        <source>Dokumen tanggal lahir (KTP-el, KK, akta)</source>
        <translation>Birth-date document (KTP-el, KK, birth certificate)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="79"/>
        <source>KK baru</source>
        <translation>New KK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="80"/>
        <source>KTP-el baru</source>
        <translation>New KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="81"/>
        <source>SKPWNI</source>
        <translation>SKPWNI (moving certificate)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="82"/>
        <source>Surat pernyataan</source>
        <translation>Statement</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="83"/>
        <source>Kartu tanda anggota (KTA)</source>
        <translation>Membership card (KTA)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="84"/>
        <source>TPS tujuan</source>
        <translation>Target TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="116"/>
        <source>✓ Sesuai</source>
        <translation>✓ Correct</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="118"/>
        <source>U Ubah</source>
        <translation>U Updated</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="120"/>
        <source>B Baru</source>
        <translation>B New</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="122"/>
        <source>TMS-%1 %2</source>
        <translation>TMS-%1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="123"/>
        <source>Belum dicek</source>
        <translation>Not checked</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="52"/>
        <location filename="../../desktop_app/ui/app.py" line="132"/>
        <source>Lapang — Meja Lapangan</source>
        <translation>Lapang — Field Desk</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="109"/>
        <source>Lapang — %1</source>
        <translation>Lapang — %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="111"/>
        <source> (DEMO: data rekaan)</source>
        <translation> (DEMO: invented data)</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="17"/>
        <source>Frasa sandi salah. Periksa Caps Lock dan coba lagi.</source>
        <translation>Wrong passphrase. Check Caps Lock and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="20"/>
        <source>Terlalu banyak percobaan salah. Tunggu %1 detik lalu coba lagi.</source>
        <translation>Too many wrong attempts. Wait %1 seconds, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="24"/>
        <source>Data di laptop ini rusak atau tidak lengkap, dan tidak diubah. Jangan hapus apa pun; hubungi TI KPU untuk pemulihan dengan kunci pemulihan.</source>
        <translation>The data on this laptop is damaged or incomplete, and was not changed. Do not delete anything; contact KPU IT to recover it with the recovery key.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="30"/>
        <source>Belum ada data Lapang di folder ini.</source>
        <translation>There is no Lapang data in this folder yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="32"/>
        <source>Sudah ada data Lapang di folder ini; data itu tidak diubah. Buka kuncinya.</source>
        <translation>This folder already holds Lapang data; it was not changed. Unlock it instead.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="36"/>
        <source>Frasa sandi terlalu lemah: paling sedikit 8 karakter dan tidak berulang-ulang. Satu kalimat pendek mudah diingat dan sulit ditebak.</source>
        <translation>The passphrase is too weak: at least 8 characters, not too repetitive. A short sentence is easy to remember and hard to guess.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="42"/>
        <source>Isi nama petugas.</source>
        <translation>Enter the officer&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="44"/>
        <source>Data ini dibuat oleh Lapang versi yang lebih baru, atau pembaruan gagal. Data tidak diubah; pasang versi terbaru atau hubungi TI KPU.</source>
        <translation>This data was written by a newer Lapang, or the upgrade failed. The data was not changed; install the latest version or contact KPU IT.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="50"/>
        <source>Pemilih ini tidak ada lagi di data laptop ini; muat ulang daftar.</source>
        <translation>This voter is no longer in this laptop&apos;s data; reload the list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="58"/>
        <source>Data ditolak: %1</source>
        <translation>Refused: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="61"/>
        <source>Bukti harus foto JPEG/PNG atau pindaian PDF.</source>
        <translation>Evidence must be a JPEG/PNG photo or a PDF scan.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="63"/>
        <source>Berkas bukti %1 MB; batasnya 10 MB. Ambil foto dengan resolusi lebih kecil.</source>
        <translation>The evidence file is %1 MB; the limit is 10 MB. Take the photo at a lower resolution.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="68"/>
        <source>Berkas bukti kosong; pilih berkas lain.</source>
        <translation>The evidence file is empty; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="69"/>
        <source>Berkas bukti tidak dapat dibaca; pilih berkas lain.</source>
        <translation>The evidence file cannot be read; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="71"/>
        <source>Aplikasi terkunci; buka kunci terlebih dahulu.</source>
        <translation>The desk is locked; unlock it first.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="73"/>
        <source>Tidak dapat disimpan: %1</source>
        <translation>Could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="75"/>
        <source>Berkas tidak dapat dibaca atau ditulis: %1</source>
        <translation>The file cannot be read or written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="78"/>
        <source>Terjadi kesalahan tak terduga (%1). Data yang sudah disimpan aman.</source>
        <translation>An unexpected error occurred (%1). Data already saved is safe.</translation>
    </message>
</context>
<context>
    <name>NewVoterDialog</name>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="47"/>
        <source>Tambah pemilih baru</source>
        <translation>Add a new voter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="52"/>
        <source>Orang yang memenuhi syarat tetapi belum ada di daftar. Semua elemen wajib diisi dari KTP-el, KK atau biodata.</source>
        <translation>A qualified person who is not on the list yet. Fill every element from the KTP-el, KK or biodata.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="61"/>
        <source>TPS %1 (%2)</source>
        <translation>TPS %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="69"/>
        <source>&amp;TPS:</source>
        <translation>&amp;TPS:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="121"/>
        <source>%n isian belum benar atau belum diisi.</source>
        <translation>
            <numerusform>%n field is wrong or empty.</numerusform>
            <numerusform>%n fields are wrong or empty.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="126"/>
        <source>Ada %n peringatan. Periksa, lalu Simpan bila data sudah benar.</source>
        <translation>
            <numerusform>%n warning. Check it, then Save if the data is right.</numerusform>
            <numerusform>%n warnings. Check them, then Save if the data is right.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="133"/>
        <source>Semua isian lengkap.</source>
        <translation>Every field is complete.</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="57"/>
        <source>&amp;Cetak tanda terima…</source>
        <translation>&amp;Print receipt…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="59"/>
        <source>Pendaftaran &amp;baru</source>
        <translation>&amp;New application</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="86"/>
        <source>Pendaftaran diterima. Nomor pendaftaran: %1</source>
        <translation>Application received. Application number: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="93"/>
        <source>%1 · %2 · tersimpan dan menunggu dikirim ke KPU. Pendaftaran yang sudah dikirim tidak dapat diubah lagi.</source>
        <translation>%1 · %2 · saved and waiting to be sent to KPU. A submitted application can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="105"/>
        <source>Dokumen belum lengkap (dicatat di tanda terima; pelamar melengkapinya sebelum penelitian administrasi): %1</source>
        <translation>Documents missing (listed on the receipt; the applicant brings them before the administrative check): %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="122"/>
        <source>Simpan tanda terima (PDF)</source>
        <translation>Save receipt (PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="125"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="158"/>
        <source>Tanda terima disimpan di %1. Berkas ini berisi data pribadi pelamar (nama dan sebagian NIK) dan tidak terenkripsi: cetak dan serahkan kepada pelamar, lalu hapus berkasnya atau simpan di tempat yang aman.</source>
        <translation>Receipt saved to %1. The file holds the applicant&apos;s personal data (name and part of the NIK) and is not encrypted: print it and hand it to the applicant, then delete the file or keep it somewhere safe.</translation>
    </message>
</context>
<context>
    <name>Recruitment</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="25"/>
        <source>PPK — Panitia Pemilihan Kecamatan</source>
        <translation>PPK — sub-district election committee</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="26"/>
        <source>PPS — Panitia Pemungutan Suara (desa)</source>
        <translation>PPS — village voting committee</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="27"/>
        <source>KPPS — Kelompok Penyelenggara Pemungutan Suara (TPS)</source>
        <translation>KPPS — polling station working group (TPS)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="30"/>
        <source>Pantarlih — Petugas Pemutakhiran Data Pemilih (TPS)</source>
        <translation>Pantarlih — voter list updating officer (TPS)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="43"/>
        <source>Warga Negara Indonesia</source>
        <translation>Indonesian citizen</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="44"/>
        <source>Setia kepada Pancasila, UUD 1945, NKRI dan Bhinneka Tunggal Ika</source>
        <translation>Loyal to Pancasila, the 1945 Constitution, the Unitary State and Bhinneka Tunggal Ika</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="47"/>
        <source>Tidak menjadi anggota partai politik, atau sudah keluar paling singkat 5 tahun</source>
        <translation>Not a political party member, or left at least 5 years ago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="51"/>
        <source>Tidak pernah dipidana penjara karena tindak pidana yang diancam 5 tahun atau lebih</source>
        <translation>Never imprisoned for a crime punishable by 5 years or more</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="55"/>
        <source>Sehat jasmani, rohani, dan bebas penyalahgunaan narkotika</source>
        <translation>Physically and mentally healthy, and free of drug abuse</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="58"/>
        <source>Tidak pernah diberhentikan tetap oleh KPU atau DKPP</source>
        <translation>Never permanently dismissed by KPU or DKPP</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="61"/>
        <source>Bukan tim kampanye atau saksi peserta pemilihan dalam 5 tahun terakhir</source>
        <translation>Not a campaign team member or a contestant&apos;s witness in the last 5 years</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="64"/>
        <source>Tidak memiliki penyakit penyerta (komorbid)</source>
        <translation>No comorbidity</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="67"/>
        <source>Mampu menggunakan perangkat teknologi informasi</source>
        <translation>Able to use IT devices</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="73"/>
        <source>Surat pendaftaran</source>
        <translation>Registration letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="74"/>
        <source>Fotokopi KTP-el</source>
        <translation>KTP-el copy</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="75"/>
        <source>Fotokopi ijazah terakhir</source>
        <translation>Copy of the latest diploma</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="76"/>
        <source>Surat pernyataan</source>
        <translation>Statement letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="77"/>
        <source>Surat keterangan dari partai politik</source>
        <translation>Letter from the political party</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="80"/>
        <source>Surat keterangan sehat</source>
        <translation>Health certificate</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="81"/>
        <source>Daftar riwayat hidup</source>
        <translation>Curriculum vitae</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="82"/>
        <source>Pas foto 4×6</source>
        <translation>4×6 photo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="86"/>
        <source>SD/sederajat</source>
        <translation>Primary school or equivalent</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="87"/>
        <source>SMP/sederajat</source>
        <translation>Junior high school or equivalent</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="88"/>
        <source>SMA/SMK/MA/Paket C</source>
        <translation>Senior high school (SMA/SMK/MA/Paket C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="89"/>
        <source>Diploma 1 (D1)</source>
        <translation>Diploma 1 (D1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="90"/>
        <source>Diploma 2 (D2)</source>
        <translation>Diploma 2 (D2)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="91"/>
        <source>Diploma 3 (D3)</source>
        <translation>Diploma 3 (D3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="92"/>
        <source>Diploma 4 (D4)</source>
        <translation>Diploma 4 (D4)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="93"/>
        <source>Sarjana (S1)</source>
        <translation>Bachelor (S1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="94"/>
        <source>Magister (S2)</source>
        <translation>Master (S2)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="95"/>
        <source>Doktor (S3)</source>
        <translation>Doctorate (S3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="99"/>
        <source>Draf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="100"/>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="105"/>
        <source>Pendaftaran</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="106"/>
        <source>Penelitian administrasi</source>
        <translation>Administrative check</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="107"/>
        <source>Tes tertulis (CAT)</source>
        <translation>Written test (CAT)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="108"/>
        <source>Tanggapan masyarakat</source>
        <translation>Public input</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="109"/>
        <source>Wawancara</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="110"/>
        <source>Pengumuman</source>
        <translation>Announcement</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="111"/>
        <source>Pelantikan</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="114"/>
        <source>Lulus</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="115"/>
        <source>Tidak lulus</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="116"/>
        <source>Cadangan</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="117"/>
        <source>Ditetapkan</source>
        <translation>Appointed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="121"/>
        <source>Badan ad hoc</source>
        <translation>Ad hoc body</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="122"/>
        <source>Wilayah kerja</source>
        <translation>Working area</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="123"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="124"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="125"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="126"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="127"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="128"/>
        <source>Alamat sesuai KTP-el</source>
        <translation>Address on the KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="129"/>
        <source>Domisili (desa/kelurahan)</source>
        <translation>Domicile (village)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="130"/>
        <source>Pendidikan terakhir</source>
        <translation>Highest education</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="131"/>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="132"/>
        <source>Nomor HP/telepon</source>
        <translation>Mobile/phone number</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="133"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="134"/>
        <source>Tekanan darah sistolik</source>
        <translation>Systolic blood pressure</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="135"/>
        <source>Tekanan darah diastolik</source>
        <translation>Diastolic blood pressure</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="136"/>
        <source>Gula darah</source>
        <translation>Blood sugar</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="137"/>
        <source>Kolesterol</source>
        <translation>Cholesterol</translation>
    </message>
</context>
<context>
    <name>RecruitmentAreas</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="20"/>
        <source>Kel.</source>
        <translation>Kel.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="22"/>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="27"/>
        <source>Kec. %1</source>
        <translation>Kec. %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="40"/>
        <source>TPS %1, %2</source>
        <translation>TPS %1, %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="62"/>
        <source>%1 · %2 pemilih · %3</source>
        <translation>%1 · %2 voters · %3</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="76"/>
        <source>PPK: 5 anggota per kecamatan; 15 pelamar terbaik (3× kursi) diwawancarai.</source>
        <translation>PPK: 5 members per kecamatan; the best 15 applicants (3× the seats) are interviewed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="81"/>
        <source>PPS: 3 anggota per desa/kelurahan; 6 pelamar terbaik diwawancarai (3 ditetapkan, 3 cadangan).</source>
        <translation>PPS: 3 members per village; the best 6 applicants are interviewed (3 appointed, 3 reserves).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="87"/>
        <source>KPPS: 7 anggota per TPS (1 ketua, 6 anggota).</source>
        <translation>KPPS: 7 members per TPS (1 chair, 6 members).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="91"/>
        <source>Pantarlih: 1 orang per TPS, 2 bila pemilihnya lebih dari 400.</source>
        <translation>Pantarlih: 1 per TPS, 2 when it has more than 400 voters.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="95"/>
        <source>Pantarlih: %1 orang untuk TPS ini (%2 pemilih; 2 bila lebih dari 400).</source>
        <translation>Pantarlih: %1 for this TPS (%2 voters; 2 above 400).</translation>
    </message>
</context>
<context>
    <name>RecruitmentFindings</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="141"/>
        <source>Pilih wilayah kerja badan yang dilamar.</source>
        <translation>Choose the working area of the body applied for.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="144"/>
        <source>Wilayah kerja tidak cocok dengan tingkat badan ini; pilih lagi.</source>
        <translation>The working area does not fit this body&apos;s level; choose again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="147"/>
        <source>Isi tanggal lahir dari KTP-el: usia dihitung darinya.</source>
        <translation>Enter the date of birth from the KTP-el: the age is counted from it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="150"/>
        <source>Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT.</source>
        <translation>The date of birth must be a real date, written DD-MM-YYYY.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="153"/>
        <source>Pelamar belum berusia %1 tahun pada hari pemungutan suara (%2); pendaftaran tidak dapat diterima.</source>
        <translation>The applicant is not yet %1 on election day (%2); the application cannot be received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="158"/>
        <source>Usia lebih dari %1 tahun pada hari pemungutan suara. Boleh diterima, tetapi pelamar yang lebih muda diutamakan bila jumlahnya cukup.</source>
        <translation>Older than %1 on election day. May be received, but younger applicants come first if there are enough.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="163"/>
        <source>Isi alamat sesuai KTP-el.</source>
        <translation>Enter the address on the KTP-el.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="164"/>
        <source>Isi pekerjaan (tulis &quot;tidak bekerja&quot; bila tidak bekerja).</source>
        <translation>Enter the occupation (write &quot;not working&quot; if none).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="167"/>
        <source>Pilih pendidikan terakhir yang sudah tamat.</source>
        <translation>Choose the highest completed education.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="170"/>
        <source>Pendidikan paling rendah SMA atau sederajat; pendaftaran tidak dapat diterima.</source>
        <translation>At least senior high school or equivalent is required; the application cannot be received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="174"/>
        <source>Pilih desa/kelurahan tempat pelamar tinggal.</source>
        <translation>Choose the village where the applicant lives.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="177"/>
        <source>Pelamar harus berdomisili di wilayah kerja badan yang dilamar.</source>
        <translation>The applicant must live in the working area of the body applied for.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="181"/>
        <source>Tanpa nomor HP: sepakati cara lain untuk menghubungi pelamar.</source>
        <translation>No phone number: agree on another way to reach the applicant.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="185"/>
        <source>Nomor HP/telepon harus 8 sampai 15 angka.</source>
        <translation>The phone number must be 8 to 15 digits.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="188"/>
        <source>Alamat email tidak sah; kosongkan bila tidak ada.</source>
        <translation>The e-mail address is not valid; leave it empty if there is none.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="191"/>
        <source>Centang setelah pelamar menandatangani pernyataan ini di surat pernyataan.</source>
        <translation>Tick once the applicant has signed this statement in the statement letter.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="195"/>
        <source>Belum diterima. Pendaftaran tetap dapat dikirim; tanda terima mencatat kekurangannya.</source>
        <translation>Not received. The application can still be submitted; the receipt lists what is missing.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="199"/>
        <source>Salin nilai ini dari surat keterangan sehat.</source>
        <translation>Copy this value from the health certificate.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="202"/>
        <source>Di atas batas umum; panitia mempertimbangkannya (surat dokter yang menentukan).</source>
        <translation>Above the usual limit; the panel takes it into account (the doctor&apos;s certificate decides).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="206"/>
        <source>NIK ini sudah punya pendaftaran lain di laptop ini: %1.</source>
        <translation>This NIK already has another application on this laptop: %1.</translation>
    </message>
</context>
<context>
    <name>RecruitmentMessages</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="18"/>
        <source>%1 bukan foto JPEG/PNG atau pindaian PDF; pilih berkas lain.</source>
        <translation>%1 is not a JPEG/PNG photo or a PDF scan; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="23"/>
        <source>Berkas %1 MB; batasnya 10 MB. Pindai atau foto ulang dengan resolusi lebih kecil.</source>
        <translation>The file is %1 MB; the limit is 10 MB. Scan or photograph it again at a lower resolution.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="28"/>
        <source>Berkas %1 kosong; pilih berkas lain.</source>
        <translation>The file %1 is empty; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="31"/>
        <source>Berkas %1 tidak dapat dibaca; pilih berkas lain.</source>
        <translation>The file %1 cannot be read; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="37"/>
        <source>Belum dapat dikirim: %1</source>
        <translation>Cannot be submitted yet: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="41"/>
        <source>Pendaftaran ini sudah dikirim dan tidak dapat diubah lagi.</source>
        <translation>This application was already submitted and can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="47"/>
        <source>Pendaftaran ini tidak ada di laptop ini; buka lagi dari daftar.</source>
        <translation>This application is not on this laptop; open it again from the list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="51"/>
        <source>Tanda terima tidak dapat disimpan: %1</source>
        <translation>The receipt could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>RecruitmentSummary</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="115"/>
        <source>surat pernyataan</source>
        <translation>statement letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="122"/>
        <source>Belum dapat dikirim: %n isian perlu dilengkapi atau dibetulkan</source>
        <translation>Cannot be submitted yet: %n field(s) to complete or correct</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="131"/>
        <source>Dokumen belum diterima: %1. Boleh dikirim; tanda terima mencatat kekurangannya.</source>
        <translation>Documents not received: %1. It may be submitted; the receipt lists what is missing.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="138"/>
        <source>%n peringatan: periksa sebelum mengirim.</source>
        <translation>%n warning(s): check before submitting.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="144"/>
        <source>✓ Semua persyaratan terpenuhi.</source>
        <translation>✓ All requirements met.</translation>
    </message>
</context>
<context>
    <name>RecruitmentWindow</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/window.py" line="38"/>
        <source>Pendaftaran badan ad hoc — PPK, PPS, KPPS, Pantarlih</source>
        <translation>Ad hoc body applications — PPK, PPS, KPPS, Pantarlih</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/window.py" line="53"/>
        <source>Memuat wilayah dan pendaftaran…</source>
        <translation>Loading areas and applications…</translation>
    </message>
</context>
<context>
    <name>SaveCancel</name>
    <message>
        <location filename="../../desktop_app/ui/dialog_parts.py" line="13"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialog_parts.py" line="22"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="40"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="49"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="53"/>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="54"/>
        <source>Umur pemilih dihitung pada hari pemungutan suara.</source>
        <translation>Voters&apos; ages are counted on election day.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="59"/>
        <source>Bahasa:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="60"/>
        <source>Kunci otomatis setelah tidak dipakai:</source>
        <translation>Lock automatically when idle for:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="61"/>
        <source>Hari pemungutan suara:</source>
        <translation>Election day:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="73"/>
        <source>Tulis tanggal sebagai HH-BB-TTTT, misalnya 14-02-2029.</source>
        <translation>Write the date as DD-MM-YYYY, e.g. 14-02-2029.</translation>
    </message>
</context>
<context>
    <name>StatementsSection</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="27"/>
        <source>Surat pernyataan pelamar</source>
        <translation>Applicant&apos;s statement letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="31"/>
        <source>Centang semua (surat pernyataan sudah ditandatangani)</source>
        <translation>Tick all (statement letter signed)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="47"/>
        <source>Mantan anggota partai politik (wajib surat keterangan dari partai)</source>
        <translation>Former political party member (needs a letter from the party)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="83"/>
        <source>⛔ %n pernyataan belum dicentang. Centang setelah pelamar menandatangani surat pernyataan.</source>
        <translation>
            <numerusform>⛔ %n statement not ticked. Tick once the applicant has signed the statement letter.</numerusform>
            <numerusform>⛔ %n statements not ticked. Tick once the applicant has signed the statement letter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TmsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="49"/>
        <source>Tandai TMS (tidak memenuhi syarat)</source>
        <translation>Mark TMS (not eligible)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="65"/>
        <source>nomor TPS, misalnya 004</source>
        <translation>TPS number, e.g. 004</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="66"/>
        <source>&amp;Lampirkan foto/pindaian…</source>
        <translation>&amp;Attach photo/scan…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="71"/>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="208"/>
        <source>(tidak wajib)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="76"/>
        <source>&amp;Kode TMS:</source>
        <translation>TMS &amp;code:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="77"/>
        <source>&amp;Bukti:</source>
        <translation>&amp;Evidence:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="78"/>
        <source>&amp;Nomor/keterangan bukti:</source>
        <translation>Evidence &amp;number/note:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="79"/>
        <source>TPS t&amp;ujuan:</source>
        <translation>&amp;Target TPS:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="86"/>
        <source>Foto bukti:</source>
        <translation>Evidence photo:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="96"/>
        <source>&amp;Simpan TMS</source>
        <translation>&amp;Save TMS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="144"/>
        <source>NIK atau id data lain dari orang yang sama</source>
        <translation>NIK or id of the other record of the same person</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="147"/>
        <source>nomor surat/dokumen, atau keterangan singkat</source>
        <translation>letter/document number, or a short note</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="150"/>
        <source>Tandai TMS-2 pada data yang ganda; data yang benar tetap.</source>
        <translation>Mark TMS-2 on the duplicate record; the right one stays.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="152"/>
        <source>Belum 17 tahun pada hari pemungutan suara dan belum pernah kawin.</source>
        <translation>Under 17 on election day and never married.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="155"/>
        <source>Pindah ke luar desa. Pindah TPS di desa yang sama adalah TMS-8.</source>
        <translation>Moved out of the village. A move to another TPS in the same village is TMS-8.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="158"/>
        <source>Pemilih ditandai TMS-8 di TPS ini dan langsung ditambahkan sebagai pemilih baru di TPS tujuan.</source>
        <translation>The voter is marked TMS-8 at this TPS and added right away as a new voter at the target TPS.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="192"/>
        <source>Pilih foto atau pindaian bukti</source>
        <translation>Choose a photo or scan of the evidence</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="194"/>
        <source>Foto atau pindaian (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Photo or scan (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="195"/>
        <source>Pilih</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="196"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="197"/>
        <source>Lihat di:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="198"/>
        <source>Nama berkas:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="199"/>
        <source>Jenis berkas:</source>
        <translation>File type:</translation>
    </message>
</context>
<context>
    <name>UbahDialog</name>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="24"/>
        <source>Ubah data pemilih</source>
        <translation>Update voter data</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="28"/>
        <source>Betulkan elemen yang berbeda dengan KTP-el, KK, biodata atau IKD. Nilai semula tetap tersimpan.</source>
        <translation>Correct the elements that differ from the KTP-el, KK, biodata or IKD. The original values are kept.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="58"/>
        <source>Belum ada yang diubah.</source>
        <translation>Nothing has been changed yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="64"/>
        <source>Betulkan dulu isian bertanda merah.</source>
        <translation>First correct the fields marked red.</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="39"/>
        <source>Lapang — Meja Lapangan</source>
        <translation>Lapang — Field Desk</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="44"/>
        <source>Data pemilih di laptop ini terenkripsi. Pilih nama Anda dan masukkan frasa sandi.</source>
        <translation>The voter data on this laptop is encrypted. Choose your name and enter your passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="53"/>
        <source>&amp;Buka kunci</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="62"/>
        <source>&amp;Petugas:</source>
        <translation>&amp;Officer:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="64"/>
        <source>&amp;Frasa sandi:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="110"/>
        <source>Masukkan frasa sandi.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="115"/>
        <source>Membuka…</source>
        <translation>Opening…</translation>
    </message>
</context>
<context>
    <name>VoterDetailPanel</name>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="80"/>
        <location filename="../../desktop_app/ui/detail_panel.py" line="147"/>
        <source>Pilih pemilih di daftar.</source>
        <translation>Choose a voter in the list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="160"/>
        <source>%1
dicatat %2 oleh %3</source>
        <translation>%1
recorded %2 by %3</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="165"/>
        <source>TPS %1</source>
        <translation>TPS %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="172"/>
        <source>semula: &lt;s&gt;%1&lt;/s&gt;</source>
        <translation>was: &lt;s&gt;%1&lt;/s&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="184"/>
        <source>Temuan data</source>
        <translation>Data findings</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="187"/>
        <source>Tidak ada temuan data.</source>
        <translation>No data findings.</translation>
    </message>
</context>
<context>
    <name>VoterForm</name>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="90"/>
        <source>16 angka dari KK</source>
        <translation>16 digits from the KK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="91"/>
        <source>16 angka dari KTP-el</source>
        <translation>16 digits from the KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="94"/>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="211"/>
        <source>semula: &lt;s&gt;%1&lt;/s&gt;</source>
        <translation>was: &lt;s&gt;%1&lt;/s&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="212"/>
        <source>Nilai di daftar sebelum diubah pertama kali</source>
        <translation>The value on the list before the first correction</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="250"/>
        <source>Ketik 16 angka NIK: tanggal lahir dan jenis kelamin yang dikandungnya tampil di sini.</source>
        <translation>Type the 16-digit NIK: the birth date and sex it encodes appear here.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="258"/>
        <source>NIK ini tidak sah; lihat pesan di bawah.</source>
        <translation>This NIK is not valid; see the message below.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="265"/>
        <source> atau </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="268"/>
        <source>Menurut NIK: lahir %1 · %2 · kecamatan asal %3</source>
        <translation>From the NIK: born %1 · %2 · first registered in kecamatan %3</translation>
    </message>
</context>
<context>
    <name>VoterListView</name>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="49"/>
        <source>Cari nama atau NIK…  (Ctrl+F)</source>
        <translation>Search name or NIK…  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="87"/>
        <source>&amp;Cari:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="89"/>
        <source>&amp;Tampilkan:</source>
        <translation>S&amp;how:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="170"/>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="175"/>
        <source>TMS (semua kode)</source>
        <translation>TMS (all codes)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="188"/>
        <source>Temuan: NIK ganda</source>
        <translation>Finding: duplicate NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="191"/>
        <source>Temuan: NIK tidak cocok (jenis kelamin/tgl lahir)</source>
        <translation>Finding: NIK does not match (sex/birth date)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="193"/>
        <source>Temuan: di bawah umur</source>
        <translation>Finding: under age</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="194"/>
        <source>Temuan: NKK tidak wajar</source>
        <translation>Finding: unusual NKK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="205"/>
        <source>%1 pemilih</source>
        <translation>%1 voters</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="207"/>
        <source>Lebih dari %1 cocok; ketik lebih banyak untuk mempersempit.</source>
        <translation>More than %1 match; type more to narrow it down.</translation>
    </message>
</context>
<context>
    <name>VoterTableModel</name>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="36"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="37"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="38"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="39"/>
        <source>L/P</source>
        <translation>M/F</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="40"/>
        <source>Tgl lahir</source>
        <translation>Born</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="41"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="42"/>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="43"/>
        <source>Keterangan</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="44"/>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
</context>
</TS>
