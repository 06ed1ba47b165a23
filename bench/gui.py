"""Desk responsiveness at scale: start to unlock screen, unlock to a usable desk, keystroke to
updated results, scrolling a million rows, the longest GUI-thread stall meanwhile, and the
longest GUI-thread stall while "Sinkronkan sekarang" sends 10,000 changes.

    QT_QPA_PLATFORM=offscreen python -m bench.gui --voters 1000000
    QT_QPA_PLATFORM=offscreen python -m bench.gui --data-dir /tmp/demo1m   # reuse a demo vault
    QT_QPA_PLATFORM=offscreen python -m bench.gui --sync-only              # just the sync figure
    QT_QPA_PLATFORM=offscreen python -m bench.gui --data-dir /tmp/demo1m --unlock-only --load 4

(Run from the repository root: the sync figure uses the test sync server in tests/support.)

Without --data-dir a demo vault with N invented voters is built in a temporary folder first
(about 20 s per million). The vault uses the real key derivation, so "unlock" includes it.
Prints a table, then as the last line one JSON object.

The sync figure: a real sync server (the one the tests use, SQLite) runs in a child process
on loopback — in the same process its work would hold the GIL and the figure would measure
the server, not the desk. A vault enrolled with it (area downloaded: as many voters as
changes) holds 10,000 queued changes (60 % sesuai, 25 % ubah, 15 % TMS); the desk is
unlocked and "Sinkronkan sekarang" pressed; the stall is the longest gap between 5 ms timer
ticks on the GUI thread from the press until the desk shows the run's outcome. The vault of
this part uses the cheap test key derivation (its unlock is not what is measured).

NIK search types a real voter's 16-digit NIK one digit at a time over all voters.

The area tree: how many rows its model holds once the desk is usable, and the GUI thread's time
to rebuild it from the tree the worker read (what every unlock, new voter and TMS-8 costs),
median of five. ``--unlock-only`` stops there (no searches, no sync).

``--load N`` keeps N busy processes running (a starved laptop) from a few seconds before the
unlock until the desk figures are taken; the load is reported as the mean number of runnable
threads on the machine sampled during the unlock (``/proc/loadavg``'s running count, what the
load average averages), beside the 1-minute load average, which lags.

"keystroke -> results" is measured from the moment the search runs (the 150 ms debounce after
the last key has elapsed) until the table shows the new first page; the debounce is reported
separately because it is a deliberate wait, not work.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

# Windows are fitted to their screen: measure on a field laptop's 1366x768, as the tests do,
# not on the offscreen platform's default 800x600.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    _screen = pathlib.Path(__file__).resolve().parents[1] / "tests/support/offscreen_1366x768.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

from desktop_app.cli import DEMO_OFFICER, DEMO_PASSPHRASE  # noqa: E402
from desktop_app.resources import resource_path  # noqa: E402

# Names are searched from two letters on (the desk ignores a single letter).
SEARCHES = (
    "si", "sit", "siti", "siti r", "siti ra", "ah", "ahm", "ahma", "ahmad", "yo", "yoh",
    "bu", "bud", "budi", "ma", "mar", "mari", "maria", "wa", "way",
)  # fmt: skip


class Stopwatch:
    """Measures the longest gap between GUI-thread timer ticks: a stall the officer would feel.

    A watchdog thread notes what the GUI thread was doing during the longest stall it saw
    (``where``), so a figure over target comes with its cause. It sees nothing while a C
    extension holds the GIL: then ``where`` names the other thread's frame too."""

    def __init__(self, app) -> None:
        from desktop_app.ui.qt import QTimer

        self._app = app
        self._last = time.perf_counter()
        self.longest = 0.0
        self.where = ""
        self.frame = ""  # the GUI thread's innermost Python function in the longest stall
        self._watched = 0.0
        self._watching = False
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def _watch(self) -> None:
        import threading
        import traceback

        gui = threading.main_thread().ident
        while self._watching:
            time.sleep(0.01)
            gap = time.perf_counter() - self._last
            if gap > max(0.05, self._watched):
                self._watched = gap
                frames = sys._current_frames()
                self.frame = innermost(frames[gui])
                lines = [f"GUI thread, {gap * 1000:.0f} ms into a stall:"]
                lines += traceback.format_stack(frames[gui], limit=8)
                for ident, frame in frames.items():
                    if ident not in (gui, threading.get_ident()):
                        lines.append("other thread: " + traceback.format_stack(frame)[-1])
                self.where = "".join(lines)

    def start(self) -> None:
        import threading

        self._last = time.perf_counter()
        self.longest = 0.0
        self.where = ""
        self.frame = ""
        self._watched = 0.0
        self._watching = True
        threading.Thread(target=self._watch, daemon=True).start()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        self._watching = False
        if self.longest > 0.1 and self.where:
            print(self.where, file=sys.stderr)
        return self.longest


