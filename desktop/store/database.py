"""Opening a database: a SQLite file (recognising ours, refusing others untouched, migrating old
ones) or a PostgreSQL server's database (`server`), behind one Database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import PoolProxiedConnection, QueuePool, StaticPool
from sqlmodel import Session, create_engine

from . import open_files
from .corrupt import CorruptDataError
from .data_folder import default_database_path as default_database_path  # its public home too
from .database_error import DatabaseError
from .media import clean_after_open
from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrate
from .read_only import file_read_only, folder_writable, server_read_only
from .server import (
    DatabaseTarget,
    ServerAddress,
    ServerUrlError,
    describe_server_failure,
    prepare_server,
    server_engine,
)
from .transaction import StorageError

# How long a connection waits for another program's lock before giving up (seconds): long
# enough to outlast a short write elsewhere, short enough that a command does not seem to hang.
BUSY_TIMEOUT_S = 5.0


# SQLite's words for each failure of the file itself → how a one-line message describes it.
_FAILURES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("locked", "busy"),
        "{path} is locked by another program (waited {waited}); try again when it is free",
    ),
    (
        ("malformed", "not a database", "corrupt"),
        "{path} is damaged and cannot be read ({reason})",
    ),
    (("readonly", "read-only"), "{path} is read-only, so it cannot be changed ({reason})"),
    (("disk is full", "database or disk is full"), "the disk holding {path} is full ({reason})"),
    (("disk i/o error",), "{path} could not be read or written ({reason})"),
    (("could not decode",), "{path} holds text that is not valid UTF-8 ({reason})"),
)


def database_failure(
    path: DatabaseTarget | None, exc: BaseException, busy_timeout: float = BUSY_TIMEOUT_S
) -> DatabaseError:
    """What a failure of SQLite (sqlite3's or SQLAlchemy's error) means for the file at path,
    as one line that names it. busy_timeout is how long the failed call waited for a lock."""
    original = getattr(exc, "orig", None) or exc  # SQLAlchemy keeps the driver's error in .orig
    reason = " ".join(str(original).split()) or type(original).__name__
    where = str(path) if path is not None else "the database"
    lowered = reason.lower()
    for words, template in _FAILURES:
        if any(word in lowered for word in words):
            waited = f"{busy_timeout:g} s"
            return DatabaseError(template.format(path=where, reason=reason, waited=waited))
    return DatabaseError(f"{where} could not be used ({reason})")


def describe_failure(
    path: DatabaseTarget | None, exc: BaseException, busy_timeout: float = BUSY_TIMEOUT_S
) -> str:
    """One line, naming the file, for a read or write of the database at path that failed:
    SQLite's own error, a StorageError a repository write made of one, or a row that no write
    of ours could have stored."""
    if isinstance(exc, CorruptDataError):
        return f"{path or 'the database'} holds data that cannot be used: {exc.detail}"
    cause = exc.__cause__ if isinstance(exc, StorageError) else exc
    if isinstance(path, ServerAddress) and isinstance(cause, SQLAlchemyError):
        return describe_server_failure(path, cause)
    if isinstance(cause, SQLAlchemyError | sqlite3.Error):
        return str(database_failure(path, cause, busy_timeout))
    return str(exc)


def _read_only_uri(path: Path) -> str:
    """A URI that reads the file without leaving anything beside it.

    A plain read-only connection to a WAL database creates `-wal` and `-shm` files that it
    cannot remove again. With no `-wal` file present the whole database is in the main file,
    so it is opened immutable and nothing is created; with one present (another process has
    the database open) the connection must read through it to see the latest commits.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if path.with_name(path.name + "-wal").exists() else f"{uri}&immutable=1"


def inspect_file(path: Path, busy_timeout: float = BUSY_TIMEOUT_S) -> int | None:
    """Schema version of an existing database of ours; None when the file is new or empty.

    Raises DatabaseError for anything else, having only read the file.
    """
    if not path.exists():
        return None
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    if not path.is_file():  # a device or a pipe: reading its header could wait forever
        raise DatabaseError(f"{path} is not a regular file, so it cannot be a database")
    try:
        if path.stat().st_size == 0:
            return None
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror}") from None
    # The header is read by SQLite, never by open(): closing a descriptor of this file would
    # drop every lock this process's own connections hold on it (docs/reliability.md).
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True, timeout=busy_timeout)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:  # locked, unreadable: not the file's content
        raise database_failure(path, exc, busy_timeout) from None
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise DatabaseError(
                f"{path} is not a Configurator Editor database (not a SQLite file)"
            ) from None
        raise DatabaseError(f"{path} is not a readable database: {exc}") from None
    if app_id != APPLICATION_ID:
        if tables == 0 and version == 0:
            return None
        raise DatabaseError(
            f"{path} is a SQLite database of another application, not a Configurator Editor "
            "database; it was left untouched"
        )
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer Configurator Editor (schema version {version}; "
            f"this version reads up to {SCHEMA_VERSION}); it was left untouched"
        )
    return version


