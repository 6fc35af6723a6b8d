"""The GUI soak at length: 20,000 fixed-seed random user actions on the main window.

    QT_QPA_PLATFORM=offscreen python -m bench.gui_soak [--actions 20000] [--seed 17]

The same driver as tests/test_gui_soak.py (tests/gui_driver.py), in a child process so that a
crash is reported rather than taking this run down: after every action the findings tree's
current row, the detail pane, the article's mark and the decision target must agree, and the
article must show the session's text (the actions include typing in it and find/replace), and
each export must pass `verify`. The actions are listed in tests/gui_driver.py. Under Xvfb:

    xvfb-run -a python -m bench.gui_soak --platform xcb
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--actions", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": args.platform, "MALLOC_PERTURB_": "165"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT)) if p)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "tests.gui_driver", "soak",
         "--seed", str(args.seed), "--actions", str(args.actions), "--progress"],
        cwd=ROOT, env=env, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    verdict = "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode})"
    print(
        f"gui_soak: {args.actions} actions, seed {args.seed}, {args.platform}: {verdict}, {wall:.0f} s"
    )
    return 0 if done.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
