"""Region rows (``kode,nama``) for synthetic lists: loading the CSV and finding the desa in it."""

from __future__ import annotations

import csv
import dataclasses
import pathlib
from collections.abc import Iterable

from desktop_app.resources import resource_path
from desktop_app.synthetic.errors import NoDesaError, RegionFileError
from lapang_core.domain.region import InvalidRegionCode, normalize_region_code

# Dotted segment count per level: 61 / 61.11 / 61.11.02 / 61.11.02.2003
_DESA_SEGMENTS = 4


def demo_regions_path() -> pathlib.Path:
    """The demo region fixture: a few remote kabupaten from the 2025 Kemendagri table."""
    return resource_path("fixtures", "demo_regions.csv")


def load_region_rows(path: str | pathlib.Path) -> list[tuple[str, str]]:
    """Read a ``kode,nama`` CSV (the national table's format) into (dotted code, name) rows.

    Raises:
        RegionFileError: the file is missing, has another header, or a row is malformed.
    """
    path = pathlib.Path(path)
    try:
        # utf-8-sig: a file saved by a spreadsheet program starts with a byte-order mark.
        with path.open(newline="", encoding="utf-8-sig") as stream:
            reader = csv.reader(stream)
            header = next(reader, None)
            if header is None or [h.strip().lower() for h in header] != ["kode", "nama"]:
                raise RegionFileError(
                    f"{path.name}: the first line must be the header 'kode,nama'."
                )
            rows = []
            for line_no, row in enumerate(reader, start=2):
                if not row:
                    continue
                if len(row) != 2:
                    raise RegionFileError(
                        f"{path.name} line {line_no}: expected 2 columns (kode,nama), "
                        f"found {len(row)}."
                    )
                try:
                    kode = normalize_region_code(row[0])
                except InvalidRegionCode as exc:
                    raise RegionFileError(f"{path.name} line {line_no}: {exc}") from exc
                rows.append((kode, row[1].strip()))
    except FileNotFoundError as exc:
        raise RegionFileError(
            f"Region file not found: {path}. Reinstall the app or pass another region file."
        ) from exc
    except UnicodeDecodeError as exc:
        raise RegionFileError(f"{path.name} is not UTF-8 text; save it as CSV UTF-8.") from exc
    return rows


@dataclasses.dataclass(frozen=True, slots=True)
class DesaInfo:
    """A desa/kelurahan with the names around it, upper case as on a KTP-el."""

    kode: str  # 61.11.02.2003
    nama: str
    kode_kecamatan: str  # 61.11.02
    nama_kecamatan: str
    nama_kabupaten: str  # without "KABUPATEN"/"KOTA"
    kode_provinsi: str  # 61
    kelurahan: bool  # 7th digit 1: an urban kelurahan (streets), 2: a desa (dusun)


def _short_kabupaten(nama: str) -> str:
    upper = nama.upper()
    for prefix in ("KABUPATEN ", "KAB. ", "KOTA "):
        if upper.startswith(prefix):
            return upper[len(prefix) :]
    return upper


def desa_from_rows(rows: Iterable[tuple[str, str]]) -> list[DesaInfo]:
    """The desa in ``rows``, sorted by code (so each kecamatan's desa are contiguous), once each.

    Rows at other levels only supply names; a missing kecamatan or kabupaten row falls back to
    the desa's own name.

    Raises:
        NoDesaError: no row is a desa/kelurahan.
        InvalidRegionCode: a code does not have the Kemendagri shape.
    """
    names: dict[str, str] = {}
    desa_codes: set[str] = set()
    for kode, nama in rows:
        dotted = normalize_region_code(kode)
        names[dotted] = nama
        if dotted.count(".") + 1 == _DESA_SEGMENTS:
            desa_codes.add(dotted)
    if not desa_codes:
        raise NoDesaError(
            "The region rows contain no desa/kelurahan (10-digit codes such as 61.11.02.2003); "
            "voters can only be placed in a desa."
        )
    result = []
    for kode in sorted(desa_codes):
        provinsi, kabupaten, kecamatan_seg, desa_seg = kode.split(".")
        kecamatan = f"{provinsi}.{kabupaten}.{kecamatan_seg}"
        nama = names[kode].upper()
        result.append(
            DesaInfo(
                kode=kode,
                nama=nama,
                kode_kecamatan=kecamatan,
                nama_kecamatan=names.get(kecamatan, nama).upper(),
                nama_kabupaten=_short_kabupaten(names.get(f"{provinsi}.{kabupaten}", nama)),
                kode_provinsi=provinsi,
                kelurahan=desa_seg.startswith("1"),
            )
        )
    return result
