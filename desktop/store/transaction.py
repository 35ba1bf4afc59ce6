"""What every repository write shares: one transaction per call, the errors a refused or failed
write raises, and the layer table as Core statements use it."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection, Table, text
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlmodel import Session

from ..domain.fields import ConfiguratorField, FieldError, LayerField, TreeError
from ..domain.rules import RuleError
from .tables import LayerRow, core_table

P = ParamSpec("P")
R = TypeVar("R")

# The transaction lock every write on a PostgreSQL server takes first, so writers queue as they
# do on SQLite (BEGIN IMMEDIATE): the reads a write makes (a free name, a sibling's position)
# cannot go stale before it writes.
WRITE_LOCK_KEY = 0x43464745
# session.info keys: the change-log numbers a transaction wrote, then those it committed, so
# the window that made a change can tell it from one made elsewhere (it already shows its own).
_PENDING_CHANGES = "pending_changes"
_COMMITTED_CHANGES = "committed_changes"


def note_change_written(session: Session, seq: int) -> None:
    """Remember that this session's transaction wrote change number seq."""
    session.info.setdefault(_PENDING_CHANGES, []).append(seq)


def take_committed_changes(session: Session) -> list[int]:
    """The change numbers this session's writes committed since the last call."""
    return session.info.pop(_COMMITTED_CHANGES, [])


# The layer table as SQLAlchemy Core sees it: layer reads and writes go through Core statements
# (one executemany for a whole subtree, position shifts as one UPDATE).
LAYER: Table = core_table(LayerRow)


class StoreError(ValueError):
    """A write refused because of the data (empty name, duplicate SKU, wrong tree shape);
    `field` is the field it concerns, when one does."""

    def __init__(self, message: str, field: LayerField | ConfiguratorField | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(StoreError):
    """A write based on a stale read: the row was changed (or deleted) by another window,
    machine or command since the caller read it, so nothing was written (docs/team-database.md). The
    caller reloads and says what changed; `gone` is true when the row no longer exists."""

    def __init__(
        self,
        message: str,
        *,
        configurator_id: int | None = None,
        layer_id: int | None = None,
        gone: bool = False,
    ) -> None:
        super().__init__(message)
        self.configurator_id = configurator_id
        self.layer_id = layer_id
        self.gone = gone


class StorageError(StoreError):
    """The database could not be read or written (locked, read-only, disk full, damaged).
    `lasting` is true when trying again soon will not help, so the user is told in a dialog."""

    def __init__(self, message: str, *, lasting: bool) -> None:
        super().__init__(message)
        self.lasting = lasting


# SQLite's words for each failure → what the merchant is told, and whether it lasts.
_STORAGE_FAILURES: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (
        ("locked", "busy"),
        "The database is locked by another program, so the change was not saved. "
        "Try again when it is free.",
        False,
    ),
    (
        ("readonly", "read-only"),
        "The database file is read-only, so changes cannot be saved. "
        "Check the file's permissions, or open a copy you can write to.",
        True,
    ),
    (
        ("disk is full", "database or disk is full"),
        "The disk is full, so the change was not saved. Free some space and try again.",
        True,
    ),
    (
        ("malformed", "not a database", "corrupt"),
        "The database file is damaged and cannot be used safely; the change was not saved.",
        True,
    ),
    (
        (
            "connection refused",
            "could not connect",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "connection timeout",
            "consuming input failed",
            "the database system is",
        ),
        "The database server cannot be reached, so the change was not saved. "
        "It is tried again by itself; edit again once it is back.",
        False,
    ),
    (
        ("disk i/o error", "unable to open"),
        "The database file could not be written (input/output error); the change was not saved.",
        True,
    ),
)


def storage_error(exc: BaseException) -> StorageError:
    """What a failure of the database itself means for the user."""
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(original).lower()
    for words, message, lasting in _STORAGE_FAILURES:
        if any(word in text for word in words):
            return StorageError(message, lasting=lasting)
    return StorageError(f"The database could not be used: {original}", lasting=True)


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn failures of the database (SQLAlchemy's, sqlite3's, the file system's) into
    StorageError, so that callers handle one kind of error for every way a database fails."""
    try:
        yield
    except IntegrityError as exc:  # a constraint the rules did not foresee (a hand-made row)
        raise StoreError(f"the database refused the change: {exc.orig}") from exc
    except sqlite3.IntegrityError as exc:  # the same, from a bulk write on the driver's cursor
        raise StoreError(f"the database refused the change: {exc}") from exc
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise storage_error(exc) from exc


def _refusal(exc: BaseException) -> StoreError:
    if isinstance(exc, FieldError):
        return StoreError(str(exc), exc.field)
    return StoreError(str(exc))


def write(fn: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Run a repository write as one transaction: committed on success, rolled back on any error.

    On SQLite the transaction starts with BEGIN IMMEDIATE, so the reads a write makes (a free
    name, a sibling's position) cannot go stale before it writes: two writers queue instead of
    racing, and the later one waits for the busy timeout rather than failing at once. A rule's
    refusal becomes StoreError; a database failure becomes StorageError.

    A write must not call another decorated write (that would commit halfway); it calls the
    undecorated helper both share instead.
    """

    @functools.wraps(fn)
    def wrapper(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with storage_errors():
                _begin_immediate(session)
                result = fn(session, *args, **kwargs)
                session.commit()
            session.info.setdefault(_COMMITTED_CHANGES, []).extend(
                session.info.pop(_PENDING_CHANGES, [])
            )
        except (RuleError, FieldError, TreeError) as exc:
            _rollback(session)
            raise _refusal(exc) from exc
        except BaseException:
            _rollback(session)
            raise
        return result

    return wrapper


def _rollback(session: Session) -> None:
    session.info.pop(_PENDING_CHANGES, None)  # rolled back: numbers another writer may reuse
    # The failure that got us here is the one to report; a connection too broken to roll back
    # (a damaged file) is discarded by SQLAlchemy either way.
    with suppress(SQLAlchemyError, sqlite3.Error, OSError):
        session.rollback()


def driver_cursor(conn: Connection) -> DBAPICursor:
    """A cursor of the driver's own connection (sqlite3's or psycopg's): its values as the
    driver reads them, past SQLAlchemy's column types."""
    driver = conn.connection.dbapi_connection
    assert driver is not None  # a Connection in use holds its driver's connection
    return driver.cursor()


def _begin_immediate(session: Session) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # The same queue on a server: one writer at a time, until its transaction ends.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
        return
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    if isinstance(driver, sqlite3.Connection) and not driver.in_transaction:
        driver.execute("BEGIN IMMEDIATE")
