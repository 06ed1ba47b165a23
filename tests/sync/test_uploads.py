"""Evidence uploads from a real store to the real server: no other device can get in the way of
a laptop's uploads, and one file the server refuses never holds back the next."""

from __future__ import annotations

import hashlib
import random

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop_app.store import sync_state
from desktop_app.store.attachments import AttachmentInput
from desktop_app.store.voter_service import VoterService
from lapang_core import protocol as p
from tests.sync.conftest import Enrolled, enroll_store
from tests.sync_server.sync_helpers import DeviceClient


def _photo(seed: int) -> bytes:
    return b"\xff\xd8\xff\xe0" + random.Random(seed).randbytes(70_000)  # three 32 KiB chunks


def _mark_tms(enrolled: Enrolled, voter: int, photo: bytes) -> str:
    VoterService(enrolled.store).mark_tms(
        enrolled.server.voter_id(voter),
        1,
        "akta_kematian",
        f"474.3/{voter}/2025",
        AttachmentInput(photo, "image/jpeg"),
    )
    return hashlib.sha256(photo).hexdigest()


def _stored(enrolled: Enrolled, sha: str) -> bytes | None:
    path = enrolled.server.config.attachments_root / sha[:2] / sha
    return path.read_bytes() if path.exists() else None


def test_a_neighbour_announcing_a_photo_does_not_stop_the_laptops_uploads(
    enrolled: Enrolled,
) -> None:
    """Issue 11 item 3 as it was found: a second device of the area saw the photo's hash in its
    pull and announced the file with size 1. The owner's upload then always got "announced as
    1 bytes", every sync ended failed and a second, untouched photo never went either."""
    photos = [_photo(1), _photo(2)]
    hashes = [_mark_tms(enrolled, index, photo) for index, photo in enumerate(photos)]
    assert enrolled.engine.run_once(attachments=False).outcome == "partial"  # photos owed
    neighbour = DeviceClient(enrolled.server.url)
    assert neighbour.enroll(enrolled.server.code(), "neighbour").status_code == 200
    seen = {v.tms["attachment"] for page in neighbour.pull_all() for v in page.voters if v.tms}
    assert set(hashes) <= seen
    neighbour.request(
        "PUT",
        p.attachment_path(hashes[0], offset=0, size=1),
        b"x",
        content_type="application/octet-stream",
    )

    report = enrolled.engine.run_once()

    assert report.ok, (report.outcome, report.error_code, report.error_message)
    assert report.attachments == 2 and report.failed_uploads == []
    assert [_stored(enrolled, sha) for sha in hashes] == photos
    assert sync_state.pending_uploads(enrolled.store.db) == []


def test_a_file_the_server_refuses_is_named_and_the_next_file_still_goes(
    enrolled: Enrolled, kpu_public: Ed25519PublicKey
) -> None:
    """The engine goes on with the next file after a refused one, keeps the refused one
    queued, and the run says which file failed and why, by its hash only. The refusal here is
    a real one: the laptop was enrolled again (a new device id) while a photo of the old
    device's change was still owed, and only a device whose change names a file may send it."""
    store = enrolled.store
    owed = _mark_tms(enrolled, 0, _photo(3))
    assert enrolled.engine.run_once(attachments=False).outcome == "partial"
    again = enroll_store(store, enrolled.server, kpu_public)
    second_photo = _photo(4)
    fresh = _mark_tms(enrolled, 1, second_photo)
    # The refused file comes first in the queue: the one after it must not wait behind it.
    assert [u.sha256 for u in sync_state.pending_uploads(store.db)] == [owed]

    report = again.engine.run_once()

    assert report.outcome == "partial"
    assert report.attachments == 1 and _stored(enrolled, fresh) == second_photo
    (failed,) = report.failed_uploads
    assert (failed.sha256, failed.code, failed.kept) == (owed, "attachment_not_referenced", True)
    assert report.error_code == "attachment_failed"
    assert owed[:12] in report.error_message and "attachment_not_referenced" in report.error_message
    voter = enrolled.server.voters[0]
    for personal in (voter.nama, voter.nik, voter.nkk, voter.alamat):
        assert personal not in report.error_message
    (run,) = sync_state.recent_runs(store.db, 1)
    assert (run.outcome, run.error_code, run.error_message) == (
        "partial",
        "attachment_failed",
        report.error_message,
    )
    # Still owed, so still queued: the evidence must reach KPU some day.
    assert [u.sha256 for u in sync_state.pending_uploads(store.db)] == [owed]
    assert _stored(enrolled, owed) is None
