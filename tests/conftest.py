"""Shared fixtures: real encrypted vaults in temporary folders, and a KPU recovery key pair made
for the test session (the deployment's real private key never exists on a field laptop)."""

from __future__ import annotations

import contextlib
import os
import pathlib

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# The offscreen screen is a field laptop's (1366x768, the commonest in Indonesia) rather than
# Qt's default 800x600: windows are fitted to the screen they open on.
OFFSCREEN_SCREEN = pathlib.Path(__file__).resolve().parent / "support" / "offscreen_1366x768.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={OFFSCREEN_SCREEN}"

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED_REGIONS_CSV = REPO_ROOT.parent / "shared" / "data" / "wilayah_kemendagri_2025.csv"
OFFICER = "Siti Rahmawati"
PASSPHRASE = "kapal-layar-di-teluk"


@pytest.fixture(scope="session")
def recovery_keys() -> tuple[bytes, bytes]:
    """(private PEM, public PEM) for KPU recovery, made once per test session."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem


@pytest.fixture()
def data_dir(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / "vault"


@pytest.fixture()
def vault(data_dir: pathlib.Path):
    from desktop_app.store.vault import Vault

    return Vault(data_dir)


@pytest.fixture()
def store(vault, recovery_keys):
    """A fresh, unlocked, empty store (cheap key derivation: tests unlock many times)."""
    from desktop_app.store.keyslots import TEST_KDF

    opened = vault.create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF)
    yield opened
    # Tests may have closed it already; closing twice is harmless to ignore here.
    with contextlib.suppress(Exception):
        opened.close()
