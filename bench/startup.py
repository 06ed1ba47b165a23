"""Start-up and installer benchmark: the built program beside the same code run from source.

    python bench/startup.py [--app dist/lapang/lapang] [--cold-runs 3] [--warm-runs 7]
        [--wine-setup dist/lapang-VERSION-windows-x64-setup.exe]

Needs a build (bash build_scripts/build.sh) and Xvfb. Figures:

- installer size: the compressed Linux artifacts in dist/ (tarball, .deb), the unpacked folder and
  the Windows setup program (dist/lapang-*-windows-x64-setup.exe, target ≤ 30 MB);
- start to the unlock screen, cold and warm, for the built program and for
  ``python -m desktop_app`` from the source tree, on an existing vault (so the first screen is the
  unlock screen, not the first-run wizard).

"Shown" is measured from outside, on the X server: the moment the Lapang top-level window (class
``Lapang``) is mapped and viewable at full size, polled every 2 ms by build_scripts/xwindow.py
(started, and polling, before the program is). If the app prints the start-up probe line
``lapang-startup: unlock-shown <monotonic ns>`` on stderr (LAPANG_STARTUP_PROBE=1; see
docs/installers.md), that moment — the unlock view's first paint — is used instead, and the table
says which was used.

"Cold" is the first start after ``sync; echo 3 > /proc/sys/vm/drop_caches``, which needs root; if
it is refused, the cold figures are reported as unavailable rather than measured warm. Inside a VM
the host may still cache the disk, so a laptop's spinning disk or eMMC can be slower than this.
Warm runs follow each other; cold and warm runs alternate built/source so noise hits both. The last
line is one JSON object.

``--wine-setup``: also the Windows build **under Wine** (a sign of health, not a Windows figure):
the setup program is installed silently into a Wine prefix made for the run
(build_scripts/windows/wine_env.sh; build_scripts/windows/build.sh installs Wine), a demo vault is
made with the installed lapang-admin.exe, and the installed Lapang.exe is timed to its unlock
window (X class ``lapang.exe``). Cold: the page cache dropped first; warm: the cache filled. Wine
starts its server for each run, as for a laptop's first Windows program.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
XWINDOW = REPO_ROOT / "build_scripts" / "xwindow.py"
PROBE_PREFIX = "lapang-startup: unlock-shown "
TARGETS = {"artifact_mb": 90.0, "cold_s": 1.5, "warm_s": 0.8, "windows_setup_mb": 30.0}
WINE_ENV = REPO_ROOT / "build_scripts" / "windows" / "wine_env.sh"
WINE_PASSPHRASE = "kuda-lari-di-sawah-2029"
MB = 1_000_000


class BenchError(Exception):
    """Something the benchmark needs is missing; the message says what to do."""


def drop_page_cache() -> bool:
    try:
        os.sync()
        pathlib.Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        raise BenchError("Xvfb is not installed: apt-get install xvfb (build_scripts/smoke.sh).")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise BenchError("Xvfb did not start.")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def start_to_unlock(
    command: list[str], env: dict[str, str], window_class: str = "Lapang"
) -> tuple[float, str]:
    """Seconds from starting ``command`` to its unlock screen being shown, and how it was seen.
    The program is then closed through its close button (WM_DELETE_WINDOW)."""
    watcher = subprocess.Popen(
        [sys.executable, str(XWINDOW), "wait", "--timeout", "120", "--class", window_class],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert watcher.stdout is not None
    if watcher.stdout.readline().strip() != "ready":
        raise BenchError("build_scripts/xwindow.py could not watch the X display.")
    with tempfile.TemporaryFile("w+") as stderr:
        started = time.monotonic_ns()
        app = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            line = watcher.stdout.readline().split()
            if watcher.wait(timeout=120) != 0 or len(line) != 2:
                stderr.seek(0)
                raise BenchError(f"No Lapang window appeared: {stderr.read()[-2000:]}")
            window, seen = line[0], int(line[1])
            method = "X window mapped"
            time.sleep(0.3)  # a probe line printed on the first paint is in the file by now
            stderr.seek(0)
            for text in stderr:
                if text.startswith(PROBE_PREFIX):
                    seen, method = int(text[len(PROBE_PREFIX) :]), "app probe (first paint)"
                    break
            subprocess.run([sys.executable, str(XWINDOW), "close", window], env=env, check=True)
            app.wait(timeout=30)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
    return (seen - started) / 1e9, method


def wine_start_figures(
    setup: pathlib.Path, display: str, cold_runs: int, warm_runs: int
) -> dict[str, list[float]]:
    """Install ``setup`` into a fresh Wine prefix and time the installed Lapang.exe to its unlock
    window, cold and warm. The prefix is removed afterwards."""
    if shutil.which("wine") is None:
        raise BenchError("Wine is not installed: run bash build_scripts/windows/build.sh once.")
    with tempfile.TemporaryDirectory(prefix="lapang-wine-bench-") as tmp:
        prefix = pathlib.Path(tmp) / "prefix"
        env = {k: v for k, v in os.environ.items() if not k.startswith("LAPANG_")}
        env |= {"WINEPREFIX": str(prefix), "DISPLAY": display}
        made = subprocess.run(
            ["bash", "-c", f'source "{WINE_ENV}" && export WINEPREFIX="{prefix}" '
             '&& make_wine_prefix'],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if made.returncode != 0:
            raise BenchError(f"Could not make a Wine prefix: {made.stderr[-2000:]}")
        env["WINEDLLOVERRIDES"] = "mscoree,mshtml=;bcryptprimitives=n,b;icuuc=n"
        env["WINEDEBUG"] = "-all"

        def wine(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
            # Through a pipe: Wine 8 breaks a program whose stdout is a plain file.
            done = subprocess.run(
                ["wine", *args], env=env | extra, capture_output=True, text=True, errors="replace"
            )
            subprocess.run(["wineserver", "-w"], env=env, check=True)
            return done

        installed = wine(str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART")
        program = prefix / "drive_c" / "Program Files" / "Lapang"
        if installed.returncode != 0 or not (program / "Lapang.exe").is_file():
            raise BenchError(f"The setup program did not install: {installed.stderr[-2000:]}")
        admin = str(program / "lapang-admin.exe")
        for args in (["init", "--officer", "Ni Luh Ayu", "--allow-dev-recovery-key"], ["demo"]):
            done = wine(admin, *args, LAPANG_PASSPHRASE=WINE_PASSPHRASE)
            if done.returncode != 0:
                raise BenchError(f"lapang-admin.exe {args[0]} failed under Wine: {done.stderr}")
        # Through a pipe too: the timing's stderr file would be the plain file Wine 8 breaks on.
        command = ["sh", "-c", 'wine "$0" 2>&1 | cat', str(program / "Lapang.exe")]
        times: dict[str, list[float]] = {"cold": [], "warm": []}
        for _ in range(cold_runs if drop_page_cache() else 0):
            subprocess.run(["wineserver", "-k"], env=env, check=False)
            subprocess.run(["wineserver", "-w"], env=env, check=False)
            drop_page_cache()
            times["cold"].append(start_to_unlock(command, env, "lapang.exe")[0])
        # Warm: the page cache filled, Wine's server started by each run as on a laptop where
        # no other Windows program runs (a server kept up would keep the output pipe open).
        start_to_unlock(command, env, "lapang.exe")  # fill the cache first
        subprocess.run(["wineserver", "-w"], env=env, check=False)
        for _ in range(warm_runs):
            times["warm"].append(start_to_unlock(command, env, "lapang.exe")[0])
            subprocess.run(["wineserver", "-w"], env=env, check=False)
        return times


def folder_bytes(folder: pathlib.Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def newest(pattern: str) -> pathlib.Path | None:
    found = sorted((REPO_ROOT / "dist").glob(pattern), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=pathlib.Path, default=REPO_ROOT / "dist/lapang/lapang")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=7)
    parser.add_argument("--voters", type=int, default=2000, help="demo voters in the vault")
    parser.add_argument(
        "--wine-setup", type=pathlib.Path, help="also time this Windows setup's program under Wine"
    )
    args = parser.parse_args(argv)
    if not args.app.is_file():
        raise BenchError(f"No built program at {args.app}: run bash build_scripts/build.sh first.")

    tarball, deb = newest("lapang-*-linux-*.tar.gz"), newest("lapang_*.deb")
    windows_setup = args.wine_setup or newest("lapang-*-windows-x64-setup.exe")
    sizes = {
        "windows_setup_mb": windows_setup.stat().st_size / MB if windows_setup else None,
        "tarball_mb": tarball.stat().st_size / MB if tarball else None,
        "deb_mb": deb.stat().st_size / MB if deb else None,
        "unpacked_mb": folder_bytes(args.app.parent) / MB,
    }

    base_env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY"}}
    base_env["LAPANG_STARTUP_PROBE"] = "1"
    with tempfile.TemporaryDirectory(prefix="lapang-startup-") as tmp, xvfb() as display:
        data_dir = pathlib.Path(tmp) / "vault"
        made = subprocess.run(
            [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "demo"]
            + ["--voters", str(args.voters)],
            cwd=REPO_ROOT,
            env=base_env,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            raise BenchError(f"Could not make the demo vault: {made.stderr}")
        env = dict(base_env, DISPLAY=display)
        commands = {
            "built": [str(args.app), "--data-dir", str(data_dir)],
            "source": [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir)],
        }
        cold: dict[str, list[float]] = {name: [] for name in commands}
        warm: dict[str, list[float]] = {name: [] for name in commands}
        methods: set[str] = set()
        can_drop = drop_page_cache()
        for _ in range(args.cold_runs if can_drop else 0):
            for name, command in commands.items():
                drop_page_cache()
                seconds, method = start_to_unlock(command, env)
                cold[name].append(seconds)
                methods.add(method)
        for command in commands.values():
            start_to_unlock(command, env)  # fill the cache before the warm runs
        for _ in range(args.warm_runs):
            for name, command in commands.items():
                seconds, method = start_to_unlock(command, env)
                warm[name].append(seconds)
                methods.add(method)
        wine_times: dict[str, list[float]] = {"cold": [], "warm": []}
        if args.wine_setup:
            wine_times = wine_start_figures(
                args.wine_setup.resolve(), display, args.cold_runs, args.warm_runs
            )

    def median(values: list[float]) -> float | None:
        return statistics.median(values) if values else None

    result = {
        **{k: round(v, 1) if v is not None else None for k, v in sizes.items()},
        "built_cold_s": median(cold["built"]),
        "built_warm_s": median(warm["built"]),
        "source_cold_s": median(cold["source"]),
        "source_warm_s": median(warm["source"]),
        # Under Wine: a sign of health of the Windows build, not a Windows figure.
        "wine_cold_s": median(wine_times["cold"]),
        "wine_warm_s": median(wine_times["warm"]),
        "wine_runs": {k: [round(v, 3) for v in vs] for k, vs in wine_times.items()},
        # The worst run too: a shared 2-core VM sometimes stalls a start for a second.
        "built_warm_max_s": max(warm["built"], default=None),
        "source_warm_max_s": max(warm["source"], default=None),
        "cold_runs": len(cold["built"]),
        "warm_runs": len(warm["built"]),
        "cold_cache_dropped": can_drop,
        "shown_detected_by": sorted(methods),
        "targets": TARGETS,
    }
    for key in (
        "built_cold_s",
        "built_warm_s",
        "source_cold_s",
        "source_warm_s",
        "built_warm_max_s",
        "source_warm_max_s",
        "wine_cold_s",
        "wine_warm_s",
    ):
        if result[key] is not None:
            result[key] = round(result[key], 3)

    def show(value: float | None, unit: str) -> str:
        return "n/a" if value is None else f"{value:.2f} {unit}"

    compressed = [v for v in (sizes["tarball_mb"], sizes["deb_mb"]) if v is not None]
    artifact = max(compressed) if compressed else None
    rows = [
        ("tarball (.tar.gz)", show(sizes["tarball_mb"], "MB"), "", ""),
        (".deb (xz)", show(sizes["deb_mb"], "MB"), "", ""),
        ("unpacked folder", show(sizes["unpacked_mb"], "MB"), "", ""),
        (
            "Windows setup program",
            show(sizes["windows_setup_mb"], "MB"),
            "",
            f"≤ {TARGETS['windows_setup_mb']:.0f} MB",
        ),
        (
            "cold start to unlock (median)",
            show(result["built_cold_s"], "s"),
            show(result["source_cold_s"], "s"),
            f"≤ {TARGETS['cold_s']} s",
        ),
        (
            "warm start to unlock (median)",
            show(result["built_warm_s"], "s"),
            show(result["source_warm_s"], "s"),
            f"≤ {TARGETS['warm_s']} s",
        ),
    ]
    if args.wine_setup:
        rows += [
            ("cold start, Windows build under Wine", show(result["wine_cold_s"], "s"), "", ""),
            ("warm start, Windows build under Wine", show(result["wine_warm_s"], "s"), "", ""),
        ]
    print(f"{'figure':32} {'built':>10} {'source':>10}  target")
    for label, built, source, target in rows:
        print(f"{label:32} {built:>10} {source:>10}  {target}")
    print(
        f"largest compressed Linux artifact: {show(artifact, 'MB')} "
        f"(target ≤ {TARGETS['artifact_mb']:.0f} MB)"
    )
    if not can_drop:
        print("cold: the page cache could not be dropped (needs root); no cold figures")
    for name in commands:
        print(
            f"{name}: cold runs {[round(v, 3) for v in cold[name]]}, "
            f"warm runs {[round(v, 3) for v in warm[name]]}"
        )
    print(f"shown detected by: {', '.join(sorted(methods))}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as exc:
        print(f"startup.py: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
