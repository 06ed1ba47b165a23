#!/usr/bin/env bash
# Authenticode-sign Windows programs with osslsigncode, then verify each signature.
#
#   LAPANG_SIGN_PKCS12=kpu-codesign.p12 LAPANG_SIGN_PASSWORD=... \
#     bash build_scripts/windows/sign.sh FILE.exe...            # KPU's certificate
#   bash build_scripts/windows/sign.sh --self-test FILE.exe     # a throwaway certificate, on a copy
#
# build_scripts/windows/build.sh calls it: with LAPANG_SIGN_PKCS12 set it signs Lapang.exe and
# lapang-admin.exe before Inno Setup packs them, and then the setup program; without it, it runs
# --self-test on a copy of the setup program, so the signing path is exercised in every build.
# LAPANG_SIGN_TIMESTAMP_URL (optional): an RFC 3161 time-stamping server, so signatures stay
# valid after the certificate expires; it needs the network, which the CI machine has not.
set -euo pipefail

fail() {
  echo "windows/sign.sh: $*" >&2
  exit 1
}

sign_and_verify() {  # pkcs12 password cafile file
  local pkcs12=$1 password=$2 cafile=$3 file=$4 signed report
  signed="$file.signed-$$"  # osslsigncode refuses to write over an existing file
  rm -f "$signed"
  local stamp=()
  [ -n "${LAPANG_SIGN_TIMESTAMP_URL:-}" ] && stamp=(-ts "$LAPANG_SIGN_TIMESTAMP_URL")
  osslsigncode sign -pkcs12 "$pkcs12" -pass "$password" -h sha256 -n "Lapang" \
    -i "https://www.kpu.go.id" "${stamp[@]}" -in "$file" -out "$signed" >/dev/null \
    || { rm -f "$signed"; fail "could not sign $file"; }
  mv "$signed" "$file"
  local verify=(osslsigncode verify -in "$file")
  [ -n "$cafile" ] && verify+=(-CAfile "$cafile")
  # Offline, a certificate from a public CA cannot have its revocation lists fetched: then the
  # signer and the digest are what can be checked here.
  report=$("${verify[@]}" 2>&1 || true)
  current=$(grep -m1 'Current message digest' <<<"$report" | awk '{print $NF}')
  calculated=$(grep -m1 'Calculated message digest' <<<"$report" | awk '{print $NF}')
  [ -n "$current" ] && [ "$current" = "$calculated" ] || fail "$file: the signed digest does not match"
  if [ -n "$cafile" ]; then
    grep -q '^Signature verification: ok' <<<"$report" || fail "$file: signature does not verify:
$report"
  fi
  echo "windows/sign.sh: signed and verified $(basename "$file")"
}

if [ "${1:-}" = --self-test ]; then
  shift
  [ $# = 1 ] && [ -f "$1" ] || fail "usage: sign.sh --self-test FILE.exe"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # A throwaway code-signing certificate, made for this run and gone after it.
  openssl req -x509 -newkey rsa:3072 -nodes -days 1 -keyout "$work/key.pem" -out "$work/cert.pem" \
    -subj "/O=Lapang signing self-test/CN=throwaway" -addext extendedKeyUsage=codeSigning \
    2>/dev/null
  openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -out "$work/cert.p12" \
    -passout pass:uji-sekali-pakai
  cp "$1" "$work/copy.exe"
  sign_and_verify "$work/cert.p12" uji-sekali-pakai "$work/cert.pem" "$work/copy.exe"
  # Changing one byte after signing must break the signature.
  printf 'X' | dd of="$work/copy.exe" bs=1 seek=4096 conv=notrunc 2>/dev/null
  tampered=$(osslsigncode verify -in "$work/copy.exe" -CAfile "$work/cert.pem" 2>&1 || true)
  if grep -q MISMATCH <<<"$tampered"; then
    echo "windows/sign.sh: self-test passed: a changed byte breaks the signature"
  else
    fail "self-test: a changed byte went unnoticed"
  fi
  exit 0
fi

[ -n "${LAPANG_SIGN_PKCS12:-}" ] || fail "set LAPANG_SIGN_PKCS12 (and LAPANG_SIGN_PASSWORD)"
[ -f "$LAPANG_SIGN_PKCS12" ] || fail "$LAPANG_SIGN_PKCS12 does not exist"
for file in "$@"; do
  sign_and_verify "$LAPANG_SIGN_PKCS12" "${LAPANG_SIGN_PASSWORD:-}" "${LAPANG_SIGN_CAFILE:-}" "$file"
done
