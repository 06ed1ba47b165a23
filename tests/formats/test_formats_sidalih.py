import datetime as dt
import io
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapang_core.domain import _identity_number
from lapang_core.domain.nik import encode_nik
from lapang_core.domain.nkk import encode_nkk
from lapang_core.domain.voter import VoterRecord
from lapang_core.formats.sidalih import (
    SIDALIH_COLUMNS,
    SidalihFormatError,
    SidalihReader,
    SidalihWriteError,
    dumps_sidalih,
    read_sidalih,
    read_sidalih_file,
    write_sidalih,
)
from lapang_core.formats.sidalih_columns import ALIASES, EXTRA_COLUMNS, canonical_column, squash
from lapang_core.formats.text_lines import MAX_LINE_BYTES, LegacyLines

HEADER = "#".join(SIDALIH_COLUMNS)
NIK_A = encode_nik("61.11.02", dt.date(1990, 8, 17), "P", 1)
NIK_B = encode_nik("61.11.02", dt.date(1985, 1, 2), "L", 2)
NKK = encode_nkk("61.11.02", dt.date(2015, 2, 15), 7)


def row(**values: str) -> str:
    defaults = {
        "KEC_ID": "61.11.02",
        "KEL_ID": "6111022003",
        "TPS_ID": "",
        "TAHAPAN_ID": "12",
        "DPID": "778812",
        "NKK": NKK,
        "NIK": NIK_A,
        "NAMA": "SITI AMINAH",
        "KELAMIN": "P",
        "TMPT_LHR": "SAMBAS",
        "TGL_LHR": "17|08|1990",
        "STS": "S",
        "ALAMAT": "JL. MERDEKA",
        "RT": "001",
        "RW": "002",
        "DIS": "0",
        "EKTP": "S",
        "SUMBER": "DP4",
        "KET": "",
        "TPS": "001",
        "STATUS": "AKTIF",
        "UPDATED_AT": "2024-01-05 10:00:00",
    }
    defaults.update(values)
    return "#".join(defaults[column] for column in SIDALIH_COLUMNS)


def read(text: str):
    return read_sidalih(io.StringIO(text, newline=""))


def test_reads_a_sidalih_export_with_bom_and_crlf():
    text = (
        "\ufeff"
        + HEADER
        + "\r\n"
        + row()
        + "\r\n"
        + row(NIK=NIK_B, KELAMIN="L", TGL_LHR="02|01|1985", NAMA="BUDI", TPS="2")
        + "\r\n"
    )
    result = read(text)
    assert result.errors == [] and result.warnings == []
    assert result.missing_columns == [] and result.unmatched_columns == []
    (line1, first), (line2, second) = result.rows
    assert (line1, line2) == (2, 3)
    assert first == VoterRecord(
        nkk=NKK,
        nik=NIK_A,
        nama="SITI AMINAH",
        tempat_lahir="SAMBAS",
        tanggal_lahir=dt.date(1990, 8, 17),
        status_perkawinan="S",
        jenis_kelamin="P",
        alamat="JL. MERDEKA",
        rt="001",
        rw="002",
        disabilitas=0,
        status_ktp_el="S",
        tps_id="61.11.02.2003.001",
        keterangan="",
        sumber="DP4",
        dpid="778812",
    )
    assert second.tps_id == "61.11.02.2003.002"


def test_columns_match_tolerantly_and_unknown_ones_are_reported():
    header = (
        "kel id#No TPS#nik#Nama#Jenis_Kelamin#Tempat Lahir#TANGGAL_LAHIR#Status Kawin#"
        "DISABILITAS#KTP-EL#KETERANGAN#HP#NAMA"
    )
    line = f"6111022003#3#{NIK_A}#SITI#P#SAMBAS#17|08|1990#S#0#S#✓#0812#DUPLICATE"
    result = read(f"{header}\n{line}\n")
    assert result.errors == []
    assert result.columns["KELAMIN"] == "Jenis_Kelamin"
    assert result.columns["STS"] == "Status Kawin"
    assert result.unmatched_columns == ["HP", "NAMA"]  # unknown, and a repeated column
    assert "NKK" in result.missing_columns and "ALAMAT" in result.missing_columns
    record = result.rows[0][1]
    assert (record.tps_id, record.keterangan, record.nama) == ("61.11.02.2003.003", "✓", "SITI")
    # elements whose column is missing are reported once, not as a warning on every row
    assert result.warnings == []


