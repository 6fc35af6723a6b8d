"""The engine must import and run without PySide6 (GUIDE.md: a Qt-free engine under a thin GUI)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import SAMPLE

BLOCK = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('PySide6 is blocked in this test')
        return None
sys.meta_path.insert(0, Block())
"""


def test_engine_and_cli_work_with_pyside6_blocked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = (
        BLOCK
        + f"""
import corpusfix.api, corpusfix.core.session, corpusfix.export.writer, corpusfix.cli.main
import corpusfix.detectors.pipeline
code = corpusfix.cli.main.main(['fix', {str(SAMPLE)!r}, '-o', {str(tmp_path / "o.txt")!r},
                                '--accept', 'all', '--report', {str(tmp_path / "r.html")!r}])
assert code == 0, code
assert not any(m.startswith('PySide6') for m in sys.modules)
print('ok')
"""
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
