"""What the desk needs to know to sync: the deployment's server (prefilled when enrolling), the
certificate pinned for it, the KPU announcement key, and knobs tests turn (fast retries)."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.deployment import Deployment
    from desktop_app.sync.trust import ServerPins

AUTO_SYNC_SETTING = "sync.auto"  # kept in the vault: "1" (default) or "0"


@dataclasses.dataclass(frozen=True)
class SyncConfig:
    """``server_url`` is only the suggestion on the enrolment form: once enrolled, a laptop
    talks to the server its enrolment names. ``announcement_key`` is an Ed25519 public key or
    several (current and next); None means no announcement is trusted (none is shown)."""

    server_url: str | None = None
    ca_file: pathlib.Path | None = None
    announcement_key: Any = None
    # KPU's return key (Ed25519 public): return bundles it signs are applied; None: none is.
    return_key: Any = None
    # KPU's X25519 bundle key ("Kirim lewat flashdisk"); None: the action says to ask KPU IT.
    bundle_key: Any = None
    # Where other laptops' bundles wait to be delivered (Titipan); the desk sets it beside the
    # vault (desktop_app.sync.relay.relay_dir).
    relay_dir: pathlib.Path | None = None
    # Passed to the sync engine (``retry``, ``timeouts``, ``initial_batch`` ...): tests and the
    # benchmark use them; the field app keeps the engine's defaults.
    engine_options: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    # Passed to the connectivity watcher (``min_interval``, ``online_interval`` ...).
    watcher_options: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_deployment(cls, deployment: Deployment) -> SyncConfig:
        return cls(
            server_url=deployment.server_url,
            # Current and next pin and key: a key rotation never stops a laptop (sync-server.md).
            ca_file=deployment.pinned_ca_file(),
            announcement_key=deployment.announcement_keys,
            return_key=deployment.return_public_key,
            bundle_key=deployment.bundle_public_key,
        )

    def engine_kwargs(self, pins: ServerPins | None = None) -> dict[str, Any]:
        """Keyword arguments for ``SyncEngine.for_store`` and ``enrollment.register``; with
        ``pins``, the session's shared pin set (made from ``ca_file``) in its place."""
        relay = {"relay_dir": self.relay_dir} if self.relay_dir is not None else {}
        trust = {"pins": pins} if pins is not None else {"ca_file": self.ca_file}
        return {
            **trust,
            "kpu_key": self.announcement_key,
            **relay,
            **self.engine_options,
        }
