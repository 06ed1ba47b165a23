"""After demo data and a batch of updates, no file in the data folder holds a NIK, NKK or name in
the clear: not the database, the WAL, the SHM, backups, logs or key slots."""

from __future__ import annotations

import itertools
import logging

from desktop_app.diagnostics import setup_logging
from desktop_app.store.demo import load_demo
from desktop_app.store.voter_service import VoterService

VOTERS = 2000


def _all_bytes(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_no_personal_data_in_clear_anywhere_in_data_dir(store, vault):
    setup_logging(vault.data_dir, level=logging.DEBUG)  # the app's log lives in the data folder too
    load_demo(store, voters=VOTERS, seed=7)
    service = VoterService(store)
    rows = store.db.execute("SELECT id, nik, nkk, nama FROM voters LIMIT 300").fetchall()
    for i, (voter_id, *_rest) in enumerate(rows):
        if i % 3 == 0:
            service.mark_sesuai(voter_id)
        elif i % 3 == 1:
            service.ubah(voter_id, {"alamat": f"Jalan Pelabuhan No. {i}"})
        else:
            service.mark_tms(voter_id, 1, "surat_keterangan_kematian", f"SKK/{i}/2026")
    secrets = {
        value
        for _id, nik, nkk, nama in store.db.execute("SELECT id, nik, nkk, nama FROM voters")
        for value in (nik, nkk, nama)
    }
    secrets |= {f"Jalan Pelabuhan No. {i}" for i in range(1, 300, 3)}
    # A 3-letter name like "EKO" turns up by chance in megabytes of ciphertext; 6 bytes do not
    # (expected chance hits: size / 2**48).
    secrets = {s for s in secrets if len(s) >= 6}
    assert len(secrets) > 2 * VOTERS
    # Look while the store is open (WAL and SHM present) and after it is closed.
    files_open = _all_bytes(vault.data_dir)
    assert any(name.endswith("-wal") for name in files_open)
    store.close()
    files_closed = _all_bytes(vault.data_dir)
    for name, content in itertools.chain(files_open.items(), files_closed.items()):
        for secret in secrets:
            for encoding in ("utf-8", "utf-16-le"):
                assert secret.encode(encoding) not in content, f"{name} holds personal data"


def test_the_scan_would_catch_plaintext(tmp_path):
    """The scan above can fail: a plain file with a NIK is caught by the same check."""
    (tmp_path / "leak.log").write_text("saved voter 6111024107990001")
    files = _all_bytes(tmp_path)
    assert any(b"6111024107990001" in content for content in files.values())
