"""Read the icon back from built .exe files and refuse the build unless it is Lapang's own: what
Explorer shows for Lapang.exe, for lapang-admin.exe and for the setup program on KPU's USB stick.

    python check_icon.py lapang.ico Lapang.exe lapang-admin.exe lapang-...-setup.exe

Each image of the .ico (256, 48, 32 and 16 px) must be in the file's icon resources byte for byte
(PyInstaller and Inno Setup copy the images as they are). Runs with the Windows Python of the
build (which has pefile, PyInstaller needs it). Exit 1 with one line per problem."""

from __future__ import annotations

import struct
import sys

RT_ICON = 3


def ico_images(path: str) -> dict[tuple[int, int], bytes]:
    """The images of an .ico file by (width, height); 0 in the directory means 256."""
    with open(path, "rb") as file:
        data = file.read()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1 or count == 0:
        raise SystemExit(f"{path} is not an icon file")
    images = {}
    for index in range(count):
        width, height, _c, _r, _p, _b, size, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        images[(width or 256, height or 256)] = data[offset : offset + size]
    return images


def icon_resources(path: str) -> list[bytes]:
    """Every RT_ICON image in a PE file's resources."""
    import pefile  # the Windows build venv's; ico_images needs only the standard library

    pe = pefile.PE(path, fast_load=False)
    try:
        found = []
        for kind in (
            getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)
            and (pe.DIRECTORY_ENTRY_RESOURCE.entries)
            or []
        ):
            if kind.id != RT_ICON:
                continue
            for name in kind.directory.entries:
                for language in name.directory.entries:
                    entry = language.data.struct
                    found.append(pe.get_data(entry.OffsetToData, entry.Size))
        return found
    finally:
        pe.close()


def problems(path: str, ico: str, wanted: dict[tuple[int, int], bytes]) -> list[str]:
    present = set(icon_resources(path))
    return [
        f"{path}: its icons lack the {width}x{height} image of {ico}"
        for (width, height), image in sorted(wanted.items())
        if image not in present
    ]


def main(argv: list[str]) -> int:
    ico, paths = argv[0], argv[1:]
    wanted = ico_images(ico)
    found = [p for path in paths for p in problems(path, ico, wanted)]
    for line in found:
        print(line)
    if not found:
        print(f"icon {len(wanted)} image(s) on {len(paths)} file(s)")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
