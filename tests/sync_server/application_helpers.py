"""Synthetic recruitment applications as a device submits them (``application.submit``)."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from tests.sync_server.sync_helpers import DeviceClient

DESA = "14.01.01.2009"  # Kumantan, kecamatan Bangkinang Kota (demo fixture)
DESA_2 = "14.01.01.2010"  # Ridan Permai, same kecamatan
OTHER_DESA = "14.01.04.2004"  # Gunung Bungsu, kecamatan XIII Koto Kampar
_numbers = itertools.count(1)


def synthetic_nik(serial: int, *, woman: bool = False) -> str:
    """A NIK of kecamatan 14.01.01 (born 12-03-1990, day + 40 for a woman), never a real one."""
    return f"140101{52 if woman else 12}0390{serial:04d}"


def applicant_form(nik: str, nama: str = "Pelamar Sintetis") -> dict[str, Any]:
    """The form as desktop_app.store.application_service.applicant_to_json writes it."""
    return {
        "nik": nik,
        "nama": nama,
        "tempat_lahir": "Bangkinang",
        "tanggal_lahir": "1990-03-12",
        "jenis_kelamin": "L",
        "alamat_ktp": "Jl. Contoh No. 1",
        "domisili_kode": DESA,
        "pendidikan": "sma",
        "pekerjaan": "Wiraswasta",
        "telepon": "+6281200000000",
        "email": "",
        "statements": {"wni": True},
        "kesehatan": {"sistolik": 120, "diastolik": 80, "gula_darah": 90, "kolesterol": 180},
        "ex_party_member": False,
        "documents": ["ktp_el"],
    }


def submission(
    dev: DeviceClient,
    nik: str,
    *,
    body: str = "PPS",
    area: str = DESA,
    nama: str = "Pelamar Sintetis",
    attachments: dict[str, str] | None = None,
    application_id: str | None = None,
    application_no: str | None = None,
) -> dict[str, Any]:
    """An ``application.submit`` outbox entry with the device's next seq."""
    number = application_no or f"{body}-{dev.device_id[:6].upper()}-{next(_numbers):05d}"
    payload = {
        "application_no": number,
        "body": body,
        "area_code": area,
        "form": applicant_form(nik, nama),
        "attachments": attachments or {},
        "missing_documents": [],
    }
    return dev.change(
        "application.submit",
        application_id or uuid.uuid4().hex,
        payload,
        base_version=None,
        entity="application",
    )
