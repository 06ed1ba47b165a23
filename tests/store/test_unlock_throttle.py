"""The wrong-passphrase throttle on real vault files: every way a passphrase is checked counts and
waits the same, and a damaged counter file means the longest wait, never a crash."""

from __future__ import annotations

import json
import pathlib

import pytest

from desktop_app.store.errors import UnlockCounterUnwritable, UnlockThrottled, WrongPassphrase
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.throttle import MAX_WAIT_SECONDS
from desktop_app.store.vault import Vault
from tests.conftest import OFFICER, PASSPHRASE

NOW = 1_800_000_000.0
SECOND = "Yohanes Lado"
SECOND_PASS = "pulau-kecil-2029"


@pytest.fixture()
def locked(store, vault) -> Vault:
    """A closed vault with two officers, the throttle on a clock the test moves."""
    store.close()
    vault.add_officer(OFFICER, PASSPHRASE, SECOND, SECOND_PASS, kdf=TEST_KDF)
    clock = [NOW]
    vault.throttle._clock = lambda: clock[0]
    vault.clock = clock  # type: ignore[attr-defined]
    return vault


def _counter(vault: Vault) -> pathlib.Path:
    return vault.data_dir / "unlock_state.json"


def _wait_in_force(vault: Vault) -> None:
    _counter(vault).write_text(
        json.dumps({OFFICER: {"failures": 11, "last_failure": NOW}}), encoding="utf-8"
    )


def test_add_officer_and_passwd_wait_like_unlock_and_their_guesses_count(locked):
    _wait_in_force(locked)
    for _ in range(6):
        with pytest.raises(UnlockThrottled):
            locked.add_officer(OFFICER, "salah-tebak-lagi", "Penebak", "sandi-penebak-1")
    with pytest.raises(UnlockThrottled):
        locked.add_officer(OFFICER, PASSPHRASE, "Penebak", "sandi-penebak-1")
    with pytest.raises(UnlockThrottled):
        locked.change_passphrase(OFFICER, PASSPHRASE, "sandi-baru-panjang", kdf=TEST_KDF)
    assert "Penebak" not in locked.officers()

    locked.clock[0] += MAX_WAIT_SECONDS + 1
    _counter(locked).unlink()  # as KPU IT does after checking the laptop
    for _ in range(3):  # the free attempts, spent on add-officer
        with pytest.raises(WrongPassphrase):
            locked.add_officer(OFFICER, "salah-tebak-lagi", "Penebak", "sandi-penebak-1")
    with pytest.raises(UnlockThrottled):  # three used up: passwd waits 2 s as well
        locked.change_passphrase(OFFICER, "salah-tebak-lagi", "sandi-baru-panjang")
    locked.clock[0] += 3
    with pytest.raises(WrongPassphrase):
        locked.change_passphrase(OFFICER, "salah-tebak-lagi", "sandi-baru-panjang")
    assert locked.throttle.failures(OFFICER) == 4
    with pytest.raises(UnlockThrottled):  # ...and unlocking now waits for them
        locked.unlock(OFFICER, PASSPHRASE)
    locked.unlock(SECOND, SECOND_PASS).close()  # another officer's count is their own


DAMAGED = {
    "not JSON": b"{not json",
    "not UTF-8": b"\xff\xfe\x00garbage",
    "a list": b"[1, 2, 3]",
    "missing last_failure": json.dumps({OFFICER: {"failures": 5}}).encode(),
    "missing failures": json.dumps({OFFICER: {"last_failure": NOW}}).encode(),
    "entry not an object": json.dumps({OFFICER: 5}).encode(),
    "text numbers": json.dumps({OFFICER: {"failures": "5", "last_failure": "x"}}).encode(),
    "boolean count": json.dumps({OFFICER: {"failures": True, "last_failure": NOW}}).encode(),
    "negative count": json.dumps({OFFICER: {"failures": -7, "last_failure": NOW}}).encode(),
    "negative time": json.dumps({OFFICER: {"failures": 1, "last_failure": -5.0}}).encode(),
    "huge count": f'{{"{OFFICER}": {{"failures": {10**400}, "last_failure": {NOW}}}}}'.encode(),
    "huge time": json.dumps({OFFICER: {"failures": 4, "last_failure": 1e308}}).encode(),
    "NaN time": f'{{"{OFFICER}": {{"failures": 4, "last_failure": NaN}}}}'.encode(),
    "infinite time": f'{{"{OFFICER}": {{"failures": 4, "last_failure": Infinity}}}}'.encode(),
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_counter_means_the_longest_wait_then_works_again(locked, content):
    _counter(locked).write_bytes(content)
    with pytest.raises(UnlockThrottled) as waited:
        locked.unlock(OFFICER, PASSPHRASE)  # even the right passphrase waits
    assert waited.value.wait_seconds == MAX_WAIT_SECONDS
    assert waited.value.counter_damaged
    assert "damaged" in str(waited.value) and "300 s" in str(waited.value)
    # The file is sound again at once: a second look counts from the same moment.
    json.loads(_counter(locked).read_text(encoding="utf-8"))
    locked.clock[0] += 100
    with pytest.raises(UnlockThrottled) as still:
        locked.unlock(OFFICER, PASSPHRASE)
    assert still.value.wait_seconds == MAX_WAIT_SECONDS - 100

    locked.clock[0] += MAX_WAIT_SECONDS
    locked.unlock(OFFICER, PASSPHRASE).close()
    assert locked.throttle.failures(OFFICER) == 0


def test_an_unreadable_counter_makes_every_officer_wait(locked):
    _counter(locked).write_bytes(b"\x00" * 40)
    for officer, passphrase in ((OFFICER, PASSPHRASE), (SECOND, SECOND_PASS)):
        with pytest.raises(UnlockThrottled) as waited:
            locked.unlock(officer, passphrase)
        assert waited.value.wait_seconds == MAX_WAIT_SECONDS


def test_a_counter_that_cannot_be_written_refuses_the_check_clearly(locked):
    _counter(locked).mkdir()  # neither readable nor replaceable as a file
    with pytest.raises(UnlockCounterUnwritable, match="unlock_state.json.*cannot be written"):
        locked.unlock(OFFICER, PASSPHRASE)
    _counter(locked).rmdir()
    locked.unlock(OFFICER, PASSPHRASE).close()


def test_a_clock_set_back_does_not_lock_out_for_longer_than_the_wait(locked):
    _counter(locked).write_text(
        json.dumps({OFFICER: {"failures": 4, "last_failure": NOW + 3600}}), encoding="utf-8"
    )
    with pytest.raises(UnlockThrottled) as waited:
        locked.unlock(OFFICER, PASSPHRASE)
    assert waited.value.wait_seconds == 4.0 and not waited.value.counter_damaged
    locked.clock[0] += 5
    locked.unlock(OFFICER, PASSPHRASE).close()
