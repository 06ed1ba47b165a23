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
# The sync server's tests run on SQLite and on a throwaway PostgreSQL cluster.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  fi
fi
# Build the desktop program with PyInstaller and smoke-test the build under Xvfb (about a minute;
# smoke.sh installs Xvfb and friends). The suite below runs the same smoke test again with the
# rest, so a missing build can never pass as a skip.
bash build_scripts/build.sh --app-only
PYTHON=.venv/bin/python bash build_scripts/smoke.sh
export LAPANG_SMOKE_REQUIRED=1
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
