"""The window's icons: the toolbar's gear and add/delete/move glyphs and the tree's group marks.

Each is an SVG file under resources/icons/ (drawn for this project) coloured from the palette
(see svg_icons), so the toolbar reads on a dark theme and stays crisp at 2x. No icon theme is
needed (none exists offscreen or under a bare X server).
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

from .palette import Tone
from .svg_icons import icon


def duplicate_icon() -> QIcon:
    return icon("duplicate")


def rename_icon() -> QIcon:
    return icon("rename")


def undo_icon() -> QIcon:
    return icon("undo")


def redo_icon() -> QIcon:
    return icon("redo")


def gear_icon() -> QIcon:
    return icon("gear")


def group_icon() -> QIcon:
    return icon("group", Tone.FOLDER)


def sub_group_icon() -> QIcon:
    return icon("sub-group", Tone.SUB_FOLDER)


def add_group_icon() -> QIcon:
    return icon("add-group", Tone.FOLDER)


def add_sub_group_icon() -> QIcon:
    return icon("add-sub-group", Tone.SUB_FOLDER)


def add_layer_icon() -> QIcon:
    return icon("add-option")


def add_icon() -> QIcon:
    return icon("add")


def delete_icon() -> QIcon:
    return icon("delete", Tone.ERROR)


def move_up_icon() -> QIcon:
    return icon("move-up")


def move_down_icon() -> QIcon:
    return icon("move-down")
