"""Image files copied into the media folder that end up unused are removed
(docs/files-and-images.md).

An import copies its images in before the database write that refers to them. Each copy is
noted first in a journal beside them (`<media>/.pending-<random>`), together with the inode it
has, and the journal is held locked (flock) by the process while its fate is open. When the
write commits, the journal goes; when it fails, the copies and the journal go. A process killed
in between leaves a journal no one holds: the next open of the database removes each copy it
names that is still the same file (same inode) and that no layer refers to.

The window holds a journal the same way for the images of an import it undid, for as long as
the import can be redone; after that (the step dropped, the window closed or killed) the next
open removes them, unless a layer uses them by then.
"""

from __future__ import annotations

import contextlib
import secrets
import time
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

try:  # POSIX: a lock the system drops when its holder ends, however it ends
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # Windows: no module, so no lock

__all__ = ["JOURNAL_PREFIX", "TEMP_PREFIX", "ImageJournal", "clean_media", "hold_images"]

JOURNAL_PREFIX = ".pending-"
TEMP_PREFIX = ".incoming-"  # place_file's temporary copies, in the folder of their target
STALE_TEMP_S = 24 * 3600  # a temporary copy no journal names, this old, is a leftover
Referenced = Callable[[list[str]], set[str]]  # which of these relative paths layers use


class ImageJournal:
    """A locked journal of the image files one import (or one undone import) created.
    `note` records a file before it is linked in; `finish` drops the journal (the files
    now belong to the database); `close` lets the next open judge them."""

    def __init__(self, media: Path) -> None:
        media.mkdir(parents=True, exist_ok=True)
        self.path = media / f"{JOURNAL_PREFIX}{secrets.token_hex(8)}"
        self._file = self.path.open("x", encoding="utf-8")
        # Let go of the lock when the holder is dropped (an undo step Qt deleted), too.
        self._release = weakref.finalize(self, self._file.close)
        if fcntl is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)

    def note(self, relative: str, inode: int) -> None:
        """relative is about to be linked to the file of this inode (0: a temporary copy
        about to be created under a name of its own)."""
        self._file.write(f"{inode}\t{relative}\n")
        self._file.flush()  # in the file system's hands: a kill of this process keeps it

    def finish(self) -> None:
        """The database now refers to the files noted (or never will): drop the journal."""
        self.path.unlink(missing_ok=True)
        self.close()

    def close(self) -> None:
        self._release()  # the file, and the lock with it

    def __enter__(self) -> ImageJournal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.finish()


def hold_images(media: Path, files: Iterable[Path]) -> ImageJournal:
    """A journal naming files already in place (an undone import's), held until `finish`
    (a redo: they are used again) or until this process lets go of it."""
    journal = ImageJournal(media)
    for file in files:
        with contextlib.suppress(OSError):
            journal.note(file.relative_to(media).as_posix(), file.stat().st_ino)
    return journal


def clean_media(media: Path | None, referenced: Referenced) -> list[str]:
    """Remove what journals no process holds leave behind: each file they name that is
    still the one noted and that no layer uses, then the journal; and temporary copies a
    day old. Returns the relative paths removed. Never raises: a folder it may not change
    is left as it is."""
    removed: list[str] = []
    if media is None:
        return removed
    try:
        journals = sorted(media.glob(f"{JOURNAL_PREFIX}*"))
    except OSError:
        return removed
    live: set[str] = set()
    stale: list[tuple[Path, list[tuple[int, str]]]] = []
    for journal in journals:
        entries = _read_unheld(journal)
        if entries is None:
            live.update(_names(journal))
        else:
            stale.append((journal, entries))
    for journal, entries in stale:
        candidates = [name for inode, name in entries if _same(media, name, inode)]
        used = referenced(candidates) if candidates else set()
        for name in candidates:
            if name not in used and name not in live:
                with contextlib.suppress(OSError):
                    (media / PurePosixPath(name)).unlink()
                    removed.append(name)
        with contextlib.suppress(OSError):
            journal.unlink()
    _remove_old_temps(media)
    return removed


def _read_unheld(journal: Path) -> list[tuple[int, str]] | None:
    """The entries of a journal no process holds, None when one does."""
    try:
        with journal.open(encoding="utf-8") as handle:
            if fcntl is not None:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return None
            elif time.time() - journal.stat().st_mtime < STALE_TEMP_S:
                return None  # no locks to ask: judged by age
            return _parse(handle.read())
    except OSError:
        return None


def _names(journal: Path) -> list[str]:
    try:
        return [name for _, name in _parse(journal.read_text(encoding="utf-8"))]
    except OSError:
        return []


def _parse(text: str) -> list[tuple[int, str]]:
    entries = []
    for line in text.splitlines():
        inode, _, name = line.partition("\t")
        if inode.isdigit() and name and ".." not in PurePosixPath(name).parts:
            entries.append((int(inode), name))
    return entries


def _same(media: Path, name: str, inode: int) -> bool:
    """Whether media/name is still the file noted (not one another writer put there); a
    temporary copy's name is its own."""
    try:
        found = (media / PurePosixPath(name)).lstat().st_ino
        return inode == found or (inode == 0 and PurePosixPath(name).name.startswith(TEMP_PREFIX))
    except (OSError, ValueError):
        return False


def _remove_old_temps(media: Path) -> None:
    """Temporary copies no journal named (left by a version without journals): copies are
    only ever made in `images/`, so that folder alone is looked at, not the whole tree."""
    horizon = time.time() - STALE_TEMP_S
    with contextlib.suppress(OSError):
        for temp in (media / "images").glob(f"{TEMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                if temp.lstat().st_mtime < horizon:
                    temp.unlink()
