"""Smoke-test the Windows setup program as KPU would hand it out, under Wine and Xvfb.

Run by build_scripts/windows/smoke.sh (which makes a fresh Wine prefix first); standard library
only, so it needs no venv. Each check prints one line; the first failure stops the run with exit 1.

    python3 build_scripts/windows/smoke.py SETUP.exe [--previous OLDER-SETUP.exe]
        [--screenshots DIR] [--timings FILE]

The sequence is a laptop's life: the setup wizard opened (in Indonesian, then English, as
Windows' display language says), the older build installed with its Start menu entry, a vault
made, demo voters, the newer build installed over it from a folder that also holds
deployment.toml, the data still there, the desk unlocked on screen, the program uninstalled with
the data kept.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

HERE = pathlib.Path(__file__).resolve().parent
XWINDOW = HERE.parent / "xwindow.py"
ICON = HERE / "lapang.ico"
OFFICER = "Ni Luh Ayu"
PASSPHRASE = "kuda-lari-di-sawah-2029"
STUB_MARKER = b"LAPANG-WINE-BUILD-STUB"
# Wine names an X window's class after the program file.
WINDOW_CLASS = "lapang.exe"
# The wizard's title in each language Setup offers (Indonesian.isl, Inno Setup's Default.isl),
# and the Windows display language (Wine takes it from the locale) that chooses it.
WIZARD_LANGUAGES = (
    ("id_ID.UTF-8", "Instalasi - Lapang", "id", "Indonesian"),
    ("en_US.UTF-8", "Setup - Lapang", "en", "English"),
)


class SmokeFailure(Exception):
    """A check did not hold."""


def check(condition: bool, what: str, detail: str = "") -> None:
    if not condition:
        raise SmokeFailure(f"{what}\n{detail}".rstrip())
    print(f"windows/smoke: ok - {what}", flush=True)


class Wine:
    """The Wine prefix smoke.sh made, and how to run Windows programs in it."""

    def __init__(self) -> None:
        self.prefix = pathlib.Path(os.environ["WINEPREFIX"])
        self.drive_c = self.prefix / "drive_c"
        self.program_dir = self.drive_c / "Program Files" / "Lapang"
        user = (
            os.environ.get("USER")
            or subprocess.run(
                ["id", "-un"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
        self.data_dir = self.drive_c / "users" / user / "AppData" / "Local" / "KPU" / "Lapang"

    def run(
        self, *args: str | pathlib.Path, timeout: float = 300, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """Run a Windows program to its end, all its processes included (wineserver -w).

        Output goes through a pipe: Wine 8 hands a program whose stdout is a plain file an
        unusable handle."""
        result = subprocess.run(
            ["wine", *map(str, args)],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
        self.wait()
        return result

    def wait(self) -> None:
        # Setup programs and uninstallers hand over to a child and return at once.
        subprocess.run(["wineserver", "-w"], check=True, timeout=300)

    def admin(self, *args: str | pathlib.Path, **env: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.program_dir / "lapang-admin.exe", *args, **env)

    def start_menu_entry(self) -> pathlib.Path:
        """The shortcut Setup makes for every user ({autoprograms} of an admin install)."""
        programs = self.drive_c / "ProgramData" / "Microsoft" / "Windows" / "Start Menu"
        return programs / "Programs" / "Lapang.lnk"

    def kill(self) -> None:
        subprocess.run(["wineserver", "-k"], check=False, timeout=60)
        self.wait()


def win(path: pathlib.Path) -> str:
    """A Unix path as Wine's Z: drive shows it."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"


