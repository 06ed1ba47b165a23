"""Per-deployment settings: the KPU sync server a laptop talks to, the certificate pinned for it,
and the KPU public keys it trusts (recovery, announcements). KPU IT changes them with a text file,
``deployment.toml``, without rebuilding the app; whatever the file leaves out comes from the
app's ``resources/``. The format is documented in ``build_scripts/deployment.example.toml`` and
``docs/installers.md``.

Which file is read (the first that applies; files are never merged, so there is exactly one
answer to "which settings are in force"):

1. the file named by ``LAPANG_DEPLOYMENT`` (it must exist);
2. ``deployment.toml`` next to the program, in a built app (Windows: the install folder, which
   only an administrator can write);
3. on Linux and other POSIX systems, ``/etc/lapang/deployment.toml`` (the .deb's conffile);
4. none: the built-in values.

Windows has no step 3 on purpose: under ``C:\\ProgramData`` any user may create files, so an
officer's account could plant a file there that points the laptop at another server.

Everything is checked when loaded (the server address, that each file exists and holds the right
kind of key or certificate), so a bad file stops the app at start with a message naming the file
and the setting, instead of failing later at the first sync or the first new vault.
"""

from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
import json
import os
import pathlib
import sys
import tomllib
import urllib.parse
from collections.abc import Mapping
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa, x25519

from desktop_app import __version__
from desktop_app.resources import resource_path
from desktop_app.sync.trust import pin_bundle
from lapang_core.protocol import ProtocolError, seal
from lapang_core.protocol.key_files import BadKeyFile, load_announcement_key

DEPLOYMENT_FILE_NAME = "deployment.toml"
DEPLOYMENT_ENV = "LAPANG_DEPLOYMENT"
SYSTEM_DEPLOYMENT_FILE = pathlib.Path("/etc/lapang/deployment.toml")

# Built-in values: files in resources/ (the certificate and the announcement key only once a
# deployment's build carries them).
DEFAULT_RECOVERY_KEY = ("keys", "kpu_recovery_public.pem")
DEFAULT_ANNOUNCEMENT_KEY = ("keys", "kpu_announcement_public.txt")
DEFAULT_SERVER_CA = ("certs", "kpu_sync_ca.pem")
DEFAULT_RETURN_KEY = ("keys", "kpu_return_public.txt")

# SHA-256 (DER) of the recovery key shipped in resources/keys/: a placeholder made for development
# whose private half was discarded (resources/keys/README.md). A vault wrapped to it can never be
# recovered, so a real vault is never made with it; only demo vaults and tests may use it.
DEVELOPMENT_RECOVERY_KEY_SHA256 = "10e528798a14d1f9cacb219925ac25b1e3022da8c1df79553e74f2f1a20b7b35"
# "1" lets a real vault use the development key anyway: tests and build smoke runs only.
ALLOW_DEV_RECOVERY_KEY_ENV = "LAPANG_ALLOW_DEV_RECOVERY_KEY"

# Same floor as the vault's recovery slot (store/keyslots.py refuses smaller keys).
MIN_RECOVERY_KEY_BITS = 3072
_SETTINGS: dict[str | None, set[str]] = {
    None: {"name", "sync", "keys"},
    "sync": {"server_url", "ca_file", "next_ca_file", "bundle_public_key"},
    "keys": {
        "recovery_public_key",
        "announcement_public_key",
        "next_announcement_public_key",
        "return_public_key",
    },
}


class DeploymentError(Exception):
    """The deployment settings cannot be used. The message names the file and the setting and
    says what to change; it holds no personal data, so it may be logged."""


class DevelopmentRecoveryKey(DeploymentError):
    """A new vault would be wrapped to the development recovery key, whose private half nobody
    holds: a vault nobody could ever recover. The message names the setting to add."""


