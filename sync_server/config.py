"""Server settings, declared once with their types and defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib

from lapang_core import protocol
from sync_server.db import is_postgres_url


class ConfigError(ValueError):
    """The server settings contradict each other; the message names the option to fix."""


@dataclasses.dataclass(frozen=True, slots=True)
class ServerConfig:
    # The SQLite file (the default backend), or None when ``database_url`` is given.
    db_path: pathlib.Path | None = None
    # A postgresql:// URL: the scale-out backend (docs/sync-server.md).
    database_url: str | None = None
    # Evidence files of a SQLite server; default: "<db name>-attachments" next to the database.
    # A PostgreSQL server keeps evidence in the database; a folder given with it is only the
    # old one that ``migrate-evidence`` copies in.
    attachments_dir: pathlib.Path | None = None
    # Age is counted at the election date (UU 7/2017 Pasal 198). None: a new voter's age is
    # not checked here (the app checks it against the date it was configured with).
    election_date: dt.date | None = None
    clock_skew_seconds: int = protocol.CLOCK_SKEW_SECONDS
    max_body_bytes: int = protocol.MAX_BODY_BYTES
    max_chunk_bytes: int = protocol.MAX_CHUNK_BYTES
    max_attachment_bytes: int = protocol.MAX_ATTACHMENT_BYTES
    pull_page_max: int = protocol.PULL_PAGE_MAX
    # A request body that stalls this long between two reads is dropped (408). A 2G link that
    # still carries anything delivers a TCP segment far more often than this.
    body_idle_seconds: float = 30.0
    # ... and a body must arrive at this average rate (after the idle allowance): 1 KiB/s is
    # 8 kbit/s, below the worst GPRS link that still works, and far above a slowloris trickle.
    body_min_bytes_per_second: int = 1024
    # Request bodies held before their signature is checked, summed over all connections
    # (sync_server.http.BodyBudget). 64 MiB holds 64 full 1 MiB pushes or 256 full attachment
    # chunks arriving at once, far more than the laptops of one province send in step, while
    # a flood of stalled bodies from strangers costs the server no more than this.
    unverified_body_budget: int = 64 << 20
    # KPU's bundle private keys (PEM, from ``bundle-keygen``): the current one first, then any
    # being replaced. Without one the server cannot open bundles (POST /v1/relay refuses them).
    bundle_key_files: tuple[pathlib.Path, ...] = ()
    # The largest bundle another laptop may relay (Titipan). Relayed in chunks (PUT
    # /v1/relay/<id>), each chunk signed by the carrier, so no more than one chunk of it is ever
    # held unverified. A PPS office's week with its applicants' scans is ~56 MB
    # (docs/performance.md); the default is the bundle file's own limit.
    max_relay_bytes: int = 256 << 20
    # Laptops from before chunked relay send the whole bundle in one request (POST /v1/relay),
    # read before its signature can be checked, so it also counts against the unverified-body
    # budget (``relay_limit``). 64 MiB keeps those laptops relaying what they did before; lower
    # it once every laptop is updated, so no old carrier can hold most of the budget.
    max_relay_body_bytes: int = 64 << 20
    # Unfinished chunked relays stored for one carrier, summed over its uploads (the sizes they
    # announced). A carrier delivers one bundle after another, so two weeks of a PPS office
    # fit with room to spare; a broken or stolen laptop cannot fill the server's disk.
    relay_pending_bytes_per_carrier: int = 512 << 20
    # A chunked relay not continued for this long is dropped with its chunks (and no longer
    # counts against its carrier's cap). A carrier reaches signal about once a week (issue 15),
    # so an upload cut on one trip resumes on the next.
    relay_expiry_hours: float = 8 * 24.0
    # Prometheus metrics of this process on a listener of their own (sync_server.metrics);
    # None: no metrics listener. Never the API port: see docs/sync-server.md.
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"

    def __post_init__(self) -> None:
        largest = max(self.max_body_bytes, self.max_chunk_bytes)
        if self.unverified_body_budget < largest:
            raise ConfigError(
                f"The unverified body budget ({self.unverified_body_budget} bytes) must hold "
                f"at least one full request body ({largest} bytes)."
            )
        if self.relay_pending_bytes_per_carrier < self.max_relay_bytes:
            raise ConfigError(
                f"The unfinished relay bytes allowed per carrier "
                f"({self.relay_pending_bytes_per_carrier}) must hold at least one relayed bundle "
                f"of the largest size taken ({self.max_relay_bytes} bytes)."
            )
        if self.relay_expiry_hours <= 0:
            raise ConfigError("The relay expiry must be a positive number of hours.")
        if (self.db_path is None) == (self.database_url is None):
            raise ConfigError("Give either a SQLite database file or a postgresql:// URL.")
        if self.database_url is not None and not is_postgres_url(self.database_url):
            raise ConfigError("The database URL must start with postgresql://.")

    @classmethod
    def for_database(cls, target: str | pathlib.Path, **settings: object) -> ServerConfig:
        """Settings for ``target`` as an operator types it: a file path or a postgresql:// URL."""
        if is_postgres_url(target):
            return cls(database_url=str(target), **settings)  # type: ignore[arg-type]
        return cls(db_path=pathlib.Path(target), **settings)  # type: ignore[arg-type]

    @property
    def database(self) -> str | pathlib.Path:
        """What ``Repository.open`` and the admin CLI's ``--db`` take."""
        if self.database_url is not None:
            return self.database_url
        assert self.db_path is not None  # __post_init__: exactly one is set
        return self.db_path

    @property
    def evidence_in_database(self) -> bool:
        """PostgreSQL: evidence lives in the database, so processes share nothing else."""
        return self.database_url is not None

    @property
    def attachments_root(self) -> pathlib.Path:
        """The evidence folder of a SQLite server."""
        if self.attachments_dir is not None:
            return self.attachments_dir
        if self.db_path is None:
            raise ConfigError("A PostgreSQL server keeps evidence in the database, not a folder.")
        return self.db_path.with_name(f"{self.db_path.stem}-attachments")

    @property
    def relay_limit(self) -> int:
        """The largest bundle relayed in one request body (POST /v1/relay): never more than
        the unverified-body budget."""
        return min(self.max_relay_body_bytes, self.max_relay_bytes, self.unverified_body_budget)

    @property
    def relay_expiry_seconds(self) -> int:
        return int(self.relay_expiry_hours * 3600)

    def limits(self) -> dict[str, int]:
        """What the server advertises at enrollment: a client sizes its batches by these."""
        return {
            "max_body_bytes": self.max_body_bytes,
            "max_batch_changes": protocol.MAX_BATCH_CHANGES,
            "max_chunk_bytes": self.max_chunk_bytes,
            "max_attachment_bytes": self.max_attachment_bytes,
            "clock_skew_seconds": self.clock_skew_seconds,
            "pull_page_max": self.pull_page_max,
        }
