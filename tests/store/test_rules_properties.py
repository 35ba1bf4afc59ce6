"""One set of field rules (docs/data-model.md, docs/reliability.md), as Hypothesis properties:
the store and the importer accept exactly the same values, and whatever the store accepts
exports and imports back equal."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Backorders, Configurator, Layer, LayerType, Stock, StockStatus
from desktop.store import repository
from desktop.store.database import Database, open_memory_database
from desktop.store.demo import demo_path
from desktop.store.exchange import ExchangeError, dumps, from_dict, loads, read_json, to_dict
from desktop.store.repository import StoreError
from tests.builders import stored_id

SETTINGS = settings(max_examples=300)
DEMO: dict[str, Any] = read_json(demo_path())
RED = ("layers", 1, "children", 1)  # Grip Color/Metallic Red: price 3.00, SKU set, managed


@contextmanager
def fresh_database() -> Iterator[Database]:
    """A new in-memory database for each example (a fixture would be shared by all)."""
    database = open_memory_database()
    try:
        yield database
    finally:
        database.close()


# --- values, valid and not, for every field ---------------------------------------------------
awkward_text = st.sampled_from(
    [
        "",
        "   ",
        "a\nb",
        "tab\there",
        "\x00",
        "\ud800",
        "x" * 201,
        "y" * 101,
        "../up.png",
        "/etc/passwd",
        "C:/x.png",
        "a\\b.png",
        "file:x.png",
        "images/" + "z" * 240 + ".png",
        "Metallic Yellow",  # a sibling's name
        "CASE-YELLOW-METALLIC",  # another option's SKU
        "<b>bold</b>",
        "€",
    ]
)
texts = st.one_of(awkward_text, st.text(max_size=40), st.none(), st.integers(-2, 2))
amounts = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-10, max_value=10, places=3),
    st.decimals(min_value=0, max_value=10**13, places=2),
    st.none(),
    st.integers(0, 5),
)
integers = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-100_001, 1_000_001),
    st.sampled_from([2**63 - 1, 2**63, 0, -5]),
    st.text(max_size=3),
)
flags = st.one_of(st.booleans(), st.none(), st.integers(0, 1), st.text(max_size=2))
statuses = st.one_of(st.sampled_from(StockStatus), st.text(max_size=12))
choices = st.one_of(st.sampled_from(Backorders), st.text(max_size=8))

LAYER_VALUES: dict[LayerField, st.SearchStrategy[Any]] = {
    LayerField.NAME: texts,
    LayerField.PRICE: amounts,
    LayerField.SALE_PRICE: amounts,
    LayerField.IMAGE: texts,
    LayerField.ACTIVE_ON_LOAD: flags,
    LayerField.HIDDEN: flags,
    LayerField.MANAGE_STOCK: flags,
    LayerField.SKU: texts,
    LayerField.STOCK_QUANTITY: integers,
    LayerField.STOCK_STATUS: statuses,
}
CONFIGURATOR_VALUES: dict[ConfiguratorField, st.SearchStrategy[Any]] = {
    ConfiguratorField.NAME: texts,
    ConfiguratorField.PRODUCT_NAME: texts,
    ConfiguratorField.WOOCOMMERCE_ID: integers,
    ConfiguratorField.BASE_PRICE: amounts,
    ConfiguratorField.CURRENCY: texts,
    ConfiguratorField.BACKORDERS: choices,
}
LAYER_KEYS = {
    LayerField.MANAGE_STOCK: ("stock", "manage"),
    LayerField.SKU: ("stock", "sku"),
    LayerField.STOCK_QUANTITY: ("stock", "quantity"),
    LayerField.STOCK_STATUS: ("stock", "status"),
}
CONFIGURATOR_KEYS = {
    ConfiguratorField.PRODUCT_NAME: ("product", "name"),
    ConfiguratorField.WOOCOMMERCE_ID: ("product", "woocommerce_id"),
    ConfiguratorField.BACKORDERS: ("settings", "backorders"),
}


def as_json(value: Any) -> Any:
    """How an exchange file writes the value: money as plain decimal text, enums by value."""
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    if isinstance(value, StockStatus | Backorders):
        return value.value
    return value


def file_with(keys: tuple[str | int, ...], value: Any) -> Any:
    """The demo's exchange data with one value replaced, as parsed back from the file's text."""
    data = copy.deepcopy(DEMO)
    target: Any = data["configurator"]
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = as_json(value)
    return loads(json.dumps(data, ensure_ascii=False))


def importer_accepts(data: Any) -> bool:
    try:
        from_dict(data)
    except ExchangeError:
        return False
    return True


def demo_in(db: Database) -> Configurator:
    with db.session() as session:
        cfg = from_dict(DEMO)
        repository.insert_configurator(session, cfg)
        return cfg


@SETTINGS
@given(data=st.data())
def test_the_store_refuses_exactly_what_the_importer_refuses(data: st.DataObject) -> None:
    with fresh_database() as db:
        _compare_one_field(db, data)


def _compare_one_field(db: Database, data: st.DataObject) -> None:
    cfg = demo_in(db)
    red = cfg.layers[RED[1]].children[RED[3]]
    if data.draw(st.booleans(), label="layer field"):
        field = data.draw(st.sampled_from(list(LAYER_VALUES)), label="field")
        value = data.draw(LAYER_VALUES[field], label="value")
        keys = (*RED, *LAYER_KEYS.get(field, (field.value,)))
        with db.session() as session:
            red_id = stored_id(red)
            store = _accepts(lambda: repository.update_layer(session, red_id, {field: value}))
    else:
        cfield = data.draw(st.sampled_from(list(CONFIGURATOR_VALUES)), label="field")
        value = data.draw(CONFIGURATOR_VALUES[cfield], label="value")
        keys = CONFIGURATOR_KEYS.get(cfield, (cfield.value,))
        with db.session() as session:
            cfg_id = stored_id(cfg)
            store = _accepts(
                lambda: repository.update_configurator(session, cfg_id, {cfield: value})
            )
    assert importer_accepts(file_with(keys, value)) == store


def _accepts(write: Any) -> bool:
    try:
        write()
    except StoreError:
        return False
    return True


# --- whole configurators: what the store holds goes out and comes back equal -------------------
names = st.one_of(st.text(min_size=1, max_size=30), awkward_text)
money = st.decimals(min_value=0, max_value=Decimal("99999.99"), places=2)


@st.composite
def options(draw: st.DrawFn, index: int) -> Layer:
    price = draw(money)
    sale = draw(st.one_of(st.none(), money))
    return Layer(
        name=draw(names) + f" {index}",
        type=LayerType.IMAGE,
        price=price,
        sale_price=sale,
        image=draw(st.sampled_from(["", "images/a.png", "b c/ü.webp"])),
        active_on_load=draw(st.booleans()),
        hidden=draw(st.booleans()),
        stock=Stock(
            manage=draw(st.booleans()),
            sku=draw(st.one_of(st.just(""), st.text(max_size=12))) + (f"-{index}" if index else ""),
            quantity=draw(st.one_of(st.none(), st.integers(-100_000, 1_000_000))),
            status=draw(st.sampled_from(StockStatus)),
        ),
    )


@st.composite
def configurators(draw: st.DrawFn) -> Configurator:
    counter = iter(range(1, 1000))
    groups = []
    for g in range(draw(st.integers(0, 3))):
        group = Layer(
            name=draw(names) + f" g{g}",
            type=LayerType.GROUP,
            required=draw(st.booleans()),
            multiple=draw(st.booleans()),
            hidden=draw(st.booleans()),
        )
        children = [draw(options(next(counter))) for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            sub = Layer(name=f"sub {g}", type=LayerType.SUB_GROUP)
            sub.children = [draw(options(next(counter))) for _ in range(draw(st.integers(0, 2)))]
            for child in sub.children:
                child.parent = sub
            children.append(sub)
        for child in children:
            child.parent = group
        group.children = children
        groups.append(group)
    return Configurator(
        name=draw(names),
        product_name=draw(st.one_of(st.text(max_size=30), awkward_text)),
        woocommerce_id=draw(st.one_of(st.none(), st.integers(-3, 2**64))),
        base_price=draw(st.one_of(money, st.decimals(places=3, min_value=0, max_value=5))),
        currency=draw(st.sampled_from(["$", "€", "CHF", "", "toolongcurrency"])),
        backorders=draw(st.sampled_from(Backorders)),
        layers=groups,
    )


@SETTINGS
@given(cfg=configurators())
def test_whatever_the_store_accepts_exports_and_imports_back_equal(cfg: Configurator) -> None:
    with fresh_database() as db, db.session() as session:
        try:
            first = repository.insert_configurator(session, cfg)
        except StoreError:
            return  # refused whole; the other property covers that the importer agrees
        exported = to_dict(repository.load_configurator(session, first))
        again = from_dict(loads(dumps(exported)))
        second = repository.insert_configurator(session, again, free_name=True)
        reimported = to_dict(repository.load_configurator(session, second))
    assert reimported["configurator"].pop("name") != exported["configurator"].pop("name")
    assert reimported == exported