def throwaway_kpu_keys(folder: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """A KPU recovery key pair made for this run only (RSA 3072, as deployment.py requires)."""
    private = folder / "kpu_recovery_private.pem"
    public = folder / "kpu_recovery_public.pem"
    subprocess.run(
        [
            "openssl",
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:3072",
            "-out",
            str(private),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["openssl", "pkey", "-in", str(private), "-pubout", "-out", str(public)],
        check=True,
        capture_output=True,
    )
    return private, public


def install(wine: Wine, setup: pathlib.Path, what: str, *options: str) -> float:
    started = time.monotonic()
    log = setup.parent / f"{setup.stem}.install.log"
    result = wine.run(
        setup, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", f"/LOG={win(log)}", *options
    )
    seconds = time.monotonic() - started
    log_text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    check(
        result.returncode == 0 and (wine.program_dir / "Lapang.exe").is_file(),
        f"{what}: silent install put Lapang.exe in C:\\Program Files\\Lapang ({seconds:.0f} s)",
        output(result) + log_text[-3000:],
    )
    return seconds


def find_window(title_pattern: str, env: dict[str, str], timeout: float) -> str:
    """The first X window whose title matches (a regular expression, as xdotool takes it)."""
    found: list[str] = []

    def appeared() -> bool:
        result = subprocess.run(
            ["xdotool", "search", "--name", title_pattern], env=env, capture_output=True, text=True
        )
        found[:] = result.stdout.split()
        return bool(found)

    wait_for(appeared, timeout, f"a window titled {title_pattern!r}")
    return found[0]


def check_setup_wizard(wine: Wine, setup: pathlib.Path, version: str, shots: pathlib.Path) -> None:
    """Double-clicked (not silent), Setup opens its wizard in Windows' display language: the
    first page is photographed, then Setup is stopped before it installs anything."""
    for locale, title, tag, language in WIZARD_LANGUAGES:
        env = {**os.environ, "LANG": locale, "LC_ALL": locale}
        setup_run = subprocess.Popen(
            ["sh", "-c", 'wine "$0" 2>&1 | cat', str(setup)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            window = find_window(f"^{re.escape(title)} ", env, 90)
            time.sleep(2)  # the page's controls paint just after the window maps
            shot = shots / f"windows_setup_{tag}.png"
            subprocess.run(["import", "-window", window, str(shot)], env=env, check=True)
            shown = subprocess.run(
                ["xdotool", "getwindowname", window], env=env, capture_output=True, text=True
            ).stdout.strip()
        finally:
            wine.kill()
            setup_run.wait(timeout=60)
        check(
            shown.startswith(f"{title} {version} (") and colours(shot) > 20,
            f"with Windows in {language}, the setup wizard opens in {language}: {shown!r}",
            f"expected '{title} {version} (commit)'; {colours(shot)} colours in {shot}",
        )
    check(not wine.program_dir.exists(), "closing the wizard at its first page installs nothing")


def check_start_menu(wine: Wine) -> None:
    """The Start menu shortcut opens Lapang.exe and shows Lapang's icon. Wine's menu builder
    turns the shortcut into a desktop entry and the icon it shows into PNGs (under the
    XDG_DATA_HOME smoke.sh gives it): each must be the .ico's image, pixel for pixel."""
    link = wine.start_menu_entry()
    target = link.read_bytes() if link.is_file() else b""
    check(
        b"Lapang.exe" in target or "Lapang.exe".encode("utf-16-le") in target,
        "Setup made the Start menu shortcut Lapang, to Lapang.exe",
        f"{link}: {'missing' if not target else 'names no Lapang.exe'}",
    )
    xdg = pathlib.Path(os.environ.get("XDG_DATA_HOME") or pathlib.Path.home() / ".local" / "share")
    entry = xdg / "applications" / "wine" / "Programs" / "Lapang.desktop"
    icon = re.search(r"^Icon=(.+)$", entry.read_text(), re.MULTILINE) if entry.is_file() else None
    check(icon is not None, "Wine's menu builder made the Start menu entry's icon", str(entry))
    sizes = subprocess.run(
        ["identify", "-format", "%w %p\n", str(ICON)], capture_output=True, text=True, check=True
    ).stdout.split()
    sizes = list(zip(sizes[::2], sizes[1::2], strict=True))
    differing = []
    for side, index in sizes:
        png = xdg / "icons" / "hicolor" / f"{side}x{side}" / "apps" / f"{icon.group(1)}.png"
        compared = subprocess.run(
            ["compare", "-metric", "AE", f"{ICON}[{index}]", str(png), "null:"],
            capture_output=True,
            text=True,
        )
        if compared.returncode != 0 or compared.stderr.strip() != "0":
            differing.append(f"{side}px: {png} ({compared.stderr.strip()})")
    check(
        not differing,
        f"the Start menu entry shows Lapang's icon ({len(sizes)} sizes, pixel for pixel)",
        "\n".join(differing),
    )


def check_no_stub(wine: Wine) -> None:
    stray = [
        p
        for p in wine.program_dir.rglob("*")
        if p.is_file()
        and (
            p.name.lower() in {"icuuc.dll", "bcryptprimitives.dll"}
            or (p.suffix.lower() in {".dll", ".pyd", ".exe"} and STUB_MARKER in p.read_bytes())
        )
    ]
    check(not stray, "no Wine build stub was installed", "\n".join(map(str, stray)))


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
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
            raise SmokeFailure("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(predicate, timeout: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SmokeFailure(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def colours(png: pathlib.Path) -> int:
    counted = subprocess.run(
        ["identify", "-format", "%k", str(png)], capture_output=True, text=True, check=True
    )
    return int(counted.stdout)


def start_desk(
    wine: Wine, env: dict[str, str], log: pathlib.Path
) -> tuple[subprocess.Popen, str, float]:
    """Start the installed Lapang.exe; return it, its window and the seconds to that window."""
    watcher = subprocess.Popen(
        [sys.executable, str(XWINDOW), "wait", "--timeout", "120", "--class", WINDOW_CLASS],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert watcher.stdout is not None
    watcher.stdout.readline()  # "ready": polling has begun
    started = time.monotonic()
    with log.open("w") as stderr:
        # Through a pipe (cat), as every Windows program here: see Wine.run.
        desk = subprocess.Popen(
            ["sh", "-c", 'wine "$0" 2>&1 | cat', str(wine.program_dir / "Lapang.exe")],
            env=env,
            stdout=stderr,
            stderr=subprocess.STDOUT,
        )
    while watcher.poll() is None and desk.poll() is None:
        time.sleep(0.05)
    if watcher.poll() is None:
        watcher.kill()
    out, err = watcher.communicate()
    if watcher.returncode != 0:
        raise SmokeFailure(f"no Lapang window: {err}\n{log.read_text(errors='replace')}")
    seconds = time.monotonic() - started
    return desk, out.split()[0], seconds


def close_desk(desk: subprocess.Popen, window: str, env: dict[str, str], wine: Wine) -> int:
    subprocess.run([sys.executable, str(XWINDOW), "close", window], env=env, check=True)
    try:
        status = desk.wait(timeout=60)
    finally:
        if desk.poll() is None:
            desk.kill()
    wine.wait()
    return status


def type_passphrase(text: str, window: str, env: dict[str, str]) -> None:
    """Type as the officer would: the passphrase field has the focus on the unlock screen. Xvfb
    has no window manager, so the window is given the keyboard focus first."""
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=False)
    subprocess.run(["xdotool", "type", "--delay", "30", text], env=env, check=True)
    subprocess.run(["xdotool", "key", "Return"], env=env, check=True)


def check_desk(wine: Wine, shots: pathlib.Path, timings: dict[str, float]) -> None:
    env = dict(os.environ)
    log = shots / "desk.log"
    desk, window, seconds = start_desk(wine, env, log)
    timings["desk_window_s"] = round(seconds, 2)
    try:
        time.sleep(2)  # the officer list arrives from the worker just after the first paint
        unlock = shots / "windows_unlock.png"
        subprocess.run(["import", "-window", "root", str(unlock)], env=env, check=True)

        def title() -> str:
            return subprocess.run(
                ["xdotool", "getwindowname", window], env=env, capture_output=True, text=True
            ).stdout

        check(
            colours(unlock) > 20 and title().strip() != "",
            f"Lapang.exe shows its unlock screen ({seconds:.1f} s to the window)",
        )
        type_passphrase("bukan-kata-sandinya", window, env)
        time.sleep(5)  # opening the vault with the wrong key takes its key derivation's time
        refused = shots / "windows_wrong_passphrase.png"
        subprocess.run(["import", "-window", "root", str(refused)], env=env, check=True)
        check(
            desk.poll() is None and OFFICER not in title(),
            "the desk refuses a wrong passphrase and stays on the unlock screen",
        )
        # The field keeps its (selected) text and the focus: typing replaces it.
        type_passphrase(PASSPHRASE, window, env)
        wait_for(lambda: OFFICER in title(), 90, "the desk (window title with the officer)")
        time.sleep(3)  # let the voter list fill before the picture
        desk_png = shots / "windows_desk.png"
        subprocess.run(["import", "-window", "root", str(desk_png)], env=env, check=True)
        # A drawn desk (text, table, tree) has hundreds of colours; a blank window has one.
        count = colours(desk_png)
        check(count > 50, f"the desk is drawn after unlocking ({count} colours on screen)")
    except BaseException:
        desk.kill()
        raise
    status = close_desk(desk, window, env, wine)
    text = log.read_text(errors="replace")
    check(status == 0 and "Traceback" not in text, "Lapang.exe closes cleanly (exit 0)", text)
    app_log = (wine.data_dir / "logs" / "lapang.log").read_text(encoding="utf-8")
    check("command gui finished with status 0" in app_log, "the desk logged a clean finish")


def smoke(setup: pathlib.Path, previous: pathlib.Path | None, shots: pathlib.Path) -> dict:
    wine = Wine()
    timings: dict[str, float] = {}
    version = re.search(r"lapang-(.+)-windows-x64-setup\.exe$", setup.name)
    if version is None:
        raise SmokeFailure(f"{setup.name} is not named lapang-VERSION-windows-x64-setup.exe")
    work = pathlib.Path(tempfile.mkdtemp(prefix="lapang-windows-smoke-"))
    try:
        # -- the wizard an IT admin sees when double-clicking the setup program -----------------
        check_setup_wizard(wine, setup, version.group(1), shots)

        # -- the older build, as the laptop had it ----------------------------------------------
        first = work / "first"
        first.mkdir()
        shutil.copy2(previous or setup, first)
        what = "first install" + (" (the previous release)" if previous else "")
        timings["install_s"] = round(install(wine, first / (previous or setup).name, what), 1)
        check_no_stub(wine)
        check_start_menu(wine)
        before = wine.admin("--version").stdout.strip()

        refused = wine.admin("init", "--officer", OFFICER, LAPANG_PASSPHRASE=PASSPHRASE)
        check(
            refused.returncode != 0
            and "recovery" in refused.stderr.lower()
            and not (wine.data_dir / "lapang.db").exists(),
            "init without a deployment refuses the development recovery key, makes no vault",
            output(refused),
        )
        init = wine.admin(
            "init", "--officer", OFFICER, "--allow-dev-recovery-key", LAPANG_PASSPHRASE=PASSPHRASE
        )
        check(
            init.returncode == 0 and (wine.data_dir / "lapang.db").is_file(),
            "lapang-admin.exe init makes the vault in %LOCALAPPDATA%\\KPU\\Lapang",
            output(init),
        )
        demo = wine.admin("demo", "--voters", "2000", LAPANG_PASSPHRASE=PASSPHRASE)
        check(
            demo.returncode == 0 and "2,000 voters" in demo.stdout,
            "lapang-admin.exe demo adds 2,000 synthetic voters",
            output(demo),
        )
        wrong = wine.admin("verify", LAPANG_PASSPHRASE="bukan-kata-sandinya")
        check(
            wrong.returncode != 0
            and "Traceback" not in wrong.stderr
            and "Wrong passphrase" in wrong.stderr,
            "a wrong passphrase is refused with a message",
            output(wrong),
        )

        # -- the new build over it, with the deployment's settings beside the setup program ------
        second = work / "second"
        second.mkdir()
        shutil.copy2(setup, second)
        private_key, _public = throwaway_kpu_keys(second)
        private_key = private_key.rename(work / private_key.name)  # never handed out
        (second / "deployment.toml").write_text(
            '# made by build_scripts/windows/smoke.py\nname = "smoke test"\n\n'
            '[keys]\nrecovery_public_key = "kpu_recovery_public.pem"\n',
            encoding="utf-8",
        )
        timings["upgrade_s"] = round(install(wine, second / setup.name, "upgrade"), 1)
        check_no_stub(wine)
        installed_toml = wine.program_dir / "deployment.toml"
        check(
            installed_toml.is_file() and "smoke test" in installed_toml.read_text(),
            "deployment.toml beside the setup program is installed beside Lapang.exe",
        )
        check(
            (wine.program_dir / "kpu_recovery_public.pem").is_file(),
            "the deployment's key file beside the setup program is installed with it",
        )
        shown = wine.admin("--version")
        check(
            shown.returncode == 0 and version.group(1) in shown.stdout,
            f"installed lapang-admin.exe --version says {version.group(1)}",
            output(shown),
        )
        after = shown.stdout.strip()
        if previous:
            check(after != before, f"the upgrade replaced {before!r} with {after!r}")
        else:
            print(
                "windows/smoke: note - no previous release given: the upgrade installed "
                f"the same build ({after!r}) again",
                flush=True,
            )
        check(wine.start_menu_entry().is_file(), "the Start menu shortcut is still there")
        deployment = wine.admin("deployment")
        check(
            deployment.returncode == 0 and "kpu_recovery_public.pem" in deployment.stdout,
            "lapang-admin.exe deployment reads the installed deployment.toml",
            output(deployment),
        )
        verify = wine.admin("verify", LAPANG_PASSPHRASE=PASSPHRASE)
        check(
            verify.returncode == 0,
            "after the upgrade the officer's vault opens and verifies",
            output(verify),
        )
        status = wine.admin("status", LAPANG_PASSPHRASE=PASSPHRASE)
        check(
            status.returncode == 0 and "2,000" in status.stdout,
            "after the upgrade the 2,000 voters are still there",
            output(status),
        )

        # A second vault in a folder with spaces and a non-ASCII name, under the deployment's key.
        other = wine.drive_c / "users" / "Ni Luh Ayu Sékar" / "AppData" / "Local" / "KPU" / "Lapang"
        other_win = "C:\\users\\Ni Luh Ayu Sékar\\AppData\\Local\\KPU\\Lapang"
        made = wine.admin(
            "--data-dir",
            other_win,
            "init",
            "--officer",
            "Made Wirawan",
            LAPANG_PASSPHRASE=PASSPHRASE,
        )
        check(
            made.returncode == 0 and (other / "lapang.db").is_file(),
            "init under the deployment's own recovery key, in a folder with spaces and 'é'",
            output(made),
        )
        # Wine 8 accepts the owner-only access list but does not keep it: the program must say
        # so (on Windows it logs "its access list now lets in this user and SYSTEM only").
        other_log = (other / "logs" / "lapang.log").read_text(encoding="utf-8")
        check(
            "access list cannot be limited to the user (Windows did not keep" in other_log
            and "access list cannot be limited to your account" in made.stderr,
            "the data folder's access list was set, and Wine not keeping it is reported",
            other_log[-2000:] + made.stderr,
        )
        recovered = wine.admin(
            "--data-dir",
            other_win,
            "recover",
            "--officer",
            "Made Wirawan",
            "--private-key",
            win(private_key),
            "--print-key",
        )
        check(
            recovered.returncode == 0 and re.search(r"[0-9a-fA-F]{64}", recovered.stdout),
            "KPU IT's private key of that deployment opens the vault (recover)",
            output(recovered),
        )

        # -- the desk on screen -------------------------------------------------------------------
        check_desk(wine, shots, timings)

        # -- uninstall ---------------------------------------------------------------------------
        uninstaller = wine.program_dir / "unins000.exe"
        result = wine.run(uninstaller, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART")
        wine.wait()
        check(
            not (wine.program_dir / "Lapang.exe").exists()
            and not (wine.program_dir / "_internal").exists(),
            "silent uninstall removes the program",
            output(result),
        )
        check(
            not wine.start_menu_entry().exists(),
            "uninstalling removes the Start menu shortcut",
            str(wine.start_menu_entry()),
        )
        check(
            (wine.data_dir / "lapang.db").is_file() and (other / "lapang.db").is_file(),
            "uninstalling keeps the officers' vaults",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("setup", type=pathlib.Path)
    parser.add_argument("--previous", type=pathlib.Path, help="an older setup to upgrade from")
    parser.add_argument(
        "--screenshots", type=pathlib.Path, default=pathlib.Path("build/windows/smoke")
    )
    parser.add_argument("--timings", type=pathlib.Path, help="write the measured seconds as JSON")
    args = parser.parse_args(argv)
    args.screenshots.mkdir(parents=True, exist_ok=True)
    try:
        # Even a /VERYSILENT setup makes (hidden) windows: everything runs on one Xvfb display.
        with xvfb() as display:
            os.environ["DISPLAY"] = display
            timings = smoke(
                args.setup.resolve(),
                args.previous and args.previous.resolve(),
                args.screenshots,
            )
    except (SmokeFailure, subprocess.SubprocessError, OSError) as exc:
        print(f"windows/smoke: FAILED - {exc}", file=sys.stderr)
        return 1
    if args.timings:
        args.timings.write_text(json.dumps(timings, indent=2) + "\n", encoding="utf-8")
    print(f"windows/smoke: passed; screenshots in {args.screenshots}; {timings}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
