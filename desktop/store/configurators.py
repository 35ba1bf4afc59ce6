"""Configurator rows: list, find, load whole, create, update, duplicate, delete."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..domain import rules
from ..domain.collector import collector_paused
from ..domain.fields import ConfiguratorField, check_configurator, check_configurator_changes
from ..domain.model import Backorders, Configurator, Payment, StockDisplay
from ..domain.price_format import CurrencyPosition
from ..domain.wordpress import for_copy, renamed
from .changes import ChangeKind, log_change
from .corrupt import (
    corrupt_configurator,
    separators_apart,
    stored_columns,
    stored_currency,
    stored_decimal_separator,
    stored_hold_minutes,
    stored_money,
    stored_name,
    stored_notify_no_stock_at,
    stored_price_decimals,
    stored_product_id,
    stored_product_name,
    stored_thousand_separator,
    stored_threshold,
)
from .layers import copy_layers, insert_layers, load_layers, renew_uids
from .site import get_site
from .tables import ConfiguratorRow, LayerRow, core_table
from .transaction import ConflictError, StoreError, write
from .wordpress_json import post_from_text, record_text


@dataclass(frozen=True, slots=True)
class ConfiguratorSummary:
    """One entry of the configurator list: enough to show and open it, and the version it was
    read at (what a delete from the list expects; not part of what the list shows)."""

    id: int
    name: str
    version: int = dataclasses.field(default=0, compare=False)


def list_configurators(session: Session) -> list[ConfiguratorSummary]:
    query = select(
        col(ConfiguratorRow.id), ConfiguratorRow.name, col(ConfiguratorRow.version)
    ).order_by(func.lower(ConfiguratorRow.name))
    rows = session.exec(query)
    # A stored row always has its id; the column is Optional only for rows not yet flushed.
    return [
        ConfiguratorSummary(row_id, name, version)  # type: ignore[arg-type]  # stored: has an id
        for row_id, name, version in rows
    ]


def find_configurator(session: Session, id_or_name: str | int) -> int | None:
    """By exact name first, then by id, when it is one as `rules.record_id` reads ids."""
    text = str(id_or_name)
    ids = select(col(ConfiguratorRow.id))
    found = session.exec(ids.where(ConfiguratorRow.name == text)).one_or_none()
    number = rules.record_id(text) if found is None else None
    if number is not None:
        found = session.exec(ids.where(ConfiguratorRow.id == number)).one_or_none()
    return found


def name_taken(session: Session, name: str, exclude_id: int | None = None) -> bool:
    query = select(col(ConfiguratorRow.id)).where(ConfiguratorRow.name == name)
    if exclude_id is not None:
        query = query.where(ConfiguratorRow.id != exclude_id)
    return session.exec(query).first() is not None


def unique_name(session: Session, wanted: str) -> str:
    """wanted, or 'wanted (2)', 'wanted (3)'… whichever is free."""
    name, n = wanted, 1
    while name_taken(session, name):
        n += 1
        name = f"{wanted} ({n})"
    return name


def _check_name_free(session: Session, name: str, exclude_id: int | None) -> None:
    if name_taken(session, name, exclude_id):
        raise StoreError(f'a configurator named "{name}" already exists', ConfiguratorField.NAME)


_TABLE = core_table(ConfiguratorRow)


def _require(session: Session, configurator_id: int, expected_version: int | None = None) -> None:
    """StoreError unless the configurator exists; ConflictError when it was changed or
    deleted since the caller read it at expected_version (None: no earlier read to go by).
    Reads only its id and version, so a row whose other values were broken by hand can
    still be renamed, fixed or deleted."""
    query = select(_TABLE.c.id, _TABLE.c.version).where(_TABLE.c.id == configurator_id)
    found = session.connection().execute(query).first()
    if found is None and expected_version is not None:
        raise ConflictError(
            "the configurator was deleted elsewhere", configurator_id=configurator_id, gone=True
        )
    if found is None:
        raise StoreError(f"no configurator with id {configurator_id}")
    if expected_version is not None and found.version != expected_version:
        raise ConflictError(
            "the configurator was changed elsewhere", configurator_id=configurator_id
        )


def layer_count(session: Session, configurator_id: int) -> int:
    """How many layers a configurator has (one count on the layer tree's index)."""
    layer = core_table(LayerRow)
    query = (
        select(func.count()).select_from(layer).where(layer.c.configurator_id == configurator_id)
    )
    return session.connection().execute(query).scalar_one()


def load_configurator(session: Session, configurator_id: int) -> Configurator:
    """The configurator with its whole layer tree, in one query for the layers.

    A row none of our writes could have stored (edited by hand, damaged) raises
    CorruptDataError naming it; a missing one, StoreError.
    """
    cfg = _load_row(session, configurator_id)
    cfg.layers = load_layers(session, configurator_id, cfg.name)
    return cfg


def _load_row(session: Session, configurator_id: int) -> Configurator:
    """The configurator's own fields, without its layers."""
    table = core_table(ConfiguratorRow)
    query = select(*stored_columns(table, "base_price")).where(table.c.id == configurator_id)
    row = session.connection().execute(query).one_or_none()
    if row is None:
        raise StoreError(f"no configurator with id {configurator_id}")
    try:
        cfg = Configurator(
            id=row.id,
            name=stored_name(row.name),
            product_name=stored_product_name(row.product_name),
            woocommerce_id=stored_product_id(row.woocommerce_id),
            base_price=stored_money(row.base_price),
            currency=stored_currency(row.currency),
            backorders=Backorders(row.backorders),
            low_stock_threshold=stored_threshold(row.low_stock_threshold),
            stock_display=StockDisplay(row.stock_display),
            currency_position=CurrencyPosition(row.currency_position),
            thousand_separator=stored_thousand_separator(row.thousand_separator),
            decimal_separator=stored_decimal_separator(row.decimal_separator),
            price_decimals=stored_price_decimals(row.price_decimals),
            payment=Payment(row.payment),
            hold_minutes=stored_hold_minutes(row.hold_minutes),
            notify_no_stock_at=stored_notify_no_stock_at(row.notify_no_stock_at),
            version=row.version,
            wordpress=None if row.wordpress is None else post_from_text(row.wordpress),
        )
        separators_apart(cfg.thousand_separator, cfg.decimal_separator)
    except (ArithmeticError, ValueError, TypeError):
        raise corrupt_configurator(row) from None
    return cfg


def _insert(
    session: Session,
    cfg: Configurator,
    keep_ids: bool = False,
    free_name: bool = False,
    layer_values: bool = True,
    tree: bool = True,
) -> int:
    """insert_configurator without its transaction, for the writes built on it."""
    with collector_paused():  # the checks of a large tree make many short-lived objects
        # every field and tree rule; values normalised in place
        check_configurator(cfg, layer_values=layer_values, layers=tree)
    if free_name:
        wanted, cfg.name = cfg.name, unique_name(session, cfg.name)
        if cfg.wordpress is not None and cfg.name != wanted:
            # The post keeps its title on the site: the name it got here reads as unedited.
            cfg.wordpress = renamed(cfg.wordpress, cfg.name)
    _check_name_free(session, cfg.name, None)
    row = ConfiguratorRow(
        id=cfg.id if keep_ids else None,
        name=cfg.name,
        product_name=cfg.product_name,
        woocommerce_id=cfg.woocommerce_id,
        base_price=cfg.base_price,
        currency=cfg.currency,
        backorders=cfg.backorders.value,
        low_stock_threshold=cfg.low_stock_threshold,
        stock_display=cfg.stock_display.value,
        currency_position=cfg.currency_position.value,
        thousand_separator=cfg.thousand_separator,
        decimal_separator=cfg.decimal_separator,
        price_decimals=cfg.price_decimals,
        payment=cfg.payment.value,
        hold_minutes=cfg.hold_minutes,
        notify_no_stock_at=cfg.notify_no_stock_at,
        version=cfg.version,
        wordpress=record_text(cfg.wordpress),
    )
    session.add(row)
    session.flush()
    assert row.id is not None  # the flush assigned it
    cfg.id = row.id
    insert_layers(session, row.id, None, cfg.layers, 0, keep_ids)
    log_change(session, ChangeKind.CONFIGURATORS, row.id)
    return row.id


@write
def insert_configurator(
    session: Session,
    cfg: Configurator,
    *,
    keep_ids: bool = False,
    free_name: bool = False,
    layer_values_checked: bool = False,
    tree_checked: bool = False,
) -> int:
    """Insert a whole configurator (import, duplicate, undo of a delete). Fills in the ids of
    cfg and its layers; keep_ids restores the ids they already carry. free_name takes
    "Name (2)", "Name (3)"… when the name is taken, chosen inside the same transaction so that
    two imports at once never pick the same one. layer_values_checked: the caller's layers
    were just built by the field rules (the exchange importer) or read back from this store
    (the undo of a delete puts back exactly what was there), so their values need no second
    check; the tree's shape, names and SKUs are checked all the same, unless tree_checked:
    the caller has just run check_layers on this very tree (the exchange importer's
    from_dict does), and a second walk over 100,000 layers would find what the first did."""
    return _insert(session, cfg, keep_ids, free_name, not layer_values_checked, not tree_checked)


@write
def insert_configurators(
    session: Session,
    configurators: list[Configurator],
    *,
    free_name: bool = False,
    layer_values_checked: bool = False,
) -> list[int]:
    """Insert several whole configurators in one transaction (a WordPress export's): all of
    them, or none. free_name and layer_values_checked as insert_configurator's (the WordPress
    reader builds every layer value with the field rules)."""
    return [
        _insert(session, cfg, free_name=free_name, layer_values=not layer_values_checked)
        for cfg in configurators
    ]


@write
def create_configurator(
    session: Session,
    name: str,
    *,
    product_name: str = "",
    woocommerce_id: int | None = None,
    base_price: Decimal = Decimal("0.00"),
    currency: str = "$",
    backorders: Backorders = Backorders.NO,
) -> int:
    """A new configurator without layers; returns its id."""
    cfg = Configurator(
        name=name,
        product_name=product_name,
        woocommerce_id=woocommerce_id,
        base_price=base_price,
        currency=currency,
        backorders=backorders,
    )
    return _insert(session, cfg)


@write
def duplicate_configurator(session: Session, configurator_id: int, new_name: str) -> int:
    with collector_paused():
        return _duplicate(session, configurator_id, new_name)


def _duplicate(session: Session, configurator_id: int, new_name: str) -> int:
    """The configurator's own row through the same checks as any new one; its layers copied
    as stored, inside the database (they already obey every rule: names, SKUs, shape)."""
    copy = _load_row(session, configurator_id)
    copy.name = new_name
    copy.id = None
    if copy.wordpress is not None:
        copy.wordpress = for_copy(copy.wordpress)
    new_id = _insert(session, copy)
    copy_layers(session, configurator_id, new_id)
    renew_uids(session, new_id)
    return new_id


@write
def update_configurator(
    session: Session,
    configurator_id: int,
    changes: Mapping[ConfiguratorField, object],
    *,
    expected_version: int | None = None,
) -> dict[ConfiguratorField, Any]:
    """Set fields of one configurator; returns them as stored (trimmed, rounded). Its version
    goes up by one; expected_version is the one the caller read (see update_layer)."""
    _require(session, configurator_id, expected_version)
    stored = check_configurator_changes(changes, _separators(session, configurator_id))
    if ConfiguratorField.NAME in stored:
        _check_name_free(session, stored[ConfiguratorField.NAME], configurator_id)
    values = {
        field.value: value.value if isinstance(value, StrEnum) else value
        for field, value in stored.items()
    }
    session.connection().execute(
        _TABLE.update()
        .where(_TABLE.c.id == configurator_id)
        .values(**values, version=_TABLE.c.version + 1)
    )
    log_change(session, ChangeKind.CONFIGURATOR, configurator_id)
    return stored


def _separators(session: Session, configurator_id: int) -> tuple[str, str]:
    """The configurator's stored thousand and decimal separators (for the rule that a
    change of one keeps them apart)."""
    query = select(_TABLE.c.thousand_separator, _TABLE.c.decimal_separator).where(
        _TABLE.c.id == configurator_id
    )
    thousand, decimal = session.connection().execute(query).one()
    return thousand, decimal


@write
def delete_configurator(
    session: Session,
    configurator_id: int,
    *,
    expected_version: int | None = None,
    expected_layers: Mapping[int, int] | None = None,
) -> None:
    """Delete a configurator with its layers. expected_version: the configurator's version
    the caller read; expected_layers (layer id → version): its layers as the caller holds
    them. When either differs from what is stored (changed, added or removed elsewhere),
    nothing is deleted (ConflictError)."""
    _require(session, configurator_id, expected_version)
    if expected_layers is not None:
        layer = core_table(LayerRow)
        rows = session.connection().execute(
            select(layer.c.id, layer.c.version).where(layer.c.configurator_id == configurator_id)
        )
        stored = {row.id: row.version for row in rows}
        if stored != dict(expected_layers):
            raise ConflictError(
                "the configurator's layers were changed elsewhere",
                configurator_id=configurator_id,
            )
    session.connection().execute(_TABLE.delete().where(_TABLE.c.id == configurator_id))
    log_change(session, ChangeKind.CONFIGURATORS, configurator_id)
    site = get_site(session)
    if site.last_configurator_id == configurator_id:
        site.last_configurator_id = None
