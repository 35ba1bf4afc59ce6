"""Decoding layer images with a bound on memory (docs/files-and-images.md).

A PNG of 8,192 × 8,192 px can weigh 270 KB on disk and 256 MB decoded: eight of them in one
preview once took 2.5 GB. So every layer image is decoded here, through Qt's QImageReader:
from bytes read off a regular file only (never a pipe that would block), with an allocation
limit, and scaled while it is read to no more than the side the caller shows it at.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from ...store.images import MAX_BYTES
from ...store.regular_files import read_regular

__all__ = ["ALLOCATION_LIMIT_MB", "DECODE_SIDES", "decode_side", "read_image"]

# The most one decode may allocate: an image at the 8,192 px limit, 4 bytes a pixel, fits
# (a reader scaling while it reads may need the whole image first); nothing larger does.
ALLOCATION_LIMIT_MB = 260
# The sides images are decoded at: the smallest that covers what is shown, so a window
# resized by a few pixels reuses what it decoded.
DECODE_SIDES = (256, 512, 1024, 2048, 4096, 8192)


def decode_side(needed: QSize) -> int:
    """The decode side for a view of `needed` device pixels."""
    longest = max(needed.width(), needed.height(), 1)
    return next((side for side in DECODE_SIDES if side >= longest), DECODE_SIDES[-1])


def read_image(path: Path, side: int | None = None) -> QImage | None:
    """The image at path, scaled down (keeping its shape) to fit `side` × `side` pixels when
    larger; None when the file is not a regular file, unreadable or not an image."""
    try:
        data = read_regular(path, MAX_BYTES)
    except OSError:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    size = reader.size()  # from the header, before anything is decoded
    if side is not None and size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image
