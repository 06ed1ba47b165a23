"""The outgoing bundle ("Kirim lewat flashdisk"): everything queued and not yet confirmed — the
outbox's pending changes and the evidence files still owed to KPU — in one file, signed by the
device key and sealed to KPU's bundle key (docs/sync-protocol.md section 12).

The file is written for a USB stick as it comes from the shop (FAT32 or exFAT): a temporary
file in the target folder, flushed to the stick, then renamed; no file mode is relied on (the
content is encrypted, not hidden), the name holds only ``[a-z0-9-.]``, and an existing file is
never overwritten. Nothing is marked sent: only KPU's answer does that, online or in a return
bundle, and the same changes go out online too if signal comes first (the server takes each
change once).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pathlib
import secrets
import time
from collections.abc import Callable, Iterable

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from desktop_app.file_sharing import remove_file, replace_file
from desktop_app.store import change_standing, outbox, sync_state
from desktop_app.store.attachments import read_attachment
from desktop_app.store.field_store import FieldStore, utc_now
from desktop_app.store.outbox import OutboxEntry
from desktop_app.sync.errors import SyncError
from desktop_app.sync.push import encode_batch
from lapang_core import protocol as p
from lapang_core.protocol import seal
from lapang_core.protocol.bundle import KIND_CHANGES, ChangesBundle, SignedBody

BUNDLE_SUFFIX = ".lapang"
# A batch inflates to well under the server's 8 MiB at this size, even of applications.
_BATCH_CHANGES = 500
_NAME_TRIES = 100

ExportProgress = Callable[[int, int], None]  # (steps done, steps in all)


class NothingToSend(SyncError):
    """No change or evidence file is waiting: no bundle was written."""


class BundleKeyMissing(SyncError):
    """The deployment names no KPU bundle key, so nothing can be sealed for KPU."""


class BundleWriteFailed(SyncError):
    """The bundle could not be written to the target folder; nothing was left there."""


class BundleFilesLeft(BundleWriteFailed):
    """The bundle could not be written, and what was begun could not be removed either: on
    Windows another program (a virus scanner checking the stick) still holds it open. ``left``
    names the files (none is a finished bundle)."""

    def __init__(self, left: list[str], message: str) -> None:
        super().__init__(message)
        self.left = left


@dataclasses.dataclass(frozen=True)
class ExportedBundle:
    path: pathlib.Path
    bundle_id: str
    changes: int
    files: int
    missing_files: int  # named by a change but not on this laptop: they cannot travel
    size: int


def export_bundle(
    store: FieldStore,
    out_dir: pathlib.Path,
    server_key: X25519PublicKey | None,
    *,
    now: float | None = None,
    on_progress: ExportProgress | None = None,
) -> ExportedBundle:
    """Write the bundle into ``out_dir`` and return what it holds. Raises ``NotEnrolled``,
    ``BundleKeyMissing``, ``NothingToSend``, ``seal.BundleTooLarge`` or ``BundleWriteFailed``;
    on any of them no file is left in ``out_dir``."""
    if server_key is None:
        raise BundleKeyMissing(
            "This laptop has no KPU bundle key: KPU IT sets bundle_public_key under [sync] in "
            "deployment.toml (printed by 'python -m sync_server bundle-keygen')."
        )
    enrollment = sync_state.require_enrollment(store.db)
    key = sync_state.device_key(store.db, enrollment.device_id)
    entries = _pending(store, enrollment)
    shas = _evidence_names(store, entries)
    if not entries and not shas:
        raise NothingToSend("Nothing is waiting to be sent: no bundle was written.")
    steps = len(entries) + len(shas) + 1
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if on_progress is not None:
            on_progress(done, steps)

    moment = time.time() if now is None else now
    batches = []
    for first in range(0, len(entries), _BATCH_CHANGES):
        chunk = entries[first : first + _BATCH_CHANGES]
        body = encode_batch(chunk, enrollment)[0]
        # Signed as its push would be: the server keeps it as the changes' proof of origin.
        batches.append(SignedBody.sign(key, enrollment.device_id, body, int(moment)))
        step(len(chunk))
    files: dict[str, bytes] = {}
    for sha in shas:
        content = read_attachment(store.db, sha)
        if content is not None and p.sha256_hex(content) == sha:
            files[sha] = content
        step(1)
    bundle_id = secrets.token_hex(16)
    header = {
        "from": enrollment.device_id,
        "kind": KIND_CHANGES,
        "id": bundle_id,
        "created": int(moment),
        "n": len(entries),
        # Where this laptop's news stands: KPU's return bundle brings what came after it.
        "cur": enrollment.pull_cursor,
    }
    content = ChangesBundle(tuple(batches), files).encode()
    sealed = seal.seal(content, server_key, key, header)
    path = write_new_file(out_dir, bundle_file_stem(enrollment.device_id, moment), sealed)
    # The file is in place: these changes now show as sealed, not yet confirmed (until KPU's
    # acknowledgement arrives, online or in a return bundle).
    change_standing.record_sealed_bundle(
        store.db,
        bundle_id=bundle_id,
        file_name=path.name,
        device_id=enrollment.device_id,
        seqs=[entry.seq for entry in entries],
        at=utc_now(),
    )
    step(1)
    return ExportedBundle(
        path, bundle_id, len(entries), len(files), len(shas) - len(files), len(sealed)
    )


def _pending(store: FieldStore, enrollment: sync_state.Enrollment) -> list[OutboxEntry]:
    # The same entries an online push would send (its numbering starts after seq_base).
    return outbox.pending_entries(store.db, limit=2**62, after_seq=enrollment.seq_base)


def _evidence_names(store: FieldStore, entries: Iterable[OutboxEntry]) -> list[str]:
    """Files the pending changes name, then files the server asked for after an earlier push
    (the upload queue), each once, in that order."""
    names: dict[str, None] = {}
    for entry in entries:
        for sha in evidence_refs(entry.entity, entry.op, entry.payload):
            names.setdefault(sha, None)
    for upload in sync_state.pending_uploads(store.db):
        names.setdefault(upload.sha256, None)
    return list(names)


def evidence_refs(entity: str, op: str, payload: dict) -> list[str]:
    """The evidence files a change names: a TMS mark's photo or scan, an application's
    documents (the server's rule: sync_server.ingest)."""
    shas: list[object] = []
    if entity == p.ENTITY_VOTER and op == "tms":
        shas.append(payload.get("attachment"))
    elif entity == p.ENTITY_APPLICATION and isinstance(payload.get("attachments"), dict):
        shas.extend(payload["attachments"].values())
    return [sha for sha in shas if p.is_sha256_hex(sha)]


def bundle_file_stem(device_id: str, moment: float) -> str:
    """``lapang-<first 8 of the device id>-<UTC yyyymmdd-hhmmss>``: whose and when, no personal
    data, nothing a FAT file system refuses (no ':')."""
    stamp = dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y%m%d-%H%M%S")
    return f"lapang-{device_id[:8]}-{stamp}"


def write_new_file(folder: pathlib.Path, stem: str, data: bytes) -> pathlib.Path:
    """Write ``data`` under a new name ``stem[-n].lapang`` in ``folder``, safely on a removable
    FAT/exFAT stick: the name is taken first (an existing file is never replaced), the bytes go
    to a temporary file that is flushed to the device, then renamed over the taken name."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BundleWriteFailed(f"Cannot use the folder {folder}: {exc.strerror}.") from exc
    final = _reserve(folder, stem)
    temporary = folder / f"{final.stem}.tmp"
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # A scanner checks a new file on a stick as soon as it appears, and on Windows the
        # rename waits for it to let go of the temporary file and the reserved name.
        replace_file(temporary, final)
        _sync_folder(folder)
    except OSError as exc:
        # Never raises: a clean-up that fails must not hide why the write failed.
        left = [begun.name for begun in (temporary, final) if not remove_file(begun)]
        if left:
            raise BundleFilesLeft(
                left,
                f"Writing the bundle to {folder} failed ({exc.strerror}), and another program "
                f"(a virus scanner?) holds {', '.join(left)} open: delete it once it is "
                "released; it is not a finished bundle.",
            ) from exc
        raise BundleWriteFailed(
            f"Writing the bundle to {folder} failed ({exc.strerror}); nothing was left there. "
            "Check that the stick is plugged in, not full and not write-protected."
        ) from exc
    return final


def _reserve(folder: pathlib.Path, stem: str) -> pathlib.Path:
    for n in range(1, _NAME_TRIES + 1):
        candidate = folder / (f"{stem}{BUNDLE_SUFFIX}" if n == 1 else f"{stem}-{n}{BUNDLE_SUFFIX}")
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            continue
        except OSError as exc:
            raise BundleWriteFailed(f"Cannot write to {folder}: {exc.strerror}.") from exc
        return candidate
    raise BundleWriteFailed(f"{folder} already holds too many bundles named {stem}.")


def _sync_folder(folder: pathlib.Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows, and some FAT
    drivers refuse: the file's own fsync already put its bytes on the stick)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
