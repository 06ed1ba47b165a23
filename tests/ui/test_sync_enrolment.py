"""Enrolment through the first-run wizard and from the desk, with real codes made by the sync
server's admin API, on real windows: a good code downloads the area; a bad or expired code,
no signal and a wrong certificate each say why in Indonesian and keep the new vault."""

from __future__ import annotations

import dataclasses
import socket
import time

from PySide6.QtCore import Qt

from desktop_app.store import sync_state
from desktop_app.store.vault import Vault
from desktop_app.ui.desk import DeskView
from desktop_app.ui.sync.enrol_dialog import EnrolDialog
from tests.support.certs import make_tls
from tests.support.faultproxy import FaultProxy
from tests.support.sync_env import AREA, area_voters, start_server
from tests.ui.helpers import make_window, on_worker, wait_idle
from tests.ui.sync_helpers import AREA_VOTERS, sync_config

OFFICER = "Yohana Bere"
PASSPHRASE = "Perahu-motor ke Pulau 7"


def _to_enrol_page(qtbot, tmp_path, public_key_file, config):
    """First run: choose enrolment, create the vault; returns (window, enrol page)."""
    data_dir = tmp_path / "new"
    window = make_window(qtbot, data_dir, public_key_file, sync=config)
    wizard = window.page
    wizard.choose_enrol.setChecked(True)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.create_button.text() == "Buat dan &lanjut"
    wizard.officer.setText(OFFICER)
    wizard.passphrase.setText(PASSPHRASE)
    wizard.repeat.setText(PASSPHRASE)
    wizard.create_button.click()
    page = wizard.enrol_page
    qtbot.waitUntil(lambda: wizard.pages.currentWidget() is page, timeout=5000)
    assert Vault(data_dir).exists()  # the vault is made first, and stays whatever happens next
    assert OFFICER in page.intro.text()
    return window, page


def _voters(qtbot, window) -> int:
    return on_worker(
        qtbot, window, lambda s: s.db.execute("SELECT count(*) FROM voters").fetchone()[0]
    )


def test_the_wizard_enrols_with_a_real_code_and_downloads_the_area(
    qtbot, tmp_path, public_key_file, server
):
    window, page = _to_enrol_page(qtbot, tmp_path, public_key_file, sync_config(server.url))
    assert page.fields.server.text() == server.url  # the deployment's server, prefilled
    code = server.code()
    qtbot.keyClicks(page.fields.code, code.lower())
    assert page.fields.code.text() == code  # typed in any case, shown as printed
    progress = []
    page.enroller.progress.connect(progress.append)

    qtbot.mouseClick(page.enrol_button, Qt.MouseButton.LeftButton)
    assert not page.enrol_button.isEnabled() and page.fields.progress.isVisible()
    qtbot.waitUntil(lambda: isinstance(window.page, DeskView), timeout=15000)

    desk = window.desk
    wait_idle(qtbot, window)
    assert progress and progress[-1].phase == "pull"
    enrollment = on_worker(qtbot, window, lambda s: sync_state.require_enrollment(s.db))
    assert enrollment.area == AREA and enrollment.first_pull_done_at is not None
    assert enrollment.server_url == server.url and OFFICER in enrollment.label
    qtbot.waitUntil(lambda: desk.areas.tree_data is not None, timeout=5000)
    assert sum(t.voters for t in desk.areas.tree_data.tps) == AREA_VOTERS
    qtbot.waitUntil(lambda: desk.sync_panel.state.text() == "Daring", timeout=5000)
    assert not desk.act_enrol.isVisible()
    window.close()


def test_bad_and_expired_codes_say_why_and_the_desk_can_enrol_later(
    qtbot, tmp_path, public_key_file, server
):
    window, page = _to_enrol_page(qtbot, tmp_path, public_key_file, sync_config(server.url))
    page.fields.code.setText("ZZZZ-ZZZZ-ZZZZ")
    page.enrol()
    qtbot.waitUntil(lambda: page.enrol_button.isEnabled(), timeout=10000)
    assert "Kode pendaftaran tidak dikenal" in page.fields.message.text()
    assert page.enrol_button.text() == "Coba &lagi"

    expired = server.repo.create_enroll_code(AREA, 1.0, time.time() - 7200)
    page.fields.code.setText(expired)
    page.enrol()
    qtbot.waitUntil(lambda: page.enrol_button.isEnabled(), timeout=10000)
    assert "sudah kedaluwarsa" in page.fields.message.text()

    # Skip for now; enrol later from the desk.
    page.later_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, DeskView), timeout=5000)
    desk = window.desk
    qtbot.waitUntil(lambda: window.sync.status is not None, timeout=5000)
    assert desk.act_enrol.isVisible()
    assert desk.sync_panel.state.text() == "Luring"
    assert desk.sync_panel.last.text() == "Belum terdaftar di server KPU"
    assert _voters(qtbot, window) == 0

    desk.sync_now()  # F9 on a laptop that is not enrolled says what to do
    assert "belum terdaftar" in desk.status.currentMessage()

    # The status bar's button offers what has to happen first.
    button = desk.sync_panel.sync_button
    assert button.text() == "Daftarkan perangkat…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = desk.enrol_dialog
    assert isinstance(dialog, EnrolDialog) and dialog.fields.server.text() == server.url
    wait_idle(qtbot, window)
    assert not dialog.demo_warning.isVisible()  # real data: no demo warning
    dialog.fields.code.setText(server.code())
    with qtbot.waitSignal(dialog.finished, timeout=15000):
        dialog.enrol_button.click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not desk.act_enrol.isVisible(), timeout=5000)
    assert _voters(qtbot, window) == AREA_VOTERS
    qtbot.waitUntil(lambda: desk.sync_panel.state.text() == "Daring", timeout=5000)
    assert button.text() == "Sinkronkan sekarang"
    window.close()


