"""The admin commands, run as the admin runs them: a separate process, passphrase from the
environment, exit status and message checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import time

import pytest

from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows
from lapang_core.formats.sidalih import write_sidalih
from tests.conftest import REPO_ROOT

PASS = "lapangan-bola-desa"


def lapang(
    data_dir,
    *args,
    passphrase: str | None = PASS,
    new: str | None = None,
    stdin=None,
    **extra_env: str,
):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LAPANG_")}
    env.update(extra_env)
    if passphrase is not None:
        env["LAPANG_PASSPHRASE"] = passphrase
    if new is not None:
        env["LAPANG_NEW_PASSPHRASE"] = new
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=stdin or subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture()
def initialised(tmp_path, recovery_keys):
    key_file = tmp_path / "kpu_recovery_public.pem"
    key_file.write_bytes(recovery_keys[1])
    data_dir = tmp_path / "data"
    result = lapang(data_dir, "init", "--officer", "Siti", "--recovery-public-key", str(key_file))
    assert result.returncode == 0, result.stderr
    return data_dir


def _sidalih_file(path, records):
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_sidalih(records, handle)


def test_init_refuses_existing_vault(initialised):
    again = lapang(initialised, "init", "--officer", "Other", "--allow-dev-recovery-key")
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_passphrase_never_from_argv_and_missing_one_is_explained(tmp_path):
    result = lapang(
        tmp_path / "d", "init", "--officer", "X", "--allow-dev-recovery-key", passphrase=None
    )
    assert result.returncode == 1
    assert "LAPANG_PASSPHRASE" in result.stderr
    assert not (tmp_path / "d" / "lapang.db").exists()
    help_text = lapang(tmp_path / "d", "init", "--help").stdout
    assert "--passphrase" not in help_text


def test_wrong_passphrase_exit_code_and_message(initialised):
    result = lapang(initialised, "status", passphrase="salah-sandi-sekali")
    assert result.returncode == 1
    assert "Wrong passphrase" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_reports_bad_rows_by_line_and_is_idempotent(initialised, tmp_path):
    regions = load_region_rows(demo_regions_path())
    records = list(generate_voters(regions, 300, seed=3, election_date=dt.date(2029, 2, 14)))
    path = tmp_path / "dpt.csv"
    _sidalih_file(path, records)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace(records[4].nik, "12345")  # a malformed NIK on line 6
    path.write_text("".join(lines), encoding="utf-8")

    first = lapang(initialised, "import-sidalih", str(path))
    assert first.returncode == 0, first.stderr
    assert "line 6" in first.stderr and "NIK" in first.stderr
    assert records[4].nik not in first.stderr + first.stdout  # no personal data in messages
    assert "Imported 299 voters" in first.stdout
    second = lapang(initialised, "import-sidalih", str(path))
    assert "Imported 0 voters (299 already present)" in second.stdout
    status = lapang(initialised, "status")
    assert "Voters:    299" in status.stdout


def test_import_names_the_lines_read_as_windows_1252(initialised, tmp_path):
    """A UTF-8 list with one legacy line: every name is stored as written, and the officer is
    told which line was not UTF-8 (it used to turn every UTF-8 name into mojibake, silently)."""
    regions = load_region_rows(demo_regions_path())
    records = list(generate_voters(regions, 12, seed=5, election_date=dt.date(2029, 2, 14)))
    records[2] = dataclasses.replace(records[2], nama="SITI NURAINI Ñ")
    path = tmp_path / "dpt.csv"
    _sidalih_file(path, records)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[7] = lines[7].replace(records[6].nama.encode(), "ANDRÉ SIREGAR".encode("cp1252"))
    path.write_bytes(b"".join(lines))

    result = lapang(initialised, "import-sidalih", str(path))

    assert result.returncode == 0, result.stderr
    assert "Imported 12 voters" in result.stdout
    assert "Warning: 1 line of this UTF-8 file" in result.stderr
    assert "(line 8)" in result.stderr and "Windows-1252" in result.stderr
    from desktop_app.store.vault import Vault

    with Vault(initialised).unlock("Siti", PASS) as store:
        names = {nama for (nama,) in store.db.execute("SELECT nama FROM voters").fetchall()}
    assert {"SITI NURAINI Ñ", "ANDRÉ SIREGAR"} <= names
    assert not any("Ã" in nama for nama in names)


def test_import_of_missing_or_foreign_file_is_clear(initialised, tmp_path):
    missing = lapang(initialised, "import-sidalih", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "Cannot read" in missing.stderr
    foreign = tmp_path / "foreign.csv"
    foreign.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    result = lapang(initialised, "import-sidalih", str(foreign))
    assert result.returncode == 1 and "Nothing was imported" in result.stderr


def test_demo_then_verify_passes_and_tampering_fails(initialised):
    demo = lapang(initialised, "demo", "--voters", "600")
    assert demo.returncode == 0, demo.stderr
    ok = lapang(initialised, "verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "All checks passed" in ok.stdout

    from desktop_app.store.vault import Vault

    store = Vault(initialised).unlock("Siti", PASS)
    store.db.execute("DROP TRIGGER audit_entries_unchanged")  # as with a SQLCipher shell
    store.db.execute("UPDATE audit SET officer = 'someone' WHERE id = 1")
    store.close()
    bad = lapang(initialised, "verify")
    assert bad.returncode == 1
    assert "FAIL  audit chain: entry 1" in bad.stdout


def test_demo_argument_checked(initialised):
    result = lapang(initialised, "demo", "--voters", "lots")
    assert result.returncode == 2 and "not a whole number" in result.stderr


def test_passwd_and_add_officer(initialised):
    changed = lapang(initialised, "passwd", new="sandi-baru-yang-panjang")
    assert changed.returncode == 0, changed.stderr
    assert lapang(initialised, "status").returncode == 1
    assert lapang(initialised, "status", passphrase="sandi-baru-yang-panjang").returncode == 0
    weak = lapang(initialised, "passwd", passphrase="sandi-baru-yang-panjang", new="abc")
    assert weak.returncode == 1 and "at least 8" in weak.stderr
    added = lapang(
        initialised,
        "add-officer",
        "Yohanes",
        passphrase="sandi-baru-yang-panjang",
        new="sandi-yohanes-2029",
    )
    assert added.returncode == 0, added.stderr
    ambiguous = lapang(initialised, "status", passphrase="sandi-yohanes-2029")
    assert ambiguous.returncode == 1 and "--officer" in ambiguous.stderr
    assert (
        lapang(
            initialised, "--officer", "Yohanes", "status", passphrase="sandi-yohanes-2029"
        ).returncode
        == 0
    )


def test_recover_prints_raw_key_and_sets_passphrase(initialised, tmp_path, recovery_keys):
    key = tmp_path / "kpu_recovery_private.pem"
    key.write_bytes(recovery_keys[0])
    printed = lapang(
        initialised, "recover", "--private-key", str(key), "--print-key", passphrase=None
    )
    assert printed.returncode == 0, printed.stderr
    assert "PRAGMA key = \"x'" in printed.stdout
    reset = lapang(
        initialised,
        "recover",
        "--private-key",
        str(key),
        "--officer",
        "Siti",
        passphrase=None,
        new="dipulihkan-oleh-kpu",
    )
    assert reset.returncode == 0, reset.stderr
    assert lapang(initialised, "status", passphrase="dipulihkan-oleh-kpu").returncode == 0
    wrong = tmp_path / "wrong.pem"
    wrong.write_text("not a key")
    bad = lapang(initialised, "recover", "--private-key", str(wrong), "--print-key")
    assert bad.returncode == 1 and "Cannot read the recovery private key" in bad.stderr


def test_commands_on_missing_vault(tmp_path):
    result = lapang(tmp_path / "empty", "status")
    assert result.returncode == 1 and "lapang init" in result.stderr


def _counter(data_dir, content: str) -> None:
    (data_dir / "unlock_state.json").write_text(content, encoding="utf-8")


def test_add_officer_and_passwd_wait_like_unlock(initialised):
    from desktop_app.store.vault import Vault

    # The longest wait (eleven wrong guesses) has just begun.
    _counter(initialised, json.dumps({"Siti": {"failures": 11, "last_failure": time.time()}}))
    for passphrase in ("tebakan-satu", "tebakan-dua", PASS):
        added = lapang(
            initialised, "add-officer", "Penebak", passphrase=passphrase, new="sandi-penebak-2029"
        )
        assert added.returncode == 1
        assert "Too many wrong passphrases. Wait" in added.stderr
    changed = lapang(initialised, "passwd", new="sandi-baru-yang-panjang")
    assert changed.returncode == 1 and "Too many wrong passphrases" in changed.stderr
    assert Vault(initialised).officers() == ["Siti"]


def test_wrong_guesses_at_add_officer_count_for_unlock(initialised):
    for _ in range(3):
        guess = lapang(
            initialised, "add-officer", "Penebak", passphrase="tebakan", new="sandi-penebak-2029"
        )
        assert guess.returncode == 1 and "Wrong passphrase" in guess.stderr
    status = lapang(initialised, "status")
    assert status.returncode == 1 and "Too many wrong passphrases" in status.stderr


def test_a_damaged_counter_file_means_a_clear_wait_not_a_crash(initialised):
    _counter(initialised, '{"Siti":{"failures":5}}')
    result = lapang(initialised, "status")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "KeyError" not in result.stderr
    assert "counter (unlock_state.json) was damaged" in result.stderr
    assert "wait 300 s" in result.stderr
    json.loads((initialised / "unlock_state.json").read_text(encoding="utf-8"))  # repaired


def test_init_refuses_the_development_recovery_key_and_names_the_setting(tmp_path):
    data_dir = tmp_path / "d"
    # No passphrase needed to hear it: the refusal comes before the prompt.
    result = lapang(data_dir, "init", "--officer", "Siti", passphrase=None)
    assert result.returncode == 1
    assert "development placeholder" in result.stderr
    assert "recovery_public_key under [keys] in deployment.toml" in result.stderr
    assert "--allow-dev-recovery-key" in result.stderr and "Traceback" not in result.stderr
    assert not (data_dir / "lapang.db").exists() and not (data_dir / "keyslots.json").exists()

    bundled = REPO_ROOT / "resources" / "keys" / "kpu_recovery_public.pem"
    named = lapang(data_dir, "init", "--officer", "Siti", "--recovery-public-key", str(bundled))
    assert named.returncode == 1
    assert f"--recovery-public-key {bundled} is the development placeholder" in named.stderr

    settings = tmp_path / "deployment.toml"
    settings.write_text('name = "uji"\n', encoding="utf-8")
    with_file = lapang(data_dir, "init", "--officer", "Siti", LAPANG_DEPLOYMENT=str(settings))
    assert with_file.returncode == 1
    assert f"{settings} sets no recovery_public_key under [keys]" in with_file.stderr
    assert not (data_dir / "lapang.db").exists()


def test_the_development_key_only_when_a_test_says_so_and_for_demo(tmp_path):
    flagged = lapang(tmp_path / "a", "init", "--officer", "Siti", "--allow-dev-recovery-key")
    assert flagged.returncode == 0, flagged.stderr
    by_env = lapang(tmp_path / "b", "init", "--officer", "Siti", LAPANG_ALLOW_DEV_RECOVERY_KEY="1")
    assert by_env.returncode == 0, by_env.stderr
    demo = lapang(tmp_path / "c", "demo", "--voters", "50", passphrase=None)  # invented voters
    assert demo.returncode == 0, demo.stderr


def test_election_rules_are_set_from_a_file_and_bad_ones_change_nothing(initialised, tmp_path):
    # Issue 16 item 6: rules the domain note marks [?] are configured per election.
    assert lapang(initialised, "election-rules").stdout.strip() == "Defaults."
    good = tmp_path / "rules.json"
    good.write_text(json.dumps({"tms5_label": "WNA", "max_kolesterol": 250}), encoding="utf-8")
    result = lapang(initialised, "election-rules", "--file", str(good))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"tms5_label": "WNA", "max_kolesterol": 250}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"party_cooloff_years": 3}), encoding="utf-8")
    refused = lapang(initialised, "election-rules", "--file", str(bad))
    assert refused.returncode != 0 and "party_cooloff_years" in refused.stderr
    assert "Nothing was changed" in refused.stderr
    kept = lapang(initialised, "election-rules")
    assert json.loads(kept.stdout) == {"tms5_label": "WNA", "max_kolesterol": 250}
