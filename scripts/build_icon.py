"""Draw the application icon (resources/icons/corpusfix.png, 256 px) with Qt; no image editor needed.

QT_QPA_PLATFORM=offscreen python scripts/build_icon.py
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons" / "corpusfix.png"


def main() -> None:
    _app = QGuiApplication([])
    img = QImage(256, 256, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor("#1f5fa8"))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.setPen(QPen(QColor("#ffd166"), 14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(60, 196, 196, 196)  # the joined line
    font = QFont("WenQuanYi Micro Hei")
    font.setPixelSize(132)
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(QRectF(8, 8, 240, 200), Qt.AlignmentFlag.AlignCenter, "修")
    p.end()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    img.save(str(OUT))
    print(OUT)


if __name__ == "__main__":
    main()
