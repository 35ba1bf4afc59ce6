"""The hint an empty view paints in its middle: what is missing and the next step."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from ..theme import palette
from ..theme.palette import Tone

MARGIN = 12


def paint_empty_text(viewport: QWidget, text: str, rect: QRect | None = None) -> None:
    """Draw text centred and word-wrapped over viewport (or rect of it), muted.

    drawText never reads markup, so a quoted name a user typed shows as typed.
    """
    if not text:
        return
    painter = QPainter(viewport)
    painter.setPen(palette.color(Tone.MUTED, viewport.palette()))
    area = (rect if rect is not None else viewport.rect()).adjusted(
        MARGIN, MARGIN, -MARGIN, -MARGIN
    )
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    painter.drawText(area, int(flags), text)
    painter.end()


# What the empty views say (written once; tests read them from here).
NO_CONFIGURATORS = "No configurators yet.\nCreate one with New configurator (+)."
NO_CONFIGURATOR_OPEN = "No configurator open."
NO_LAYERS = "No layers yet.\nUse Add group to start, then Add option to put options in it."
NO_OPTIONS = "Nothing for shoppers to choose yet.\nAdd options to a group in the Layers panel."
NO_SETTINGS = "Select a layer in the Layers panel to edit its settings."
NO_LAYER_TO_EDIT = "This configurator has no layers yet. Add a group to start."


def no_filter_match(text: str) -> str:
    return f'No layer name or SKU matches "{text}".'
