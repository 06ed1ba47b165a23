"""Put the repository root on ``sys.path``. The benchmarks run as ``python bench/NAME.py`` (so
only ``bench/`` is on the path) and reuse ``tests/support`` — the fault proxy, the loopback server,
the PostgreSQL cluster — which is not an installed package."""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
