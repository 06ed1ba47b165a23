"""The Windows data-folder ACL (lapang_core/windows_acl.py, lapang_core/file_modes.py).

The SDDL reading runs everywhere. The tests marked ``on_windows`` call the Windows API: on Linux
they run under Wine with the Windows CPython of the build prefix, through
build_scripts/windows/build.sh (``python.exe -m pytest tests/windows``), and on a real Windows
machine with plain pytest."""

from __future__ import annotations

import logging
import os
import pathlib

import pytest

from lapang_core import windows_acl
from lapang_core.file_modes import FileModeError, make_private_dir

USER = "S-1-5-21-1111111111-2222222222-3333333333-1001"
on_windows = pytest.mark.skipif(os.name != "nt", reason="calls the Windows API")


def test_the_owner_only_dacl_lets_in_no_one_else() -> None:
    assert windows_acl.others_allowed(windows_acl.owner_only_sddl(USER), USER) == []
    # As Windows reports it back: auto-inherited flag, the SID spelled out.
    assert windows_acl.others_allowed(f"D:PAI(A;OICI;FA;;;{USER})(A;OICI;FA;;;SY)", USER) == []


def test_a_dacl_that_inherits_from_its_parent_is_not_private() -> None:
    sddl = f"D:AI(A;OICIID;FA;;;{USER})(A;OICIID;FA;;;SY)"
    assert windows_acl.others_allowed(sddl, USER) == ["inherited"]


def test_users_administrators_and_everyone_are_each_named() -> None:
    sddl = f"D:P(A;OICI;FA;;;{USER})(A;OICI;0x1200a9;;;BU)(A;;FA;;;BA)(A;;FR;;;WD)"
    assert windows_acl.others_allowed(sddl, USER) == ["BU", "BA", "WD"]


def test_deny_entries_take_access_away_and_are_not_counted() -> None:
    sddl = f"D:P(D;;FA;;;BU)(A;OICI;FA;;;{USER})"
    assert windows_acl.others_allowed(sddl, USER) == []


def test_no_dacl_at_all_lets_everyone_in() -> None:
    assert windows_acl.others_allowed("O:BA", USER) == ["no DACL (everyone)"]


def running_under_wine() -> bool:
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")  # type: ignore[attr-defined]


@on_windows
def test_the_data_folder_gets_the_owner_only_acl_and_its_files_inherit_it(
    tmp_path: pathlib.Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A path with spaces and a non-ASCII name, like C:\Users\Ni Luh Ayu Sékar\...
    folder = tmp_path / "Ni Luh Ayu Sékar" / "KPU" / "Lapang"
    folder.mkdir(parents=True)
    existing = folder / "lapang.db"
    existing.write_bytes(b"made by an older version")
    user = windows_acl.current_user_sid()
    assert user.startswith("S-1-5-")
    assert windows_acl.others_allowed(windows_acl.dacl_sddl(folder), user) != []

    if running_under_wine():
        # Wine 8 accepts the new DACL but does not keep it (it reads back the Unix mode bits as
        # "Everyone"). Lapang must then say so, naming the folder, not claim it is private.
        with pytest.raises(FileModeError, match="access list cannot be limited") as raised:
            make_private_dir(folder, logging.getLogger("test"))
        assert str(folder) in str(raised.value)
        assert "did not keep" in str(raised.value)
        return

    with caplog.at_level(logging.WARNING):
        make_private_dir(folder, logging.getLogger("test"))

    assert windows_acl.others_allowed(windows_acl.dacl_sddl(folder), user) == []
    assert "lets in this user and SYSTEM only" in caplog.text
    new = folder / "keys.json"
    new.write_text("{}", encoding="utf-8")
    for child in (existing, new):
        sddl = windows_acl.dacl_sddl(child)
        assert user in sddl, sddl
        assert windows_acl.others_allowed(sddl.replace("D:AI", "D:PAI"), user) == [], sddl
    # At the next start nothing needs changing, and nothing is logged.
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        make_private_dir(folder, logging.getLogger("test"))
    assert caplog.text == ""
