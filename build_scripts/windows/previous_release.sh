# Sourced by build_scripts/windows/build.sh (after it has the Wine prefix and Inno Setup): the setup
# program of the previous release, for the smoke test's upgrade, built once per machine.
#
# build_scripts/windows/previous-release names the release's commit. Its tree comes out of this
# clone's history (git archive), is built with its own lapang.spec and lapang.iss by the same
# Windows Python and Inno Setup as the new build, and is kept in the cache under the commit and the
# prefix's stamp. Only the compression is lighter: the old setup program is installed once here,
# never handed out. A clone without that commit (a shallow one) gets no previous release and the
# smoke test says that it upgraded over the same build.

# previous_release_setup STAMP: print the previous release's setup program, building it if needed;
# print nothing (and say why on stderr) when this clone lacks the commit.
previous_release_setup() {
  local stamp=$1 commit out tree existing
  commit=$(grep -v '^#' "$HERE/previous-release" | grep -m1 -E '^[0-9a-f]{40}$') \
    || fail "$HERE/previous-release names no commit (40 hex digits)"
  if ! git cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "windows/build.sh: the previous release $commit is not in this clone" \
      "(a shallow clone?): the smoke test upgrades over the same build" >&2
    return 0
  fi
  out=$LAPANG_WINDOWS_CACHE/previous-release/${commit:0:12}-${stamp:0:12}
  existing=$(find "$out" -maxdepth 1 -name 'lapang-*-windows-x64-setup.exe' 2>/dev/null | head -1)
  if [ -n "$existing" ]; then
    echo "$existing"
    return 0
  fi
  # Another commit or another prefix: those builds are of no further use.
  rm -rf "$LAPANG_WINDOWS_CACHE/previous-release" "$LAPANG_WINDOWS_CACHE/previous-setup"
  tree=$(mktemp -d)
  git archive "$commit" | tar -x -C "$tree"
  sed -i -e 's|^Compression=.*|Compression=lzma2/fast|' -e 's|^SolidCompression=.*|SolidCompression=no|' \
    "$tree/build_scripts/lapang.iss"
  LAPANG_BUILD_COMMIT=${commit:0:12} wine_run "$WIN_PYTHON_DIR/python.exe" -m PyInstaller \
    --noconfirm --clean --log-level WARN --distpath "$(winpath "$tree/dist")" \
    --workpath "$(winpath "$tree/build")" "$(winpath "$tree/build_scripts/lapang.spec")" >&2
  mkdir -p "$out.partial"
  wine_run "$ISCC_DIR/bin/ISCC.exe" /Q "/DDistDir=$(winpath "$tree/dist/lapang")" \
    "/O$(winpath "$out.partial")" "$(winpath "$tree/build_scripts/lapang.iss")" >&2
  rm -rf "$tree"
  existing=$(find "$out.partial" -maxdepth 1 -name 'lapang-*-windows-x64-setup.exe' | head -1)
  [ -n "$existing" ] || fail "the previous release ($commit) did not build a setup program"
  mv "$out.partial" "$out"
  echo "$out/$(basename "$existing")"
}
