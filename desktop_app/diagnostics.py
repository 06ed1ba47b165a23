"""Logs and crash reports that never hold personal data.

Log records from our code carry codes, counts and ids only (the rule every module follows). A crash
report keeps the exception *type* and the stack (file, line, function) but drops the exception
message and every local variable, because a message can quote the value that failed to parse —
a NIK, a name — and the report is written outside the encrypted store."""

from __future__ import annotations

import logging
import logging.handlers
import pathlib
import sys
import traceback
from types import TracebackType

LOG_NAME = "lapang.log"


def crash_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    lines = [f"Unhandled {exc_type.__module__}.{exc_type.__qualname__} (message withheld)"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    return "\n".join(lines)


def setup_logging(data_dir: pathlib.Path, *, level: int = logging.INFO) -> pathlib.Path:
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("desktop_app")
    root.setLevel(level)
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    return path


def install_crash_handler() -> None:
    """Route uncaught exceptions to the log as message-free crash reports."""
    log = logging.getLogger("desktop_app.crash")

    def handle(exc_type, exc, tb) -> None:  # noqa: ANN001 - sys.excepthook signature
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report = crash_report(exc_type, tb)
        log.error(report)
        print(report, file=sys.stderr)

    sys.excepthook = handle
