"""The desk through two of KPU's key rotations with the deployment file it was installed with,
against the real sync server on loopback over TLS: the officer's "Sinkronkan sekarang" asks
the connectivity watcher's quiet ping first, so that ping must trust the certificate the vault
learned from KPU's signed rotation, as the engine does. Before the fix it pinned only the
deployment file: after the second switch the desk said "no signal" for a server in reach."""

from __future__ import annotations

import pathlib
from collections.abc import Iterator

import pytest

from desktop_app.store.learned_trust import learned_trust
from lapang_core import protocol as p
from tests.support.certs import make_tls
from tests.sync.test_key_rotation import Kpu, KpuServer, announce
from tests.ui.helpers import on_worker, wait_idle
from tests.ui.sync_helpers import enrolled_by_deployment, open_desk


@pytest.fixture()
def kpu(tmp_path: pathlib.Path) -> Kpu:
    cas = [make_tls(tmp_path / f"ca{i}", f"KPU Sync CA {2029 + i}") for i in range(3)]
    return Kpu(tmp_path, cas, [p.generate_key() for _ in range(3)])


@pytest.fixture()
def kpu_server(tmp_path: pathlib.Path, kpu: Kpu) -> Iterator[KpuServer]:
    server = KpuServer(tmp_path / "server")
    server.start(kpu.cas[0])
    try:
        yield server
    finally:
        server.stop()


def _sync_now(qtbot, window):
    """Press "Sinkronkan sekarang" and wait until the desk is idle again; the run's report,
    or None when the watcher's ping found no server (no run started)."""
    before = window.sync.last_report
    window.desk.act_sync.trigger()
    qtbot.waitUntil(lambda: not window.sync.busy, timeout=15000)
    wait_idle(qtbot, window)
    report = window.sync.last_report
    return None if report is before else report


def test_after_two_rotations_the_desk_still_finds_kpu_and_sends_the_queue(
    qtbot, tmp_path: pathlib.Path, kpu: Kpu, kpu_server: KpuServer, recovery_keys
) -> None:
    pem = recovery_keys[1]
    deployment = kpu.deployment("deploy-2029", kpu_server.url, pem, with_next=True)
    data_dir, config = enrolled_by_deployment(tmp_path, kpu_server, deployment, pem)
    # KPU announces the pair after next, signed with the key in use, then switches to next.
    announce(
        kpu_server,
        "announce-rotation",
        "--next-announcement-key",
        str(kpu.public_key_file(2)),
        "--next-ca",
        str(kpu.cas[2].ca_cert),
        "--kpu-key",
        str(kpu.private_key_file(0)),
    )
    kpu_server.stop()
    kpu_server.start(kpu.cas[1])

    window, desk = open_desk(qtbot, data_dir, config)
    first = _sync_now(qtbot, window)  # the deployment's next pin lets it in
    assert first is not None and first.ok, first
    learned = on_worker(qtbot, window, lambda s: learned_trust(s.db).ca_pems)
    assert learned == (kpu.cas[2].ca_cert.read_text(),)

    # The second switch, while the desk stays open: only the learned pin lets anyone in.
    kpu_server.stop()
    kpu_server.start(kpu.cas[2])
    desk.mark_sesuai()
    qtbot.waitUntil(lambda: desk.status.pending.text() == "Menunggu dikirim: 1", timeout=5000)
    second = _sync_now(qtbot, window)
    assert second is not None, "the watcher's ping took KPU's server for no signal"
    assert second.ok and second.confirmed == 1, second
    assert window.sync.link.value == "online"
    window.close()

    # The app started again (a new session, a new watcher), the deployment file unchanged.
    window, _desk = open_desk(qtbot, data_dir, config)
    # The new watcher's first ping finds the server on its own ("Daring"), no run needed.
    qtbot.waitUntil(lambda: window.sync.link.value == "online", timeout=5000)
    third = _sync_now(qtbot, window)
    assert third is not None, "the watcher's ping took KPU's server for no signal"
    assert third.ok, third
    assert window.sync.link.value == "online" and kpu_server.applied() == 1
    window.close()
