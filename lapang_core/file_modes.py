"""Owner-only modes for what holds personal data: folders 0700, files 0600, on the laptop and on
the KPU server alike, whatever the umask.

Things are created with their mode (the umask can only take bits away from 0700/0600, never add
any), and checked at every start: an existing folder or file that others may read is tightened,
and that is logged (by file name and mode only: the full path can hold the user's name). One that
cannot be tightened — a FAT or network mount that ignores chmod, a file owned by someone else —
raises :class:`FileModeError`, and the caller decides whether that stops it.

On Windows the mode bits are not the access control (``chmod`` only sets read-only and
``st_mode`` shows no real group/other bits): there the data folder gets an access control list
that lets in the user and SYSTEM only, inherited by everything in it (``windows_acl``). A
``--data-dir`` outside the user's profile would otherwise inherit whatever its parent allows.
"""

from __future__ import annotations

import logging
import os
import pathlib
import stat

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600

CHECKED = os.name == "posix"


class FileModeError(Exception):
    """A folder or file that holds personal data is open to other users and cannot be made
    private. The message names it (full path) and says what to do; ``log_text`` is the same
    without the path, for logs."""

    def __init__(self, message: str, log_text: str) -> None:
        super().__init__(message)
        self.log_text = log_text


def make_private_dir(path: pathlib.Path, log: logging.Logger) -> None:
    """Create ``path`` (and missing parents, with the usual mode) as 0700, or tighten it. On
    Windows: limit its access control list to the user and SYSTEM."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "nt":
        _restrict_windows_folder(path, log)
    else:
        ensure_private(path, log)


def _restrict_windows_folder(path: pathlib.Path, log: logging.Logger) -> None:
    # Imported here: it binds the Windows API, which only Windows has.
    from lapang_core import windows_acl

    try:
        changed = windows_acl.restrict_to_owner(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FileModeError(
            f"The folder {path} holds personal data and other users on this computer may be "
            f"able to read it, but its access list cannot be limited to your account ({reason}). "
            "Use a folder in your own profile (the default is %LOCALAPPDATA%\\KPU\\Lapang).",
            f"{path.name}: its access list cannot be limited to the user ({reason})",
        ) from exc
    if changed:
        log.warning(
            "%s was open to other users; its access list now lets in this user and SYSTEM only",
            path.name,
        )


def create_private_file(path: pathlib.Path, log: logging.Logger) -> None:
    """Create ``path`` empty as 0600 if it is missing, or tighten it. For files another library
    creates on first use (SQLite): made first, they are never open to others for a moment."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(fd)
    ensure_private(path, log)


def ensure_private(path: pathlib.Path, log: logging.Logger) -> bool:
    """Tighten ``path`` to 0700 (folder) or 0600 (file) if group or others have any access.
    True when it was changed; missing paths are left alone."""
    if not CHECKED:
        return False
    try:
        before = path.stat()
    except FileNotFoundError:
        return False
    wanted = PRIVATE_DIR_MODE if stat.S_ISDIR(before.st_mode) else PRIVATE_FILE_MODE
    if not stat.S_IMODE(before.st_mode) & 0o077:
        return False
    # Never change what is not ours alone: a shared folder such as /tmp given as --data-dir
    # (sticky bit), or something another user owns, is reported instead.
    if before.st_mode & stat.S_ISVTX:
        raise _cannot(path, before.st_mode, "it is a shared folder; use a folder of your own")
    if before.st_uid != os.geteuid():
        raise _cannot(path, before.st_mode, "it belongs to another user; it was not changed")
    try:
        os.chmod(path, stat.S_IMODE(before.st_mode) & wanted)
        after = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise _cannot(path, before.st_mode, exc.strerror or str(exc)) from exc
    if after & 0o077:  # chmod "worked" but the file system keeps its own modes
        raise _cannot(path, before.st_mode, "the file system ignores permission changes")
    log.warning(
        "%s was open to other users (mode %04o); now %04o",
        path.name,
        stat.S_IMODE(before.st_mode),
        after,
    )
    return True


def _cannot(path: pathlib.Path, mode: int, reason: str) -> FileModeError:
    kind = "folder" if stat.S_ISDIR(mode) else "file"
    return FileModeError(
        f"The {kind} {path} holds personal data and other users on this computer may read it "
        f"(mode {stat.S_IMODE(mode):04o}), but it cannot be made private ({reason}). Move it to "
        "a disk with Unix permissions (not FAT/exFAT or a share mounted with open modes), or "
        f"make it owned by this user and run: chmod go-rwx {path}",
        f"{path.name} is open to other users (mode {stat.S_IMODE(mode):04o}) and cannot be "
        f"made private ({reason})",
    )
