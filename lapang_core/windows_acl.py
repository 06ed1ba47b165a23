"""The Windows half of keeping the data folder to its user: an access control list, because the
mode bits ``os.chmod`` sets mean nothing there.

The folder gets a *protected* DACL (nothing inherited from its parent, so no "Users: read" or
"Administrators: full control" from a folder above) with two entries that its files and
subfolders inherit: the officer's own account, and SYSTEM (which Windows itself, backups and the
virus scanner run as, and which can read every file anyway). Windows applies the new inheritable
entries to what the folder already holds, so vaults made by older versions are covered too.

Through the Windows API (advapi32, via ctypes): no ``icacls`` process, no parsing of its
translated output. Only imported on Windows (``file_modes`` decides).
"""

from __future__ import annotations

import ctypes
import pathlib
import re
from ctypes import wintypes

SE_FILE_OBJECT = 1
DACL_SECURITY_INFORMATION = 0x00000004
PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
SDDL_REVISION_1 = 1
TOKEN_QUERY = 0x0008
TOKEN_USER_CLASS = 1
ERROR_SUCCESS = 0
SYSTEM = "SY"


class AclError(OSError):
    """The folder's access control list could not be read or set."""


def _advapi32() -> ctypes.WinDLL:  # type: ignore[name-defined]
    lib = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    lib.OpenProcessToken.argtypes = [
        wintypes.HANDLE,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.HANDLE),
    ]
    lib.GetTokenInformation.argtypes = [
        wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
    ]  # fmt: skip
    lib.ConvertSidToStringSidW.argtypes = [ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)]
    lib.ConvertStringSecurityDescriptorToSecurityDescriptorW.argtypes = [
        wintypes.LPCWSTR, wintypes.DWORD, ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(wintypes.ULONG),
    ]  # fmt: skip
    lib.GetSecurityDescriptorDacl.argtypes = [
        ctypes.c_void_p, ctypes.POINTER(wintypes.BOOL), ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(wintypes.BOOL),
    ]  # fmt: skip
    lib.SetNamedSecurityInfoW.argtypes = [
        wintypes.LPWSTR, ctypes.c_int, wintypes.DWORD, ctypes.c_void_p, ctypes.c_void_p,
        ctypes.c_void_p, ctypes.c_void_p,
    ]  # fmt: skip
    lib.SetNamedSecurityInfoW.restype = wintypes.DWORD
    lib.GetNamedSecurityInfoW.argtypes = [
        wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD, ctypes.c_void_p, ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p),
    ]  # fmt: skip
    lib.GetNamedSecurityInfoW.restype = wintypes.DWORD
    lib.ConvertSecurityDescriptorToStringSecurityDescriptorW.argtypes = [
        ctypes.c_void_p, wintypes.DWORD, wintypes.DWORD, ctypes.POINTER(wintypes.LPWSTR),
        ctypes.POINTER(wintypes.ULONG),
    ]  # fmt: skip
    return lib


def _kernel32() -> ctypes.WinDLL:  # type: ignore[name-defined]
    lib = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    lib.GetCurrentProcess.restype = wintypes.HANDLE
    lib.CloseHandle.argtypes = [wintypes.HANDLE]
    lib.LocalFree.argtypes = [ctypes.c_void_p]
    lib.LocalFree.restype = ctypes.c_void_p
    return lib


def _failed(what: str, code: int | None = None) -> AclError:
    code = ctypes.get_last_error() if code is None else code  # type: ignore[attr-defined]
    return AclError(code, f"{what} failed: {ctypes.FormatError(code).strip()}")  # type: ignore[attr-defined]


def current_user_sid() -> str:
    """The running account's SID, e.g. ``S-1-5-21-...-1001``."""
    advapi, kernel = _advapi32(), _kernel32()
    token = wintypes.HANDLE()
    if not advapi.OpenProcessToken(kernel.GetCurrentProcess(), TOKEN_QUERY, ctypes.byref(token)):
        raise _failed("OpenProcessToken")
    try:
        size = wintypes.DWORD()
        advapi.GetTokenInformation(token, TOKEN_USER_CLASS, None, 0, ctypes.byref(size))
        buffer = ctypes.create_string_buffer(size.value)
        if not advapi.GetTokenInformation(
            token, TOKEN_USER_CLASS, buffer, size, ctypes.byref(size)
        ):
            raise _failed("GetTokenInformation")
        # TOKEN_USER starts with SID_AND_ATTRIBUTES, whose first field is the SID pointer.
        sid = ctypes.c_void_p.from_buffer(buffer).value
        text = wintypes.LPWSTR()
        if not advapi.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            raise _failed("ConvertSidToStringSidW")
        try:
            return str(text.value)
        finally:
            kernel.LocalFree(text)
    finally:
        kernel.CloseHandle(token)


