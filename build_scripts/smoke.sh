#!/usr/bin/env bash
# Smoke-test the BUILT Lapang under Xvfb: admin commands from the bundle (init, demo with 2,000
# voters), then the desk on the xcb plugin: unlock screen, passphrase typed, demo voters shown,
# screenshots in build/smoke/, closed by its close button, exit status 0.
#
#   bash build_scripts/smoke.sh                                          # dist/lapang/lapang
#   bash build_scripts/smoke.sh dist/lapang-0.1.0-linux-x86_64.tar.gz    # the tarball as shipped
#
# Needs the test venv (bash scripts/test.sh makes .venv; or set PYTHON=...). As root it installs
# Xvfb, xdotool and ImageMagick with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
if ! "$PYTHON" -c 'import pytest, desktop_app' 2>/dev/null; then
  echo "smoke.sh: $PYTHON lacks pytest or the app; run 'bash scripts/test.sh' once or set PYTHON" >&2
  exit 1
fi

# The bundle carries Qt's xcb helper libraries; the laptop (here: this machine) provides X, GL,
# fontconfig and D-Bus, as the .deb's Depends line says.
missing=()
command -v Xvfb >/dev/null || missing+=(xvfb)
command -v xdotool >/dev/null || missing+=(xdotool)
command -v import >/dev/null || missing+=(imagemagick)
for lib in libGL.so.1 libEGL.so.1 libfontconfig.so.1 libdbus-1.so.3 libX11-xcb.so.1; do
  ldconfig -p | grep -q "$lib" || missing+=(libgl1 libegl1 libfontconfig1 libdbus-1-3 libx11-xcb1)
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "smoke.sh: install these first: ${missing[*]}" >&2
    exit 1
  fi
fi

app=dist/lapang/lapang
if [ $# -gt 0 ]; then
  case "$1" in
    *.tar.gz)
      unpacked=$(mktemp -d)
      trap 'rm -rf "$unpacked"' EXIT
      tar -C "$unpacked" -xzf "$1"
      app=$unpacked/lapang/lapang ;;
    *) app=$1 ;;
  esac
fi

LAPANG_FROZEN_APP=$app LAPANG_SMOKE_REQUIRED=1 \
  "$PYTHON" -m pytest -q -p no:cacheprovider tests/installers/test_frozen_smoke.py
echo "smoke.sh: screenshots in build/smoke/"
