"""The server never logs personal data (docs/security.md): a session of ordinary and hostile
requests — corrections, refused values, new voters, applications, duplicates, a takeover attempt,
malformed and oversized bodies — leaves no NIK, name or address in any log record, at any level,
tracebacks included. Both as plain text and as the JSON lines ``serve`` writes by default
(``sync_server.logs``), which add the request's and device's ids and exception stacks."""

from __future__ import annotations

import dataclasses
import logging
import uuid
from collections.abc import Iterator

import pytest

from lapang_core.protocol import ChangeStatus
from sync_server.logs import JsonFormatter
from tests.sync_server.application_helpers import DESA, submission, synthetic_nik
from tests.sync_server.sync_helpers import LiveServer, baru_payload

ACCEPTED, REFUSED = ChangeStatus.ACCEPTED, ChangeStatus.REFUSED
# Distinctive synthetic values: a hit in the logs can only come from the requests below.
NAME = "ZULKARNAIN PRIVASI"
APPLICANT = "SRIWAHYUNI RAHASIA"
ADDRESS = "JL. CEMARA LOGTEST 17"
BAD_NIK = "1401011203909876"  # a NIK-shaped value sent where the server refuses it


class _Everything(logging.Handler):
    """Every record of every logger, formatted with its traceback, as an operator's log shows."""

    def __init__(self, formatter: logging.Formatter) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(formatter)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(params=("text", "json"))
def server_log(request: pytest.FixtureRequest) -> Iterator[_Everything]:
    if request.param == "json":
        handler = _Everything(JsonFormatter())
    else:
        handler = _Everything(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    # uvicorn's access and error loggers may not propagate to the root: listen on each.
    names = ["", "uvicorn", "uvicorn.error", "uvicorn.access", "sync_server"]
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)


def test_no_personal_data_reaches_the_servers_log(
    live_server: LiveServer, server_log: _Everything
) -> None:
    dev = live_server.device(label="pantarlih-1")
    neighbour = live_server.device(label="pantarlih-2")
    voter = live_server.voters[0]
    vid = live_server.voter_id(0)
    secrets = {NAME, APPLICANT, ADDRESS, BAD_NIK, voter.nik, voter.nkk, voter.nama, voter.alamat}

    corrected = dev.change(
        "ubah",
        vid,
        {
            "changes": {"nama": NAME, "alamat": ADDRESS},
            "original": {"nama": voter.nama, "alamat": voter.alamat},
        },
    )
    other = live_server.voters[1]
    refused_value = dev.change(
        "ubah",
        live_server.voter_id(1),
        {"changes": {"nik": BAD_NIK + "X"}, "original": {"nik": other.nik}},
    )
    incomplete = baru_payload(dataclasses.replace(live_server.voters[2], nama=NAME, nik=BAD_NIK))
    incomplete["tempat_lahir"] = ""
    new_voter = dev.change("baru", uuid.uuid4().hex, incomplete, base_version=None)
    results = dev.push([corrected, refused_value, new_voter]).results
    # One applied, two refused with a reason: both paths ran.
    assert [(r.status, r.reason) for r in results] == [
        (ACCEPTED, None),
        (REFUSED, "invalid_value"),
        (REFUSED, "invalid_value"),
    ]

    applicant_nik = synthetic_nik(4321)
    secrets.add(applicant_nik)
    filed = submission(dev, applicant_nik, nama=APPLICANT)
    dev.push([filed])
    # The same person again from a neighbour (a duplicate), then a takeover of the first.
    neighbour.push([submission(neighbour, applicant_nik, nama=APPLICANT)])
    takeover = submission(
        neighbour, applicant_nik, nama=APPLICANT, application_id=filed["entity_id"], area=DESA
    )
    (refused,) = neighbour.push([takeover]).results
    assert (refused.status, refused.reason) == (REFUSED, "not_owner")

    # Bodies the server cannot read, each carrying personal data.
    assert dev.push_raw(b'{"changes": [{"nik": "' + BAD_NIK.encode() + b'"').status_code == 400
    assert dev.push_raw(b"[" * 3000 + BAD_NIK.encode()).status_code in (400, 413)
    dev.pull_all()

    assert server_log.lines, "the handler saw nothing: the test would prove nothing"
    leaked = [line for line in server_log.lines if any(s and s in line for s in secrets)]
    assert leaked == []


def test_the_log_check_would_catch_a_leak(server_log: _Everything) -> None:
    # The check above must be able to fail: a record naming a NIK is caught.
    logging.getLogger("sync_server.app").warning("refused %s", BAD_NIK)
    assert any(BAD_NIK in line for line in server_log.lines)
