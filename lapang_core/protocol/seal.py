"""Sealed bundles: bytes signed by their sender and encrypted to one recipient, for sync without
a network (a USB stick, or another laptop carrying the file: docs/sync-protocol.md, "Bundles").

The format, version 1 (every integer big-endian)::

    magic        8 bytes   b"LAPANGB" + format version (0x01)
    header_len   4 bytes   1 ... MAX_HEADER_BYTES
    header       UTF-8 compact JSON object, readable by anyone but authenticated
    sealed_len   8 bytes   length of what follows; nothing may follow it
    sealed       AES-256-GCM ciphertext and tag of   signature (64 bytes) || content

* ``header`` is the caller's fields (never personal data: whoever finds the stick reads them)
  plus ``epk`` (the sender's single-use X25519 public key), ``rk`` (the recipient key's id) and
  ``alg``. Its ``from`` names the signer; the recipient looks the signer's key up by it.
* key and nonce: HKDF-SHA256 over X25519(ephemeral, recipient), salt ``epk || recipient public``;
  a key is used for one message only, so the nonce may be derived too.
* the AEAD's associated data is ``magic || header_len || header``: the header cannot be altered.
* ``signature`` is the sender's Ed25519 over ``SIGNING_TAG || sha256(magic..header) || content``.
  It sits inside the ciphertext, so a finder learns nothing from it, and it binds the content to
  this header (recipient, ephemeral key, sender): a relay can neither read the content nor swap
  it into another header, and since anyone may encrypt to a public key, the signature, not the
  encryption, is what proves who wrote it.

Only ``cryptography``'s primitives are used (X25519, HKDF, AES-GCM, Ed25519), none home-made.
Every failure is a ``BundleError`` subclass with a message an operator can act on; each is also
a ``ProtocolError``, so a server answers a relayed bundle's fault with the same stable code.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from lapang_core.protocol.decoding import b64u_decode, loads_json
from lapang_core.protocol.encoding import _dumps, b64u_encode  # noqa: F401 (re-exported)
from lapang_core.protocol.errors import MalformedRequest, ProtocolError

FORMAT_VERSION = 1
MAGIC_PREFIX = b"LAPANGB"
MAGIC = MAGIC_PREFIX + bytes([FORMAT_VERSION])
ALGORITHM = "X25519-HKDF-SHA256-AES256GCM+Ed25519"
SIGNING_TAG = b"LAPANG-BUNDLE-1\n"
HKDF_INFO = b"lapang bundle v1 aes-256-gcm key+nonce"
MAX_HEADER_BYTES = 16 << 10
# A week of a PPS office (3,000 outcomes, 40 applications with their scans) is ~30 MB; the
# whole bundle is held in memory three times while it is opened, so the ceiling stays modest.
MAX_BUNDLE_BYTES = 256 << 20
_SIGNATURE_BYTES = 64
_TAG_BYTES = 16
_RESERVED = ("epk", "rk", "alg")
_FIXED = len(MAGIC) + 4
NO_KEY_MESSAGE = (
    "No bundle key is configured here (the server's --bundle-key): bundles cannot be opened."
)


class BundleError(ProtocolError):
    """A bundle cannot be opened; nothing in it was used."""

    code: ClassVar[str] = "bundle_invalid"
    http_status: ClassVar[int] = 422


class NotABundle(BundleError):
    code: ClassVar[str] = "not_a_bundle"


class BundleVersionUnsupported(BundleError):
    code: ClassVar[str] = "bundle_version_unsupported"


class BundleTruncated(BundleError):
    code: ClassVar[str] = "bundle_truncated"


class BundleTampered(BundleError):
    code: ClassVar[str] = "bundle_tampered"


class BundleNotForUs(BundleError):
    code: ClassVar[str] = "bundle_not_for_us"


class BundleTooLarge(BundleError):
    code: ClassVar[str] = "bundle_too_large"
    http_status: ClassVar[int] = 413


class BundleUnknownSender(BundleError):
    code: ClassVar[str] = "bundle_unknown_sender"


VerifyKeyLookup = Callable[[Mapping[str, Any]], Ed25519PublicKey | None]


def key_id(public: X25519PublicKey) -> str:
    """A recipient key's id: the first 16 bytes of SHA-256 of its raw bytes, hex."""
    return hashlib.sha256(_raw(public)).hexdigest()[:32]


