"""Low stock in the store and the exchange format: columns, migration, optional keys."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session

from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import StockDisplay
from desktop.store import repository
from desktop.store.corrupt import CorruptDataError
from desktop.store.database import open_database
from desktop.store.exchange_format import ExchangeError, from_dict, to_dict
from desktop.store.repository import StoreError
from tests.builders import grips

from .test_database import make_v1


def test_low_stock_fields_are_written_through_the_field_rules(session: Session) -> None:
    cfg_id = repository.insert_configurator(session, grips())
    red = repository.load_configurator(session, cfg_id).layers[0].children[1]
    assert red.id is not None
    stored = repository.update_layer(session, red.id, {LayerField.LOW_STOCK_AMOUNT: 4})
    assert stored == {LayerField.LOW_STOCK_AMOUNT: 4}
    repository.update_configurator(
        session,
        cfg_id,
        {ConfiguratorField.LOW_STOCK_THRESHOLD: 5, ConfiguratorField.STOCK_DISPLAY: "always"},
    )
    loaded = repository.load_configurator(session, cfg_id)
    assert (loaded.low_stock_threshold, loaded.stock_display) == (5, StockDisplay.ALWAYS)
    assert loaded.layers[0].children[1].stock.low_amount == 4
    with pytest.raises(StoreError, match="Low stock amount: expected a whole number"):
        repository.update_layer(session, red.id, {LayerField.LOW_STOCK_AMOUNT: -1})
    with pytest.raises(StoreError, match="Stock display: expected one of"):
        repository.update_configurator(session, cfg_id, {ConfiguratorField.STOCK_DISPLAY: "x"})


def test_an_old_database_gets_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1(path)
    db = open_database(path)
    try:
        with db.session() as session:
            cfg = repository.load_configurator(session, 7)
    finally:
        db.close()
    assert (cfg.low_stock_threshold, cfg.stock_display) == (2, StockDisplay.NEVER)
    assert cfg.layers[0].children[0].stock.low_amount is None


def test_a_low_stock_amount_edited_by_hand_is_named(tmp_path: Path) -> None:
    path = tmp_path / "hand.db"
    db = open_database(path)
    try:
        with db.session() as session:
            cfg_id = repository.insert_configurator(session, grips())
    finally:
        db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE layer SET low_stock_amount = -5 WHERE type = 'image'")
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        with db.session() as session, pytest.raises(CorruptDataError, match="low stock amount"):
            repository.load_configurator(session, cfg_id)
    finally:
        db.close()


def test_exchange_keys_are_optional_and_round_trip() -> None:
    data = to_dict(grips())
    data["configurator"]["settings"] = {"backorders": "no"}  # a file from before low stock
    for layer in data["configurator"]["layers"][0]["children"]:
        del layer["stock"]["low_stock_amount"]
    cfg = from_dict(data)
    assert (cfg.low_stock_threshold, cfg.stock_display) == (2, StockDisplay.NEVER)
    full = copy.deepcopy(to_dict(cfg))
    full["configurator"]["settings"].update(low_stock_threshold=6, stock_display="low")
    full["configurator"]["layers"][0]["children"][0]["stock"]["low_stock_amount"] = 3
    again = from_dict(full)
    assert to_dict(again) == full
    full["configurator"]["layers"][0]["children"][0]["stock"]["low_stock_amount"] = "3"
    with pytest.raises(ExchangeError, match=r"stock\.low_stock_amount: expected an integer"):
        from_dict(full)
