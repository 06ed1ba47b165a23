"""Desk preferences that must be readable before the vault is unlocked (the unlock screen is
already in the chosen language). They hold no personal data and no secrets, and live in a small
JSON file beside the vault. Each setting is declared once, with its type and default
(Electrum's ConfigVar)."""

from __future__ import annotations

import dataclasses
import json
import logging
import pathlib
from typing import Any

from desktop_app.store.secret_file import write_file_atomically

log = logging.getLogger(__name__)

SETTINGS_NAME = "desk_settings.json"
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120


@dataclasses.dataclass
class DeskSettings:
    language: str = "id"
    # Auto-lock: a shared laptop left open in a village hall must not stay open for long.
    idle_lock_minutes: int = 10
    last_officer: str = ""
    # The vault last opened here holds demo data: the unlock screen may then show the demo
    # passphrase (public, in the README) to a trainee who locked themselves out.
    demo_vault: bool = False
    # The folder the last evidence photo or scan was picked from (ui/file_folders.py).
    evidence_folder: str = ""
    # Per window: [x, y, width, height, maximised] of its client area, kept by ui/placement.py.
    window_geometry: dict = dataclasses.field(default_factory=dict)
    # Paper for printed forms: "A4" or "F4" (Folio, 215 × 330 mm; reports/paper.py).
    paper_size: str = "A4"

    @classmethod
    def load(cls, data_dir: pathlib.Path) -> DeskSettings:
        path = pathlib.Path(data_dir) / SETTINGS_NAME
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            # A damaged preferences file must never keep the officer out: use the defaults.
            log.warning("Ignoring unreadable %s: %s", SETTINGS_NAME, exc)
            return cls()
        settings = cls()
        if isinstance(raw, dict):
            for field in dataclasses.fields(cls):
                value = raw.get(field.name)
                if isinstance(value, type(getattr(settings, field.name))):
                    setattr(settings, field.name, value)
        settings.idle_lock_minutes = min(
            max(settings.idle_lock_minutes, MIN_IDLE_MINUTES), MAX_IDLE_MINUTES
        )
        return settings

    def save(self, data_dir: pathlib.Path) -> None:
        directory = pathlib.Path(data_dir)
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = json.dumps(dataclasses.asdict(self), indent=1).encode("utf-8")
        write_file_atomically(directory / SETTINGS_NAME, data)

    def save_quietly(self, data_dir: pathlib.Path) -> bool:
        """``save`` for what only makes the desk more comfortable (a window's place): a full or
        read-only disk is logged, never put in front of the officer."""
        try:
            self.save(data_dir)
        except OSError as exc:
            log.warning("Desk settings not saved: %s", exc.strerror)
            return False
        return True
