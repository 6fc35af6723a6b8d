"""The reading font size (View → Larger / Smaller / Normal, Ctrl++ / Ctrl+− / Ctrl+0).

One size for the article, the Changes tab, the detail pane and QA review's diff and tables,
remembered in the app's settings. The findings list keeps its smaller size and follows by the
same steps (``apply_step``): an editor who needs the article larger needs the list larger too.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

KEY = "font_size"
NORMAL = 12  # the article's size before anyone changed it
SMALLEST, LARGEST = 7, 40


def stored(settings: QSettings) -> int:
    try:
        size = int(str(settings.value(KEY, NORMAL)))
    except ValueError:
        return NORMAL
    return max(SMALLEST, min(LARGEST, size))


def step(settings: QSettings, delta: int) -> int:
    """Change the remembered size by delta points (0: back to normal); returns the new size."""
    size = NORMAL if delta == 0 else max(SMALLEST, min(LARGEST, stored(settings) + delta))
    settings.setValue(KEY, size)
    return size


def apply(size: int, *widgets: QWidget) -> None:
    """The size on these widgets (a DiffView sets it on its document too)."""
    for widget in widgets:
        setter = getattr(widget, "set_point_size", None)
        if setter is not None:
            setter(size)
            continue
        font = QFont(widget.font())
        font.setPointSize(size)
        widget.setFont(font)


def apply_step(size: int, *widgets: QWidget) -> None:
    """The application's size on these widgets, as many points off it as ``size`` is off
    NORMAL (a list at 9 pt goes to 10 when the article goes from 12 to 13)."""
    base = QApplication.font().pointSize()
    base = base if base > 0 else 9  # (a font set in pixels has no point size)
    for widget in widgets:
        font = QFont(widget.font())
        font.setPointSize(max(SMALLEST, base + size - NORMAL))
        widget.setFont(font)
