"""deployment.toml's return_public_key: the server's return key (return bundles are applied only
when they verify against it), read as return-keygen prints it or as PEM; a wrong file stops the
app with the setting named."""

from __future__ import annotations

import pathlib

import pytest
from cryptography.hazmat.primitives import serialization

from desktop_app.deployment import DeploymentError, load_deployment
from lapang_core.protocol import generate_encryption_key, generate_key, public_key_text


def _file(folder: pathlib.Path, recovery_pem: bytes, key_name: str | None) -> pathlib.Path:
    (folder / "recovery.pem").write_bytes(recovery_pem)
    path = folder / "deployment.toml"
    lines = ["[keys]", 'recovery_public_key = "recovery.pem"']
    if key_name:
        lines.append(f'return_public_key = "{key_name}"')
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_return_key_loads_from_the_keygen_line_or_pem(tmp_path, recovery_keys) -> None:
    key = generate_key()
    (tmp_path / "return.txt").write_text(f"# server return key\n{public_key_text(key)}\n")
    loaded = load_deployment(_file(tmp_path, recovery_keys[1], "return.txt"))
    assert public_key_text(loaded.return_public_key) == public_key_text(key)
    assert any("Return bundle key:" in line and "return.txt" in line for line in loaded.describe())
    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    (tmp_path / "return.pem").write_bytes(pem)
    loaded = load_deployment(_file(tmp_path, recovery_keys[1], "return.pem"))
    assert public_key_text(loaded.return_public_key) == public_key_text(key)


def test_without_it_no_return_bundle_is_trusted(tmp_path, recovery_keys) -> None:
    assert load_deployment(_file(tmp_path, recovery_keys[1], None)).return_public_key is None


def test_a_wrong_return_key_file_names_the_setting(tmp_path, recovery_keys) -> None:
    # An X25519 key (the bundle key's kind) is not the server's Ed25519 return key.
    wrong = (
        generate_encryption_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    (tmp_path / "wrong.pem").write_bytes(wrong)
    with pytest.raises(DeploymentError, match="return_public_key .*return-keygen"):
        load_deployment(_file(tmp_path, recovery_keys[1], "wrong.pem"))
    with pytest.raises(DeploymentError, match="return_public_key names .*does not exist"):
        load_deployment(_file(tmp_path, recovery_keys[1], "missing.txt"))
