"""Putting a named theme on the application: the Fusion style, outlined, with the theme's palette
(docs/architecture.md, theme/). Apart from `palette`, which the style draws with."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .outlined_style import OutlinedStyle
from .palette import theme_palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Use the named theme's palette with the Fusion style (which honours palettes), its
    check boxes and radio buttons framed to show on any palette; "system" keeps the
    platform's look."""
    if theme == "system":
        return
    app.setStyle(OutlinedStyle())
    app.setPalette(theme_palette(theme))
