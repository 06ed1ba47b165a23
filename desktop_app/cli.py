"""``lapang``: the KPU IT admin's commands, and the desk app when run without one.

Passphrases come from a prompt, or for scripting from LAPANG_PASSPHRASE (and LAPANG_NEW_PASSPHRASE
for the new one) — never from the command line, where other users could read them."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import pathlib
import sys
from collections.abc import Callable, Sequence

from desktop_app import cli_sync
from desktop_app.deployment import (
    DEFAULT_RECOVERY_KEY,
    Deployment,
    DeploymentError,
    build_stamp,
    development_key_allowed,
    load_deployment,
    refuse_development_recovery_key,
)
from desktop_app.diagnostics import install_crash_handler, setup_logging
from desktop_app.paths import default_data_dir, secure_data_dir
from desktop_app.resources import resource_path
from desktop_app.store.errors import StoreError, UnknownOfficer
from desktop_app.store.field_store import FieldStore
from desktop_app.store.vault import Vault

log = logging.getLogger("desktop_app.cli")

DEMO_OFFICER = "Petugas Demo"
DEMO_PASSPHRASE = "demo-lapang-2029"  # the embedded demo; documented in the README


class CliError(Exception):
    """A failure worded for the admin; printed without a traceback, exit status 1."""


# -- passphrase input ---------------------------------------------------------------------------
def read_passphrase(prompt: str = "Passphrase: ", env: str = "LAPANG_PASSPHRASE") -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"No passphrase: set {env} or run the command in a terminal.")
    return getpass.getpass(prompt)


def read_new_passphrase(env: str = "LAPANG_NEW_PASSPHRASE") -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"No new passphrase: set {env} or run the command in a terminal.")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Repeat the new passphrase: ") != first:
        raise CliError("The two passphrases differ; nothing was changed.")
    return first


def pick_officer(vault: Vault, requested: str | None) -> str:
    officers = vault.officers()
    if requested:
        if requested not in officers:
            raise UnknownOfficer(
                f"No officer named '{requested}' here. Officers: {', '.join(officers)}."
            )
        return requested
    if len(officers) == 1:
        return officers[0]
    raise CliError(
        f"Several officers use this laptop; choose one with --officer: {', '.join(officers)}."
    )


def unlock(args: argparse.Namespace) -> FieldStore:
    vault = Vault(args.data_dir)
    officer = pick_officer(vault, args.officer)
    return vault.unlock(officer, read_passphrase(f"Passphrase for {officer}: "))


def recovery_key_pem(path: pathlib.Path | None, deployment: Deployment | None = None) -> bytes:
    """The KPU recovery public key for a new vault: the file given on the command line, else
    the deployment's key (already read and checked when the deployment loaded)."""
    if path is None and deployment is not None:
        return deployment.recovery_public_key_pem
    source = path or resource_path(*DEFAULT_RECOVERY_KEY)
    try:
        return source.read_bytes()
    except OSError as exc:
        raise CliError(
            f"Cannot read the KPU recovery public key {source}: {exc.strerror}."
        ) from exc


def _deployment_key_file(deployment: Deployment | None) -> pathlib.Path:
    if deployment is None:
        return resource_path(*DEFAULT_RECOVERY_KEY)
    return deployment.recovery_public_key_file


