"""Optional compiled build of the typo detector's hot loops (everything else is in pyproject.toml).

    CORPUSFIX_COMPILE=1 pip wheel .        # or: python -m build --wheel, with the variable set

compiles the modules below with mypyc (the code is the same, type-checked Python; mypy ships
mypyc). Without the variable the package is pure Python, as in development installs: an
editable install must run the .py files being edited, never a stale compiled copy. Both builds
must find exactly the same things (tests/test_compiled.py); see docs/speed.md.
"""

from __future__ import annotations

import os

from setuptools import setup

# The typo check spends ~80–90 % of the run time here (docs/speed.md).
COMPILED = [
    "src/corpusfix/detectors/typos/archive.py",
    "src/corpusfix/detectors/typos/candidates.py",
    "src/corpusfix/detectors/typos/detector.py",
    "src/corpusfix/detectors/typos/gates.py",
    "src/corpusfix/detectors/typos/lm.py",
    "src/corpusfix/detectors/typos/scoring.py",
    "src/corpusfix/detectors/typos/tables.py",
    # The layout detectors: a record per printed line on PDF text (bench.line_speed).
    "src/corpusfix/detectors/layout/column.py",
    "src/corpusfix/detectors/layout/duplicate.py",
    "src/corpusfix/detectors/layout/enumeration.py",
    "src/corpusfix/detectors/layout/furniture.py",
    "src/corpusfix/detectors/layout/line_roles.py",
    "src/corpusfix/detectors/layout/lines.py",
    "src/corpusfix/detectors/layout/merge.py",
    "src/corpusfix/detectors/layout/pdf_hints.py",
    "src/corpusfix/detectors/layout/signals.py",
    "src/corpusfix/detectors/layout/split.py",
    "src/corpusfix/detectors/layout/truncation.py",
]

ext_modules = []
if os.environ.get("CORPUSFIX_COMPILE") == "1":
    from mypyc.build import mypycify

    ext_modules = mypycify(COMPILED, opt_level="3")

setup(ext_modules=ext_modules)
