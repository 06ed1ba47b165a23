"""The Sidalih import, end to end into a real store, never crashes on what a file may hold: it
imports good rows, reports bad ones, or refuses the file with ImportFailed — and the store stays
consistent either way."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.store.errors import ImportFailed
from desktop_app.store.sidalih_import import import_sidalih_file
from desktop_app.store.verify import verify_store

HEADER = "KEL_ID#TPS#DPID#NKK#NIK#NAMA#KELAMIN#TMPT_LHR#TGL_LHR#STS#ALAMAT#RT#RW#DIS#EKTP#KET"
GOOD = (
    "6111022003#1#900001#6111020101150001#6111024107900001#SITI AMINAH#P#SUKADANA#"
    "01|07|1990#S#DUSUN PELITA#001#002#0#S#"
)

cell = st.text(alphabet=string.printable + "|#éñ✓", max_size=20)
line = st.one_of(
    st.lists(cell, min_size=0, max_size=20).map("#".join),
    st.just(GOOD),
    st.text(max_size=80),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.lists(line, max_size=8), header=st.sampled_from([HEADER, HEADER.lower(), "", "a,b"]))
def test_any_file_body_imports_or_is_refused_cleanly(store, tmp_path_factory, body, header):
    path = tmp_path_factory.mktemp("imp") / "dpt.csv"
    path.write_text("\n".join([header, *body]), encoding="utf-8")
    before = store.db.execute("SELECT count(*) FROM voters").fetchone()[0]
    try:
        result = import_sidalih_file(store, path)
    except ImportFailed:
        assert store.db.execute("SELECT count(*) FROM voters").fetchone()[0] == before
        return
    after = store.db.execute("SELECT count(*) FROM voters").fetchone()[0]
    assert after - before == result.report.inserted
    assert result.report.read == result.report.inserted + result.report.already_present
    assert verify_store(store).ok


def test_binary_garbage_is_refused(store, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10)
    with pytest.raises(ImportFailed, match="Nothing was imported"):
        import_sidalih_file(store, path)
    assert store.db.execute("SELECT count(*) FROM voters").fetchone()[0] == 0


def test_the_good_line_imports(store, tmp_path):
    path = tmp_path / "dpt.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    result = import_sidalih_file(store, path)
    assert result.report.inserted == 1 and not result.errors
