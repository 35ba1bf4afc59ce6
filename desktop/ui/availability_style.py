"""How each availability looks, shared by the layers tree and the preview."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ..domain.model import Availability

COLORS: dict[Availability, QColor] = {
    Availability.AVAILABLE: QColor("#9aa0a6"),  # grey: no stock rules apply
    Availability.IN_STOCK: QColor("#2e9d4f"),  # green
    Availability.BACKORDER: QColor("#e8a317"),  # amber
    Availability.OUT_OF_STOCK: QColor("#d93025"),  # red
}


@cache
def availability_icon(availability: Availability) -> QIcon:
    """A filled dot in the availability's colour (cached: one QIcon per state)."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(COLORS[availability])
        margin = size * 0.2
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
