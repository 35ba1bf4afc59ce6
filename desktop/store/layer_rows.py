"""Reading layer rows: the tree of one configurator, or some layers, as detached domain Layers.

Loading is what opening a configurator waits for, so the rows are read through the driver's
own cursor as plain tuples and checked in bulk (`read_checks`); a row none of our writes could
have stored raises CorruptDataError naming it (docs/stored-data.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy import ColumnClause, literal_column, select
from sqlmodel import Session

from ..domain.collector import collector_paused
from ..domain.model import Backorders, Layer, LayerType, Stock, StockStatus, can_hold
from .corrupt import (
    corrupt_layer,
    misplaced_layer,
    orphan_layer,
    owner_words,
    sale_below_price,
    stored_image,
    stored_low_amount,
    stored_money,
    stored_name,
    stored_option_backorders,
    stored_quantity,
    stored_sku,
    stored_text,
)
from .read_checks import check_rows
from .transaction import LAYER, driver_cursor
from .wordpress_json import node_from_text

_c = LAYER.c


LOAD_COLUMNS = (
    "id", "parent_id", "name", "type", "required", "multiple", "price", "sale_price", "image",
    "active_on_load", "hidden", "manage_stock", "sku", "stock_quantity", "stock_status",
    "low_stock_amount", "backorders", "version", "wordpress",
)  # fmt: skip
# Loading is what opening a configurator waits for: the rows are read through the driver's own
# cursor as plain tuples (SQLAlchemy's row objects and type processors cost more than SQLite's
# read itself at 100,000 rows), by one statement compiled once.
LOAD_SQL = (
    f"SELECT {', '.join(LOAD_COLUMNS)} FROM layer WHERE configurator_id = ? "
    "ORDER BY parent_id, position"
)
_TYPES = {t.value: t for t in LayerType}
_STATUSES = {s.value: s for s in StockStatus}
_BACKORDERS: dict[object, Backorders | None] = {None: None, **{b.value: b for b in Backorders}}


def _row_view(row: tuple[Any, ...]) -> Any:
    """A stored row with its columns as attributes, for the message that names a bad value."""
    return SimpleNamespace(**dict(zip(LOAD_COLUMNS, row, strict=True)))


def _layer(r: Any, configurator_name: str | None) -> Layer:
    """A layer row as a detached Layer; CorruptDataError for a value no write of ours stores
    (one the field rules refuse included: docs/stored-data.md)."""
    try:
        layer = Layer(
            id=r.id,
            name=stored_name(r.name),
            type=LayerType(r.type),
            required=bool(r.required),
            multiple=bool(r.multiple),
            price=stored_money(r.price),
            sale_price=None if r.sale_price is None else stored_money(r.sale_price),
            image=stored_image(r.image),
            active_on_load=bool(r.active_on_load),
            hidden=bool(r.hidden),
            stock=Stock(
                bool(r.manage_stock),
                stored_sku(r.sku),
                stored_quantity(r.stock_quantity),
                StockStatus(r.stock_status),
                stored_low_amount(r.low_stock_amount),
                stored_option_backorders(r.backorders),
            ),
            version=r.version,
            wordpress=None if r.wordpress is None else node_from_text(r.wordpress),
        )
        sale_below_price(layer.sale_price, layer.price)
    except (ArithmeticError, ValueError, TypeError):
        raise corrupt_layer(r, owner_words(configurator_name)) from None
    return layer


def read_layers(session: Session, layer_ids: set[int]) -> dict[int, Layer]:
    """The stored fields of some layers, detached (no parent, no children): what a window
    needs to show a change made elsewhere to them. Ids no longer stored are left out."""
    if not layer_ids:
        return {}
    columns: list[ColumnClause[object]] = [literal_column(c) for c in LOAD_COLUMNS]
    query = select(*columns).select_from(LAYER).where(_c.id.in_(layer_ids))
    rows = [_row_view(tuple(row)) for row in session.connection().execute(query)]
    return {r.id: _layer(r, None) for r in rows}


def load_layers(
    session: Session, configurator_id: int, configurator_name: str | None = None
) -> list[Layer]:
    """The top-level layers of a configurator, their subtrees attached, in one query.

    A row none of our writes could have stored (edited by hand, damaged) raises
    CorruptDataError naming it; configurator_name names its owner in that message.
    """
    conn = session.connection()
    # Both drivers take the statement as it is but for their placeholder (? or %s).
    sql = LOAD_SQL if conn.dialect.paramstyle == "qmark" else LOAD_SQL.replace("?", "%s")
    cursor = driver_cursor(conn)
    try:
        cursor.execute(sql, (configurator_id,))
        rows: Sequence[tuple[Any, ...]] = cursor.fetchall()  # both drivers' rows are tuples
    finally:
        cursor.close()
    with collector_paused():
        return _build_tree(rows, configurator_name)


def _build_tree(rows: Sequence[tuple[Any, ...]], configurator_name: str | None) -> list[Layer]:
    nodes: dict[int, Layer] = {}
    pending: list[tuple[Layer, int | None]] = []
    types, statuses = _TYPES, _STATUSES
    prices: dict[object, Decimal] = {}  # a catalogue repeats a few prices: each read once
    # The text columns, gathered while each row is at hand, for the rules' bulk checks.
    names: list[str] = []
    images: list[str] = []
    skus: list[str] = []
    add_name, add_image, add_sku = names.append, images.append, skus.append
    for row in rows:
        (layer_id, parent_id, name, type_, required, multiple, price, sale_price, image,
         active_on_load, hidden, manage, sku, quantity, status, low_amount, backorders,
         version, wordpress) = row  # fmt: skip
        try:
            amount = prices.get(price)
            if amount is None:
                amount = prices[price] = stored_money(price)
            sale = None
            if sale_price is not None:
                sale = stored_money(sale_price)
                sale_below_price(sale, amount)
            layer = Layer(
                name if type(name) is str else stored_text(name),
                types[type_],
                layer_id,
                bool(required),
                bool(multiple),
                amount,
                sale,
                image if type(image) is str else stored_text(image),
                bool(active_on_load),
                bool(hidden),
                Stock(
                    bool(manage),
                    sku if type(sku) is str else stored_text(sku),
                    stored_quantity(quantity),
                    statuses[status],
                    None if low_amount is None else stored_low_amount(low_amount),
                    _BACKORDERS[backorders],
                ),
                version,
            )
            if wordpress is not None:
                layer.wordpress = node_from_text(wordpress)
        except (ArithmeticError, ValueError, TypeError, KeyError):
            raise corrupt_layer(_row_view(row), owner_words(configurator_name)) from None
        nodes[layer_id] = layer
        pending.append((layer, parent_id))
        add_name(name)
        add_image(image)
        add_sku(sku)
    # Every value is of its type now; the field rules check the text ones, in bulk.
    check_rows(rows, LOAD_COLUMNS, (names, images, skus), owner_words(configurator_name))
    top: list[Layer] = []
    # Rows are sorted by parent id, not by depth, so a child may come before its parent:
    # attach them once all are read. Checking each parent's type here also rules out cycles
    # (a group has no parent, so no chain of parents can come back to where it started).
    for layer, parent_id in pending:
        parent = None if parent_id is None else nodes.get(parent_id)
        if parent is None and parent_id is not None:
            raise orphan_layer(layer.id, parent_id, owner_words(configurator_name))
        parent_type = None if parent is None else parent.type
        if not can_hold(parent_type, layer.type):
            raise misplaced_layer(layer.id, layer.type, parent_type, owner_words(configurator_name))
        if parent is None:
            top.append(layer)
        else:
            layer.parent = parent
            parent.children.append(layer)
    return top
