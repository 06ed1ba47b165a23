"""The desk's forms filled from the keyboard, as an officer does it: Tab follows the eye in every
form, dates are typed the way officers type them, and the NIK fills what it encodes."""

from __future__ import annotations

from desktop_app.domain.recruitment import AdhocBody
from tests.ui.helpers import unlock, wait_idle
from tests.ui.recruitment_helpers import DESA, new_form, open_window
from tests.ui.tab_order import assert_tab_follows_the_eye


def _shown(qtbot, dialog) -> None:
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


# -- Tab follows the eye ---------------------------------------------------------------------------
def test_tab_walks_the_recruitment_form_in_the_order_it_is_read(qtbot, window):
    unlock(qtbot, window)
    rec = open_window(qtbot, window)
    page = new_form(qtbot, rec, AdhocBody.PPS, DESA)
    form = page.form
    identity = form.fields["nik"].parentWidget().parentWidget()  # the identity group box
    health = form.fields["kesehatan.sistolik"].parentWidget().parentWidget()
    walked = assert_tab_follows_the_eye(qtbot, [identity, health, form.statements, form.documents])
    names = [w.objectName() for w in walked]
    # The two fields Tab used to jump over sit between their neighbours.
    assert names.index("jenis_kelamin") == names.index("tanggal_lahir") + 1
    assert names.index("pendidikan") == names.index("domisili_kode") + 1
    rec.close()


def test_tab_walks_new_voter_ubah_and_tms_in_the_order_they_are_read(qtbot, desk, window):
    desk.open_new_voter()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.reject()
    wait_idle(qtbot, window)

    desk.open_ubah()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.reject()
    wait_idle(qtbot, window)

    desk.open_tms()
    dialog = desk.dialog
    _shown(qtbot, dialog)
    wait_idle(qtbot, window)
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.code.setCurrentIndex(7)  # TMS-8: the target TPS replaces the evidence rows
    assert_tab_follows_the_eye(qtbot, [dialog])
    dialog.reject()