# -- commands -----------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    if not args.officer:
        raise CliError("Give the officer's name with --officer.")
    pem = recovery_key_pem(args.recovery_public_key, args.deployment)
    if not (args.allow_dev_recovery_key or development_key_allowed()):
        # Before the passphrase prompt: nothing to type for a vault that will not be made.
        refuse_development_recovery_key(
            pem,
            args.recovery_public_key or _deployment_key_file(args.deployment),
            args.deployment.source if args.deployment is not None else None,
            from_command_line=args.recovery_public_key is not None,
        )
    vault = Vault(args.data_dir)
    store = vault.create(args.officer, read_new_passphrase("LAPANG_PASSPHRASE"), pem)
    with store:
        if args.election_date:
            store.set_election_date(args.election_date)
    print(f"Created an encrypted vault for {args.officer} in {vault.data_dir}.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop_app.store.demo import load_demo

    vault = Vault(args.data_dir)
    if not vault.exists():
        officer = args.officer or DEMO_OFFICER
        passphrase = os.environ.get("LAPANG_PASSPHRASE", DEMO_PASSPHRASE)
        store = vault.create(
            officer, passphrase, recovery_key_pem(args.recovery_public_key, args.deployment)
        )
        print(f"Created a demo vault in {vault.data_dir} for '{officer}'.")
    elif vault.officers() == [DEMO_OFFICER] and "LAPANG_PASSPHRASE" not in os.environ:
        store = vault.unlock(DEMO_OFFICER, DEMO_PASSPHRASE)
    else:
        store = unlock(args)
    with store:
        report = load_demo(store, voters=args.voters, seed=args.seed, progress=_progress_printer())
    print(
        f"Demo data: {report.inserted:,} voters in {report.tps_added:,} TPS "
        f"({report.already_present:,} were already present)."
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop_app.store.sidalih_import import import_sidalih_file

    with unlock(args) as store:
        result = import_sidalih_file(store, args.file)
    for error in result.errors[: args.show_errors]:
        print(f"  line {error.line}: {error.reason}", file=sys.stderr)
    if len(result.errors) > args.show_errors:
        print(f"  … and {len(result.errors) - args.show_errors} more bad rows", file=sys.stderr)
    if result.unmatched_columns:
        print(f"Columns not used: {', '.join(result.unmatched_columns)}", file=sys.stderr)
    encoding_warning = result.legacy_lines.warning()
    if encoding_warning:
        print(f"Warning: {encoding_warning}", file=sys.stderr)
    print(
        f"Imported {result.report.inserted:,} voters ({result.report.already_present:,} already "
        f"present); {len(result.errors):,} bad rows skipped; {result.warnings:,} warnings to "
        "review (duplicate NIKs, NIK/birth-date disagreements)."
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from desktop_app.store.verify import verify_store

    with unlock(args) as store:
        findings = verify_store(store)
    for line in findings.lines():
        print(line)
    return 0 if findings.ok else 1


def cmd_passwd(args: argparse.Namespace) -> int:
    vault = Vault(args.data_dir)
    officer = pick_officer(vault, args.officer)
    old = read_passphrase(f"Current passphrase for {officer}: ")
    vault.change_passphrase(officer, old, read_new_passphrase())
    print(f"Passphrase changed for {officer}. The database itself was not rewritten.")
    return 0


def cmd_add_officer(args: argparse.Namespace) -> int:
    vault = Vault(args.data_dir)
    officer = pick_officer(vault, args.officer)
    vault.add_officer(
        officer, read_passphrase(f"Passphrase for {officer}: "), args.name, read_new_passphrase()
    )
    print(f"Added officer '{args.name}' to this laptop.")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    vault = Vault(args.data_dir)
    try:
        pem = args.private_key.read_bytes()
    except OSError as exc:
        raise CliError(
            f"Cannot read the recovery private key {args.private_key}: {exc.strerror}."
        ) from exc
    password = os.environ.get("LAPANG_RECOVERY_KEY_PASSWORD")
    password_bytes = password.encode() if password else None
    if args.print_key:
        key = vault.recover_data_key(pem, password_bytes)
        print(f"Raw SQLCipher key for {vault.db_path}:")
        print(f"PRAGMA key = \"x'{bytes(key).hex()}'\";")
        return 0
    if not args.officer:
        raise CliError("Say whose passphrase to set with --officer NAME, or use --print-key.")
    vault.recover_passphrase(pem, args.officer, read_new_passphrase(), password=password_bytes)
    print(f"New passphrase set for {args.officer} with the KPU recovery key.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from desktop_app.store import outbox

    with unlock(args) as store:
        voters = store.db.execute("SELECT count(*) FROM voters").fetchone()[0]
        counts = outbox.counts(store.db)
        print(f"Vault:     {args.data_dir}")
        print(f"Officer:   {store.officer}")
        print(f"Election:  {store.election_date.isoformat()}")
        print(f"Voters:    {voters:,}")
        print(
            f"Changes:   {counts['pending']:,} waiting, {counts['sent']:,} sent, "
            f"{counts['refused']:,} refused"
        )
    return 0


def cmd_election_rules(args: argparse.Namespace) -> int:
    """Show, or set from a JSON file, the rules that vary by election (docs/election-rules.md)."""
    import json

    from lapang_core.domain.election_rules import (
        InvalidElectionRules,
        election_rules_to_json,
        parse_election_rules,
    )

    with unlock(args) as store:
        if args.file is not None:
            try:
                data = json.loads(args.file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CliError(f"Cannot read {args.file.name} as JSON: {exc}") from None
            if not isinstance(data, dict):
                raise CliError(f"{args.file.name} must hold one JSON object of rule: value.")
            try:
                store.set_election_rules(parse_election_rules(data))
            except InvalidElectionRules as exc:
                raise CliError(f"{exc} Nothing was changed.") from None
        overrides = election_rules_to_json(store.election_rules)
    print(json.dumps(overrides, indent=2, ensure_ascii=False) if overrides else "Defaults.")
    return 0


def cmd_import_bundle(args: argparse.Namespace) -> int:
    """Apply a return bundle KPU's server wrote for this laptop (docs/sync-protocol.md §13)."""
    from desktop_app.sync.bundle_import import import_failure_text, import_return_bundle

    deployment = args.deployment
    with unlock(args) as store:
        try:
            applied = import_return_bundle(
                store,
                args.file,
                deployment.return_public_key,
                kpu_key=deployment.announcement_keys,
            )
        except Exception as exc:
            text = import_failure_text(exc)
            if text is None:
                raise
            raise CliError(f"{args.file.name}: {text}") from None
    print(
        f"Return bundle {applied.number} applied: {applied.confirmed:,} change(s) confirmed by "
        f"KPU, {applied.refused:,} refused (see the quarantine), {applied.pulled:,} voter rows, "
        f"{applied.conflicts:,} conflicts, {applied.announcements:,} announcements, "
        f"{applied.outcomes:,} recruitment outcomes."
        + ("" if applied.news_applied else " Its news was older than what this laptop has.")
    )
    return 0


def cmd_deployment(args: argparse.Namespace) -> int:
    """KPU IT: which settings file is in force, the server and the keys it names."""
    print(f"Lapang {build_stamp().label()}")
    for line in args.deployment.describe():
        print(line)
    return 0


def cmd_export_bundle(args: argparse.Namespace) -> int:
    """Everything waiting for KPU, sealed in one file for a USB stick (docs/sync-protocol.md
    section 12)."""
    from desktop_app.sync import bundle_export
    from desktop_app.sync.errors import SyncError
    from lapang_core.protocol import ProtocolError

    with unlock(args) as store:
        try:
            bundle = bundle_export.export_bundle(
                store,
                args.out,
                args.deployment.bundle_public_key,
                on_progress=_progress_printer(),
            )
        except (SyncError, ProtocolError) as exc:
            raise CliError(str(exc)) from None
    print(
        f"Wrote {bundle.path} ({bundle.size:,} bytes): {bundle.changes:,} changes, "
        f"{bundle.files:,} evidence files. Take it to the KPU office, or give it to a laptop "
        "that has signal (Titipan). The changes stay queued until KPU confirms them."
    )
    if bundle.missing_files:
        print(
            f"Warning: {bundle.missing_files:,} evidence files named by the changes are not on "
            "this laptop and could not be included.",
            file=sys.stderr,
        )
    return 0


def cmd_relay_bundle(args: argparse.Namespace) -> int:
    """Take another laptop's bundle to deliver at this laptop's next sync (Titipan)."""
    from desktop_app.sync import relay
    from desktop_app.sync.errors import SyncError
    from lapang_core.protocol import ProtocolError

    try:
        queued = relay.queue_for_relay(relay.relay_dir(args.data_dir), args.file)
    except (SyncError, ProtocolError) as exc:
        raise CliError(str(exc)) from None
    print(
        f"Queued {args.file.name} ({queued.size:,} bytes, {queued.changes:,} changes of device "
        f"{queued.device_id[:8]}): it goes to KPU at this laptop's next sync."
    )
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from desktop_app.ui.app import run_app
    except ImportError as exc:
        raise CliError(
            "The desk window is not part of this build yet; use the admin commands (lapang --help)."
        ) from exc
    return run_app(args)


def _show_gui_error(message: str) -> None:
    """The desk was started (from a menu, most likely, where stderr goes nowhere): say it in a
    window too. Without a display or the GUI package, stderr is all there is."""
    no_display = sys.platform.startswith("linux") and not any(
        os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    )
    if no_display:  # Qt would abort the process rather than raise
        return
    try:
        from desktop_app.ui.app import show_startup_error

        show_startup_error(message)
    except Exception:  # noqa: BLE001 - the message is already on stderr
        log.warning("could not show the startup error in a window")


def _progress_printer() -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r  {done:,} / {total:,}", end="" if done < total else "\n", file=sys.stderr)

    return show


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2029-02-14") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1 or value > 2_000_000:
        raise argparse.ArgumentTypeError("choose between 1 and 2,000,000 voters")
    return value


def build_parser() -> argparse.ArgumentParser:
    def common_options(default: object) -> argparse.ArgumentParser:
        options = argparse.ArgumentParser(add_help=False)
        options.add_argument(
            "--data-dir",
            type=pathlib.Path,
            default=default,
            help="vault folder (default: the user's data folder, or LAPANG_DATA_DIR)",
        )
        options.add_argument(
            "--officer", default=default, help="which officer profile to use on a shared laptop"
        )
        return options

    # The options work before or after the command; SUPPRESS keeps a subcommand's unset option
    # from overwriting one given before the command.
    common = common_options(argparse.SUPPRESS)

    parser = argparse.ArgumentParser(
        prog="lapang",
        parents=[common_options(None)],
        description="Lapang field desk. Without a command, starts the desk window.",
    )
    parser.add_argument("--version", action="version", version=f"lapang {build_stamp().label()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", parents=[common], help="create a new encrypted vault")
    p.add_argument(
        "--recovery-public-key",
        type=pathlib.Path,
        help="KPU recovery public key (PEM); default: the deployment's bundled key",
    )
    p.add_argument("--election-date", type=_date, help="election day used for age checks")
    p.add_argument(
        "--allow-dev-recovery-key",
        action="store_true",
        help="tests only: accept the development recovery key (such a vault cannot be recovered)",
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[common], help="fill a vault with synthetic demo voters")
    p.add_argument("--voters", type=_positive, default=5000)
    p.add_argument("--seed", type=int, default=2029)
    p.add_argument("--recovery-public-key", type=pathlib.Path)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("import-sidalih", parents=[common], help="import a Sidalih '#' CSV export")
    p.add_argument("file", type=pathlib.Path)
    p.add_argument("--show-errors", type=int, default=50, help="how many bad rows to list")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("verify", parents=[common], help="check the database and the audit chain")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("status", parents=[common], help="voters and queued changes")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "election-rules", parents=[common], help="show or set the rules that vary by election"
    )
    p.add_argument("--file", type=pathlib.Path, help="a JSON object of rule overrides to set")
    p.set_defaults(func=cmd_election_rules)

    p = sub.add_parser("passwd", parents=[common], help="change an officer's passphrase")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("add-officer", parents=[common], help="give another officer a passphrase")
    p.add_argument("name", help="the new officer's name")
    p.set_defaults(func=cmd_add_officer)

    p = sub.add_parser(
        "recover", parents=[common], help="KPU IT: open a vault with the recovery private key"
    )
    p.add_argument(
        "--private-key",
        type=pathlib.Path,
        required=True,
        help="KPU recovery private key (PEM; password in LAPANG_RECOVERY_KEY_PASSWORD)",
    )
    p.add_argument(
        "--print-key",
        action="store_true",
        help="print the raw SQLCipher key instead of setting a passphrase",
    )
    p.set_defaults(func=cmd_recover)

    p = sub.add_parser(
        "export-bundle",
        parents=[common],
        help="write everything waiting for KPU into one sealed file (for a USB stick)",
    )
    p.add_argument(
        "--out",
        type=pathlib.Path,
        default=pathlib.Path.cwd(),
        help="folder to write the bundle into (default: the current folder)",
    )
    p.set_defaults(func=cmd_export_bundle)

    p = sub.add_parser(
        "relay-bundle",
        parents=[common],
        help="carry another laptop's bundle to KPU at this laptop's next sync (Titipan)",
    )
    p.add_argument("file", type=pathlib.Path, help="the .lapang bundle file")
    p.set_defaults(func=cmd_relay_bundle)

    p = sub.add_parser(
        "import-bundle", parents=[common], help="apply a return bundle from KPU (USB stick)"
    )
    p.add_argument("file", type=pathlib.Path)
    p.set_defaults(func=cmd_import_bundle)

    p = sub.add_parser(
        "deployment",
        parents=[common],
        help="KPU IT: show the deployment settings in force (server, certificate, keys)",
    )
    p.set_defaults(func=cmd_deployment)

    cli_sync.add_commands(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.data_dir = args.data_dir or default_data_dir()
    func = getattr(args, "func", cmd_gui)
    setup_logging(args.data_dir)
    install_crash_handler()
    # Every start: the folder 0700, what Lapang keeps in it 0600. The vault is encrypted, so a
    # disk that cannot hold private modes is said loudly rather than refused.
    for problem in secure_data_dir(args.data_dir):
        log.warning("file modes: %s", problem.log_text)
        print(f"lapang: warning: {problem}", file=sys.stderr)
    try:
        # Read once, here: a bad file stops every command with a message naming the file and
        # the setting, before anything is created or sent.
        args.deployment = load_deployment()
    except DeploymentError as exc:
        log.warning("deployment settings refused: %s", exc)
        print(f"lapang: {exc}", file=sys.stderr)
        if func is cmd_gui:
            _show_gui_error(str(exc))
        return 1
    try:
        status = func(args)
        log.info("command %s finished with status %s", args.command or "gui", status)
        return status
    except cli_sync.NoConnection as exc:
        log.warning("command %s: no connection", args.command)
        print(f"lapang: {exc}", file=sys.stderr)
        return cli_sync.EXIT_OFFLINE
    except (StoreError, CliError, DeploymentError, cli_sync.SyncRefused) as exc:
        # Store, CLI and deployment messages hold no personal data, so they may be logged.
        log.warning("command %s refused: %s", args.command or "gui", exc)
        print(f"lapang: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lapang: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
