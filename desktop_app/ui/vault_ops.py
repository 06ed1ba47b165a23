"""Operations on the vault itself (run on the database worker): list officers, unlock, create,
make the demo vault. Each returns a small result the GUI thread can show."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from collections.abc import Callable
from typing import Any

from desktop_app.deployment import refuse_development_recovery_key
from desktop_app.store.demo import load_demo
from desktop_app.store.vault import Vault
from desktop_app.ui.operations import WorkerContext
from lapang_core.domain.election_rules import DEFAULT_ELECTION_RULES, ElectionRules


@dataclasses.dataclass(frozen=True)
class Opened:
    """The vault is unlocked on the worker; this is what the GUI needs to know about it."""

    officer: str
    election_date: dt.date
    demo: bool
    voters_loaded: int = 0
    election_rules: ElectionRules = DEFAULT_ELECTION_RULES


def _opened(ctx: WorkerContext, store: Any, voters_loaded: int = 0) -> Opened:
    ctx.attach_store(store)
    return Opened(
        store.officer,
        store.election_date,
        store.setting("demo") == "1",
        voters_loaded,
        store.election_rules,
    )


def list_officers(data_dir: pathlib.Path) -> Callable[[WorkerContext], list[str]]:
    def op(_ctx: WorkerContext) -> list[str]:
        return Vault(data_dir).officers()

    return op


def unlock(
    data_dir: pathlib.Path, officer: str, passphrase: str
) -> Callable[[WorkerContext], Opened]:
    def op(ctx: WorkerContext) -> Opened:
        return _opened(ctx, Vault(data_dir).unlock(officer, passphrase))

    return op


def create(
    data_dir: pathlib.Path,
    officer: str,
    passphrase: str,
    recovery_public_key: pathlib.Path,
    kdf: dict[str, Any] | None,
    *,
    deployment_file: pathlib.Path | None = None,
    allow_dev_recovery_key: bool = False,
) -> Callable[[WorkerContext], Opened]:
    """A real vault: refused with the development recovery key (``DevelopmentRecoveryKey``)
    unless a test allows it, since nobody could ever recover it."""

    def op(ctx: WorkerContext) -> Opened:
        pem = recovery_public_key.read_bytes()
        if not allow_dev_recovery_key:
            refuse_development_recovery_key(pem, recovery_public_key, deployment_file)
        return _opened(ctx, Vault(data_dir).create(officer, passphrase, pem, kdf=kdf))

    return op


def create_demo(
    data_dir: pathlib.Path,
    officer: str,
    passphrase: str,
    recovery_public_key: pathlib.Path,
    kdf: dict[str, Any] | None,
    voters: int,
) -> Callable[[WorkerContext], Opened]:
    """The demo vault: created with the documented demo passphrase and filled with invented
    voters. Progress goes to the wizard's progress bar."""

    def op(ctx: WorkerContext) -> Opened:
        pem = recovery_public_key.read_bytes()
        store = Vault(data_dir).create(officer, passphrase, pem, kdf=kdf)
        try:
            ctx.report(0, voters)
            report = load_demo(store, voters=voters, progress=ctx.report)
        except BaseException:
            store.close()
            raise
        return _opened(ctx, store, report.inserted)

    return op
