"""Opening database files: old ones migrated in place, newer and foreign ones refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from desktop.store import repository, tables
from desktop.store.database import (
    DatabaseError,
    open_copy_in_memory,
    open_database,
)
from desktop.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def make_v1(path: Path) -> None:
    """A database exactly as version 1 of the app wrote it, with one configurator in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(MIGRATIONS[0])
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
@pytest.mark.parametrize("opener", [open_database, open_copy_in_memory])
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
    with pytest.raises(DatabaseError, match="no database at"):
        open_copy_in_memory(tmp_path / "none.db")
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
            if table.name not in {"site_settings", "configurator", "layer"}:
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
    }
