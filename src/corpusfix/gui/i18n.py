"""The UI language, as the installed translation says it: the app renders finding messages,
kind names and the report in it (core/messages.py, core/labels.py)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from corpusfix.core.messages import render_text
from corpusfix.core.suggestion import Suggestion


def plural(n: int, one: str, many: str) -> str:
    """``one`` for a count of 1, else ``many``: English says "1 finding", "2 findings" (Chinese
    has one form: both strings translate alike). Each comes through tr() at the caller, so the
    translation tools see both."""
    return one if n == 1 else many


def ui_language() -> str:
    """ "zh" when the Chinese translation is installed, else "en" (the .qm maps "en" to "zh")."""
    return "zh" if QCoreApplication.translate("corpusfix", "en") == "zh" else "en"


@lru_cache(maxsize=65536)
def _rendered(message: str, message_id: str, params: tuple[tuple[str, str], ...], lang: str) -> str:
    return render_text(message, lang, message_id, dict(params))


def finding_message(s: Suggestion, lang: str | None = None) -> str:
    """A finding's message in the UI language (cached: the filter asks on every keystroke)."""
    return _rendered(
        s.message, s.message_id, tuple(sorted(s.params.items())), lang or ui_language()
    )
