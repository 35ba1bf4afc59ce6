"""Rows edited by hand past the rules (a SQLite browser, a script, a damaged disk) are read as
one CorruptDataError naming the row and the value, never as a crash deep in the editor, the
storefront or the exporter; and a database our writes made loads exactly as before."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.fields import ConfiguratorField
from desktop.domain.money import MONEY_LIMIT
from desktop.store import repository
from desktop.store.corrupt import CorruptDataError, stored_money
from desktop.store.database import describe_failure, open_database
from desktop.store.demo import open_store
from desktop.store.repository import StorageError

from .damaged import hand_edit

DEMO = "Custom Game Controller"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    open_store(path).close()
    return path


def layer_id(path: Path, name: str) -> int:
    database = open_database(path)
    try:
        with database.session() as session:
            cfg = repository.load_configurator(session, 1)
    finally:
        database.close()
    (layer,) = [node for node in cfg.walk() if node.name == name]
    assert layer.id is not None
    return layer.id


def load(path: Path) -> None:
    database = open_database(path)
    try:
        with database.session() as session:
            repository.load_configurator(session, 1)
    finally:
        database.close()


RED = "Metallic Red"


@pytest.mark.parametrize(
    ("statement", "detail"),
    [
        (
            "UPDATE configurator SET base_price = 'abc'",
            f"configurator 1 (\"{DEMO}\") has an invalid base price 'abc'",
        ),
        (
            "UPDATE configurator SET backorders = 'sometimes'",
            "invalid backorder setting 'sometimes'",
        ),
        ("UPDATE configurator SET woocommerce_id = 'w1'", "invalid WooCommerce product id 'w1'"),
        ("UPDATE configurator SET woocommerce_id = 0", "invalid WooCommerce product id 0"),
        ("UPDATE configurator SET currency = x'24'", "invalid currency b'$'"),
        ("UPDATE layer SET price = 'x' WHERE id = {red}", "has an invalid price 'x'"),
        ("UPDATE layer SET price = '-3.00' WHERE id = {red}", "invalid price '-3.00'"),
        ("UPDATE layer SET price = '1e3' WHERE id = {red}", "invalid price '1e3'"),
        ("UPDATE layer SET sale_price = 'NaN' WHERE id = {red}", "invalid sale price 'NaN'"),
        ("UPDATE layer SET price = '3.001' WHERE id = {red}", "invalid price '3.001'"),
        ("UPDATE layer SET stock_status = 'maybe' WHERE id = {red}", "stock status 'maybe'"),
        ("UPDATE layer SET type = 'widget' WHERE id = {red}", "invalid type 'widget'"),
        ("UPDATE layer SET stock_quantity = 'lots' WHERE id = {red}", "stock quantity 'lots'"),
        ("UPDATE layer SET stock_quantity = 2.5 WHERE id = {red}", "stock quantity 2.5"),
        ("UPDATE layer SET stock_quantity = 10000000 WHERE id = {red}", "quantity 10000000"),
        ("UPDATE layer SET name = x'ff00' WHERE id = {red}", "has an invalid name b'\\xff\\x00'"),
        ("UPDATE layer SET sku = x'00' WHERE id = {red}", "has an invalid SKU b'\\x00'"),
        ("UPDATE layer SET price = '" + "9" * 500 + "' WHERE id = {red}", "invalid price '999"),
        ("UPDATE layer SET parent_id = 99 WHERE id = {red}", "refers to a missing parent layer 99"),
        (
            "UPDATE layer SET parent_id = {red} WHERE id = {red}",
            "is misplaced: an image layer cannot be placed inside an image layer",
        ),
        (
            "UPDATE layer SET parent_id = NULL WHERE id = {red}",
            "is misplaced: an image layer cannot be placed at the top level",
        ),
        (
            "UPDATE layer SET type = 'sub_group' WHERE name = 'Grip Color'",
            "is misplaced: a sub-group cannot be placed at the top level",
        ),
    ],
)
def test_a_row_edited_past_the_rules_is_named(db_path: Path, statement: str, detail: str) -> None:
    red = layer_id(db_path, RED)
    hand_edit(db_path, statement.format(red=red))
    with pytest.raises(CorruptDataError) as raised:
        load(db_path)
    error = raised.value
    assert detail in error.detail
    if "layer" in statement.split()[1]:
        assert error.detail.startswith("layer ") and f' of "{DEMO}"' in error.detail
    assert isinstance(error, StorageError) and error.lasting  # the window says it in a dialog
    assert len(error.detail) < 200  # a long value is quoted cut short
    assert describe_failure(db_path, error) == (
        f"{db_path} holds data that cannot be used: {error.detail}"
    )


def test_the_message_names_the_row_as_the_issue_asks(db_path: Path) -> None:
    hand_edit(db_path, "UPDATE layer SET price = 'x' WHERE id = 12")
    with pytest.raises(CorruptDataError) as raised:
        load(db_path)
    assert raised.value.detail == f"layer 12 of \"{DEMO}\" has an invalid price 'x'"
    assert str(raised.value) == (
        f'The database holds data that cannot be used: layer 12 of "{DEMO}" has an invalid '
        "price 'x'."
    )


def test_a_cycle_of_parents_is_refused_not_walked_forever(db_path: Path) -> None:
    """Two sub-groups that are each other's parent: nothing reaches them from the top."""
    hand_edit(
        db_path,
        "UPDATE layer SET parent_id = 17 WHERE name = 'Back Paddles'",
        "UPDATE layer SET type = 'sub_group' WHERE id = 17",
    )
    with pytest.raises(CorruptDataError, match="is misplaced"):
        load(db_path)


