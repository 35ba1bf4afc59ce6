"""The database files this process holds connections to, so that nothing reads them as an
import file (docs/reliability.md).

A File ▸ Import, a stock sheet or a WordPress export chosen by the user could be the open
database itself, or its `-wal` or `-shm` file. Reading it with `open()` and closing it would
drop every lock this process holds on the database, so the readers ask here first and refuse
such a file by name. The set is per process because POSIX locks are.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

_held: Counter[Path] = Counter()  # database file → connections' holders open on it
SIDE_FILES = ("-wal", "-shm", "-journal")


def hold(database: Path) -> None:
    _held[database] += 1


def release(database: Path) -> None:
    _held[database] -= 1
    if _held[database] <= 0:
        del _held[database]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # a stat opens no descriptor
    except OSError:
        return None
    return st.st_dev, st.st_ino


def open_database_file(path: Path) -> Path | None:
    """The open database that path is (or is the -wal, -shm or journal of), else None."""
    wanted = _identity(Path(path))
    if wanted is None:
        return None
    for database in list(_held):
        for candidate in (database, *(database.with_name(database.name + s) for s in SIDE_FILES)):
            if _identity(candidate) == wanted:
                return database
    return None


def refusal(path: Path) -> str | None:
    """Why path may not be read as an import file, or None when it may."""
    database = open_database_file(path)
    if database is None:
        return None
    return f"it is the open database {database.name} (or one of its files), not a file to import"
