"""The embedded demo: real region codes for a few remote kabupaten and a synthetic voter list."""

from __future__ import annotations

from collections.abc import Callable

from desktop_app.store.errors import StoreError
from desktop_app.store.field_store import FieldStore
from desktop_app.store.voter_import import ImportReport, import_voters, load_regions
from desktop_app.synthetic import demo_regions_path, generate_voters, load_region_rows


def load_demo(
    store: FieldStore,
    *,
    voters: int,
    seed: int = 2029,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    existing = store.db.execute("SELECT count(*) FROM voters").fetchone()[0]
    if existing and store.setting("demo") != "1":
        raise StoreError(
            f"This vault already holds {existing:,} real voters; demo data is only added to an "
            "empty or demo vault. Use another --data-dir for the demo."
        )
    regions = load_region_rows(demo_regions_path())
    load_regions(store, regions)
    store.set_setting("demo", "1")

    def counted():
        for i, record in enumerate(
            generate_voters(regions, voters, seed=seed, election_date=store.election_date), 1
        ):
            if progress and (i % 10_000 == 0 or i == voters):
                progress(i, voters)
            yield record

    return import_voters(store, counted(), source=f"demo seed={seed}")
