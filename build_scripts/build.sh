#!/usr/bin/env bash
# Build Lapang for the machine this runs on, into dist/:
#   dist/lapang/                                 the one-folder app (run dist/lapang/lapang)
#   dist/lapang-VERSION-linux-ARCH.tar.gz        Linux: the folder as a tarball
#   dist/lapang_VERSION+gCOMMIT_ARCH.deb         Linux: the Debian/Ubuntu package
# Windows uses the same spec from a Windows shell (docs/installers.md), then build_scripts/lapang.iss.
#
#   bash build_scripts/build.sh              # app + Linux packages
#   bash build_scripts/build.sh --app-only   # just dist/lapang/
#
# The build venv (build/venv) holds the app's runtime dependencies only — read from
# pyproject.toml, never the server or test extras — so nothing else can slip into the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

PYINSTALLER_VERSION=6.22.3
PYINSTALLER_HOOKS_VERSION=2026.9
PYTHON=${PYTHON:-python3}
VENV=build/venv

packages=1
case "${1:-}" in
  "") ;;
  --app-only) packages=0 ;;
  *) echo "usage: bash build_scripts/build.sh [--app-only]" >&2; exit 2 ;;
esac

if ! "$PYTHON" -c 'import sys; raise SystemExit(sys.version_info[:2] != (3, 11))'; then
  echo "build.sh: $PYTHON is not Python 3.11, the version pyproject.toml allows; set PYTHON=..." >&2
  exit 1
fi

started=$(date +%s)
mkdir -p build dist
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$PYTHON" - > build/requirements.txt <<'EOF'
import tomllib
with open("pyproject.toml", "rb") as f:
    project = tomllib.load(f)["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["desktop"]))
EOF
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r build/requirements.txt \
  "pyinstaller==$PYINSTALLER_VERSION" "pyinstaller-hooks-contrib==$PYINSTALLER_HOOKS_VERSION"

rm -rf dist/lapang
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller build_scripts/lapang.spec

# The frozen program must at least start: a broken exclusion fails here, not on a laptop.
dist/lapang/lapang --version

if [ "$packages" = 1 ] && [ "$(uname -s)" = Linux ]; then
  bash build_scripts/package_linux.sh
fi
echo "build.sh: done in $(( $(date +%s) - started )) s"
ls -l dist | grep -v '^total'
