"""A sync engine in its own process, for the power-cut test (the parent kills it with SIGKILL).

    python -m tests.support.engine_child DATA_DIR OFFICER PASSPHRASE

Unlocks the vault, runs the engine until a run ends ``ok`` (at most 50 runs), and prints one
line per progress event (``push <done> <total>``) so the parent can pick its moment.
"""

from __future__ import annotations

import pathlib
import sys

from desktop_app.store.vault import Vault
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.pacing import RetryPolicy
from desktop_app.sync.run import SyncProgress


def main(argv: list[str]) -> int:
    data_dir, officer, passphrase = argv
    store = Vault(pathlib.Path(data_dir)).unlock(officer, passphrase)
    engine = SyncEngine.for_store(
        store, kpu_key=None, retry=RetryPolicy(attempts=8, first_delay=0.01, max_delay=0.05)
    )

    def show(progress: SyncProgress) -> None:
        print(progress.phase, progress.records_done, progress.records_total, flush=True)

    engine.add_listener(show)
    for _ in range(50):
        report = engine.run_once()
        print("run", report.outcome, report.confirmed, flush=True)
        if report.ok:
            print("done", flush=True)
            return 0
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