def x25519_public_text(key: X25519PrivateKey | X25519PublicKey) -> str:
    """The 32 raw public-key bytes as base64url: how a bundle key is published."""
    public = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return b64u_encode(_raw(public))


def load_x25519_public(text: str) -> X25519PublicKey:
    raw = b64u_decode(text.strip()) if isinstance(text, str) else b""
    if len(raw) != 32:
        raise MalformedRequest("A bundle public key must be 32 bytes (X25519) as base64url.")
    return X25519PublicKey.from_public_bytes(raw)


def seal(
    plaintext: bytes,
    recipient_public: X25519PublicKey,
    signer: Ed25519PrivateKey,
    header: Mapping[str, Any],
    *,
    max_bytes: int = MAX_BUNDLE_BYTES,
) -> bytes:
    """``plaintext`` signed by ``signer`` and encrypted to ``recipient_public``. ``header`` must
    name the signer in ``from`` (a string) and hold no personal data; ``epk``, ``rk`` and
    ``alg`` are added here. Raises ``BundleTooLarge`` past ``max_bytes``."""
    if not isinstance(header.get("from"), str) or not header["from"]:
        raise ValueError("A bundle header names its signer in 'from'.")
    if any(name in header for name in _RESERVED):
        raise ValueError(f"A bundle header must not set {', '.join(_RESERVED)}: seal adds them.")
    ephemeral = X25519PrivateKey.generate()
    full = {
        **header,
        "alg": ALGORITHM,
        "epk": x25519_public_text(ephemeral),
        "rk": key_id(recipient_public),
    }
    header_bytes = _dumps(full)
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise ValueError(f"A bundle header is at most {MAX_HEADER_BYTES} bytes.")
    prefix = MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    total = len(prefix) + 8 + _SIGNATURE_BYTES + len(plaintext) + _TAG_BYTES
    if total > max_bytes:
        raise BundleTooLarge(
            f"The bundle would be {total} bytes; at most {max_bytes} fit in one. "
            "Send part of it online first, or export again after the next sync.",
            limit=max_bytes,
        )
    signature = signer.sign(_signed_message(prefix, plaintext))
    aead, nonce = _cipher(ephemeral.exchange(recipient_public), full["epk"], recipient_public)
    sealed = aead.encrypt(nonce, signature + plaintext, prefix)
    return prefix + struct.pack(">Q", len(sealed)) + sealed


def read_header(data: bytes, *, max_bytes: int = MAX_BUNDLE_BYTES) -> dict[str, Any]:
    """The header of a bundle, unverified: for showing what a file is (whose, when) before it
    is opened. Raises the same structural errors as ``open_sealed``."""
    header, _prefix, _sealed = _split(data, max_bytes)
    return header


def open_sealed(
    data: bytes,
    recipient_private: X25519PrivateKey | Iterable[X25519PrivateKey],
    verify_key_lookup: VerifyKeyLookup,
    *,
    max_bytes: int = MAX_BUNDLE_BYTES,
) -> tuple[dict[str, Any], bytes]:
    """Check and decrypt a bundle: ``(header, plaintext)``. ``recipient_private`` may be several
    keys (a key being replaced): the one the header names is used. ``verify_key_lookup(header)``
    returns the Ed25519 public key of ``header["from"]``, or None when the signer is unknown.

    Raises ``BundleTooLarge``, ``NotABundle``, ``BundleVersionUnsupported``, ``BundleTruncated``,
    ``BundleNotForUs``, ``BundleTampered`` or ``BundleUnknownSender``."""
    header, prefix, sealed = _split(data, max_bytes)
    keys = (
        [recipient_private]
        if isinstance(recipient_private, X25519PrivateKey)
        else list(recipient_private)
    )
    if not keys:
        raise BundleNotForUs(NO_KEY_MESSAGE)
    wanted = header.get("rk")
    own = next((k for k in keys if key_id(k.public_key()) == wanted), None)
    if own is None:
        raise BundleNotForUs(
            "This bundle is sealed for another key (another server, or a key KPU has replaced); "
            "it cannot be opened here."
        )
    try:
        epk = load_x25519_public(header["epk"])
        # exchange() refuses a low-order point (an all-zero shared secret): a forged header.
        aead, nonce = _cipher(own.exchange(epk), header["epk"], own.public_key())
    except (KeyError, ValueError, MalformedRequest):
        raise BundleTampered("The bundle header is damaged (its key is not valid).") from None
    try:
        inner = aead.decrypt(nonce, sealed, prefix)
    except InvalidTag:
        raise BundleTampered(
            "The bundle was altered or damaged after it was sealed; nothing in it was used."
        ) from None
    if len(inner) < _SIGNATURE_BYTES:
        raise BundleTampered("The bundle holds no signature; nothing in it was used.")
    signature, plaintext = inner[:_SIGNATURE_BYTES], inner[_SIGNATURE_BYTES:]
    public = verify_key_lookup(header)
    if public is None:
        raise BundleUnknownSender(
            "The bundle's sender is not a device known to this server (not enrolled here, or "
            "enrolled on another server); nothing in it was used."
        )
    try:
        public.verify(signature, _signed_message(prefix, plaintext))
    except InvalidSignature:
        raise BundleTampered(
            "The bundle's signature does not match its sender's key; nothing in it was used."
        ) from None
    return header, plaintext


