"""Admin commands for bundles (docs/sync-protocol.md section 12): ``bundle-keygen`` makes KPU's
bundle key; ``import-bundle`` applies bundles brought on a stick, by name or from a watched
folder."""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time
from collections.abc import Callable

from lapang_core.protocol import ProtocolError, seal
from sync_server import bundles, return_bundle
from sync_server.attachments_db import open_evidence
from sync_server.config import ServerConfig
from sync_server.repository import AdminError, Repository

DONE_FOLDER = "done"
FAILED_FOLDER = "failed"
_SUFFIX = ".lapang"

AddCommand = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def cmd_bundle_keygen(args: argparse.Namespace) -> int:
    path = pathlib.Path(args.path)
    try:
        public = bundles.generate_bundle_key(path)
    except FileExistsError:
        raise AdminError(f"{path} exists; a bundle key is never overwritten.") from None
    print(public)
    print(
        "Public key above: set it as bundle_public_key under [sync] in the laptops' "
        f"deployment.toml; start the server with --bundle-key {path}.",
        file=sys.stderr,
    )
    return 0


class _Importer:
    def __init__(self, args: argparse.Namespace) -> None:
        self.config = _config(args)
        self.keys = bundles.load_bundle_keys(self.config.bundle_key_files)
        if not self.keys:
            raise AdminError("Give KPU's bundle key with --bundle-key FILE (or LAPANG_BUNDLE_KEY).")
        self.returns = pathlib.Path(args.returns) if args.returns else None
        self.return_key = None
        if self.returns is not None:
            if not self.returns.is_dir():
                raise AdminError(f"--returns {self.returns} is not a folder; create it first.")
            named = args.return_key or os.environ.get("LAPANG_RETURN_KEY")
            if not named:
                raise AdminError(
                    "--returns needs the return signing key: --return-key FILE (or "
                    "LAPANG_RETURN_KEY), made by return-keygen."
                )
            self.return_key = return_bundle.load_signing_key(pathlib.Path(named))
        self.repo = Repository.open(self.config.database, time.time())
        self.attachments = open_evidence(self.config, self.repo)

    def one(self, path: pathlib.Path) -> bool:
        """Import one file and say what came of it; True when it was applied."""
        try:
            if path.stat().st_size > seal.MAX_BUNDLE_BYTES:
                raise seal.BundleTooLarge(
                    f"The file is larger than a bundle can be ({seal.MAX_BUNDLE_BYTES} bytes)."
                )
            data = path.read_bytes()
            result = bundles.import_bundle(
                self.repo, self.attachments, self.keys, data, time.time(), self.config
            )
        except ProtocolError as exc:
            print(f"{path.name}: refused ({exc.code}): {exc.message}", file=sys.stderr)
            return False
        except OSError as exc:
            print(f"{path.name}: cannot read: {exc.strerror}", file=sys.stderr)
            return False
        counts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts().items()))
        refused = (
            f"; {len(result.files_refused)} files left out (only refused changes name them)"
            if result.files_refused
            else ""
        )
        print(
            f"{path.name}: bundle {result.bundle_id[:8]} of device {result.device_id}: "
            f"{result.changes} changes ({counts or 'none'}), {result.files_stored} evidence "
            f"files{refused}."
        )
        if self.returns is not None:
            self._write_return(result.device_id, seal.read_header(data).get("cur"))
        return True

    def _write_return(self, device_id: str, cursor: object) -> None:
        """The device's return bundle, its news starting at the cursor its bundle stated."""
        since = cursor if isinstance(cursor, int) and not isinstance(cursor, bool) else None
        assert self.returns is not None and self.return_key is not None
        try:
            written = return_bundle.write_return_bundle(
                self.repo, self.return_key, device_id, self.returns, since=since
            )
        except AdminError as exc:
            print(f"  no return bundle for device {device_id}: {exc}", file=sys.stderr)
            return
        print(f"  return bundle for the laptop: {written.path}")

    def close(self) -> None:
        self.repo.close()


def cmd_import_bundle(args: argparse.Namespace) -> int:
    if not args.files and args.watch is None:
        raise AdminError("Name bundle files to import, or a folder to watch with --watch DIR.")
    importer = _Importer(args)
    try:
        ok = all([importer.one(pathlib.Path(f)) for f in args.files])
        if args.watch is not None:
            _watch(importer, pathlib.Path(args.watch), args.interval, once=args.once)
    finally:
        importer.close()
    return 0 if ok else 1


def _watch(importer: _Importer, folder: pathlib.Path, interval: float, *, once: bool) -> None:
    """Import every ``*.lapang`` that appears in ``folder``, then move it to ``done/`` or
    ``failed/`` (never over another file). A file still being copied is left for the next
    round: its size must hold still across one interval."""
    if not folder.is_dir():
        raise AdminError(f"{folder} is not a folder.")
    sizes: dict[pathlib.Path, int] = {}
    while True:
        for path in sorted(folder.glob(f"*{_SUFFIX}")):
            size = path.stat().st_size
            if not once and sizes.get(path) != size:
                sizes[path] = size  # seen for the first time, or still growing
                continue
            sizes.pop(path, None)
            target = DONE_FOLDER if importer.one(path) else FAILED_FOLDER
            _move(path, folder / target)
        if once:
            return
        time.sleep(interval)


def _move(path: pathlib.Path, folder: pathlib.Path) -> None:
    folder.mkdir(exist_ok=True)
    for n in range(1, 1000):
        name = path.name if n == 1 else f"{path.stem}-{n}{path.suffix}"
        try:
            os.link(path, folder / name)
        except FileExistsError:
            continue
        path.unlink()
        return
    raise AdminError(f"{folder} holds too many files named like {path.name}.")


def _config(args: argparse.Namespace) -> ServerConfig:
    return ServerConfig.for_database(
        args.db,
        attachments_dir=pathlib.Path(args.attachments) if args.attachments else None,
        election_date=args.election_date,
        bundle_key_files=tuple(pathlib.Path(k) for k in args.bundle_key),
    )


def bundle_key_option(parser: argparse.ArgumentParser) -> None:
    default = os.environ.get("LAPANG_BUNDLE_KEY")
    parser.add_argument(
        "--bundle-key",
        action="append",
        default=[default] if default else [],
        help="KPU's bundle private key (PEM, from bundle-keygen); repeat while replacing a key "
        "(default: $LAPANG_BUNDLE_KEY)",
    )


def add_commands(add: AddCommand, date: Callable[[str], object]) -> None:
    p = add("bundle-keygen", cmd_bundle_keygen, "create KPU's bundle key (X25519) in FILE")
    p.add_argument("path")
    p = add("import-bundle", cmd_import_bundle, "apply bundles of changes brought on a stick")
    p.add_argument("files", nargs="*", help="bundle files (.lapang)")
    bundle_key_option(p)
    p.add_argument("--attachments", help="directory for evidence files (required with PostgreSQL)")
    p.add_argument("--election-date", type=date, help="YYYY-MM-DD, as given to serve")
    p.add_argument("--watch", help="a folder to watch for bundles (moved to done/ or failed/)")
    p.add_argument("--interval", type=float, default=10.0, help="seconds between looks")
    p.add_argument("--once", action="store_true", help="with --watch: one look, then exit")
    p.add_argument(
        "--returns", help="a folder to write each device's sealed return bundle into (§13)"
    )
    p.add_argument(
        "--return-key", help="the return signing key (return-keygen; default: $LAPANG_RETURN_KEY)"
    )
