"""``lapang enroll`` and ``lapang sync``: the sync engine without the desk, for KPU IT setting up
laptops and for scheduled tasks (cron, Windows Task Scheduler).

Exit status: 0 done; 2 no connection (nothing is lost: everything unconfirmed stays queued,
run it again later); 1 anything else that needs a person (a refused code, a revoked device, a
gap KPU must release, an evidence file the server refused, a wrong passphrase). Progress goes to
stderr, the summary to stdout. The passphrase comes from ``LAPANG_PASSPHRASE`` or a prompt, as
for every other command.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

# The sync engine loads requests and the protocol: only these two commands need them, so they
# are imported when one runs, not whenever ``lapang`` starts.
if TYPE_CHECKING:
    from desktop_app.store.field_store import FieldStore
    from desktop_app.sync.client import SyncClient
    from desktop_app.sync.engine import SyncEngine
    from desktop_app.sync.run import SyncProgress, SyncRunReport

EXIT_DONE = 0
EXIT_ERROR = 1
EXIT_OFFLINE = 2
TRIGGER_CLI = "cli"
_PROGRESS_SECONDS = 2.0  # a line at most this often per phase: a log file, not a progress bar


class NoConnection(Exception):
    """The server did not answer; nothing was sent. Exit status 2."""


class SyncRefused(Exception):
    """The server answered but refused (a code, the device, the certificate), or there is no
    server to ask. Exit status 1."""


def cmd_enroll(args: argparse.Namespace) -> int:
    from desktop_app.cli import unlock
    from desktop_app.sync.enrollment import download_area

    server = args.server or args.deployment.server_url
    if not server:
        raise SyncRefused(
            "No server: give --server URL, or set server_url under [sync] in deployment.toml."
        )
    with unlock(args) as store:
        engine = _enrol(store, server, args)
        lines = _ProgressLines()  # the engine holds a bound method weakly: keep it here
        engine.add_listener(lines.show)
        result = download_area(engine)
    print(f"Enrolled as device {result.device_id} for {result.area} {result.area_name}.")
    return _finish(result.first_pull, "Area download")


def cmd_sync(args: argparse.Namespace) -> int:
    from desktop_app.cli import unlock
    from desktop_app.sync.engine import SyncEngine

    with unlock(args) as store:
        engine = SyncEngine.for_store(store, **_engine_options(args))
        try:
            _reach(engine.client)
            lines = _ProgressLines()  # the engine holds a bound method weakly: keep it here
            engine.add_listener(lines.show)
            report = engine.run_once(trigger=TRIGGER_CLI)
        finally:
            engine.client.close()
    return _finish(report, "Sync")


def _engine_options(args: argparse.Namespace) -> dict[str, Any]:
    deployment = args.deployment
    return {
        "ca_file": deployment.pinned_ca_file(),
        "kpu_key": deployment.announcement_keys,
    }


def _enrol(store: FieldStore, server: str, args: argparse.Namespace) -> SyncEngine:
    from desktop_app.sync.enrollment import register
    from desktop_app.sync.errors import (
        CertificateRejected,
        InsecureServerUrl,
        PinnedCertificateMissing,
        TransportError,
    )
    from lapang_core import protocol as p

    label = args.label or f"lapang {store.officer}"
    try:
        return register(store, server, args.code, label=label, **_engine_options(args))
    except TransportError as exc:
        raise NoConnection(
            f"The server {server} does not answer ({exc}). Nothing was sent."
        ) from None
    except (InsecureServerUrl, PinnedCertificateMissing, CertificateRejected) as exc:
        raise SyncRefused(str(exc)) from None
    except p.ProtocolError as exc:
        raise SyncRefused(f"The server refused the enrolment: {exc.message}") from None


def _reach(client: SyncClient) -> None:
    """One quick ping: a scheduled run without signal ends in seconds, recording nothing."""
    from desktop_app.sync.enrollment import REACH_TIMEOUTS
    from desktop_app.sync.errors import CertificateRejected, TransportError

    try:
        client.ping(REACH_TIMEOUTS)
    except TransportError as exc:
        raise NoConnection(
            f"The server {client.base_url} does not answer ({exc}). Everything not yet "
            "confirmed stays queued; run `lapang sync` again later."
        ) from None
    except CertificateRejected as exc:
        raise SyncRefused(str(exc)) from None


def _finish(report: SyncRunReport, what: str) -> int:
    print(
        f"{what}: {report.outcome}; {report.confirmed:,} change(s) confirmed, "
        f"{report.refused:,} refused, {report.pending:,} waiting; {report.pulled:,} voter row(s) "
        f"received; {report.attachments:,} evidence file(s) sent, {report.uploads_left:,} left."
    )
    if report.outcome == "ok":
        return EXIT_DONE
    message = report.error_message or report.outcome
    if report.outcome == "offline":
        print(
            f"lapang: no connection ({message}); everything not yet confirmed stays queued.",
            file=sys.stderr,
        )
        return EXIT_OFFLINE
    code = f" [{report.error_code}]" if report.error_code else ""
    print(f"lapang: {what.lower()} {report.outcome}{code}: {message}", file=sys.stderr)
    return EXIT_ERROR


class _ProgressLines:
    """Progress as plain lines on stderr: a new phase at once, then at most one line every
    ``_PROGRESS_SECONDS`` (a scheduled task's log stays short)."""

    def __init__(self) -> None:
        self._phase = ""
        self._shown = 0.0

    def show(self, progress: SyncProgress) -> None:
        now = time.monotonic()
        if progress.phase == self._phase and now - self._shown < _PROGRESS_SECONDS:
            return
        self._phase, self._shown = progress.phase, now
        total = "" if progress.records_total is None else f" / {progress.records_total:,}"
        print(
            f"  {progress.phase}: {progress.records_done:,}{total} ({progress.bytes_done:,} B)",
            file=sys.stderr,
            flush=True,
        )


def add_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """``enroll`` and ``sync`` on the ``lapang`` parser."""
    p_enroll = sub.add_parser(
        "enroll",
        parents=[common],
        help="enrol this laptop with KPU's sync server and download its area",
    )
    p_enroll.add_argument("code", help="the one-time code from KPU (XXXX-XXXX-XXXX)")
    p_enroll.add_argument(
        "--server", help="the server's address (default: server_url in deployment.toml)"
    )
    p_enroll.add_argument("--label", help="how KPU's device list names this laptop")
    p_enroll.set_defaults(func=cmd_enroll)

    p_sync = sub.add_parser(
        "sync",
        parents=[common],
        help="send queued changes, receive the area's news (exit 0 done, 2 no connection, 1 error)",
    )
    p_sync.set_defaults(func=cmd_sync)
