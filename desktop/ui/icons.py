"""Icons drawn in code: the toolbar's gear and add/delete/move glyphs and the tree's group marks.

Drawing them keeps the window independent of an icon theme (none exists offscreen or under a
bare X server) and of resources/ (owned by the demo). Each icon is drawn once and cached.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

INK = QColor("#3c4043")
ACCENT = QColor("#1a73e8")
DANGER = QColor("#d93025")
FOLDER = QColor("#e0a526")
SUB_FOLDER = QColor("#a8c7fa")

Painter = Callable[[QPainter, float], None]


def _pen(colour: QColor | Qt.GlobalColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _icon(draw: Painter) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            draw(painter, float(size))
        finally:
            painter.end()
        icon.addPixmap(pixmap)
    return icon


def _gear(p: QPainter, s: float) -> None:
    centre = QPointF(s / 2, s / 2)
    outer, inner, hole = s * 0.46, s * 0.34, s * 0.14
    path = QPainterPath()
    teeth = 8
    for i in range(teeth * 2):
        # Alternate outer (tooth) and inner (gap) arcs, four points per step.
        radius = outer if i % 2 == 0 else inner
        for k in (0.0, 1.0):
            angle = (i + k * 0.999) * math.pi / teeth
            point = QPointF(
                centre.x() + radius * math.cos(angle), centre.y() + radius * math.sin(angle)
            )
            if i == 0 and k == 0.0:
                path.moveTo(point)
            else:
                path.lineTo(point)
    path.closeSubpath()
    path.addEllipse(centre, hole, hole)
    path.setFillRule(Qt.FillRule.OddEvenFill)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(INK)
    p.drawPath(path)


def _folder(colour: QColor) -> Painter:
    def draw(p: QPainter, s: float) -> None:
        p.setPen(QPen(colour.darker(130), max(1.0, s / 24)))
        p.setBrush(colour)
        tab = QPainterPath()
        tab.addRoundedRect(QRectF(s * 0.08, s * 0.18, s * 0.4, s * 0.2), s * 0.05, s * 0.05)
        p.drawPath(tab)
        p.drawRoundedRect(QRectF(s * 0.08, s * 0.28, s * 0.84, s * 0.56), s * 0.07, s * 0.07)

    return draw


def _plus_badge(base: Painter | None) -> Painter:
    def draw(p: QPainter, s: float) -> None:
        if base is not None:
            p.save()
            p.scale(0.8, 0.8)
            base(p, s)
            p.restore()
        r = s * 0.24 if base is not None else s * 0.4
        c = QPointF(s - r - 0.5, s - r - 0.5) if base is not None else QPointF(s / 2, s / 2)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ACCENT)
        p.drawEllipse(c, r, r)
        p.setPen(_pen(Qt.GlobalColor.white, max(1.5, s / 10)))
        arm = r * 0.55
        p.drawLine(QPointF(c.x() - arm, c.y()), QPointF(c.x() + arm, c.y()))
        p.drawLine(QPointF(c.x(), c.y() - arm), QPointF(c.x(), c.y() + arm))

    return draw


def _option(p: QPainter, s: float) -> None:
    p.setPen(QPen(INK, max(1.0, s / 16)))
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(s * 0.14, s * 0.14, s * 0.72, s * 0.72), s * 0.1, s * 0.1)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#81c995"))
    p.drawEllipse(QPointF(s * 0.4, s * 0.42), s * 0.1, s * 0.1)
    mountain = QPainterPath(QPointF(s * 0.2, s * 0.8))
    mountain.lineTo(s * 0.45, s * 0.52)
    mountain.lineTo(s * 0.62, s * 0.68)
    mountain.lineTo(s * 0.72, s * 0.58)
    mountain.lineTo(s * 0.8, s * 0.8)
    p.setBrush(ACCENT)
    p.drawPath(mountain)


def _bin(p: QPainter, s: float) -> None:
    p.setPen(_pen(DANGER, max(1.2, s / 14)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawLine(QPointF(s * 0.2, s * 0.26), QPointF(s * 0.8, s * 0.26))
    p.drawLine(QPointF(s * 0.4, s * 0.16), QPointF(s * 0.6, s * 0.16))
    body = QPainterPath(QPointF(s * 0.27, s * 0.32))
    body.lineTo(s * 0.33, s * 0.86)
    body.lineTo(s * 0.67, s * 0.86)
    body.lineTo(s * 0.73, s * 0.32)
    p.drawPath(body)
    for x in (0.43, 0.57):
        p.drawLine(QPointF(s * x, s * 0.42), QPointF(s * x, s * 0.74))


def _arrow(up: bool) -> Painter:
    def draw(p: QPainter, s: float) -> None:
        p.setPen(_pen(INK, max(1.5, s / 9)))
        top, bottom = s * 0.2, s * 0.8
        tip, tail = (top, bottom) if up else (bottom, top)
        head = s * 0.22 if up else -s * 0.22
        p.drawLine(QPointF(s / 2, tail), QPointF(s / 2, tip))
        p.drawLine(QPointF(s / 2, tip), QPointF(s / 2 - s * 0.22, tip + head))
        p.drawLine(QPointF(s / 2, tip), QPointF(s / 2 + s * 0.22, tip + head))

    return draw


def _turn(back: bool) -> Painter:
    """A curved arrow: back (undo) points left, forward (redo) points right."""

    def draw(p: QPainter, s: float) -> None:
        if not back:
            p.translate(s, 0)
            p.scale(-1, 1)
        p.setPen(_pen(INK, max(1.5, s / 10)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        arc = QPainterPath(QPointF(s * 0.24, s * 0.42))
        arc.cubicTo(s * 0.45, s * 0.2, s * 0.88, s * 0.3, s * 0.8, s * 0.62)
        arc.cubicTo(s * 0.76, s * 0.76, s * 0.62, s * 0.82, s * 0.5, s * 0.82)
        p.drawPath(arc)
        p.drawLine(QPointF(s * 0.24, s * 0.42), QPointF(s * 0.22, s * 0.2))
        p.drawLine(QPointF(s * 0.24, s * 0.42), QPointF(s * 0.46, s * 0.46))

    return draw


def _copies(p: QPainter, s: float) -> None:
    p.setPen(QPen(INK, max(1.0, s / 16)))
    p.setBrush(QColor("#e8eaed"))
    p.drawRoundedRect(QRectF(s * 0.12, s * 0.12, s * 0.5, s * 0.56), s * 0.06, s * 0.06)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(s * 0.38, s * 0.32, s * 0.5, s * 0.56), s * 0.06, s * 0.06)


def _pencil(p: QPainter, s: float) -> None:
    p.translate(s / 2, s / 2)
    p.rotate(45)
    p.setPen(QPen(INK, max(1.0, s / 18)))
    p.setBrush(FOLDER)
    p.drawRect(QRectF(-s * 0.1, -s * 0.38, s * 0.2, s * 0.56))
    tip = QPainterPath(QPointF(-s * 0.1, s * 0.18))
    tip.lineTo(0, s * 0.38)
    tip.lineTo(s * 0.1, s * 0.18)
    tip.closeSubpath()
    p.setBrush(QColor("#f1d6a8"))
    p.drawPath(tip)


@cache
def duplicate_icon() -> QIcon:
    return _icon(_copies)


@cache
def rename_icon() -> QIcon:
    return _icon(_pencil)


@cache
def undo_icon() -> QIcon:
    return _icon(_turn(True))


@cache
def redo_icon() -> QIcon:
    return _icon(_turn(False))


@cache
def gear_icon() -> QIcon:
    return _icon(_gear)


@cache
def group_icon() -> QIcon:
    return _icon(_folder(FOLDER))


@cache
def sub_group_icon() -> QIcon:
    return _icon(_folder(SUB_FOLDER))


@cache
def add_group_icon() -> QIcon:
    return _icon(_plus_badge(_folder(FOLDER)))


@cache
def add_sub_group_icon() -> QIcon:
    return _icon(_plus_badge(_folder(SUB_FOLDER)))


@cache
def add_layer_icon() -> QIcon:
    return _icon(_plus_badge(_option))


@cache
def add_icon() -> QIcon:
    return _icon(_plus_badge(None))


@cache
def delete_icon() -> QIcon:
    return _icon(_bin)


@cache
def move_up_icon() -> QIcon:
    return _icon(_arrow(True))


@cache
def move_down_icon() -> QIcon:
    return _icon(_arrow(False))
