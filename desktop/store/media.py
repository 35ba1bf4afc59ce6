"""The media folder that sits beside each database and holds its layers' image files.

Layers store image paths relative to this folder (`images/grip-yellow.png`), the same relative
paths the exchange files use, so a configurator's images travel with it on export and import.
Files are written whole or not at all: to a temporary name first, then linked into place.
"""

from __future__ import annotations

import errno
import filecmp
import os
import re
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from ..domain.rules import relative_path_problem
from .image_journal import TEMP_PREFIX, clean_media
from .regular_files import open_regular
from .tables import LayerRow

__all__ = [
    "clean_after_open",
    "inside",
    "media_dir",
    "place_file",
    "relative_path_problem",
    "resolve_image",
    "safe_file_name",
    "stored_name",
]

STEM_MAX = 60  # characters of a stored image's name before its extension
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def media_dir(db_path: Path) -> Path:
    """`shop.db` keeps its images in `shop-media/` next to it."""
    return db_path.parent / f"{db_path.stem}-media"


def safe_file_name(name: str) -> str:
    """name with the characters an image path may not hold (':' and '\\', both legal in file
    names on Linux and macOS) replaced by '-'."""
    return re.sub(r"[:\\]", "-", name)


def stored_name(original: str, extension: str) -> str:
    """The short, safe relative path an image is stored under: `images/<slug><extension>`,
    the slug keeping what is readable of the original name (ASCII letters, digits, - and _)."""
    stem = PurePosixPath(original.replace("\\", "/")).with_suffix("").as_posix()
    slug = _UNSAFE.sub("-", stem.removeprefix("images/")).strip("-_")[:STEM_MAX].strip("-_")
    return f"images/{slug or 'image'}{extension}"


def inside(path: Path, folder: Path) -> bool:
    """Whether path, its links followed, lies inside folder (its links followed too)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop, a name too long
        return False


def resolve_image(db_path: Path | None, relative: str) -> Path | None:
    """The image file a layer refers to, when it exists in the database's media folder.
    Never raises: a path the file system cannot even look at is simply not found."""
    if db_path is None or not relative or relative_path_problem(relative):
        return None
    candidate = media_dir(Path(db_path)) / PurePosixPath(relative)
    try:
        return candidate if candidate.is_file() else None
    except (OSError, ValueError):  # name too long, a NUL byte
        return None


def place_file(
    source: Path, folder: Path, relative: str, note: Callable[[str, int], None] | None = None
) -> tuple[str, Path | None]:
    """Copy `source` to `folder/relative`, never overwriting a different file.

    Returns the relative path actually used (a free name such as `images/x-2.png` when
    another file already sits there) and the path of the file created, or None when an
    identical file was already in place. The copy is written to a temporary file beside the
    target and then linked in under its name, which fails rather than overwrites when another
    writer got there first; a failure (a full disk) leaves no file behind. `note` is told each
    name, with the copy's inode, before the copy is linked in under it (an import's journal,
    docs/files-and-images.md).
    """
    wanted = PurePosixPath(relative)
    target_dir = folder / wanted.parent
    target_dir.mkdir(parents=True, exist_ok=True)
    temp_relative = wanted.with_name(f"{TEMP_PREFIX}{secrets.token_hex(8)}")
    if note is not None:
        note(temp_relative.as_posix(), 0)  # named before it exists: no kill can lose it
    temp = folder / temp_relative
    try:
        with temp.open("xb") as out, open_regular(source) as data:
            shutil.copyfileobj(data, out)
        candidate, n = wanted, 1
        while True:
            target = folder / candidate
            if note is not None:
                note(candidate.as_posix(), temp.stat().st_ino)
            try:
                os.link(temp, target)
                return candidate.as_posix(), target
            except FileExistsError:
                if target.is_file() and filecmp.cmp(temp, target, shallow=False):
                    return candidate.as_posix(), None
            except OSError as exc:
                if exc.errno not in _NO_HARD_LINKS:
                    raise
                if not target.exists():  # a file system without links: a rename still is whole
                    os.replace(temp, target)
                    return candidate.as_posix(), target
            n += 1
            candidate = wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}")
    finally:
        temp.unlink(missing_ok=True)


def clean_after_open(engine: Engine, db_path: Path | None) -> list[str]:
    """Remove the image files that killed imports, and undone ones no window can redo any
    more, left in the database's media folder and that no layer uses (docs/files-and-images.md).
    Returns their relative paths; never raises (a failure leaves the files for a later open)."""
    if db_path is None:
        return []

    def referenced(names: list[str]) -> set[str]:
        with Session(engine) as session:
            return set(session.exec(select(LayerRow.image).where(col(LayerRow.image).in_(names))))

    try:
        return clean_media(media_dir(Path(db_path)), referenced)
    except (OSError, SQLAlchemyError):  # a tidy-up: the open itself must not fail for it
        return []