@dataclasses.dataclass(frozen=True)
class Deployment:
    """The settings in force. ``source`` is the file they came from, None for built-in values."""

    source: pathlib.Path | None
    name: str
    server_url: str | None  # no trailing slash; None: no server, the app stays offline
    server_ca_file: pathlib.Path | None  # PEM certificate(s) that alone are trusted for the server
    recovery_public_key_file: pathlib.Path
    recovery_public_key_pem: bytes
    announcement_public_key_file: pathlib.Path | None
    announcement_public_key: ed25519.Ed25519PublicKey | None  # None: announcements are not shown
    # Key rotation (docs/sync-server.md): the certificate and announcement key KPU will switch
    # to, trusted beside the current ones, so a laptop that does not sync while KPU switches
    # still trusts the server and KPU's notices afterwards.
    next_server_ca_file: pathlib.Path | None = None
    next_announcement_public_key_file: pathlib.Path | None = None
    next_announcement_public_key: ed25519.Ed25519PublicKey | None = None
    # KPU's key that bundles for a stick or a relay are sealed to (docs/sync-protocol.md §12);
    # None: "Kirim lewat flashdisk" says KPU IT must set it.
    bundle_public_key: x25519.X25519PublicKey | None = None
    # The sync server's return key (python -m sync_server return-keygen): return bundles it
    # signs are applied. None: no return bundle can be verified, so none is applied.
    return_public_key_file: pathlib.Path | None = None
    return_public_key: ed25519.Ed25519PublicKey | None = None

    @property
    def sync_configured(self) -> bool:
        return self.server_url is not None

    def pinned_ca_file(self) -> pathlib.Path | None:
        """The certificates trusted for the server: the current pin and the next one, in one
        file (``trust.pin_bundle``)."""
        return pin_bundle([self.server_ca_file, self.next_server_ca_file])

    @property
    def announcement_keys(
        self,
    ) -> ed25519.Ed25519PublicKey | tuple[ed25519.Ed25519PublicKey, ...] | None:
        """The KPU keys announcements may be signed with, as the sync engine's ``kpu_key``
        takes them: the current key alone, both during a rotation, or None."""
        if self.next_announcement_public_key is None:
            return self.announcement_public_key
        keys = (self.announcement_public_key, self.next_announcement_public_key)
        return tuple(key for key in keys if key is not None)

    def recovery_key_fingerprint(self) -> str:
        """SHA-256 of the recovery key (DER), for KPU IT to compare with the key they hold."""
        key = serialization.load_pem_public_key(self.recovery_public_key_pem)
        der = key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return hashlib.sha256(der).hexdigest()

    @property
    def uses_development_recovery_key(self) -> bool:
        return is_development_recovery_key(self.recovery_public_key_pem)

    def describe(self) -> list[str]:
        """Lines for an admin command that shows the settings in force."""
        return [
            f"Settings file:      {self.source or '(none: built-in values)'}",
            f"Deployment:         {self.name or '-'}",
            f"Sync server:        {self.server_url or '(none: the app stays offline)'}",
            f"Pinned certificate: {self.server_ca_file or '-'}",
            f"  next:             {self.next_server_ca_file or '-'}",
            f"Recovery key:       {self.recovery_public_key_file}",
            f"  SHA-256:          {self.recovery_key_fingerprint()}"
            + (
                " (development placeholder: vaults cannot be made)"
                if self.uses_development_recovery_key
                else ""
            ),
            f"Announcement key:   {self.announcement_public_key_file or '-'}",
            f"  next:             {self.next_announcement_public_key_file or '-'}",
            "Bundle key:         "
            + (seal.key_id(self.bundle_public_key) if self.bundle_public_key else "-"),
            f"Return bundle key:  {self.return_public_key_file or '-'}",
        ]


@dataclasses.dataclass(frozen=True)
class BuildStamp:
    """What the build recorded about itself (``resources/build_info.json``, written by
    ``build_scripts/lapang.spec``). A source checkout has no stamp: commit and time are None."""

    version: str
    commit: str | None
    built_at: str | None

    def label(self) -> str:
        if self.commit is None:
            return f"{self.version} (source)"
        return f"{self.version} ({self.commit}, built {self.built_at})"


# -- finding the file -----------------------------------------------------------------------------
def application_dir() -> pathlib.Path | None:
    """The folder holding the program in a built app; None when running from source."""
    if getattr(sys, "frozen", False):
        return pathlib.Path(sys.executable).resolve().parent
    return None


