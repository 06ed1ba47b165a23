"""``lapang export-bundle`` and ``lapang relay-bundle`` as KPU IT and officers run them: a real
vault enrolled with a real server, the deployment file naming KPU's bundle key."""

from __future__ import annotations

import pathlib

import pytest

from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from desktop_app.sync import relay
from desktop_app.sync.enrollment import enroll
from desktop_app.sync.pacing import RetryPolicy
from sync_server import bundles
from tests.cli.test_cli import PASS, lapang
from tests.support.sync_env import area_voters, start_server


@pytest.fixture()
def enrolled_vault(tmp_path: pathlib.Path, recovery_keys) -> tuple[pathlib.Path, pathlib.Path]:
    """(data folder of an enrolled vault with three changes waiting, deployment.toml)."""
    key_line = bundles.generate_bundle_key(tmp_path / "bundle-key.pem")
    recovery = tmp_path / "recovery.pem"
    recovery.write_bytes(recovery_keys[1])
    settings = tmp_path / "deployment.toml"
    settings.write_text(
        f'[sync]\nbundle_public_key = "{key_line}"\n[keys]\nrecovery_public_key = "recovery.pem"\n',
        encoding="utf-8",
    )
    server = start_server(tmp_path / "server", voters=area_voters(10))
    data_dir = tmp_path / "data"
    try:
        with Vault(data_dir).create("Siti", PASS, recovery_keys[1], kdf=TEST_KDF) as store:
            enroll(store, server.url, server.code(), retry=RetryPolicy(attempts=3), kpu_key=None)
            for index in range(3):
                VoterService(store).mark_sesuai(server.voter_id(index))
    finally:
        server.stop()
    return data_dir, settings


def test_export_bundle_writes_the_file_and_says_what_it_holds(enrolled_vault, tmp_path):
    data_dir, settings = enrolled_vault
    stick = tmp_path / "stick"
    result = lapang(data_dir, "export-bundle", "--out", str(stick), LAPANG_DEPLOYMENT=str(settings))
    assert result.returncode == 0, result.stderr
    [written] = list(stick.iterdir())
    assert f"Wrote {written}" in result.stdout and "3 changes" in result.stdout

    carrier = tmp_path / "carrier"
    relayed = lapang(carrier, "relay-bundle", str(written), LAPANG_DEPLOYMENT=str(settings))
    assert relayed.returncode == 0, relayed.stderr
    assert "3 changes" in relayed.stdout
    assert [q.bundle_id for q in relay.queued(relay.relay_dir(carrier))] != []


def test_export_bundle_without_a_bundle_key_names_the_setting(enrolled_vault, tmp_path):
    data_dir, settings = enrolled_vault
    settings.write_text('[keys]\nrecovery_public_key = "recovery.pem"\n', encoding="utf-8")
    result = lapang(
        data_dir, "export-bundle", "--out", str(tmp_path / "s"), LAPANG_DEPLOYMENT=str(settings)
    )
    assert result.returncode == 1
    assert "bundle_public_key under [sync]" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "s").exists()


def test_a_bad_bundle_key_stops_at_start_naming_it(enrolled_vault, tmp_path):
    data_dir, settings = enrolled_vault
    settings.write_text(
        '[sync]\nbundle_public_key = "abc"\n[keys]\nrecovery_public_key = "recovery.pem"\n',
        encoding="utf-8",
    )
    result = lapang(data_dir, "status", LAPANG_DEPLOYMENT=str(settings))
    assert result.returncode == 1
    assert "bundle_public_key under [sync]" in result.stderr


def test_relay_bundle_refuses_a_file_that_is_not_a_bundle(tmp_path):
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0")
    result = lapang(tmp_path / "carrier", "relay-bundle", str(junk), passphrase=None)
    assert result.returncode == 1
    assert "not a Lapang bundle" in result.stderr and "Traceback" not in result.stderr
