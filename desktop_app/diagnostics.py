"""Logs and crash reports that never hold personal data.

Log records from our code carry codes, counts and ids only (the rule every module follows). A crash
report keeps the exception *type* and the stack (file, line, function) but drops the exception
message and every local variable, because a message can quote the value that failed to parse —
a NIK, a name — and the report is written outside the encrypted store."""

from __future__ import annotations

import logging
import logging.handlers
import os
import pathlib
import sys
import time
import traceback
from types import TracebackType

LOG_NAME = "lapang.log"
LOG_DIR_NAME = "logs"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files made 0600 (the umask would leave them 0644): they hold no personal data, but
    they do tell when and how the laptop was used."""

    # On Windows a log file another process holds open (lapang-admin beside the desk, a second
    # desk, a backup tool) cannot be renamed, so it cannot be rotated. The log then goes on in
    # the file it is in, and rotating is tried again this much later.
    rollover_retry_s = 60.0
    _rollover_blocked_until = 0.0

    def _open(self):  # noqa: ANN202 - RotatingFileHandler's own signature
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 - logging's name
        if time.monotonic() < self._rollover_blocked_until:
            return False
        return bool(super().shouldRollover(record))

    def doRollover(self) -> None:  # noqa: N802 - logging's name
        try:
            super().doRollover()
        except OSError:
            # The standard handler would drop this record and every later one that asks for
            # a rollover (each with a traceback on stderr): keep writing instead.
            self._rollover_blocked_until = time.monotonic() + self.rollover_retry_s
            if self.stream is None:
                self.stream = self._open()


def crash_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    lines = [f"Unhandled {exc_type.__module__}.{exc_type.__qualname__} (message withheld)"]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
    return "\n".join(lines)


def setup_logging(data_dir: pathlib.Path, *, level: int = logging.INFO) -> pathlib.Path:
    # The data folder first, so that it too is made 0700 rather than left to the umask as a
    # parent of the log folder (secure_data_dir tightens an existing one, and logs it).
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    log_dir = data_dir / LOG_DIR_NAME
    log_dir.mkdir(exist_ok=True, mode=0o700)
    path = log_dir / LOG_NAME
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
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
