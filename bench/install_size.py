"""What each side installs: the KPU server (`.[server]`) and the field desk (`.[desktop]`), each
into a fresh virtual environment, from this tree and from an older commit side by side.

    python bench/install_size.py [--before REF] [--keep]

For each source (the working tree, and REF exported with ``git archive`` when given) and each
side, ``python -m venv`` then ``pip install '<source>[side]'`` (not editable, so the project's own
files count too; pip's cache makes the second install fast). Figures per install: the size of
site-packages on disk (bytes of regular files), its file count, the distributions installed, and
whether Qt (PySide6) is among them. The table compares; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

import repo_root

ROOT = repo_root.ROOT
SIDES = ("server", "desktop")


def _export(ref: str, into: pathlib.Path) -> pathlib.Path:
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _extra_for(source: pathlib.Path, side: str) -> str:
    """Before the split, the desk was the base install: `.[desktop]` did not exist."""
    import tomllib

    extras = tomllib.loads((source / "pyproject.toml").read_text())["project"].get(
        "optional-dependencies", {}
    )
    return f"[{side}]" if side in extras else ""


def _measure(source: pathlib.Path, side: str, scratch: pathlib.Path) -> dict[str, object]:
    venv = scratch / f"venv-{side}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    started = time.monotonic()
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"{source}{_extra_for(source, side)}",
        ],
        check=True,
        cwd=scratch,
    )
    seconds = time.monotonic() - started
    site = next(venv.glob("lib/python3*/site-packages"))
    files = [p for p in site.rglob("*") if p.is_file() and not p.is_symlink()]
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format", "json", "--disable-pip-version-check"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    distributions = sorted(
        d["name"] for d in json.loads(listed) if d["name"] not in ("pip", "setuptools")
    )
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "distributions": distributions,
        "qt": any(d.lower().startswith("pyside6") for d in distributions),
        "install_s": round(seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", metavar="REF", help="also measure this commit (e.g. main~5)")
    parser.add_argument("--keep", action="store_true", help="keep the virtual environments")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lapang-install-size-") as tmp:
        scratch = pathlib.Path(tmp)
        sources = {"now": ROOT}
        if args.before:
            sources["before"] = _export(args.before, scratch / "before-src")
        results: dict[str, dict[str, dict[str, object]]] = {}
        for label, source in sources.items():
            for side in SIDES:
                place = scratch / label / side
                place.mkdir(parents=True)
                results.setdefault(label, {})[side] = _measure(source, side, place)
        if args.keep:
            print(f"environments kept in {tmp} until this process ends", file=sys.stderr)

    print(f"{'install':<18}{'MB on disk':>12}{'files':>8}{'dists':>7}{'Qt':>5}{'pip s':>8}")
    for label, sides in results.items():
        for side, r in sides.items():
            print(
                f"{label + ' ' + side:<18}{r['bytes'] / 1e6:>12.1f}{r['files']:>8}"
                f"{len(r['distributions']):>7}{'yes' if r['qt'] else 'no':>5}{r['install_s']:>8}"
            )
    figures: dict[str, object] = {
        f"{label}_{side}_mb": round(r["bytes"] / 1e6, 1)
        for label, sides in results.items()
        for side, r in sides.items()
    }
    figures.update(
        {
            f"{label}_{side}_qt": r["qt"]
            for label, sides in results.items()
            for side, r in sides.items()
        }
    )
    figures["now_server_distributions"] = results["now"]["server"]["distributions"]
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
