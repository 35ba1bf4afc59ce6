"""An item view that says what it would hold while it holds nothing (the order panel's and
the Notifications tab's lists), in the muted colour of the theme."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QTreeView, QWidget

from ..theme import palette
from ..theme.palette import Tone


class EmptyTreeView(QTreeView):
    """A QTreeView drawing `empty_text`, wrapped, when its model has no rows. No signals."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(palette.color(Tone.MUTED, self.palette()))
        box: QRect = self.viewport().rect().adjusted(12, 8, -12, -8)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(box, int(flags), self.empty_text)
        painter.end()
