"""The builder's defaults (the command line shows them)."""

from __future__ import annotations

DEFAULT_ORDER = 5
MIN_ORDER, MAX_ORDER = 2, 8
# ≈ 11.5 bytes per n-gram on disk: the default keeps a model near 23 MB whatever the input.
DEFAULT_MAX_NGRAMS = 2_000_000
# Records held in memory at once (Counter entries, sorter buffers): ~150 bytes each.
DEFAULT_MEMORY_RECORDS = 600_000
