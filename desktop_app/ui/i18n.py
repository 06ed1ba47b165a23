"""Languages. The desk's source strings are Bahasa Indonesia, so the default needs no file at all
and a missing or broken translation can never leave an officer with an English screen. English
comes from ``resources/translations/lapang_en.qm`` (compiled from ``lapang_en.ts`` with
``pyside6-lrelease``). Qt's own dialogs have no Indonesian catalogue, so ``qtbase_id.qm`` carries
the few standard strings the desk shows (buttons, the file dialog, the edit context menu).

``LAPANG_PSEUDO_LOCALE=1`` makes every string of the desk about 40 % longer (Vorta's
pseudo-localisation), to see which labels and buttons would be cut off in a wordier language.

To update after changing UI strings (from the repository root)::

    pyside6-lupdate $(find desktop_app/ui -name '*.py') -source-language id \
        -target-language en -ts resources/translations/lapang_en.ts
    pyside6-lrelease resources/translations/lapang_en.ts resources/translations/qtbase_id.ts
"""

from __future__ import annotations

import itertools
import logging
import math
import os

from desktop_app.resources import resource_path
from desktop_app.ui.qt import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"

PSEUDO_LOCALE_ENV = "LAPANG_PSEUDO_LOCALE"
# Translations of short English or Indonesian UI text run up to ~40 % longer (German, Dutch).
PSEUDO_GROWTH = 0.4

_current = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


def pseudo_text(text: str) -> str:
    """``text`` with every line about 40 % longer, padded with its own letters (so the padding
    is as wide as real words) and left intact otherwise: ``%1`` still fills in, ``&`` still marks
    the shortcut. Rich text is left alone (its tags would count)."""
    if not text or text.lstrip().startswith("<"):
        return text
    return "\n".join(_longer(line) for line in text.split("\n"))


def _longer(line: str) -> str:
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return line
    extra = math.ceil(len(line) * PSEUDO_GROWTH)
    return line + " " + "".join(itertools.islice(itertools.cycle(letters), extra - 1))


class PseudoTranslator(QTranslator):
    """A translator whose every answer is ``pseudo_text`` of the real one (or of the source)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        translated = super().translate(context, source, disambiguation, n)
        return pseudo_text(translated or source)


def pseudo_locale_wanted() -> bool:
    return os.environ.get(PSEUDO_LOCALE_ENV) == "1"


def current_language() -> str:
    return _current


def install_language(language: str) -> str:
    """Switch the application's translators; returns the language actually in effect (the
    default when the requested one is unknown or its file cannot be loaded)."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("Create the QApplication before installing a language.")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    files = ["qtbase_id.qm"] if language == "id" else ["lapang_en.qm"]
    kind = PseudoTranslator if pseudo_locale_wanted() else QTranslator
    for name in files:
        translator = kind(app)
        path = resource_path("translations", name)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("Translation file %s could not be loaded", path.name)
            if language != DEFAULT_LANGUAGE:
                return install_language(DEFAULT_LANGUAGE)
    _current = language
    locale = QLocale.Language.Indonesian if language == "id" else QLocale.Language.English
    QLocale.setDefault(QLocale(locale))
    return language
