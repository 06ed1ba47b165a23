"""Store errors. Messages are written for the officer or the KPU IT admin who reads them, and never
carry personal data (they may end up in logs)."""

import math


class StoreError(Exception):
    """Base class for everything the store refuses."""


class VaultNotFound(StoreError):
    pass


class VaultExists(StoreError):
    pass


class WrongPassphrase(StoreError):
    pass


class UnlockThrottled(StoreError):
    def __init__(self, wait_seconds: float, *, counter_damaged: bool = False) -> None:
        self.wait_seconds = wait_seconds
        self.counter_damaged = counter_damaged
        wait = max(1, math.ceil(wait_seconds))
        if counter_damaged:
            text = (
                "The wrong-passphrase counter (unlock_state.json) was damaged, so it cannot tell "
                f"how many guesses were made: wait {wait} s before trying again (the longest "
                "wait). The counter has been rewritten and works as before after that."
            )
        else:
            text = f"Too many wrong passphrases. Wait {wait} s before trying again."
        super().__init__(text)


class UnlockCounterUnwritable(StoreError):
    """The wrong-passphrase counter cannot be saved, so no passphrase is checked: otherwise
    guesses would go uncounted."""

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(
            f"The wrong-passphrase counter {file_name} in the vault folder cannot be written "
            f"({reason}), so no passphrase is checked until it can. Give this user write access "
            "to the vault folder (or free disk space) and try again; the vault is unchanged."
        )


class UnknownOfficer(StoreError):
    pass


class VaultDamaged(StoreError):
    """The database or key-slot file is damaged, foreign or does not belong together."""


class VaultInUse(StoreError):
    """Another program holds the database file so that it cannot be opened now (on Windows: a
    backup or antivirus program that opened it without sharing). Nothing was changed; it opens
    once that program lets go."""

    def __init__(self, file_name: str) -> None:
        super().__init__(
            f"{file_name} is held open by another program (a backup or antivirus program?), so "
            "it cannot be opened now. Nothing was changed: close that program or wait for it to "
            "finish, then try again."
        )
        self.file_name = file_name


class WeakPassphrase(StoreError):
    pass


class RecoveryError(StoreError):
    pass


class MigrationError(StoreError):
    pass


class RecordNotFound(StoreError):
    pass


class ValidationFailed(StoreError):
    """A domain rule blocked a write; ``result`` holds the findings (errors and warnings)."""

    def __init__(self, result: object, message: str | None = None) -> None:
        self.result = result
        errors = getattr(result, "errors", [])
        text = message or "; ".join(getattr(f, "message", str(f)) for f in errors)
        super().__init__(text or "The record does not pass validation.")


class ImportFailed(StoreError):
    pass


class OutcomeRefused(ValidationFailed):
    """The outcome asked for does not follow from the row's current one: ``current`` is the
    row's keterangan mark, ``wanted`` the outcome asked for ("sesuai" on an ubah row, "restore"
    on a row that is not TMS)."""

    def __init__(self, current: str, wanted: str, message: str) -> None:
        self.current = current
        self.wanted = wanted
        super().__init__(None, message)


class MoveNotUndoable(StoreError):
    """Only a TMS-8 move KPU refused as a whole, whose added voter is still on this laptop, can be
    undone."""
