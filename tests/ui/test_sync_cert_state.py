"""A server that answers with a certificate the laptop does not trust is not "no signal".

The real sync server on loopback over TLS, restarted on the same address with a certificate
from a CA the laptop never pinned (a deployment file older than KPU's switch, or a network that
intercepts TLS, look alike from the laptop). Before the fix the desk's connectivity watcher
took the refused handshake for silence and the status bar said "Luring" for as long as it
lasted, leaving the officer waiting for a signal and KPU IT with nothing to go on."""

from __future__ import annotations

import logging
import pathlib
from collections.abc import Iterator

import pytest

from lapang_core import protocol as p
from tests.conftest import OFFICER, PASSPHRASE
from tests.support.certs import make_tls
from tests.sync.test_key_rotation import Kpu, KpuServer
from tests.ui.helpers import wait_idle
from tests.ui.sync_helpers import enrolled_by_deployment, open_desk

UNTRUSTED = "Server tidak dikenali (sertifikat)"


@pytest.fixture()
def kpu(tmp_path: pathlib.Path) -> Kpu:
    cas = [make_tls(tmp_path / f"ca{i}", f"KPU Sync CA {2029 + i}") for i in range(2)]
    return Kpu(tmp_path, cas, [p.generate_key() for _ in range(2)])


@pytest.fixture()
def kpu_server(tmp_path: pathlib.Path, kpu: Kpu) -> Iterator[KpuServer]:
    server = KpuServer(tmp_path / "server")
    server.start(kpu.cas[0])
    try:
        yield server
    finally:
        server.stop()


def test_an_unknown_certificate_is_its_own_state_until_kpu_answers_again(
    qtbot, tmp_path: pathlib.Path, kpu: Kpu, kpu_server: KpuServer, recovery_keys, caplog
) -> None:
    pem = recovery_keys[1]
    deployment = kpu.deployment("deploy-2029", kpu_server.url, pem, with_next=False)
    data_dir, config = enrolled_by_deployment(tmp_path, kpu_server, deployment, pem)
    # Something else answers on KPU's address: a certificate from a CA the laptop never saw.
    intruder = make_tls(tmp_path / "intruder", "Penyadap Jaringan CA")
    kpu_server.stop()
    kpu_server.start(intruder)

    caplog.set_level(logging.INFO, logger="desktop_app.sync")
    window, desk = open_desk(qtbot, data_dir, config)
    state = desk.status.sync_state
    qtbot.waitUntil(lambda: state.text() == UNTRUSTED, timeout=10000)
    assert window.sync.link.value == "untrusted"
    tip = state.toolTip()
    assert "TI KPU" in tip and "berkas deployment baru" in tip and "jaringan ini" in tip

    # "Sinkronkan sekarang": the watcher's ping is refused again; no run starts, and the
    # status bar keeps the headline (not "Server KPU tidak terjangkau.").
    window.desk.act_sync.trigger()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=15000)
    wait_idle(qtbot, window)
    assert window.sync.last_report is None
    assert desk.status.problem.headline() == UNTRUSTED + "."
    # Whole at a field laptop's 1366 px, beside the counts: the state and the headline.
    assert window.screen().availableGeometry().width() == 1366
    assert state.fontMetrics().horizontalAdvance(state.text()) <= state.contentsRect().width()
    assert desk.status.problem.isVisible() and desk.status.problem.text() == UNTRUSTED + "."
    assert "berkas deployment baru" in desk.status.problem.toolTip()
    assert kpu_server.applied() == 0

    # The sync window says it too, above its tabs.
    desk.open_sync_history()
    dialog = desk.history_dialog
    assert dialog is not None
    assert dialog.link_warning.isVisible()
    assert "TI KPU" in dialog.link_warning.text()

    # The log says it once for KPU IT (not once per probe), with nothing about the officer.
    refusals = [r for r in caplog.records if "does not trust" in r.getMessage()]
    assert len(refusals) == 1 and refusals[0].levelno == logging.WARNING
    assert OFFICER not in caplog.text and PASSPHRASE not in caplog.text

    # KPU's own server answers again on the same address: the next probe puts it right.
    kpu_server.stop()
    kpu_server.start(kpu.cas[0])
    qtbot.waitUntil(lambda: state.text() == "Daring", timeout=10000)
    assert window.sync.link.value == "online"
    assert not dialog.link_warning.isVisible()
    assert any("no longer refused" in r.getMessage() for r in caplog.records)
    dialog.close()
    window.close()
