#!/usr/bin/env bash
# Smoke-test a Windows setup program under Wine + Xvfb, in a Wine prefix made fresh for it (a
# laptop that never had Lapang). build_scripts/windows/build.sh runs it after building:
#
#   bash build_scripts/windows/smoke.sh dist/lapang-VERSION-windows-x64-setup.exe \
#       [--previous OLDER-SETUP.exe]
#
# build_scripts/windows/smoke.py holds the checks: the setup wizard in Indonesian and English,
# install, the Start menu entry and its icon, lapang-admin.exe init/demo/verify, a wrong
# passphrase, the upgrade with deployment.toml beside the setup, the desk unlocked on screen,
# uninstall. The upgrade starts from --previous (build.sh passes the previous release, see
# previous_release.sh), else from this same build installed twice.
# Screenshots: build/windows/smoke/windows_*.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=build_scripts/windows
# shellcheck source=build_scripts/windows/wine_env.sh
source "$HERE/wine_env.sh"
lock_windows_cache

usage() { echo "usage: bash $HERE/smoke.sh SETUP.exe [--previous OLDER-SETUP.exe]" >&2; exit 2; }
[ $# -ge 1 ] && [ -f "$1" ] || usage
setup=$1
shift
previous=()
case "$#:${1:-}" in
  0:) ;;
  2:--previous) [ -f "$2" ] || usage; previous=(--previous "$2") ;;
  *) usage ;;
esac
for tool in wine Xvfb xdotool import identify openssl x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null \
    || { echo "windows/smoke.sh: $tool is missing: run build_scripts/windows/build.sh" >&2; exit 1; }
done

started=$(date +%s)
export WINEPREFIX=$LAPANG_WINDOWS_CACHE/smoke-prefix

# Wine's menu builder turns the Start menu entry into a desktop entry and icons under
# XDG_DATA_HOME: here, not in this machine's home (smoke.py checks the icon there).
export XDG_DATA_HOME=$LAPANG_WINDOWS_CACHE/smoke-xdg/data XDG_CONFIG_HOME=$LAPANG_WINDOWS_CACHE/smoke-xdg/config
rm -rf "$LAPANG_WINDOWS_CACHE/smoke-xdg" && mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
make_wine_prefix
echo "windows/smoke.sh: [$(( $(date +%s) - started )) s] fresh Wine prefix (Windows 10)"

mkdir -p build/windows/smoke
python3 "$HERE/smoke.py" "$setup" "${previous[@]}" --screenshots build/windows/smoke \
  --timings build/windows/smoke/timings.json

wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX" "$LAPANG_WINDOWS_CACHE/smoke-xdg"
echo "windows/smoke.sh: passed in $(( $(date +%s) - started )) s"
