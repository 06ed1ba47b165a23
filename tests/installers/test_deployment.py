"""The deployment settings file: built-in values, a full file, the search order, and a clear
error for each way a file can be wrong."""

from __future__ import annotations

import datetime as dt
import pathlib
import sys

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from desktop_app import __version__
from desktop_app.deployment import (
    DEFAULT_SERVER_CA,
    DEPLOYMENT_ENV,
    DeploymentError,
    application_dir,
    build_stamp,
    find_deployment_file,
    load_deployment,
)
from desktop_app.resources import resource_path
from lapang_core.protocol import generate_key, public_key_text, sign_announcement

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


def _certificate_pem() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sync.kpu.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture()
def kit(tmp_path: pathlib.Path, recovery_keys: tuple[bytes, bytes]) -> pathlib.Path:
    """A folder as KPU IT would hand it out: certificate, keys, and the settings file."""
    folder = tmp_path / "kpu"
    folder.mkdir()
    (folder / "ca.pem").write_bytes(_certificate_pem())
    (folder / "recovery.pem").write_bytes(recovery_keys[1])
    return folder


def _write(folder: pathlib.Path, text: str) -> pathlib.Path:
    path = folder / "deployment.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _nowhere(tmp_path: pathlib.Path) -> dict:
    """Search inputs that find no file (the real /etc/lapang must not leak into a test)."""
    return {"environ": {}, "app_dir": None, "system_file": tmp_path / "no-such.toml"}


def test_without_a_file_the_built_in_values_apply(tmp_path: pathlib.Path) -> None:
    deployment = load_deployment(**_nowhere(tmp_path))
    assert deployment.source is None
    assert deployment.server_url is None and not deployment.sync_configured
    assert deployment.recovery_public_key_file == resource_path("keys", "kpu_recovery_public.pem")
    assert (
        deployment.recovery_public_key_pem
        == (REPO_ROOT / "resources" / "keys" / "kpu_recovery_public.pem").read_bytes()
    )
    assert len(deployment.recovery_key_fingerprint()) == 64
    assert "(none: built-in values)" in deployment.describe()[0]


def test_a_full_file_replaces_every_value(
    kit: pathlib.Path, recovery_keys: tuple[bytes, bytes]
) -> None:
    announcer = generate_key()
    text = f"# KPU announcement key, 2029\n{public_key_text(announcer)}\n"
    (kit / "announce.txt").write_text(text, encoding="ascii")
    path = _write(
        kit,
        'name = "KPU Kab. Contoh 2029"\n'
        "[sync]\n"
        'server_url = "https://sync.kpu.test/lapang/"\n'
        'ca_file = "ca.pem"\n'
        "[keys]\n"
        f'recovery_public_key = "{(kit / "recovery.pem").as_posix()}"\n'
        'announcement_public_key = "announce.txt"\n',
    )
    deployment = load_deployment(path)
    assert deployment.source == path
    assert deployment.name == "KPU Kab. Contoh 2029"
    assert deployment.server_url == "https://sync.kpu.test/lapang"
    assert deployment.server_ca_file == kit / "ca.pem"
    assert deployment.recovery_public_key_pem == recovery_keys[1]
    signed = sign_announcement(announcer, "a1", "", "Rapat", "Besok pukul 09.00", "2029-01-02")
    assert deployment.announcement_public_key is not None
    assert signed.verify(deployment.announcement_public_key)
    assert not signed.verify(generate_key().public_key())


def test_an_announcement_key_may_be_pem(kit: pathlib.Path) -> None:
    pem = (
        generate_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    (kit / "announce.pem").write_bytes(pem)
    path = _write(kit, '[keys]\nannouncement_public_key = "announce.pem"\n')
    assert load_deployment(path).announcement_public_key is not None


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://127.0.0.2", "http://[::1]:80"])
def test_plain_http_is_allowed_for_a_local_test_server(kit: pathlib.Path, url: str) -> None:
    path = _write(kit, f'[sync]\nserver_url = "{url}"\n')
    assert load_deployment(path).server_url == url


def test_search_order_env_then_program_folder_then_system(tmp_path: pathlib.Path) -> None:
    files = {}
    for place in ("env", "app", "system"):
        (tmp_path / place).mkdir()
        files[place] = _write(tmp_path / place, f'name = "{place}"\n')
    env = {DEPLOYMENT_ENV: str(files["env"])}
    app_dir, system = tmp_path / "app", files["system"]
    assert find_deployment_file(env, app_dir, system) == files["env"]
    assert find_deployment_file({}, app_dir, system) == files["app"]
    assert find_deployment_file({}, tmp_path / "empty", system) == files["system"]
    assert find_deployment_file({}, tmp_path / "empty", tmp_path / "none.toml") is None
    assert load_deployment(environ={}, app_dir=app_dir, system_file=system).name == "app"


def test_env_naming_a_missing_file_is_an_error_not_a_silent_fallback(
    tmp_path: pathlib.Path,
) -> None:
    with pytest.raises(DeploymentError, match=DEPLOYMENT_ENV):
        load_deployment(environ={DEPLOYMENT_ENV: str(tmp_path / "typo.toml")}, app_dir=None)


def test_a_built_app_looks_next_to_its_program(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    assert application_dir() is None  # from source
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "lapang"))
    assert application_dir() == tmp_path.resolve()
    path = _write(tmp_path, 'name = "beside the program"\n')
    assert find_deployment_file({}, None, tmp_path / "none.toml") == path.resolve()


