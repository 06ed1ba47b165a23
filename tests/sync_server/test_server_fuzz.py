"""The server's OpenAPI schema fuzzed with schemathesis against a live server on loopback, on
both backends: no generated request may get a 5xx, and every error must be protocol JSON.

The served schema requires the signing headers. Here they are made optional: a case that
leaves the signature out is signed properly with an enrolled device's key, so its generated
body and query get past authentication and reach the decoders, the rules and the database; a
case with a generated signature is sent as generated, exercising the header checks. Push
bodies are generated as the JSON document, then zlib-compressed by a serializer, as a device
sends them.
"""

from __future__ import annotations

import contextlib
import copy
import json
import zlib
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from lapang_core import protocol as p
from tests.sync_server.sync_helpers import DeviceClient, LiveServer

# Bounded for the CI budget: 7 operations x up to EXAMPLES requests per backend.
EXAMPLES = 150
_SIGNING = {
    p.HEADER_PROTOCOL,
    p.HEADER_DEVICE,
    p.HEADER_TIMESTAMP,
    p.HEADER_NONCE,
    p.HEADER_SIGNATURE,
}
_SIGNING_LOWER = {h.lower() for h in _SIGNING}


@schemathesis.serializer(p.MEDIA_TYPE)
def _zlib_json(ctx: Any, value: Any) -> bytes:
    return zlib.compress(json.dumps(value).encode("utf-8"))


def _productive(raw: dict[str, Any], voter_ids: list[str]) -> dict[str, Any]:
    """The served schema with signing headers optional and push batches small, with ids that
    often name real voters and seqs that often meet earlier ones."""
    schema = copy.deepcopy(raw)
    for item in schema["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] in _SIGNING:
                    parameter["required"] = False
    push = schema["paths"]["/v1/push"]["post"]["requestBody"]["content"][p.MEDIA_TYPE]["schema"]
    push["properties"]["c"]["maxItems"] = 12
    push["properties"]["s0"]["maximum"] = 40
    row = push["properties"]["c"]["items"]["prefixItems"]
    row[0]["maximum"] = 3
    row[2] = {"anyOf": [{"enum": voter_ids}, row[2]]}
    row[3]["maximum"] = 4
    row[4].update(minimum=-100_000, maximum=100_000)
    push["properties"]["of"].update(minItems=1, maxItems=2)
    row[6]["maximum"] = 1
    row[7] = {"anyOf": [{"type": "object", "maxProperties": 0}, row[7]]}  # sesuai, restore
    return schema


@pytest.fixture()
def fuzz_device(live_server: LiveServer) -> DeviceClient:
    return live_server.device(label="fuzz")


@pytest.fixture()
def api_schema(live_server: LiveServer) -> Any:
    raw = requests.get(live_server.url + "/openapi.json", timeout=10).json()
    voter_ids = [live_server.voter_id(i) for i in range(0, 120, 10)]
    return schemathesis.openapi.from_dict(_productive(raw, voter_ids))


def _signed(case: Any, device: DeviceClient, kwargs: dict[str, Any]) -> dict[str, str]:
    """The headers to send: as generated when the case has a signature (the header checks
    are under test), else the generated ones plus a valid signature set for this request."""
    headers: dict[str, str] = dict(kwargs.get("headers") or {})
    if any(k.lower() == p.HEADER_SIGNATURE.lower() for k in headers):
        return headers
    body = kwargs.get("data")
    if body is None and kwargs.get("json") is not None:
        body = json.dumps(kwargs.pop("json")).encode()
        kwargs["data"] = body
    if isinstance(body, str):
        body = body.encode()
    url = requests.Request(case.method, kwargs["url"], params=kwargs.get("params")).prepare()
    enrolling = case.path == "/v1/enroll"
    signed = p.sign_request(
        device.key, case.method, url.path_url, "" if enrolling else device.device_id, body or b""
    )
    if enrolling:
        signed.pop(p.HEADER_DEVICE)
    unsigned = {k: v for k, v in headers.items() if k.lower() not in _SIGNING_LOWER}
    return {**unsigned, **signed}


def _strategy(operation: Any) -> st.SearchStrategy[Any]:
    """Valid requests and, where the schema allows it, deliberately invalid ones."""
    modes = [operation.as_strategy(GenerationMode.POSITIVE)]
    with contextlib.suppress(Exception):  # nothing to negate (no parameters, no body)
        modes.append(operation.as_strategy(GenerationMode.NEGATIVE))
    return st.one_of(modes)


def _send(case: Any, device: DeviceClient) -> str | None:
    """What went wrong with this case's answer, or None."""
    kwargs = case.as_transport_kwargs(base_url=device.base_url)
    kwargs["headers"] = _signed(case, device, kwargs)
    kwargs.pop("auth", None)
    response = device.http.request(**{**kwargs, "timeout": 30})
    if response.status_code >= 500:
        return f"{response.status_code} {response.text[:300]}"
    if response.status_code >= 400:
        try:
            error = response.json()["error"]
            assert error["code"] and error["message"]
        except (ValueError, KeyError, TypeError, AssertionError):
            return f"{response.status_code} without a protocol error body: {response.text[:300]}"
    return None


def _fuzz(operation: Any, device: DeviceClient) -> list[str]:
    """Failures found for one operation (hypothesis shrinks each to a small example)."""
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests every run: a CI failure reproduces locally
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(operation))
    def fuzz(case: Any) -> None:
        problem = _send(case, device)
        if problem is not None:
            failures.append(f"{operation.label}: {problem}")
            raise AssertionError(problem)

    with contextlib.suppress(AssertionError):
        fuzz()
    return failures


def test_no_request_gets_a_server_error(api_schema: Any, fuzz_device: DeviceClient) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    # ping, enroll, device-key, push, pull, relay (one body; chunk status and chunk),
    # attachment status and chunk
    assert len(operations) == 10, [op.label for op in operations]
    failures = [f for operation in operations for f in _fuzz(operation, fuzz_device)]
    assert failures == []
