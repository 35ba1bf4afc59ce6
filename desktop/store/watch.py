"""Noticing changes other programs commit (docs/team-database.md), cheaply enough to ask twice a
second.

On SQLite `PRAGMA data_version` on a connection of our own changes whenever another
connection commits; on PostgreSQL a connection LISTENs on the change log's channel and every
write NOTIFYs it. Either way the caller then reads the change log after the last number it saw.
A probe whose connection failed (a server stopped or unreachable) raises StorageError, and
reconnects on a later call.
"""

from __future__ import annotations

import sqlite3
from contextlib import suppress
from typing import Any

from sqlalchemy.engine import make_url

from .changes import CHANNEL, Change, changes_since, last_change
from .database import Database
from .transaction import StorageError, storage_error, storage_errors


class ChangeProbe:
    """Tells whether the database has changed since the last call, and what did."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._sqlite: sqlite3.Connection | None = None
        self._listener: Any = None  # psycopg.Connection, when on a server
        self._data_version: int | None = None
        self._connections = 0  # listening connections made so far
        self._closed = False
        self._passed_over: set[str] = set()  # change-log faults logged already
        database.on_close(self.close)
        self._something_committed()  # the starting point of either way of noticing
        self.last_seq = self._read_last_seq()

    @property
    def watchable(self) -> bool:
        return self.database.server is not None or self.database.path is not None

    def _read_last_seq(self) -> int:
        with storage_errors(), self.database.session() as session:
            return last_change(session)

    def poll(self) -> list[Change] | None:
        """The changes committed since the last poll (by anyone, this program included);
        [] when nothing changed; None when more changed than the trimmed log still holds
        (the caller re-reads everything). StorageError when the database cannot be reached."""
        if self._closed or not self._something_committed():
            return []
        with storage_errors(), self.database.session() as session:
            found = changes_since(session, self.last_seq, self._passed_over)
            if found is None:
                self.last_seq = last_change(session)
                return None
        changes, self.last_seq = found  # past any row passed over, too
        return changes

    def _something_committed(self) -> bool:
        if self.database.server is not None:
            return self._notified()
        if self.database.path is None:
            return False
        try:
            if self._sqlite is None:
                # A read-only file through the read-only connection it was opened with.
                uri = self.database.sqlite_uri
                self._sqlite = sqlite3.connect(
                    uri or self.database.path, uri=uri is not None, check_same_thread=False
                )
            version = self._sqlite.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            self._drop()
            raise storage_error(exc) from exc
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def _notified(self) -> bool:
        import psycopg  # the [postgres] extra; a server database is only open with it

        fresh = self._listener is None
        try:
            if fresh:
                assert self.database.server is not None
                url = make_url(self.database.server.url).set(drivername="postgresql")
                self._listener = psycopg.connect(
                    url.render_as_string(hide_password=False),
                    autocommit=True,
                    connect_timeout=5,
                )
                self._listener.execute(f"LISTEN {CHANNEL}")
                self._connections += 1
            got = any(True for _ in self._listener.notifies(timeout=0))
        except psycopg.Error as exc:
            self._drop()
            # One short sentence: the driver's own words would crowd the status bar out.
            raise StorageError(
                "The database server cannot be reached: edits are not saved until it is back.",
                lasting=False,
            ) from exc
        # After (re)connecting, what was committed meanwhile was never notified: look.
        return got or fresh

    def socket(self) -> tuple[int, int] | None:
        """The listening connection's socket on a server (readable when a change was
        notified, so a window can wake on it rather than wait for its next poll), with the
        number of that connection (a reconnection may get the same socket number back);
        None on SQLite, or while not connected."""
        if self._listener is None:
            return None
        try:
            return int(self._listener.fileno()), self._connections
        except Exception:  # a closed connection has no socket: poll() reconnects
            return None

    def close(self) -> None:
        """For good: the database was closed (a failed connection is dropped by _drop)."""
        self._drop()
        self._closed = True

    def _drop(self) -> None:
        if self._sqlite is not None:
            with suppress(sqlite3.Error):
                self._sqlite.close()
            self._sqlite = None
        if self._listener is not None:
            with suppress(Exception):
                self._listener.close()
            self._listener = None
