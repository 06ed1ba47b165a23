"""A baru's eligibility conditions travel laptop -> KPU -> the other laptops of the area (server
migration 0012, store migration 11), through the real store, the real server on loopback and
real sync runs; a page without them (KPU's list, or a server from before 0012) leaves a
laptop's own values alone."""

from __future__ import annotations

import dataclasses
import pathlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import sync_inbox
from desktop_app.store.keyslots import TEST_KDF
from desktop_app.store.vault import Vault
from desktop_app.store.voter_service import VoterService
from tests.conftest import OFFICER, PASSPHRASE
from tests.sync.conftest import Enrolled, enroll_store

SK = "SKEP/12/III/2025"


def _status(store, voter_id: str) -> tuple:
    return store.db.execute(
        "SELECT status_tni_polri, sk_pemberhentian, hak_pilih_dicabut FROM voters WHERE id = ?",
        [voter_id],
    ).fetchone()


def test_a_retired_soldier_added_on_one_laptop_arrives_whole_on_the_other(
    tmp_path: pathlib.Path, enrolled: Enrolled, recovery_keys, kpu_public: Ed25519PublicKey
) -> None:
    service = VoterService(enrolled.store)
    listed = service.get(
        enrolled.store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 1").fetchone()[0]
    ).record
    person = dataclasses.replace(
        listed,
        nik=listed.nik[:12] + "9911",
        nama="Budi Santoso",
        status_tni_polri="berhenti",
        sk_pemberhentian=SK,
    )
    new_id = service.add_baru(person).voter_id
    assert enrolled.engine.run_once().outcome == "ok"

    other = Vault(tmp_path / "laptop-2").create(OFFICER, PASSPHRASE, recovery_keys[1], kdf=TEST_KDF)
    with other:
        second = enroll_store(other, enrolled.server, kpu_public)
        second.engine.client.close()
        assert _status(other, new_id) == ("berhenti", SK, 0)
        assert VoterService(other).get(new_id).record.sk_pemberhentian == SK


def test_a_page_without_the_conditions_leaves_the_laptops_own(enrolled: Enrolled) -> None:
    """A server from before 0012 sends rows without them: the laptop keeps what it recorded."""
    store = enrolled.store
    voter_id = store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 1").fetchone()[0]
    store.db.execute(
        "UPDATE voters SET status_tni_polri = 'berhenti', sk_pemberhentian = ? WHERE id = ?",
        [SK, voter_id],
    )
    row = dict(
        zip(
            sync_inbox.PULLED_VOTER_COLUMNS,
            store.db.execute(
                f"SELECT {', '.join(sync_inbox.PULLED_VOTER_COLUMNS)} FROM voters WHERE id = ?",
                [voter_id],
            ).fetchone(),
            strict=True,
        )
    )
    row["version"] += 1
    row["alamat"] = "Jl. Kenanga"  # KPU changed something else meanwhile
    with store.db.atomic():
        sync_inbox.upsert_pulled_voters(store.db, [row])
    assert _status(store, voter_id) == ("berhenti", SK, 0)
    assert store.db.execute("SELECT alamat FROM voters WHERE id = ?", [voter_id]).fetchone() == (
        "Jl. Kenanga",
    )