@pytest.mark.parametrize("alias", ["KAWIN", "STATUS_KAWIN", "sts", "Status Perkawinan"])
def test_marital_status_aliases(alias):
    assert canonical_column(alias) == "STS"


def test_aliases_never_collide():
    names = [
        squash(name)
        for canonical in SIDALIH_COLUMNS + EXTRA_COLUMNS
        for name in (canonical, *ALIASES.get(canonical, ()))
    ]
    assert len(names) == len(set(names))


def test_kode_desa_column_and_tps_id_fallback():
    header = "KEL_ID#KODE_DESA#TPS#NIK#NAMA#KELAMIN"
    # KEL_ID holds Sidalih's internal id here; KODE_DESA has the Kemendagri code
    result = read(f"{header}\n99812#61.11.02.2003#4#{NIK_A}#SITI#P\n")
    assert result.rows[0][1].tps_id == "61.11.02.2003.004"
    assert "KEL_ID" not in result.missing_columns

    result = read(f"TPS_ID#NIK#NAMA#KELAMIN\n6111022003005#{NIK_A}#SITI#P\n")
    assert result.rows[0][1].tps_id == "61.11.02.2003.005"


def test_spellings_from_other_exports():
    line = row(
        KELAMIN="Perempuan",
        STS="CERAI MATI",
        EKTP="belum",
        DIS="netra",
        KET="√",
        TPS="TPS 07",
        TGL_LHR="17-08-1990",
        NIK="'" + NIK_A,
    )
    record = read(f"{HEADER}\n{line}\n").rows[0][1]
    assert (record.jenis_kelamin, record.status_perkawinan, record.status_ktp_el) == ("P", "P", "B")
    assert (record.disabilitas, record.keterangan, record.tps_id) == (6, "✓", "61.11.02.2003.007")
    assert (record.nik, record.tanggal_lahir) == (NIK_A, dt.date(1990, 8, 17))


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"NIK": NIK_A[:15]}, "nik.length"),
        ({"NIK": NIK_A[:12] + "****"}, "nik.digits"),
        ({"NAMA": ""}, "nama.missing"),
        ({"KELAMIN": "X"}, "jenis_kelamin.invalid"),
        ({"TGL_LHR": "31|02|1990"}, "tanggal_lahir.format"),
        ({"TGL_LHR": "1990"}, "tanggal_lahir.format"),
        ({"DIS": "7"}, "disabilitas.invalid"),
        ({"KET": "9"}, "keterangan.invalid"),
        ({"TPS": "0"}, "tps.number_invalid"),
        ({"TPS": "A"}, "tps.number_invalid"),
        ({"KEL_ID": "611102"}, "tps.desa_invalid"),
        ({"KEL_ID": "", "TPS": ""}, "tps.missing"),
        ({"KEL_ID": "", "TPS": "", "TPS_ID": "61.11.02.2003"}, "tps.invalid"),
        ({"TPS": "", "TPS_ID": "6111022004001"}, "tps.desa_mismatch"),
        ({"RT": "12345"}, "rt.invalid"),
        ({"STS": "X"}, "status_perkawinan.invalid"),
    ],
)
def test_bad_rows_become_row_errors_with_line_and_reason(values, code):
    text = f"{HEADER}\n{row(NIK=NIK_B, KELAMIN='L', TGL_LHR='02|01|1985')}\n\n{row(**values)}\n"
    result = read(text)
    assert len(result.rows) == 1 and result.rows[0][0] == 2
    (error,) = result.errors
    assert (error.line, error.code) == (4, code)
    assert error.reason
    assert NIK_A not in error.reason and NKK not in error.reason
    assert "1990" not in error.reason


def test_field_count_and_quoting_errors():
    lines = [
        HEADER,
        row() + "#EXTRA",
        row().rsplit("#", 3)[0],
        row(NAMA='"SITI'),  # unbalanced quote
        row() + "##",  # trailing empty fields are tolerated
    ]
    result = read("\n".join(lines))
    assert [(e.line, e.code) for e in result.errors] == [
        (2, "row.field_count"),
        (3, "row.field_count"),
        (4, "row.quoting"),
    ]
    assert [line for line, _ in result.rows] == [5]


