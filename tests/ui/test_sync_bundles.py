"""Sync without signal on real desk windows: "Kirim lewat flashdisk" writes the sealed bundle on
the worker and says what it holds; "Titipan" takes another laptop's bundle and the next sync
delivers it to the real server on loopback."""

from __future__ import annotations

import dataclasses
import pathlib
from collections.abc import Iterator

import pytest

from desktop_app.store.voter_service import VoterService
from desktop_app.sync import bundle_export, relay
from lapang_core.protocol import seal
from sync_server import bundles
from tests.support.sync_env import RunningServer, area_voters, start_server
from tests.ui.helpers import wait_idle
from tests.ui.sync_helpers import AREA_VOTERS, enrolled_vault, open_desk, sync_config


@dataclasses.dataclass
class KeyedServer:
    server: RunningServer
    public: object


@pytest.fixture()
def keyed(tmp_path: pathlib.Path) -> Iterator[KeyedServer]:
    key_file = tmp_path / "bundle-key.pem"
    public = seal.load_x25519_public(bundles.generate_bundle_key(key_file))
    server = start_server(
        tmp_path / "server", voters=area_voters(AREA_VOTERS), bundle_key_files=(key_file,)
    )
    try:
        yield KeyedServer(server, public)
    finally:
        server.stop()


def _three_sesuai(server: RunningServer):
    def prepare(store) -> None:
        for index in range(3):
            VoterService(store).mark_sesuai(server.voter_id(index))

    return prepare


def test_kirim_lewat_flashdisk_writes_the_bundle_and_says_what_it_holds(
    qtbot, tmp_path, keyed, recovery_keys
):
    data_dir = enrolled_vault(
        tmp_path, keyed.server, recovery_keys[1], prepare=_three_sesuai(keyed.server)
    )
    config = dataclasses.replace(sync_config(keyed.server.url), bundle_key=keyed.public)
    window, desk = open_desk(qtbot, data_dir, config)
    assert desk.bundles.act_send.isVisible() and desk.bundles.act_relay.isVisible()
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    desk.bundles.choose_folder = lambda: stick

    with qtbot.waitSignal(desk.bundles.finished, timeout=10000) as done:
        desk.bundles.act_send.trigger()
    wait_idle(qtbot, window)

    [written] = list(stick.iterdir())
    assert written.suffix == ".lapang"
    assert str(written) in done.args[0] and "3 perubahan" in done.args[0]
    assert desk.bundles.result_box.text() == done.args[0]
    assert desk.status.pending.text() == "Menunggu dikirim: 3"  # still waiting for KPU


def test_without_the_bundle_key_the_officer_is_told_to_call_kpu_it(
    qtbot, tmp_path, keyed, recovery_keys
):
    data_dir = enrolled_vault(
        tmp_path, keyed.server, recovery_keys[1], prepare=_three_sesuai(keyed.server)
    )
    window, desk = open_desk(qtbot, data_dir, sync_config(keyed.server.url))
    stick = tmp_path / "FLASHDISK"
    stick.mkdir()
    desk.bundles.choose_folder = lambda: stick
    with qtbot.waitSignal(desk.bundles.finished, timeout=10000) as done:
        desk.bundles.act_send.trigger()
    assert "bundle_public_key" in done.args[0] and "TI KPU" in done.args[0]
    assert list(stick.iterdir()) == []


def test_titipan_is_delivered_at_the_next_sync(qtbot, tmp_path, keyed, recovery_keys, store):
    # The owner: another laptop of the area with three changes and no signal.
    from desktop_app.sync.enrollment import enroll
    from tests.ui.sync_helpers import FAST_RETRY

    enroll(store, keyed.server.url, keyed.server.code(), retry=FAST_RETRY, kpu_key=None)
    _three_sesuai(keyed.server)(store)
    bundle = bundle_export.export_bundle(store, tmp_path / "stick", keyed.public)

    data_dir = enrolled_vault(tmp_path / "carrier", keyed.server, recovery_keys[1])
    window, desk = open_desk(qtbot, data_dir, sync_config(keyed.server.url))
    desk.bundles.choose_file = lambda: bundle.path
    with qtbot.waitSignal(desk.bundles.finished, timeout=10000) as done:
        desk.bundles.act_relay.trigger()
    assert "3 perubahan" in done.args[0]
    assert len(relay.queued(relay.relay_dir(data_dir))) == 1

    with qtbot.waitSignal(window.sync.run_finished, timeout=15000) as finished:
        desk.act_sync.trigger()
    wait_idle(qtbot, window)

    assert finished.args[0].relayed == 1
    assert relay.queued(relay.relay_dir(data_dir)) == []
    assert keyed.server.distinct_changes() == 3


def test_a_file_that_is_not_a_bundle_is_not_taken(qtbot, tmp_path, keyed, recovery_keys):
    data_dir = enrolled_vault(tmp_path, keyed.server, recovery_keys[1])
    window, desk = open_desk(qtbot, data_dir, sync_config(keyed.server.url))
    photo = tmp_path / "foto.lapang"
    photo.write_bytes(b"\xff\xd8\xff\xe0")
    desk.bundles.choose_file = lambda: photo
    with qtbot.waitSignal(desk.bundles.finished, timeout=10000) as done:
        desk.bundles.act_relay.trigger()
    assert "bukan bundel" in done.args[0]
    assert relay.queued(relay.relay_dir(data_dir)) == []


def test_a_refused_titipan_is_worded_for_the_officer(qtbot):
    from desktop_app.sync.run import SyncRunReport
    from desktop_app.ui.sync import wording

    report = SyncRunReport(outcome="partial", error_code="relay_refused")
    report.relay_refused.append("x.lapang: damaged")
    assert "titipan/ditolak" in wording.report_text(report)
    assert wording.report_problem(report).headline == "Titipan ditolak KPU (Ctrl+H)."
