"""Building blocks of the application form: a field with its message line underneath, and a
searchable picker for regions and TPS (a kabupaten can hold hundreds of desa: the officer types
part of a name or a code and picks from what matches)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop_app.ui.finding_list import severity_mark_html
from desktop_app.ui.qt import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRegularExpression,
    QRegularExpressionValidator,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from lapang_core.domain.findings import Severity
from lapang_core.domain.region import InvalidRegionCode, normalize_region_code

ERROR_STYLE = "border: 2px solid #c62828;"
WARNING_STYLE = "border: 2px solid #e6a100;"
READ_ONLY_STYLE = "background: #ececec; color: #222222;"
ERROR_COLOUR = "#c62828"
WARNING_COLOUR = "#8a6100"
NOTE_COLOUR = "#555555"


def line_edit(pattern: str | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    if pattern is not None:
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))
    edit.setPlaceholderText(placeholder)
    return edit


def _steady_height(editor: QWidget) -> None:
    """The coloured frame of a finding is a style sheet, and a styled editor is not as tall as
    a native one: fix the height to the taller, so a frame appearing as the officer types does
    not move the fields below."""
    heights = []
    for style in ("", ERROR_STYLE):
        editor.setStyleSheet(style)
        heights.append(editor.sizeHint().height())
    editor.setStyleSheet("")
    editor.setFixedHeight(max(heights))


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FieldRow(QWidget):
    """An editor, optional widgets beside it, an optional grey note, and the findings for the
    field in red (errors) or amber (warnings) right under it."""

    def __init__(
        self,
        editor: QWidget,
        *,
        beside: Sequence[QWidget] = (),
        stretch: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self._read_only = False
        self._reserved = False
        self._severities: Mapping[QWidget, Severity] = {}
        self.editors = [editor, *(w for w in beside if isinstance(w, QLineEdit | QComboBox))]
        for widget in self.editors:
            _steady_height(widget)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(editor, 1 if stretch else 0)
        for widget in beside:
            top.addWidget(widget)
        if not stretch:
            top.addStretch(1)
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.note.setVisible(False)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.message)

    def reserve(self, note_lines: int, message_lines: int) -> None:
        """Keep room for this many lines of note and of findings even while they are empty, so
        that text appearing as the officer types does not push the fields below away from
        where the officer is about to click."""
        self._reserved = True
        # Measured on sample text as it will be shown: a finding's mark is an icon, maybe
        # taller than the label's own line.
        marks = (severity_mark_html(Severity.ERROR), severity_mark_html(Severity.WARNING))
        samples = (
            (self.note, "\n".join(["X"] * note_lines)),
            (self.message, "".join(f"<div>{mark} X</div>" for mark in marks[:message_lines])),
        )
        for label, sample in samples:
            probe = QLabel()
            probe.setFont(label.font())
            probe.setTextFormat(label.textFormat())
            probe.setText(sample)
            label.setMinimumHeight(probe.sizeHint().height())
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setVisible(True)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(self._reserved or bool(text))

    def show_findings(
        self,
        items: Sequence[tuple[Severity, str]],
        per_editor: Mapping[QWidget, Severity] | None = None,
    ) -> None:
        """Show ``items`` under the row; frame each editor by ``per_editor`` (its worst finding),
        or the row's one editor by the worst of ``items``."""
        lines = []
        for severity, text in sorted(items, key=lambda i: i[0] is not Severity.ERROR):
            colour = ERROR_COLOUR if severity is Severity.ERROR else WARNING_COLOUR
            mark = severity_mark_html(severity)
            lines.append(f'<div style="color:{colour}">{mark} {escape(text)}</div>')
        if per_editor is None:
            severities = {s for s, _ in items}
            worst = Severity.ERROR if Severity.ERROR in severities else next(iter(severities), None)
            per_editor = {self.editor: worst} if worst else {}
        self._severities = dict(per_editor)
        self._restyle()
        self.message.setText("".join(lines))
        self.message.setVisible(self._reserved or bool(lines))

    def set_read_only(self, read_only: bool) -> None:
        """A submitted form: the values stay readable and selectable on a grey ground."""
        self._read_only = read_only
        self._restyle()

    def _restyle(self) -> None:
        for editor in self.editors:
            severity = self._severities.get(editor)
            style = (
                ERROR_STYLE
                if severity is Severity.ERROR
                else WARNING_STYLE
                if severity is Severity.WARNING
                else ""
            )
            if self._read_only and isinstance(editor, QLineEdit):
                style += READ_ONLY_STYLE
            editor.setStyleSheet(style)

    def message_text(self) -> str:
        """The findings as plain text (what the officer reads; tests compare it)."""
        return self.message.text() and _plain(self.message.text())


def _plain(html: str) -> str:
    text = html.replace("</div>", "\n")
    while "<" in text and ">" in text:
        start = text.index("<")
        text = text[:start] + text[text.index(">", start) + 1 :]
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


class RegionPicker(QComboBox):
    """Pick a region or TPS by typing part of its name or code. ``code()`` is the chosen code,
    a code typed in full, or "" when nothing matches."""

    code_changed = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)
        self.lineEdit().setPlaceholderText(placeholder)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._last = ""
        self.currentIndexChanged.connect(lambda _i: self._announce())
        self.lineEdit().editingFinished.connect(self._announce)

    def set_items(self, items: Sequence[tuple[str, str]]) -> None:
        """``items``: (code, label) pairs. Keeps the chosen code if it is still offered."""
        chosen = self.code()
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem("", "")
            for code, label in items:
                self.addItem(label, code)
                self.setItemData(self.count() - 1, code, Qt.ItemDataRole.ToolTipRole)
            self.setCurrentIndex(max(self.findData(chosen), 0))
        finally:
            self.blockSignals(False)
        self._announce()

    def select_code(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(0)
            self.setEditText(code)  # a code the store has no name for (kept as typed)
        self._announce()

    def code(self) -> str:
        text = self.currentText().strip()
        index = self.currentIndex()
        if index > 0 and text == self.itemText(index):
            return self.itemData(index) or ""
        exact = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact > 0:
            return self.itemData(exact) or ""
        try:
            return normalize_region_code(text) if text else ""
        except InvalidRegionCode:
            return ""

    def _announce(self) -> None:
        code = self.code()
        if code != self._last:
            self._last = code
            self.code_changed.emit(code)
