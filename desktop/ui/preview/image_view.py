"""The product image: the selected options' layer images stacked in layer order.

Images are decoded scaled to the side the widget shows them at (docs/files-and-images.md) and
cached per file and side, within a bound on the bytes they hold; the stack is composed again
only when the list of image files changes (a selection, an image field, a reorder) or the
widget needs a larger side, and scaled to the widget at the screen's device pixel ratio so it
stays crisp on high-DPI screens.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.model import Layer
from ...store.media import resolve_image
from ..theme import palette as colors
from ..theme.palette import Tone
from ..widgets.image_decode import DECODE_SIDES, decode_side, read_image

DEFAULT_SIDE = 1024  # before the widget has a size: as large as an editor's preview usually is
CACHE_BYTES = 192 * 1024 * 1024  # decoded images kept, at most (a 2,048 px image is 16 MB)
# The pixels of one stack's layers decoded together (256 MB at 4 bytes a pixel): the more
# layers, the smaller the side each is decoded at; one layer may have the full 8,192 px.
STACK_PIXELS = 8192 * 8192


def stack_side(layers: int) -> int:
    """The largest decode side at which `layers` images stay within STACK_PIXELS."""
    fitting = [side for side in DECODE_SIDES if max(layers, 1) * side * side <= STACK_PIXELS]
    return fitting[-1] if fitting else DECODE_SIDES[0]


class ImageCache:
    """Decoded layer images by relative path and decode side (None for a missing or
    unreadable file).

    Bounded by the bytes the images hold (least recently used first out), so neither a
    catalogue of thousands of images nor a few huge ones keep more than `limit` decoded.
    """

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self.db_path: Path | None = None
        self._images: OrderedDict[tuple[str, int], QImage | None] = OrderedDict()
        self._bytes = 0

    def get(self, relative: str, side: int = DEFAULT_SIDE) -> QImage | None:
        key = (relative, side)
        if key in self._images:
            self._images.move_to_end(key)
            return self._images[key]
        found = resolve_image(self.db_path, relative)
        image = read_image(found, side) if found is not None else None
        self._images[key] = image
        self._bytes += _size(image)
        while self._bytes > self.limit and len(self._images) > 1:
            _, dropped = self._images.popitem(last=False)
            self._bytes -= _size(dropped)
        return image

    @property
    def bytes(self) -> int:
        """What the decoded images held now take."""
        return self._bytes

    def forget(self, relative: str) -> None:
        for key in [key for key in self._images if key[0] == relative]:
            self._bytes -= _size(self._images.pop(key))

    def clear(self, db_path: Path | None) -> None:
        self.db_path = db_path
        self._images.clear()
        self._bytes = 0


def _size(image: QImage | None) -> int:
    return 0 if image is None else image.sizeInBytes()


class ProductImage(QWidget):
    """Shows the composed product image scaled to fit, keeping its aspect ratio."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productImage")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)  # the column beside the options may get narrow
        self.cache = ImageCache()
        self._paths: tuple[str, ...] = ()
        self._composed: QImage | None = None
        self._dirty = False
        self._scaled: QPixmap | None = None
        self._scaled_key: tuple[int, int, float] | None = None
        self._side = DEFAULT_SIDE  # the side images are decoded at for this widget

    # --- input ---------------------------------------------------------------------------
    def reset(self, db_path: Path | None) -> None:
        self.cache.clear(db_path)
        self._paths = ()
        self._invalidate()

    def show_layers(self, layers: Sequence[Layer]) -> None:
        """The selected options in layer order (first at the bottom)."""
        paths = tuple(layer.image for layer in layers if layer.image)
        if paths != self._paths:
            self._paths = paths
            self._invalidate()

    def image_changed(self, *relatives: str) -> None:
        """A layer's image field changed: decode those files afresh."""
        for relative in relatives:
            self.cache.forget(relative)
        if any(relative in self._paths for relative in relatives):
            self._invalidate()

    def _invalidate(self) -> None:
        # Composed lazily (on paint or when asked): several changes in one turn cost one pass.
        self._dirty = True
        self._scaled = None
        self.update()

    # --- output --------------------------------------------------------------------------
    def composed(self) -> QImage | None:
        """The full-size stack, or None when no selected option has a readable image."""
        if self._dirty:
            self._composed = self._compose()
            self._dirty = False
        return self._composed

    def pixmap(self) -> QPixmap:
        """What is drawn: the stack scaled to this widget at its device pixel ratio."""
        ratio = self.devicePixelRatioF()
        target = self._target().size()
        side = decode_side(QSize(round(target.width() * ratio), round(target.height() * ratio)))
        if side > self._side:  # grown past what was decoded: read the images larger
            self._side = side
            self._dirty = True
        composed = self.composed()
        key = (target.width(), target.height(), ratio)
        if self._scaled is None or self._scaled_key != key:
            if composed is None or target.isEmpty():
                self._scaled = QPixmap()
            else:
                device = QSize(round(target.width() * ratio), round(target.height() * ratio))
                scaled = composed.scaled(
                    device,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                self._scaled = QPixmap.fromImage(scaled)
                self._scaled.setDevicePixelRatio(ratio)
            self._scaled_key = key
        return self._scaled

    def _compose(self) -> QImage | None:
        side = min(self._side, stack_side(len(self._paths)))
        found = (self.cache.get(p, side) for p in self._paths)
        images = [img for img in found if img is not None]
        if not images:
            return None
        # Layer images share one canvas in WP Configurator; the bottom one sets its size.
        canvas = QImage(images[0].size(), QImage.Format.Format_ARGB32_Premultiplied)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for image in images:
            if image.size() == canvas.size():
                painter.drawImage(QPoint(0, 0), image)
            else:
                fitted = image.size().scaled(canvas.size(), Qt.AspectRatioMode.KeepAspectRatio)
                x = (canvas.width() - fitted.width()) // 2
                y = (canvas.height() - fitted.height()) // 2
                painter.drawImage(QRect(QPoint(x, y), fitted), image)
        painter.end()
        return canvas

    def missing_files(self) -> list[str]:
        """The file names of the selected options' images that cannot be shown."""
        return [PurePosixPath(p).name for p in self._paths if self.cache.get(p) is None]

    def _target(self) -> QRect:
        return self.rect().adjusted(12, 12, -12, -12)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scaled = None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        pixmap = self.pixmap()
        missing = self.missing_files()
        if missing:
            # An image kept as a WordPress reference (or moved away): a placeholder naming
            # the files, so the gap in the picture is explained (docs/wordpress.md).
            painter.setPen(colors.color(Tone.WARNING, palette))
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignBottom
                | Qt.AlignmentFlag.AlignHCenter
                | Qt.TextFlag.TextWordWrap,
                f"Image not found: {', '.join(missing)}",
            )
        if pixmap.isNull():
            painter.setPen(colors.color(Tone.MUTED, palette))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No product image")
        else:
            size = pixmap.deviceIndependentSize().toSize()
            target = self._target()
            x = target.left() + (target.width() - size.width()) // 2
            y = target.top() + (target.height() - size.height()) // 2
            painter.drawPixmap(QPoint(x, y), pixmap)
        painter.end()
