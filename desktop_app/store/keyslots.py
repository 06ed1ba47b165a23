"""Key slots: the random data key that encrypts the database, wrapped once per officer passphrase
and once for KPU recovery. See docs/vault.md for the design.

A passphrase slot is AES-256-GCM over the data key under a key derived with scrypt; the slot id
and vault id are bound in as associated data, so a slot copied from another vault or edited by
hand fails authentication instead of yielding a wrong key. The recovery slot is RSA-OAEP-SHA256
to KPU's recovery public key; its private half never lives on the laptop.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
import pathlib
import uuid
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.store.errors import RecoveryError, UnknownOfficer, VaultDamaged, WrongPassphrase
from desktop_app.store.secret_file import write_file_atomically
from desktop_app.store.throttle import THROTTLE_NAME, UnlockThrottle

FORMAT = "lapang-keyslots"
FORMAT_VERSION = 1
DATA_KEY_BYTES = 32

# scrypt cost: n=2**17, r=10 takes about 0.35 s and 160 MiB on the 2-core reference machine
# (measured 2026-11-25); enough to make guessing slow while an officer barely notices.
DEFAULT_KDF = {"name": "scrypt", "n": 2**17, "r": 10, "p": 1}
# Only for tests that unlock many times: never used by the app itself.
TEST_KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(passphrase: str, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "scrypt":
        raise VaultDamaged(f"Key slot uses an unknown key derivation '{kdf.get('name')}'.")
    n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    # hashlib's scrypt lets other threads run while it works; cryptography's held the GIL for
    # the whole ~0.4 s, freezing the desk's GUI thread while the worker unlocked the vault.
    # maxmem: what OpenSSL allocates (128·r·(n+p+2) bytes) plus slack; hashlib's cap is 32 MiB.
    try:
        return hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=_unb64(kdf["salt"]),
            n=n,
            r=r,
            p=p,
            maxmem=min(128 * r * (n + p + 2) + 2**20, 2**31 - 1),
            dklen=32,
        )
    except ValueError as exc:
        raise VaultDamaged(f"Key slot has impossible key derivation settings ({exc}).") from exc


def public_key_fingerprint(public_key_pem: bytes) -> str:
    key = serialization.load_pem_public_key(public_key_pem)
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


@dataclasses.dataclass
class KeySlots:
    """The content of ``keyslots.json``: no personal data, only officer display names."""

    vault_id: str
    slots: list[dict[str, Any]]
    created_at: str
    # The wrong-passphrase counter beside the file these slots were read from (or saved to).
    # None only for slots that never touched a disk: there is no file to guess against.
    throttle: UnlockThrottle | None = dataclasses.field(default=None, repr=False, compare=False)

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def new(cls) -> KeySlots:
        return cls(
            vault_id=uuid.uuid4().hex,
            slots=[],
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )

    @classmethod
    def load(cls, path: pathlib.Path, throttle: UnlockThrottle | None = None) -> KeySlots:
        """Read the slots; their passphrase checks count in ``throttle``, by default the counter
        file beside ``path`` (the one every command shares)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VaultDamaged(f"The key-slot file {path.name} is damaged ({exc}).") from exc
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise VaultDamaged(f"{path.name} is not a Lapang key-slot file.")
        if raw.get("version") != FORMAT_VERSION:
            raise VaultDamaged(
                f"{path.name} has key-slot format version {raw.get('version')}; this app reads "
                f"version {FORMAT_VERSION}. Install the matching Lapang version."
            )
        try:
            return cls(
                vault_id=raw["vault_id"],
                slots=list(raw["slots"]),
                created_at=raw["created_at"],
                throttle=throttle or UnlockThrottle(path.parent / THROTTLE_NAME),
            )
        except (KeyError, TypeError) as exc:
            raise VaultDamaged(f"The key-slot file {path.name} is incomplete ({exc}).") from exc

    def save(self, path: pathlib.Path) -> None:
        document = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "created_at": self.created_at,
            "slots": self.slots,
        }
        write_file_atomically(path, json.dumps(document, indent=2).encode("utf-8"))
        if self.throttle is None:
            self.throttle = UnlockThrottle(path.parent / THROTTLE_NAME)

    # -- passphrase slots ---------------------------------------------------------------------
    def officers(self) -> list[str]:
        return [s["officer"] for s in self.slots if s.get("kind") == "passphrase"]

    def _slot_for(self, officer: str) -> dict[str, Any]:
        for slot in self.slots:
            if slot.get("kind") == "passphrase" and slot.get("officer") == officer:
                return slot
        raise UnknownOfficer(f"No officer named '{officer}' on this laptop.")

    def _aad(self, slot_id: str) -> bytes:
        return f"{FORMAT}/{self.vault_id}/{slot_id}".encode()

    def set_passphrase_slot(
        self, officer: str, passphrase: str, data_key: bytes, kdf: dict[str, Any] | None = None
    ) -> None:
        """Add the officer's slot, or rewrap it with a new passphrase. The database is untouched."""
        params = dict(kdf or DEFAULT_KDF)
        params["salt"] = _b64(os.urandom(16))
        existing = [
            s for s in self.slots if s.get("kind") == "passphrase" and s["officer"] == officer
        ]
        slot_id = existing[0]["id"] if existing else uuid.uuid4().hex
        nonce = os.urandom(12)
        wrapped = AESGCM(_derive(passphrase, params)).encrypt(nonce, data_key, self._aad(slot_id))
        slot = {
            "id": slot_id,
            "kind": "passphrase",
            "officer": officer,
            "kdf": params,
            "nonce": _b64(nonce),
            "wrapped_key": _b64(wrapped),
            "updated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        self.slots = [s for s in self.slots if s not in existing] + [slot]

    def remove_passphrase_slot(self, officer: str) -> None:
        slot = self._slot_for(officer)
        if len(self.officers()) == 1:
            raise UnknownOfficer(
                "The last officer cannot be removed: the vault would be unopenable."
            )
        self.slots.remove(slot)

    def unwrap_with_passphrase(self, officer: str, passphrase: str) -> bytearray:
        """The data key, if ``passphrase`` is the officer's. This is the only place a passphrase
        is checked, so the wrong-passphrase throttle is applied here for every caller: a wait in
        force refuses before scrypt runs, a wrong passphrase counts, a right one clears."""
        slot = self._slot_for(officer)
        if self.throttle is None:
            return self._unwrap(officer, slot, passphrase)
        with self.throttle.attempt(officer, self.officers()):
            return self._unwrap(officer, slot, passphrase)

    def _unwrap(self, officer: str, slot: dict[str, Any], passphrase: str) -> bytearray:
        try:
            key = AESGCM(_derive(passphrase, slot["kdf"])).decrypt(
                _unb64(slot["nonce"]), _unb64(slot["wrapped_key"]), self._aad(slot["id"])
            )
        except InvalidTag:
            raise WrongPassphrase("Wrong passphrase. Nothing was changed; try again.") from None
        except (KeyError, ValueError) as exc:
            raise VaultDamaged(f"The key slot of '{officer}' is damaged ({exc}).") from exc
        return bytearray(key)

    # -- recovery slot --------------------------------------------------------------------------
    def set_recovery_slot(self, public_key_pem: bytes, data_key: bytes) -> None:
        key = serialization.load_pem_public_key(public_key_pem)
        if not isinstance(key, rsa.RSAPublicKey) or key.key_size < 3072:
            raise RecoveryError(
                "The KPU recovery key must be an RSA public key of 3072 bits or more."
            )
        wrapped = key.encrypt(bytes(data_key), _oaep())
        self.slots = [s for s in self.slots if s.get("kind") != "recovery"] + [
            {
                "id": uuid.uuid4().hex,
                "kind": "recovery",
                "algorithm": "RSA-OAEP-SHA256",
                "key_fingerprint": public_key_fingerprint(public_key_pem),
                "wrapped_key": _b64(wrapped),
            }
        ]

    def recovery_fingerprint(self) -> str | None:
        for slot in self.slots:
            if slot.get("kind") == "recovery":
                return slot["key_fingerprint"]
        return None

    def unwrap_with_recovery_key(
        self, private_key_pem: bytes, password: bytes | None = None
    ) -> bytearray:
        slot = next((s for s in self.slots if s.get("kind") == "recovery"), None)
        if slot is None:
            raise RecoveryError("This vault has no KPU recovery slot.")
        try:
            private_key = serialization.load_pem_private_key(private_key_pem, password=password)
        except (ValueError, TypeError) as exc:
            raise RecoveryError(f"Cannot read the recovery private key ({exc}).") from exc
        if not isinstance(private_key, rsa.RSAPrivateKey):
            raise RecoveryError("The recovery private key is not an RSA key.")
        public_pem = private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        if public_key_fingerprint(public_pem) != slot["key_fingerprint"]:
            raise RecoveryError(
                "This recovery key does not match the one this vault was created for "
                f"(vault expects fingerprint {slot['key_fingerprint'][:16]}…)."
            )
        try:
            return bytearray(private_key.decrypt(_unb64(slot["wrapped_key"]), _oaep()))
        except ValueError as exc:
            raise VaultDamaged("The recovery slot is damaged and cannot be decrypted.") from exc


def _oaep() -> padding.OAEP:
    return padding.OAEP(
        mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
    )
