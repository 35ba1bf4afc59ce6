"""The application icon (`configurator-editor`), for the window, the bundle and the desktop entry.

The icon lives in resources/app/hicolor/ in the freedesktop icon theme's layout, so a Linux
install copies that folder as it is: the drawn SVG under scalable/apps/, and PNG renderings of
it at the sizes desktops ask for (made by tools/render_app_icon.py, committed).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from PySide6.QtGui import QIcon, QPixmap

ICON_NAME = "configurator-editor"
# What freedesktop themes, Windows and macOS ask for, from a title bar up to a HiDPI launcher.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def theme_folder() -> Traversable:
    return resources.files("desktop.resources") / "app" / "hicolor"


def svg_file() -> Traversable:
    return theme_folder() / "scalable" / "apps" / f"{ICON_NAME}.svg"


def png_file(size: int) -> Traversable:
    return theme_folder() / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def app_icon() -> QIcon:
    """The icon at every rendered size (Qt picks the nearest for each use)."""
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap()
        # From bytes, not a path: the package's files need not be plain files on disk.
        if pixmap.loadFromData(png_file(size).read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon
