"""Store errors. Messages are written for the officer or the KPU IT admin who reads them, and never
carry personal data (they may end up in logs)."""


class StoreError(Exception):
    """Base class for everything the store refuses."""


class VaultNotFound(StoreError):
    pass


class VaultExists(StoreError):
    pass


class WrongPassphrase(StoreError):
    pass


class UnlockThrottled(StoreError):
    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(
            f"Too many wrong passphrases. Wait {wait_seconds:.0f} s before trying again."
        )


class UnknownOfficer(StoreError):
    pass


class VaultDamaged(StoreError):
    """The database or key-slot file is damaged, foreign or does not belong together."""


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
