"""The exchange format's refusals: each names its field path, whichever walk finds it."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.store.exchange import ExchangeError, from_dict, loads, read_json

from .exchange_paths import DEMO, GRIP, YELLOW, deleter, image_layer, setter

REFUSALS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "quantity float",
        setter(f"{YELLOW}.stock.quantity", 5.5),
        f"{YELLOW}.stock.quantity: expected a whole number; 5.5 has a fraction",
    ),
    (
        "quantity bool",
        setter(f"{YELLOW}.stock.quantity", True),
        f"{YELLOW}.stock.quantity: expected an integer",
    ),
    (
        "quantity text",
        setter("configurator.layers[2].children[2].stock.quantity", "5"),
        "configurator.layers[2].children[2].stock.quantity: expected an integer",
    ),
    (
        "unknown key",
        setter("configurator.colour", "red"),
        "configurator.colour: unknown key (allowed here: name, product, base_price, currency, "
        "price_format, "
        "settings, layers, wordpress)",
    ),
    (
        "unknown stock key",
        setter(f"{YELLOW}.stock.warehouse", "B"),
        f"{YELLOW}.stock.warehouse: unknown key (allowed here: manage, sku, quantity, status, "
        "low_stock_amount, backorders)",
    ),
    (
        "group key on an image",
        setter(f"{YELLOW}.required", True),
        f"{YELLOW}.required: unknown key (allowed here: name, type, price, sale_price, image, "
        "active_on_load, hidden, stock, wordpress)",
    ),
    (
        "missing layer name",
        deleter("configurator.layers[2].name"),
        "configurator.layers[2].name: required key is missing",
    ),
    (
        "missing layer type",
        deleter(f"{YELLOW}.type"),
        f"{YELLOW}.type: required key is missing",
    ),
    ("missing format", deleter("format"), "format: required key is missing"),
    (
        "missing configurator name",
        deleter("configurator.name"),
        "configurator.name: required key is missing",
    ),
    (
        "wrong format",
        setter("format", "configurator-editor/2"),
        'format: expected "configurator-editor/1", not "configurator-editor/2"',
    ),
    (
        "negative price",
        setter("configurator.layers[2].children[1].price", "-4.00"),
        'configurator.layers[2].children[1].price: "-4.00" is negative; '
        "prices cannot be below zero",
    ),
    (
        "three decimals",
        setter("configurator.layers[3].children[2].sale_price", "4.995"),
        'configurator.layers[3].children[2].sale_price: "4.995" has more than two decimals',
    ),
    (
        "price too large",
        setter("configurator.base_price", "1" + "0" * 40),
        'configurator.base_price: "1' + "0" * 40 + '" is too large',
    ),
    (
        "quantity beyond the editor's range",
        setter(f"{YELLOW}.stock.quantity", 10**30),
        f"{YELLOW}.stock.quantity: expected a whole number from -99999 to 999999",
    ),
    (
        "quantity below the editor's range",
        setter(f"{YELLOW}.stock.quantity", -100_000),
        f"{YELLOW}.stock.quantity: expected a whole number from -99999 to 999999",
    ),
    (
        "money as a number",
        setter("configurator.base_price", 49.0),
        'configurator.base_price: expected an amount as a string, such as "12.50"',
    ),
    (
        "money as words",
        setter(f"{YELLOW}.price", "free"),
        f'{YELLOW}.price: "free" is not a number; expected an amount such as 12.50',
    ),
    (
        "absolute image path",
        setter(f"{YELLOW}.image", "/etc/passwd"),
        f"{YELLOW}.image: must be a relative path, not an absolute one",
    ),
    (
        "upward image path",
        setter(f"{YELLOW}.image", "images/../../secret.png"),
        f"{YELLOW}.image: must not go up out of its folder with '..'",
    ),
    (
        "windows drive",
        setter(f"{YELLOW}.image", "C:/Users/me/grip.png"),
        f"{YELLOW}.image: must be a relative path, not an absolute one",
    ),
    (
        "windows backslashes",
        setter(f"{YELLOW}.image", "..\\grip.png"),
        f"{YELLOW}.image: must use forward slashes (/), not backslashes",
    ),
    (
        "url",
        setter(f"{YELLOW}.image", "file:grip.png"),
        f"{YELLOW}.image: must be a relative file path (no drive, scheme or colon)",
    ),
    (
        "layer type",
        setter("configurator.layers[0].type", "widget"),
        'configurator.layers[0].type: expected one of "group", "sub_group", "image"',
    ),
    (
        "image at the top level",
        lambda data: data["configurator"]["layers"].append(image_layer(data)),
        "configurator.layers[5].type: an image layer cannot be placed at the top level",
    ),
    (
        "group inside a group",
        setter("configurator.layers[4].children[0].type", "group"),
        "configurator.layers[4].children[0].type: a group cannot be placed inside a group",
    ),
    (
        "sub-group inside a sub-group",
        setter("configurator.layers[4].children[0].children[1].type", "sub_group"),
        "configurator.layers[4].children[0].children[1].type: "
        "a sub-group cannot be placed inside a sub-group",
    ),
    (
        "empty layer name",
        setter(f"{GRIP}.children[2].name", "   "),
        f"{GRIP}.children[2].name: must not be empty",
    ),
    (
        "empty configurator name",
        setter("configurator.name", ""),
        "configurator.name: must not be empty",
    ),
    (
        "duplicate SKU",
        setter(f"{GRIP}.children[2].stock.sku", "CASE-YELLOW-METALLIC"),
        f'{GRIP}.children[2].stock.sku: "CASE-YELLOW-METALLIC" is already the SKU of {YELLOW}',
    ),
    (
        "sibling names clash",
        setter(f"{GRIP}.children[2].name", "Metallic Yellow"),
        f'{GRIP}.children[2].name: "Metallic Yellow" is already the name of {GRIP}.children[0]',
    ),
    (
        "bool as text",
        setter(f"{GRIP}.required", "yes"),
        f"{GRIP}.required: expected true or false",
    ),
    (
        "backorders value",
        setter("configurator.settings.backorders", "maybe"),
        'configurator.settings.backorders: expected one of "no", "notify", "yes"',
    ),
    (
        "stock status",
        setter(f"{YELLOW}.stock.status", "sold_out"),
        f'{YELLOW}.stock.status: expected one of "in_stock", "out_of_stock"',
    ),
    (
        "product id zero",
        setter("configurator.product.woocommerce_id", 0),
        "configurator.product.woocommerce_id: expected a positive integer",
    ),
    (
        "children not a list",
        setter(f"{GRIP}.children", {}),
        f"{GRIP}.children: expected a list",
    ),
    (
        "layer not an object",
        setter("configurator.layers", ["Grip Color"]),
        "configurator.layers[0]: expected an object",
    ),
    (
        "settings not an object",
        setter("configurator.settings", "notify"),
        "configurator.settings: expected an object",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_each_refusal_names_its_field(
    mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    data = copy.deepcopy(DEMO)
    mutate(data)
    with pytest.raises(ExchangeError) as caught:
        from_dict(data)
    assert str(caught.value) == message


def test_a_whole_number_written_with_a_fraction_of_zero_is_that_number() -> None:
    # As a stock sheet's "5.0" is 5 (one rule for numbers, docs/stock-sheets.md).
    data = copy.deepcopy(DEMO)
    setter(f"{YELLOW}.stock.quantity", 5.0)(data)
    setter(f"{YELLOW}.stock.low_stock_amount", 3.0)(data)
    cfg = from_dict(data)
    yellow = cfg.layers[1].children[0]
    assert (yellow.stock.quantity, yellow.stock.low_amount) == (5, 3)
    assert type(yellow.stock.quantity) is int


@pytest.mark.parametrize(
    ("mutate", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_both_walks_over_the_raw_text_refuse_alike(
    mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    """A text that repeats no key has only its layers' places checked before the models run
    (a walk over every key costs a large file a third of a second); data that may repeat
    keys (not known to come from loads) gets the whole walk. Both name the same field."""
    data = copy.deepcopy(DEMO)
    mutate(data)
    text = json.dumps(data)
    unique = loads(text)
    assert unique.unique_keys
    for parsed in (unique, json.loads(text)):
        with pytest.raises(ExchangeError) as caught:
            from_dict(parsed)
        assert str(caught.value) == message


def test_a_repeated_key_anywhere_takes_the_whole_walk() -> None:
    old = '"sku": "CASE-RED-METALLIC"'
    text = json.dumps(DEMO).replace(old, f'{old}, "sku": "Y-2"', 1)
    assert '"Y-2"' in text
    data = loads(text)
    assert not data.unique_keys
    with pytest.raises(ExchangeError, match=r"\.stock\.sku: appears more than once$"):
        from_dict(data)


def test_only_the_outermost_object_and_one_that_repeats_a_key_are_marked() -> None:
    """pydantic reads plain dicts several times faster than a dict subclass."""
    old = '"sku": "CASE-RED-METALLIC"'
    data = loads(json.dumps(DEMO).replace(old, f'{old}, "sku": "Y-2"', 1))
    grip = data["configurator"]["layers"][1]
    assert type(grip) is dict and type(grip["children"][0]["stock"]) is dict
    assert getattr(grip["children"][1]["stock"], "duplicates", ()) == ("sku",)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('{"format": "configurator-editor/1",\n "configurator": }', "invalid JSON at line 2, "),
        ("[1, 2]", "top level: expected an object"),
        (
            '{"format": "configurator-editor/1", "format": "x", "configurator": {}}',
            "format: appears",
        ),
        ("", "invalid JSON at line 1, column 1: Expecting value"),
    ],
)
def test_text_that_is_not_an_exchange_object_is_refused(source: str, message: str) -> None:
    with pytest.raises(ExchangeError, match="^" + message.replace("[", r"\[")):
        from_dict(loads(source))


def test_a_missing_or_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="file not found"):
        read_json(tmp_path / "nothing.json")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ExchangeError, match="not UTF-8"):
        read_json(tmp_path / "binary.json")
