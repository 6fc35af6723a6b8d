"""Which build this is: the typo detector compiled by mypyc (wheels, bundle) or pure Python."""

from __future__ import annotations

from importlib.util import find_spec


def typo_detector_build() -> str:
    """'compiled (mypyc)' or 'pure Python' (docs/speed.md): same findings, not same speed."""
    spec = find_spec("corpusfix.detectors.typos.lm")
    origin = spec.origin if spec is not None else None
    compiled = origin is not None and origin.endswith((".so", ".pyd"))
    return "compiled (mypyc)" if compiled else "pure Python"
