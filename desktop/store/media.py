"""The media folder that sits beside each database and holds its layers' image files.

Layers store image paths relative to this folder (`images/grip-yellow.png`), the same relative
paths the exchange files use, so a configurator's images travel with it on export and import.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path, PurePosixPath

_DRIVE = re.compile(r"^[A-Za-z]:")


def media_dir(db_path: Path) -> Path:
    """`shop.db` keeps its images in `shop-media/` next to it."""
    return db_path.parent / f"{db_path.stem}-media"


def relative_path_problem(relative: str) -> str:
    """Why `relative` is not a safe relative image path, or '' when it is.

    Backslashes are refused outright rather than read as separators: the file must mean the
    same thing on every platform, and `..\\x` must not slip past the upward check on Windows.
    """
    if "\\" in relative:
        return "must use forward slashes (/), not backslashes"
    if relative.startswith("/") or _DRIVE.match(relative):
        return "must be a relative path, not an absolute one"
    if ":" in relative:
        return "must be a relative file path (no drive, scheme or colon)"
    if ".." in PurePosixPath(relative).parts:
        return "must not go up out of its folder with '..'"
    return ""


def safe_file_name(name: str) -> str:
    """name with the characters an image path may not hold (':' and '\\', both legal in file
    names on Linux and macOS) replaced by '-'."""
    return re.sub(r"[:\\]", "-", name)


def resolve_image(db_path: Path | None, relative: str) -> Path | None:
    """The image file a layer refers to, when it exists in the database's media folder."""
    if db_path is None or not relative or relative_path_problem(relative):
        return None
    candidate = media_dir(Path(db_path)) / PurePosixPath(relative)
    return candidate if candidate.is_file() else None


def place_file(source: Path, folder: Path, relative: str) -> tuple[str, Path | None]:
    """Copy `source` to `folder/relative`, never overwriting a different file.

    Returns the relative path actually used (a free name such as `images/x-2.png` when
    another file already sits there) and the path of the file created, or None when an
    identical file was already in place.
    """
    wanted = PurePosixPath(relative)
    candidate, n = wanted, 1
    while True:
        target = folder / candidate
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            return candidate.as_posix(), target
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            return candidate.as_posix(), None
        n += 1
        candidate = wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}")
