/* Build-machine stub of bcryptprimitives.dll for Wine 8, which lacks ProcessPrng (Windows 10+
 * has it; Rust's standard library, inside cryptography's _rust.pyd, imports it for randomness).
 *
 * It forwards to bcrypt's system RNG, so keys made under Wine are still random. Compiled by
 * build_scripts/windows/build.sh into the Wine prefix's system32 ONLY: the build checks that no
 * file carrying the marker below ever reaches dist/ or the setup program. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) const char lapang_wine_stub_marker[] = "LAPANG-WINE-BUILD-STUB";

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
