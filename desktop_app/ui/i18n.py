"""Languages. The desk's source strings are Bahasa Indonesia, so the default needs no file at all
and a missing or broken translation can never leave an officer with an English screen. English
comes from ``resources/translations/lapang_en.qm`` (compiled from ``lapang_en.ts`` with
``pyside6-lrelease``). Qt's own dialogs have no Indonesian catalogue, so ``qtbase_id.qm`` carries
the few standard strings the desk shows (buttons, the file dialog, the edit context menu).

To update after changing UI strings (from the repository root)::

    pyside6-lupdate $(find desktop_app/ui -name '*.py') -source-language id \
        -target-language en -ts resources/translations/lapang_en.ts
    pyside6-lrelease resources/translations/lapang_en.ts resources/translations/qtbase_id.ts
"""

from __future__ import annotations

import logging

from desktop_app.resources import resource_path
from desktop_app.ui.qt import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"

_current = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


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
    for name in files:
        translator = QTranslator(app)
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
