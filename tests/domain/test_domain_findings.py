import pytest

from lapang_core.domain.findings import (
    Finding,
    FindingError,
    Severity,
    ValidationResult,
    error,
    warning,
)


def test_ok_depends_only_on_errors():
    w = warning("x.warn", "x", "look")
    e = error("x.err", "x", "fix")
    assert ValidationResult().ok
    assert ValidationResult.of([w]).ok
    assert not ValidationResult.of([w, e]).ok


def test_errors_and_warnings_keep_order_and_split_by_severity():
    findings = [error("a", "f", "m"), warning("b", "f", "m"), error("c", "f", "m")]
    result = ValidationResult.of(findings)
    assert [f.code for f in result.errors] == ["a", "c"]
    assert [f.code for f in result.warnings] == ["b"]
    assert result.codes == ("a", "b", "c")
    assert result.has("b") and not result.has("z")


def test_results_add_up():
    combined = ValidationResult.of([error("a", "f", "m")]) + ValidationResult.of(
        [warning("b", "f", "m")]
    )
    assert combined.codes == ("a", "b")


def test_finding_is_frozen():
    finding = Finding("a", "f", "m", Severity.ERROR)
    with pytest.raises(AttributeError):
        finding.code = "b"  # type: ignore[misc]


def test_finding_error_carries_findings_and_message():
    exc = FindingError([error("a", "f", "first"), error("b", "f", "second")])
    assert isinstance(exc, ValueError)
    assert str(exc) == "first"
    assert exc.finding.code == "a"
    assert len(exc.findings) == 2
    with pytest.raises(ValueError):
        FindingError([])
