"""Admin command line: ``python -m sync_server COMMAND --db PATH ...``.

Exit status 0 on success, 1 when the command could not be done (the message on stderr says
why), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import pathlib
import sys
import time
import uuid
from collections.abc import Callable, Sequence

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lapang_core.domain.region import (
    InvalidRegionCode,
    RegionLevel,
    normalize_region_code,
    region_level,
)
from lapang_core.protocol import (
    ROTATION_TITLE,
    InvalidRotation,
    KeyRotation,
    generate_key,
    public_key_text,
    sign_announcement,
)
from sync_server import cli_bundles, cli_recruitment, ingest, origin, return_bundle
from sync_server.config import ConfigError
from sync_server.csv_export import write_new_csv
from sync_server.db import DatabaseError, is_postgres_url
from sync_server.repository import AdminError, Repository, iso
from sync_server.terminal import print_rows as _print_rows
from sync_server.terminal import printable_output

DEFAULT_DB = "lapang-server.db"
RETURN_KEY_ENV = "LAPANG_RETURN_KEY"
_EXPORT_COLUMNS = (
    "received_at",
    "device_id",
    "seq",
    "change_id",
    "entity",
    "entity_id",
    "op",
    "state",
    "reason",
    "base_version",
    "created_at",
    "officer",
    "conflict_id",
    "applied_at",
    "payload",
)


def _database(text: str) -> str | pathlib.Path:
    return text if is_postgres_url(text) else pathlib.Path(text)


def _repo(args: argparse.Namespace) -> Repository:
    return Repository.open(_database(args.db), time.time())


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn  # only this command needs the web stack

    from sync_server import logs
    from sync_server.app import create_app
    from sync_server.config import ServerConfig
    from sync_server.http import check_transport, uvicorn_config

    warning = check_transport(
        args.host, args.tls_cert, args.tls_key, insecure_http=args.insecure_http
    )
    if warning:
        print(warning, file=sys.stderr)
    config = ServerConfig.for_database(
        args.db,
        attachments_dir=pathlib.Path(args.attachments) if args.attachments else None,
        election_date=args.election_date,
        bundle_key_files=tuple(pathlib.Path(k) for k in args.bundle_key),
        metrics_port=args.metrics_port,
        metrics_host=args.metrics_host,
        **_relay_settings(args),
    )
    log_config = logs.configure(args.log_level) if args.log_format == "json" else None
    app = create_app(config)
    server = uvicorn.Server(
        uvicorn_config(
            app,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            root_path=args.root_path,
            tls_cert=args.tls_cert,
            tls_key=args.tls_key,
            connection_limit=args.max_connections,
            log_config=log_config,
        )
    )
    server.run()
    return 0


def _relay_settings(args: argparse.Namespace) -> dict[str, float | int]:
    """The relay options given on the command line (the others keep ServerConfig's defaults)."""
    mib = {
        "max_relay_bytes": args.relay_max_mib,
        "max_relay_body_bytes": args.relay_body_max_mib,
        "relay_pending_bytes_per_carrier": args.relay_pending_mib,
    }
    settings: dict[str, float | int] = {k: v << 20 for k, v in mib.items() if v is not None}
    if args.relay_expiry_hours is not None:
        settings["relay_expiry_hours"] = args.relay_expiry_hours
    return settings


def read_region_csv(path: pathlib.Path) -> list[tuple[str, str]]:
    """Rows of a Kemendagri ``kode,nama`` CSV. Raises ``AdminError`` listing bad lines; a file
    with any bad line loads nothing."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AdminError(f"Cannot read {path}: {exc}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if header[:2] != ["kode", "nama"]:
        raise AdminError(f"{path.name}: the first line must be the header 'kode,nama'.")
    rows, problems = [], []
    for line, record in enumerate(reader, start=2):
        if not record:
            continue
        kode, nama = (record + ["", ""])[:2]
        nama = nama.strip()
        try:
            kode = normalize_region_code(kode)
            level = region_level(kode)
        except InvalidRegionCode:
            level = None
        if level is None or level is RegionLevel.TPS:
            problems.append(f"line {line}: {kode.strip()!r} is not a Kemendagri region code")
        elif not nama:
            problems.append(f"line {line}: region {kode} has no name")
        else:
            rows.append((kode, nama))
    if problems:
        shown = "\n  ".join(problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise AdminError(
            f"{path.name}: nothing loaded, {len(problems)} bad line(s):\n  {shown}{more}"
        )
    return rows


def cmd_load_regions(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    rows = read_region_csv(pathlib.Path(args.csv))
    read, changed = _repo(args).load_regions(rows, time.time())
    took = time.perf_counter() - started
    print(f"Loaded {read:,} regions ({changed:,} new or renamed) in {took:.1f} s.")
    return 0


def cmd_load_voters(args: argparse.Namespace) -> int:
    try:
        from lapang_core.formats.sidalih import SidalihFormatError, read_sidalih_file
    except ImportError:
        raise AdminError(
            "load-voters needs the Sidalih reader (lapang_core.formats.sidalih), which is not "
            "in this build."
        ) from None
    path = pathlib.Path(args.csv)
    try:
        parsed = read_sidalih_file(path)
    except SidalihFormatError as exc:
        raise AdminError(f"{path.name}: {exc}") from None
    inserted, updated = _repo(args).load_voters((r for _, r in parsed.rows), time.time())
    print(f"Voters: {inserted:,} new, {updated:,} changed; {len(parsed.errors)} bad row(s).")
    for error in parsed.errors[:20]:  # line and reason only: never the row's data
        print(f"  line {error.line}: {error.reason}", file=sys.stderr)
    encoding_warning = parsed.legacy_lines.warning()
    if encoding_warning:
        print(f"Warning: {encoding_warning}", file=sys.stderr)
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    repo = _repo(args)
    code = repo.create_enroll_code(args.area, args.expires_hours, time.time())
    expires = iso(time.time() + args.expires_hours * 3600)
    print(code)
    print(f"For area {args.area}; single use; expires {expires}.", file=sys.stderr)
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    rows = [
        (d.id, d.area, d.label, d.enrolled_at, d.last_seen_at, d.applied_seq, held, d.revoked_at)
        for d, held in _repo(args).devices()
    ]
    headers = ("device", "area", "label", "enrolled", "last_seen", "applied_seq", "held", "revoked")
    _print_rows(headers, rows)
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    _repo(args).revoke(args.device, time.time())
    print(f"Device {args.device} revoked; its requests are refused from now on.")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    # No payloads: they hold voter data, which stays out of terminals and logs.
    rows = [
        (
            c["received_at"],
            c["device_id"],
            c["seq"],
            c["op"],
            c["entity_id"],
            c["state"],
            c["reason"],
        )
        for c in _repo(args).changes(device_id=args.device, state=args.state, limit=args.limit)
    ]
    _print_rows(("received", "device", "seq", "op", "entity_id", "state", "reason"), rows)
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    rows = [
        (
            c["created_at"],
            c["id"],
            c["voter_id"],
            c["device_id"],
            c["other_author"],
            f"{c['base_version']}->{c['server_version']}",
            c["rule"],
            ",".join(json.loads(c["server_value"])),
        )
        for c in _repo(args).conflicts()
    ]
    headers = ("created", "conflict", "voter", "device", "other", "versions", "rule", "fields")
    _print_rows(headers, rows)
    return 0


def cmd_export_changes(args: argparse.Namespace) -> int:
    path = pathlib.Path(args.csv)
    rows = ([change[c] for c in _EXPORT_COLUMNS] for change in _repo(args).iter_changes())
    count = write_new_csv(path, _EXPORT_COLUMNS, rows)
    print(f"Exported {count:,} changes to {path}.")
    return 0


def cmd_release_gap(args: argparse.Namespace) -> int:
    released, through = ingest.release_gap(
        _repo(args), args.device, time.time(), args.election_date
    )
    if not released:
        print(f"Device {args.device} has no gap; nothing to release.")
    else:
        print(
            f"Released {len(released)} missing seq(s) {released[0]}..{released[-1]} as lost; "
            f"changes applied through seq {through}."
        )
    return 0


def cmd_prove(args: argparse.Namespace) -> int:
    # The change's voter data goes to this terminal only (through printable_output, like every
    # message here), never to a log: KPU's admin asked for it by its id.
    proofs = origin.prove(_repo(args), args.change_id)
    print("\n\n".join(origin.describe(proof) for proof in proofs))
    return 0


def cmd_migrate_evidence(args: argparse.Namespace) -> int:
    from sync_server.evidence_migration import migrate_folder

    root = pathlib.Path(args.attachments)
    report = migrate_folder(_repo(args), root, time.time(), delete=args.delete_folder)
    print(f"Evidence from {root}: {report.summary()}")
    if report.corrupt:
        shown = "\n  ".join(report.corrupt[:20])
        print(
            "These file(s) in the folder do not match their SHA-256 and were not copied; "
            f"restore them from a backup of the folder and run this again:\n  {shown}",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_export_evidence(args: argparse.Namespace) -> int:
    from sync_server.attachments_db import open_evidence
    from sync_server.config import ServerConfig
    from sync_server.evidence_migration import export_files, finished_hashes

    config = ServerConfig.for_database(
        args.db, attachments_dir=pathlib.Path(args.attachments) if args.attachments else None
    )
    repo = _repo(args)
    store = open_evidence(config, repo)
    hashes = args.sha256 or finished_hashes(repo)
    out = pathlib.Path(args.out)
    report = export_files(store, hashes, out)
    print(
        f"Wrote {report.written} evidence file(s) ({report.bytes:,} bytes) to {out}; "
        f"{report.existing} already there (not overwritten)."
    )
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1 if report.problems else 0


def cmd_restored(args: argparse.Namespace) -> int:
    from sync_server.restore_epoch import REV_GAP, mark_restored

    epoch = mark_restored(_repo(args).db)
    print(
        f"Pull cursors moved on by {REV_GAP:,} (restore {epoch}): laptops will receive "
        "everything written from now on, and resend the changes this database lacks."
    )
    return 0


def cmd_kpu_keygen(args: argparse.Namespace) -> int:
    path = pathlib.Path(args.path)
    key = generate_key()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise AdminError(f"{path} exists; a KPU key is never overwritten.") from None
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    print(public_key_text(key))
    print(
        "Public key above: pin it in the app's resources/ to verify announcements.", file=sys.stderr
    )
    return 0


def _load_kpu_key(path: pathlib.Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise AdminError(f"Cannot read the KPU key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AdminError(f"{path} is not an Ed25519 key.")
    return key


def cmd_announce(args: argparse.Namespace) -> int:
    key = _load_kpu_key(pathlib.Path(args.kpu_key))
    repo = _repo(args)
    area = repo.checked_area(args.area) if args.area.strip() else ""
    announcement = sign_announcement(
        key, uuid.uuid4().hex, area, args.title, args.body, iso(time.time())
    )
    repo.add_announcement(announcement)
    print(f"Announcement {announcement.id} published to {area or 'all areas'}.")
    return 0


def cmd_announce_rotation(args: argparse.Namespace) -> int:
    # The desk's own readers: a file this command accepts is a file every laptop accepts.
    from lapang_core.protocol.key_files import BadKeyFile, load_announcement_key

    key = _load_kpu_key(pathlib.Path(args.kpu_key))
    next_keys, next_pems = [], []
    if args.next_announcement_key:
        try:
            next_keys.append(
                public_key_text(load_announcement_key(pathlib.Path(args.next_announcement_key)))
            )
        except BadKeyFile as exc:
            raise AdminError(str(exc)) from None
    if args.next_ca:
        try:
            next_pems.append(pathlib.Path(args.next_ca).read_text(encoding="ascii").strip() + "\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise AdminError(f"Cannot read the certificate {args.next_ca}: {exc}") from None
    try:
        rotation = KeyRotation(tuple(next_keys), tuple(next_pems))
    except InvalidRotation as exc:
        raise AdminError(f"{exc} Nothing was published.") from None
    repo = _repo(args)
    announcement = sign_announcement(
        key,
        uuid.uuid4().hex,
        "",  # every laptop of the country
        ROTATION_TITLE,
        rotation.announcement_body(args.note or ""),
        iso(time.time()),
    )
    repo.add_announcement(announcement)
    print(
        f"Key rotation {announcement.id} published to every laptop: {len(next_keys)} announcement "
        f"key(s), {len(next_pems)} certificate(s) to trust from their next sync."
    )
    return 0


def cmd_return_keygen(args: argparse.Namespace) -> int:
    print(return_bundle.create_signing_key(pathlib.Path(args.path)))
    print(
        "Public key above: put it in a file named by return_public_key under [keys] in the "
        "laptops' deployment.toml, so they can verify return bundles.",
        file=sys.stderr,
    )
    return 0


def return_key_path(args: argparse.Namespace) -> pathlib.Path:
    """The return signing key named by ``--return-key`` or ``$LAPANG_RETURN_KEY``."""
    named = args.return_key or os.environ.get(RETURN_KEY_ENV)
    if not named:
        raise AdminError(
            f"Give --return-key FILE (or set {RETURN_KEY_ENV}): the key made by return-keygen."
        )
    return pathlib.Path(named)


def cmd_return_bundle(args: argparse.Namespace) -> int:
    key = return_bundle.load_signing_key(return_key_path(args))
    written = return_bundle.write_return_bundle(
        _repo(args), key, args.device, pathlib.Path(args.out), since=args.since
    )
    print(
        f"{written.path} ({written.size} bytes): {written.acknowledged} change(s) acknowledged, "
        f"news from cursor {written.since} to {written.cursor}; return bundle "
        f"{written.number} of device {written.device_id}."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        default=os.environ.get("LAPANG_SERVER_DB", DEFAULT_DB),
        help=(
            "SQLite database file, or a postgresql://USER@HOST/DB URL "
            f"(default: $LAPANG_SERVER_DB or {DEFAULT_DB})"
        ),
    )
    parser = argparse.ArgumentParser(prog="python -m sync_server", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help_: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[db], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("serve", cmd_serve, "run the sync server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8470)
    p.add_argument(
        "--attachments",
        help=(
            "evidence folder of a SQLite server (default: beside the database); "
            "PostgreSQL keeps evidence in the database"
        ),
    )
    p.add_argument("--election-date", type=_date, help="YYYY-MM-DD; new voters' age is checked")
    p.add_argument("--root-path", default="", help="URL prefix when behind a reverse proxy")
    p.add_argument("--tls-cert", help="PEM certificate chain (HTTPS)")
    p.add_argument("--tls-key", help="PEM private key (HTTPS)")
    p.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow plain HTTP on a non-loopback --host (refused by default)",
    )
    cli_bundles.bundle_key_option(p)
    p.add_argument("--log-level", default="info")
    p.add_argument(
        "--log-format",
        choices=("json", "text"),
        default="json",
        help="json: one JSON object a line with request and device ids (default); text: uvicorn's",
    )
    p.add_argument(
        "--metrics-port",
        type=int,
        help="serve Prometheus metrics of this process at /metrics on this port (off by default)",
    )
    p.add_argument(
        "--metrics-host",
        default="127.0.0.1",
        help="address of the metrics port (default 127.0.0.1; the monitoring network's address)",
    )
    relay = p.add_argument_group("Titipan (bundles relayed by other laptops)")
    relay.add_argument(
        "--relay-max-mib",
        type=int,
        help="largest bundle a laptop may relay in chunks (default 256)",
    )
    relay.add_argument(
        "--relay-body-max-mib",
        type=int,
        help="largest bundle taken in one request from laptops before chunked relay (default "
        "64; it counts against the budget for unchecked bodies: lower it once all are updated)",
    )
    relay.add_argument(
        "--relay-pending-mib",
        type=int,
        help="unfinished relay uploads kept per carrying laptop (default 512)",
    )
    relay.add_argument(
        "--relay-expiry-hours",
        type=float,
        help="drop a relay upload not continued for this long (default 192, eight days)",
    )
    p.add_argument(
        "--max-connections",
        type=int,
        default=2000,
        help="open connections beyond which requests get 503 (retry later)",
    )
    p = add("load-regions", cmd_load_regions, "load or update regions from a kode,nama CSV")
    p.add_argument("csv")
    p = add("load-voters", cmd_load_voters, "load voters from a Sidalih '#' CSV export")
    p.add_argument("csv")
    p = add("enroll-code", cmd_enroll_code, "create a one-time enrollment code for an area")
    p.add_argument("--area", required=True, help="region code or TPS id, e.g. 61.11.02")
    p.add_argument("--expires-hours", type=float, default=72.0)
    add("devices", cmd_devices, "list enrolled devices")
    p = add("revoke", cmd_revoke, "revoke a device")
    p.add_argument("device")
    p = add("changes", cmd_changes, "list received changes (no voter data)")
    p.add_argument("--device")
    p.add_argument(
        "--state", choices=("held", "applied", "conflict", "refused", "duplicate", "skipped")
    )
    p.add_argument("--limit", type=int, default=0)
    add("conflicts", cmd_conflicts, "list recorded conflicts")
    p = add("export-changes", cmd_export_changes, "write every received change to a CSV file")
    p.add_argument("csv")
    p = add("release-gap", cmd_release_gap, "give up on a device's missing seqs, apply the rest")
    p.add_argument("device")
    p.add_argument("--election-date", type=_date)
    p = add(
        "prove",
        cmd_prove,
        "show who made a change and verify its device's signature over the bytes kept (offline)",
    )
    p.add_argument("change_id")
    p = add(
        "migrate-evidence",
        cmd_migrate_evidence,
        "copy an evidence folder into the PostgreSQL database (idempotent, resumable)",
    )
    p.add_argument("--attachments", required=True, help="the evidence folder to copy")
    p.add_argument(
        "--delete-folder",
        action="store_true",
        help="remove each finished file from the folder once its copy verified",
    )
    p = add(
        "export-evidence",
        cmd_export_evidence,
        "write finished evidence files to a folder, each checked against its SHA-256",
    )
    p.add_argument("--out", required=True, help="folder for the files (named by SHA-256)")
    p.add_argument("--attachments", help="evidence folder of a SQLite server (default: beside)")
    p.add_argument("sha256", nargs="*", help="files to write (default: every finished file)")
    add(
        "restored",
        cmd_restored,
        "after restoring a backup (SQLite, or a PostgreSQL replica promoted): move pull "
        "cursors past it",
    )
    p = add("kpu-keygen", cmd_kpu_keygen, "create the KPU announcement signing key")
    p.add_argument("path")
    p = add("announce", cmd_announce, "publish a signed KPU announcement")
    p.add_argument("--kpu-key", required=True)
    p.add_argument("--area", default="", help="region code; empty for every area")
    p.add_argument("--title", required=True)
    p.add_argument("--body", required=True)
    p = add(
        "announce-rotation",
        cmd_announce_rotation,
        "tell every laptop, signed with the KPU key, the next announcement key and/or TLS pin",
    )
    p.add_argument("--kpu-key", required=True, help="the KPU announcement private key in use now")
    p.add_argument("--next-announcement-key", help="public key file of the next KPU key")
    p.add_argument("--next-ca", help="PEM certificate the laptops pin next for this server")
    p.add_argument("--note", help="a sentence for the officers, shown with the notice")
    p = add("return-keygen", cmd_return_keygen, "create the server's return bundle signing key")
    p.add_argument("path")
    p = add("return-bundle", cmd_return_bundle, "write a device's sealed return bundle")
    p.add_argument("device")
    p.add_argument("--out", required=True, help="folder to write the bundle into")
    p.add_argument("--return-key", help=f"signing key file (default: ${RETURN_KEY_ENV})")
    p.add_argument(
        "--since", type=int, help="pull cursor the laptop holds (default: the last one known)"
    )
    cli_recruitment.add_commands(add)
    cli_bundles.add_commands(add, _date)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Device labels, names and file contents reach these messages: none may drive the terminal.
    with printable_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (AdminError, DatabaseError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
