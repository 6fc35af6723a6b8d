"""Layout damage: column/page breaks (merge), glued headlines (split), repeated fragments
(duplicate), cut-off sections and enumeration holes (truncation), e-paper leftovers (furniture)."""

from corpusfix.detectors.layout import duplicate, furniture, merge, split, truncation

__all__ = ["duplicate", "furniture", "merge", "split", "truncation"]
