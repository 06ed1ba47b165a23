"""Return bundles: KPU's reply to one laptop without a network (docs/sync-protocol.md §13).

After ``import-bundle`` (or whenever KPU's operator asks: ``return-bundle DEVICE --out DIR``)
the server writes, per device, one file holding which of its changes the server holds (so the
laptop marks them sent) and the area's news since the device's cursor (the pull pages), signed
by the server's return key and sealed to the laptop's own encryption key (§4): whoever carries
the stick can neither read nor alter it, and only that laptop can open it.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import time
import uuid

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lapang_core.protocol import (
    PULL_PAGE_MAX,
    generate_key,
    load_encryption_key,
    public_key_text,
    seal,
)
from lapang_core.protocol.return_bundle import KIND_RETURN, SENDER_KPU, ReturnBundle
from sync_server import pull
from sync_server.errors import AdminError
from sync_server.repository import Repository, Tx
from sync_server.rows import Device

RETURN_SUFFIX = ".lapang"
# The pages of one return bundle stop here (the next one continues from its cursor): a stick
# and a 2 GB-RAM laptop both take it easily, and a week's news of a kecamatan is far less.
MAX_RETURN_PAGE_BYTES = 64 << 20
# A change the server holds for the device, in one of these states, may be marked sent (§5.4).
_ACKNOWLEDGED = ("held", "applied", "conflict", "duplicate")


class NoEncryptionKey(AdminError):
    """The device has registered no encryption key, so nothing can be sealed for it."""


@dataclasses.dataclass(frozen=True)
class WrittenReturnBundle:
    path: pathlib.Path
    device_id: str
    number: int
    since: int
    cursor: int
    acknowledged: int  # changes the laptop may mark sent
    size: int


def write_return_bundle(
    repo: Repository,
    signing_key: Ed25519PrivateKey,
    device_id: str,
    out_dir: pathlib.Path,
    *,
    since: int | None = None,
    now: float | None = None,
    page_limit: int = PULL_PAGE_MAX,
) -> WrittenReturnBundle:
    """Seal the device's return bundle into a new file in ``out_dir`` (never replacing one).

    ``since``: the pull cursor the device said it holds (an incoming bundle's ``cur``); it is
    remembered for the device's next return bundle. Without it the last one remembered is used
    (0 at first: the whole area). Raises ``AdminError`` (unknown or revoked device, no folder)
    and ``NoEncryptionKey``."""
    now = time.time() if now is None else now
    device, key, number, start = _reserve(repo, device_id, since)
    recipient = load_encryption_key(key)
    acknowledged, applied_through = _acknowledged(repo, device_id)
    pages, cursor, total = [], start, 0
    while True:
        page = pull.pull_page(repo, device, cursor, page_limit, now)
        body = page.encode()
        pages.append(body)
        total += len(body)
        cursor = max(cursor, page.cursor)
        if not page.more or total >= MAX_RETURN_PAGE_BYTES:
            break
    content = ReturnBundle(
        device_id=device_id,
        number=number,
        since=start,
        cursor=cursor,
        server_time=int(now),
        applied_through=applied_through,
        acknowledged=tuple(acknowledged),
        pages=tuple(pages),
    ).encode()
    header = {
        "from": SENDER_KPU,
        "kind": KIND_RETURN,
        "id": uuid.uuid4().hex,
        "created": int(now),
        "to": device_id,
        "n": number,
    }
    sealed = seal.seal(content, recipient, signing_key, header)
    name = f"lapang-kembali-{device_id[:8]}-{time.strftime('%Y%m%d-%H%M%S', time.gmtime(now))}"
    path = _write_new(out_dir, f"{name}-{number}{RETURN_SUFFIX}", sealed)
    count = sum(last - first + 1 for first, last in acknowledged)
    return WrittenReturnBundle(path, device_id, number, start, cursor, count, len(sealed))


def _reserve(repo: Repository, device_id: str, since: int | None) -> tuple[Device, str, int, int]:
    """The device, its encryption key, this bundle's number and the cursor its news start at
    (one write transaction: two bundles made at once get different numbers)."""

    def work(tx: Tx) -> tuple[Device, str, int, int]:
        device = tx.device(device_id, lock=True)
        if device is None:
            raise AdminError(f"No device {device_id}; list them with `devices`.")
        if device.revoked:
            raise AdminError(f"Device {device_id} is revoked; no return bundle is made for it.")
        row = tx.sql.one(
            "SELECT encryption_key, return_cursor, return_seq FROM devices WHERE id = ?",
            (device_id,),
        )
        if row["encryption_key"] is None:
            raise NoEncryptionKey(
                f"Device {device_id} has no encryption key yet, so nothing can be sealed for it. "
                "A laptop registers it when it enrols with this version of Lapang, or on its "
                "next online sync."
            )
        if since is not None and since < 0:
            raise AdminError("--since must be 0 or more.")
        start = int(row["return_cursor"]) if since is None else since
        number = int(row["return_seq"]) + 1
        tx.sql.run(
            "UPDATE devices SET return_seq = ?, return_cursor = ? WHERE id = ?",
            (number, max(start, int(row["return_cursor"])), device_id),
        )
        return device, row["encryption_key"], number, start

    return repo.write(work)


def _acknowledged(repo: Repository, device_id: str) -> tuple[list[tuple[int, int]], int]:
    marks = ", ".join("?" * len(_ACKNOWLEDGED))
    ranges: list[tuple[int, int]] = []
    with repo.transaction(write=False) as tx:
        through = int(
            tx.sql.scalar("SELECT applied_seq FROM devices WHERE id = ?", (device_id,)) or 0
        )
        for row in tx.sql.all(
            f"SELECT seq FROM changes WHERE device_id = ? AND state IN ({marks}) ORDER BY seq",
            (device_id, *_ACKNOWLEDGED),
        ):
            seq = int(row["seq"])
            if ranges and ranges[-1][1] == seq - 1:
                ranges[-1] = (ranges[-1][0], seq)
            else:
                ranges.append((seq, seq))
    return ranges, through


def _write_new(out_dir: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    """Written beside the target, synced, then linked into place (never replacing a file)."""
    if not out_dir.is_dir():
        raise AdminError(f"{out_dir} is not a folder; create it first.")
    path = out_dir / name
    temp = out_dir / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            raise AdminError(f"{path} already exists; a bundle never replaces a file.") from None
        except OSError:  # no hard links (a FAT-formatted stick): check, then rename
            if path.exists():
                raise AdminError(
                    f"{path} already exists; a bundle never replaces a file."
                ) from None
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return path


# -- the server's return key --------------------------------------------------------------------
def create_signing_key(path: pathlib.Path) -> str:
    """Write a new return signing key (PEM, mode 0600, never over an existing file); returns
    the public key line for deployment.toml's ``return_public_key`` file."""
    key = generate_key()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise AdminError(f"{path} exists; a signing key is never overwritten.") from None
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
        f.flush()
        os.fsync(f.fileno())
    return public_key_text(key)


def load_signing_key(path: pathlib.Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise AdminError(f"Cannot read the return signing key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AdminError(f"{path} is not an Ed25519 key (make one with return-keygen).")
    return key
