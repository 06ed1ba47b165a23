<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name>AnnouncementsTab</name>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="216"/>
        <source>Hanya pengumuman yang tanda tangan KPU-nya terbukti asli yang ditampilkan di sini. Kabar yang beredar di luar aplikasi belum tentu benar.</source>
        <translation>Only announcements whose KPU signature is proven genuine are shown here. News passed around outside the app may not be true.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="221"/>
        <source>Diterbitkan</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="221"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="249"/>
        <source>Belum ada pengumuman dari KPU.</source>
        <translation>No announcements from KPU yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="251"/>
        <source>Pilih pengumuman untuk membacanya.</source>
        <translation>Choose an announcement to read it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="255"/>
        <source>Ditandatangani KPU · diterbitkan %1</source>
        <translation>Signed by KPU · published %1</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="74"/>
        <source>Identitas pelamar (sesuai KTP-el)</source>
        <translation>Applicant&apos;s identity (as on the KTP-el)</translation>
    </message>
    <message>
        <source>Isi dari NIK</source>
        <translation type="vanished">Fill from NIK</translation>
    </message>
    <message>
        <source>Isi tanggal lahir dan jenis kelamin dari NIK (periksa dengan KTP-el)</source>
        <translation type="vanished">Fill date of birth and sex from the NIK (check against the KTP-el)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="78"/>
        <source>16 angka dari KTP-el</source>
        <translation>16 digits from the KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="81"/>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="85"/>
        <source>jalan/dusun, RT/RW</source>
        <translation>street/hamlet, RT/RW</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="86"/>
        <source>ketik nama atau kode desa/kelurahan</source>
        <translation>type a village name or code</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="91"/>
        <source>08…</source>
        <translation>08…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="92"/>
        <source>tidak wajib</source>
        <translation>optional</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="115"/>
        <source>Pelamar harus tinggal di wilayah kerja badan yang dilamar.</source>
        <translation>The applicant must live in the working area of the body applied for.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="124"/>
        <source>Hasil pemeriksaan kesehatan (dari surat keterangan sehat)</source>
        <translation>Health check results (from the health certificate)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="141"/>
        <source>Tekanan darah:</source>
        <translation>Blood pressure:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="387"/>
        <source>NIK memuat tanggal lahir dan jenis kelamin (tanggal + 40 untuk perempuan); isinya tampil di sini untuk dicocokkan.</source>
        <translation>The NIK holds the birth date and sex (day + 40 for women); they show here to compare.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="397"/>
        <source> atau </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="398"/>
        <source>(tanggal tidak wajar untuk pelamar)</source>
        <translation>(not a plausible date for an applicant)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="401"/>
        <source>Menurut NIK: lahir %1 · %2</source>
        <translation>According to the NIK: born %1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="416"/>
        <source>Usia dihitung pada hari pemungutan suara, %1.</source>
        <translation>Age is counted on election day, %1.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/applicant_form.py" line="422"/>
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
        <source>Nilai</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="36"/>
        <source>Dokumen kurang</source>
        <translation>Missing documents</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="37"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="38"/>
        <source>Diperbarui</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="110"/>
        <source>NIK ganda</source>
        <translation>Duplicate NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="123"/>
        <source>NIK yang sama sudah mendaftar di laptop ini.</source>
        <translation>The same NIK has already applied on this laptop.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_model.py" line="127"/>
        <source>KPU mencatat NIK yang sama pada pendaftaran: %1</source>
        <translation>KPU holds the same NIK in applications: %1</translation>
    </message>
</context>
<context>
    <name>ApplicationListPage</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="49"/>
        <source>Semua badan</source>
        <translation>All bodies</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="52"/>
        <source>semua wilayah</source>
        <translation>all areas</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="56"/>
        <source>Semua status</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="61"/>
        <source>cari nama, NIK atau nomor</source>
        <translation>search name, NIK or number</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="65"/>
        <source>Badan:</source>
        <translation>Body:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="66"/>
        <source>Wilayah:</source>
        <translation>Area:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="67"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="96"/>
        <source>Pendaftaran &amp;baru  [Ctrl+N]</source>
        <translation>&amp;New application  [Ctrl+N]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="98"/>
        <source>&amp;Buka / lanjutkan  [Enter]</source>
        <translation>&amp;Open / continue  [Enter]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="100"/>
        <source>Hasil &amp;seleksi KPU  [Ctrl+T]</source>
        <translation>KPU &amp;selection results  [Ctrl+T]</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="151"/>
        <source>%n draf belum dikirim (tersimpan otomatis). Pilih lalu tekan Enter untuk melanjutkan.</source>
        <translation>
            <numerusform>%n draft not submitted yet (saved automatically). Select it and press Enter to continue.</numerusform>
            <numerusform>%n drafts not submitted yet (saved automatically). Select one and press Enter to continue.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="201"/>
        <source>Belum ada pendaftaran di laptop ini. Tekan Ctrl+N untuk mulai.</source>
        <translation>No applications on this laptop yet. Press Ctrl+N to start.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/list_page.py" line="204"/>
        <source>Tidak ada pendaftaran yang cocok dengan saringan.</source>
        <translation>No application matches the filters.</translation>
    </message>
