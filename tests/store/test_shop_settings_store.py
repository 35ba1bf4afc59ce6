"""The shop's settings in the store and the exchange format: the price format
(docs/price-format.md) and the order settings (docs/orders.md), on both engines."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.domain.fields import ConfiguratorField as F
from desktop.domain.model import Payment
from desktop.domain.price_format import CurrencyPosition, PriceFormat
from desktop.store import repository
from desktop.store.corrupt import CorruptDataError
from desktop.store.database import open_database
from desktop.store.demo import open_store
from desktop.store.exchange_format import ExchangeError, from_dict, to_dict
from desktop.store.repository import StoreError
from tests.builders import grips

from .test_database import make_v1

DEMO = "Custom Game Controller"
GERMAN = {
    F.CURRENCY: "€",
    F.CURRENCY_POSITION: "right_space",
    F.THOUSAND_SEPARATOR: ".",
    F.DECIMAL_SEPARATOR: ",",
    F.PRICE_DECIMALS: 2,
}
ORDERS = {F.PAYMENT: "pending", F.HOLD_MINUTES: 15, F.NOTIFY_NO_STOCK_AT: 1}


def test_settings_are_stored_and_read_back_on_each_engine(db_target: object) -> None:
    db = open_store(db_target)  # type: ignore[arg-type]
    try:
        with db.session() as session:
            cid = repository.find_configurator(session, DEMO)
            assert cid is not None
            stored = repository.update_configurator(session, cid, {**GERMAN, **ORDERS})
            assert stored[F.CURRENCY_POSITION] is CurrencyPosition.RIGHT_SPACE
            assert stored[F.PAYMENT] is Payment.PENDING
            cfg = repository.load_configurator(session, cid)
            # The database's own checks refuse what the rules refuse, on both engines.
            for bad in (
                "currency_position = 'middle'",
                "price_decimals = 9",
                "payment = 'later'",
                "hold_minutes = -1",
                "decimal_separator = ''",
            ):
                with pytest.raises(IntegrityError), session.begin_nested():
                    session.execute(text(f"UPDATE configurator SET {bad} WHERE id = {cid}"))
    finally:
        db.close()
    assert cfg.price_format == PriceFormat("€", CurrencyPosition.RIGHT_SPACE, ".", ",", 2)
    assert cfg.price_format.format(cfg.base_price * 30) == "1.470,00\u00a0€"
    assert (cfg.payment, cfg.hold_minutes, cfg.notify_no_stock_at) == (Payment.PENDING, 15, 1)


def test_a_refused_setting_names_its_field_and_saves_nothing(tmp_path: Path) -> None:
    db = open_database(tmp_path / "shop.db")
    try:
        with db.session() as session:
            cid = repository.insert_configurator(session, grips())
            refusals: list[tuple[dict[F, object], str]] = [
                ({F.DECIMAL_SEPARATOR: ","}, "Decimal separator: must differ from"),
                ({F.THOUSAND_SEPARATOR: ".", F.DECIMAL_SEPARATOR: "."}, "Thousand separator"),
                ({F.THOUSAND_SEPARATOR: "\t"}, "Thousand separator: must not contain control"),
                ({F.PRICE_DECIMALS: 5}, "Number of decimals: expected a whole number from 0"),
                ({F.HOLD_MINUTES: -5}, r"Hold stock \(minutes\): expected a whole number"),
                ({F.PAYMENT: "later"}, 'Payment at checkout: expected one of "paid"'),
                ({F.NOTIFY_NO_STOCK_AT: -1}, "Notify when out of stock at: expected"),
            ]
            for changes, words in refusals:
                with pytest.raises(StoreError, match=words):
                    repository.update_configurator(session, cid, {F.HOLD_MINUTES: 30, **changes})
            cfg = repository.load_configurator(session, cid)
    finally:
        db.close()
    assert cfg.price_format == PriceFormat()
    assert cfg.hold_minutes == 60  # the valid change beside each refused one was not saved


def test_an_old_database_gets_woocommerces_defaults(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1(path)
    db = open_database(path)
    try:
        with db.session() as session:
            cfg = repository.load_configurator(session, 7)
    finally:
        db.close()
    assert cfg.price_format == PriceFormat()
    assert (cfg.payment, cfg.hold_minutes, cfg.notify_no_stock_at) == (Payment.PAID, 60, 0)


def test_separators_made_equal_by_hand_are_named(tmp_path: Path) -> None:
    path = tmp_path / "hand.db"
    db = open_database(path)
    try:
        with db.session() as session:
            cid = repository.insert_configurator(session, grips())
    finally:
        db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE configurator SET thousand_separator = '.'")
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        with db.session() as session, pytest.raises(CorruptDataError) as caught:
            repository.load_configurator(session, cid)
    finally:
        db.close()
    assert "an invalid thousand separator '.' (must differ from the decimal separator" in str(
        caught.value
    )


# --- the exchange format ------------------------------------------------------------------------
def _exported() -> dict[str, Any]:
    return copy.deepcopy(to_dict(grips()))


def test_a_file_without_the_settings_imports_with_the_defaults() -> None:
    data = _exported()
    del data["configurator"]["price_format"]
    data["configurator"]["settings"] = {"backorders": "notify"}  # as files were written before
    cfg = from_dict(data)
    assert cfg.price_format == PriceFormat()
    assert (cfg.payment, cfg.hold_minutes, cfg.notify_no_stock_at) == (Payment.PAID, 60, 0)


def test_the_settings_round_trip_through_a_file() -> None:
    data = _exported()
    data["configurator"]["currency"] = "€"
    data["configurator"]["price_format"] = {
        "currency_position": "right_space",
        "thousand_separator": " ",
        "decimal_separator": ",",
        "decimals": 3,
    }
    data["configurator"]["settings"].update(payment="pending", hold_minutes=0, notify_no_stock_at=2)
    cfg = from_dict(data)
    assert cfg.price_format.format(cfg.base_price + 1234) == "1 283,000\u00a0€"
    assert to_dict(cfg) == data


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "price_format.thousand_separator",
            ".",
            "configurator.price_format.thousand_separator: must differ from the decimal "
            "separator (both are '.')",
        ),
        (
            "price_format.decimal_separator",
            "",
            "configurator.price_format.decimal_separator: must not be empty",
        ),
        (
            "price_format.thousand_separator",
            "\n",
            "configurator.price_format.thousand_separator: must not contain control characters "
            "such as line breaks or tabs",
        ),
        (
            "price_format.decimals",
            7,
            "configurator.price_format.decimals: expected a whole number from 0 to 4",
        ),
        (
            "price_format.currency_position",
            "top",
            'configurator.price_format.currency_position: expected one of "left", "right", '
            '"left_space", "right_space"',
        ),
        (
            "price_format.colour",
            "red",
            "configurator.price_format.colour: unknown key (allowed here: currency_position, "
            "thousand_separator, decimal_separator, decimals)",
        ),
        (
            "settings.payment",
            "later",
            'configurator.settings.payment: expected one of "paid", "pending"',
        ),
        (
            "settings.hold_minutes",
            "60",
            "configurator.settings.hold_minutes: expected an integer",
        ),
        (
            "settings.notify_no_stock_at",
            -2,
            "configurator.settings.notify_no_stock_at: expected a whole number from 0 to 999999",
        ),
    ],
)
def test_bad_settings_in_a_file_are_refused_naming_the_field(
    key: str, value: object, message: str
) -> None:
    data = _exported()
    section, name = key.split(".")
    data["configurator"][section][name] = value
    with pytest.raises(ExchangeError) as caught:
        from_dict(data)
    assert str(caught.value) == message