def test_quoted_values_may_contain_the_delimiter():
    line = row(ALAMAT='"JL. MERDEKA #5"', NAMA='"SITI ""IPAH"" AMINAH"')
    record = read(f"{HEADER}\n{line}\n").rows[0][1]
    assert (record.alamat, record.nama) == ("JL. MERDEKA #5", 'SITI "IPAH" AMINAH')


def test_warnings_are_kept_per_row():
    lines = [
        HEADER,
        row(KELAMIN="L", RT=""),  # NIK says female; RT missing
        row(KEC_ID="61.11.05", NIK=NIK_B, KELAMIN="L", TGL_LHR="02|01|1985"),
        row(DPID="2"),  # the same NIK again: duplicate
        row(KET="1"),  # a TMS row is not an active duplicate
    ]
    result = read("\n".join(lines) + "\n")
    assert result.errors == []
    assert [(line, f.code) for line, f in result.warnings] == [
        (2, "nik.sex_mismatch"),
        (2, "rt.missing"),
        (3, "region.kecamatan_mismatch"),
        (4, "nik.duplicate"),
    ]
    duplicate = result.warnings[-1][1]
    assert "line 2" in duplicate.message and NIK_A not in duplicate.message


def test_header_problems_raise_format_error():
    with pytest.raises(SidalihFormatError, match="empty"):
        read("")
    with pytest.raises(SidalihFormatError, match="empty"):
        read("\n \n")
    with pytest.raises(SidalihFormatError, match="','"):
        read("NIK,NAMA,KELAMIN\n")
    with pytest.raises(SidalihFormatError, match="NIK"):
        read("NAMA#KELAMIN#KEL_ID#TPS\n")
    with pytest.raises(SidalihFormatError, match="TPS"):
        read("NIK#NAMA#KELAMIN#KEL_ID\n")
    with pytest.raises(SidalihFormatError):
        read('"NIK#NAMA\n')


def test_streaming_reader_reports_header_before_rows():
    reader = SidalihReader(io.StringIO(f"{HEADER}\n{row()}\n", newline=""))
    assert reader.missing_columns == []
    rows = list(reader)
    assert [(r.line, r.error) for r in rows] == [(2, None)]


def test_read_file_encodings(tmp_path):
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes(("\ufeff" + HEADER + "\r\n" + row(NAMA="SITI ÉLA") + "\r\n").encode("utf-8"))
    result = read_sidalih_file(utf8)
    assert result.encoding == "utf-8" and result.rows[0][1].nama == "SITI ÉLA"
    assert result.legacy_lines.warning() is None

    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes((HEADER + "\r\n" + row(NAMA="SITI ÉLA") + "\r\n").encode("cp1252"))
    result = read_sidalih_file(legacy)
    assert result.encoding == "cp1252" and result.rows[0][1].nama == "SITI ÉLA"
    assert "read as Windows-1252" in result.legacy_lines.warning()

    with pytest.raises(SidalihFormatError), legacy.open(encoding="utf-8", newline="") as stream:
        read_sidalih(stream)


def test_a_mixed_file_reads_each_line_in_its_own_encoding(tmp_path):
    """One Windows-1252 line in a UTF-8 file no longer turns the UTF-8 names into mojibake
    ("SITI NURAINI Ñ" read as "SITI NURAINI Ã‘"); the legacy line is named in the warning."""
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        (HEADER + "\r\n" + row(NAMA="SITI NURAINI Ñ") + "\r\n").encode("utf-8")
        + (row(NIK=NIK_B, KELAMIN="L", TGL_LHR="02|01|1985", NAMA="ANDRÉ") + "\r\n").encode(
            "cp1252"
        )
    )
    result = read_sidalih_file(mixed)
    assert [record.nama for _, record in result.rows] == ["SITI NURAINI Ñ", "ANDRÉ"]
    assert result.encoding == "utf-8+cp1252"
    assert result.legacy_lines.first == [3] and result.legacy_lines.count == 1
    assert "line 3" in result.legacy_lines.warning()