def test_a_demo_vault_is_warned_before_it_enrols(qtbot, desk):
    """Invented voters must not reach a real KPU server by accident."""
    desk.open_enrol()
    dialog = desk.enrol_dialog
    qtbot.waitUntil(lambda: dialog.demo_warning.isVisible(), timeout=5000)
    assert "DEMO" in dialog.demo_warning.text()
    dialog.reject()


def test_no_signal_keeps_the_vault_and_offers_to_try_later(
    qtbot, tmp_path, public_key_file, server
):
    server.stop()
    window, page = _to_enrol_page(qtbot, tmp_path, public_key_file, sync_config(server.url))
    page.fields.code.setText("ABCD-EFGH-JKMN")
    page.enrol()
    qtbot.waitUntil(lambda: page.enrol_button.isEnabled(), timeout=10000)
    message = page.fields.message.text()
    assert "tidak dapat dihubungi" in message and "coba lagi saat ada sinyal" in message
    assert "lewati dulu" in message
    # One sentence on the data being kept, not two ("tetap tersimpan… sudah tersimpan").
    assert message.count("tersimpan") == 1
    assert page.later_button.isVisible()
    page.later_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, DeskView), timeout=5000)
    window.close()


def test_a_server_with_the_wrong_certificate_is_refused(qtbot, tmp_path, public_key_file):
    tls = make_tls(tmp_path / "tls")
    impostor_ca = make_tls(tmp_path / "impostor", "Not KPU CA").ca_cert
    server = start_server(
        tmp_path / "server", voters=area_voters(10), tls=(tls.server_cert, tls.server_key)
    )
    try:
        config = dataclasses.replace(sync_config(server.url), ca_file=impostor_ca)
        window, page = _to_enrol_page(qtbot, tmp_path, public_key_file, config)
        page.fields.code.setText(server.code())
        page.enrol()
        qtbot.waitUntil(lambda: page.enrol_button.isEnabled(), timeout=10000)
        assert "Sertifikat server tidak cocok" in page.fields.message.text()
        assert on_worker(qtbot, window, lambda s: sync_state.active_enrollment(s.db)) is None
        window.close()
    finally:
        server.stop()


def test_a_stalled_enrolment_can_be_cancelled_and_the_same_code_tried_again(
    qtbot, tmp_path, public_key_file, server
):
    """The signal goes while the enrolment request waits for its answer: Batal cuts it at once
    (not after the minute-long read timeout), and the same code still works afterwards."""
    with FaultProxy(("127.0.0.1", server.port)) as proxy:
        window, page = _to_enrol_page(qtbot, tmp_path, public_key_file, sync_config(proxy.url))
        page.fields.code.setText(server.code())
        proxy.configure(blackhole=True)
        page.enrol()
        assert page.cancel_button.isVisible()
        qtbot.waitUntil(lambda: proxy.connections > 0, timeout=5000)
        time.sleep(0.3)  # the request is on the wire; no answer will come
        started = time.monotonic()
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.enrol_button.isEnabled(), timeout=5000)
        assert time.monotonic() - started < 5
        assert "Dibatalkan" in page.fields.message.text()
        assert "kode yang sama" in page.fields.message.text()
        assert not page.cancel_button.isVisible()

        proxy.configure(blackhole=False)
        page.enrol()  # Coba lagi, the same code
        qtbot.waitUntil(lambda: isinstance(window.page, DeskView), timeout=15000)
    window.close()


def _real_config(url: str):
    """The desk's own retry policy and timeouts: nothing shortened for the test."""
    from desktop_app.ui.sync.config import SyncConfig
    from tests.ui.sync_helpers import KPU_KEY

    return SyncConfig(server_url=url, announcement_key=KPU_KEY.public_key())


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _time_to_say_unreachable(qtbot, page, bound: float) -> float:
    page.fields.code.setText("ABCD-EFGH-JKMN")
    started = time.monotonic()
    page.enrol()
    qtbot.waitUntil(lambda: page.enrol_button.isEnabled(), timeout=int(bound * 1000))
    elapsed = time.monotonic() - started
    assert "tidak dapat dihubungi" in page.fields.message.text()
    return elapsed


def test_a_closed_port_at_enrolment_is_reported_within_seconds(qtbot, tmp_path, public_key_file):
    url = f"http://127.0.0.1:{_closed_port()}"
    window, page = _to_enrol_page(qtbot, tmp_path, public_key_file, _real_config(url))
    # Was about 18 s: the retries meant for a lost answer, with nothing sent yet.
    assert _time_to_say_unreachable(qtbot, page, 12) < 3
    window.close()


def test_a_server_that_never_answers_at_enrolment_is_reported_within_seconds(
    qtbot, tmp_path, public_key_file
):
    # A listening socket nobody accepts on: the kernel completes the handshake, the request
    # goes out, and no answer ever comes (a hung server, a black-holed route).
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        window, page = _to_enrol_page(qtbot, tmp_path, public_key_file, _real_config(url))
        # Was a minute-long read timeout per try, six tries.
        assert _time_to_say_unreachable(qtbot, page, 15) < 8
        window.close()
