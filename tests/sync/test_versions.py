"""Which version the desk asks for after a refusal (desktop_app.sync.versions): the rule alone;
tests/sync/test_version_fallback.py shows it against released servers."""

from __future__ import annotations

import pytest

from desktop_app.sync.versions import DocVersion, lower_version
from lapang_core import protocol as p


def _refused(**details: object) -> p.UnsupportedProtocol:
    return p.UnsupportedProtocol("Push batch version 3 is not one of those spoken.", **details)


@pytest.mark.parametrize(
    ("supported", "tried", "then"),
    [
        ([1, 2], 3, 2),  # the highest the server names
        ([2, 1], 3, 2),
        ([1], 3, 1),  # a server from before version 2: straight down, no step through 2
        ([1, 2, 3], 3, None),  # it speaks what was sent: the refusal is about something else
        ([4, 5], 3, None),  # only newer versions: nothing this desk can speak
        ([], 3, None),
        (["2", 1.0, True], 3, None),  # names that are not versions are not believed
    ],
)
def test_a_refusal_naming_versions_gives_the_highest_lower_one(
    supported: list[object], tried: int, then: int | None
) -> None:
    assert lower_version(_refused(supported=supported), tried) == then


def test_a_refusal_naming_nothing_steps_down_one_version_until_1() -> None:
    assert lower_version(_refused(), 3) == 2
    assert lower_version(_refused(), 2) == 1
    assert lower_version(_refused(), 1) is None


def test_only_a_pull_steps_down_on_malformed() -> None:
    malformed = p.MalformedRequest("Query parameter v must be an integer from 1 to 2.")
    assert lower_version(malformed, 3, pull=True) == 2
    assert lower_version(malformed, 1, pull=True) is None
    assert lower_version(malformed, 3) is None  # a push body the server could not read
    assert lower_version(p.InvalidChange("bad"), 3, pull=True) is None
    assert lower_version(p.ServerError("down"), 3, pull=True) is None  # retried, not lowered


def test_the_version_is_only_ever_lowered_until_reset() -> None:
    version = DocVersion()
    assert version.current == p.DOC_VERSIONS[-1] == 3
    version.settle(2)
    version.settle(3)  # a page answered at 3 by a fetch begun earlier does not raise it back
    assert version.current == 2
    version.reset()
    assert version.current == 3
