"""Opening database files: old ones migrated in place, newer and foreign ones refused untouched."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

from desktop.store import repository, tables
from desktop.store.database import (
    DatabaseError,
    database_failure,
    describe_failure,
    open_copy_in_memory,
    open_database,
    open_read_only,
)
from desktop.store.demo import open_store
from desktop.store.migrations import APPLICATION_ID, SCHEMA_VERSION
from desktop.store.repository import StorageError

from .damaged import damage_pages, is_damaged, locked

SHORT_WAIT = 0.3  # seconds: a real lock, waited for briefly so the tests stay quick

# The first release's hand-written schema version 1, as it wrote it.
V1_DDL = """
CREATE TABLE site_settings (
    id INTEGER NOT NULL PRIMARY KEY,
    stock_management_addon BOOLEAN NOT NULL DEFAULT 1
);
CREATE TABLE configurator (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    product_name VARCHAR NOT NULL DEFAULT '',
    woocommerce_id INTEGER,
    base_price VARCHAR NOT NULL DEFAULT '0.00',
    currency VARCHAR NOT NULL DEFAULT '$',
    backorders VARCHAR NOT NULL DEFAULT 'no' CHECK (backorders IN ('no', 'notify', 'yes'))
);
CREATE TABLE layer (
    id INTEGER NOT NULL PRIMARY KEY,
    configurator_id INTEGER NOT NULL REFERENCES configurator(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES layer(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    type VARCHAR NOT NULL CHECK (type IN ('group', 'sub_group', 'image')),
    name VARCHAR NOT NULL,
    required BOOLEAN NOT NULL DEFAULT 0,
    multiple BOOLEAN NOT NULL DEFAULT 0,
    price VARCHAR NOT NULL DEFAULT '0.00',
    sale_price VARCHAR,
    image VARCHAR NOT NULL DEFAULT '',
    active_on_load BOOLEAN NOT NULL DEFAULT 0,
    hidden BOOLEAN NOT NULL DEFAULT 0,
    manage_stock BOOLEAN NOT NULL DEFAULT 0,
    sku VARCHAR NOT NULL DEFAULT '',
    stock_quantity INTEGER,
    stock_status VARCHAR NOT NULL DEFAULT 'in_stock'
        CHECK (stock_status IN ('in_stock', 'out_of_stock'))
);
CREATE INDEX ix_layer_tree ON layer (configurator_id, parent_id, position);
INSERT INTO site_settings (id, stock_management_addon) VALUES (1, 1);
"""


def make_v1(path: Path) -> None:
    """A database exactly as version 1 of the app wrote it, with one configurator in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(V1_DDL)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("PRAGMA user_version = 1")
        conn.execute("UPDATE site_settings SET stock_management_addon = 0")
        conn.execute(
            "INSERT INTO configurator (id, name, base_price, backorders) "
            "VALUES (7, 'Old Controller', '12.50', 'notify')"
        )
        conn.execute(
            "INSERT INTO layer (id, configurator_id, position, type, name) "
            "VALUES (1, 7, 0, 'group', 'Grip')"
        )
        conn.execute(
            "INSERT INTO layer (id, configurator_id, parent_id, position, type, name, "
            "manage_stock, sku, stock_quantity) "
            "VALUES (2, 7, 1, 0, 'image', 'Red', 1, 'RED', 3)"
        )
    finally:
        conn.close()


def pragma(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_an_old_database_is_upgraded_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1(path)
    db = open_database(path)
    try:
        assert not db.created
        with db.session() as session:
            cfg = repository.load_configurator(session, 7)
            assert repository.addon_active(session) is False
            assert repository.last_configurator(session) is None  # the column v2 added
            repository.set_last_configurator(session, 7)
    finally:
        db.close()
    assert (cfg.name, str(cfg.base_price), cfg.backorders) == ("Old Controller", "12.50", "notify")
    (red,) = cfg.layers[0].children
    assert (red.path, red.stock.sku, red.stock.quantity) == ("Grip/Red", "RED", 3)
    assert pragma(path, "user_version") == SCHEMA_VERSION


def test_a_read_only_copy_of_an_old_database_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1(path)
    before = path.read_bytes()
    db = open_copy_in_memory(path)
    try:
        with db.session() as session:
            repository.set_last_configurator(session, 7)  # writes go to the copy
            assert repository.last_configurator(session) == 7
    finally:
        db.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def newer(path: Path) -> None:
    make_v1(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")  # a WAL database must not get -wal/-shm files
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.commit()
    conn.close()


def text_file(path: Path) -> None:
    path.write_text("shopping list\nmilk\n")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (newer, "newer Configurator Editor"),
        (foreign_sqlite, "another application"),
        (text_file, "not a SQLite file"),
    ],
)
@pytest.mark.parametrize("opener", [open_database, open_copy_in_memory, open_read_only])
def test_newer_and_foreign_files_are_refused_and_left_untouched(
    tmp_path: Path, make: object, words: str, opener: object
) -> None:
    path = tmp_path / "file.db"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match=words):
        opener(path)  # type: ignore[operator]
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["file.db"]


def test_a_missing_file_is_created_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database at"):
        open_database(tmp_path / "none.db", create=False)
    for read_only in (open_copy_in_memory, open_read_only):
        with pytest.raises(DatabaseError, match="no database at"):
            read_only(tmp_path / "none.db")
    assert list(tmp_path.iterdir()) == []
    db = open_database(tmp_path / "sub" / "new.db")
    db.close()
    assert db.created
    assert pragma(tmp_path / "sub" / "new.db", "application_id") == APPLICATION_ID


def test_the_table_classes_match_the_migrated_schema(tmp_path: Path) -> None:
    path = tmp_path / "schema.db"
    open_database(path).close()
    conn = sqlite3.connect(path)
    try:
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in {"site_settings", "configurator", "layer", "change_log"}:
                continue  # another module's table classes (none today)
            migrated = [row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")]
            assert sorted(migrated) == sorted(c.name for c in table.columns), table.name
        names = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    finally:
        conn.close()
    assert names == {
        tables.SiteSettings.__tablename__,
        tables.ConfiguratorRow.__tablename__,
        tables.LayerRow.__tablename__,
        tables.ChangeLogRow.__tablename__,
        "alembic_version",  # the schema version, as Alembic records it
        "sqlite_sequence",  # AUTOINCREMENT's counters: ids are never handed out twice
    }


def test_a_pipe_or_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    """Reading the header of a pipe nobody writes to would wait for ever."""
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    for opener in (open_database, open_copy_in_memory, open_read_only):
        with pytest.raises(DatabaseError, match="is not a regular file"):
            opener(fifo)
    with pytest.raises(DatabaseError, match="is not a regular file"):
        open_database(Path(os.devnull))


def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    open_store(path).close()
    return path


def test_a_database_locked_by_another_program_is_waited_for_then_refused(tmp_path: Path) -> None:
    """Opening a file in the old rollback-journal mode must take the lock to switch it to WAL;
    a write to a WAL file must take it to write. Both wait busy_timeout, then say so."""
    path = seeded(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    with locked(path):
        started = time.monotonic()
        with pytest.raises(DatabaseError) as raised:
            open_database(path, busy_timeout=SHORT_WAIT)
        # A lower bound: the wait busy_timeout promises, not a speed (a busy machine waits longer).
        assert time.monotonic() - started >= SHORT_WAIT * 0.9
    assert str(raised.value) == (
        f"{path} is locked by another program (waited 0.3 s); try again when it is free"
    )
    db = open_database(path, busy_timeout=SHORT_WAIT)  # now WAL, and free
    try:
        assert db.busy_timeout == SHORT_WAIT
        with locked(path), db.session() as session:
            with pytest.raises(StorageError) as write_failed:
                repository.set_addon(session, False)
            assert not write_failed.value.lasting
            assert "waited 0.3 s" in describe_failure(path, write_failed.value, SHORT_WAIT)
            assert repository.addon_active(session)  # WAL: reading goes on during the lock
    finally:
        db.close()


def test_damaged_pages_behind_an_intact_header_are_named(tmp_path: Path) -> None:
    path = seeded(tmp_path)
    damage_pages(path)
    assert is_damaged(path)
    damaged = f"{path} is damaged and cannot be read (database disk image is malformed)"
    for opener in (open_database, open_copy_in_memory, open_read_only):
        db = opener(path)  # page 1 is intact: the failure comes with the first damaged read
        try:
            with db.session() as session, pytest.raises(Exception) as raised:
                repository.list_configurators(session)
        finally:
            db.close()
        assert describe_failure(path, raised.value) == damaged


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        ("database is locked", "is locked by another program (waited 5 s)"),
        ("database disk image is malformed", "is damaged and cannot be read (database disk"),
        ("file is not a database", "is damaged and cannot be read"),
        ("attempt to write a readonly database", "is read-only, so it cannot be changed"),
        ("database or disk is full", "the disk holding /x/shop.db is full"),
        ("disk I/O error", "could not be read or written (disk I/O error)"),
        ("Could not decode to UTF-8 column 'name'", "holds text that is not valid UTF-8"),
        ("something new", "/x/shop.db could not be used (something new)"),
    ],
)
def test_each_failure_of_sqlite_is_one_line_naming_the_file(reason: str, words: str) -> None:
    path = Path("/x/shop.db")
    for error in (
        sqlite3.OperationalError(reason),
        OperationalError("SELECT 1", {}, sqlite3.OperationalError(reason)),
    ):
        message = str(database_failure(path, error))
        assert words in message and str(path) in message and "\n" not in message
