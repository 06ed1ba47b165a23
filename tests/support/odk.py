"""The baseline the benchmark compares with: voter updates sent the way OpenRosa/ODK tools send
them — one HTTP request per record, the whole form instance as XML in a multipart body, as ODK
Collect posts a submission to ODK Central.

``OdkReceiver`` is a minimal OpenRosa submission endpoint (an ASGI app: parse the multipart body,
store the instance durably in SQLite, answer 201 with an OpenRosa response); ``OdkSender``
posts instances with the headers Collect sends. Neither does more work than the real thing:
the comparison is about what crosses the link, and the round trips.
"""

from __future__ import annotations

import email.utils
import pathlib
import re
import secrets
import sqlite3
import threading
import uuid
from typing import Any
from xml.sax.saxutils import escape

import requests
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lapang_core.domain.voter import VoterRecord

_OPENROSA_OK = (
    '<OpenRosaResponse xmlns="http://openrosa.org/http/response" items="0">'
    '<message nature="">full submission upload was successful!</message></OpenRosaResponse>'
)
_INSTANCE_ID = re.compile(rb"<instanceID>(.*?)</instanceID>")
# What ODK Collect on a mid-range Android phone sends.
USER_AGENT = (
    "org.odk.collect.android/v2024.3.5 okhttp/4.12.0 "
    "Dalvik/2.1.0 (Linux; U; Android 12; SM-A125F Build/SP1A.210812.016)"
)


class OdkReceiver:
    """``POST /v1/key/<token>/projects/<n>/submission``: store, answer 201."""

    def __init__(self, db_path: pathlib.Path) -> None:
        self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS submissions (instance_id TEXT PRIMARY KEY, xml BLOB)"
        )
        self._lock = threading.Lock()
        self.app = Starlette(
            routes=[Route("/{path:path}", self._submission, methods=["POST", "HEAD"])]
        )

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM submissions").fetchone()[0]

    def _store(self, body: bytes) -> bool:
        match = _INSTANCE_ID.search(body)
        if match is None:
            return False
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO submissions VALUES (?, ?)", (match.group(1), body)
            )
        return True

    async def _submission(self, request: Request) -> Response:
        headers = {"X-OpenRosa-Version": "1.0", "X-OpenRosa-Accept-Content-Length": "100000000"}
        if request.method == "HEAD":
            return Response(status_code=204, headers=headers)
        body = await request.body()
        if not await run_in_threadpool(self._store, body):
            return Response("no instanceID", status_code=400)
        return Response(
            _OPENROSA_OK, status_code=201, media_type="text/xml; charset=utf-8", headers=headers
        )


def instance_xml(record: VoterRecord, voter_id: str, outcome: dict[str, Any]) -> bytes:
    """The form instance of one voter check: the whole row, the outcome and the form's meta
    block, as a coklit XForm would hold it."""
    birth = record.tanggal_lahir.isoformat() if record.tanggal_lahir else ""
    parts = record.tps_id.split(".")
    fields = {
        "provinsi": parts[0],
        "kabupaten": ".".join(parts[:2]),
        "kecamatan": ".".join(parts[:3]),
        "desa": ".".join(parts[:4]),
        "tps": record.tps_id,
    }
    voter = {
        "id_pemilih": voter_id,
        "dpid": record.dpid or "",
        "nkk": record.nkk,
        "nik": record.nik,
        "nama": record.nama,
        "tempat_lahir": record.tempat_lahir,
        "tanggal_lahir": birth,
        "status_perkawinan": record.status_perkawinan,
        "jenis_kelamin": record.jenis_kelamin,
        "alamat": record.alamat,
        "rt": record.rt,
        "rw": record.rw,
        "disabilitas": str(record.disabilitas),
        "status_ktp_el": record.status_ktp_el,
    }
    result = {
        "keterangan": outcome.get("keterangan", ""),
        "elemen_diubah": " ".join(outcome.get("changed", ())),
        "nilai_lama": " ".join(outcome.get("old", ())),
        "tms_kode": str(outcome.get("tms_code", "")),
        "bukti_jenis": outcome.get("evidence_type", ""),
        "bukti_nomor": outcome.get("evidence_ref", ""),
        "foto_bukti": outcome.get("photo", ""),
    }

    def group(name: str, values: dict[str, str]) -> str:
        inner = "".join(f"<{k}>{escape(v)}</{k}>" if v else f"<{k}/>" for k, v in values.items())
        return f"<{name}>{inner}</{name}>"

    stamp = outcome["at"]
    meta = (
        f"<start>{stamp}</start><end>{stamp}</end><today>{stamp[:10]}</today>"
        f"<deviceid>collect:{outcome['device']}</deviceid><username>{outcome['officer']}"
        "</username>"
    )
    instance = (
        '<?xml version=\'1.0\' ?><data id="coklit_pemilih_2029" version="2029010101" '
        'xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" '
        'xmlns:orx="http://openrosa.org/xforms" xmlns:odk="http://www.opendatakit.org/xforms">'
        + meta
        + group("wilayah", fields)
        + group("pemilih", voter)
        + group("hasil", result)
        + "<catatan/>"
        + f"<meta><instanceID>uuid:{uuid.uuid4()}</instanceID>"
        + f"<instanceName>{escape(record.nama)} - {record.tps_id}</instanceName></meta></data>"
    )
    return instance.encode("utf-8")


class OdkSender:
    """Posts one instance per request on a kept-alive connection, like Collect's uploader."""

    def __init__(self, base_url: str, *, verify: str | bool) -> None:
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers.clear()
        self.verify = verify
        token = secrets.token_urlsafe(48)  # Central's app-user token travels in the path
        device = secrets.token_urlsafe(12)
        self.url = f"{base_url}/v1/key/{token}/projects/3/submission?deviceID=collect%3A{device}"

    def post(self, instance: bytes) -> None:
        boundary = uuid.uuid4().hex
        body = (
            (
                f"--{boundary}\r\n"
                'Content-Disposition: form-data; name="xml_submission_file"; '
                'filename="submission.xml"\r\n'
                "Content-Type: text/xml\r\n"
                f"Content-Length: {len(instance)}\r\n\r\n"
            ).encode()
            + instance
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {
            "User-Agent": USER_AGENT,
            "X-OpenRosa-Version": "1.0",
            "Date": email.utils.formatdate(usegmt=True),
            "Accept-Encoding": "gzip",
            "Connection": "Keep-Alive",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        }
        response = self.session.post(
            self.url, data=body, headers=headers, timeout=60, verify=self.verify
        )
        if response.status_code != 201:
            raise RuntimeError(f"ODK receiver answered {response.status_code}")

    def close(self) -> None:
        self.session.close()