def test_an_overlong_or_undecodable_line_is_a_bad_row(tmp_path):
    path = tmp_path / "dpt.csv"
    path.write_bytes(
        (HEADER + "\n" + row() + "\n").encode()
        + b"#" * (MAX_LINE_BYTES + 1)
        + b"\n\x81\x8d\n"
        + (row(NIK=NIK_B, KELAMIN="L", TGL_LHR="02|01|1985") + "\n").encode()
    )
    result = read_sidalih_file(path)
    assert [line for line, _ in result.rows] == [2, 5]
    assert [(e.line, e.code) for e in result.errors] == [(3, "row.too_long"), (4, "row.not_text")]
    assert "64 KiB" in result.errors[0].reason


def test_an_overlong_header_refuses_the_file(tmp_path):
    path = tmp_path / "dpt.csv"
    path.write_bytes(HEADER.encode() + b"#" * MAX_LINE_BYTES + b"\n" + row().encode())
    with pytest.raises(SidalihFormatError, match="header on line 1: the line is longer than 64"):
        read_sidalih_file(path)


def test_write_layout_and_errors():
    record = read(f"{HEADER}\n{row(KET='3')}\n").rows[0][1]
    text = dumps_sidalih([record])
    lines = text.split("\r\n")
    assert lines[0] == HEADER and lines[2] == ""
    fields = lines[1].split("#")
    assert fields[SIDALIH_COLUMNS.index("TGL_LHR")] == "17|08|1990"
    assert fields[SIDALIH_COLUMNS.index("KEL_ID")] == "61.11.02.2003"
    assert fields[SIDALIH_COLUMNS.index("KEC_ID")] == "61.11.02"
    assert fields[SIDALIH_COLUMNS.index("TPS")] == "001"
    assert fields[SIDALIH_COLUMNS.index("STATUS")] == "TMS"

    out = io.StringIO()
    with pytest.raises(SidalihWriteError, match="line break"):
        write_sidalih([VoterRecord(**{**_fields(record), "alamat": "JL.\nA"})], out)
    with pytest.raises(SidalihWriteError, match="TPS"):
        write_sidalih([VoterRecord(**{**_fields(record), "tps_id": "61"})], out)
    with pytest.raises(SidalihWriteError, match="keterangan"):
        write_sidalih([VoterRecord(**{**_fields(record), "keterangan": "X"})], out)


def _fields(record: VoterRecord) -> dict:
    return {name: getattr(record, name) for name in record.__slots__}


# --- properties ---------------------------------------------------------------------------

plain_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30).map(str.strip)
kecamatan = st.tuples(
    st.sampled_from(sorted(_identity_number.KNOWN_PROVINCE_CODES)),
    st.integers(1, 99),
    st.integers(1, 99),
).map(lambda t: f"{t[0]}.{t[1]:02d}.{t[2]:02d}")
dates = st.dates(dt.date(1900, 1, 1), dt.date(2010, 12, 31))


@st.composite
def voter_records(draw) -> VoterRecord:
    kec = draw(kecamatan)
    born = draw(dates)
    sex = draw(st.sampled_from(["L", "P"]))
    nik = encode_nik(kec, born, draw(st.sampled_from(["L", "P"])), draw(st.integers(1, 9999)))
    desa = f"{kec}.{draw(st.integers(1001, 2999)):04d}"
    return VoterRecord(
        nkk=draw(
            st.one_of(
                st.just(""),
                st.builds(encode_nkk, st.just(kec), dates, st.integers(1, 9999)),
                st.text("0123456789", min_size=1, max_size=20),
            )
        ),
        nik=nik,
        nama=draw(plain_text.filter(bool)),
        tempat_lahir=draw(plain_text),
        tanggal_lahir=draw(st.one_of(st.none(), st.just(born), dates)),
        status_perkawinan=draw(st.sampled_from(["", "B", "S", "P"])),
        jenis_kelamin=sex,
        alamat=draw(plain_text),
        rt=draw(st.from_regex(r"[0-9]{0,3}", fullmatch=True)),
        rw=draw(st.from_regex(r"[0-9]{0,3}", fullmatch=True)),
        disabilitas=draw(st.integers(0, 6)),
        status_ktp_el=draw(st.sampled_from(["", "S", "B"])),
        tps_id=f"{desa}.{draw(st.integers(1, 999)):03d}",
        keterangan=draw(st.sampled_from(["", "✓", "U", "B", *"12345678"])),
        sumber=draw(st.sampled_from(["", "DP4", "DPTb", "DPK", "COKLIT"])),
        dpid=draw(st.one_of(st.none(), st.from_regex(r"[0-9]{1,12}", fullmatch=True))),
    )


