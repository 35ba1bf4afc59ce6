"""Recognising a real image file by its content (docs/reliability.md): PNG, JPEG or WebP, whole, at
most
20 MB and 8,192 px a side. Read without Qt (the store has none): the header gives the kind and
the size, the end of the file shows it is not cut short."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from .regular_files import FileTooLarge, NotRegularFile, read_regular

MAX_BYTES = 20 * 1024 * 1024
MAX_SIDE = 8192
EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"IEND\xaeB`\x82"
# JPEG start-of-frame markers (they carry the size); C4, C8 and CC are other segments.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class ImageError(ValueError):
    """A file that is not an image we accept; the message says why."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What the content says: its kind ("png", "jpeg", "webp") and size in pixels."""

    kind: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.kind]


def check_image(path: Path) -> ImageInfo:
    """The image at path, or ImageError naming what is wrong with it."""
    try:
        # Only a regular file, opened without waiting: a named pipe would block for ever.
        data = read_regular(path, MAX_BYTES)
    except (NotRegularFile, FileTooLarge) as exc:
        raise ImageError(str(exc)) from None
    except OSError as exc:
        raise ImageError(f"cannot be read: {exc.strerror or exc}") from None
    info = _identify(data)
    if info.width < 1 or info.height < 1:
        raise ImageError("has no pixels (its header says 0 px)")
    if info.width > MAX_SIDE or info.height > MAX_SIDE:
        raise ImageError(
            f"is {info.width}×{info.height} px; at most {MAX_SIDE} px a side are allowed"
        )
    return info


def _identify(data: bytes) -> ImageInfo:
    if data.startswith(_PNG_SIGNATURE):
        return _png(data)
    if data.startswith(b"\xff\xd8\xff"):
        return _jpeg(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    raise ImageError("is not a PNG, JPEG or WebP image")


def _truncated() -> ImageError:
    return ImageError("is truncated or damaged (the file ends before the image does)")


def _png(data: bytes) -> ImageInfo:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise _truncated()
    width, height = struct.unpack(">II", data[16:24])
    if data[-8:] != _PNG_END:
        raise _truncated()
    return ImageInfo("png", width, height)


def _jpeg(data: bytes) -> ImageInfo:
    at = 2
    found: tuple[int, int] | None = None
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise _truncated()
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD9, 0xDA):  # end of image, or the start of the compressed data
            break
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in _SOF and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            found = (width, height)
            break
        at += 2 + length
    if found is None or not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        raise _truncated()
    return ImageInfo("jpeg", *found)


def _webp(data: bytes) -> ImageInfo:
    declared = struct.unpack("<I", data[4:8])[0] + 8
    if len(data) < 30 or declared > len(data):
        raise _truncated()
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return ImageInfo("webp", width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return ImageInfo("webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return ImageInfo("webp", width, height)
    raise ImageError("is not a PNG, JPEG or WebP image (an unknown WebP kind)")