def test_values_our_writes_store_load_unchanged(db_path: Path) -> None:
    """Old files may hold "12.5" or "12.500"; NULL sale prices and quantities stay None."""
    red = layer_id(db_path, RED)
    hand_edit(
        db_path,
        f"UPDATE layer SET price = '12.5', sale_price = '10.500' WHERE id = {red}",
        "UPDATE configurator SET base_price = '0'",
    )
    database = open_database(db_path)
    try:
        with database.session() as session:
            cfg = repository.load_configurator(session, 1)
    finally:
        database.close()
    layer = cfg.find_path(f"Grip Color/{RED}")
    assert layer is not None
    assert (layer.price, layer.sale_price, cfg.base_price) == (
        Decimal("12.5"),
        Decimal("10.500"),
        Decimal("0"),
    )
    yellow = cfg.find_path("Grip Color/Metallic Yellow")
    assert yellow is not None and yellow.sale_price is None


def test_stored_money_stops_just_below_the_limit() -> None:
    """The stored-amount pattern and MONEY_LIMIT agree on how many integer digits fit."""
    largest = MONEY_LIMIT - Decimal("0.01")
    assert stored_money(str(largest)) == largest
    for refused in (str(MONEY_LIMIT), f"{MONEY_LIMIT}.00", "-0.01", "1E+3", "Infinity", ""):
        with pytest.raises(ValueError):
            stored_money(refused)


def test_a_configurator_broken_by_hand_can_still_be_fixed_or_deleted(db_path: Path) -> None:
    hand_edit(db_path, "UPDATE configurator SET base_price = 'abc' WHERE id = 1")
    database = open_database(db_path)
    try:
        with database.session() as session:
            with pytest.raises(CorruptDataError):
                repository.load_configurator(session, 1)
            fix = {ConfiguratorField.BASE_PRICE: Decimal("49.00")}
            repository.update_configurator(session, 1, fix)
            assert repository.load_configurator(session, 1).base_price == Decimal("49.00")
            hand_edit(db_path, "UPDATE configurator SET base_price = 'abc' WHERE id = 1")
            repository.delete_configurator(session, 1)
            assert repository.list_configurators(session) == []
    finally:
        database.close()