@settings(max_examples=150, deadline=None)  # a loaded 2-core CI box can exceed any deadline
@given(st.lists(voter_records(), max_size=8))
def test_round_trip(records):
    result = read(dumps_sidalih(records))
    assert result.errors == []
    assert [record for _, record in result.rows] == records
    assert [line for line, _ in result.rows] == list(range(2, len(records) + 2))


plausible_fields = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            "L",
            "P",
            "S",
            "B",
            "001",
            "61.11.02",
            "6111022003",
            "17|08|1990",
            "31|02|2000",
            "TPS 1",
            "✓",
            '"',
            '"a#b"',
            NIK_A,
            NKK,
            "'",
            "0",
            "9",
        ]
    ),
)
body_lines = st.one_of(
    st.text(),
    st.lists(plausible_fields, min_size=20, max_size=24).map("#".join),
)


@settings(max_examples=150, deadline=None)  # a loaded 2-core CI box can exceed any deadline
@given(st.lists(body_lines, max_size=10), st.sampled_from(["\n", "\r\n", "\r"]))
def test_read_never_raises_and_never_loses_a_line(lines, newline):
    text = HEADER + newline + newline.join(lines)
    result = read(text)
    physical = list(io.StringIO(text, newline=""))[1:]
    non_blank = [n for n, line in enumerate(physical, start=2) if line.strip()]
    seen = sorted([line for line, _ in result.rows] + [e.line for e in result.errors])
    assert seen == non_blank  # every non-blank line is either a record or an error
    for error in result.errors:
        assert error.reason and error.code
        assert not re.search(r"[0-9]{6}", error.reason)  # never quotes NIK/NKK/dates
    for _, finding in result.warnings:
        assert not re.search(r"[0-9]{6}", finding.message)


# Letters a name may hold in either encoding. None of them is in Windows-1252's 0x80-0xBF, the
# bytes UTF-8 needs after a lead byte, so a legacy line holding one can never be valid UTF-8 by
# chance: which encoding each line was written in is knowable, and the property can demand it.
LEGACY_LETTERS = "".join(chr(code) for code in range(0xC0, 0x100) if chr(code) not in "×÷")
names = (
    st.text(alphabet=string.ascii_uppercase + " .'-" + LEGACY_LETTERS, min_size=1, max_size=25)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=150, deadline=None)  # a loaded 2-core CI box can exceed any deadline
@given(
    st.lists(st.tuples(names, st.sampled_from(["utf-8", "cp1252"])), min_size=1, max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_any_mix_of_utf8_and_cp1252_lines_round_trips_names(
    tmp_path_factory, lines, newline, final_newline
):
    data = (HEADER + newline).encode()
    data += newline.encode().join(row(NAMA=nama).encode(encoding) for nama, encoding in lines)
    path = tmp_path_factory.mktemp("mixed") / "dpt.csv"
    path.write_bytes(data + (newline.encode() if final_newline else b""))

    result = read_sidalih_file(path)

    assert result.errors == []
    assert [record.nama for _, record in result.rows] == [nama for nama, _ in lines]
    legacy = [
        n for n, (nama, enc) in enumerate(lines, start=2) if enc == "cp1252" and not nama.isascii()
    ]
    assert result.legacy_lines.count == len(legacy)
    assert result.legacy_lines.first == legacy[: LegacyLines.SHOWN]
    warning = result.legacy_lines.warning()
    if legacy:
        shown = ", ".join(str(n) for n in legacy[: LegacyLines.SHOWN])
        assert f" {shown}" in warning and "Windows-1252" in warning
    else:
        assert warning is None
