"""Icons from the SVG files under resources/icons/, coloured from the palette.

The files name their colours with CSS's words, replaced by the palette module's colours before
QtSvg renders them, so one file serves a light, a dark and a high-contrast palette:
`currentColor` the icon's own tone (the text colour when it has none), `CanvasText` the text
colour, `Canvas` the field background (what a cut-out shows, e.g. a tick through a disc),
`AccentColor` the accent (a plus badge) and `Mark` the folder's yellow. Each icon
is rendered at several sizes, from 16 px up to 64 px, so it stays crisp at 2x and 3x scaling,
and in three modes: normal; disabled, all in one dimmed grey (palette.disabled_icon_ink);
selected, all in the selection's text colour on the highlight (palette.selected_icon_ink).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from . import palette
from .palette import Tone

# 16 px (tree rows) and 24 px (toolbar) at 1x, 1.5x, 2x and beyond; in between Qt scales the
# next larger one down, which stays sharp.
SIZES = (16, 24, 32, 48, 64)


def icon_names() -> list[str]:
    """The names of every icon file (without .svg)."""
    folder = resources.files("desktop.resources") / "icons"
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".svg"))


@cache
def svg_source(name: str) -> str:
    return (resources.files("desktop.resources") / "icons" / f"{name}.svg").read_text("utf-8")


def _renderer(name: str, ink: QColor, ground: QColor, pal: QPalette) -> QSvgRenderer:
    words = {
        "currentColor": ink,
        "CanvasText": pal.color(QPalette.ColorRole.WindowText),
        "AccentColor": palette.color(Tone.ACCENT, pal),
        "Mark": palette.color(Tone.FOLDER, pal),
        "Canvas": ground,
    }
    return _recoloured(name, words)


def _flat_renderer(name: str, ink: QColor, ground: QColor) -> QSvgRenderer:
    """Every colour of the file in ink (the cut-outs in ground): a disabled or selected
    icon, which must not keep its hues."""
    words = dict.fromkeys(("currentColor", "CanvasText", "AccentColor", "Mark"), ink)
    return _recoloured(name, {**words, "Canvas": ground})


def _recoloured(name: str, words: dict[str, QColor]) -> QSvgRenderer:
    text = svg_source(name)
    for word, value in words.items():
        text = text.replace(f'"{word}"', f'"{value.name()}"')
    return QSvgRenderer(QByteArray(text.encode("utf-8")))


def _draw(renderer: QSvgRenderer, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
    finally:
        painter.end()
    return pixmap


def render(
    name: str, ink: QColor, ground: QColor, size: int, pal: QPalette | None = None
) -> QPixmap:
    """The icon name drawn at size × size pixels in ink on a transparent background."""
    pal = pal if pal is not None else QGuiApplication.palette()
    return _draw(_renderer(name, ink, ground, pal), size)


@cache
def _icon(
    name: str, ink: int, window: int, base: int, text: int, disabled: int, selected: int, high: int
) -> QIcon:
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor.fromRgba(window))
    pal.setColor(QPalette.ColorRole.Base, QColor.fromRgba(base))
    pal.setColor(QPalette.ColorRole.WindowText, QColor.fromRgba(text))
    modes = (
        (QIcon.Mode.Normal, _renderer(name, QColor.fromRgba(ink), QColor.fromRgba(base), pal)),
        (
            QIcon.Mode.Disabled,
            _flat_renderer(name, QColor.fromRgba(disabled), QColor.fromRgba(window)),
        ),
        (
            QIcon.Mode.Selected,
            _flat_renderer(name, QColor.fromRgba(selected), QColor.fromRgba(high)),
        ),
    )
    result = QIcon()
    for mode, renderer in modes:
        for size in SIZES:
            result.addPixmap(_draw(renderer, size), mode)
    return result


def icon(name: str, tone: Tone | None = None) -> QIcon:
    """The icon name in tone's colour (None: the palette's text colour), for the
    application palette as it is now (one QIcon per name and colours: cached)."""
    pal = QGuiApplication.palette()
    text = pal.color(QPalette.ColorRole.WindowText)
    ink = palette.color(tone, pal) if tone is not None else text
    return _icon(
        name,
        ink.rgba(),
        pal.color(QPalette.ColorRole.Window).rgba(),
        pal.color(QPalette.ColorRole.Base).rgba(),
        text.rgba(),
        palette.disabled_icon_ink(pal).rgba(),
        palette.selected_icon_ink(pal).rgba(),
        pal.color(QPalette.ColorRole.Highlight).rgba(),
    )
