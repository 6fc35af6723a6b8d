"""Original | clean side by side, changed characters highlighted, next/previous change."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QTextBrowser, QWidget

from corpusfix.core.changelog import LogRecord
from corpusfix.export.changes import DELETE, EQUAL, INSERT, applied_changes, char_segments


def _esc(s: str) -> str:
    return html.escape(s).replace("\r\n", "\n").replace("\n", "<br>")


def side_by_side(original: str, records: Sequence[LogRecord]) -> tuple[str, str, int]:
    """HTML for both sides, with anchors c0, c1, … at every change."""
    left, right = [], []
    pos = 0
    changes = applied_changes(records)
    for n, c in enumerate(changes):
        same = _esc(original[pos : c.start])
        left.append(same)
        right.append(same)
        left.append(f'<a name="c{n}"></a>')
        right.append(f'<a name="c{n}"></a>')
        for op, seg in char_segments(original[c.start : c.end], c.after):
            shown = _esc(seg.replace("\n", "⏎\n"))
            if op == EQUAL:
                left.append(shown)
                right.append(shown)
            elif op == DELETE:
                left.append(
                    f'<span style="background:#ffc8c8;text-decoration:line-through">{shown}</span>'
                )
            elif op == INSERT:
                right.append(f'<span style="background:#c6f3cc">{shown}</span>')
        pos = c.end
    rest = _esc(original[pos:])
    left.append(rest)
    right.append(rest)
    wrap = '<div style="white-space:pre-wrap">{}</div>'
    return wrap.format("".join(left)), wrap.format("".join(right)), len(changes)


class DiffView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.left = QTextBrowser()
        self.right = QTextBrowser()
        for side in (self.left, self.right):
            layout.addWidget(side)
        self.count = 0
        self.current = -1
        self.left.verticalScrollBar().valueChanged.connect(self.right.verticalScrollBar().setValue)

    def show_diff(self, original: str, records: Sequence[LogRecord]) -> None:
        left, right, self.count = side_by_side(original, records)
        self.left.setHtml(left)
        self.right.setHtml(right)
        self.current = -1

    def step(self, delta: int) -> int:
        if not self.count:
            return -1
        self.current = (self.current + delta) % self.count
        for side in (self.left, self.right):
            side.scrollToAnchor(f"c{self.current}")
        return self.current
