"""Render the application icon's SVG to the PNG sizes desktops need, beside it in
resources/app/hicolor/<n>x<n>/apps/. Run after editing the SVG, and commit the PNGs:

    python3 tools/render_app_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from desktop.ui.theme.app_icon import SIZES

THEME = Path(__file__).resolve().parent.parent / "resources" / "app" / "hicolor"
SVG = THEME / "scalable" / "apps" / "configurator-editor.svg"


def render(svg: bytes, size: int) -> QImage:
    """The SVG drawn antialiased on a transparent size × size image."""
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_app_icon: {SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
    finally:
        painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed to draw
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = SVG.read_bytes()
    for size in SIZES:
        target = THEME / f"{size}x{size}" / "apps" / "configurator-editor.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(svg, size).save(str(target)):
            raise SystemExit(f"render_app_icon: cannot write {target}")
        print(target.relative_to(THEME.parent.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