</context>
<context>
    <name>ApplicationPage</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="88"/>
        <source>ketik nama atau kode wilayah</source>
        <translation>type an area name or code</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="91"/>
        <source>Badan yang dilamar</source>
        <translation>Body applied for</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="93"/>
        <source>&amp;Badan ad hoc:</source>
        <translation>Ad hoc &amp;body:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="95"/>
        <source>&amp;Wilayah kerja:</source>
        <translation>&amp;Working area:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="117"/>
        <source>← Daftar pendaftaran</source>
        <translation>← Applications</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="119"/>
        <source>&amp;Kirim pendaftaran  [Ctrl+Enter]</source>
        <translation>&amp;Submit application  [Ctrl+Enter]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="194"/>
        <source>Belum ada TPS di laptop ini. Muat daftar pemilih atau data TPS, atau ketik kode TPS (kode desa + 3 angka).</source>
        <translation>No TPS on this laptop yet. Load the voter list or the TPS data, or type a TPS code (village code + 3 digits).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="293"/>
        <source>Menyimpan draf…</source>
        <translation>Saving draft…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="295"/>
        <source>Perubahan belum tersimpan</source>
        <translation>Changes not saved yet</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="297"/>
        <source>✓ Draf tersimpan %1 — aman bila listrik padam</source>
        <translation>✓ Draft saved %1 — safe if the power fails</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="301"/>
        <source>Draf tersimpan otomatis saat Anda mengetik.</source>
        <translation>The draft saves itself as you type.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="308"/>
        <source>Pilih pindaian atau foto: %1</source>
        <translation>Choose a scan or photo: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="314"/>
        <source>Pindaian atau foto (%1)</source>
        <translation>Scans or photos (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="356"/>
        <source>Pendaftaran belum dapat dikirim: betulkan isian bertanda merah.</source>
        <translation>The application cannot be submitted yet: correct the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="372"/>
        <source>Kirim pendaftaran?</source>
        <translation>Submit the application?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="374"/>
        <source>Kirim pendaftaran %1 sebagai %2?

Setelah dikirim, isian tidak dapat diubah lagi. Periksa dulu dengan KTP-el dan berkas pelamar.</source>
        <translation>Submit the application of %1 as %2?

Once submitted, it can no longer be changed. Check it against the KTP-el and the applicant&apos;s papers first.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="382"/>
        <source>&amp;Kirim  [Enter]</source>
        <translation>&amp;Submit  [Enter]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/application_page.py" line="384"/>
        <source>&amp;Periksa lagi  [Esc]</source>
        <translation>&amp;Check again  [Esc]</translation>
    </message>
</context>
<context>
    <name>AreaSelector</name>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="46"/>
        <source>Wilayah dan TPS</source>
        <translation>Areas and TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="47"/>
        <source>&amp;Wilayah dan TPS</source>
        <translation>&amp;Areas and TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_model.py" line="58"/>
        <source>Semua wilayah (%1)</source>
        <translation>All areas (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_model.py" line="108"/>
        <source>TPS %1 · %2</source>
        <translation>TPS %1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="138"/>
        <source>Semua wilayah</source>
        <translation>All areas</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/area_selector.py" line="144"/>
        <source>TPS %1, %2</source>
        <translation>TPS %1, %2</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>Kirim lewat flashdisk…</source>
        <translation type="vanished">Send by USB stick…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="74"/>
        <source>Tanpa sinyal: simpan semua perubahan yang menunggu ke flashdisk dalam satu berkas tersegel, untuk dibawa ke kantor KPU atau dititipkan ke laptop lain</source>
        <translation>No signal: save every waiting change to a USB stick in one sealed file, to take to the KPU office or to hand to another laptop</translation>
    </message>
    <message>
        <source>Titipan…</source>
        <translation type="vanished">Carry for another laptop…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="71"/>
        <source>&amp;Kirim lewat flashdisk…</source>
        <translation>&amp;Send by USB stick…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="79"/>
        <source>T&amp;itipan…</source>
        <translation>&amp;Carry for another laptop…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="82"/>
        <source>Bawa berkas bundel laptop lain ke KPU: dikirim pada sinkronisasi berikutnya. Isinya tersegel, tidak dapat dibaca atau diubah di laptop ini</source>
        <translation>Carry another laptop&apos;s bundle file to KPU: it is sent at the next sync. Its content is sealed and cannot be read or changed on this laptop</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="97"/>
        <source>Menyegel perubahan ke flashdisk…</source>
        <translation>Sealing the changes to the USB stick…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="126"/>
        <source>Tersimpan: %1

%2 perubahan dan %3 berkas bukti, tersegel untuk KPU: tanpa kunci KPU isinya tidak dapat dibaca. Bawa ke kantor KPU, atau titipkan ke laptop lain yang ada sinyal. Perubahan tetap menunggu sampai KPU mengonfirmasinya.</source>
        <translation>Saved: %1

%2 changes and %3 evidence files, sealed for KPU: without KPU&apos;s key nobody can read them. Take the file to the KPU office, or hand it to another laptop that has signal. The changes stay waiting until KPU confirms them.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="137"/>
        <source>%1 berkas bukti tidak ada di laptop ini dan tidak ikut terkirim.</source>
        <translation>%1 evidence files are not on this laptop and were not included.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="139"/>
        <source>Bundel tersimpan</source>
        <translation>Bundle saved</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="143"/>
        <source>Bundel tidak tersimpan</source>
        <translation>Bundle not saved</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="151"/>
        <source>Tidak ada perubahan atau berkas bukti yang menunggu dikirim.</source>
        <translation>No change or evidence file is waiting to be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="154"/>
        <source>Laptop ini belum punya kunci bundel KPU (bundle_public_key di bagian [sync] pada deployment.toml). Hubungi TI KPU.</source>
        <translation>This laptop has no KPU bundle key yet (bundle_public_key in the [sync] section of deployment.toml). Contact KPU IT.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="158"/>
        <source>Laptop ini belum terdaftar di server KPU: daftarkan dulu.</source>
        <translation>This laptop is not enrolled with the KPU server: enrol it first.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="161"/>
        <source>Berkas tidak dapat ditulis, dan program lain (mungkin antivirus) masih membuka %1 di flashdisk. Hapus berkas itu setelah dilepas: isinya bukan paket yang utuh. Lalu coba lagi.</source>
        <translation>The file could not be written, and another program (an antivirus, perhaps) still holds %1 open on the flash drive. Delete that file once it is released: it is not a complete bundle. Then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="167"/>
        <source>Berkas tidak dapat ditulis. Periksa flashdisk: masih terpasang, tidak penuh dan tidak dikunci tulis; lalu coba lagi. Tidak ada berkas setengah jadi yang tertinggal.</source>
        <translation>The file could not be written. Check the USB stick: still plugged in, not full and not write-protected; then try again. No half-written file was left.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="173"/>
        <source>Terlalu banyak yang menunggu untuk satu berkas. Kirim sebagian saat ada sinyal, atau hubungi TI KPU.</source>
        <translation>Too much is waiting for one file. Send part of it when there is signal, or contact KPU IT.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="193"/>
        <source>Titipan diterima: %1 perubahan dari perangkat %2. Dikirim ke KPU pada sinkronisasi berikutnya laptop ini.</source>
        <translation>Bundle taken: %1 changes from device %2. It goes to KPU at this laptop&apos;s next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="199"/>
        <source>Titipan</source>
        <translation>Carried bundle</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="207"/>
        <source>Berkas itu tidak utuh (mungkin flashdisk dicabut saat menyalin). Salin lagi dari laptop asalnya.</source>
        <translation>That file is incomplete (perhaps the stick was pulled out while copying). Copy it again from the laptop it came from.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="211"/>
        <source>Bundel itu sudah ada di daftar titipan.</source>
        <translation>That bundle is already waiting to be carried.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="213"/>
        <source>Berkas itu bukan bundel perubahan Lapang; tidak dititipkan.</source>
        <translation>That file is not a Lapang bundle of changes; it was not taken.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="216"/>
        <source>Titipan tidak diterima</source>
        <translation>Bundle not taken</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="230"/>
        <source>Pilih flashdisk atau folder tujuan</source>
        <translation>Choose the USB stick or a target folder</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="237"/>
        <source>Pilih berkas bundel titipan</source>
        <translation>Choose the bundle file to carry</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/bundle_actions.py" line="239"/>
        <source>Bundel Lapang (*.lapang)</source>
        <translation>Lapang bundles (*.lapang)</translation>
    </message>
</context>
<context>
    <name>ChangesTab</name>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="81"/>
        <source>Terima dari flashdisk…</source>
        <translation>Receive from USB stick…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="85"/>
        <source>Terapkan paket balasan KPU (berkas .lapang) dari flashdisk: perubahan yang dikonfirmasi KPU ditandai terkirim, data terbaru KPU diterima.</source>
        <translation>Apply KPU&apos;s return bundle (a .lapang file) from a USB stick: the changes KPU confirms are marked sent, and KPU&apos;s latest data is received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="99"/>
        <source>Pemilih</source>
        <translation>Voter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="100"/>
        <source>Perubahan</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="101"/>
        <source>Keadaan</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="102"/>
        <source>Paket flashdisk</source>
        <translation>USB stick bundle</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="103"/>
        <source>Dicatat</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="127"/>
        <source>%1 menunggu dikirim, %2 dalam paket flashdisk belum dikonfirmasi KPU, %3 dikonfirmasi KPU, %4 ditolak KPU.</source>
        <translation>%1 waiting to be sent, %2 in a USB stick bundle not yet confirmed by KPU, %3 confirmed by KPU, %4 refused by KPU.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="140"/>
        <source>Pilih paket balasan KPU</source>
        <translation>Choose KPU&apos;s return bundle</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="143"/>
        <source>Paket Lapang (*.lapang)</source>
        <translation>Lapang bundles (*.lapang)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="144"/>
        <source>Terima</source>
        <translation>Receive</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="145"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="156"/>
        <source>Menerapkan paket balasan KPU…</source>
        <translation>Applying KPU&apos;s return bundle…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="169"/>
        <source>Paket balasan KPU diterapkan: %1 perubahan dikonfirmasi KPU, %2 ditolak, %3 data pemilih, %4 konflik, %5 pengumuman.</source>
        <translation>KPU&apos;s return bundle applied: %1 changes confirmed by KPU, %2 refused, %3 voter records, %4 conflicts, %5 announcements.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="179"/>
        <source>Datanya lebih lama dari yang sudah ada di laptop ini.</source>
        <translation>Its data is older than what this laptop already has.</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="86"/>
        <source>Pemilih ini diubah di dua tempat sebelum sempat tersinkron. Tidak ada yang hilang: KPU menyimpan kedua versi. Periksa, lalu tandai sudah diperiksa.</source>
        <translation>These voters were changed in two places before they were synced. Nothing is lost: KPU keeps both versions. Check them, then mark them as checked.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="93"/>
        <source>Pemilih</source>
        <translation>Voter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="94"/>
        <source>Versi sebelumnya oleh</source>
        <translation>Earlier version by</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="95"/>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="96"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="106"/>
        <source>Elemen</source>
        <translation>Element</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="107"/>
        <source>Nilai sebelumnya</source>
        <translation>Earlier value</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="108"/>
        <source>Perubahan yang masuk kemudian</source>
        <translation>Change that arrived later</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="113"/>
        <source>&amp;Tandai sudah diperiksa</source>
        <translation>&amp;Mark as checked</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="152"/>
        <source>Sudah diperiksa</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="152"/>
        <source>Belum diperiksa</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="160"/>
        <source>Tidak ada konflik.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="178"/>
        <source>Tanda TMS</source>
        <translation>TMS mark</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="76"/>
        <source>Petugas: %1</source>
        <translation>Officer: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="97"/>
        <source>Luring</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="174"/>
        <source>Menunggu dikirim: %1</source>
        <translation>Waiting to send: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="177"/>
        <source>Terkirim: %1</source>
        <translation>Sent: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/status_bar.py" line="180"/>
        <source>Ditolak: %1</source>
        <translation>Refused: %1</translation>
    </message>
</context>
<context>
    <name>DeskView</name>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="74"/>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="75"/>
        <source>✓ &amp;Sesuai  [S]</source>
        <translation>✓ &amp;Correct  [S]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="76"/>
        <source>&amp;Ubah…  [U]</source>
        <translation>&amp;Update…  [U]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="77"/>
        <source>&amp;TMS…  [T]</source>
        <translation>&amp;TMS…  [T]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="78"/>
        <source>&amp;Pulihkan  [P]</source>
        <translation>&amp;Restore  [P]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="80"/>
        <source>Tambah pemilih &amp;baru…  [Ctrl+N]</source>
        <translation>Add &amp;new voter…  [Ctrl+N]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="83"/>
        <source>Pendaftaran badan ad hoc…  [Ctrl+R]</source>
        <translation>Ad hoc body applications…  [Ctrl+R]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="86"/>
        <source>Laporan…  [Ctrl+P]</source>
        <translation>Reports…  [Ctrl+P]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="88"/>
        <source>Muat ulang  [F5]</source>
        <translation>Reload  [F5]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="90"/>
        <source>&amp;Kunci  [Ctrl+L]</source>
        <translation>&amp;Lock  [Ctrl+L]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="93"/>
        <source>Pengaturan…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="96"/>
        <source>Sinkronkan sekarang  [F9]</source>
        <translation>Sync now  [F9]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="99"/>
        <source>Batal  [Shift+F9]</source>
        <translation>Cancel  [Shift+F9]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="102"/>
        <location filename="../../desktop_app/ui/desk.py" line="273"/>
        <source>Riwayat sinkronisasi…  [Ctrl+H]</source>
        <translation>Sync history…  [Ctrl+H]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="105"/>
        <source>Daftarkan perangkat…  [Ctrl+Shift+D]</source>
        <translation>Enrol this laptop…  [Ctrl+Shift+D]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="107"/>
        <source>Sinkron otomatis</source>
        <translation>Automatic sync</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="110"/>
        <source>Sinkronkan sendiri begitu server KPU terjangkau (disarankan)</source>
        <translation>Sync by itself as soon as the KPU server can be reached (recommended)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="113"/>
        <source>Kirim perubahan ke KPU dan terima data terbaru sekarang (F9)</source>
        <translation>Send changes to KPU and receive the latest data now (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="116"/>
        <source>Hentikan sinkronisasi; yang sudah dikonfirmasi KPU tetap tercatat</source>
        <translation>Stop syncing; what KPU has confirmed stays recorded</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="118"/>
        <source>Data sama dengan dokumen: tandai sesuai (S)</source>
        <translation>The data matches the documents: mark as correct (S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="119"/>
        <source>Tidak memenuhi syarat: kode 1-8 dengan bukti (T)</source>
        <translation>Not eligible: code 1-8 with evidence (T)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="126"/>
        <source>&amp;Terima dari flashdisk…</source>
        <translation>&amp;Receive from USB stick…</translation>
    </message>
    <message>
        <source>Terima dari flashdisk…</source>
        <translation type="vanished">Receive from USB stick…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="129"/>
        <source>Terapkan paket balasan KPU dari flashdisk: perubahan yang dikonfirmasi KPU ditandai terkirim, data terbaru KPU diterima</source>
        <translation>Apply KPU&apos;s return bundle from a USB stick: the changes KPU confirms are marked sent, and KPU&apos;s latest data is received</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="220"/>
        <source>Flashdisk</source>
        <translation>USB stick</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="224"/>
        <source>Tanpa sinyal: kirim perubahan, terima balasan KPU, atau bawa titipan laptop lain lewat flashdisk (Ctrl+Shift+F)</source>
        <translation>No signal: send the changes, receive KPU&apos;s reply, or carry another laptop&apos;s bundle on a USB stick (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="257"/>
        <source>Sinkron otomatis: hidup</source>
        <translation>Automatic sync: on</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="257"/>
        <source>Sinkron otomatis: mati</source>
        <translation>Automatic sync: off</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="270"/>
        <source>%1 pengumuman KPU belum dibaca</source>
        <translation>%1 unread KPU announcement(s)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="272"/>
        <source>%1 konflik belum diperiksa</source>
        <translation>%1 unchecked conflict(s)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="275"/>
        <source>Setiap sinkronisasi, perubahan yang ditolak KPU, konflik, pengumuman KPU, dan di mana setiap perubahan berada (Ctrl+H)</source>
        <translation>Every sync, changes KPU refused, conflicts, KPU announcements, and where each change stands (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="279"/>
        <source>Riwayat sinkronisasi (%1 baru)</source>
        <translation>Sync history (%1 new)</translation>
    </message>
    <message>
        <source>%1 pengumuman</source>
        <translation type="vanished">%1 announcement(s)</translation>
    </message>
    <message>
        <source>%1 konflik</source>
        <translation type="vanished">%1 conflict(s)</translation>
    </message>
    <message>
        <source>Riwayat sinkronisasi (%1 baru)  [Ctrl+H]</source>
        <translation type="vanished">Sync history (%1 new)  [Ctrl+H]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="334"/>
        <source>Laptop ini terdaftar di server KPU.</source>
        <translation>This laptop is enrolled with the KPU server.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="446"/>
        <source>TMS-8 dicatat; pemilih ditambahkan sebagai pemilih baru di TPS tujuan.</source>
        <translation>TMS-8 recorded; the voter was added as a new voter at the right TPS.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/desk.py" line="464"/>
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
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="124"/>
        <source>Lampirkan…</source>
        <translation>Attach…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="55"/>
        <source>Lampirkan berkas %1</source>
        <translation>Attach file %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="115"/>
        <source>✓ berkas terlampir: %1</source>
        <translation>✓ file attached: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="117"/>
        <source>✓ berkas terlampir</source>
        <translation>✓ file attached</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="120"/>
        <source>Ganti berkas…</source>
        <translation>Replace file…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="122"/>
        <source>diterima (kertas)</source>
        <translation>received (paper)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/documents_section.py" line="126"/>
        <source>belum diterima</source>
        <translation>not received</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="31"/>
        <source>Daftarkan perangkat</source>
        <translation>Enrol this laptop</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="39"/>
        <source>Laptop ini sudah terdaftar. Mendaftar lagi dengan kode baru memberi laptop nomor perangkat baru; perubahan yang belum terkirim tetap ada dan ikut dikirim.</source>
        <translation>This laptop is already enrolled. Enrolling again with a new code gives it a new device number; changes not yet sent are kept and go out with it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="44"/>
        <source>Daftarkan laptop ini ke server KPU agar perubahan Anda dapat dikirim dan data pemilih wilayah Anda diunduh.</source>
        <translation>Enrol this laptop with the KPU server so your changes can be sent and the voter list of your area downloaded.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="51"/>
        <source>Ini data DEMO berisi pemilih rekaan. Daftarkan hanya ke server latihan: perubahan rekaan akan ikut terkirim. Untuk bertugas, buat data baru dengan kode dari KPU.</source>
        <translation>This is DEMO data with invented voters. Enrol it only with a training server: the invented changes will be sent too. For real work, create new data with a code from KPU.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="61"/>
        <source>&amp;Daftarkan</source>
        <translation>&amp;Enrol</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="64"/>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="112"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="92"/>
        <source>Melanjutkan unduhan data pemilih…</source>
        <translation>Continuing the voter list download…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="98"/>
        <source>Menghubungi server KPU…</source>
        <translation>Contacting the KPU server…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="106"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="120"/>
        <source>Terdaftar untuk wilayah %1. Mengunduh data pemilih…</source>
        <translation>Enrolled for %1. Downloading the voter list…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="128"/>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="144"/>
        <source>Coba &amp;lagi</source>
        <translation>Try &amp;again</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_dialog.py" line="140"/>
        <source>Laptop ini sudah terdaftar; data yang belum terunduh akan diambil pada sinkronisasi berikutnya.</source>
        <translation>This laptop is enrolled; what has not been downloaded yet will come with the next sync.</translation>
    </message>
</context>
<context>
    <name>EnrolFields</name>
    <message>
        <source>Kode pendaftaran diberikan KPU Kabupaten/Kota, hanya berlaku sekali dan untuk waktu terbatas. Alamat server sudah diisi untuk wilayah Anda; ubah hanya bila diminta TI KPU.</source>
        <translation type="vanished">The enrolment code comes from the KPU Kabupaten/Kota office; it works once and for a limited time. The server address is filled in for your area; change it only if KPU IT asks you to.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrolment.py" line="133"/>
        <source>Kode pendaftaran diberikan KPU Kabupaten/Kota, hanya berlaku sekali dan untuk waktu terbatas.</source>
        <translation>The enrolment code comes from the KPU Kabupaten/Kota office; it works once and for a limited time.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrolment.py" line="138"/>
        <source>Alamat server sudah diisi untuk wilayah Anda; ubah hanya bila diminta TI KPU.</source>
        <translation>The server address is filled in for your area; change it only if KPU IT asks you to.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrolment.py" line="140"/>
        <source>Ketik alamat server yang diberikan TI KPU bersama kode.</source>
        <translation>Type the server address KPU IT gave you with the code.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrolment.py" line="147"/>
        <source>Alamat &amp;server KPU:</source>
        <translation>KPU &amp;server address:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrolment.py" line="149"/>
        <source>&amp;Kode pendaftaran:</source>
        <translation>Enrolment &amp;code:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrolment.py" line="184"/>
        <source>Ketik kode pendaftaran dari KPU.</source>
        <translation>Type the enrolment code from KPU.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrolment.py" line="188"/>
        <source>Isi alamat server KPU (tanyakan ke TI KPU).</source>
        <translation>Fill in the KPU server address (ask KPU IT).</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="40"/>
        <source>&amp;Daftarkan</source>
        <translation>&amp;Enrol</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="43"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="46"/>
        <source>Lewati, daftarkan &amp;nanti</source>
        <translation>Skip, enrol &amp;later</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="50"/>
        <source>Buka meja kerja tanpa mendaftar. Pendaftaran dapat dilanjutkan kapan saja dari menu Daftarkan perangkat…</source>
        <translation>Open the desk without enrolling. You can enrol at any time with Enrol this laptop…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="80"/>
        <source>Data terenkripsi untuk %1 sudah dibuat di laptop ini. Sekarang daftarkan laptop ini ke server KPU dengan kode yang Anda terima.</source>
        <translation>The encrypted data for %1 has been created on this laptop. Now enrol this laptop with the KPU server using the code you received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="99"/>
        <source>Menghubungi server KPU…</source>
        <translation>Contacting the KPU server…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="106"/>
        <source>Laptop ini terdaftar untuk wilayah %1. Daftar pemilih wilayah itu sedang diunduh; biarkan aplikasi terbuka sampai selesai.</source>
        <translation>This laptop is enrolled for %1. The voter list of that area is downloading; keep the app open until it finishes.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="114"/>
        <source>Terdaftar untuk wilayah %1. Mengunduh data pemilih…</source>
        <translation>Enrolled for %1. Downloading the voter list…</translation>
    </message>
    <message>
        <source>Data Anda sudah tersimpan: Anda dapat mencoba lagi nanti, atau lewati dulu dan daftar dari meja kerja (Daftarkan perangkat…).</source>
        <translation type="vanished">Your data is saved: you can try again later, or skip for now and enrol from the desk (Enrol this laptop…).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="123"/>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="160"/>
        <source>Coba &amp;lagi</source>
        <translation>Try &amp;again</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="131"/>
        <source>Melanjutkan unduhan data pemilih…</source>
        <translation>Continuing the voter list download…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="146"/>
        <source>Laptop ini sudah terdaftar; data yang belum terunduh akan diambil pada sinkronisasi berikutnya.</source>
        <translation>This laptop is enrolled; what has not been downloaded yet will come with the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/enrol_page.py" line="161"/>
        <source>Buka &amp;meja kerja</source>
        <translation>Open the &amp;desk</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="104"/>
        <source>Simpan daftar pemilih (Model A)</source>
        <translation>Save voter list (Model A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="106"/>
        <source>Simpan daftar perubahan pemilih</source>
        <translation>Save list of voter changes</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="107"/>
        <source>Simpan rekap hasil coklit</source>
        <translation>Save coklit summary</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="111"/>
        <source>PDF untuk dicetak (*.pdf)</source>
        <translation>PDF for printing (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="113"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="114"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="140"/>
        <source>Menyimpan %1 …</source>
        <translation>Saving %1 …</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="169"/>
        <source>Laporan tersimpan</source>
        <translation>Report saved</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="172"/>
        <source>Buka folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="183"/>
        <source>Tersimpan di:
%1</source>
        <translation>Saved to:
%1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="186"/>
        <source>Berkas ini memuat data pribadi pemilih (NIK, NKK, nama, tanggal lahir, alamat). Simpan di tempat aman, jangan kirim lewat grup percakapan atau unggah ke tempat umum, dan hapus bila tidak diperlukan lagi (UU 27/2022 Pelindungan Data Pribadi).</source>
        <translation>This file holds voters&apos; personal data (NIK, NKK, names, dates of birth, addresses). Keep it somewhere safe, do not send it through chat groups or upload it anywhere public, and delete it when it is no longer needed (Law 27/2022 on Personal Data Protection).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="192"/>
        <source>Rekap ini berisi jumlah pemilih, tanpa NIK atau nama. Angka kecil (misalnya disabilitas per TPS) dapat mengenali orang: bagikan hanya untuk keperluan KPU.</source>
        <translation>This summary holds voter counts, no NIK or names. Small numbers (such as disabilities per TPS) can identify people: share it only for KPU purposes.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="206"/>
        <source>Daftar pemilih Model A dicetak per TPS. Pilih satu TPS di sebelah kiri.</source>
        <translation>The Model A voter list is printed per TPS. Choose one TPS on the left.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="212"/>
        <source>Laporan tidak tersimpan di %1. Periksa bahwa folder itu ada, boleh ditulis dan disk tidak penuh; lalu coba lagi atau pilih folder lain.</source>
        <translation>The report was not saved to %1. Check that the folder exists, can be written to and the disk is not full; then try again or choose another folder.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="223"/>
        <source>Berkas sudah ada</source>
        <translation>File already exists</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="224"/>
        <source>Berkas %1 sudah ada di folder itu. Ganti dengan laporan baru?</source>
        <translation>%1 already exists in that folder. Replace it with the new report?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="229"/>
        <source>Ganti</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="230"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/exporter.py" line="240"/>
        <source>Tidak disimpan: %1 sudah ada dan tidak diganti.</source>
        <translation>Not saved: %1 already exists and was kept.</translation>
    </message>
</context>
<context>
    <name>FillFromNik</name>
    <message>
        <location filename="../../desktop_app/ui/nik_fill.py" line="51"/>
        <source>Isi dari NIK</source>
        <translation>Fill from NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/nik_fill.py" line="54"/>
        <source>Isi tanggal lahir dan jenis kelamin dari NIK (periksa dengan KTP-el)</source>
        <translation>Fill date of birth and sex from the NIK (check against the KTP-el)</translation>
    </message>
</context>
<context>
    <name>FindingList</name>
    <message>
        <location filename="../../desktop_app/ui/finding_list.py" line="102"/>
        <source>Kesalahan</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_list.py" line="102"/>
        <source>Peringatan</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="16"/>
        <source>Isi NIK dari KTP-el atau KK.</source>
        <translation>Enter the NIK from the KTP-el or KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="17"/>
        <source>NIK harus tepat 16 angka; cocokkan dengan kartu.</source>
        <translation>The NIK must be exactly 16 digits; check it against the card.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="18"/>
        <source>NIK hanya boleh berisi angka 0-9 (tanpa spasi, titik, huruf atau bintang).</source>
        <translation>The NIK may contain only the digits 0-9 (no spaces, dots, letters or asterisks).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="21"/>
        <source>Angka ke-7 dan ke-8 NIK (tanggal lahir) harus 01-31, atau 41-71 untuk perempuan.</source>
        <translation>Digits 7 and 8 of the NIK (day of birth) must be 01-31, or 41-71 for a woman.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="25"/>
        <source>Angka ke-9 dan ke-10 NIK (bulan lahir) harus 01-12.</source>
        <translation>Digits 9 and 10 of the NIK (month of birth) must be 01-12.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="28"/>
        <source>Angka ke-7 sampai ke-12 NIK bukan tanggal yang ada (misalnya 31 Februari).</source>
        <translation>Digits 7 to 12 of the NIK are not a real date (31 February, for example).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="31"/>
        <source>Empat angka terakhir NIK tidak boleh 0000.</source>
        <translation>The last four digits of the NIK cannot be 0000.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="32"/>
        <source>Dua angka pertama NIK bukan kode provinsi yang dikenal; periksa salah ketik.</source>
        <translation>The first two digits of the NIK are not a known province code; check for a typing mistake.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="35"/>
        <source>Jenis kelamin di NIK berbeda dengan yang dicatat (NIK perempuan: tanggal lahir + 40). Periksa KTP-el dan betulkan yang salah.</source>
        <translation>The sex encoded in the NIK differs from the one recorded (a woman&apos;s NIK has the day of birth + 40). Check the KTP-el and correct whichever is wrong.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="40"/>
        <source>Tanggal lahir di NIK berbeda dengan tanggal lahir yang dicatat. NIK tidak pernah berubah, jadi betulkan tanggal lahir bila itu yang salah.</source>
        <translation>The date of birth in the NIK differs from the recorded date of birth. A NIK never changes, so correct the date of birth if that is what is wrong.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="45"/>
        <source>NIK pertama kali terbit di kecamatan lain. Ini wajar setelah pindah atau pemekaran wilayah.</source>
        <translation>The NIK was first issued in another kecamatan. This is normal after a move or a region split.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="50"/>
        <source>NIK ini sudah ada di daftar; bila orangnya sama, tandai TMS-2 (ganda).</source>
        <translation>This NIK is already on the list; if it is the same person, mark TMS-2 (duplicate).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="53"/>
        <source>Isi NKK dari bagian atas KK.</source>
        <translation>Enter the NKK from the top of the KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="54"/>
        <source>NKK harus tepat 16 angka; cocokkan dengan KK.</source>
        <translation>The NKK must be exactly 16 digits; check it against the KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="55"/>
        <source>NKK hanya boleh berisi angka 0-9.</source>
        <translation>The NKK may contain only the digits 0-9.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="56"/>
        <source>Angka ke-7 dan ke-8 NKK (tanggal terbit) tampak tidak wajar; periksa KK.</source>
        <translation>Digits 7 and 8 of the NKK (day of issue) look wrong; check the KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="59"/>
        <source>Angka ke-9 dan ke-10 NKK (bulan terbit) tampak tidak wajar; periksa KK.</source>
        <translation>Digits 9 and 10 of the NKK (month of issue) look wrong; check the KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="62"/>
        <source>Tanggal terbit di NKK bukan tanggal yang ada; periksa KK.</source>
        <translation>The date of issue in the NKK is not a real date; check the KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="65"/>
        <source>Empat angka terakhir NKK tampak tidak wajar.</source>
        <translation>The last four digits of the NKK look wrong.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="66"/>
        <source>Dua angka pertama NKK bukan kode provinsi yang dikenal; periksa salah ketik.</source>
        <translation>The first two digits of the NKK are not a known province code; check for a typing mistake.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="69"/>
        <source>NKK diterbitkan di wilayah lain; wajar bila keluarga pindah.</source>
        <translation>The NKK was issued in another region; this is normal if the family moved.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="72"/>
        <source>NKK sama dengan NIK; salin nomor dari bagian atas KK.</source>
        <translation>The NKK is the same as the NIK; copy the number from the top of the KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="76"/>
        <source>Isi nama sesuai KTP-el atau KK.</source>
        <translation>Enter the name as on the KTP-el or KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="77"/>
        <source>Isi tempat lahir.</source>
        <translation>Enter the place of birth.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="78"/>
        <source>Isi tanggal lahir dari KTP-el atau KK: hak pilih bergantung padanya.</source>
        <translation>Enter the date of birth from the KTP-el or KK: the right to vote depends on it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="81"/>
        <source>Pilih status perkawinan.</source>
        <translation>Choose the marital status.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="82"/>
        <source>Pilih jenis kelamin.</source>
        <translation>Choose the sex.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="83"/>
        <source>Isi alamat (jalan/dukuh).</source>
        <translation>Enter the address (street/hamlet).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="84"/>
        <source>Isi RT.</source>
        <translation>Enter the RT.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="85"/>
        <source>Isi RW.</source>
        <translation>Enter the RW.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="86"/>
        <source>Pilih status KTP-el.</source>
        <translation>Choose the KTP-el status.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="87"/>
        <source>Nama berisi baris baru atau karakter kendali; ketik ulang dalam satu baris.</source>
        <translation>The name contains a line break or a control character; type it again on one line.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="90"/>
        <source>Tempat lahir berisi baris baru atau karakter kendali; ketik ulang.</source>
        <translation>The place of birth contains a line break or a control character; type it again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="93"/>
        <source>Alamat berisi baris baru atau karakter kendali; ketik ulang.</source>
        <translation>The address contains a line break or a control character; type it again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="96"/>
        <source>Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT atau HHBBTTTT.</source>
        <translation>The date of birth must be a real date, written DD-MM-YYYY or DDMMYYYY.</translation>
    </message>
    <message>
        <source>Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT.</source>
        <translation type="vanished">The date of birth must be a real date, written DD-MM-YYYY.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="99"/>
        <source>Tanggal lahir sesudah hari pemungutan suara; cocokkan dengan KTP-el atau KK.</source>
        <translation>The date of birth is after election day; check it against the KTP-el or KK.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="102"/>
        <source>Jenis kelamin harus L atau P.</source>
        <translation>Sex must be L (male) or P (female).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="103"/>
        <source>Status perkawinan harus B (belum), S (sudah) atau P (pernah kawin).</source>
        <translation>Marital status must be B (never married), S (married) or P (previously married).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="106"/>
        <source>RT harus angka, 1 sampai 3 digit.</source>
        <translation>The RT must be a number of 1 to 3 digits.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="107"/>
        <source>RW harus angka, 1 sampai 3 digit.</source>
        <translation>The RW must be a number of 1 to 3 digits.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="108"/>
        <source>Disabilitas harus 0 (tidak ada) atau jenis 1 sampai 6.</source>
        <translation>Disability must be 0 (none) or a type from 1 to 6.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="111"/>
        <source>Status KTP-el harus S (sudah) atau B (belum memiliki).</source>
        <translation>KTP-el status must be S (has one) or B (does not have one yet).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="114"/>
        <source>Keterangan harus ✓, U, B atau kode TMS 1-8.</source>
        <translation>Keterangan must be ✓, U, B or a TMS code 1-8.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="117"/>
        <source>TPS harus kode desa ditambah nomor 3 angka, misalnya 61.11.02.2003.001.</source>
        <translation>The TPS must be a village code plus a 3-digit number, for example 61.11.02.2003.001.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="120"/>
        <source>Pemilih baru belum punya DPID. Bila orangnya sudah ada di daftar, catat ubah pada barisnya.</source>
        <translation>A new voter has no DPID yet. If the person is already on the list, record an update on their row.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="125"/>
        <source>Tanggal lahir sesudah hari ini: tidak mungkin, apa pun status perkawinannya. Salin lagi dari KTP-el, KK atau akta kelahiran.</source>
        <translation>The date of birth is after today: impossible, whatever the marital status. Copy it again from the KTP-el, KK or birth certificate.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="130"/>
        <source>Hak pilih orang ini dicabut oleh putusan pengadilan: tidak dapat didaftar sebagai pemilih.</source>
        <translation>This person&apos;s right to vote was revoked by a court ruling: they cannot be registered as a voter.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="135"/>
        <source>Anggota TNI/Polri aktif tidak memilih (TMS-6 TNI, TMS-7 Polri). Yang sudah berhenti didaftar dengan SK pemberhentian.</source>
        <translation>Serving TNI/Polri members do not vote (TMS-6 TNI, TMS-7 Polri). Someone who has left is registered with the SK pemberhentian.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="140"/>
        <source>Status TNI/Polri harus kosong, aktif atau berhenti.</source>
        <translation>TNI/Polri status must be none, serving or left.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="143"/>
        <source>Orang yang sudah berhenti dari TNI/Polri didaftar dengan SK pemberhentian: isi nomornya.</source>
        <translation>Someone who has left TNI/Polri is registered with the SK pemberhentian: enter its number.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="147"/>
        <source>Nomor SK berisi baris baru atau karakter kendali; ketik ulang.</source>
        <translation>The SK number contains a line break or a control character; type it again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="150"/>
        <source>Isian ini harus ya atau tidak.</source>
        <translation>This field must be yes or no.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="151"/>
        <source>Belum 17 tahun pada hari pemungutan suara dan belum pernah kawin: tidak dapat memilih (TMS-3 di bawah umur).</source>
        <translation>Not yet 17 on election day and never married: cannot vote (TMS-3, under age).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="157"/>
        <source>Tidak ada yang berbeda dari daftar; tandai Sesuai (✓), bukan Ubah.</source>
        <translation>Nothing differs from the list; mark it Correct (✓), not Update.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="160"/>
        <source>Hanya elemen Model A-Daftar Pemilih yang dapat diubah.</source>
        <translation>Only the elements of the Model A-Daftar Pemilih can be updated.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="164"/>
        <source>Pilih kode TMS 1 sampai 8.</source>
        <translation>Choose a TMS code from 1 to 8.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="165"/>
        <source>Pilih bukti yang dilihat untuk kode TMS ini.</source>
        <translation>Choose the evidence seen for this TMS code.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="168"/>
        <source>Bukti ini tidak diterima untuk kode TMS ini; pilih dari daftar.</source>
        <translation>This evidence is not accepted for this TMS code; choose one from the list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="171"/>
        <source>Isi nomor atau keterangan bukti.</source>
        <translation>Enter the evidence&apos;s number or description.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="172"/>
        <source>NIK data lain tidak sah; periksa kembali.</source>
        <translation>The other record&apos;s NIK is not valid; check it again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="175"/>
        <source>Data tidak bisa ganda dengan dirinya sendiri: isi NIK atau id data lain.</source>
        <translation>A record cannot be a duplicate of itself: enter the other record&apos;s NIK or id.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="178"/>
        <source>Pilih TPS tujuan di desa yang sama.</source>
        <translation>Choose the target TPS in the same village.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="179"/>
        <source>TPS pemilih saat ini tidak diketahui; TMS-8 tidak dapat diperiksa.</source>
        <translation>The voter&apos;s current TPS is not known; the TMS-8 cannot be checked.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="182"/>
        <source>TMS-8 hanya untuk TPS di desa yang sama; pemilih yang tinggal di desa lain adalah TMS-4 (pindah domisili).</source>
        <translation>TMS-8 is only for a TPS in the same village; a voter who lives in another village is TMS-4 (moved away).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="187"/>
        <source>TMS-3 hanya untuk yang belum 17 tahun dan belum pernah kawin. Menurut daftar orang ini sudah/pernah kawin, jadi boleh memilih berapa pun usianya. Bila status perkawinan salah, betulkan dulu dengan Ubah.</source>
        <translation>TMS-3 is only for someone under 17 who has never married. The list says this person is or was married, so they may vote whatever their age. If the marital status is wrong, correct it first with Update.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="193"/>
        <source>Menurut tanggal lahir di daftar, orang ini sudah 17 tahun pada hari pemungutan suara: TMS-3 bertentangan dengan daftar. Tandai hanya bila dokumen yang dilihat menunjukkan tanggal lahir lain, dan betulkan juga tanggalnya dengan Ubah.</source>
        <translation>By the date of birth on the list, this person is 17 on election day: TMS-3 contradicts the list. Mark it only if the document seen shows another date of birth, and correct the date with Update too.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="199"/>
        <source>Tidak ada data lain dengan NIK atau id ini di daftar laptop ini. Mungkin ada di daftar desa lain; bila tidak, periksa nomornya.</source>
        <translation>No other record with this NIK or id is on this laptop&apos;s list. It may be on another village&apos;s list; if not, check the number.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="204"/>
        <source>Data lain itu sendiri sudah ditandai TMS; bila yang ini juga ditandai, orangnya hilang dari daftar. TMS-2 menyebut data yang tetap.</source>
        <translation>The other record is itself already marked TMS; if this one is marked too, the person drops off the list. A TMS-2 names the record that stays.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="209"/>
        <source>Daftar tidak mendukung kode TMS ini: lampirkan foto atau pindaian bukti agar KPU melihat mengapa daftar salah.</source>
        <translation>The list does not support this TMS code: attach a photo or scan of the evidence so KPU can see why the list is wrong.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="214"/>
        <source>TPS tujuan sama dengan TPS sekarang; pilih TPS yang benar.</source>
        <translation>The target TPS is the current TPS; choose the right TPS.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="217"/>
        <source>TMS-8 memindahkan pemilih ke TPS yang benar: catat sebagai pemindahan dengan TPS tujuannya, agar pemilih langsung ditambahkan di sana.</source>
        <translation>TMS-8 moves the voter to the right TPS: record it as a move with the target TPS, so the voter is added there in the same step.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="222"/>
        <source>Pemilih yang dipindahkan harus ditambahkan di TPS tujuan TMS-8.</source>
        <translation>The moved voter must be added at the TPS the TMS-8 names.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/finding_text.py" line="225"/>
        <source>Pemilih yang dipindahkan dengan TMS-8 harus orang yang sama (NIK sama); orang lain didaftarkan sebagai pemilih baru.</source>
        <translation>The voter moved by a TMS-8 must be the same person (same NIK); register anyone else as a new voter.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="85"/>
        <source>Selamat datang di Lapang</source>
        <translation>Welcome to Lapang</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="117"/>
        <source>Laptop ini belum menyimpan data Lapang. Data pemilih akan disimpan terenkripsi; hanya petugas dengan frasa sandi yang dapat membukanya.</source>
        <translation>This laptop holds no Lapang data yet. Voter data will be stored encrypted; only officers with a passphrase can open it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="122"/>
        <source>&amp;Buat data baru untuk petugas di laptop ini</source>
        <translation>&amp;Create new data for an officer on this laptop</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="124"/>
        <source>Daftar dengan &amp;kode dari KPU</source>
        <translation>Enrol with a &amp;code from KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="135"/>
        <source>Mode &amp;demo (data contoh, bukan data asli)</source>
        <translation>&amp;Demo mode (sample data, not real data)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="141"/>
        <source>&amp;Lanjut</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="197"/>
        <source>Pilih frasa sandi paling sedikit %1 karakter — satu kalimat pendek mudah diingat dan sulit ditebak. Bila lupa, hanya TI KPU yang dapat memulihkan data dengan kunci pemulihan.</source>
        <translation>Choose a passphrase of at least %1 characters — a short sentence is easy to remember and hard to guess. If it is forgotten, only KPU IT can recover the data with the recovery key.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="166"/>
        <location filename="../../desktop_app/ui/wizard.py" line="225"/>
        <source>&amp;Buat dan buka</source>
        <translation>&amp;Create and open</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="128"/>
        <source>Buat data untuk petugas, lalu daftarkan laptop ini ke server KPU dan unduh daftar pemilih wilayah Anda.</source>
        <translation>Create the officer&apos;s data, then enrol this laptop with the KPU server and download your area&apos;s voter list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="164"/>
        <source>Buat dan &amp;lanjut</source>
        <translation>Create and &amp;continue</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="228"/>
        <source>&amp;Kembali</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="231"/>
        <source>Nama &amp;petugas:</source>
        <translation>Officer &amp;name:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="232"/>
        <source>&amp;Frasa sandi:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="234"/>
        <source>&amp;Ulangi frasa sandi:</source>
        <translation>&amp;Repeat passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="261"/>
        <source>Kekuatan: —</source>
        <translation>Strength: —</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="265"/>
        <source>lemah</source>
        <translation>weak</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="265"/>
        <source>cukup</source>
        <translation>fair</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="265"/>
        <source>kuat</source>
        <translation>strong</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="267"/>
        <source>Kekuatan: %1</source>
        <translation>Strength: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="275"/>
        <source>Isi nama petugas.</source>
        <translation>Enter the officer&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="279"/>
        <source>Kedua frasa sandi berbeda; ketik ulang.</source>
        <translation>The two passphrases differ; type them again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="316"/>
        <source>Membuat data demo: %1 pemilih rekaan di beberapa desa contoh. Semua orang di sini fiktif.
Untuk membuka lagi nanti: petugas &quot;%2&quot;, frasa sandi &quot;%3&quot;.</source>
        <translation>Creating demo data: %1 invented voters in a few sample villages. Everyone here is fictional.
To open it again later: officer &quot;%2&quot;, passphrase &quot;%3&quot;.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/wizard.py" line="339"/>
        <source>Menyiapkan data…</source>
        <translation>Preparing data…</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="17"/>
        <source>NKK</source>
        <translation>NKK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="18"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="19"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="20"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="21"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="22"/>
        <source>Status perkawinan</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="23"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="24"/>
        <source>Alamat (jalan/dukuh)</source>
        <translation>Address (street/hamlet)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="25"/>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="26"/>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="27"/>
        <source>Disabilitas</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="28"/>
        <source>KTP-el</source>
        <translation>KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="29"/>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="30"/>
        <source>Keterangan</source>
        <translation>Remark</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="34"/>
        <source>Belum kawin</source>
        <translation>Never married</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="35"/>
        <source>Sudah kawin</source>
        <translation>Married</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="36"/>
        <source>Pernah kawin</source>
        <translation>Previously married</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="39"/>
        <source>Laki-laki</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="40"/>
        <source>Perempuan</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="43"/>
        <source>Sudah memiliki KTP-el</source>
        <translation>Has a KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="44"/>
        <source>Belum memiliki KTP-el</source>
        <translation>No KTP-el yet</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="47"/>
        <source>Tidak ada</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="48"/>
        <source>Fisik</source>
        <translation>Physical</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="49"/>
        <source>Intelektual</source>
        <translation>Intellectual</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="50"/>
        <source>Mental</source>
        <translation>Mental</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="51"/>
        <source>Sensorik wicara</source>
        <translation>Sensory (speech)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="52"/>
        <source>Sensorik rungu</source>
        <translation>Sensory (hearing)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="53"/>
        <source>Sensorik netra</source>
        <translation>Sensory (sight)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="59"/>
        <source>Meninggal dunia</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="60"/>
        <source>Ganda</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="61"/>
        <source>Di bawah umur</source>
        <translation>Under age</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="62"/>
        <source>Pindah domisili</source>
        <translation>Moved away</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="63"/>
        <source>Tidak dikenal</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="64"/>
        <source>TNI</source>
        <translation>TNI (military)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="65"/>
        <source>Polri</source>
        <translation>Polri (police)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="66"/>
        <source>Salah penempatan TPS</source>
        <translation>Wrong TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="70"/>
        <source>Surat keterangan kematian</source>
        <translation>Death certificate letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="73"/>
        <source>Akta kematian</source>
        <translation>Death certificate</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="74"/>
        <source>Surat RT/desa</source>
        <translation>RT/village letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="75"/>
        <source>Pernyataan keluarga</source>
        <translation>Family statement</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="76"/>
        <source>Data ganda (NIK/id data lain)</source>
        <translation>Duplicate record (other record&apos;s NIK/id)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="77"/>
        <source>Dokumen tanggal lahir (KTP-el, KK, akta)</source>
        <translation>Birth-date document (KTP-el, KK, birth certificate)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="80"/>
        <source>KK baru</source>
        <translation>New KK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="81"/>
        <source>KTP-el baru</source>
        <translation>New KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="82"/>
        <source>SKPWNI</source>
        <translation>SKPWNI (moving certificate)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="83"/>
        <source>Surat pernyataan</source>
        <translation>Statement</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="84"/>
        <source>Kartu tanda anggota (KTA)</source>
        <translation>Membership card (KTA)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="85"/>
        <source>TPS tujuan</source>
        <translation>Target TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="130"/>
        <source>✓ Sesuai</source>
        <translation>✓ Correct</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="132"/>
        <source>U Ubah</source>
        <translation>U Updated</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="134"/>
        <source>B Baru</source>
        <translation>B New</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="136"/>
        <source>TMS-%1 %2</source>
        <translation>TMS-%1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/labels.py" line="137"/>
        <source>Belum dicek</source>
        <translation>Not checked</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="78"/>
        <location filename="../../desktop_app/ui/app.py" line="184"/>
        <source>Lapang — Meja Lapangan</source>
        <translation>Lapang — Field Desk</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="158"/>
        <source>Lapang — %1</source>
        <translation>Lapang — %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="160"/>
        <source> (DEMO: data rekaan)</source>
        <translation> (DEMO: invented data)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="278"/>
        <source>Lapang sudah terbuka untuk folder data ini (%1). Gunakan jendela Lapang yang sudah terbuka (lihat bilah tugas), atau tutup jendela itu dulu.</source>
        <translation>Lapang is already open for this data folder (%1). Use the Lapang window that is open (see the taskbar), or close that window first.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="289"/>
        <source>Lapang sudah terbuka</source>
        <translation>Lapang is already open</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="303"/>
        <source>Lapang tidak dapat dimulai</source>
        <translation>Lapang cannot start</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/app.py" line="305"/>
        <source>Pengaturan aplikasi di laptop ini rusak atau tidak lengkap, jadi Lapang tidak dimulai. Data Anda tidak berubah. Hubungi TI KPU dan sebutkan pesan di bawah.</source>
        <translation>This laptop&apos;s app settings are damaged or incomplete, so Lapang did not start. Your data is unchanged. Contact KPU IT and quote the message below.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="20"/>
        <source>Laptop ini belum disiapkan TI KPU: kunci pemulihan KPU belum diatur (recovery_public_key di bagian [keys] pada deployment.toml). Data yang dibuat sekarang tidak akan pernah dapat dipulihkan bila frasa sandi lupa, jadi tidak dibuat. Hubungi TI KPU, atau pilih Mode demo untuk mencoba.</source>
        <translation>This laptop has not been set up by KPU IT: the KPU recovery key is not configured (recovery_public_key under [keys] in deployment.toml). Data created now could never be recovered if the passphrase is forgotten, so none is created. Contact KPU IT, or choose Demo mode to try the app.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="28"/>
        <source>Frasa sandi salah. Periksa Caps Lock dan coba lagi.</source>
        <translation>Wrong passphrase. Check Caps Lock and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="32"/>
        <source>Catatan percobaan frasa sandi yang salah rusak, jadi jumlah percobaan tidak diketahui. Tunggu %1 detik lalu coba lagi; setelah itu semuanya berjalan biasa.</source>
        <translation>The record of wrong passphrase attempts is damaged, so the number of attempts is unknown. Wait %1 seconds, then try again; after that everything works as usual.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="37"/>
        <source>Terlalu banyak percobaan salah. Tunggu %1 detik lalu coba lagi.</source>
        <translation>Too many wrong attempts. Wait %1 seconds, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="41"/>
        <source>Catatan percobaan frasa sandi tidak dapat ditulis di folder data, jadi frasa sandi tidak diperiksa. Data tidak berubah; hubungi TI KPU (izin folder atau ruang disk).</source>
        <translation>The record of passphrase attempts cannot be written in the data folder, so the passphrase is not checked. Your data is unchanged; contact KPU IT (folder permissions or disk space).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="47"/>
        <source>Data Lapang sedang dibuka program lain (mungkin program cadangan atau antivirus), jadi belum dapat dibuka. Data tidak berubah. Tutup program itu atau tunggu sampai selesai, lalu coba lagi.</source>
        <translation>Lapang&apos;s data is open in another program (a backup or antivirus program, perhaps), so it cannot be opened yet. The data was not changed. Close that program or wait until it finishes, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="54"/>
        <source>Data di laptop ini rusak atau tidak lengkap, dan tidak diubah. Jangan hapus apa pun; hubungi TI KPU untuk pemulihan dengan kunci pemulihan.</source>
        <translation>The data on this laptop is damaged or incomplete, and was not changed. Do not delete anything; contact KPU IT to recover it with the recovery key.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="60"/>
        <source>Belum ada data Lapang di folder ini.</source>
        <translation>There is no Lapang data in this folder yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="62"/>
        <source>Sudah ada data Lapang di folder ini; data itu tidak diubah. Buka kuncinya.</source>
        <translation>This folder already holds Lapang data; it was not changed. Unlock it instead.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="66"/>
        <source>Frasa sandi terlalu lemah: paling sedikit 8 karakter dan tidak berulang-ulang. Satu kalimat pendek mudah diingat dan sulit ditebak.</source>
        <translation>The passphrase is too weak: at least 8 characters, not too repetitive. A short sentence is easy to remember and hard to guess.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="72"/>
        <source>Isi nama petugas.</source>
        <translation>Enter the officer&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="74"/>
        <source>Data ini dibuat oleh Lapang versi yang lebih baru, atau pembaruan gagal. Data tidak diubah; pasang versi terbaru atau hubungi TI KPU.</source>
        <translation>This data was written by a newer Lapang, or the upgrade failed. The data was not changed; install the latest version or contact KPU IT.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="80"/>
        <source>Pemilih ini tidak ada lagi di data laptop ini; muat ulang daftar.</source>
        <translation>This voter is no longer in this laptop&apos;s data; reload the list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="90"/>
        <source>Data ditolak: %1</source>
        <translation>Refused: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="93"/>
        <source>Bukti harus foto JPEG/PNG atau pindaian PDF.</source>
        <translation>Evidence must be a JPEG/PNG photo or a PDF scan.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="95"/>
        <source>Berkas bukti %1 MB; batasnya 10 MB. Ambil foto dengan resolusi lebih kecil.</source>
        <translation>The evidence file is %1 MB; the limit is 10 MB. Take the photo at a lower resolution.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="100"/>
        <source>Berkas bukti kosong; pilih berkas lain.</source>
        <translation>The evidence file is empty; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="102"/>
        <source>Berkas bukti %1 sedang dibuka program lain (mungkin program pemindai). Tutup program itu atau tunggu sampai selesai, lalu pilih berkas itu lagi.</source>
        <translation>The evidence file %1 is open in another program (the scanner program, perhaps). Close that program or wait until it finishes, then choose the file again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="107"/>
        <source>Berkas bukti tidak dapat dibaca; pilih berkas lain.</source>
        <translation>The evidence file cannot be read; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="109"/>
        <source>Aplikasi terkunci; buka kunci terlebih dahulu.</source>
        <translation>The desk is locked; unlock it first.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="113"/>
        <source>Tidak dapat disimpan: %1</source>
        <translation>Could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="115"/>
        <source>Berkas tidak dapat dibaca atau ditulis: %1</source>
        <translation>The file cannot be read or written: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="118"/>
        <source>Terjadi kesalahan tak terduga (%1). Data yang sudah disimpan aman.</source>
        <translation>An unexpected error occurred (%1). Data already saved is safe.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="125"/>
        <source>Berkas %1 sedang dibuka program lain (mungkin Excel atau pembaca PDF), jadi tidak dapat diganti. Tutup berkas itu lalu coba lagi. Berkas itu tidak diubah.</source>
        <translation>The file %1 is open in another program (Excel or a PDF reader, perhaps), so it cannot be replaced. Close that file and try again. The file was not changed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="134"/>
        <source>Hanya pemilih bertanda TMS yang dapat dipulihkan (P).</source>
        <translation>Only a voter marked TMS can be restored (P).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="136"/>
        <source>Pemilih ini sudah tercatat Ubah; Sesuai tidak menimpa perbaikannya. Tekan ↓ untuk lanjut ke baris berikutnya.</source>
        <translation>This voter is already recorded as Updated; Correct does not overwrite the correction. Press ↓ to go on to the next row.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="142"/>
        <source>Pemilih ini tercatat Baru; pemilih baru tidak ditandai Sesuai. Tekan ↓ untuk lanjut ke baris berikutnya.</source>
        <translation>This voter is recorded as New; a new voter is not marked Correct. Press ↓ to go on to the next row.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/messages.py" line="147"/>
        <source>Pemilih ini bertanda TMS. Bila ternyata memenuhi syarat, pulihkan dulu (P), lalu tandai Sesuai.</source>
        <translation>This voter is marked TMS. If the voter is eligible after all, restore first (P), then mark Correct.</translation>
    </message>
</context>
<context>
    <name>NewVoterDialog</name>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="55"/>
        <source>Tambah pemilih baru</source>
        <translation>Add a new voter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="60"/>
        <source>Orang yang memenuhi syarat tetapi belum ada di daftar. Semua elemen wajib diisi dari KTP-el, KK atau biodata.</source>
        <translation>A qualified person who is not on the list yet. Fill every element from the KTP-el, KK or biodata.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="69"/>
        <source>TPS %1 (%2)</source>
        <translation>TPS %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="77"/>
        <source>&amp;TPS:</source>
        <translation>&amp;TPS:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="116"/>
        <source>Syarat lain</source>
        <translation>Other requirements</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="119"/>
        <source>Bukan anggota TNI/Polri</source>
        <translation>Not a TNI/Polri member</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="121"/>
        <source>Sudah berhenti dari TNI/Polri (SK pemberhentian)</source>
        <translation>Left TNI/Polri (SK pemberhentian)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="123"/>
        <source>Anggota TNI/Polri aktif</source>
        <translation>Active TNI/Polri member</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="126"/>
        <source>nomor SK pemberhentian</source>
        <translation>number of the SK pemberhentian</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="127"/>
        <source>Hak pilih &amp;dicabut oleh putusan pengadilan</source>
        <translation>Right to vote &amp;revoked by a court decision</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="130"/>
        <source>TNI/&amp;Polri:</source>
        <translation>TNI/&amp;Polri:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="132"/>
        <source>Nomor S&amp;K:</source>
        <translation>S&amp;K number:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="181"/>
        <source>%n isian belum benar atau belum diisi.</source>
        <translation>
            <numerusform>%n field is wrong or empty.</numerusform>
            <numerusform>%n fields are wrong or empty.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="186"/>
        <source>Ada %n peringatan. Periksa, lalu Simpan bila data sudah benar.</source>
        <translation>
            <numerusform>%n warning. Check it, then Save if the data is right.</numerusform>
            <numerusform>%n warnings. Check them, then Save if the data is right.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/new_voter_dialog.py" line="193"/>
        <source>Semua isian lengkap.</source>
        <translation>Every field is complete.</translation>
    </message>
</context>
<context>
    <name>OutcomeActions</name>
    <message>
        <location filename="../../desktop_app/ui/outcome_actions.py" line="57"/>
        <source>Selesaikan dulu jendela yang terbuka.</source>
        <translation>Finish the open window first.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_actions.py" line="69"/>
        <source>sudah Sesuai; tidak ada yang disimpan lagi.</source>
        <translation>already Correct; nothing saved again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_actions.py" line="83"/>
        <source>Tanda TMS dicabut; pemilih kembali belum dicek.</source>
        <translation>TMS mark removed; the voter is unchecked again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_actions.py" line="110"/>
        <source>Pemilih ini bertanda TMS; tekan P untuk memulihkannya.</source>
        <translation>This voter is marked TMS; press P to restore the voter.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_actions.py" line="127"/>
        <source>Baris %1:</source>
        <translation>Row %1:</translation>
    </message>
</context>
<context>
    <name>OutcomeChart</name>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="243"/>
        <source>Grafik hasil coklit per jenis kelamin</source>
        <translation>Chart of coklit results by sex</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="244"/>
        <source>Laki-laki (L)</source>
        <translation>Male (L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="244"/>
        <source>Perempuan (P)</source>
        <translation>Female (P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="245"/>
        <source>Belum ada pemilih di wilayah ini.</source>
        <translation>No voters in this area yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="253"/>
        <source>Hasil pengecekan</source>
        <translation>Check results</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="255"/>
        <source>Disabilitas (pemilih yang memenuhi syarat)</source>
        <translation>Disabilities (eligible voters)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="267"/>
        <source>%1  (L %2 · P %3)</source>
        <translation>%1  (L %2 · P %3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="271"/>
        <source>%1: %2 laki-laki, %3 perempuan, jumlah %4</source>
        <translation>%1: %2 male, %3 female, total %4</translation>
    </message>
</context>
<context>
    <name>OutcomeKeyQueue</name>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/outcome_keys.py" line="77"/>
        <source>%n tombol berikutnya tidak dipakai.</source>
        <translation>
            <numerusform>%n following key was not used.</numerusform>
            <numerusform>%n following keys were not used.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_keys.py" line="92"/>
        <source>Daftar yang ditampilkan berganti.</source>
        <translation>The list shown has changed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_keys.py" line="96"/>
        <source>Baris yang dipilih berpindah sebelum tombol berikutnya.</source>
        <translation>The selected row moved before the next key.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_keys.py" line="101"/>
        <source>Tidak ada pemilih yang dipilih.</source>
        <translation>No voter is selected.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/outcome_keys.py" line="114"/>
        <source>Sudah di baris terakhir daftar.</source>
        <translation>Already at the last row of the list.</translation>
    </message>
</context>
<context>
    <name>PaperChoice</name>
    <message>
        <location filename="../../desktop_app/ui/paper_choice.py" line="16"/>
        <source>Ukuran kertas untuk PDF yang dicetak</source>
        <translation>Paper size for printed PDFs</translation>
    </message>
</context>
<context>
    <name>PartsChart</name>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="294"/>
        <source>Grafik kemajuan coklit per TPS</source>
        <translation>Chart of coklit progress per TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="296"/>
        <source>Sesuai</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="297"/>
        <source>Ubah</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="298"/>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="299"/>
        <source>TMS</source>
        <translation>TMS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="300"/>
        <source>Belum dicek</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="302"/>
        <source>Tidak ada TPS di bawah wilayah ini.</source>
        <translation>No TPS below this area.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="323"/>
        <source>%1 dari %2 dicek (%3%)</source>
        <translation>%1 of %2 checked (%3%)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/charts.py" line="327"/>
        <source>%1: sesuai %2, ubah %3, baru %4, TMS %5, belum dicek %6</source>
        <translation>%1: correct %2, updated %3, new %4, TMS %5, not checked %6</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="61"/>
        <source>&amp;Cetak tanda terima…</source>
        <translation>&amp;Print receipt…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="63"/>
        <source>Pendaftaran &amp;baru</source>
        <translation>&amp;New application</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="98"/>
        <source>Pendaftaran diterima. Nomor pendaftaran: %1</source>
        <translation>Application received. Application number: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="104"/>
        <source>%1 · %2 · %3 Pendaftaran yang sudah dikirim tidak dapat diubah lagi.</source>
        <translation>%1 · %2 · %3 A submitted application can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="114"/>
        <source>Tahap di KPU: %1 — %2</source>
        <translation>Stage at KPU: %1 — %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="125"/>
        <source>Dokumen belum lengkap (dicatat di tanda terima; pelamar melengkapinya sebelum penelitian administrasi): %1</source>
        <translation>Documents missing (listed on the receipt; the applicant brings them before the administrative check): %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="143"/>
        <source>Simpan tanda terima (PDF)</source>
        <translation>Save receipt (PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="146"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/receipt_panel.py" line="183"/>
        <source>Tanda terima disimpan di %1. Berkas ini berisi data pribadi pelamar (nama dan sebagian NIK) dan tidak terenkripsi: cetak dan serahkan kepada pelamar, lalu hapus berkasnya atau simpan di tempat yang aman.</source>
        <translation>Receipt saved to %1. The file holds the applicant&apos;s personal data (name and part of the NIK) and is not encrypted: print it and hand it to the applicant, then delete the file or keep it somewhere safe.</translation>
    </message>
</context>
<context>
    <name>Recruitment</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="26"/>
        <source>PPK — Panitia Pemilihan Kecamatan</source>
        <translation>PPK — sub-district election committee</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="27"/>
        <source>PPS — Panitia Pemungutan Suara (desa)</source>
        <translation>PPS — village voting committee</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="28"/>
        <source>KPPS — Kelompok Penyelenggara Pemungutan Suara (TPS)</source>
        <translation>KPPS — polling station working group (TPS)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="31"/>
        <source>Pantarlih — Petugas Pemutakhiran Data Pemilih (TPS)</source>
        <translation>Pantarlih — voter list updating officer (TPS)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="44"/>
        <source>Warga Negara Indonesia</source>
        <translation>Indonesian citizen</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="45"/>
        <source>Setia kepada Pancasila, UUD 1945, NKRI dan Bhinneka Tunggal Ika</source>
        <translation>Loyal to Pancasila, the 1945 Constitution, the Unitary State and Bhinneka Tunggal Ika</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="48"/>
        <source>Tidak menjadi anggota partai politik, atau sudah keluar paling singkat 5 tahun</source>
        <translation>Not a political party member, or left at least 5 years ago</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="52"/>
        <source>Tidak pernah dipidana penjara karena tindak pidana yang diancam 5 tahun atau lebih</source>
        <translation>Never imprisoned for a crime punishable by 5 years or more</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="56"/>
        <source>Sehat jasmani, rohani, dan bebas penyalahgunaan narkotika</source>
        <translation>Physically and mentally healthy, and free of drug abuse</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="59"/>
        <source>Tidak pernah diberhentikan tetap oleh KPU atau DKPP</source>
        <translation>Never permanently dismissed by KPU or DKPP</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="62"/>
        <source>Bukan tim kampanye atau saksi peserta pemilihan dalam 5 tahun terakhir</source>
        <translation>Not a campaign team member or a contestant&apos;s witness in the last 5 years</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="65"/>
        <source>Tidak memiliki penyakit penyerta (komorbid)</source>
        <translation>No comorbidity</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="68"/>
        <source>Mampu menggunakan perangkat teknologi informasi</source>
        <translation>Able to use IT devices</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="74"/>
        <source>Surat pendaftaran</source>
        <translation>Registration letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="75"/>
        <source>Fotokopi KTP-el</source>
        <translation>KTP-el copy</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="76"/>
        <source>Fotokopi ijazah terakhir</source>
        <translation>Copy of the latest diploma</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="77"/>
        <source>Surat pernyataan</source>
        <translation>Statement letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="78"/>
        <source>Surat keterangan dari partai politik</source>
        <translation>Letter from the political party</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="81"/>
        <source>Surat keterangan sehat</source>
        <translation>Health certificate</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="82"/>
        <source>Daftar riwayat hidup</source>
        <translation>Curriculum vitae</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="83"/>
        <source>Pas foto 4×6</source>
        <translation>4×6 photo</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="87"/>
        <source>SD/sederajat</source>
        <translation>Primary school or equivalent</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="88"/>
        <source>SMP/sederajat</source>
        <translation>Junior high school or equivalent</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="89"/>
        <source>SMA/SMK/MA/Paket C</source>
        <translation>Senior high school (SMA/SMK/MA/Paket C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="90"/>
        <source>Diploma 1 (D1)</source>
        <translation>Diploma 1 (D1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="91"/>
        <source>Diploma 2 (D2)</source>
        <translation>Diploma 2 (D2)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="92"/>
        <source>Diploma 3 (D3)</source>
        <translation>Diploma 3 (D3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="93"/>
        <source>Diploma 4 (D4)</source>
        <translation>Diploma 4 (D4)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="94"/>
        <source>Sarjana (S1)</source>
        <translation>Bachelor (S1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="95"/>
        <source>Magister (S2)</source>
        <translation>Master (S2)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="96"/>
        <source>Doktor (S3)</source>
        <translation>Doctorate (S3)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="100"/>
        <source>Draf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="101"/>
        <source>Diterima</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="105"/>
        <source>Diterima · menunggu dikirim</source>
        <translation>Received · waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="106"/>
        <source>Terkirim ke KPU</source>
        <translation>Sent to KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="107"/>
        <source>Ditolak KPU</source>
        <translation>Refused by KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="110"/>
        <source>Tersimpan dan menunggu dikirim ke KPU pada sinkronisasi berikutnya.</source>
        <translation>Saved, and waiting to be sent to KPU with the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="114"/>
        <source>Sudah diterima dan dikonfirmasi server KPU.</source>
        <translation>Received and confirmed by the KPU server.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="115"/>
        <source>Ditolak server KPU; alasannya ada di Riwayat sinkronisasi (Ctrl+H).</source>
        <translation>Refused by the KPU server; the reason is in the sync history (Ctrl+H).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="123"/>
        <source>Pendaftaran</source>
        <translation>Registration</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="124"/>
        <source>Penelitian administrasi</source>
        <translation>Administrative check</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="125"/>
        <source>Tes tertulis (CAT)</source>
        <translation>Written test (CAT)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="126"/>
        <source>Tanggapan masyarakat</source>
        <translation>Public input</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="127"/>
        <source>Wawancara</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="128"/>
        <source>Pengumuman</source>
        <translation>Announcement</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="129"/>
        <source>Pelantikan</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="132"/>
        <source>Lulus</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="133"/>
        <source>Tidak lulus</source>
        <translation>Not passed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="134"/>
        <source>Cadangan</source>
        <translation>Reserve</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="135"/>
        <source>Ditetapkan</source>
        <translation>Appointed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="139"/>
        <source>Badan ad hoc</source>
        <translation>Ad hoc body</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="140"/>
        <source>Wilayah kerja</source>
        <translation>Working area</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="141"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="142"/>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="143"/>
        <source>Tempat lahir</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="144"/>
        <source>Tanggal lahir</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="145"/>
        <source>Jenis kelamin</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="146"/>
        <source>Alamat sesuai KTP-el</source>
        <translation>Address on the KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="147"/>
        <source>Domisili (desa/kelurahan)</source>
        <translation>Domicile (village)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="148"/>
        <source>Pendidikan terakhir</source>
        <translation>Highest education</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="149"/>
        <source>Pekerjaan</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="150"/>
        <source>Nomor HP/telepon</source>
        <translation>Mobile/phone number</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="151"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="152"/>
        <source>Tekanan darah sistolik</source>
        <translation>Systolic blood pressure</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="153"/>
        <source>Tekanan darah diastolik</source>
        <translation>Diastolic blood pressure</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="154"/>
        <source>Gula darah</source>
        <translation>Blood sugar</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="155"/>
        <source>Kolesterol</source>
        <translation>Cholesterol</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="156"/>
        <source>Tanggal keluar dari partai</source>
        <translation>Date left the party</translation>
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
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="63"/>
        <source>%1 · TPS ditentukan PPS kemudian · %2</source>
        <translation>%1 · TPS to be assigned by PPS · %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="73"/>
        <source>%1 · %2 pemilih · %3</source>
        <translation>%1 · %2 voters · %3</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="87"/>
        <source>PPK: 5 anggota per kecamatan; 15 pelamar terbaik (3× kursi) diwawancarai.</source>
        <translation>PPK: 5 members per kecamatan; the best 15 applicants (3× the seats) are interviewed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="92"/>
        <source>PPS: 3 anggota per desa/kelurahan; 6 pelamar terbaik diwawancarai (3 ditetapkan, 3 cadangan).</source>
        <translation>PPS: 3 members per village; the best 6 applicants are interviewed (3 appointed, 3 reserves).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="98"/>
        <source>KPPS: 7 anggota per TPS (1 ketua, 6 anggota).</source>
        <translation>KPPS: 7 members per TPS (1 chair, 6 members).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="102"/>
        <source>Pantarlih: 1 orang per TPS, 2 bila pemilihnya lebih dari 400.</source>
        <translation>Pantarlih: 1 per TPS, 2 when it has more than 400 voters.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/area_labels.py" line="106"/>
        <source>Pantarlih: %1 orang untuk TPS ini (%2 pemilih; 2 bila lebih dari 400).</source>
        <translation>Pantarlih: %1 for this TPS (%2 voters; 2 above 400).</translation>
    </message>
</context>
<context>
    <name>RecruitmentFindings</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="160"/>
        <source>Pilih wilayah kerja badan yang dilamar.</source>
        <translation>Choose the working area of the body applied for.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="163"/>
        <source>Wilayah kerja tidak cocok dengan tingkat badan ini; pilih lagi.</source>
        <translation>The working area does not fit this body&apos;s level; choose again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="166"/>
        <source>Wilayah kerja ini di luar wilayah tugas laptop ini; KPU akan menolak pendaftarannya. Pilih wilayah kerja di wilayah laptop ini.</source>
        <translation>This working area is outside this laptop&apos;s area; KPU would refuse the application. Choose a working area within this laptop&apos;s area.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="171"/>
        <source>Isi tanggal lahir dari KTP-el: usia dihitung darinya.</source>
        <translation>Enter the date of birth from the KTP-el: the age is counted from it.</translation>
    </message>
    <message>
        <source>Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT.</source>
        <translation type="vanished">The date of birth must be a real date, written DD-MM-YYYY.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="174"/>
        <source>Tanggal lahir harus tanggal yang ada, ditulis HH-BB-TTTT atau HHBBTTTT.</source>
        <translation>The date of birth must be a real date, written DD-MM-YYYY or DDMMYYYY.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="178"/>
        <source>Tanggal lahir sesudah hari ini: tidak mungkin. Salin lagi dari KTP-el.</source>
        <translation>The date of birth is after today: impossible. Copy it again from the KTP-el.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="182"/>
        <source>Isi tanggal keluar dari partai sesuai surat keterangan partai: mantan anggota harus sudah keluar paling singkat 5 tahun.</source>
        <translation>Enter the date the applicant left the party, as the party letter states it: former members must have been out for at least 5 years.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="187"/>
        <source>Tanggal keluar dari partai harus tanggal yang ada, HH-BB-TTTT.</source>
        <translation>The date of leaving the party must be a real date, DD-MM-YYYY.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="190"/>
        <source>Tanggal keluar dari partai sesudah tanggal pendaftaran: anggota partai tidak dapat mendaftar.</source>
        <translation>The date of leaving the party is after the registration date: a party member cannot apply.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="195"/>
        <source>Keluar dari partai kurang dari %1 tahun sebelum tanggal pendaftaran (PKPU 8/2022 Pasal 35); pendaftaran tidak dapat diterima.</source>
        <translation>Left the party less than %1 years before the registration date (PKPU 8/2022 Article 35); the application cannot be accepted.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="200"/>
        <source>Pelamar belum berusia %1 tahun pada hari pemungutan suara (%2); pendaftaran tidak dapat diterima.</source>
        <translation>The applicant is not yet %1 on election day (%2); the application cannot be received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="205"/>
        <source>Usia lebih dari %1 tahun pada hari pemungutan suara. Boleh diterima, tetapi pelamar yang lebih muda diutamakan bila jumlahnya cukup.</source>
        <translation>Older than %1 on election day. May be received, but younger applicants come first if there are enough.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="210"/>
        <source>Isi alamat sesuai KTP-el.</source>
        <translation>Enter the address on the KTP-el.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="211"/>
        <source>Isi pekerjaan (tulis &quot;tidak bekerja&quot; bila tidak bekerja).</source>
        <translation>Enter the occupation (write &quot;not working&quot; if none).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="214"/>
        <source>Pilih pendidikan terakhir yang sudah tamat.</source>
        <translation>Choose the highest completed education.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="217"/>
        <source>Pendidikan paling rendah SMA atau sederajat; pendaftaran tidak dapat diterima.</source>
        <translation>At least senior high school or equivalent is required; the application cannot be received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="221"/>
        <source>Pilih desa/kelurahan tempat pelamar tinggal.</source>
        <translation>Choose the village where the applicant lives.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="224"/>
        <source>Pelamar harus berdomisili di wilayah kerja badan yang dilamar.</source>
        <translation>The applicant must live in the working area of the body applied for.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="228"/>
        <source>Tanpa nomor HP: sepakati cara lain untuk menghubungi pelamar.</source>
        <translation>No phone number: agree on another way to reach the applicant.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="232"/>
        <source>Nomor HP/telepon harus 8 sampai 15 angka.</source>
        <translation>The phone number must be 8 to 15 digits.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="235"/>
        <source>Alamat email tidak sah; kosongkan bila tidak ada.</source>
        <translation>The e-mail address is not valid; leave it empty if there is none.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="238"/>
        <source>Centang setelah pelamar menandatangani pernyataan ini di surat pernyataan.</source>
        <translation>Tick once the applicant has signed this statement in the statement letter.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="242"/>
        <source>Belum diterima. Pendaftaran tetap dapat dikirim; tanda terima mencatat kekurangannya.</source>
        <translation>Not received. The application can still be submitted; the receipt lists what is missing.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="246"/>
        <source>Salin nilai ini dari surat keterangan sehat.</source>
        <translation>Copy this value from the health certificate.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="249"/>
        <source>Di atas batas umum; panitia mempertimbangkannya (surat dokter yang menentukan).</source>
        <translation>Above the usual limit; the panel takes it into account (the doctor&apos;s certificate decides).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/wording.py" line="253"/>
        <source>NIK ini sudah punya pendaftaran lain di laptop ini: %1.</source>
        <translation>This NIK already has another application on this laptop: %1.</translation>
    </message>
</context>
<context>
    <name>RecruitmentMessages</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="19"/>
        <source>%1 bukan foto JPEG/PNG atau pindaian PDF; pilih berkas lain.</source>
        <translation>%1 is not a JPEG/PNG photo or a PDF scan; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="24"/>
        <source>Berkas %1 MB; batasnya 10 MB. Pindai atau foto ulang dengan resolusi lebih kecil.</source>
        <translation>The file is %1 MB; the limit is 10 MB. Scan or photograph it again at a lower resolution.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="29"/>
        <source>Berkas %1 kosong; pilih berkas lain.</source>
        <translation>The file %1 is empty; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="33"/>
        <source>Berkas %1 sedang dibuka program lain (mungkin program pemindai). Tutup program itu atau tunggu sampai selesai, lalu pilih berkas itu lagi.</source>
        <translation>The file %1 is open in another program (the scanner program, perhaps). Close that program or wait until it finishes, then choose the file again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="38"/>
        <source>Berkas %1 tidak dapat dibaca; pilih berkas lain.</source>
        <translation>The file %1 cannot be read; choose another file.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="44"/>
        <source>Belum dapat dikirim: %1</source>
        <translation>Cannot be submitted yet: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="48"/>
        <source>Pendaftaran ini sudah dikirim dan tidak dapat diubah lagi.</source>
        <translation>This application was already submitted and can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="54"/>
        <source>Pendaftaran ini tidak ada di laptop ini; buka lagi dari daftar.</source>
        <translation>This application is not on this laptop; open it again from the list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/messages.py" line="58"/>
        <source>Tanda terima tidak dapat disimpan: %1</source>
        <translation>The receipt could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>RecruitmentSummary</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="131"/>
        <source>surat pernyataan</source>
        <translation>statement letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="138"/>
        <source>Belum dapat dikirim: %n isian perlu dilengkapi atau dibetulkan</source>
        <translation>Cannot be submitted yet: %n field(s) to complete or correct</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="147"/>
        <source>Dokumen belum diterima: %1. Boleh dikirim; tanda terima mencatat kekurangannya.</source>
        <translation>Documents not received: %1. It may be submitted; the receipt lists what is missing.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="154"/>
        <source>%n peringatan: periksa sebelum mengirim.</source>
        <translation>%n warning(s): check before submitting.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/checking.py" line="160"/>
        <source>✓ Semua persyaratan terpenuhi.</source>
        <translation>✓ All requirements met.</translation>
    </message>
</context>
<context>
    <name>RecruitmentWindow</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/window.py" line="41"/>
        <source>Pendaftaran badan ad hoc — PPK, PPS, KPPS, Pantarlih</source>
        <translation>Ad hoc body applications — PPK, PPS, KPPS, Pantarlih</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/window.py" line="57"/>
        <source>Memuat wilayah dan pendaftaran…</source>
        <translation>Loading areas and applications…</translation>
    </message>
</context>
<context>
    <name>RefusedTab</name>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="196"/>
        <source>Perubahan ini ditolak KPU dan tidak akan dikirim lagi. Perubahan lain tidak terhalang. Periksa pemilihnya dan catat ulang hasilnya bila perlu.</source>
        <translation>KPU refused these changes; they will not be sent again. Other changes are not held up. Check the voter and record the result again if needed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="203"/>
        <source>Pemilih</source>
        <translation>Voter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="204"/>
        <source>Perubahan</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="205"/>
        <source>Alasan penolakan</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="206"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="214"/>
        <source>&amp;Batalkan pemindahan TPS ini…</source>
        <translation>&amp;Undo this TPS move…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="218"/>
        <source>Pemilih yang ditambahkan di TPS baru dihapus dari laptop ini dan tanda TMS-8 di TPS lama dipulihkan, sama seperti data KPU. Perubahan yang ditolak tetap tercatat.</source>
        <translation>The voter added at the new TPS is removed from this laptop and the TMS-8 mark at the old TPS is restored, as in KPU&apos;s data. The refused changes stay on record.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="244"/>
        <source>Batalkan pemindahan TPS?</source>
        <translation>Undo the TPS move?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="246"/>
        <source>KPU menolak pemindahan ini, jadi di data KPU pemilih masih terdaftar di TPS lama.

Pemilih yang ditambahkan di TPS baru akan dihapus dari laptop ini, dan tanda TMS-8 di TPS lama dipulihkan (dikirim ke KPU pada sinkron berikutnya). Perubahan yang ditolak tetap tercatat di sini.</source>
        <translation>KPU refused this move, so in KPU&apos;s data the voter is still listed at the old TPS.

The voter added at the new TPS will be removed from this laptop, and the TMS-8 mark at the old TPS restored (sent to KPU at the next sync). The refused changes stay on record here.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="254"/>
        <source>&amp;Batalkan pemindahan</source>
        <translation>&amp;Undo the move</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="256"/>
        <source>&amp;Jangan ubah</source>
        <translation>&amp;Leave it</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="15"/>
        <source>Pemilih diterima (daftar awal)</source>
        <translation>Voters received (initial list)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="16"/>
        <source>Sudah dicek</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="17"/>
        <source>Belum dicek</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="18"/>
        <source>Sesuai</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="19"/>
        <source>Ubah (diperbaiki)</source>
        <translation>Updated (corrected)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="20"/>
        <source>Pemilih baru</source>
        <translation>New voters</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="21"/>
        <source>TMS jumlah</source>
        <translation>TMS total</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="22"/>
        <source>Hasil coklit (daftar setelah coklit)</source>
        <translation>Coklit result (list after coklit)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="51"/>
        <source>TMS-%1 %2</source>
        <translation>TMS-%1 %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/lines.py" line="57"/>
        <source>Disabilitas %1</source>
        <translation>Disability: %1</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="57"/>
        <source>Laporan hasil coklit</source>
        <translation>Coklit reports</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="85"/>
        <source>&amp;Rekap hasil coklit…</source>
        <translation>Coklit &amp;summary…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="87"/>
        <source>Model A-Laporan Hasil Coklit ke PDF, Excel atau CSV (Ctrl+P)</source>
        <translation>Model A-Laporan Hasil Coklit to PDF, Excel or CSV (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="89"/>
        <source>&amp;Daftar pemilih (Model A)…</source>
        <translation>&amp;Voter list (Model A)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="90"/>
        <source>Daftar &amp;perubahan pemilih…</source>
        <translation>Voter &amp;changes…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="92"/>
        <source>Pemilih yang diubah, baru dan TMS, dengan data semula dan data baru</source>
        <translation>Updated, new and TMS voters, with the original and the new data</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="94"/>
        <source>Muat ulang  [F5]</source>
        <translation>Reload  [F5]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="96"/>
        <source>Ekspor:</source>
        <translation>Export:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="158"/>
        <source>&amp;Kertas:</source>
        <translation>&amp;Paper:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="104"/>
        <source>Uraian</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="104"/>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="104"/>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="104"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="118"/>
        <source>Rekap hasil coklit</source>
        <translation>Coklit summary</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="211"/>
        <source>Menghitung…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="240"/>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="240"/>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="243"/>
        <source>Kecamatan %1</source>
        <translation>Kecamatan %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="245"/>
        <source>Provinsi %1</source>
        <translation>Province %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="297"/>
        <source>Daftar awal %1 + pemilih baru %2 = %3 · sudah dicek %4 (%5%), belum %6 · TMS %7 · hasil coklit %8 pemilih</source>
        <translation>Initial list %1 + new voters %2 = %3 · checked %4 (%5%), not yet %6 · TMS %7 · coklit result %8 voters</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="318"/>
        <source>Kemajuan coklit per provinsi</source>
        <translation>Coklit progress per province</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="319"/>
        <source>Kemajuan coklit per kabupaten/kota</source>
        <translation>Coklit progress per kabupaten/kota</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="320"/>
        <source>Kemajuan coklit per kecamatan</source>
        <translation>Coklit progress per kecamatan</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="321"/>
        <source>Kemajuan coklit per desa/kelurahan</source>
        <translation>Coklit progress per desa/kelurahan</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="322"/>
        <source>Kemajuan coklit per TPS</source>
        <translation>Coklit progress per TPS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="330"/>
        <source>TPS %1</source>
        <translation>TPS %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="343"/>
        <source>Model A-Daftar Pemilih TPS ini, dengan keterangan hasil coklit</source>
        <translation>Model A-Daftar Pemilih of this TPS, with each voter&apos;s coklit mark</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/reports/window.py" line="345"/>
        <source>Model A-Daftar Pemilih dicetak per TPS: pilih satu TPS di kiri.</source>
        <translation>Model A-Daftar Pemilih is printed per TPS: choose one TPS on the left.</translation>
    </message>
</context>
<context>
    <name>RunsTab</name>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="71"/>
        <source>Mulai</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="72"/>
        <source>Cara</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="73"/>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="74"/>
        <source>Dikirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="75"/>
        <source>Dikonfirmasi</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="76"/>
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="78"/>
        <source>Dari KPU</source>
        <translation>From KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="163"/>
        <source>%1 perubahan dari KPU (data pemilih, hasil seleksi), %2 konflik, %3 pengumuman.</source>
        <translation>%1 change(s) from KPU (voter data, selection results), %2 conflict(s), %3 announcement(s).</translation>
    </message>
    <message>
        <source>%1 perubahan data pemilih dari KPU, %2 konflik, %3 pengumuman.</source>
        <translation type="vanished">%1 voter change(s) from KPU, %2 conflict(s), %3 announcement(s).</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation type="vanished">Received</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="95"/>
        <source>Pemilih</source>
        <translation>Voter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="96"/>
        <source>Perubahan</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="97"/>
        <source>Alasan penolakan</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="98"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="151"/>
        <source>Belum ada sinkronisasi.</source>
        <translation>No sync yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="156"/>
        <source>%1 perubahan dikirim, %2 dikonfirmasi KPU, %3 ditolak.</source>
        <translation>%1 change(s) sent, %2 confirmed by KPU, %3 refused.</translation>
    </message>
    <message>
        <source>%1 data pemilih baru atau berubah dari KPU, %2 konflik, %3 pengumuman.</source>
        <translation type="vanished">%1 voter record(s) new or changed from KPU, %2 conflict(s), %3 announcement(s).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="168"/>
        <source>Berkas bukti: %1 selesai terkirim, %2 masih menunggu (%3 terkirim kali ini).</source>
        <translation>Evidence files: %1 fully sent, %2 still waiting (%3 sent this time).</translation>
    </message>
    <message>
        <source>%1 data pemilih diterima, %2 konflik, %3 pengumuman, %4 berkas bukti.</source>
        <translation type="vanished">%1 voter item(s) received, %2 conflict(s), %3 announcement(s), %4 evidence file(s).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="172"/>
        <source>Data terkirim %1, diterima %2.</source>
        <translation>Data sent %1, received %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/sync/history.py" line="177"/>
        <source>%n hasil seleksi badan ad hoc diterima.</source>
        <translation>
            <numerusform>%n ad hoc body selection result received.</numerusform>
            <numerusform>%n ad hoc body selection results received.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="182"/>
        <source>Tidak ada yang dikonfirmasi: semuanya tetap menunggu dikirim.</source>
        <translation>Nothing was confirmed: everything is still waiting to be sent.</translation>
    </message>
</context>
<context>
    <name>SaveCancel</name>
    <message>
        <location filename="../../desktop_app/ui/dialog_parts.py" line="22"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/dialog_parts.py" line="31"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="41"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="50"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="54"/>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="55"/>
        <source>Umur pemilih dihitung pada hari pemungutan suara.</source>
        <translation>Voters&apos; ages are counted on election day.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="60"/>
        <source>Bahasa:</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="61"/>
        <source>Kunci otomatis setelah tidak dipakai:</source>
        <translation>Lock automatically when idle for:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="62"/>
        <source>Hari pemungutan suara:</source>
        <translation>Election day:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="75"/>
        <source>Tulis tanggal sebagai HH-BB-TTTT, misalnya 14-02-2029.</source>
        <translation>Write the date as DD-MM-YYYY, e.g. 14-02-2029.</translation>
    </message>
</context>
<context>
    <name>ShortlistModel</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="39"/>
        <source>Perkiraan</source>
        <translation>Estimate</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="40"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="41"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="42"/>
        <source>Tahap</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="43"/>
        <source>Hasil</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="44"/>
        <source>Nilai</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="45"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="69"/>
        <source>ke wawancara</source>
        <translation>to interview</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="70"/>
        <source>tidak lulus</source>
        <translation>not passed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="71"/>
        <source>terpilih</source>
        <translation>selected</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="72"/>
        <source>cadangan</source>
        <translation>reserve</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="73"/>
        <source>tidak terpilih</source>
        <translation>not selected</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="88"/>
        <source>(didaftarkan di laptop lain)</source>
        <translation>(taken on another laptop)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="92"/>
        <source>menunggu</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="98"/>
        <source>nilai sama di batas; urutan akhirnya diputuskan KPU</source>
        <translation>same score at the cut-off; KPU decides the final order</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="102"/>
        <source>NIK ganda di KPU: %1</source>
        <translation>Duplicate NIK at KPU: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="113"/>
        <source>PPK: 15 nilai tes tertulis terbaik per kecamatan diundang wawancara; 5 terbaik wawancara ditetapkan, 5 berikutnya cadangan.</source>
        <translation>PPK: the 15 best written-test scores per kecamatan are invited to interview; the 5 best interviews are appointed, the next 5 are reserves.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="119"/>
        <source>PPS: 6 nilai tes tertulis terbaik per desa diundang wawancara; 3 terbaik wawancara ditetapkan, 3 berikutnya cadangan.</source>
        <translation>PPS: the 6 best written-test scores per desa are invited to interview; the 3 best interviews are appointed, the next 3 are reserves.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="124"/>
        <source>KPPS dan Pantarlih tidak diperingkat: PPS memutuskan setiap pendaftar setelah penelitian administrasi.</source>
        <translation>KPPS and Pantarlih are not ranked: PPS decides on each applicant after the administrative check.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="135"/>
        <source>Nilai %1 sudah masuk tetapi KPU belum memutuskan. Kolom Perkiraan menunjukkan urutan menurut aturan; yang berlaku adalah keputusan KPU.</source>
        <translation>The %1 scores are in but KPU has not decided yet. The Estimate column shows the order the rule gives; KPU&apos;s decision is what counts.</translation>
    </message>
</context>
<context>
    <name>ShortlistPage</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="151"/>
        <source>Hasil seleksi dari KPU</source>
        <translation>Selection results from KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="176"/>
        <source>&amp;Kembali ke daftar  [Esc]</source>
        <translation>&amp;Back to the list  [Esc]</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="180"/>
        <source>Unit:</source>
        <translation>Unit:</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="210"/>
        <source>%1 — %2 (%n pendaftar)</source>
        <translation>
            <numerusform>%1 — %2 (%n applicant)</numerusform>
            <numerusform>%1 — %2 (%n applicants)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/shortlist_page.py" line="225"/>
        <source>Belum ada hasil seleksi dari KPU. Hasil tiap tahap datang saat sinkronisasi; tekan F5 untuk memuat ulang.</source>
        <translation>No selection results from KPU yet. The results of each stage arrive with a sync; press F5 to reload.</translation>
    </message>
</context>
<context>
    <name>StatementsSection</name>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="30"/>
        <source>Surat pernyataan pelamar</source>
        <translation>Applicant&apos;s statement letter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="34"/>
        <source>Centang semua (surat pernyataan sudah ditandatangani)</source>
        <translation>Tick all (statement letter signed)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="50"/>
        <source>Mantan anggota partai politik (wajib surat keterangan dari partai)</source>
        <translation>Former political party member (needs a letter from the party)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="57"/>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="59"/>
        <source>Tanggal keluar dari partai</source>
        <translation>Date left the party</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="62"/>
        <source>Tanggal keluar dari partai, sesuai surat keterangan partai</source>
        <translation>Date the applicant left the party, as the party letter states it</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/recruitment/statements_section.py" line="102"/>
        <source>%n pernyataan belum dicentang. Centang setelah pelamar menandatangani surat pernyataan.</source>
        <translation>
            <numerusform>%n statement not ticked. Tick it once the applicant has signed the statement letter.</numerusform>
            <numerusform>%n statements not ticked. Tick each once the applicant has signed the statement letter.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⛔ %n pernyataan belum dicentang. Centang setelah pelamar menandatangani surat pernyataan.</source>
        <translation type="vanished">
            <numerusform>⛔ %n statement not ticked. Tick once the applicant has signed the statement letter.</numerusform>
            <numerusform>⛔ %n statements not ticked. Tick once the applicant has signed the statement letter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="51"/>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="149"/>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="57"/>
        <source>(tidak ada di laptop ini)</source>
        <translation>(not on this laptop)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="32"/>
        <source>Perubahan yang tiba terakhir di server KPU berlaku; nilai sebelumnya tetap tercatat di KPU. Periksa pemilih ini, dan catat perubahan baru bila nilainya salah.</source>
        <translation>The change that reached the KPU server last applies; the earlier value stays on record at KPU. Check this voter, and record a new change if a value is wrong.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="37"/>
        <source>Tanda TMS dipertahankan: hanya Pulihkan yang dapat mencabutnya. Elemen lain dari perubahan itu tetap diterapkan.</source>
        <translation>The TMS mark was kept: only Restore can lift it. The other elements of that change were applied.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="68"/>
        <source>KPU</source>
        <translation>KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="70"/>
        <source>laptop ini</source>
        <translation>this laptop</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/inbox_tabs.py" line="71"/>
        <source>petugas lain</source>
        <translation>another officer</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="32"/>
        <source>Kode pendaftaran tidak dikenal. Periksa ketikannya (12 huruf dan angka, misalnya ABCD-EFGH-JKMN) atau minta kode baru ke KPU Kabupaten/Kota.</source>
        <translation>Unknown enrolment code. Check what you typed (12 letters and digits, e.g. ABCD-EFGH-JKMN) or ask the KPU Kabupaten/Kota office for a new code.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="37"/>
        <source>Kode ini sudah dipakai untuk mendaftarkan perangkat lain; setiap kode hanya berlaku sekali. Minta kode baru ke KPU Kabupaten/Kota.</source>
        <translation>This code was already used to enrol another device; each code works once. Ask the KPU Kabupaten/Kota office for a new code.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="42"/>
        <source>Kode ini sudah kedaluwarsa. Minta kode baru ke KPU Kabupaten/Kota.</source>
        <translation>This code has expired. Ask the KPU Kabupaten/Kota office for a new code.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="45"/>
        <source>Server KPU menolak pendaftaran. Minta kode baru ke KPU Kabupaten/Kota.</source>
        <translation>The KPU server refused the enrolment. Ask the KPU Kabupaten/Kota office for a new code.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="48"/>
        <source>Server KPU tidak dapat dihubungi (tidak ada sinyal, atau server sedang mati). Data Anda tetap tersimpan di laptop; coba lagi saat ada sinyal.</source>
        <translation>The KPU server cannot be reached (no signal, or the server is down). Your data stays saved on this laptop; try again when there is a signal.</translation>
    </message>
    <message>
        <source>Sertifikat server tidak cocok dengan sertifikat KPU yang terpasang: alamat server salah, atau ada pihak lain di antara laptop dan KPU. Tidak ada data yang dikirim. Periksa alamat server atau hubungi TI KPU.</source>
        <translation type="vanished">The server&apos;s certificate does not match the KPU certificate installed here: a wrong server address, or someone between this laptop and KPU. Nothing was sent. Check the server address or contact KPU IT.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="61"/>
        <source>Berkas sertifikat server KPU tidak terpasang di aplikasi ini, sehingga server tidak dapat diperiksa. Hubungi TI KPU untuk memasangnya.</source>
        <translation>The KPU server&apos;s certificate file is not installed in this app, so the server cannot be checked. Contact KPU IT to install it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="66"/>
        <source>Alamat server harus diawali https:// (misalnya https://sinkron.kpu.go.id): data pemilih tidak boleh dikirim tanpa enkripsi.</source>
        <translation>The server address must start with https:// (e.g. https://sinkron.kpu.go.id): voter data must never travel unencrypted.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="71"/>
        <source>Laptop ini belum terdaftar di server KPU. Pilih “Daftarkan perangkat…” dan masukkan kode dari KPU.</source>
        <translation>This laptop is not enrolled with the KPU server yet. Choose “Enrol this laptop…” and enter the code from KPU.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="76"/>
        <source>KPU telah mencabut pendaftaran laptop ini, jadi server menolak kirimannya. Perubahan Anda tetap tersimpan; minta kode pendaftaran baru ke KPU Kabupaten/Kota.</source>
        <translation>KPU has revoked this laptop&apos;s enrolment, so the server refuses what it sends. Your changes stay saved; ask the KPU Kabupaten/Kota office for a new enrolment code.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="81"/>
        <source>Server KPU tidak mengenal laptop ini (mungkin servernya diganti). Daftarkan ulang dengan kode baru dari KPU; perubahan yang belum terkirim akan ikut dikirim.</source>
        <translation>The KPU server does not know this laptop (perhaps the server was replaced). Enrol again with a new code from KPU; changes not yet sent will go out with it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="86"/>
        <source>Jam laptop terlalu jauh berbeda dari jam server KPU. Periksa tanggal dan jam laptop, lalu coba lagi.</source>
        <translation>This laptop&apos;s clock is too far from the KPU server&apos;s. Check the laptop&apos;s date and time, then try again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="91"/>
        <source>Server KPU sedang bermasalah. Data Anda tetap tersimpan; coba lagi nanti.</source>
        <translation>The KPU server has a problem. Your data stays saved; try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="95"/>
        <source>Server KPU sedang sibuk atau dalam pemeliharaan. Coba lagi nanti.</source>
        <translation>The KPU server is busy or under maintenance. Try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="98"/>
        <source>Ada berkas bukti yang belum dapat dikirim ke KPU; berkas bukti lainnya tetap terkirim. Hubungi TI KPU bila pesan ini terus muncul.</source>
        <translation>Some evidence files could not be sent to KPU; the other evidence files were sent. Contact KPU IT if this message keeps appearing.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="103"/>
        <source>KPU menunggu perubahan lama yang tidak ada lagi di laptop ini (dipulihkan dari cadangan lama?). Hubungi KPU Kabupaten/Kota agar perubahan itu dilepas.</source>
        <translation>KPU is waiting for old changes this laptop no longer has (restored from an old backup?). Ask the KPU Kabupaten/Kota office to release them.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="108"/>
        <source>KPU menolak bundel titipan dari laptop lain (rusak atau bukan untuk server ini); berkasnya disisihkan di folder titipan/ditolak. Minta laptop asalnya membuat bundel baru.</source>
        <translation>KPU refused a bundle carried for another laptop (damaged, or not for this server); the file was set aside in the titipan/ditolak folder. Ask the laptop it came from to make a new bundle.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="115"/>
        <source>Server KPU menolak permintaan laptop ini (%1). Hubungi TI KPU.</source>
        <translation>The KPU server refused this laptop&apos;s request (%1). Contact KPU IT.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="116"/>
        <source>Server KPU menjawab dengan kesalahan (%1). Data Anda tetap tersimpan.</source>
        <translation>The KPU server answered with an error (%1). Your data stays saved.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="150"/>
        <source>Jenis perubahan ini tidak dikenal server KPU (versi aplikasi berbeda).</source>
        <translation>The KPU server does not know this kind of change (a different app version).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="153"/>
        <source>Isi perubahan tidak lengkap.</source>
        <translation>The change is incomplete.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="154"/>
        <source>Ada nilai elemen yang tidak memenuhi aturan.</source>
        <translation>An element value breaks the rules.</translation>
    </message>
    <message>
        <source>Pemilih ini tidak ada di data KPU.</source>
        <translation type="vanished">This voter is not in KPU&apos;s data.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="160"/>
        <source>Pemilih atau TPS ini di luar wilayah tugas laptop ini.</source>
        <translation>This voter or TPS is outside this laptop&apos;s area.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="163"/>
        <source>Pemilih dengan nomor ini sudah ada di data KPU.</source>
        <translation>A voter with this number is already in KPU&apos;s data.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="164"/>
        <source>Data pemilih di laptop lebih baru daripada di KPU.</source>
        <translation>The voter&apos;s data on this laptop is newer than KPU&apos;s.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="167"/>
        <source>Pemilih yang ditambahkan di TPS yang benar tidak sampai ke KPU bersama tanda TMS-8-nya.</source>
        <translation>The voter added at the right TPS did not reach KPU together with its TMS-8 mark.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="171"/>
        <source>Nomor urut perubahan ini sudah dipakai perubahan lain.</source>
        <translation>This change&apos;s sequence number was used by another change.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="174"/>
        <source>KPU sudah menyatakan perubahan ini hilang sebelum tiba; KPU akan memeriksanya.</source>
        <translation>KPU had declared this change lost before it arrived; KPU will review it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="177"/>
        <source>Catatan perubahan ini rusak di laptop dan tidak dapat dikirim.</source>
        <translation>This change&apos;s record is damaged on this laptop and cannot be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="180"/>
        <source>Pendaftaran ini sudah dikirim ke KPU dari laptop lain; hanya laptop itu yang dapat mengubahnya. Hubungi KPU Kabupaten/Kota.</source>
        <translation>This application was sent to KPU from another laptop; only that laptop can change it. Contact the KPU Kabupaten/Kota.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="185"/>
        <source>KPU sudah mencatat hasil seleksi untuk pendaftaran ini, jadi formulirnya tidak dapat diubah lagi dari laptop. Perubahan ini disimpan KPU untuk diperiksa; hubungi KPU Kabupaten/Kota.</source>
        <translation>KPU has already recorded a selection result for this application, so its form can no longer be changed from the laptop. KPU keeps this change for review; contact the KPU Kabupaten/Kota.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="191"/>
        <source>Nomor pendaftaran ini sudah dipakai pendaftaran lain di KPU, jadi pendaftaran ini belum tercatat. Pendaftaran tetap tersimpan di laptop; laporkan ke KPU Kabupaten/Kota.</source>
        <translation>Another application at KPU already has this application number, so this one was not recorded. The application stays saved on this laptop; report it to the KPU Kabupaten/Kota.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="199"/>
        <source>Wilayah kerja pendaftaran ini di luar wilayah tugas laptop ini, jadi KPU tidak mencatatnya. Pendaftaran tetap tersimpan di laptop; hubungi KPU Kabupaten/Kota.</source>
        <translation>This application&apos;s working area is outside this laptop&apos;s area, so KPU did not record it. The application stays saved on this laptop; contact the KPU Kabupaten/Kota.</translation>
    </message>
    <message>
        <source>KPU tidak mencatat pemindahan TPS (TMS-8) ini: tanda TMS-8 di TPS lama dan pemilih di TPS yang benar ditolak bersama, jadi di data KPU pemilih masih terdaftar di TPS lama. Sebab: %1 Cara memperbaiki: pulihkan baris di TPS lama (P), betulkan sebab di atas, lalu lakukan TMS-8 lagi; baris di TPS baru yang ditolak ini laporkan ke KPU Kabupaten/Kota.</source>
        <translation type="vanished">KPU did not record this TPS move (TMS-8): the TMS-8 mark at the old TPS and the voter at the right TPS were refused together, so in KPU&apos;s data the voter is still listed at the old TPS. Reason: %1 To fix it: restore the row at the old TPS (P), correct the reason above, then do the TMS-8 again; report the refused row at the new TPS to KPU Kabupaten/Kota.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="244"/>
        <source>Ditolak KPU tanpa keterangan.</source>
        <translation>Refused by KPU without a reason.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="248"/>
        <source>Sesuai</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="249"/>
        <source>Ubah</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="250"/>
        <source>TMS</source>
        <translation>TMS (not eligible)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="251"/>
        <source>Pulihkan TMS</source>
        <translation>TMS lifted</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="252"/>
        <source>Pemilih baru</source>
        <translation>New voter</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="258"/>
        <source>Pendaftaran badan ad hoc</source>
        <translation>Ad hoc body application</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="265"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="266"/>
        <source>Sebagian</source>
        <translation>Partly done</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="267"/>
        <source>Sinyal putus</source>
        <translation>Signal lost</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="268"/>
        <source>Dibatalkan</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="269"/>
        <source>Gagal</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="272"/>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="273"/>
        <source>otomatis</source>
        <translation>automatic</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="274"/>
        <source>pendaftaran</source>
        <translation>enrolment</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="275"/>
        <source>paket flashdisk</source>
        <translation>USB stick bundle</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="281"/>
        <source>Terputus (aplikasi ditutup)</source>
        <translation>Interrupted (app closed)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="490"/>
        <source>Yang menjawab di alamat server KPU memakai sertifikat yang tidak dikenal laptop ini: berkas deployment laptop ini mungkin dibuat sebelum KPU mengganti sertifikatnya, atau jaringan ini menyadap koneksi. Tidak ada data yang dikirim; semua perubahan tetap tersimpan di laptop. Hubungi TI KPU (laptop ini mungkin perlu berkas deployment baru) dan jangan sinkronkan lewat jaringan ini sampai TI KPU memeriksanya.</source>
        <translation>Whatever answers at the KPU server&apos;s address uses a certificate this laptop does not know: this laptop&apos;s deployment file may predate KPU&apos;s certificate change, or this network intercepts the connection. Nothing was sent; every change stays saved on this laptop. Contact KPU IT (this laptop may need a new deployment file) and do not sync over this network until KPU IT has checked it.</translation>
    </message>
    <message>
        <source>Sinkron selesai: %1 perubahan dikonfirmasi KPU, %2 data diterima.</source>
        <translation type="vanished">Sync done: %1 change(s) confirmed by KPU, %2 item(s) received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="326"/>
        <source>%1 perubahan ditolak KPU: lihat Riwayat (Ctrl+H).</source>
        <translation>%1 change(s) refused by KPU: see History (Ctrl+H).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="345"/>
        <source>Server KPU tidak terjangkau.</source>
        <translation>KPU server unreachable.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="346"/>
        <source>Sinkron gagal (Ctrl+H).</source>
        <translation>Sync failed (Ctrl+H).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="347"/>
        <source>Server tidak dikenali (sertifikat).</source>
        <translation>Server not recognised (certificate).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="348"/>
        <source>Bukti belum terkirim (Ctrl+H).</source>
        <translation>Evidence not sent yet (Ctrl+H).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="349"/>
        <source>KPU menunggu data lama (Ctrl+H).</source>
        <translation>KPU awaits old changes (Ctrl+H).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="350"/>
        <source>Titipan ditolak KPU (Ctrl+H).</source>
        <translation>Carried bundle refused by KPU (Ctrl+H).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="351"/>
        <source>Sinkron sebagian: %1 menunggu.</source>
        <translation>Partly synced: %1 waiting.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="390"/>
        <source>Server KPU tidak dapat dihubungi (tidak ada sinyal, atau server sedang mati). Data Anda tetap tersimpan di laptop: coba lagi saat ada sinyal, atau lewati dulu dan daftar dari meja kerja (Daftarkan perangkat…).</source>
        <translation>The KPU server cannot be reached (no signal, or the server is down). Your data stays saved on this laptop: try again when there is a signal, or skip for now and enrol from the desk (Enrol this laptop…).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="397"/>
        <source>Server KPU sedang bermasalah. Data Anda tetap tersimpan di laptop: coba lagi nanti, atau lewati dulu dan daftar dari meja kerja (Daftarkan perangkat…).</source>
        <translation>The KPU server has a problem. Your data stays saved on this laptop: try again later, or skip for now and enrol from the desk (Enrol this laptop…).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="411"/>
        <source>Bukti menunggu: %1</source>
        <translation>Evidence waiting: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="415"/>
        <source>Berkas bukti menunggu: %1</source>
        <translation>Evidence files waiting: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="417"/>
        <source>(%1 dari %2 terkirim)</source>
        <translation>(%1 of %2 sent)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="444"/>
        <source>Diterima dari KPU: %1 data</source>
        <translation>Received from KPU: %1 item(s)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="305"/>
        <source>Sinkronisasi selesai sebagian: %1 dikonfirmasi, %2 perubahan masih menunggu.</source>
        <translation>Sync partly done: %1 confirmed, %2 change(s) still waiting.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="27"/>
        <source>Dibatalkan. Anda dapat mencoba lagi dengan kode yang sama: bila server KPU sudah mencatat laptop ini, server menjawab sama seperti sebelumnya.</source>
        <translation>Cancelled. You can try again with the same code: if the KPU server already registered this laptop, it answers the same way as before.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="53"/>
        <source>Sertifikat server tidak cocok dengan sertifikat KPU yang terpasang: alamat server salah, berkas deployment laptop ini sudah lama, atau jaringan ini menyadap koneksi. Tidak ada data yang dikirim. Periksa alamat server atau hubungi TI KPU (laptop ini mungkin perlu berkas deployment baru), dan jangan sinkronkan lewat jaringan ini sampai TI KPU memeriksanya.</source>
        <translation>The server&apos;s certificate does not match the KPU certificate installed here: a wrong server address, an old deployment file on this laptop, or a network that intercepts the connection. Nothing was sent. Check the server address or contact KPU IT (this laptop may need a new deployment file), and do not sync over this network until KPU IT has checked it.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="157"/>
        <source>Pemilih ini tidak ada di data KPU untuk wilayah tugas laptop ini.</source>
        <translation>KPU&apos;s data for this laptop&apos;s area has no such voter.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="208"/>
        <source>KPU tidak mencatat pemindahan TPS (TMS-8) ini: tanda TMS-8 di TPS lama dan pemilih di TPS yang benar ditolak bersama, jadi di data KPU pemilih masih terdaftar di TPS lama. Sebab: %1 Cara memperbaiki: di tab Ditolak KPU pilih baris ini dan tekan Batalkan pemindahan TPS (pemilih di TPS baru dihapus dari laptop, tanda TMS-8 di TPS lama dipulihkan), betulkan sebab di atas, lalu lakukan TMS-8 lagi.</source>
        <translation>KPU did not record this TPS move (TMS-8): the TMS-8 mark at the old TPS and the voter at the right TPS were refused together, so in KPU&apos;s data the voter is still listed at the old TPS. Reason: %1 How to fix it: in the Refused by KPU tab choose this row and press Undo this TPS move (the voter at the new TPS is removed from the laptop, the TMS-8 mark at the old TPS restored), correct the reason above, then do the TMS-8 again.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="295"/>
        <source>Sinkron selesai: %1 perubahan dikonfirmasi KPU, %2 perubahan dari KPU.</source>
        <translation>Sync done: %1 change(s) confirmed by KPU, %2 change(s) from KPU.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="311"/>
        <source>Sinyal putus. %1 perubahan tetap tersimpan dan akan dikirim saat ada sinyal.</source>
        <translation>Signal lost. %1 change(s) stay saved and will be sent when there is a signal.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="316"/>
        <source>Sinkronisasi dibatalkan. %1 perubahan sudah dikonfirmasi KPU; %2 masih menunggu.</source>
        <translation>Sync cancelled. %1 change(s) confirmed by KPU; %2 still waiting.</translation>
    </message>
    <message>
        <source>%1 perubahan ditolak KPU: lihat Riwayat sinkronisasi (Ctrl+H).</source>
        <translation type="vanished">%1 change(s) refused by KPU: see Sync history (Ctrl+H).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="330"/>
        <source>Sinkron selesai; %1</source>
        <translation>Sync done; %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="426"/>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="428"/>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="429"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="439"/>
        <source>Mengirim %1/%2</source>
        <translation>Sending %1/%2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="441"/>
        <source>Mengirim %1 dari %2 perubahan</source>
        <translation>Sending %1 of %2 changes</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="447"/>
        <source>Mengantar titipan %1 dari %2</source>
        <translation>Delivering carried bundle %1 of %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="450"/>
        <source>Mengirim berkas bukti %1 dari %2</source>
        <translation>Sending evidence file %1 of %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="454"/>
        <source>%1 dari %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="463"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/wording.py" line="477"/>
        <source>kemarin %1</source>
        <translation>yesterday %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="37"/>
        <source>Menunggu dikirim</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="38"/>
        <source>Dalam paket flashdisk, belum dikonfirmasi KPU</source>
        <translation>In a USB stick bundle, not yet confirmed by KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="39"/>
        <source>Dikonfirmasi KPU</source>
        <translation>Confirmed by KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="40"/>
        <source>Ditolak KPU</source>
        <translation>Refused by KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="195"/>
        <source>Berkas ini terlalu besar untuk paket balasan KPU. Tidak ada yang disimpan.</source>
        <translation>This file is too large for a KPU return bundle. Nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="198"/>
        <source>Berkas ini bukan paket Lapang. Pilih berkas .lapang dari KPU.</source>
        <translation>This file is not a Lapang bundle. Choose the .lapang file from KPU.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="201"/>
        <source>Paket ini dibuat versi Lapang yang lebih baru. Perbarui aplikasi ini.</source>
        <translation>This bundle was made by a newer version of Lapang. Update this app.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="204"/>
        <source>Berkas paket tidak lengkap (terpotong saat disalin, atau flashdisk dicabut terlalu cepat). Salin lagi dari komputer KPU. Tidak ada yang disimpan.</source>
        <translation>The bundle file is incomplete (cut short while copying, or the stick was pulled out too early). Copy it again from KPU&apos;s computer. Nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="209"/>
        <source>Paket ini rusak atau diubah setelah dibuat KPU, atau tanda tangannya bukan dari server KPU. Tidak ada yang disimpan; minta paket baru ke KPU.</source>
        <translation>This bundle is damaged or was altered after KPU made it, or its signature is not from KPU&apos;s server. Nothing was stored; ask KPU for a new bundle.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="214"/>
        <source>Paket ini untuk laptop lain (atau untuk pendaftaran laptop ini yang lama). Tidak ada yang disimpan.</source>
        <translation>This bundle is for another laptop (or for this laptop&apos;s earlier enrolment). Nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="219"/>
        <source>Ini paket kiriman laptop, bukan paket balasan KPU: bawa ke kantor KPU. Tidak ada yang disimpan.</source>
        <translation>This is a laptop&apos;s outgoing bundle, not KPU&apos;s return bundle: take it to the KPU office. Nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="224"/>
        <source>Isi paket balasan rusak. Tidak ada yang disimpan; minta paket baru ke KPU.</source>
        <translation>The return bundle&apos;s content is damaged. Nothing was stored; ask KPU for a new bundle.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="236"/>
        <source>Paket balasan ini sudah pernah diterapkan; tidak ada yang berubah.</source>
        <translation>This return bundle was applied before; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="240"/>
        <source>Laptop ini belum disiapkan TI KPU untuk paket flashdisk: kunci balasan KPU (return_public_key di deployment.toml) belum diatur. Tidak ada yang disimpan.</source>
        <translation>KPU IT has not set this laptop up for USB stick bundles: KPU&apos;s return key (return_public_key in deployment.toml) is not set. Nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="246"/>
        <source>Laptop ini belum punya kunci enkripsi untuk paket KPU: sinkronkan sekali secara daring dulu. Tidak ada yang disimpan.</source>
        <translation>This laptop has no encryption key for KPU&apos;s bundles yet: sync online once first. Nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="252"/>
        <source>Laptop ini belum terdaftar di server KPU.</source>
        <translation>This laptop is not enrolled with KPU&apos;s server yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="254"/>
        <source>Berkas tidak dapat dibaca: %1. Tidak ada yang disimpan.</source>
        <translation>The file cannot be read: %1. Nothing was stored.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/changes_tab.py" line="265"/>
        <source>Paket balasan tidak dapat diterapkan. Tidak ada yang disimpan.</source>
        <translation>The return bundle cannot be applied. Nothing was stored.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop_app/ui/sync/controller.py" line="206"/>
        <source>Sinkronisasi dibatalkan. Data Anda tetap tersimpan di laptop ini.</source>
        <translation>Sync cancelled. Your data stays saved on this laptop.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/controller.py" line="211"/>
        <source>Membatalkan sinkronisasi…</source>
        <translation>Cancelling the sync…</translation>
    </message>
</context>
<context>
    <name>SyncHistoryDialog</name>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="286"/>
        <source>Riwayat sinkronisasi</source>
        <translation>Sync history</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="295"/>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="296"/>
        <source>Ditolak KPU</source>
        <translation>Refused by KPU</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="297"/>
        <location filename="../../desktop_app/ui/sync/history.py" line="379"/>
        <source>Konflik</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="298"/>
        <location filename="../../desktop_app/ui/sync/history.py" line="385"/>
        <source>Pengumuman KPU</source>
        <translation>KPU announcements</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="299"/>
        <source>Perubahan</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="301"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="348"/>
        <source>Ditolak KPU (%1)</source>
        <translation>Refused by KPU (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="379"/>
        <source>Konflik (%1 baru)</source>
        <translation>Conflicts (%1 new)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/history.py" line="383"/>
        <source>Pengumuman KPU (%1 baru)</source>
        <translation>KPU announcements (%1 new)</translation>
    </message>
</context>
<context>
    <name>SyncStatusPanel</name>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="52"/>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="100"/>
        <source>Luring</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="66"/>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="118"/>
        <source>Sinkronkan sekarang</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="70"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="94"/>
        <source>Menyinkronkan…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="96"/>
        <source>Daring</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="98"/>
        <source>Server tidak dikenali (sertifikat)</source>
        <translation>Server not recognised (certificate)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="106"/>
        <source>Menghubungi server KPU…</source>
        <translation>Contacting the KPU server…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="118"/>
        <source>Daftarkan perangkat…</source>
        <translation>Enrol this laptop…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="131"/>
        <source>Belum terdaftar di server KPU</source>
        <translation>Not enrolled with the KPU server</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="133"/>
        <source>Unduhan data wilayah belum selesai</source>
        <translation>The area&apos;s download is not finished</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="134"/>
        <source>Sinkron terakhir: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="141"/>
        <source>Laptop ini belum terdaftar di server KPU. Semua perubahan tersimpan di laptop dan menunggu dikirim.</source>
        <translation>This laptop is not enrolled with the KPU server. Every change is saved on this laptop and waits to be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="145"/>
        <source>Perubahan sedang dikirim ke KPU dan data KPU sedang diterima.</source>
        <translation>Changes are being sent to KPU and KPU&apos;s data received.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="147"/>
        <source>Server KPU terjangkau.</source>
        <translation>The KPU server can be reached.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="151"/>
        <source>Server KPU tidak terjangkau sekarang. Semua perubahan tersimpan di laptop dan menunggu dikirim.</source>
        <translation>The KPU server cannot be reached now. Every change is saved on this laptop and waits to be sent.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/sync/status_panel.py" line="158"/>
        <source>Menghubungi server KPU… %1 dtk</source>
        <translation>Contacting the KPU server… %1 s</translation>
    </message>
</context>
<context>
    <name>TmsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="60"/>
        <source>Tandai TMS (tidak memenuhi syarat)</source>
        <translation>Mark TMS (not eligible)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="76"/>
        <source>nomor TPS, misalnya 004</source>
        <translation>TPS number, e.g. 004</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="77"/>
        <source>&amp;Lampirkan foto/pindaian…</source>
        <translation>&amp;Attach photo/scan…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="82"/>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="228"/>
        <source>(tidak wajib)</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="87"/>
        <source>&amp;Kode TMS:</source>
        <translation>TMS &amp;code:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="88"/>
        <source>&amp;Bukti:</source>
        <translation>&amp;Evidence:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="89"/>
        <source>&amp;Nomor/keterangan bukti:</source>
        <translation>Evidence &amp;number/note:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="90"/>
        <source>TPS t&amp;ujuan:</source>
        <translation>&amp;Target TPS:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="97"/>
        <source>Foto bukti:</source>
        <translation>Evidence photo:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="107"/>
        <source>&amp;Simpan TMS</source>
        <translation>&amp;Save TMS</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="156"/>
        <source>NIK atau id data lain dari orang yang sama</source>
        <translation>NIK or id of the other record of the same person</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="159"/>
        <source>nomor surat/dokumen, atau keterangan singkat</source>
        <translation>letter/document number, or a short note</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="162"/>
        <source>Tandai TMS-2 pada data yang ganda; data yang benar tetap.</source>
        <translation>Mark TMS-2 on the duplicate record; the right one stays.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="164"/>
        <source>Belum 17 tahun pada hari pemungutan suara dan belum pernah kawin.</source>
        <translation>Under 17 on election day and never married.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="167"/>
        <source>Pindah ke luar desa. Pindah TPS di desa yang sama adalah TMS-8.</source>
        <translation>Moved out of the village. A move to another TPS in the same village is TMS-8.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="170"/>
        <source>Pemilih ditandai TMS-8 di TPS ini dan langsung ditambahkan sebagai pemilih baru di TPS tujuan.</source>
        <translation>The voter is marked TMS-8 at this TPS and added right away as a new voter at the target TPS.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="205"/>
        <source>Pilih foto atau pindaian bukti</source>
        <translation>Choose a photo or scan of the evidence</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="209"/>
        <source>Foto atau pindaian (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Photo or scan (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="210"/>
        <source>Pilih</source>
        <translation>Choose</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="211"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="212"/>
        <source>Lihat di:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="213"/>
        <source>Nama berkas:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="214"/>
        <source>Jenis berkas:</source>
        <translation>File type:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="280"/>
        <source>Untuk menyimpan: %1</source>
        <translation>To save: %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/tms_dialog.py" line="308"/>
        <source>Pilih TPS tujuan di desa yang sama.</source>
        <translation>Choose the target TPS in the same village.</translation>
    </message>
</context>
<context>
    <name>UbahDialog</name>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="25"/>
        <source>Ubah data pemilih</source>
        <translation>Update voter data</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="29"/>
        <source>Betulkan elemen yang berbeda dengan KTP-el, KK, biodata atau IKD. Nilai semula tetap tersimpan.</source>
        <translation>Correct the elements that differ from the KTP-el, KK, biodata or IKD. The original values are kept.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="60"/>
        <source>Belum ada yang diubah.</source>
        <translation>Nothing has been changed yet.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/ubah_dialog.py" line="68"/>
        <source>Betulkan dulu isian bertanda merah.</source>
        <translation>First correct the fields marked red.</translation>
    </message>
</context>
<context>
    <name>UnlockView</name>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="49"/>
        <source>Lapang — Meja Lapangan</source>
        <translation>Lapang — Field Desk</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="54"/>
        <source>Data pemilih di laptop ini terenkripsi. Pilih nama Anda dan masukkan frasa sandi.</source>
        <translation>The voter data on this laptop is encrypted. Choose your name and enter your passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="63"/>
        <source>&amp;Buka kunci</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="81"/>
        <source>MODE DEMO — data rekaan, bukan data asli. Frasa sandi demo untuk &quot;%1&quot;: %2</source>
        <translation>DEMO MODE — invented data, not real data. Demo passphrase for &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="91"/>
        <source>&amp;Petugas:</source>
        <translation>&amp;Officer:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="93"/>
        <source>&amp;Frasa sandi:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="150"/>
        <source>Masukkan frasa sandi.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/unlock.py" line="155"/>
        <source>Membuka…</source>
        <translation>Opening…</translation>
    </message>
</context>
<context>
    <name>VoterDetailPanel</name>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="96"/>
        <location filename="../../desktop_app/ui/detail_panel.py" line="164"/>
        <source>Pilih pemilih di daftar.</source>
        <translation>Choose a voter in the list.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="177"/>
        <source>%1
dicatat %2 oleh %3</source>
        <translation>%1
recorded %2 by %3</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="182"/>
        <source>TPS %1</source>
        <translation>TPS %1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="189"/>
        <source>semula: &lt;s&gt;%1&lt;/s&gt;</source>
        <translation>was: &lt;s&gt;%1&lt;/s&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="137"/>
        <source>Temuan data</source>
        <translation>Data findings</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/detail_panel.py" line="137"/>
        <source>Tidak ada temuan data.</source>
        <translation>No data findings.</translation>
    </message>
</context>
<context>
    <name>VoterForm</name>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="70"/>
        <source>16 angka dari KK</source>
        <translation>16 digits from the KK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="71"/>
        <source>16 angka dari KTP-el</source>
        <translation>16 digits from the KTP-el</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="74"/>
        <source>HH-BB-TTTT</source>
        <translation>DD-MM-YYYY</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="200"/>
        <source>semula: &lt;s&gt;%1&lt;/s&gt;</source>
        <translation>was: &lt;s&gt;%1&lt;/s&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="201"/>
        <source>Nilai di daftar sebelum diubah pertama kali</source>
        <translation>The value on the list before the first correction</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="248"/>
        <source>Ketik 16 angka NIK: tanggal lahir dan jenis kelamin yang dikandungnya tampil di sini.</source>
        <translation>Type the 16-digit NIK: the birth date and sex it encodes appear here.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="257"/>
        <source>NIK ini tidak sah; lihat pesan di bawah.</source>
        <translation>This NIK is not valid; see the message below.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="259"/>
        <source> atau </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_form.py" line="262"/>
        <source>Menurut NIK: lahir %1 · %2 · kecamatan asal %3</source>
        <translation>From the NIK: born %1 · %2 · first registered in kecamatan %3</translation>
    </message>
</context>
<context>
    <name>VoterListView</name>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="62"/>
        <source>Cari nama atau NIK…  (Ctrl+F)</source>
        <translation>Search name or NIK…  (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="100"/>
        <source>&amp;Cari:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="102"/>
        <source>&amp;Tampilkan:</source>
        <translation>S&amp;how:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="188"/>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="193"/>
        <source>TMS (semua kode)</source>
        <translation>TMS (all codes)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="206"/>
        <source>Temuan: NIK ganda</source>
        <translation>Finding: duplicate NIK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="209"/>
        <source>Temuan: NIK tidak cocok (jenis kelamin/tgl lahir)</source>
        <translation>Finding: NIK does not match (sex/birth date)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="211"/>
        <source>Temuan: di bawah umur</source>
        <translation>Finding: under age</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="212"/>
        <source>Temuan: NKK tidak wajar</source>
        <translation>Finding: unusual NKK</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="213"/>
        <source>Temuan: tanggal lahir di masa depan</source>
        <translation>Finding: date of birth in the future</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="216"/>
        <source>Temuan: hak pilih dicabut / TNI-Polri aktif</source>
        <translation>Finding: vote revoked / active TNI-Polri</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="228"/>
        <source>%1 pemilih</source>
        <translation>%1 voters</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voter_list.py" line="230"/>
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
    <message>
        <location filename="../../desktop_app/ui/voter_model.py" line="215"/>
        <source>Desa · TPS</source>
        <translation>Village · TPS</translation>
    </message>
</context>
</TS>
