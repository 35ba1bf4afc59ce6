"""One schema for SQLite and PostgreSQL (docs/team-database.md): files of the first release upgrade
in place,
a server database is created, recognised and refused as a file is, and ids are never reused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from desktop.domain.model import Layer, LayerType
from desktop.store import repository
from desktop.store.database import DatabaseError, open_database, open_target
from desktop.store.demo import demo_path, open_store
from desktop.store.exchange import import_file, session_media_dir
from desktop.store.media import media_dir
from desktop.store.schema import SCHEMA_VERSION, head_version
from desktop.store.server import (
    ServerAddress,
    ServerUrlError,
    database_target,
)

DATA = Path(__file__).parent / "data"
DEMO = "Custom Game Controller"


def test_the_newest_revision_is_the_schema_version() -> None:
    assert head_version() == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("fixture", "names", "layers"),
    [
        ("release-1.db", ["Custom Game Controller", "Second"], 18),
        ("schema-v1.db", ["Old One"], 2),
    ],
)
def test_a_file_of_the_first_release_opens_and_upgrades_in_place(
    tmp_path: Path, fixture: str, names: list[str], layers: int
) -> None:
    path = tmp_path / fixture
    shutil.copy(DATA / fixture, path)
    db = open_database(path)
    try:
        assert not db.created
        with db.session() as session:
            assert [c.name for c in repository.list_configurators(session)] == names
            cfg = repository.load_configurator(session, 1)
            assert sum(1 for _ in cfg.walk()) == layers
            repository.update_configurator(session, 1, {})  # writable after the upgrade
    finally:
        db.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (f"{SCHEMA_VERSION:04d}",)
        ]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        schema = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'layer'").fetchone()
        assert "AUTOINCREMENT" in schema[0]
    finally:
        conn.close()


def test_both_engines_hold_the_same_tables_and_columns(tmp_path: Path, pg_url: str) -> None:
    shapes = []
    for target in (tmp_path / "shop.db", database_target(pg_url)):
        open_target(target).close()
        url = f"sqlite:///{target}" if isinstance(target, Path) else target.url
        engine = create_engine(url)
        try:
            found = inspect(engine)
            shapes.append(
                {
                    table: sorted(c["name"] for c in found.get_columns(table))
                    for table in found.get_table_names()
                    if table != "sqlite_sequence"
                }
            )
        finally:
            engine.dispose()
    assert shapes[0] == shapes[1]
    assert set(shapes[0]) == {
        "alembic_version",
        "site_settings",
        "configurator",
        "layer",
        "change_log",
    }


def test_a_server_database_is_created_with_the_demo_then_reopened(pg_url: str) -> None:
    target = database_target(pg_url)
    db = open_store(target)
    try:
        assert db.created and db.server == target
        with db.session() as session:
            (demo,) = repository.list_configurators(session)
            assert demo.name == DEMO
            assert repository.last_configurator(session) == demo.id
    finally:
        db.close()
    db = open_store(target)
    try:
        assert not db.created
        with db.session() as session:
            assert len(repository.list_configurators(session)) == 1
    finally:
        db.close()


def test_a_server_databases_images_go_to_its_local_folder_never_the_working_folder(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    target = database_target(pg_url)
    assert isinstance(target, ServerAddress)
    db = open_store(target)
    try:
        with db.session() as session:
            # An import that names no media folder takes the database's own.
            assert session_media_dir(session) == media_dir(target.media_stand_in)
            import_file(session, demo_path(), name="Again")
    finally:
        db.close()
    assert list(work.iterdir()) == []
    assert (media_dir(target.media_stand_in) / "images" / "body.png").is_file()


def test_a_foreign_or_newer_server_database_is_refused_untouched(pg_url: str) -> None:
    target = database_target(pg_url)
    assert isinstance(target, ServerAddress)
    engine = create_engine(target.url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE invoices (id integer)"))
        with pytest.raises(DatabaseError, match="another application"):
            open_target(target)
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE invoices"))
        open_target(target).close()
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        with pytest.raises(DatabaseError, match="newer Configurator Editor"):
            open_target(target)
        with engine.begin() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099"
    finally:
        engine.dispose()


def test_ids_are_never_handed_out_twice(db_target: object) -> None:
    """A stale window that still holds the id of a deleted layer must never reach a new one."""
    db = open_store(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            cid = repository.find_configurator(session, DEMO)
            assert cid is not None
            ids = [layer.id for layer in repository.load_configurator(session, cid).walk()]
            highest = max(i for i in ids if i is not None)
            repository.delete_layer(session, highest)
            group = repository.insert_layer(
                session, cid, None, None, Layer(name="Added Later", type=LayerType.GROUP)
            )
            assert group > highest
            repository.delete_configurator(session, cid)
            again = repository.create_configurator(session, "Fresh")
            assert again > cid
    finally:
        db.close()


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("mysql://u@h/db", "not a database this editor can use"),
        ("postgresql://u@h", "names no database"),
        ("postgresql://u:secret@h:5432", "postgresql://u:***@h:5432 names no database"),
    ],
)
def test_a_url_that_names_no_usable_database_is_refused_in_one_line(given: str, words: str) -> None:
    with pytest.raises(ServerUrlError, match=words.replace("*", r"\*")):
        database_target(given)


def test_a_path_stays_a_path_and_a_plain_url_gets_the_installed_driver() -> None:
    assert database_target("shop.db") == Path("shop.db")
    target = database_target("postgresql://me:pw@db.example:5433/shop")
    assert isinstance(target, ServerAddress)
    assert target.url == "postgresql+psycopg://me:pw@db.example:5433/shop"
    assert str(target) == "postgresql+psycopg://me:***@db.example:5433/shop"
    assert target.media_stand_in.parent.name == "servers"


def test_every_write_is_compare_and_set_on_the_version(db_target: object) -> None:
    from desktop.domain.fields import ConfiguratorField, LayerField
    from desktop.store.repository import ConflictError

    db = open_store(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            cid = repository.find_configurator(session, DEMO)
            assert cid is not None
            cfg = repository.load_configurator(session, cid)
            yellow = cfg.find_path("Grip Color/Metallic Yellow")
            assert yellow is not None and yellow.id is not None
            seen = yellow.version
            qty = LayerField.STOCK_QUANTITY
            repository.update_layer(session, yellow.id, {qty: 7}, expected_version=seen)
            with pytest.raises(ConflictError):
                repository.update_layer(session, yellow.id, {qty: 3}, expected_version=seen)
            with pytest.raises(ConflictError):
                repository.update_layers(
                    session, cid, {yellow.id: {qty: 3}}, expected_versions={yellow.id: seen}
                )
            with pytest.raises(ConflictError):
                repository.delete_layer(session, yellow.id, expected_version=seen)
            fresh = repository.load_configurator(session, cid).find_path(yellow.path)
            assert fresh is not None and (fresh.stock.quantity, fresh.version) == (7, seen + 1)
            repository.update_layer(session, yellow.id, {qty: 3})  # no read to go by: a plain write
            with pytest.raises(ConflictError):
                repository.update_configurator(
                    session, cid, {ConfiguratorField.NAME: "X"}, expected_version=cfg.version + 5
                )
            repository.delete_layer(session, yellow.id, expected_version=seen + 2)
            with pytest.raises(ConflictError) as gone:
                repository.update_layer(session, yellow.id, {qty: 1}, expected_version=seen + 2)
            assert gone.value.gone
    finally:
        db.close()
