"""The icons are SVG files under resources/icons/, coloured from the palette and drawn at
every size they are shown (crisp at 2x); no icon is painted in code."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from desktop.ui.theme import icons, palette, svg_icons
from desktop.ui.theme.apply import apply_theme

ICON_FUNCTIONS = [
    getattr(icons, name)
    for name in dir(icons)
    if name.endswith("_icon") and callable(getattr(icons, name))
]


def test_every_svg_file_is_valid_and_uses_only_palette_words() -> None:
    names = svg_icons.icon_names()
    assert len(names) >= 18
    for name in names:
        source = svg_icons.svg_source(name)
        assert "#" not in source.replace("&#", ""), name  # colours come from the palette
        assert QSvgRenderer(QByteArray(source.encode())).isValid(), name


def test_icons_are_not_painted_in_code() -> None:
    source = Path(icons.__file__).read_text("utf-8")
    assert "QPainter" not in source and "drawEllipse" not in source
    assert len(ICON_FUNCTIONS) == 14  # every icon the window shows


@pytest.mark.parametrize("make", ICON_FUNCTIONS, ids=lambda f: f.__name__)
def test_each_icon_is_drawn_for_2x(make, qapp) -> None:  # type: ignore[no-untyped-def]
    icon = make()
    sizes = icon.availableSizes()
    for wanted in (16, 24, 32, 48):  # 16 and 24 px at 1x and at 2x
        assert QSize(wanted, wanted) in sizes
    image = icon.pixmap(QSize(16, 16), 2.0).toImage()
    assert image.width() == 32  # drawn at 32 px, not a 16 px image scaled up
    assert any(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32))


def test_icons_follow_the_palette(qapp) -> None:  # type: ignore[no-untyped-def]
    light = palette.theme_palette("light")
    dark = palette.theme_palette("dark")
    ink_light = light.color(QPalette.ColorRole.WindowText)
    ink_dark = dark.color(QPalette.ColorRole.WindowText)
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    on_light = svg_icons.render("move-up", ink_light, white, 32, light).toImage()
    on_dark = svg_icons.render("move-up", ink_dark, black, 32, dark).toImage()
    opaque = [
        (x, y) for x in range(32) for y in range(32) if on_light.pixelColor(x, y).alpha() == 255
    ]
    assert opaque
    x, y = opaque[0]
    assert on_light.pixelColor(x, y).name() == ink_light.name()
    assert on_dark.pixelColor(x, y).name() == ink_dark.name()
    before, style = QApplication.palette(), QApplication.style().name()
    try:
        apply_theme(qapp, "dark")
        dark_icon = icons.undo_icon()
    finally:
        qapp.setStyle(style)
        qapp.setPalette(before)
    assert dark_icon.cacheKey() != icons.undo_icon().cacheKey()