def owner_only_sddl(user_sid: str) -> str:
    """The DACL we set, in SDDL: protected; full control for the user and SYSTEM, inherited by
    files (OI) and subfolders (CI)."""
    return f"D:P(A;OICI;FA;;;{user_sid})(A;OICI;FA;;;{SYSTEM})"


def dacl_sddl(path: pathlib.Path) -> str:
    """The folder's or file's DACL as Windows reports it, in SDDL (``D:PAI(A;OICI;FA;;;...)``)."""
    advapi, kernel = _advapi32(), _kernel32()
    descriptor = ctypes.c_void_p()
    dacl = ctypes.c_void_p()
    code = advapi.GetNamedSecurityInfoW(
        str(path), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, None, None,
        ctypes.byref(dacl), None, ctypes.byref(descriptor),
    )  # fmt: skip
    if code != ERROR_SUCCESS:
        raise _failed("GetNamedSecurityInfoW", code)
    try:
        text = wintypes.LPWSTR()
        if not advapi.ConvertSecurityDescriptorToStringSecurityDescriptorW(
            descriptor, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, ctypes.byref(text), None
        ):
            raise _failed("ConvertSecurityDescriptorToStringSecurityDescriptorW")
        try:
            return str(text.value)
        finally:
            kernel.LocalFree(text)
    finally:
        kernel.LocalFree(descriptor)


def others_allowed(sddl: str, user_sid: str) -> list[str]:
    """The SIDs other than the user and SYSTEM that an SDDL DACL lets in (empty: private). A
    DACL that inherits from its parent (no P flag) lets in whoever the parent does: reported as
    ``"inherited"``. Deny entries only take access away and are ignored."""
    match = re.search(r"D:([A-Z]*)((?:\([^)]*\))*)", sddl)
    if match is None:
        return ["no DACL (everyone)"]
    flags, aces = match.groups()
    others = [] if "P" in flags else ["inherited"]
    for ace in re.findall(r"\(([^)]*)\)", aces):
        fields = ace.split(";")
        kind, sid = fields[0], fields[-1]
        if kind.startswith("A") and sid not in {user_sid, SYSTEM}:
            others.append(sid)
    return others


def restrict_to_owner(path: pathlib.Path) -> bool:
    """Give ``path`` the owner-only DACL unless it already lets in no one else. True when it
    was changed. Raises :class:`AclError` when Windows refuses (a folder of another user)."""
    user_sid = current_user_sid()
    if not others_allowed(dacl_sddl(path), user_sid):
        return False
    advapi, kernel = _advapi32(), _kernel32()
    descriptor = ctypes.c_void_p()
    if not advapi.ConvertStringSecurityDescriptorToSecurityDescriptorW(
        owner_only_sddl(user_sid), SDDL_REVISION_1, ctypes.byref(descriptor), None
    ):
        raise _failed("ConvertStringSecurityDescriptorToSecurityDescriptorW")
    try:
        present, defaulted = wintypes.BOOL(), wintypes.BOOL()
        dacl = ctypes.c_void_p()
        if not advapi.GetSecurityDescriptorDacl(
            descriptor, ctypes.byref(present), ctypes.byref(dacl), ctypes.byref(defaulted)
        ):
            raise _failed("GetSecurityDescriptorDacl")
        code = advapi.SetNamedSecurityInfoW(
            str(path), SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            None, None, dacl, None,
        )  # fmt: skip
        if code != ERROR_SUCCESS:
            raise _failed("SetNamedSecurityInfoW", code)
    finally:
        kernel.LocalFree(descriptor)
    # Read it back: a file system (or Wine) may accept a DACL it does not keep.
    still_open = others_allowed(dacl_sddl(path), user_sid)
    if still_open:
        raise AclError(
            0, f"Windows did not keep the new access list; still allowed: {', '.join(still_open)}"
        )
    return True
