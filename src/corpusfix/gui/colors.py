"""One colour per kind of finding (the legend and the highlights use the same table)."""

from __future__ import annotations

from corpusfix.core.kinds import REGISTRY

KIND_COLORS = {k.id: k.color for k in REGISTRY}
CURRENT = "#ff9d2e"
