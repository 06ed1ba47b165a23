#!/usr/bin/env bash
# Package dist/lapang/ (made by build.sh) as the tarball and the .deb KPU hands out.
# Why a .deb and not an AppImage: docs/installers.md.
set -euo pipefail
cd "$(dirname "$0")/.."

app=dist/lapang
info=$app/_internal/resources/build_info.json
[ -f "$info" ] || { echo "package_linux.sh: no $info; run build_scripts/build.sh first" >&2; exit 1; }
version=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$info")
commit=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["commit"])' "$info")
machine=$(uname -m)
# Every file gets the same time, so two builds of one commit give the same archive listing.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

# -- tarball: unpack anywhere, run ./lapang/lapang --------------------------------------------
tarball=dist/lapang-$version-linux-$machine.tar.gz
rm -f dist/lapang-*-linux-*.tar.gz
tar -C dist --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -cf - lapang | gzip -n > "$tarball"  # -9 would save 0.5 % for 4x the time

# -- .deb: /opt/lapang, /usr/bin/lapang, a menu entry, /etc/lapang/deployment.toml -------------
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
# Debian versions allow no '-' outside the revision: 0.1.0+g1a2b3c4d5e6f(.dirty)
deb_version="$version+g${commit//-/.}"
stage=build/deb/lapang
rm -rf build/deb && mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" \
  "$stage/usr/share/applications" "$stage/etc/lapang"
cp -a "$app" "$stage/opt/lapang"
ln -s /opt/lapang/lapang "$stage/usr/bin/lapang"
# A conffile: dpkg keeps KPU IT's edits across upgrades and asks before replacing them.
cp build_scripts/deployment.example.toml "$stage/etc/lapang/deployment.toml"
echo /etc/lapang/deployment.toml > "$stage/DEBIAN/conffiles"
cat > "$stage/usr/share/applications/lapang.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=Lapang
GenericName=Meja lapangan KPU
Comment=Pemutakhiran data pemilih dan rekrutmen badan ad hoc, luring
Exec=/opt/lapang/lapang
Terminal=false
Categories=Office;
StartupWMClass=Lapang
EOF

# The newest glibc symbol version any bundled binary needs is the oldest libc6 it runs on.
glibc=$(find "$app" -type f \( -name '*.so*' -o -name lapang \) -exec objdump -T {} + 2>/dev/null \
  | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sed 's/GLIBC_//' | sort -uV | tail -1)
# libstdc++ comes from the laptop (see lapang.spec): the newest GLIBCXX symbol needed names the
# GCC release whose libstdc++6 is enough (3.4.29: GCC 11, Ubuntu 22.04 has 12).
glibcxx=$(find "$app" -type f -name '*.so*' -exec objdump -T {} + 2>/dev/null \
  | grep -oE 'GLIBCXX_3\.4\.[0-9]+' | sed 's/GLIBCXX_3\.4\.//' | sort -un | tail -1)
case "$glibcxx" in
  2[0-8]) libstdcxx="libstdc++6 (>= 10)" ;;
  29) libstdcxx="libstdc++6 (>= 11)" ;;
  30) libstdcxx="libstdc++6 (>= 12)" ;;
  *) libstdcxx="libstdc++6 (>= 13)" ;;
esac
installed_kb=$(du -sk "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: lapang
Version: $deb_version
Architecture: $arch
Maintainer: KPU Lapang <lapang@kpu.invalid>
Installed-Size: $installed_kb
Section: misc
Priority: optional
Depends: libc6 (>= $glibc), $libstdcxx, libgcc-s1, libgl1, libegl1, libx11-6, libx11-xcb1, libxcb1, libfontconfig1, libfreetype6, libdbus-1-3
Description: Lapang: offline field desk for KPU voter-list updating
 Offline-first desk for KPU field officers: coklit and PDPB voter-list updating and ad hoc body
 recruitment, kept in an encrypted local store and synced to KPU when a signal appears.
 Build $version, commit $commit. Deployment settings: /etc/lapang/deployment.toml.
EOF
deb=dist/lapang_${deb_version}_$arch.deb
rm -f dist/lapang_*.deb
# xz: 45 MB where gzip gives 62 MB and zstd -19 51 MB; it is most of the build time (1-2 min).
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "package_linux.sh: $tarball ($(du -h "$tarball" | cut -f1)), $deb ($(du -h "$deb" | cut -f1))"