def _nothing_at(path: Path) -> DatabaseError:
    """Why a command that only reads cannot use path: no file, or one with nothing in it."""
    if path.exists():
        return DatabaseError(f"{path} is empty: it holds no Configurator Editor data yet")
    return DatabaseError(f"no database at {path}")


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    dbapi_connection.execute("PRAGMA synchronous = NORMAL")


class Database:
    """An open database: an engine configured for SQLite or PostgreSQL and sessions on it.

    `path` is the file (for a server database, the local stand-in whose media folder holds
    its images); `server` the server's address, None for a file. `read_only` says why the
    database may be read but not changed (None: it may be changed); `sqlite_uri` is how a
    second connection to such a file reads it (docs/database-urls.md)."""

    def __init__(
        self,
        engine: Engine,
        path: Path | None,
        created: bool,
        busy_timeout: float = BUSY_TIMEOUT_S,
        server: ServerAddress | None = None,
        read_only: str | None = None,
        sqlite_uri: str | None = None,
    ) -> None:
        self.engine = engine
        self.path = path
        self.server = server
        self.read_only = read_only
        self.sqlite_uri = sqlite_uri
        self._on_close: list[Callable[[], None]] = []
        self.created = created  # a new file: the caller may seed the demo
        self.busy_timeout = busy_timeout  # what its connections wait for a lock, in seconds
        # A file's connections hold locks that reading it as an import would drop.
        self._held = path if path is not None and server is None else None
        if self._held is not None:
            open_files.hold(self._held)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @property
    def target(self) -> DatabaseTarget | None:
        """What the user opened: the server's address, or the file (None: in memory)."""
        return self.server if self.server is not None else self.path

    def on_close(self, release: Callable[[], None]) -> None:
        """Call release when the database is closed (a connection of a watcher's own)."""
        self._on_close.append(release)

    def close(self) -> None:
        for release in self._on_close:
            release()
        self._on_close.clear()
        self.engine.dispose()
        if self._held is not None:
            open_files.release(self._held)
            self._held = None


def open_target(
    target: DatabaseTarget, *, create: bool = True, busy_timeout: float = BUSY_TIMEOUT_S
) -> Database:
    """open_database for a file, open_server_database for a server."""
    if isinstance(target, ServerAddress):
        return open_server_database(target, create=create)
    return open_database(target, create=create, busy_timeout=busy_timeout)


def open_server_database(
    address: ServerAddress, *, create: bool = True, read_only: bool = False
) -> Database:
    """Open the PostgreSQL database at address, creating or upgrading our tables in it.
    read_only: every transaction is READ ONLY, so the server refuses any write."""
    try:
        engine = server_engine(address)
    except ServerUrlError as exc:
        raise DatabaseError(str(exc)) from None
    try:
        created = prepare_server(engine, address, create)
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(describe_server_failure(address, exc)) from None
    try:
        with engine.connect() as conn:
            why = server_read_only(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(describe_server_failure(address, exc)) from None
    if read_only or why is not None:
        engine = engine.execution_options(postgresql_readonly=True)
    else:
        clean_after_open(engine, address.media_stand_in)
    return Database(engine, address.media_stand_in, created=created, server=address, read_only=why)


def open_database(
    path: Path, *, create: bool = True, busy_timeout: float = BUSY_TIMEOUT_S
) -> Database:
    """Open (and if needed create or migrate) the database at path. Its connections wait up
    to busy_timeout seconds for a lock another program holds."""
    path = Path(path)
    version = inspect_file(path, busy_timeout)
    if version is None and not path.exists() and not create:
        raise DatabaseError(f"no database at {path}")
    why = file_read_only(path) if path.exists() else None
    if not path.exists() and path.parent.is_dir() and not folder_writable(path):
        raise DatabaseError(f"cannot create {path}: its folder's permissions do not allow it")
    if why is not None:
        if version is None:
            raise DatabaseError(f"{path} is empty, and read-only ({why}): nothing to open")
        return _open_read_only_file(path, version, why, busy_timeout)
    try:
        if version is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        raw = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
        try:
            raw.execute("PRAGMA journal_mode = WAL")
            migrate(raw, version or 0)
        finally:
            raw.close()
    except (FileExistsError, NotADirectoryError) as exc:  # a file where a folder must be
        raise DatabaseError(f"cannot create {path}: {exc.filename} is not a folder") from None
    except OSError as exc:
        raise DatabaseError(f"cannot create {path}: {exc.strerror or exc}") from None
    except sqlite3.Error as exc:  # locked by another program, read-only, disk full…
        raise database_failure(path, exc, busy_timeout) from None
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout})
    event.listen(engine, "connect", _on_connect)
    clean_after_open(engine, path)
    return Database(engine, path, created=version is None, busy_timeout=busy_timeout)


