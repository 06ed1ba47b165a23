"""Where a file picker opens. Not the program's folder (the working directory a menu launcher
gives, where no officer keeps photos): the last folder the officer picked evidence from, else
their Pictures, else Documents, else home. The last folder is a desk setting, so it holds on
the unlock screen's side of the vault and across restarts."""

from __future__ import annotations

import pathlib

from desktop_app.ui.context import DeskContext
from desktop_app.ui.qt import QDir, QStandardPaths

_FIRST_CHOICES = (
    QStandardPaths.StandardLocation.PicturesLocation,
    QStandardPaths.StandardLocation.DocumentsLocation,
)


def user_folder() -> pathlib.Path:
    """The user's Pictures, else Documents, else home: the first that exists."""
    for location in _FIRST_CHOICES:
        found = QStandardPaths.writableLocation(location)
        if found and pathlib.Path(found).is_dir():
            return pathlib.Path(found)
    return pathlib.Path(QDir.homePath())


def evidence_folder(ctx: DeskContext) -> pathlib.Path:
    """Where to look for a photo or scan of evidence: the last folder used, if it is still
    there (a USB stick may be gone), else the user's own folder."""
    last = ctx.settings.evidence_folder
    if last and pathlib.Path(last).is_dir():
        return pathlib.Path(last)
    return user_folder()


def remember_evidence_folder(ctx: DeskContext, chosen: pathlib.Path) -> None:
    folder = str(chosen.parent)
    if ctx.settings.evidence_folder != folder:
        ctx.settings.evidence_folder = folder
        ctx.settings.save_quietly(ctx.data_dir)
