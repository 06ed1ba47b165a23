"""Pages written per durable save, by b-tree: what the save ratio of bench/store.py follows.

    python bench/store_pages.py --voters 200000 --saves 1200
    python bench/store_pages.py --voters 200000 --saves 1200 --order consecutive

SQLCipher encrypts and authenticates every page a transaction writes, so the encrypted/plain
ratio of a save follows the number of pages it writes. This counts them exactly, on a plain copy
of the store (same schema, pragmas and services as the app; the page count does not depend on the
key): the list is imported, the store reopened with automatic checkpoints off, and the saves
(sesuai / ubah / TMS-4 in turn, each a voter's first check) append their pages to the WAL. The
WAL's frame headers name each page written; SQLite's ``dbstat`` names the b-tree it belongs to.
``--order random`` checks voters anywhere in the list (a PDPB desk), ``consecutive`` one after
another (a coklit desk going through a TPS). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import random
import sqlite3
import struct
import tempfile

import repo_root  # noqa: F401 (puts the repository on sys.path)
from store import ELECTION, open_plain, save_first_check

from desktop_app.store.voter_import import import_voters
from desktop_app.store.voter_rows import imported_voter_id
from desktop_app.store.voter_service import VoterService
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows

WAL_HEADER = 32
FRAME_HEADER = 24


def frame_pages(wal: pathlib.Path) -> list[int]:
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    pages, offset = [], WAL_HEADER
    while offset + FRAME_HEADER <= len(data):
        pages.append(struct.unpack(">I", data[offset : offset + 4])[0])
        offset += FRAME_HEADER + page_size
    return pages


def page_owners(path: pathlib.Path) -> dict[int, str]:
    try:
        rows = sqlite3.connect(str(path)).execute("SELECT name, pageno FROM dbstat").fetchall()
    except sqlite3.OperationalError:  # this Python's SQLite was built without DBSTAT
        return {}
    return {pageno: name for name, pageno in rows}


def percentile(values: list[int], p: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=200_000)
    parser.add_argument("--saves", type=int, default=1200)
    parser.add_argument("--order", choices=("random", "consecutive"), default="random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=pathlib.Path, default=None, help="work folder (temp)")
    args = parser.parse_args()
    work = args.dir or pathlib.Path(tempfile.mkdtemp(prefix="lapang-pages-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / "plain.db"

    records = list(
        generate_voters(
            load_region_rows(demo_regions_path()),
            args.voters,
            seed=args.seed,
            election_date=ELECTION,
        )
    )
    store = open_plain(path)
    store.set_election_date(ELECTION)
    import_voters(store, records, source="bench")
    if args.order == "random":
        chosen = random.Random(args.seed).sample(records, args.saves)
    else:
        chosen = records[len(records) // 3 :][: args.saves]
    voter_ids = [imported_voter_id(r) for r in chosen]
    del records
    store.close()

    store = open_plain(path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    service = VoterService(store)
    wal = path.with_name(path.name + "-wal")
    frame_bytes = FRAME_HEADER + store.db.execute("PRAGMA page_size").fetchone()[0]
    per_save = []
    for i, voter_id in enumerate(voter_ids):
        before = wal.stat().st_size if wal.exists() else WAL_HEADER
        save_first_check(service, i, voter_id)
        per_save.append((wal.stat().st_size - max(before, WAL_HEADER)) // frame_bytes)
    pages = frame_pages(wal)
    store.close()  # checkpoints the WAL into the file dbstat reads
    owners = page_owners(path)

    # Page 1 holds the schema table's root and the file header; a save writes it when the file
    # grows (the header keeps the page count).
    by_tree = collections.Counter(
        "page 1 (the file grew)" if p == 1 else owners.get(p, "unknown") for p in pages
    )
    figures = {
        "voters": args.voters,
        "saves": args.saves,
        "order": args.order,
        "pages_per_save": round(len(pages) / args.saves, 2),
        "median": percentile(per_save, 50),
        "p90": percentile(per_save, 90),
        "p95": percentile(per_save, 95),
        "p99": percentile(per_save, 99),
        "by_btree": {name: round(n / args.saves, 2) for name, n in by_tree.most_common()},
    }
    print(
        f"Pages written per save: {args.saves:,} {args.order} first checks, {args.voters:,} voters"
    )
    print(f"{'b-tree':34} pages per save")
    for name, value in figures["by_btree"].items():
        print(f"{name:34} {value:.2f}")
    print(f"{'total':34} {figures['pages_per_save']:.2f}")
    print(
        f"one save: median {figures['median']}, p90 {figures['p90']}, p95 {figures['p95']}, "
        f"p99 {figures['p99']} pages"
    )
    if not owners:
        print("(this Python's SQLite has no DBSTAT: pages not mapped to b-trees)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
