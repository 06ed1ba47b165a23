"""Where each change stands, on the real desk against the real server: changes sealed in a
bundle for a USB stick show as such (not as sent), "Terima dari flashdisk" applies KPU's return
bundle and they show as confirmed; a damaged return bundle is refused in words, nothing
changes."""

from __future__ import annotations

import dataclasses
import pathlib
import time

import pytest

from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export
from desktop_app.ui.sync.history import TAB_CHANGES
from lapang_core import protocol as p
from lapang_core.protocol import seal
from sync_server import bundles
from sync_server.attachments import AttachmentStore
from sync_server.return_bundle import write_return_bundle
from tests.support.sync_env import area_voters, start_server
from tests.ui.helpers import wait_idle
from tests.ui.sync_helpers import AREA_VOTERS, enrolled_vault, open_desk, sync_config

RETURN_KEY = p.generate_key()


@pytest.fixture()
def keyed(tmp_path: pathlib.Path):
    key_file = tmp_path / "bundle-key.pem"
    public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
    server = start_server(
        tmp_path / "server", voters=area_voters(AREA_VOTERS), bundle_key_files=(key_file,)
    )
    try:
        yield server, public, key_file
    finally:
        server.stop()


def _texts(table, column: int) -> list[str]:
    model = table.model_
    return [model.item(row, column).text() for row in range(model.rowCount())]


def test_sealed_changes_show_as_such_until_the_return_bundle_confirms_them(
    qtbot, tmp_path, keyed, recovery_keys
):
    server, bundle_public, key_file = keyed
    stick = tmp_path / "stick"
    exported: list[bundle_export.ExportedBundle] = []

    def seal_two(store) -> None:
        service = VoterService(store)
        ids = store.db.execute("SELECT id FROM voters ORDER BY id LIMIT 2").fetchall()
        for (voter_id,) in ids:
            service.mark_sesuai(voter_id)
        exported.append(bundle_export.export_bundle(store, stick, bundle_public))

    data_dir = enrolled_vault(tmp_path, server, recovery_keys[1], prepare=seal_two)
    config = dataclasses.replace(sync_config(server.url), return_key=RETURN_KEY.public_key())
    window, desk = open_desk(qtbot, data_dir, config)
    desk.mark_sesuai()  # a third change, in no bundle
    wait_idle(qtbot, window)

    desk.open_sync_history()
    history = desk.history_dialog
    history.tabs.setCurrentIndex(TAB_CHANGES)
    tab = history.changes
    qtbot.waitUntil(lambda: tab.loaded, timeout=5000)
    assert history.tabs.tabText(TAB_CHANGES) == "Perubahan"
    assert tab.summary.text() == (
        "1 menunggu dikirim, 2 dalam paket flashdisk belum dikonfirmasi KPU, "
        "0 dikonfirmasi KPU, 0 ditolak KPU."
    )
    assert _texts(tab.table, 2) == [
        "Menunggu dikirim",
        "Dalam paket flashdisk, belum dikonfirmasi KPU",
        "Dalam paket flashdisk, belum dikonfirmasi KPU",
    ]
    bundle_cells = _texts(tab.table, 3)
    assert bundle_cells[0] == "" and all(
        c.startswith(exported[0].path.name) for c in bundle_cells[1:]
    )
    assert desk.status.pending.text() == "Menunggu dikirim: 3"  # sealed is not sent

    # At the KPU office: the bundle is applied and the laptop's return bundle written.
    repo, cfg = server.repo, server.config
    attachments = AttachmentStore(
        cfg.attachments_root,
        repo,
        max_bytes=cfg.max_attachment_bytes,
        max_chunk=cfg.max_chunk_bytes,
    )
    data = exported[0].path.read_bytes()
    result = bundles.import_bundle(
        repo, attachments, bundles.load_bundle_keys([key_file]), data, time.time(), cfg
    )
    returns = tmp_path / "returns"
    returns.mkdir()
    written = write_return_bundle(
        repo, RETURN_KEY, result.device_id, returns, since=seal.read_header(data)["cur"]
    )

    # A damaged copy first: refused in words, nothing changes.
    damaged = tmp_path / "damaged.lapang"
    damaged.write_bytes(written.path.read_bytes()[:-10])
    assert not tab.result.isVisible()  # nothing to say yet: no blank line above the table
    tab.import_bundle(damaged)
    qtbot.waitUntil(lambda: "tidak lengkap" in tab.result.text(), timeout=5000)
    assert "Tidak ada yang disimpan" in tab.result.text() and tab.result.isVisible()
    assert tab.receive.isEnabled()
    assert _texts(tab.table, 2).count("Dalam paket flashdisk, belum dikonfirmasi KPU") == 2

    history.close()
    # "Terima dari flashdisk…" on the desk: the sync window on its Perubahan tab, a file to pick.
    assert desk.act_receive.isVisible()
    desk.act_receive.trigger()
    history = desk.history_dialog
    tab = history.changes
    assert history.tabs.currentIndex() == TAB_CHANGES
    picker = tab.file_dialog
    qtbot.waitUntil(lambda: picker.isVisible(), timeout=5000)
    with qtbot.waitSignal(tab.imported, timeout=5000):
        picker.selectFile(str(written.path))
        picker.accept()
    qtbot.waitUntil(lambda: tab.loaded, timeout=5000)
    assert tab.result.text().startswith("Paket balasan KPU diterapkan: 2 perubahan dikonfirmasi")
    assert tab.result.isVisible()
    assert tab.summary.text() == (
        "1 menunggu dikirim, 0 dalam paket flashdisk belum dikonfirmasi KPU, "
        "2 dikonfirmasi KPU, 0 ditolak KPU."
    )
    assert _texts(tab.table, 2) == ["Menunggu dikirim", "Dikonfirmasi KPU", "Dikonfirmasi KPU"]
    qtbot.waitUntil(lambda: desk.status.pending.text() == "Menunggu dikirim: 1", timeout=5000)
    # The history shows the bundle as a run of its own.
    qtbot.waitUntil(lambda: history.runs.runs.model_.rowCount() >= 2, timeout=5000)
    runs = history.runs.runs.model_
    assert [runs.item(0, c).text() for c in (1, 4)] == ["paket flashdisk", "2"]
