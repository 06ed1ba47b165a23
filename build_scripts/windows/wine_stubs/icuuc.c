/* Build-machine stub of icuuc.dll for Wine 8, which lacks it (Windows 10 1703+ ships it).
 *
 * Qt6Core.dll imports these converter functions; it calls ucnv_open first and, when that fails,
 * uses its own codecs. So ucnv_open always fails and nothing else is ever reached. Compiled by
 * build_scripts/windows/build.sh into the Wine prefix's system32 ONLY: the build checks that no
 * file carrying the marker below ever reaches dist/ or the setup program. */
#include <stddef.h>

__declspec(dllexport) const char lapang_wine_stub_marker[] = "LAPANG-WINE-BUILD-STUB";

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

__declspec(dllexport) void *ucnv_open(const char *name, UErrorCode *err) {
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
__declspec(dllexport) void ucnv_close(void *c) { (void)c; }
__declspec(dllexport) void ucnv_reset(void *c) { (void)c; }
__declspec(dllexport) signed char ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
__declspec(dllexport) const char *ucnv_getName(const void *c, UErrorCode *err) {
    (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return NULL;
}
__declspec(dllexport) void ucnv_getToUCallBack(const void *c, void **a, const void **b) {
    (void)c; if (a) *a = NULL; if (b) *b = NULL;
}
__declspec(dllexport) void ucnv_getFromUCallBack(const void *c, void **a, const void **b) {
    (void)c; if (a) *a = NULL; if (b) *b = NULL;
}
__declspec(dllexport) void ucnv_setToUCallBack(void *c, void *n, const void *x, void **o,
                                               const void **ox, UErrorCode *err) {
    (void)c; (void)n; (void)x; (void)o; (void)ox; if (err) *err = U_FILE_ACCESS_ERROR;
}
__declspec(dllexport) void ucnv_setFromUCallBack(void *c, void *n, const void *x, void **o,
                                                 const void **ox, UErrorCode *err) {
    (void)c; (void)n; (void)x; (void)o; (void)ox; if (err) *err = U_FILE_ACCESS_ERROR;
}
__declspec(dllexport) void ucnv_cbToUWriteUChars(void *a, const void *s, int l, int o, UErrorCode *err) {
    (void)a; (void)s; (void)l; (void)o; if (err) *err = U_FILE_ACCESS_ERROR;
}
__declspec(dllexport) void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *l, int o,
                                                   UErrorCode *err) {
    (void)a; (void)s; (void)l; (void)o; if (err) *err = U_FILE_ACCESS_ERROR;
}
__declspec(dllexport) int ucnv_toUCountPending(const void *c, UErrorCode *err) {
    (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return 0;
}
__declspec(dllexport) int ucnv_fromUCountPending(const void *c, UErrorCode *err) {
    (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return 0;
}
__declspec(dllexport) void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s,
                                          const char *sl, int *o, signed char f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f;
    if (err) *err = U_FILE_ACCESS_ERROR;
}
__declspec(dllexport) void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s,
                                            const void *sl, int *o, signed char f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f;
    if (err) *err = U_FILE_ACCESS_ERROR;
}
__declspec(dllexport) const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err) {
    (void)n; (void)s; if (err) *err = U_FILE_ACCESS_ERROR; return NULL;
}
__declspec(dllexport) const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
__declspec(dllexport) int ucnv_countAvailable(void) { return 0; }
__declspec(dllexport) void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void *a, void *b, const void *c, int d,
                                                           int e, int f, UErrorCode *err) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)err;
}
__declspec(dllexport) void UCNV_TO_U_CALLBACK_SUBSTITUTE(void *a, void *b, const char *c, int d,
                                                         int e, UErrorCode *err) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)err;
}
