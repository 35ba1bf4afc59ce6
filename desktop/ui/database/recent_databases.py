"""The recently opened databases, newest first, kept in the window's QSettings: files by their
path, team databases by their URL with every secret left out (docs/database-urls.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ...store.server import DatabaseTarget, ServerAddress, ServerUrlError, database_target

KEY = "recentDatabases"
MAX_RECENT = 8


def recent_databases(settings: QSettings) -> list[DatabaseTarget]:
    """The remembered databases, newest first (files may have gone since)."""
    value = settings.value(KEY)
    # An INI file gives back a one-item list as a plain string, and an empty one as None.
    if value is None:
        items: list[object] = []
    elif isinstance(value, str):
        items = [value]
    else:
        items = list(value)
    found: list[DatabaseTarget] = []
    for item in items:
        if isinstance(item, str) and item:
            try:
                found.append(database_target(item))
            except ServerUrlError:  # written by hand, or by another version: left out
                continue
    return found


def remember_database(settings: QSettings, target: DatabaseTarget) -> list[DatabaseTarget]:
    """Put target first (once), keep at most MAX_RECENT, and return the new list."""
    key = stored_form(target)
    targets = [target] + [t for t in recent_databases(settings) if stored_form(t) != key]
    _store(settings, targets[:MAX_RECENT])
    return targets[:MAX_RECENT]


def forget_database(settings: QSettings, target: DatabaseTarget) -> None:
    key = stored_form(target)
    _store(settings, [t for t in recent_databases(settings) if stored_form(t) != key])


def clear_recent(settings: QSettings) -> None:
    _store(settings, [])


def stored_form(target: DatabaseTarget) -> str:
    """What the list keeps: a file's absolute path, a server's URL without its secrets."""
    if isinstance(target, ServerAddress):
        return target.without_secrets()
    # Not resolve(): a file that has gone, or a link the user chose, stays as they named it.
    return str(Path(target).absolute())


def _store(settings: QSettings, targets: list[DatabaseTarget]) -> None:
    settings.setValue(KEY, [stored_form(t) for t in targets])
    settings.sync()
