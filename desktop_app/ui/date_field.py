"""The date field of the desk's forms: a date typed as on the KTP-el, day first.

Officers type dates the way they read them off the card, with or without the dashes:
``15-05-2005`` or ``15052005``. Both are accepted as typed; once the field is left, a date is
shown with its dashes so the officer can check it. Text that is no date is kept as typed and
reported (``InvalidDateText``), never silently cut short."""

from __future__ import annotations

import datetime as dt
import re

from desktop_app.ui.qt import QLineEdit, QRegularExpression, QRegularExpressionValidator

# What the validator lets through while typing: up to eight digits, or day-month-year with
# dashes (one or two digits for day and month, as people write 5-3-1990).
DATE_PATTERN = "[0-9]{0,8}|[0-9]{1,2}-([0-9]{0,2}(-[0-9]{0,4})?)?"
_DIGITS = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_DASHED = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")


class InvalidDateText(str):
    """Typed text that is not a date; passed on so the domain reports it as invalid."""


def parse_date(text: str) -> dt.date | InvalidDateText | None:
    """'02-12-1969' or '02121969' (day, month, year, as on the KTP-el) -> date; '' -> None."""
    text = text.strip()
    if not text:
        return None
    match = _DIGITS.fullmatch(text) or _DASHED.fullmatch(text)
    if match is None:
        return InvalidDateText(text)
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return InvalidDateText(text)


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def date_edit(placeholder: str = "") -> QLineEdit:
    """A line edit for a date: DDMMYYYY or DD-MM-YYYY as typed, shown DD-MM-YYYY once left."""
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(DATE_PATTERN), edit))
    edit.setPlaceholderText(placeholder)

    def show_dashes() -> None:
        value = parse_date(edit.text())
        if isinstance(value, dt.date) and edit.text() != format_date(value):
            edit.setText(format_date(value))

    edit.editingFinished.connect(show_dashes)
    return edit
