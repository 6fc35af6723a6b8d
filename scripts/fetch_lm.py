"""Put the word-trigram Chinese language model into resources/lm/ (zh_CN.lm, 17 MB).

    python scripts/fetch_lm.py [--deb libime-data-language-model_1.0.16-1_amd64.deb]

The model is fcitx libime's `zh_CN.lm` (a KenLM binary, LGPL-2.1+), taken from Debian's package
`libime-data-language-model` (the same file for every architecture). Without --deb the package is
fetched with `apt-get download`. This runs once, by a developer; the app never downloads anything.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "lm"
PACKAGE = "libime-data-language-model"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--deb", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        deb = args.deb
        if deb is None:
            subprocess.run(["apt-get", "download", PACKAGE], cwd=tmp, check=True)
            deb = next(Path(tmp).glob(f"{PACKAGE}_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), f"{tmp}/x"], check=True)
        lm = next(Path(tmp, "x").rglob("zh_CN.lm"))
        OUT.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lm, OUT / "zh_CN.lm")
        shutil.copyfile("/usr/share/common-licenses/LGPL-2.1", OUT / "LGPL-2.1.txt")
    digest = hashlib.sha256((OUT / "zh_CN.lm").read_bytes()).hexdigest()
    print(f"{OUT / 'zh_CN.lm'} from {deb.name}: sha256 {digest}")


if __name__ == "__main__":
    main()
