"""The recently opened database files, newest first, kept in the window's QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recentDatabases"
MAX_RECENT = 8


def recent_databases(settings: QSettings) -> list[Path]:
    """The remembered files, newest first (they may have gone since)."""
    value = settings.value(KEY)
    # An INI file gives back a one-item list as a plain string, and an empty one as None.
    if value is None:
        items: list[object] = []
    elif isinstance(value, str):
        items = [value]
    else:
        items = list(value)
    return [Path(item) for item in items if isinstance(item, str) and item]


def remember_database(settings: QSettings, path: Path) -> list[Path]:
    """Put path first (once), keep at most MAX_RECENT, and return the new list."""
    path = _absolute(path)
    paths = [path] + [p for p in recent_databases(settings) if _absolute(p) != path]
    _store(settings, paths[:MAX_RECENT])
    return paths[:MAX_RECENT]


def forget_database(settings: QSettings, path: Path) -> None:
    path = _absolute(path)
    _store(settings, [p for p in recent_databases(settings) if _absolute(p) != path])


def clear_recent(settings: QSettings) -> None:
    _store(settings, [])


def _store(settings: QSettings, paths: list[Path]) -> None:
    settings.setValue(KEY, [str(p) for p in paths])
    settings.sync()


def _absolute(path: Path) -> Path:
    # Not resolve(): a file that has gone, or a link the user chose, stays as they named it.
    return Path(path).absolute()
