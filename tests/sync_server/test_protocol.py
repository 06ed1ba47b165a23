"""The wire protocol module on its own: codecs round-trip, signatures bind every signed part,
decoders fail only with ProtocolError, and a push costs few bytes per change."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import random
import uuid
import zlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lapang_core import protocol as p

T0 = dt.datetime(2025, 3, 1, 1, 0, tzinfo=dt.UTC)
_FIRST = ("SITI", "MUHAMMAD", "AHMAD", "NUR", "DEWI", "BUDI", "AGUS", "SRI", "RINA", "ANDI")
_LAST = ("RAHAYU", "HIDAYAT", "SAPUTRA", "LESTARI", "SETIAWAN", "WULANDARI", "PRATAMA")


def _hex(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128)).hex


def realistic_changes(n: int, seed: int = 7, mix: tuple[float, float] = (0.6, 0.25)) -> list[dict]:
    """Field-like voter updates: mostly sesuai, some ubah, some TMS (with photo hashes)."""
    rng = random.Random(seed)
    t = T0
    out = []
    for i in range(n):
        t += dt.timedelta(seconds=rng.randint(20, 400), microseconds=rng.randint(0, 999_999))
        r = rng.random()
        payload: dict[str, Any]
        if r < mix[0]:
            op, payload = "sesuai", {}
        elif r < mix[0] + mix[1]:
            op = "ubah"
            element, before, after = rng.choice(
                [
                    ("nama", f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", rng.choice(_FIRST)),
                    (
                        "alamat",
                        f"DUSUN {rng.randint(1, 9)}",
                        f"JL. MERDEKA NO. {rng.randint(1, 99)}",
                    ),
                    ("status_perkawinan", "B", "S"),
                    ("status_ktp_el", "B", "S"),
                    ("rt", "001", f"{rng.randint(1, 20):03d}"),
                    ("disabilitas", 0, rng.randint(1, 6)),
                ]
            )
            payload = {"changes": {element: after}, "original": {element: before}}
        else:
            op = "tms"
            code = rng.choice((1, 1, 1, 2, 3, 4, 4, 5, 6, 8))
            payload = {
                "code": code,
                "evidence_type": "surat_keterangan_kematian" if code == 1 else "kk_baru",
                "evidence_ref": f"{rng.randint(100, 999)}/{rng.randint(1, 99)}/2025",
                "attachment": hashlib.sha256(rng.randbytes(8)).hexdigest()
                if code in (1, 4)
                else None,
            }
            if code == 8:
                payload |= {"target_tps_id": "61.11.02.2003.004", "new_voter_id": _hex(rng)}
        out.append(
            {
                "change_id": _hex(rng),
                "seq": i + 1,
                "entity": "voter",
                "entity_id": _hex(rng),
                "op": op,
                "payload": payload,
                "base_version": rng.choice((1, 1, 1, 2)),
                "created_at": t.isoformat(),
                "officer": "Pantarlih TPS 001",
            }
        )
    return out


def test_push_round_trip_keeps_every_field() -> None:
    changes = realistic_changes(300)
    changes.append(
        {
            **changes[0],
            "seq": 400,
            "change_id": uuid.uuid4().hex,
            "entity": "application",
            "op": "application.submit",
            "payload": {"posisi": "KPPS", "nama": "X"},
            "base_version": None,
        }
    )
    changes.append({**changes[1], "seq": 401, "change_id": uuid.uuid4().hex, "op": "future_op"})
    request = p.PushRequest.from_outbox(changes)
    decoded = p.PushRequest.decode(request.encode())
    assert decoded == request
    by_seq = {c.seq: c for c in decoded.changes}
    assert by_seq[400].entity == "application" and by_seq[400].base_version is None
    assert by_seq[401].op == "future_op"  # unknown ops travel; the server refuses them per change
    for original, change in zip(changes, decoded.changes, strict=True):
        assert change.payload == original["payload"]
        assert change.created_at == p.ms_to_iso(p.iso_to_ms(original["created_at"]))


def test_payload_layouts_round_trip_irregular_shapes() -> None:
    odd = [
        ("ubah", {"changes": {"nama": "A", "hobby": "x"}, "original": {"nama": "B", "hobby": "y"}}),
        ("ubah", {"changes": {"nama": "A"}, "original": {}}),  # falls back to an object
        ("tms", {"code": 1}),
        ("tms", {"code": 1, "attachment": None}),  # not a prefix of the layout
        ("baru", {"nama": "X", "extra": 1}),
    ]
    entries = [
        {
            "change_id": uuid.uuid4().hex,
            "seq": i + 1,
            "entity": "voter",
            "entity_id": uuid.uuid4().hex,
            "op": op,
            "payload": payload,
            "base_version": 0,
            "created_at": "2025-03-01T08:00:00Z",
            "officer": "A",
        }
        for i, (op, payload) in enumerate(odd)
    ]
    decoded = p.PushRequest.decode(p.PushRequest.from_outbox(entries).encode())
    assert [c.payload for c in decoded.changes] == [payload for _, payload in odd]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("change_id", "not-hex"),
        ("seq", 0),
        ("seq", True),
        ("seq", 2**60),
        ("base_version", 2**40),
        ("entity_id", "ABCDEF"),
        ("payload", []),
        ("base_version", -1),
        ("created_at", "yesterday"),
        ("created_at", "1960-01-01T00:00:00Z"),
        ("officer", "x" * 500),
    ],
)
def test_from_outbox_refuses_entries_outside_the_contract(field: str, value: Any) -> None:
    entry = realistic_changes(1)[0] | {field: value}
    with pytest.raises(p.InvalidChange):
        p.Change.from_outbox(entry)


def test_bytes_per_change_meet_the_budget() -> None:
    """10,000 realistic updates in batches of 300: the compressed body must leave room for
    HTTP overhead within the 120-bytes-per-change target (the bench measures the wire)."""
    changes = realistic_changes(10_000)
    total = 0
    for start in range(0, len(changes), 300):
        total += len(p.PushRequest.from_outbox(changes[start : start + 300]).encode())
    per_change = total / len(changes)
    assert per_change < 70, per_change
    sesuai_only = realistic_changes(3000, mix=(1.0, 0.0))
    body = p.PushRequest.from_outbox(sesuai_only[:300]).encode()
    assert len(body) / 300 < 50  # two random 128-bit ids (~34 bytes) are the floor


def _signed(key: Any, body: bytes = b"abc") -> tuple[p.AuthHeaders, dict[str, str]]:
    headers = p.sign_request(key, "POST", "/v1/push", "a" * 32, body)
    return p.parse_auth_headers(headers), headers


def test_signature_covers_method_path_device_time_nonce_and_body() -> None:
    key = p.generate_key()
    auth, _ = _signed(key)
    p.verify_request(key.public_key(), auth, "POST", "/v1/push", b"abc")
    tampered = [
        ("GET", "/v1/push", b"abc", auth),
        ("POST", "/v1/push?x=1", b"abc", auth),
        ("POST", "/v1/push", b"abd", auth),
        (
            "POST",
            "/v1/push",
            b"abc",
            p.AuthHeaders("b" * 32, auth.timestamp, auth.nonce, auth.signature),
        ),
        (
            "POST",
            "/v1/push",
            b"abc",
            p.AuthHeaders(auth.device_id, auth.timestamp + 1, auth.nonce, auth.signature),
        ),
        (
            "POST",
            "/v1/push",
            b"abc",
            p.AuthHeaders(auth.device_id, auth.timestamp, "f" * 32, auth.signature),
        ),
    ]
    for method, path, body, forged in tampered:
        with pytest.raises(p.BadSignature):
            p.verify_request(key.public_key(), forged, method, path, body)
    with pytest.raises(p.BadSignature):
        p.verify_request(p.generate_key().public_key(), auth, "POST", "/v1/push", b"abc")


def test_auth_headers_are_checked() -> None:
    _, headers = _signed(p.generate_key())
    for name, value in [
        (p.HEADER_PROTOCOL, "2"),
        (p.HEADER_DEVICE, "short"),
        (p.HEADER_TIMESTAMP, "-5"),
        (p.HEADER_NONCE, "!!"),
        (p.HEADER_SIGNATURE, "AAAA"),
    ]:
        with pytest.raises(p.ProtocolError):
            p.parse_auth_headers(headers | {name: value})


def test_clock_window() -> None:
    p.check_clock(1000, 1000 + p.CLOCK_SKEW_SECONDS)
    with pytest.raises(p.ClockSkew) as caught:
        p.check_clock(1000, 1001 + p.CLOCK_SKEW_SECONDS)
    assert caught.value.details["server_time"] == 1001 + p.CLOCK_SKEW_SECONDS


def test_push_result_round_trip_compresses_plain_runs() -> None:
    results = [p.ChangeResult(s, p.ChangeStatus.ACCEPTED) for s in range(1, 301)]
    results[10] = p.ChangeResult(11, p.ChangeStatus.REFUSED, "invalid_value", True, "Bad sex.")
    results[20] = p.ChangeResult(21, p.ChangeStatus.CONFLICT, conflict_id="c" * 32)
    results[30] = p.ChangeResult(31, p.ChangeStatus.DUPLICATE)
    result = p.PushResult(tuple(results), 300, ((305, 309),), ("a" * 64,), 1_700_000_000)
    body = result.encode()
    assert len(body) < 200
    assert p.PushResult.decode(body) == result
    assert not p.ChangeResult(1, p.ChangeStatus.REFUSED, "x", False).acknowledged
    assert p.ChangeResult(1, p.ChangeStatus.REFUSED, "x", True).acknowledged
    assert p.ChangeResult(1, p.ChangeStatus.HELD).acknowledged


def test_pull_page_round_trip() -> None:
    key = p.generate_key()
    voter = p.VoterRow(
        "a" * 32,
        3,
        None,
        "1" * 16,
        "2" * 16,
        "SITI",
        "KAMPAR",
        "1990-01-02",
        "S",
        "P",
        "DUSUN 1",
        "001",
        "002",
        0,
        "S",
        "14.01.01.2009.001",
        "1",
        "DP4",
        {"code": 1},
    )
    page = p.PullPage(
        cursor=42,
        more=True,
        server_time=5,
        regions=(p.Region("14", "Riau"),),
        tps=("14.01.01.2009.001",),
        voters=(voter,),
        conflicts=(
            p.ConflictNotice(
                "c" * 32,
                "a" * 32,
                "d" * 32,
                "e" * 32,
                "kpu",
                1,
                2,
                {"nama": "A"},
                {"changes": {}},
                "later_arrival_wins",
                "2025-01-01T00:00:00+00:00",
            ),
        ),
        announcements=(p.sign_announcement(key, "f" * 32, "14", "Jadwal", "Coklit mulai", "t"),),
        refusals=(p.RefusalNotice(7, "b" * 32, "unknown_voter", "Pull again."),),
        received_through=17,
    )
    decoded = p.PullPage.decode(page.encode())
    assert decoded == page
    assert decoded.voters[0].to_record().tanggal_lahir == dt.date(1990, 1, 2)
    assert decoded.announcements[0].verify(key.public_key())


def test_a_pull_page_of_an_older_server_says_nothing_of_what_it_holds() -> None:
    """Servers before ``rcv``: None, and the laptop resends nothing on its account."""
    old = p.compress(b'{"v":1,"cur":3,"more":false,"t":5}')
    assert p.PullPage.decode(old).received_through is None
    assert b"rcv" not in p.decompress(p.PullPage(cursor=3, more=False, server_time=5).encode())


def test_announcement_signature_binds_area_and_text() -> None:
    key = p.generate_key()
    signed = p.sign_announcement(key, "f" * 32, "14.01", "Jadwal", "Coklit 1 Maret", "2025")
    assert signed.verify(key.public_key())
    for forged in (
        p.Announcement(
            signed.id, "", signed.title, signed.body, signed.published_at, signed.signature
        ),
        p.Announcement(
            signed.id,
            signed.area,
            signed.title,
            "Coklit batal",
            signed.published_at,
            signed.signature,
        ),
    ):
        assert not forged.verify(key.public_key())
    assert not signed.verify(p.generate_key().public_key())


def test_error_bodies_map_back_to_their_class() -> None:
    err = p.OffsetMismatch("Resume at 10.", received=10)
    back = p.ProtocolError.from_response(err.http_status, err.to_body())
    assert type(back) is p.OffsetMismatch and back.details == {"received": 10}
    assert isinstance(p.ProtocolError.from_response(502, b"<html>"), p.ServerError)
    assert (
        type(p.ProtocolError.from_response(418, b'{"error":{"code":"new","message":"m"}}'))
        is p.ProtocolError
    )


def test_decompress_refuses_bombs_and_garbage() -> None:
    bomb = zlib.compress(b"\0" * (p.MAX_INFLATED_BYTES + 10))
    with pytest.raises(p.BodyTooLarge):
        p.decompress(bomb)
    with pytest.raises(p.MalformedRequest):
        p.decompress(b"not zlib")
    with pytest.raises(p.MalformedRequest):
        p.decompress(zlib.compress(b"{}")[:-3])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), json_values.map(lambda v: p._dumps(v))))
def test_decoders_raise_only_protocol_errors(data: bytes) -> None:
    for blob in (data, zlib.compress(data)):
        for decode in (
            p.PushRequest.decode,
            p.PushResult.decode,
            p.PullPage.decode,
            p.EnrollRequest.decode,
            p.EnrollResponse.decode,
            p.AttachmentStatus.decode,
        ):
            with contextlib.suppress(p.ProtocolError):
                decode(blob)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["c", "of", "s0", "t0", "v"]), json_values), max_size=5))
def test_push_decoder_survives_structured_garbage(fields: list[tuple[str, Any]]) -> None:
    doc = {
        "v": 1,
        "s0": 0,
        "t0": 1_700_000_000_000,
        "of": ["A"],
        "c": [[1, 0, "a" * 32, 1, 0, "b" * 32, 0]],
    }
    doc.update(dict(fields))
    with contextlib.suppress(p.ProtocolError):
        p.PushRequest.decode(zlib.compress(p._dumps(doc)))


def test_protocol_module_is_pure() -> None:
    """Client and server both import it: no Qt, no database, no network, and of ours only the
    domain."""
    import ast
    import pathlib

    package = pathlib.Path(p.__file__).parent
    modules = sorted(package.glob("*.py"))
    assert len(modules) > 1, "the protocol is a package of small modules"
    imported = set()
    for node in (n for m in modules for n in ast.walk(ast.parse(m.read_text(encoding="utf-8")))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    forbidden = (
        "PySide6",
        "sqlite3",
        "sqlcipher3",
        "sqlite_utils",
        "requests",
        "socket",
        "fastapi",
    )
    assert not {m for m in imported if m.split(".")[0] in forbidden}
    ours = {m for m in imported if m.startswith(("lapang_core", "desktop_app", "sync_server"))}
    # Of ours: the domain, and the protocol's own modules.
    allowed = ("lapang_core.domain", "lapang_core.protocol")
    assert all(m.startswith(allowed) for m in ours), ours
