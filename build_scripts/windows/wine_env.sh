# Sourced by build_scripts/windows/build.sh and smoke.sh: where the Wine prefix and the cached
# downloads live, and how every Windows program is run.
#
# The cache (default /var/cache/lapang-windows, or LAPANG_WINDOWS_CACHE) holds the pinned
# downloads and the Wine prefix with the Windows Python. Every run checks the downloads' SHA-256
# again and rebuilds the prefix when its inputs changed, so a cache can save time but never
# decides what is built: delete it and the next run makes it anew.

LAPANG_WINDOWS_CACHE=${LAPANG_WINDOWS_CACHE:-/var/cache/lapang-windows}
export WINEPREFIX=$LAPANG_WINDOWS_CACHE/prefix
export WINEARCH=win64
export WINEDEBUG=${WINEDEBUG:--all}
# No Mono or Gecko prompts; the build-only stubs (wine_stubs/) win over Wine's own DLLs.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b;icuuc=n"
# The host's pip settings (index, cache, user installs) must not leak into the Windows pip.
for _var in $(env | grep -o '^PIP_[A-Za-z0-9_]*' || true); do unset "$_var"; done
unset _var
WIN_PYTHON_DIR=$WINEPREFIX/drive_c/lapang-build/python311
WIN_TEST_LIBS=$WINEPREFIX/drive_c/lapang-build/testlibs

# One build or smoke test at a time per cache: two runs (two worktrees, two CI jobs) would
# otherwise remake a prefix under each other's feet. A child script inherits the lock.
lock_windows_cache() {
  [ "${LAPANG_WINDOWS_CACHE_LOCKED:-}" = "$LAPANG_WINDOWS_CACHE" ] && return 0
  mkdir -p "$LAPANG_WINDOWS_CACHE"
  exec 9>"$LAPANG_WINDOWS_CACHE/.lock"
  if ! flock -n 9; then
    echo "windows: another build is using $LAPANG_WINDOWS_CACHE; waiting for it" >&2
    flock 9
  fi
  export LAPANG_WINDOWS_CACHE_LOCKED=$LAPANG_WINDOWS_CACHE
}

# Run a Windows program. Wine 8 gives a program whose stdout is a plain file an unusable handle
# ("Fatal Python error: init_sys_streams ... [WinError 6]"), so output always goes through a pipe.
# With pipefail (set by the callers) the program's exit status is kept.
wine_run() {
  wine "$@" 2>&1 | cat
}

# A Unix path as Wine's Z: drive sees it.
winpath() {
  local abs
  abs=$(realpath -m "$1")
  printf 'Z:%s' "${abs//\//\\}"
}

# Compile the build-machine stubs (wine_stubs/*.c say why Wine needs them) into the current
# prefix's system32: never beside the program, and build.sh checks they never reach it.
install_wine_stubs() {
  local here stub_dir
  here=$(dirname "${BASH_SOURCE[0]}")
  stub_dir=$(mktemp -d)
  x86_64-w64-mingw32-gcc -shared -O2 -o "$stub_dir/icuuc.dll" "$here/wine_stubs/icuuc.c"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$stub_dir/bcryptprimitives.dll" \
    "$here/wine_stubs/bcryptprimitives.c" -lbcrypt
  cp "$stub_dir"/*.dll "$WINEPREFIX/drive_c/windows/system32/"
  rm -rf "$stub_dir"
}

# A fresh prefix that says it is Windows 10 (lapang.iss has MinVersion=10.0).
make_wine_prefix() {
  wineserver -k 2>/dev/null || true
  rm -rf "$WINEPREFIX"
  wine_run wineboot --init >/dev/null
  wine_run winecfg -v win10 >/dev/null
  wineserver -w
  install_wine_stubs
}
