"""How each availability looks, shared by the layers tree and the preview."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ..domain.model import Availability
from ..domain.stock import OptionState

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


# A low option is still in stock: its green dot gets an amber ring (SPEC §3 "Low stock").
LOW_COLOR = QColor("#e8a317")


@cache
def low_stock_icon() -> QIcon:
    """The in-stock dot ringed in amber: in stock, but at or below its low-stock threshold."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = size * 0.12
        margin = size * 0.1 + ring / 2
        painter.setPen(QPen(LOW_COLOR, ring))
        painter.setBrush(COLORS[Availability.IN_STOCK])
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def state_icon(state: OptionState) -> QIcon:
    """The icon of an option's state: its availability's dot, ringed when low."""
    return low_stock_icon() if state.low else availability_icon(state.availability)
