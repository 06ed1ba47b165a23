#!/usr/bin/env bash
# Install what the tests need into .venv and run the whole suite (the README's second command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
# Qt on a machine without a screen: the offscreen platform needs these system libraries.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && ! ldconfig -p | grep -q libxkbcommon.so.0; then
  apt-get update -qq && apt-get install -y -qq libxkbcommon0 libegl1 libfontconfig1 libglib2.0-0 >/dev/null
fi
# The printed-form tests (tests/reports/test_printed_forms.py) render each PDF with poppler.
if ! command -v pdftoppm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
fi
# The sync server's tests run on SQLite and on a throwaway PostgreSQL cluster.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  fi
fi
# The window-placement tests (tests/ui/test_window_placement.py) open every window of the desk
# on a real X server with a window manager, through the venv's Qt xcb plugin.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  x_missing=()
  command -v Xvfb >/dev/null || x_missing+=(xvfb)
  command -v openbox >/dev/null || x_missing+=(openbox)
  command -v xprop >/dev/null || x_missing+=(x11-utils)
  for pair in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
      libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-image.so.0:libxcb-image0 \
      libxcb-render-util.so.0:libxcb-render-util0 libxcb-randr.so.0:libxcb-randr0 \
      libxcb-shape.so.0:libxcb-shape0 libxcb-xkb.so.1:libxcb-xkb1 \
      libxkbcommon-x11.so.0:libxkbcommon-x11-0 libX11-xcb.so.1:libx11-xcb1 libGL.so.1:libgl1; do
    ldconfig -p | grep -q "${pair%%:*}" || x_missing+=("${pair##*:}")
  done
  if [ ${#x_missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${x_missing[@]}" >/dev/null
  fi
fi
# Build the desktop program with PyInstaller and smoke-test the build under Xvfb (about a minute;
# smoke.sh installs Xvfb and friends). The suite below runs the same smoke test again with the
# rest, so a missing build can never pass as a skip.
bash build_scripts/build.sh --app-only
PYTHON=.venv/bin/python bash build_scripts/smoke.sh
# The Windows installer KPU hands out, built under Wine and smoke-tested (installed, run, upgraded,
# uninstalled) with build_scripts/windows/build.sh: about 5 minutes with a cached Wine prefix,
# 10 from nothing (docs/installers.md, "Windows"). It needs root on Debian/Ubuntu to install
# Wine; CI (.ci/run) sets LAPANG_WINDOWS_BUILD=1, so there it can never be skipped.
if [ "${LAPANG_WINDOWS_BUILD:-}" = 1 ] || { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }; then
  HOST_PYTHON=.venv/bin/python bash build_scripts/windows/build.sh
else
  echo "scripts/test.sh: NOT built: the Windows installer (needs root on Debian/Ubuntu)" >&2
fi
export LAPANG_SMOKE_REQUIRED=1
export QT_QPA_PLATFORM=offscreen
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
# The desk's Qt tests (tests/ui) run in a process of their own. In one process with the rest,
# threads left running by the sync tests (watchers, proxies) and thousands of Qt objects crashed
# the interpreter twice in CI (a segmentation fault in a Qt constructor, once with the cyclic
# collector running on the database worker): a crash is still a failure here, never a skip.
status=0
.venv/bin/python -m pytest --ignore=tests/ui || status=$?
.venv/bin/python -m pytest tests/ui || status=$?
exit "$status"