def deployment_file_candidates(
    environ: Mapping[str, str] | None = None,
    app_dir: pathlib.Path | None = None,
    system_file: pathlib.Path | None = None,
) -> list[pathlib.Path]:
    """The places searched, in order. Arguments default to this process (environment, program
    folder, the platform's system file); tests pass their own."""
    environ = os.environ if environ is None else environ
    app_dir = application_dir() if app_dir is None else app_dir
    if system_file is None and os.name == "posix":
        system_file = SYSTEM_DEPLOYMENT_FILE
    candidates = []
    if environ.get(DEPLOYMENT_ENV):
        candidates.append(pathlib.Path(environ[DEPLOYMENT_ENV]))
    if app_dir is not None:
        candidates.append(app_dir / DEPLOYMENT_FILE_NAME)
    if system_file is not None:
        candidates.append(system_file)
    return candidates


def find_deployment_file(
    environ: Mapping[str, str] | None = None,
    app_dir: pathlib.Path | None = None,
    system_file: pathlib.Path | None = None,
) -> pathlib.Path | None:
    """The file that will be read, or None for the built-in values."""
    environ = os.environ if environ is None else environ
    named = environ.get(DEPLOYMENT_ENV)
    if named and not pathlib.Path(named).is_file():
        raise DeploymentError(
            f"{DEPLOYMENT_ENV} names {named}, which is not a file. "
            f"Correct the path or unset {DEPLOYMENT_ENV}."
        )
    for candidate in deployment_file_candidates(environ, app_dir, system_file):
        if candidate.is_file():
            return candidate
    return None


# -- loading --------------------------------------------------------------------------------------
def load_deployment(
    path: pathlib.Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    app_dir: pathlib.Path | None = None,
    system_file: pathlib.Path | None = None,
) -> Deployment:
    """Read and check the deployment settings.

    ``path``: a file to read instead of searching (it must exist). Otherwise the search order in
    the module docstring applies; the keyword arguments override its inputs for tests. Raises
    :class:`DeploymentError` for a file that is missing, unreadable, not TOML, has an unknown or
    mistyped setting, or names a file that is missing or holds the wrong kind of key."""
    if path is None:
        path = find_deployment_file(environ, app_dir, system_file)
    elif not path.is_file():
        raise DeploymentError(f"The deployment file {path} does not exist.")
    settings = _read_toml(path) if path is not None else {}
    where = path.parent if path is not None else None
    sync = settings.get("sync", {})
    keys = settings.get("keys", {})

    server_url = _server_url(sync, path)
    ca_file = _file_setting(sync, "ca_file", path, where, DEFAULT_SERVER_CA)
    if ca_file is not None:
        _check_certificates(ca_file, path)
    if server_url is not None and server_url.startswith("https:") and ca_file is None:
        raise DeploymentError(
            f"{_name(path)}: server_url is set but no certificate is pinned for it. Add "
            'ca_file = "...pem" under [sync] with KPU\'s CA or server certificate.'
        )

    next_ca_file = _file_setting(sync, "next_ca_file", path, where, None)
    if next_ca_file is not None:
        _check_certificates(next_ca_file, path, "next_ca_file")

    recovery_file = _file_setting(keys, "recovery_public_key", path, where, DEFAULT_RECOVERY_KEY)
    if recovery_file is None:
        raise DeploymentError(
            "This build has no KPU recovery public key (resources/keys/kpu_recovery_public.pem) "
            "and no deployment file names one: set recovery_public_key under [keys]."
        )
    recovery_pem = _recovery_key(recovery_file, path)

    announcement_file = _file_setting(
        keys, "announcement_public_key", path, where, DEFAULT_ANNOUNCEMENT_KEY
    )
    announcement_key = (
        _announcement_key(announcement_file, path) if announcement_file is not None else None
    )
    next_announcement_file = _file_setting(keys, "next_announcement_public_key", path, where, None)
    next_announcement_key = (
        _announcement_key(next_announcement_file, path, "next_announcement_public_key")
        if next_announcement_file is not None
        else None
    )
    return_file = _file_setting(keys, "return_public_key", path, where, DEFAULT_RETURN_KEY)
    return_key = (
        _ed25519_key(return_file, path, "return_public_key", "return-keygen")
        if return_file is not None
        else None
    )
    return Deployment(
        next_server_ca_file=next_ca_file,
        next_announcement_public_key_file=next_announcement_file,
        next_announcement_public_key=next_announcement_key,
        source=path,
        name=settings.get("name", ""),
        server_url=server_url,
        server_ca_file=ca_file,
        recovery_public_key_file=recovery_file,
        recovery_public_key_pem=recovery_pem,
        announcement_public_key_file=announcement_file,
        announcement_public_key=announcement_key,
        bundle_public_key=_bundle_key(sync, path),
        return_public_key_file=return_file,
        return_public_key=return_key,
    )


