"""Backorders per option in the store (docs/stock-rules.md): the layer column on both engines,
written through the field rule, read back, upgraded from revision 0006 and refused when edited
by hand into something no write of ours stores."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop.domain.fields import LayerField
from desktop.domain.model import Backorders, Configurator
from desktop.store import repository
from desktop.store.corrupt import CorruptDataError
from desktop.store.database import open_database, open_target
from desktop.store.exchange_format import ExchangeError, from_dict, to_dict
from desktop.store.migrations import migrate
from desktop.store.repository import StoreError
from desktop.store.schema import SCHEMA_VERSION, upgrade
from desktop.store.server import database_target
from tests.builders import grips

PURPLE = "Grip Color/Metallic Purple"


def option_id(cfg: Configurator, path: str) -> int:
    found = cfg.find_path(path)
    assert found is not None and found.id is not None
    return found.id


def test_an_options_setting_is_stored_and_read_back_on_both_engines(db_target: object) -> None:
    made = grips(Backorders.NOTIFY)
    purple = made.find_path(PURPLE)
    assert purple is not None
    purple.stock.backorders = Backorders.NO
    db = open_target(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            cfg_id = repository.insert_configurator(session, made)
            cfg = repository.load_configurator(session, cfg_id)
            assert [o.stock.backorders for o in cfg.options()] == [None, None, Backorders.NO]
            red = option_id(cfg, "Grip Color/Metallic Red")
            stored = repository.update_layer(session, red, {LayerField.BACKORDERS: "yes"})
            assert stored == {LayerField.BACKORDERS: Backorders.YES}
            # Many at once (a bulk edit, a stock sheet), back to the configurator's.
            pid = option_id(cfg, PURPLE)
            repository.update_layers(session, cfg_id, {pid: {LayerField.BACKORDERS: None}})
            again = repository.load_configurator(session, cfg_id)
            assert [o.stock.backorders for o in again.options()] == [None, Backorders.YES, None]
            # A duplicate copies the rows as stored.
            copy_id = repository.duplicate_configurator(session, cfg_id, "Copy")
            copy = repository.load_configurator(session, copy_id)
            assert [o.stock.backorders for o in copy.options()] == [None, Backorders.YES, None]
            with pytest.raises(StoreError, match='Backorders: expected one of "no"'):
                repository.update_layer(session, red, {LayerField.BACKORDERS: "maybe"})
    finally:
        db.close()


def test_a_revision_6_sqlite_file_upgrades_with_every_option_on_its_configurators(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v6.db"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrate(conn, 0, to_version=6)
        conn.execute("INSERT INTO configurator (id, name, backorders) VALUES (1, 'Old', 'yes')")
        conn.execute(
            "INSERT INTO layer (id, configurator_id, position, type, name) "
            "VALUES (1, 1, 0, 'group', 'Grip')"
        )
        conn.execute(
            "INSERT INTO layer (id, configurator_id, parent_id, position, type, name, "
            "manage_stock, stock_quantity) VALUES (2, 1, 1, 0, 'image', 'Red', 1, 0)"
        )
    finally:
        conn.close()
    db = open_database(path)
    try:
        with db.session() as session:
            cfg = repository.load_configurator(session, 1)
    finally:
        db.close()
    red = cfg.layers[0].children[0]
    assert (cfg.backorders, red.stock.backorders, red.stock.quantity) == (Backorders.YES, None, 0)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # The column's check holds in the upgraded file too.
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE layer SET backorders = 'maybe' WHERE id = 2")
    finally:
        conn.close()


def test_a_revision_6_server_database_upgrades(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            upgrade(conn, 0, to_version=6)
            # Ids from the server's sequences, as its own inserts draw them.
            old_id = conn.execute(
                text("INSERT INTO configurator (name) VALUES ('Old') RETURNING id")
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO layer (configurator_id, position, type, name) "
                    "VALUES (:cfg, 0, 'group', 'Grip')"
                ),
                {"cfg": old_id},
            )
    finally:
        engine.dispose()
    db = open_target(database_target(pg_url))
    try:
        with db.session() as session:
            old = repository.load_configurator(session, old_id)
            assert [layer.name for layer in old.layers] == ["Grip"]
            new = repository.load_configurator(
                session, repository.insert_configurator(session, grips())
            )
            assert {o.stock.backorders for o in new.options()} == {None}
    finally:
        db.close()
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn, pytest.raises(Exception, match="ck_layer_backorders"):
            conn.execute(text("UPDATE layer SET backorders = 'maybe'"))
    finally:
        engine.dispose()


def test_a_setting_edited_by_hand_is_named(tmp_path: Path) -> None:
    path = tmp_path / "hand.db"
    db = open_database(path)
    try:
        with db.session() as session:
            cfg_id = repository.insert_configurator(session, grips())
    finally:
        db.close()
    conn = sqlite3.connect(path)
    # The column's check stops a plain UPDATE; a file written without it (writable schema,
    # another program) can still hold anything.
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE layer SET backorders = 'maybe' WHERE type = 'image'")
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        with db.session() as session, pytest.raises(CorruptDataError, match="backorder setting"):
            repository.load_configurator(session, cfg_id)
    finally:
        db.close()


# --- the exchange file (docs/exchange-format.md) ---------------------------------------------
def test_the_exchange_file_writes_an_options_own_setting_and_reads_it_back() -> None:
    cfg = grips(Backorders.NOTIFY)
    purple = cfg.find_path(PURPLE)
    assert purple is not None
    purple.stock.backorders = Backorders.NO
    data = to_dict(cfg)
    stocks = [o["stock"] for o in data["configurator"]["layers"][0]["children"]]
    # Only the option with its own setting carries the key: the others are written as before.
    assert ["backorders" in s for s in stocks] == [False, False, True]
    assert stocks[2]["backorders"] == "no"
    back = from_dict(json.loads(json.dumps(data)))
    assert [o.stock.backorders for o in back.options()] == [None, None, Backorders.NO]


@pytest.mark.parametrize(("value", "read"), [(None, None), ("notify", Backorders.NOTIFY)])
def test_null_and_each_value_are_accepted(value: str | None, read: Backorders | None) -> None:
    data = to_dict(grips())
    data["configurator"]["layers"][0]["children"][0]["stock"]["backorders"] = value
    assert next(from_dict(data).options()).stock.backorders is read


@pytest.mark.parametrize("value", ["maybe", "", 1, True])
def test_a_value_that_is_not_a_setting_is_refused_by_its_path(value: object) -> None:
    data = to_dict(grips())
    data["configurator"]["layers"][0]["children"][1]["stock"]["backorders"] = value
    with pytest.raises(ExchangeError) as refused:
        from_dict(data)
    assert refused.value.path == "configurator.layers[0].children[1].stock.backorders"
    assert refused.value.problem == 'expected one of "no", "notify", "yes"'
