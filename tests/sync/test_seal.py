"""The sealed-bundle format (lapang_core/protocol/seal.py): what a finder, a relay or a
forger can and cannot do with a bundle's bytes."""

from __future__ import annotations

import struct

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from lapang_core.protocol import seal as s

SECRET = b"3201011234567890 SITI AMINAH binti ABDULLAH, Jl. Melati 5"


@pytest.fixture
def keys() -> dict:
    return {
        "server": X25519PrivateKey.generate(),
        "device": Ed25519PrivateKey.generate(),
    }


def _lookup(keys: dict):
    def lookup(header):
        return keys["device"].public_key() if header["from"] == "dev1" else None

    return lookup


def _sealed(keys: dict, plaintext: bytes = SECRET, **header) -> bytes:
    return s.seal(
        plaintext, keys["server"].public_key(), keys["device"], {"from": "dev1", **header}
    )


def test_round_trip_gives_header_and_plaintext(keys) -> None:
    data = _sealed(keys, kind="out")
    header, plaintext = s.open_sealed(data, keys["server"], _lookup(keys))
    assert plaintext == SECRET
    assert header["kind"] == "out" and header["from"] == "dev1"
    assert header["rk"] == s.key_id(keys["server"].public_key())
    assert s.read_header(data) == header


def test_sealed_bytes_hold_nothing_readable(keys) -> None:
    data = _sealed(keys)
    for word in (b"3201011234567890", b"SITI", b"AMINAH", b"Melati"):
        assert word not in data
    # Two seals of the same content share no ciphertext: a fresh ephemeral key each time.
    assert _sealed(keys)[-100:] != data[-100:]


def test_empty_plaintext_round_trips(keys) -> None:
    assert s.open_sealed(_sealed(keys, b""), keys["server"], _lookup(keys))[1] == b""


def test_any_flipped_byte_is_refused(keys) -> None:
    data = _sealed(keys)
    header_end = len(s.MAGIC) + 4 + struct.unpack(">I", data[8:12])[0]
    # a byte of the sender's id in the header (AAD), in the ciphertext and in the tag
    assert data[12:22] == b'{"from":"d'
    for index in (21, header_end + 20, (len(data) + header_end) // 2, len(data) - 1):
        damaged = bytearray(data)
        damaged[index] ^= 0x01
        with pytest.raises(s.BundleTampered):
            s.open_sealed(bytes(damaged), keys["server"], _lookup(keys))


def test_header_cannot_be_swapped_even_when_re_sealed_validly(keys) -> None:
    """A relay knows the server's public key and may seal anything, but not under the device's
    signature: re-sealing the same header fields with another key fails the signature."""
    forger = Ed25519PrivateKey.generate()
    forged = s.seal(b"forged", keys["server"].public_key(), forger, {"from": "dev1"})
    with pytest.raises(s.BundleTampered, match="signature"):
        s.open_sealed(forged, keys["server"], _lookup(keys))


def test_truncated_anywhere_is_said_so(keys) -> None:
    data = _sealed(keys)
    for cut in (3, 10, 20, len(data) // 2, len(data) - 1):
        with pytest.raises(s.BundleTruncated, match="incomplete"):
            s.open_sealed(data[:cut], keys["server"], _lookup(keys))


def test_trailing_bytes_are_refused(keys) -> None:
    with pytest.raises(s.BundleTampered, match="beyond its end"):
        s.open_sealed(_sealed(keys) + b"\0", keys["server"], _lookup(keys))


def test_other_recipient_is_not_for_us_and_rotated_keys_are_tried(keys) -> None:
    data = _sealed(keys)
    other = X25519PrivateKey.generate()
    with pytest.raises(s.BundleNotForUs):
        s.open_sealed(data, other, _lookup(keys))
    assert s.open_sealed(data, [other, keys["server"]], _lookup(keys))[1] == SECRET
    with pytest.raises(s.BundleNotForUs, match="No bundle key"):
        s.open_sealed(data, [], _lookup(keys))


def test_unknown_sender_is_refused(keys) -> None:
    data = s.seal(SECRET, keys["server"].public_key(), keys["device"], {"from": "stranger"})
    with pytest.raises(s.BundleUnknownSender):
        s.open_sealed(data, keys["server"], _lookup(keys))


def test_too_large_refused_on_both_sides(keys) -> None:
    with pytest.raises(s.BundleTooLarge):
        s.seal(
            b"x" * 2000, keys["server"].public_key(), keys["device"], {"from": "d"}, max_bytes=1000
        )
    data = _sealed(keys, b"x" * 2000)
    with pytest.raises(s.BundleTooLarge):
        s.open_sealed(data, keys["server"], _lookup(keys), max_bytes=1000)


def test_not_a_bundle_and_future_version(keys) -> None:
    with pytest.raises(s.NotABundle):
        s.open_sealed(b"PK\x03\x04 a zip file", keys["server"], _lookup(keys))
    future = bytearray(_sealed(keys))
    future[7] = 2
    with pytest.raises(s.BundleVersionUnsupported, match="Update"):
        s.open_sealed(bytes(future), keys["server"], _lookup(keys))


def test_low_order_ephemeral_key_is_tampered_not_a_crash(keys) -> None:
    data = _sealed(keys)
    header = s.read_header(data)
    header["epk"] = s.b64u_encode(bytes(32))
    body = s._dumps(header)
    forged = (
        s.MAGIC
        + struct.pack(">I", len(body))
        + body
        + data[12 + len(s._dumps(s.read_header(data))) :]
    )
    with pytest.raises(s.BundleTampered):
        s.open_sealed(forged, keys["server"], _lookup(keys))


def test_errors_are_protocol_errors_with_stable_codes() -> None:
    assert s.BundleTampered("x").code == "bundle_tampered"
    assert s.BundleTooLarge("x").http_status == 413
    assert s.ProtocolError.from_response(422, s.BundleNotForUs("m").to_body()).__class__ is (
        s.BundleNotForUs
    )


def test_header_rules() -> None:
    server = X25519PrivateKey.generate()
    device = Ed25519PrivateKey.generate()
    with pytest.raises(ValueError, match="from"):
        s.seal(b"", server.public_key(), device, {})
    with pytest.raises(ValueError, match="epk"):
        s.seal(b"", server.public_key(), device, {"from": "d", "epk": "x"})
    text = s.x25519_public_text(server)
    assert s.key_id(s.load_x25519_public(text)) == s.key_id(server.public_key())