def innermost(frame) -> str:
    """``module.function`` of a frame; ``spin`` means the GUI thread was inside Qt's
    processEvents with no Python of ours running: in Qt's own work or not scheduled."""
    module = pathlib.Path(frame.f_code.co_filename).stem
    return f"{module}.{frame.f_code.co_name}"


def spin(app, condition: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the desk did not get there in time")
        time.sleep(0.0005)


def child_startup(data_dir: str) -> int:
    """Run in a fresh interpreter: start the real app until the unlock screen lists officers."""
    t0 = float(os.environ["LAPANG_BENCH_T0"])
    from desktop_app.ui.app import AppConfig, MainWindow
    from desktop_app.ui.i18n import install_language
    from desktop_app.ui.qt import QApplication

    app = QApplication(sys.argv[:1])
    install_language("id")
    window = MainWindow(AppConfig(pathlib.Path(data_dir)))
    window.start()
    window.show()
    spin(app, lambda: window.page.officer.count() > 0)
    print(json.dumps({"startup_s": time.time() - t0}))
    window.close()
    return 0


def build_vault(data_dir: pathlib.Path, voters: int) -> None:
    from desktop_app.store.demo import load_demo
    from desktop_app.store.vault import Vault

    pem = resource_path("keys", "kpu_recovery_public.pem").read_bytes()
    store = Vault(data_dir).create(DEMO_OFFICER, DEMO_PASSPHRASE, pem)
    with store:
        load_demo(store, voters=voters)


def child_server(folder: str, voters: int) -> int:
    """Run in a separate process: a sync server with ``voters`` voters in the demo kecamatan;
    prints its address and an enrolment code, serves until stdin closes."""
    from tests.support.sync_env import area_voters, start_server

    server = start_server(pathlib.Path(folder), voters=area_voters(voters))
    print(json.dumps({"url": server.url, "code": server.code()}), flush=True)
    sys.stdin.read()
    applied = server.change_counts()
    server.stop()
    print(json.dumps({"applied": applied.get("applied", 0)}), flush=True)
    return 0


def build_sync_vault(data_dir: pathlib.Path, url: str, code: str, changes: int) -> None:
    """Enrol a new vault (downloading the area), queue ``changes`` changes, lock it."""
    from desktop_app.store.keyslots import TEST_KDF
    from desktop_app.store.vault import Vault
    from desktop_app.store.voter_service import VoterService
    from desktop_app.sync.enrollment import enroll
    from desktop_app.ui.sync.config import AUTO_SYNC_SETTING

    pem = resource_path("keys", "kpu_recovery_public.pem").read_bytes()
    store = Vault(data_dir).create(DEMO_OFFICER, DEMO_PASSPHRASE, pem, kdf=TEST_KDF)
    with store:
        result, engine = enroll(store, url, code, label="bench")
        engine.client.close()
        assert result.area_downloaded, "the area download did not finish"
        # The press is what is measured: the watcher must not start a run first.
        store.set_setting(AUTO_SYNC_SETTING, "0")
        service = VoterService(store)
        ids = [row[0] for row in store.db.execute("SELECT id FROM voters ORDER BY id")]
        assert len(ids) >= changes, f"the area has {len(ids)} voters, fewer than {changes}"
        with store.db.atomic():
            for i, voter_id in enumerate(ids[:changes]):
                kind = i % 20
                if kind < 12:
                    service.mark_sesuai(voter_id)
                elif kind < 17:
                    rt = "099" if service.get(voter_id).record.rt != "099" else "098"
                    service.ubah(voter_id, {"rt": rt})
                else:
                    service.mark_tms(voter_id, 1, "akta_kematian", f"474.3/{i}/2029")


def measure_sync(changes: int) -> dict:
    """The longest GUI-thread stall while the desk syncs ``changes`` queued changes."""
    from desktop_app.store.keyslots import TEST_KDF
    from desktop_app.ui.app import AppConfig, MainWindow
    from desktop_app.ui.qt import QApplication
    from desktop_app.ui.sync.config import SyncConfig

    repo_root = pathlib.Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        child = subprocess.Popen(
            [sys.executable, "-m", "bench.gui", "--child-server", str(folder / "server"),
             str(changes)],
            cwd=repo_root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        try:
            assert child.stdout is not None and child.stdin is not None
            server = json.loads(child.stdout.readline())
            t = time.perf_counter()
            build_sync_vault(folder / "vault", server["url"], server["code"], changes)
            print(
                f"enrolled and queued {changes:,} changes in {time.perf_counter() - t:.1f} s",
                file=sys.stderr,
            )
            app = QApplication.instance() or QApplication(sys.argv[:1])
            window = MainWindow(AppConfig(folder / "vault", kdf=TEST_KDF, sync=SyncConfig()))
            window.start()
            window.show()
            spin(app, lambda: window.page.officer.count() > 0)
            window.page.passphrase.setText(DEMO_PASSPHRASE)
            window.page.try_unlock()
            spin(app, lambda: window.desk is not None)
            desk, sync = window.desk, window.sync
            spin(app, lambda: desk.detail.voter is not None and sync.status is not None)
            spin(app, lambda: window.tasks.pending == 0)
            # Let the watcher's first probe answer, as it would before the officer reaches F9.
            spin(app, lambda: sync.link.value == "online", timeout=30)
            pending = sync.status.pending
            watch = Stopwatch(app)
            watch.start()
            t = time.perf_counter()
            desk.sync_now()
            spin(app, lambda: sync.last_report is not None and not sync.busy, timeout=600)
            spin(app, lambda: window.tasks.pending == 0)
            seconds = time.perf_counter() - t
            stall = watch.stop()
            report = sync.last_report
            window.close()
            child.stdin.close()
            applied = json.loads(child.stdout.readline())["applied"]
        finally:
            if child.poll() is None:
                child.kill()
            child.wait(30)
    if report.outcome != "ok" or report.confirmed != pending or applied != pending:
        raise RuntimeError(f"the sync did not complete: {report.outcome}, {report.confirmed}")
    return {
        "sync_changes": pending,
        "sync_seconds": round(seconds, 2),
        "sync_pulled": report.pulled,
        "longest_gui_stall_sync_ms": round(stall * 1000, 1),
    }


class BusyLoad:
    """``n`` processes spinning on a core each, and a sampler of runnable threads."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._children: list[subprocess.Popen] = []
        self._samples: list[int] = []
        self._sampling = False

    def __enter__(self) -> BusyLoad:
        for _ in range(self._n):
            self._children.append(subprocess.Popen([sys.executable, "-c", "while True: pass"]))
        if self._n:
            time.sleep(3)  # let the scheduler spread them before the figure starts
        return self

    def __exit__(self, *exc: object) -> None:
        for child in self._children:
            child.kill()
        for child in self._children:
            child.wait()

    def sample(self) -> None:
        """Start sampling runnable threads every 10 ms (until ``mean`` is read)."""
        import threading

        self._samples = []
        self._sampling = True

        def run() -> None:
            while self._sampling:
                self._samples.append(runnable_now())
                time.sleep(0.01)

        threading.Thread(target=run, daemon=True).start()

    def mean(self) -> float:
        self._sampling = False
        # The sampler itself is one of the runnable threads it counts.
        return statistics.mean(self._samples) - 1 if self._samples else 0.0


def runnable_now() -> int:
    with open("/proc/loadavg") as f:
        return int(f.read().split()[3].split("/")[0])


def rows_in(model, parent=None) -> int:
    """Rows a Qt item model holds now (rowCount never fetches, so counting makes none)."""
    from desktop_app.ui.qt import QModelIndex

    parent = parent if parent is not None else QModelIndex()
    count = model.rowCount(parent)
    return count + sum(rows_in(model, model.index(r, 0, parent)) for r in range(count))


def tree_rebuild_ms(app, desk) -> float:
    """The GUI thread's time to rebuild the area tree from the tree already read, median of 5.

    Calls the selector's private ``_show``: the worker's query is not GUI-thread time."""
    areas = desk.areas
    times = []
    for _ in range(5):
        t = time.perf_counter()
        areas._show(areas.tree_data)
        times.append(time.perf_counter() - t)
        app.processEvents()  # the view lays out what changed, as after a real rebuild
    return statistics.median(times) * 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def measure(
    data_dir: pathlib.Path, passphrase: str, load: BusyLoad, *, unlock_only: bool = False
) -> dict:
    env = dict(os.environ, LAPANG_BENCH_T0=repr(time.time()))
    out = subprocess.run(
        [sys.executable, __file__, "--child-startup", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    startup = json.loads(out.stdout.strip().splitlines()[-1])["startup_s"]

    from desktop_app.ui.app import AppConfig, MainWindow
    from desktop_app.ui.i18n import install_language
    from desktop_app.ui.qt import QApplication
    from desktop_app.ui.voter_list import SEARCH_DEBOUNCE_MS

    app = QApplication(sys.argv[:1])
    install_language("id")
    window = MainWindow(AppConfig(data_dir))
    window.start()
    window.show()
    spin(app, lambda: window.page.officer.count() > 0)
    watch = Stopwatch(app)

    # Unlock -> usable desk: area tree drawn, first list and its first page shown, detail filled.
    load.sample()
    loadavg_1m = os.getloadavg()[0]
    watch.start()
    t = time.perf_counter()
    window.page.passphrase.setText(passphrase)
    window.page.try_unlock()
    spin(app, lambda: window.desk is not None)
    desk = window.desk
    # Usable: the officer's TPS is listed and its first voter is in the detail panel (the NIK
    # index warm-up queued afterwards runs in the background and is not waited for).
    spin(app, lambda: desk.detail.voter is not None and 0 in desk.voters.model._pages)
    unlock_s = time.perf_counter() - t
    spin(app, lambda: window.tasks.pending == 0)
    stall_unlock = watch.stop()
    runnable = load.mean()
    loadavg_1m = max(loadavg_1m, os.getloadavg()[0])
    voters_total = sum(tps.voters for tps in desk.areas.tree_data.tps)
    tree = {
        "voters": voters_total,
        "runnable_threads_during_unlock": round(runnable, 1),
        "loadavg_1m": round(loadavg_1m, 1),
        "startup_to_unlock_screen_s": round(startup, 3),
        "unlock_to_usable_desk_s": round(unlock_s, 3),
        "longest_gui_stall_unlock_ms": round(stall_unlock * 1000, 1),
        "unlock_stall_frame": watch.frame if stall_unlock > 0.05 else "",
        "area_tps": len(desk.areas.tree_data.tps),
        "area_rows_after_unlock": rows_in(desk.areas.model),
        "area_tree_rebuild_ms": round(tree_rebuild_ms(app, desk), 1),
    }
    if unlock_only:
        window.close()
        return tree
    model = desk.voters.model

    def shown() -> bool:
        return not model.loading and (model.rowCount() == 0 or 0 in model._pages)

    def timed_query(text: str) -> float:
        desk.voters.search.setText(text)  # starts the debounce timer
        start = time.perf_counter()
        desk.voters.apply(force=True)  # what the timer does when it fires
        spin(app, lambda: shown() and window.tasks.pending == 0)
        return time.perf_counter() - start

    # "Semua wilayah": every voter in the store.
    watch.start()
    t = time.perf_counter()
    desk.areas.select_area(None)
    spin(app, lambda: shown() and window.tasks.pending == 0)
    all_area_s = time.perf_counter() - t

    # Scroll to the last of a million rows and wait until it is on screen.
    t = time.perf_counter()
    desk.voters.table.scrollToBottom()
    last = model.rowCount() - 1
    spin(app, lambda: model.row_at(last) is not None)
    scroll_s = time.perf_counter() - t
    last_nik = model.row_at(last).nik

    global_search = [timed_query(text) for text in SEARCHES]
    # A real voter's NIK typed digit by digit, all 16, over every voter: the last row's, so
    # the early prefixes match many voters and the later ones few, then one.
    nik_search = [timed_query(last_nik[:n]) for n in range(1, len(last_nik) + 1)]
    timed_query("")
    first_tps = desk.areas.tree_data.tps[0].tps_id
    desk.areas.select_area(first_tps)
    spin(app, lambda: shown() and window.tasks.pending == 0)
    tps_search = [timed_query(text) for text in SEARCHES]
    stall_search = watch.stop()

    keystrokes = global_search + nik_search + tps_search
    result = {
        **tree,
        "all_voters_list_s": round(all_area_s, 3),
        "scroll_to_last_row_ms": round(scroll_s * 1000, 1),
        "keystroke_p50_ms": round(statistics.median(keystrokes) * 1000, 1),
        "keystroke_p95_ms": round(percentile(keystrokes, 0.95) * 1000, 1),
        "keystroke_max_ms": round(max(keystrokes) * 1000, 1),
        "search_name_all_p95_ms": round(percentile(global_search, 0.95) * 1000, 1),
        "search_nik_all_p95_ms": round(percentile(nik_search, 0.95) * 1000, 1),
        "search_name_tps_p95_ms": round(percentile(tps_search, 0.95) * 1000, 1),
        "debounce_ms": SEARCH_DEBOUNCE_MS,
        "longest_gui_stall_lists_ms": round(stall_search * 1000, 1),
    }
    window.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=1_000_000)
    parser.add_argument("--data-dir", type=pathlib.Path, help="an existing demo vault to reuse")
    parser.add_argument("--passphrase", default=DEMO_PASSPHRASE)
    parser.add_argument(
        "--sync-changes",
        type=int,
        default=10_000,
        help="changes sent by the sync figure (0: leave the sync figure out)",
    )
    parser.add_argument(
        "--sync-only", action="store_true", help="only the sync figure (no million-voter vault)"
    )
    parser.add_argument(
        "--unlock-only",
        action="store_true",
        help="only start, unlock and the area tree (no searches, no sync figure)",
    )
    parser.add_argument(
        "--load", type=int, default=0, help="busy processes kept running during the desk figures"
    )
    parser.add_argument("--child-startup", help=argparse.SUPPRESS)
    parser.add_argument("--child-server", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_startup:
        return child_startup(args.child_startup)
    if args.child_server:
        return child_server(args.child_server[0], int(args.child_server[1]))

    result: dict = {}
    if not args.sync_only:
        result.update(measure_desk(args))
    if args.sync_changes and not args.unlock_only:
        result.update(measure_sync(args.sync_changes))
    print_table(result)
    print(json.dumps(result))
    return 0


def measure_desk(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if data_dir is None:
            data_dir = pathlib.Path(tmp) / "vault"
            t = time.perf_counter()
            build_vault(data_dir, args.voters)
            took = time.perf_counter() - t
            print(f"built a demo vault of {args.voters:,} voters in {took:.1f} s", file=sys.stderr)
        with BusyLoad(args.load) as load:
            return measure(data_dir, args.passphrase, load, unlock_only=args.unlock_only)


def print_table(r: dict) -> None:
    rows = []
    if "voters" in r:
        rows += [
            ("voters in the vault", f"{r['voters']:,}"),
            ("start -> unlock screen", f"{r['startup_to_unlock_screen_s']:.2f} s"),
            (
                "unlock -> usable desk (incl. key derivation)",
                f"{r['unlock_to_usable_desk_s']:.2f} s",
            ),
            (
                "load: runnable threads during unlock / 1-min average",
                f"{r['runnable_threads_during_unlock']:.1f} / {r['loadavg_1m']:.1f}",
            ),
            ("longest GUI-thread stall, unlocking", f"{r['longest_gui_stall_unlock_ms']:.0f} ms"),
            (
                "area tree: TPS / rows made at unlock",
                f"{r['area_tps']:,} / {r['area_rows_after_unlock']:,}",
            ),
            ("area tree rebuild on the GUI thread", f"{r['area_tree_rebuild_ms']:.1f} ms"),
        ]
    if "all_voters_list_s" in r:
        rows += [
            ("'Semua wilayah' list of every voter", f"{r['all_voters_list_s']:.2f} s"),
            ("scroll to the last row", f"{r['scroll_to_last_row_ms']:.0f} ms"),
            ("keystroke -> results, p50", f"{r['keystroke_p50_ms']:.1f} ms"),
            ("keystroke -> results, p95 (target <= 50 ms)", f"{r['keystroke_p95_ms']:.1f} ms"),
            ("keystroke -> results, max", f"{r['keystroke_max_ms']:.1f} ms"),
            ("  name search, all voters, p95", f"{r['search_name_all_p95_ms']:.1f} ms"),
            ("  NIK search, all voters, p95", f"{r['search_nik_all_p95_ms']:.1f} ms"),
            ("  name search within a TPS, p95", f"{r['search_name_tps_p95_ms']:.1f} ms"),
            ("  + debounce after the last key", f"{r['debounce_ms']} ms"),
            (
                "longest GUI-thread stall, lists/search",
                f"{r['longest_gui_stall_lists_ms']:.0f} ms",
            ),
        ]
    if "sync_changes" in r:
        rows += [
            ("changes sent by 'Sinkronkan sekarang' (loopback)", f"{r['sync_changes']:,}"),
            ("  sync run, press -> outcome shown", f"{r['sync_seconds']:.1f} s"),
            (
                "longest GUI-thread stall during the sync (target <= 100 ms)",
                f"{r['longest_gui_stall_sync_ms']:.0f} ms",
            ),
        ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    raise SystemExit(main())
