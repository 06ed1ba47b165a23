"""Read the version resource back from built .exe files and refuse the build if it is missing or
wrong: what Explorer's Properties > Details shows an IT admin (product, version, KPU).

    python check_version_resource.py VERSION Lapang.exe lapang-admin.exe

Runs with the Windows Python of the build (which has pefile, PyInstaller needs it). Exit 1 with
one line per problem."""

from __future__ import annotations

import sys

import pefile

EXPECTED = {"ProductName": "Lapang", "CompanyName": "Komisi Pemilihan Umum"}


def resource_strings(path: str) -> dict[str, str]:
    pe = pefile.PE(path, fast_load=False)
    try:
        strings: dict[str, str] = {}
        for info in getattr(pe, "FileInfo", None) or []:
            for entry in info:
                for table in getattr(entry, "StringTable", []):
                    strings.update(
                        {k.decode("utf-8"): v.decode("utf-8") for k, v in table.entries.items()}
                    )
        fixed = getattr(pe, "VS_FIXEDFILEINFO", None)
        if fixed:
            ms, ls = fixed[0].ProductVersionMS, fixed[0].ProductVersionLS
            strings["(fixed)"] = f"{ms >> 16}.{ms & 0xFFFF}.{ls >> 16}.{ls & 0xFFFF}"
        return strings
    finally:
        pe.close()


def problems(path: str, version: str) -> list[str]:
    strings = resource_strings(path)
    if not strings:
        return [f"{path}: no version resource"]
    wanted = {**EXPECTED, "ProductVersion": version}
    found = [
        f"{path}: {key} is {strings.get(key)!r}, not {value!r}"
        for key, value in wanted.items()
        if strings.get(key) != value
    ]
    if not strings.get("FileVersion", "").startswith(version):
        found.append(f"{path}: FileVersion {strings.get('FileVersion')!r} is not {version}")
    numbers = ".".join(version.split(".")[:3])
    if not strings.get("(fixed)", "").startswith(numbers):
        found.append(f"{path}: the fixed version {strings.get('(fixed)')} is not {version}")
    return found


def main(argv: list[str]) -> int:
    version, paths = argv[0], argv[1:]
    found = [p for path in paths for p in problems(path, version)]
    for line in found:
        print(line)
    if not found:
        print(f"version resource {version} on {len(paths)} file(s)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
