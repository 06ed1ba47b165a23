"""The KPU sync server: receives field changes from enrolled devices and serves their area's
data (docs/sync-protocol.md). Start it with ``python -m sync_server serve --db FILE``."""

from sync_server.app import create_app
from sync_server.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
