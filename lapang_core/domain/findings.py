"""What a check found: errors block an action, warnings inform the officer.

Every finding carries a stable machine ``code`` (``"nik.length"``) that the GUI translates, and
an English ``message`` an officer can act on. Messages never contain the NIK, NKK, name, address
or date of birth being checked: findings may be logged, and those are protected data
(UU Adminduk, UU 27/2022).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable


class Severity(enum.Enum):
    ERROR = "error"  # the value cannot be accepted as entered
    WARNING = "warning"  # accepted, but the officer should look at it


@dataclasses.dataclass(frozen=True, slots=True)
class Finding:
    code: str
    field: str
    message: str
    severity: Severity


def error(code: str, field: str, message: str) -> Finding:
    return Finding(code, field, message, Severity.ERROR)


def warning(code: str, field: str, message: str) -> Finding:
    return Finding(code, field, message, Severity.WARNING)


@dataclasses.dataclass(frozen=True, slots=True)
class ValidationResult:
    """The findings of one check, in the order they were found.

    >>> result = ValidationResult.of([warning("nik.sex_mismatch", "nik", "...")])
    >>> result.ok, result.codes
    (True, ('nik.sex_mismatch',))
    """

    findings: tuple[Finding, ...] = ()

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> ValidationResult:
        return cls(tuple(findings))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when nothing blocks the action (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)

    def has(self, code: str) -> bool:
        return any(f.code == code for f in self.findings)

    def __add__(self, other: ValidationResult) -> ValidationResult:
        return ValidationResult(self.findings + other.findings)


class FindingError(ValueError):
    """A value was rejected; ``findings`` say why (all errors, first one is the message)."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        if not self.findings:
            raise ValueError("FindingError needs at least one finding")
        super().__init__(self.findings[0].message)

    @property
    def finding(self) -> Finding:
        return self.findings[0]
