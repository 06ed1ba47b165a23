"""Languages and the desk's layering: Indonesian by default with no English leaking in,
English from the committed .qm, every domain finding worded, Qt imported in one place only."""

from __future__ import annotations

import ast
import os
import pathlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import PySide6
import pytest

from desktop_app.resources import resource_path
from desktop_app.ui import finding_text, i18n, labels
from lapang_core.domain.findings import Severity, warning
from tests.ui.helpers import make_window, unlock

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "desktop_app"
CORE = PACKAGE.parent / "lapang_core"
TRANSLATIONS = resource_path("translations")


@pytest.fixture()
def english(qapp):
    i18n.install_language("en")
    yield
    i18n.install_language("id")


def test_indonesian_is_the_default_and_needs_no_file(qapp):
    assert i18n.install_language("id") == "id"
    assert labels.tms(1) == "Meninggal dunia"
    assert labels.keterangan("") == "Belum dicek"


def test_english_comes_from_the_committed_qm(english):
    assert i18n.current_language() == "en"
    assert labels.tms(1) == "Deceased"
    assert labels.element("tanggal_lahir") == "Date of birth"
    # Findings are worded for the officer in English too, not left to the domain's message.
    finding = warning("nik.sex_mismatch", "nik", "The NIK encodes a different sex.")
    assert finding_text.finding_text(finding).startswith(
        "The sex encoded in the NIK differs from the one recorded"
    )


def test_an_unknown_language_falls_back_to_indonesian(qapp):
    assert i18n.install_language("xx") == "id"


def test_the_unlock_screen_follows_the_language_setting(qtbot, listed_dir):
    from desktop_app.ui.settings import DeskSettings

    DeskSettings(language="en").save(listed_dir)
    window = make_window(qtbot, listed_dir)
    i18n.install_language(window.ctx.settings.language)
    window.show_unlock()
    assert window.page.unlock_button.text() == "&Unlock"
    unlock(qtbot, window)
    assert window.desk.status.sync_state.text() == "Offline"
    window.close()
    i18n.install_language("id")


def _qt_tool(name: str) -> str:
    # PySide6 ships lupdate and lrelease beside the package (pyside6-* are wrappers of them).
    tool = pathlib.Path(PySide6.__file__).parent / (name + (".exe" if os.name == "nt" else ""))
    assert tool.exists(), f"{tool} is missing: PySide6 is installed without its tools"
    return str(tool)


def _unfinished(ts: pathlib.Path) -> list[tuple[str, str]]:
    """(context, source) of each live message whose English is unfinished or empty (a plural
    message: any of its forms)."""
    found = []
    for context in ET.parse(ts).getroot():
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
            if translation.get("type") == "unfinished" or not all(f and f.strip() for f in forms):
                found.append((context.findtext("name"), message.findtext("source")))
    return found


def test_every_desk_string_has_its_english(tmp_path):
    """Every string in desktop_app/ui, as lupdate finds it in the code now, has finished,
    non-empty English in the committed lapang_en.ts (findings included: the English desk words
    them for the officer, the domain's own message is only a fallback). A string added without
    running lupdate, or left untranslated, fails here."""
    committed = TRANSLATIONS / "lapang_en.ts"
    assert _unfinished(committed) == []
    current = tmp_path / "lapang_en.ts"
    shutil.copyfile(committed, current)
    sources = sorted(str(path) for path in (PACKAGE / "ui").rglob("*.py"))
    subprocess.run(
        [_qt_tool("lupdate"), *sources, "-source-language", "id", "-target-language", "en"]
        + ["-ts", str(current)],
        check=True,
        capture_output=True,
    )
    assert _unfinished(current) == []


@pytest.mark.parametrize("name", ["lapang_en", "qtbase_id"])
def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path, name):
    compiled = tmp_path / f"{name}.qm"
    subprocess.run(
        [_qt_tool("lrelease"), str(TRANSLATIONS / f"{name}.ts"), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    committed = TRANSLATIONS / f"{name}.qm"
    assert committed.read_bytes() == compiled.read_bytes(), f"run lrelease on {name}.ts"


_CODE = re.compile(
    r'"((?:nik|nkk|nama|tempat_lahir|tanggal_lahir|status_perkawinan|jenis_kelamin|'
    r"alamat|rt|rw|disabilitas|status_ktp_el|keterangan|tps_id|dpid|eligibility|"
    r'changes|tms|status_tni_polri|sk_pemberhentian|hak_pilih_dicabut)\.[a-z_]+)"'
)
_KIND = re.compile(r'f"\{kind\}\.([a-z_]+)"')


def test_every_voter_finding_code_has_indonesian_wording():
    """Codes the voter rules can produce (literal, or built per field/kind) must be worded, or
    Indonesian officers would read English."""
    domain = CORE / "domain"
    codes: set[str] = set()
    for name in (
        "nik",
        "nkk",
        "_identity_number",
        "voter",
        "eligibility",
        "outcomes",
        "tms_record",
    ):
        text = (domain / f"{name}.py").read_text(encoding="utf-8")
        codes.update(_CODE.findall(text))
        codes.update(
            f"{kind}.{suffix}" for suffix in _KIND.findall(text) for kind in ("nik", "nkk")
        )
    # Per-field codes made with f"{field}.missing" / f"{field}.invalid" in voter.py.
    for field in (
        "nama",
        "tempat_lahir",
        "alamat",
        "tanggal_lahir",
        "jenis_kelamin",
        "status_perkawinan",
        "rt",
        "rw",
        "status_ktp_el",
        "nkk",
    ):
        codes.add(f"{field}.missing")
    for field in (
        "nama",
        "tempat_lahir",
        "alamat",
        "tanggal_lahir",
        "jenis_kelamin",
        "status_perkawinan",
        "rt",
        "rw",
        "disabilitas",
        "status_ktp_el",
    ):
        codes.add(f"{field}.invalid")
    assert len(codes) > 40
    assert codes - finding_text.known_codes() == set()


def test_findings_fall_back_to_the_domain_message_for_new_codes(qapp):
    finding = warning("nik.something_new", "nik", "A new check.")
    assert finding_text.finding_text(finding) == "A new check."
    assert finding.severity is Severity.WARNING


def _imports(path: pathlib.Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    return names


def test_only_ui_qt_imports_the_binding():
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        if path.name == "qt.py":
            continue
        bound = {n for n in _imports(path) if n.split(".")[0] in ("PySide6", "shiboken6")}
        assert not bound, f"{path.name} imports {bound}; import from desktop_app.ui.qt"


def test_nothing_below_the_ui_imports_it():
    for root, package in (
        (CORE, "domain"),
        (PACKAGE, "store"),
        (PACKAGE, "sync"),
        (CORE, "formats"),
        (PACKAGE, "synthetic"),
    ):
        paths = sorted((root / package).rglob("*.py"))
        assert paths, f"{package} has moved: this test reads nothing"
        for path in paths:
            for name in _imports(path):
                assert not name.startswith("desktop_app.ui"), (
                    f"{package}/{path.name} imports {name}"
                )
                assert name.split(".")[0] not in ("PySide6", "shiboken6"), path.name


def test_the_ui_holds_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+[\w*]")
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert ".execute(" not in text, path.name
        assert not sql.search(text), f"{path.name} contains SQL; add a query to the store"