def is_development_recovery_key(pem: bytes) -> bool:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        return False
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest() == DEVELOPMENT_RECOVERY_KEY_SHA256


def development_key_allowed(environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    return environ.get(ALLOW_DEV_RECOVERY_KEY_ENV, "") == "1"


def refuse_development_recovery_key(
    pem: bytes,
    key_file: pathlib.Path,
    deployment_file: pathlib.Path | None,
    *,
    from_command_line: bool = False,
) -> None:
    """Raise :class:`DevelopmentRecoveryKey` when ``pem`` is the development key, saying where
    the key came from and which setting gives KPU's real one. For a new (non-demo) vault."""
    if not is_development_recovery_key(pem):
        return
    if from_command_line:
        where = f"--recovery-public-key {key_file} is the development placeholder key"
    elif deployment_file is None:
        where = (
            "No deployment.toml is in force (none named by LAPANG_DEPLOYMENT, beside the "
            "program or in /etc/lapang/), and the built-in recovery key is the development "
            "placeholder"
        )
    elif key_file == resource_path(*DEFAULT_RECOVERY_KEY):
        where = (
            f"{deployment_file} sets no recovery_public_key under [keys], and the built-in "
            "recovery key is the development placeholder"
        )
    else:
        where = (
            f"{deployment_file}: recovery_public_key under [keys] names {key_file}, which is "
            "the development placeholder"
        )
    raise DevelopmentRecoveryKey(
        f"{where}: its private half was discarded, so a vault made with it could never be "
        "recovered by KPU IT, and none was made. Set recovery_public_key under [keys] in "
        "deployment.toml to KPU's recovery public key (or give --recovery-public-key FILE). "
        f"For tests only: --allow-dev-recovery-key or {ALLOW_DEV_RECOVERY_KEY_ENV}=1."
    )


def build_stamp() -> BuildStamp:
    """The version, commit and build time of the running app."""
    try:
        info = json.loads(resource_path("build_info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return BuildStamp(__version__, None, None)
    return BuildStamp(__version__, info.get("commit"), info.get("built_at"))


# -- helpers --------------------------------------------------------------------------------------
def _name(path: pathlib.Path | None) -> str:
    return str(path) if path is not None else "Built-in deployment settings"


def _read_toml(path: pathlib.Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            settings = tomllib.load(f)
    except OSError as exc:
        raise DeploymentError(f"Cannot read the deployment file {path}: {exc.strerror}.") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DeploymentError(
            f"{path} is not a valid settings file ({exc}). Compare it with "
            "deployment.example.toml: text values need quotes, sections are [sync] and [keys]."
        ) from exc
    _check_names(settings, None, path)
    for section in ("sync", "keys"):
        if section in settings:
            if not isinstance(settings[section], dict):
                raise DeploymentError(
                    f"{path}: '{section}' must be a section, written [{section}]."
                )
            _check_names(settings[section], section, path)
    if not isinstance(settings.get("name", ""), str):
        raise DeploymentError(f"{path}: name must be text in quotes.")
    return settings


def _check_names(table: dict[str, Any], section: str | None, path: pathlib.Path) -> None:
    known = _SETTINGS[section]
    for key in table:
        if key not in known:
            place = f"under [{section}]" if section else "at the top of the file"
            raise DeploymentError(
                f"{path}: unknown setting '{key}' {place}. Known there: {', '.join(sorted(known))}."
            )


def _text(table: dict[str, Any], key: str, path: pathlib.Path | None) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DeploymentError(f"{_name(path)}: {key} must be text in quotes.")
    if not value.strip():
        raise DeploymentError(
            f"{_name(path)}: {key} is empty. Remove the line to use the built-in value."
        )
    return value.strip()


def _server_url(sync: dict[str, Any], path: pathlib.Path | None) -> str | None:
    text = _text(sync, "server_url", path)
    if text is None:
        return None
    parts = urllib.parse.urlsplit(text)
    problem = None
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        problem = "must be an address like https://sync.kpu.go.id/lapang"
    elif parts.scheme == "http" and not _is_loopback(parts.hostname):
        # Voter changes must never cross a network unencrypted; plain http is for local tests.
        problem = "must start with https:// (plain http:// is allowed only for 127.0.0.1)"
    elif parts.username or parts.password:
        problem = "must not contain a user name or password"
    elif parts.query or parts.fragment:
        problem = "must not contain '?' or '#' parts"
    if problem:
        raise DeploymentError(f"{_name(path)}: server_url {text!r} {problem}.")
    return text.rstrip("/")


def _is_loopback(host: str) -> bool:
    # The same rule as desktop_app/sync/client.py check_server_url (which imports requests, too
    # slow to load before the unlock screen).
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _file_setting(
    table: dict[str, Any],
    key: str,
    path: pathlib.Path | None,
    where: pathlib.Path | None,
    default: tuple[str, ...] | None,
) -> pathlib.Path | None:
    text = _text(table, key, path)
    if text is None:
        if default is None:  # a setting without a built-in value
            return None
        built_in = resource_path(*default)
        return built_in if built_in.is_file() else None
    named = pathlib.Path(text)
    resolved = named if named.is_absolute() or where is None else where / named
    if not resolved.is_file():
        raise DeploymentError(
            f"{_name(path)}: {key} names {resolved}, which does not exist. Relative names are "
            "read from the folder that holds the deployment file."
        )
    return resolved


def _read_bytes(file: pathlib.Path, key: str, path: pathlib.Path | None) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise DeploymentError(
            f"{_name(path)}: cannot read {key} file {file}: {exc.strerror}."
        ) from exc


def _check_certificates(
    file: pathlib.Path, path: pathlib.Path | None, key: str = "ca_file"
) -> None:
    data = _read_bytes(file, key, path)
    try:
        x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise DeploymentError(
            f"{_name(path)}: {key} {file} holds no PEM certificate (a file starting "
            "'-----BEGIN CERTIFICATE-----' is needed)."
        ) from exc


def _recovery_key(file: pathlib.Path, path: pathlib.Path | None) -> bytes:
    pem = _read_bytes(file, "recovery_public_key", path)
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise DeploymentError(
            f"{_name(path)}: recovery_public_key {file} is not a PEM public key "
            "('-----BEGIN PUBLIC KEY-----'). Use the public half KPU IT gave out, never the "
            "private key."
        ) from exc
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < MIN_RECOVERY_KEY_BITS:
        raise DeploymentError(
            f"{_name(path)}: recovery_public_key {file} must be an RSA key of "
            f"{MIN_RECOVERY_KEY_BITS} bits or more."
        )
    return pem


def _ed25519_key(
    file: pathlib.Path,
    path: pathlib.Path | None,
    setting: str,
    command: str,
    what: str = "an Ed25519 public key",
) -> ed25519.Ed25519PublicKey:
    # The sync engine's own reader, so a file it accepts is exactly a file that loads here.
    try:
        return load_announcement_key(file)  # the same two forms: a key line or a PEM
    except BadKeyFile as exc:
        raise DeploymentError(
            f"{_name(path)}: {setting} {file} must hold {what}: the line printed "
            f"by 'python -m sync_server {command}', or a PEM public key ({exc})."
        ) from exc


def _announcement_key(
    file: pathlib.Path, path: pathlib.Path | None, key: str = "announcement_public_key"
) -> ed25519.Ed25519PublicKey:
    return _ed25519_key(file, path, key, "kpu-keygen", "KPU's Ed25519 announcement key")


def _bundle_key(sync: dict[str, Any], path: pathlib.Path | None) -> x25519.X25519PublicKey | None:
    text = _text(sync, "bundle_public_key", path)
    if text is None:
        return None
    try:
        return seal.load_x25519_public(text)
    except ProtocolError as exc:
        raise DeploymentError(
            f"{_name(path)}: bundle_public_key under [sync] must be KPU's bundle key, the line "
            f"printed by 'python -m sync_server bundle-keygen' ({exc.message})"
        ) from exc
