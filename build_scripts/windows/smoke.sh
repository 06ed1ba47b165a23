#!/usr/bin/env bash
# Smoke-test a Windows setup program under Wine + Xvfb, in a Wine prefix made fresh for it (a
# laptop that never had Lapang). build_scripts/windows/build.sh runs it after building:
#
#   bash build_scripts/windows/smoke.sh dist/lapang-VERSION-windows-x64-setup.exe
#
# build_scripts/windows/smoke.py holds the checks: install, lapang-admin.exe init/demo/verify, a
# wrong passphrase, the upgrade with deployment.toml beside the setup, the desk unlocked on
# screen, uninstall. The upgrade starts from the setup program of the last run that passed on
# this machine when there is one (kept in the cache), else from this same build installed twice.
# Screenshots: build/windows/smoke/windows_*.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=build_scripts/windows
# shellcheck source=build_scripts/windows/wine_env.sh
source "$HERE/wine_env.sh"
lock_windows_cache

[ $# = 1 ] && [ -f "$1" ] || { echo "usage: bash $HERE/smoke.sh SETUP.exe" >&2; exit 2; }
setup=$1
for tool in wine Xvfb xdotool import identify openssl x86_64-w64-mingw32-gcc; do
  command -v "$tool" >/dev/null \
    || { echo "windows/smoke.sh: $tool is missing: run build_scripts/windows/build.sh" >&2; exit 1; }
done

started=$(date +%s)
export WINEPREFIX=$LAPANG_WINDOWS_CACHE/smoke-prefix
make_wine_prefix
echo "windows/smoke.sh: [$(( $(date +%s) - started )) s] fresh Wine prefix (Windows 10)"

previous_dir=$LAPANG_WINDOWS_CACHE/previous-setup
previous=()
for older in "$previous_dir"/lapang-*-windows-x64-setup.exe; do
  [ -f "$older" ] && ! cmp -s "$older" "$setup" && previous=(--previous "$older")
done
mkdir -p build/windows/smoke
python3 "$HERE/smoke.py" "$setup" "${previous[@]}" --screenshots build/windows/smoke \
  --timings build/windows/smoke/timings.json

# This build passed: the next run upgrades from it.
rm -rf "$previous_dir" && mkdir -p "$previous_dir" && cp "$setup" "$previous_dir/"
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
echo "windows/smoke.sh: passed in $(( $(date +%s) - started )) s"