def _rsa_pem(bits: int, private: bool = False) -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    if private:
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


BAD_FILES = {
    "not TOML": ('[sync\nserver_url = "https://x"\n', "not a valid settings file"),
    "unquoted text": ("[sync]\nserver_url = https://sync.kpu.test\n", "not a valid settings"),
    "typo in a name": ('[sync]\nserver_ur = "https://x.test"\n', "unknown setting 'server_ur'"),
    "unknown top-level": ('sever = "x"\n', "unknown setting 'sever' at the top"),
    "section as text": ('sync = "https://sync.kpu.test"\n', "'sync' must be a section"),
    "number for text": ("[sync]\nserver_url = 8443\n", "server_url must be text"),
    "empty value": ('[keys]\nrecovery_public_key = ""\n', "recovery_public_key is empty"),
    "plain http": ('[sync]\nserver_url = "http://sync.kpu.test"\n', "must start with https://"),
    "no host": ('[sync]\nserver_url = "https://"\n', "must be an address"),
    "ftp": ('[sync]\nserver_url = "ftp://sync.kpu.test"\n', "must be an address"),
    "password in url": (
        '[sync]\nserver_url = "https://u:p@sync.kpu.test"\nca_file = "ca.pem"\n',
        "user name or password",
    ),
    "missing file": ('[sync]\nca_file = "missing.pem"\n', "ca_file names"),
    "ca not a cert": ('[sync]\nca_file = "recovery.pem"\n', "holds no PEM certificate"),
    "ca is a key": ('[keys]\nannouncement_public_key = "ca.pem"\n', "Ed25519 announcement key"),
    "small recovery key": ('[keys]\nrecovery_public_key = "small.pem"\n', "3072 bits"),
    "private recovery key": (
        '[keys]\nrecovery_public_key = "private.pem"\n',
        "never the private key",
    ),
    "announcement garbage": (
        '[keys]\nannouncement_public_key = "garbage.txt"\n',
        "kpu-keygen",
    ),
    "announcement is rsa": (
        '[keys]\nannouncement_public_key = "recovery.pem"\n',
        "Ed25519 announcement key",
    ),
}


@pytest.fixture(scope="module")
def odd_keys() -> dict[str, bytes]:
    return {"small.pem": _rsa_pem(2048), "private.pem": _rsa_pem(3072, private=True)}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_a_bad_file_names_the_file_and_the_setting(
    case: str, kit: pathlib.Path, odd_keys: dict[str, bytes]
) -> None:
    for name, data in odd_keys.items():
        (kit / name).write_bytes(data)
    (kit / "garbage.txt").write_text("not-a-key!\n", encoding="ascii")
    text, expected = BAD_FILES[case]
    path = _write(kit, text)
    with pytest.raises(DeploymentError) as caught:
        load_deployment(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_https_needs_a_pinned_certificate(kit: pathlib.Path) -> None:
    if resource_path(*DEFAULT_SERVER_CA).is_file():
        pytest.skip("this build carries a built-in server certificate, which is then pinned")
    path = _write(kit, '[sync]\nserver_url = "https://sync.kpu.test"\n')
    with pytest.raises(DeploymentError, match="no certificate is pinned"):
        load_deployment(path)


def test_an_explicit_file_must_exist(tmp_path: pathlib.Path) -> None:
    with pytest.raises(DeploymentError, match="does not exist"):
        load_deployment(tmp_path / "deployment.toml")


def test_source_runs_have_no_build_stamp() -> None:
    if resource_path("build_info.json").is_file():
        pytest.skip("resources/build_info.json exists here; only a bundle should have one")
    stamp = build_stamp()
    assert stamp.version == __version__
    assert stamp.commit is None
    assert stamp.label() == f"{__version__} (source)"


def test_the_example_file_loads_and_changes_nothing(tmp_path: pathlib.Path) -> None:
    example = REPO_ROOT / "build_scripts" / "deployment.example.toml"
    deployment = load_deployment(example)
    built_in = load_deployment(**_nowhere(tmp_path))
    assert deployment.source == example
    fields = ("server_url", "server_ca_file", "recovery_public_key_file", "name")
    assert [getattr(deployment, f) for f in fields] == [getattr(built_in, f) for f in fields]
