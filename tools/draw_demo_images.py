"""Draw the demo configurator's layer images (resources/demo/images/*.png).

Run `python3 tools/draw_demo_images.py` to regenerate them. Every image is the same size with a
transparent background and holds only its own part of the controller, so the preview can stack
the selected options' images in layer order: body at the bottom, then grips, buttons, sticks and
back paddles.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
    QTransform,
)

WIDTH, HEIGHT = 600, 400
OUT = Path(__file__).resolve().parent.parent / "resources" / "demo" / "images"

# Controls sit on the upper shell, clear of the grips (which start around y=216).
LEFT_STICK = QPointF(185, 145)
RIGHT_STICK = QPointF(355, 192)
DPAD = QPointF(245, 190)
FACE_BUTTONS = QPointF(415, 145)


# --- shared geometry ------------------------------------------------------------------------
def grip_transform(mirror: bool) -> QTransform:
    """Places a shape drawn around (0, 0) on the left grip, or mirrored on the right one."""
    transform = QTransform()
    if mirror:
        transform.translate(WIDTH - 168, 295).rotate(-18).scale(-1, 1)
    else:
        transform.translate(168, 295).rotate(18)
    return transform


def handle(mirror: bool) -> QPainterPath:
    """One grip: a long rounded shape leaning outwards at the bottom, as held in the palm."""
    path = QPainterPath()
    path.addRoundedRect(QRectF(-48, -80, 96, 160), 48, 48)
    return grip_transform(mirror).map(path)


def grips() -> QPainterPath:
    return handle(False).united(handle(True))


def top_shell() -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(118, 92, WIDTH - 236, 150), 64, 64)
    return path


def silhouette() -> QPainterPath:
    return top_shell().united(grips())


def circle(centre: QPointF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(centre, radius, radius)
    return path


def outline(color: str = "#15171a", width: float = 3) -> QPen:
    pen = QPen(QColor(color), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def metallic(base: str, top: float, bottom: float) -> QLinearGradient:
    """A sheen from light to dark, the way a metallic plastic catches light."""
    color = QColor(base)
    gradient = QLinearGradient(0, top, 0, bottom)
    gradient.setColorAt(0.0, color.lighter(165))
    gradient.setColorAt(0.35, color)
    gradient.setColorAt(0.7, color.darker(135))
    gradient.setColorAt(1.0, color.lighter(115))
    return gradient


def dome(centre: QPointF, radius: float, base: str) -> QRadialGradient:
    """A rounded cap lit from the upper left."""
    color = QColor(base)
    light = centre + QPointF(-radius * 0.35, -radius * 0.4)
    gradient = QRadialGradient(centre, radius, light)
    gradient.setColorAt(0.0, color.lighter(180))
    gradient.setColorAt(0.6, color)
    gradient.setColorAt(1.0, color.darker(160))
    return gradient


# --- the layers ----------------------------------------------------------------------------
def draw_body(p: QPainter) -> None:
    shell = silhouette()
    p.setPen(outline(width=4))
    p.setBrush(QBrush(metallic("#3b3f46", 92, 360)))
    p.drawPath(shell)
    # The face plate, stick wells and the small centre buttons are part of the shell.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#2a2d32"))
    for centre in (LEFT_STICK, RIGHT_STICK):
        p.drawPath(circle(centre, 36))
    p.setBrush(QColor("#1d1f23"))
    arm = 13
    cross = QPainterPath()
    cross.addRoundedRect(QRectF(DPAD.x() - arm, DPAD.y() - 32, 2 * arm, 64), 4, 4)
    cross.addRoundedRect(QRectF(DPAD.x() - 32, DPAD.y() - arm, 64, 2 * arm), 4, 4)
    p.drawPath(cross.simplified())
    p.setBrush(QColor("#1d1f23"))
    for x in (272, 328):
        p.drawRoundedRect(QRectF(x - 11, 140, 22, 11), 5, 5)
    p.setBrush(QBrush(dome(QPointF(300, 118), 15, "#d9dde3")))
    p.setPen(outline("#1d1f23", 2))
    p.drawPath(circle(QPointF(300, 118), 15))


def grip_painter(color: str) -> Callable[[QPainter], None]:
    def draw(p: QPainter) -> None:
        p.setPen(outline(width=4))
        p.setBrush(QBrush(metallic(color, 200, 375)))
        # The grip covers the handle below the upper shell, meeting it in a seam.
        p.drawPath(grips().subtracted(top_shell()))
        # A highlight stripe along each grip sells the "metallic" finish.
        shine = QPen(QColor(255, 255, 255, 90), 6)
        shine.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(shine)
        for mirror in (False, True):
            transform = grip_transform(mirror)
            p.drawLine(transform.map(QPointF(-28, -10)), transform.map(QPointF(-28, 50)))

    return draw


def buttons_painter(colors: tuple[str, str, str, str]) -> Callable[[QPainter], None]:
    """Four face buttons in a diamond: top, right, bottom, left."""

    def draw(p: QPainter) -> None:
        offsets = (QPointF(0, -26), QPointF(26, 0), QPointF(0, 26), QPointF(-26, 0))
        p.setPen(outline(width=2.5))
        for offset, color in zip(offsets, colors, strict=True):
            centre = FACE_BUTTONS + offset
            p.setBrush(QBrush(dome(centre, 13, color)))
            p.drawPath(circle(centre, 13))

    return draw


def sticks_painter(color: str) -> Callable[[QPainter], None]:
    def draw(p: QPainter) -> None:
        for centre in (LEFT_STICK, RIGHT_STICK):
            p.setPen(outline(width=3))
            p.setBrush(QBrush(dome(centre, 27, color)))
            p.drawPath(circle(centre, 27))
            # The concave thumb rest.
            p.setPen(QPen(QColor(0, 0, 0, 70), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(circle(centre, 17))

    return draw


def paddles_painter(along: float) -> Callable[[QPainter], None]:
    """Back paddles peek out beside the grips; clipping them to outside the shell makes them
    read as sitting behind it although the layer is drawn on top."""

    def draw(p: QPainter) -> None:
        outside = QPainterPath()
        outside.addRect(QRectF(0, 0, WIDTH, HEIGHT))
        p.setClipPath(outside.subtracted(silhouette()))
        p.setPen(outline(width=3))
        for mirror in (False, True):
            paddle = QPainterPath()
            paddle.addRoundedRect(QRectF(-64, along - 26, 36, 52), 14, 14)
            shape = grip_transform(mirror).map(paddle)
            bounds = shape.boundingRect()
            p.setBrush(QBrush(metallic("#23262b", bounds.top(), bounds.bottom())))
            p.drawPath(shape)

    return draw


IMAGES: dict[str, Callable[[QPainter], None]] = {
    "body.png": draw_body,
    "grip-yellow.png": grip_painter("#d9a916"),
    "grip-red.png": grip_painter("#b3202a"),
    "grip-purple.png": grip_painter("#6b2d94"),
    "buttons-black.png": buttons_painter(("#2c2e33",) * 4),
    "buttons-retro.png": buttons_painter(("#f2c200", "#d6262b", "#2f9e3f", "#2463c9")),
    "buttons-chrome.png": buttons_painter(("#b8bec7",) * 4),
    "sticks-black.png": sticks_painter("#26282c"),
    "sticks-white.png": sticks_painter("#eef1f5"),
    "sticks-gold.png": sticks_painter("#c9a227"),
    "paddles-upper.png": paddles_painter(-22),
    "paddles-lower.png": paddles_painter(38),
}


def render(draw: Callable[[QPainter], None]) -> QImage:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        draw(painter)
    finally:
        painter.end()
    return image


def main(out: Path = OUT) -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    for name, draw in IMAGES.items():
        if not render(draw).save(str(out / name)):
            print(f"could not write {out / name}", file=sys.stderr)
            return 1
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
