"""Print lines of text as images (ImageMagick) and read them back (tesseract chi_sim), cached.

Shared by bench/ocr_dev.py (the real-OCR dev set) and scripts/build_ocr_channel.py (the measured
OCR channel); each passes its own fonts and degradations as ImageMagick arguments per line.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path


def label(text: str) -> str:
    """ImageMagick ``label:`` argument drawing ``text`` as it is (percent escapes doubled)."""
    return "label:" + text.replace("%", "%%")


def renderable(line: str) -> bool:
    # label: reads "@file" (refused by the security policy) and backslash escapes: left out
    return "@" not in line and "\\" not in line


def read_back(texts: list[str], per_line: list[list[str]], spec: object, cache: Path) -> list[str]:
    """tesseract's reading of each text drawn by ``per_line[i]`` (a parenthesised IM group).

    One convert and one tesseract process per call (``--psm 7``: one image, one line); the
    result is cached under ``cache`` by the texts and ``spec`` (what describes the drawing).
    """
    key = hashlib.sha256(json.dumps([texts, spec]).encode()).hexdigest()[:16]
    folder = cache / key
    done = folder / "ocr.json"
    if done.exists():
        cached: list[str] = json.loads(done.read_text("utf-8"))
        return cached
    folder.mkdir(parents=True, exist_ok=True)
    cmd = ["convert", "-background", "white", "-fill", "black"]
    for args in per_line:
        cmd += ["(", *args, ")"]
    cmd += ["-colorspace", "Gray", "-depth", "8", "+adjoin", str(folder / "line-%03d.png")]
    subprocess.run(cmd, check=True)
    listing = folder / "images.txt"
    listing.write_text(
        "".join(f"{folder / f'line-{i:03d}.png'}\n" for i in range(len(texts))), "utf-8"
    )
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    run = ["tesseract", str(listing), "stdout", "-l", "chi_sim", "--psm", "7"]
    out = subprocess.run(run, check=True, capture_output=True, text=True, env=env).stdout
    read = [p.strip() for p in out.split("\f")[: len(texts)]]
    read += [""] * (len(texts) - len(read))
    done.write_text(json.dumps(read, ensure_ascii=False), "utf-8")
    return read
