"""Icons from the SVG files under resources/icons/, coloured from the palette.

The files draw in `currentColor` (the icon's ink) and `Canvas` (the ground a cut-out shows,
e.g. a tick through a disc); both words are replaced by the palette module's colours before
QtSvg renders them, so one file serves a light, a dark and a high-contrast palette. Each icon
is rendered at several sizes, from 16 px up to 64 px, so it stays crisp at 2x and 3x scaling.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from . import palette
from .palette import Tone

SIZES = (16, 20, 24, 32, 40, 48, 64)


def icon_names() -> list[str]:
    """The names of every icon file (without .svg)."""
    folder = resources.files("desktop.resources") / "icons"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".svg"))


@cache
def svg_source(name: str) -> str:
    return (resources.files("desktop.resources") / "icons" / f"{name}.svg").read_text("utf-8")


def render(name: str, ink: QColor, ground: QColor, size: int) -> QPixmap:
    """The icon name drawn at size × size pixels in ink on a transparent background."""
    text = svg_source(name).replace("currentColor", ink.name()).replace("Canvas", ground.name())
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
    finally:
        painter.end()
    return pixmap


@cache
def _icon(name: str, ink: int, ground: int) -> QIcon:
    icon = QIcon()
    ink_color, ground_color = QColor.fromRgba(ink), QColor.fromRgba(ground)
    for size in SIZES:
        icon.addPixmap(render(name, ink_color, ground_color, size))
    return icon


def icon(name: str, tone: Tone | None = None) -> QIcon:
    """The icon name in tone's colour (None: the palette's text colour), for the
    application palette as it is now."""
    pal = QGuiApplication.palette()
    ink = palette.color(tone, pal) if tone is not None else pal.color(QPalette.ColorRole.WindowText)
    ground = pal.color(QPalette.ColorRole.Base)
    return _icon(name, ink.rgba(), ground.rgba())
