"""Server settings, declared once with their types and defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib

from desktop_app.sync import protocol


@dataclasses.dataclass(frozen=True, slots=True)
class ServerConfig:
    db_path: pathlib.Path
    # Evidence files; default: "<db name>-attachments" next to the database.
    attachments_dir: pathlib.Path | None = None
    # Age is counted at the election date (UU 7/2017 Pasal 198). None: a new voter's age is
    # not checked here (the app checks it against the date it was configured with).
    election_date: dt.date | None = None
    clock_skew_seconds: int = protocol.CLOCK_SKEW_SECONDS
    max_body_bytes: int = protocol.MAX_BODY_BYTES
    max_chunk_bytes: int = protocol.MAX_CHUNK_BYTES
    max_attachment_bytes: int = protocol.MAX_ATTACHMENT_BYTES
    pull_page_max: int = protocol.PULL_PAGE_MAX

    @property
    def attachments_root(self) -> pathlib.Path:
        if self.attachments_dir is not None:
            return self.attachments_dir
        return self.db_path.with_name(f"{self.db_path.stem}-attachments")

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
