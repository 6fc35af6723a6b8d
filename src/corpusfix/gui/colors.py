"""One colour per kind of finding (the legend and the highlights use the same table)."""

from __future__ import annotations

KIND_COLORS = {
    "merge": "#cfe8ff",
    "split": "#e3d7ff",
    "duplicate": "#ffd6d6",
    "truncation": "#ffe2b3",
    "furniture": "#e0e0e0",
    "typo": "#fff3a0",
    "variant": "#d9f7d0",
    "punctuation": "#c8f0ec",
    "whitespace": "#f3d1f0",
    "encoding": "#ffc9a8",
}
CURRENT = "#ff9d2e"