def too_large(size: int, max_bytes: int) -> BundleTooLarge:
    """The refusal of a bundle of ``size`` bytes: the same words for a file, a relay in one
    body, and a relay announced in chunks."""
    return BundleTooLarge(
        f"The bundle is {size} bytes; at most {max_bytes} are accepted.", limit=max_bytes
    )


def check_start(data: bytes) -> None:
    """The magic and format version, as far as ``data`` (a whole file, or the first chunk of a
    relayed one) reaches: ``NotABundle`` or ``BundleVersionUnsupported``, so a relay of the
    wrong file is refused at its first chunk."""
    head = data[: len(MAGIC)]
    if head[: len(MAGIC_PREFIX)] != MAGIC_PREFIX[: len(head)]:
        raise NotABundle("This file is not a Lapang bundle.")
    if len(head) == len(MAGIC) and head[-1] != FORMAT_VERSION:
        raise BundleVersionUnsupported(
            f"This bundle has format version {head[-1]}; this program reads "
            f"version {FORMAT_VERSION}. Update the program."
        )


def _split(data: bytes, max_bytes: int) -> tuple[dict[str, Any], bytes, bytes]:
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes)
    check_start(data)
    if len(data) < len(MAGIC):
        if data:
            raise BundleTruncated(_TRUNCATED)
        raise NotABundle("This file is not a Lapang bundle.")
    if len(data) < _FIXED:
        raise BundleTruncated(_TRUNCATED)
    (header_len,) = struct.unpack(">I", data[len(MAGIC) : _FIXED])
    if not 1 <= header_len <= MAX_HEADER_BYTES:
        raise BundleTampered("The bundle header length is not valid; the file is damaged.")
    end = _FIXED + header_len
    if len(data) < end + 8:
        raise BundleTruncated(_TRUNCATED)
    prefix = data[:end]
    try:
        header = loads_json(prefix[_FIXED:], limit=MAX_HEADER_BYTES, max_depth=4)
    except ProtocolError:
        raise BundleTampered("The bundle header is not readable; the file is damaged.") from None
    if not isinstance(header, dict) or not isinstance(header.get("from"), str):
        raise BundleTampered("The bundle header is not valid; the file is damaged.")
    (sealed_len,) = struct.unpack(">Q", data[end : end + 8])
    sealed = data[end + 8 :]
    if len(sealed) < sealed_len:
        raise BundleTruncated(_TRUNCATED)
    if len(sealed) > sealed_len or sealed_len < _SIGNATURE_BYTES + _TAG_BYTES:
        raise BundleTampered("The bundle has bytes beyond its end; the file is damaged.")
    return header, prefix, sealed


_TRUNCATED = (
    "The bundle file is incomplete (cut short while copying, or the stick was pulled out "
    "early); copy it again from the laptop that made it."
)


def _signed_message(prefix: bytes, plaintext: bytes) -> bytes:
    return SIGNING_TAG + hashlib.sha256(prefix).digest() + plaintext


def _cipher(shared: bytes, epk_text: str, recipient: X25519PublicKey) -> tuple[AESGCM, bytes]:
    material = HKDF(
        algorithm=hashes.SHA256(),
        length=32 + 12,
        salt=b64u_decode(epk_text) + _raw(recipient),
        info=HKDF_INFO,
    ).derive(shared)
    return AESGCM(material[:32]), material[32:]


def _raw(public: X25519PublicKey | Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
