"""Reading a file that must be a regular file, without ever waiting on another process
(docs/files-and-images.md).

A named pipe (FIFO) opened for reading waits until something writes to it, and a device or a
socket may wait for ever too: an image path that names one would hang an import or freeze the
window. So the path is looked at first (only a regular file, links followed, is opened), and
opened without blocking, so that a file swapped for a pipe between the look and the open
still cannot make the open wait; the open file is looked at again before anything is read.

Nor is the open database read this way, or its -wal or -shm file (an image chosen by mistake,
a link in the media folder): closing such a descriptor would drop every lock this process
holds on the database (docs/reliability.md). It is refused by name before it is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from . import open_files

__all__ = [
    "FileTooLarge",
    "NotRegularFile",
    "OpenDatabaseFile",
    "not_regular",
    "open_regular",
    "read_regular",
]

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFOs to wait on
_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class NotRegularFile(OSError):
    """A path that names something other than a regular file; str() says what it is."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"is {kind}, not a regular file")
        self.kind = kind

    def __str__(self) -> str:
        return str(self.args[0])


class OpenDatabaseFile(NotRegularFile):
    """The open database, or its -wal or -shm file: never opened as a file to read."""

    def __init__(self, database: Path) -> None:
        OSError.__init__(self, f"is the open database {database.name} (or one of its files)")
        self.kind = "the open database"


def _check(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a file")
        raise NotRegularFile(kind)


def not_regular(path: Path) -> str | None:
    """What path names when that is something other than a regular file ("is a named pipe
    (FIFO), not a regular file"); None for a regular file or nothing at all. Opens nothing."""
    try:
        _check(os.stat(path).st_mode)
    except NotRegularFile as exc:
        return str(exc)
    except (OSError, ValueError):
        return None
    return None


def open_regular(path: Path) -> BinaryIO:
    """path opened for reading in binary, when it is a regular file (links followed);
    NotRegularFile otherwise (OpenDatabaseFile for the open database's files), other OSErrors
    as open() raises them. Never blocks."""
    _check(os.stat(path).st_mode)
    database = open_files.open_database_file(path)
    if database is not None:
        raise OpenDatabaseFile(database)
    fd = os.open(path, _FLAGS)
    try:
        _check(os.fstat(fd).st_mode)  # what was opened, should the path have changed since
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a regular file's reads never wait on another process
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """The content of the regular file at path, or FileTooLarge when it holds more than limit
    bytes (read no further than that); NotRegularFile or another OSError when unreadable."""
    with open_regular(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(limit)
    return data


class FileTooLarge(OSError):
    """A file holding more bytes than its reader accepts."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"is larger than {limit // (1024 * 1024)} MB")

    def __str__(self) -> str:
        return str(self.args[0])