def _open_read_only_file(path: Path, version: int, why: str, busy_timeout: float) -> Database:
    """A file this user may not change, opened so that nothing can be written to it: in place
    through a read-only connection (`mode=ro`, `query_only`); an older one as a migrated copy
    in memory (it cannot be upgraded where it is). Outside changes are seen where anyone can
    write it; in a folder that nobody may write, a file without a `-wal` is read immutable
    (SQLite could not make the `-shm` file a shared read needs)."""
    if version < SCHEMA_VERSION:
        copy = open_copy_in_memory(path)
        copy.path, copy.read_only = path, why
        return copy
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not folder_writable(path) and not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)

    # A pool as a file's engine has (the URL names no file, which would pick one for memory).
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _on_read_only_connect)
    return Database(engine, path, False, busy_timeout=busy_timeout, read_only=why, sqlite_uri=uri)


def _sqlite(raw: PoolProxiedConnection) -> sqlite3.Connection:
    """The sqlite3 connection under a pooled one of an in-memory engine."""
    driver = raw.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def open_memory_database() -> Database:
    """An empty in-memory database (tests, headless runs over a copy)."""
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _on_connect)
    raw = engine.raw_connection()
    try:
        migrate(_sqlite(raw), 0)
    finally:
        raw.close()
    return Database(engine, None, created=True)


def open_read_only(path: Path, busy_timeout: float = BUSY_TIMEOUT_S) -> Database:
    """A view of the file through which nothing can be written: a file at the current schema
    version is read where it is, through a read-only connection (`mode=ro`, and `query_only`
    besides); an older one is copied into memory and migrated there (open_copy_in_memory).

    Reading in place costs what the rows read cost; a copy costs the whole file, every
    configurator of a catalogue, before one is read. Each session reads one snapshot, as a
    copy would: a commit made meanwhile by the editor (its `-wal` file is read) is seen by the
    next session, never halfway through one. A file that no editor has open is read as
    immutable (see _read_only_uri): fit for a command's short read, not for a reader that
    stays open while an editor may open and write the file (open_copy_in_memory).
    """
    path = Path(path)
    version = inspect_file(path, busy_timeout)
    if version is None:
        raise _nothing_at(path)
    if version < SCHEMA_VERSION:
        return open_copy_in_memory(path)
    uri = _read_only_uri(path)

    def connect() -> sqlite3.Connection:
        # Autocommit for the driver: the "begin" listener below starts each transaction.
        return sqlite3.connect(
            uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)
    event.listen(engine, "connect", _on_read_only_connect)
    event.listen(engine, "begin", _begin_snapshot)
    return Database(engine, path, created=False, busy_timeout=busy_timeout)


def _on_read_only_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")  # refused even where the file may be


def _begin_snapshot(connection: Connection) -> None:
    # The driver in autocommit would read each statement at the latest commit; one BEGIN
    # makes a session's reads (the configurator, its layers, the add-on) agree.
    connection.exec_driver_sql("BEGIN")


def open_copy_in_memory(path: Path) -> Database:
    """A read-only view: the file is copied into memory (and migrated there if old), so
    nothing a caller does can write to it (writes go to the copy, and are lost with it)."""
    path = Path(path)
    version = inspect_file(path)
    if version is None:
        raise _nothing_at(path)
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    event.listen(engine, "connect", _on_connect)
    try:
        raw = engine.raw_connection()
        try:
            source = sqlite3.connect(_read_only_uri(path), uri=True)
            try:
                source.backup(_sqlite(raw))
            finally:
                source.close()
            migrate(_sqlite(raw), version)
        finally:
            raw.close()
    except sqlite3.Error as exc:  # damaged pages, or the file went away while copied
        engine.dispose()
        raise database_failure(path, exc) from None
    return Database(engine, None, created=False)
