"""Every read and write the editor, the CLI and the exchange need. Each function takes a
session; each write is one transaction (committed on success, rolled back on any error)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import func, select, update
from sqlmodel import Session

from ..domain.model import (
    Backorders,
    Configurator,
    Layer,
    LayerType,
    Stock,
    StockStatus,
    can_hold,
)
from .tables import ConfiguratorRow, LayerRow, SiteSettings

P = ParamSpec("P")
R = TypeVar("R")


class StoreError(ValueError):
    """A write refused because of the data (empty name, duplicate SKU, wrong tree shape)."""


def write(fn: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Run a repository write as one transaction."""

    @functools.wraps(fn)
    def wrapper(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            result = fn(session, *args, **kwargs)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return result

    return wrapper


# Layer fields the editor may set, mapped to (column, domain attribute path).
LAYER_FIELDS: dict[str, str] = {
    "name": "name",
    "required": "required",
    "multiple": "multiple",
    "price": "price",
    "sale_price": "sale_price",
    "image": "image",
    "active_on_load": "active_on_load",
    "hidden": "hidden",
    "manage_stock": "stock.manage",
    "sku": "stock.sku",
    "stock_quantity": "stock.quantity",
    "stock_status": "stock.status",
}
CONFIGURATOR_FIELDS = (
    "name",
    "product_name",
    "woocommerce_id",
    "base_price",
    "currency",
    "backorders",
)


@dataclass(frozen=True, slots=True)
class ConfiguratorSummary:
    id: int
    name: str


# --- site settings -----------------------------------------------------------------------------
def get_site(session: Session) -> SiteSettings:
    site = session.get(SiteSettings, 1)
    if site is None:  # a database whose settings row was removed by hand
        site = SiteSettings(id=1)
        session.add(site)
        session.flush()
    return site


def addon_active(session: Session) -> bool:
    return bool(session.execute(select(SiteSettings.stock_management_addon)).scalar_one_or_none())


@write
def set_addon(session: Session, active: bool) -> None:
    get_site(session).stock_management_addon = active


@write
def set_last_configurator(session: Session, configurator_id: int | None) -> None:
    get_site(session).last_configurator_id = configurator_id


def last_configurator(session: Session) -> int | None:
    return session.execute(select(SiteSettings.last_configurator_id)).scalar_one_or_none()


# --- configurators -----------------------------------------------------------------------------
def list_configurators(session: Session) -> list[ConfiguratorSummary]:
    rows = session.execute(
        select(ConfiguratorRow.id, ConfiguratorRow.name).order_by(func.lower(ConfiguratorRow.name))
    )
    return [ConfiguratorSummary(r.id, r.name) for r in rows]


def find_configurator(session: Session, id_or_name: str | int) -> int | None:
    """By exact name first, then by numeric id."""
    text = str(id_or_name)
    found = session.execute(
        select(ConfiguratorRow.id).where(ConfiguratorRow.name == text)
    ).scalar_one_or_none()
    if found is None and text.isdigit():
        found = session.execute(
            select(ConfiguratorRow.id).where(ConfiguratorRow.id == int(text))
        ).scalar_one_or_none()
    return found


def name_taken(session: Session, name: str, exclude_id: int | None = None) -> bool:
    query = select(ConfiguratorRow.id).where(ConfiguratorRow.name == name)
    if exclude_id is not None:
        query = query.where(ConfiguratorRow.id != exclude_id)
    return session.execute(query).first() is not None


def unique_name(session: Session, wanted: str) -> str:
    """wanted, or 'wanted (2)', 'wanted (3)'… whichever is free."""
    name, n = wanted, 1
    while name_taken(session, name):
        n += 1
        name = f"{wanted} ({n})"
    return name


def _check_configurator_name(session: Session, name: str, exclude_id: int | None) -> str:
    name = name.strip()
    if not name:
        raise StoreError("a configurator needs a name")
    if name_taken(session, name, exclude_id):
        raise StoreError(f'a configurator named "{name}" already exists')
    return name


def load_configurator(session: Session, configurator_id: int) -> Configurator:
    """The configurator with its whole layer tree, in one query for the layers."""
    row = session.get(ConfiguratorRow, configurator_id)
    if row is None:
        raise StoreError(f"no configurator with id {configurator_id}")
    cfg = Configurator(
        id=row.id,
        name=row.name,
        product_name=row.product_name,
        woocommerce_id=row.woocommerce_id,
        base_price=row.base_price,
        currency=row.currency,
        backorders=Backorders(row.backorders),
    )
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    rows = session.connection().execute(
        select(
            t.id,
            t.parent_id,
            t.type,
            t.name,
            t.required,
            t.multiple,
            t.price,
            t.sale_price,
            t.image,
            t.active_on_load,
            t.hidden,
            t.manage_stock,
            t.sku,
            t.stock_quantity,
            t.stock_status,
        )
        .where(t.configurator_id == configurator_id)
        .order_by(t.parent_id, t.position)
    )
    nodes: dict[int, Layer] = {}
    pending: list[tuple[Layer, int | None]] = []
    for r in rows:
        layer = Layer(
            id=r.id,
            name=r.name,
            type=LayerType(r.type),
            required=r.required,
            multiple=r.multiple,
            price=r.price,
            sale_price=r.sale_price,
            image=r.image,
            active_on_load=r.active_on_load,
            hidden=r.hidden,
            stock=Stock(r.manage_stock, r.sku, r.stock_quantity, StockStatus(r.stock_status)),
        )
        nodes[r.id] = layer
        pending.append((layer, r.parent_id))
    for layer, parent_id in pending:
        if parent_id is None:
            cfg.layers.append(layer)
        else:
            parent = nodes[parent_id]
            layer.parent = parent
            parent.children.append(layer)
    return cfg


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
    row = ConfiguratorRow(
        name=_check_configurator_name(session, name, None),
        product_name=product_name,
        woocommerce_id=woocommerce_id,
        base_price=base_price,
        currency=currency,
        backorders=Backorders(backorders).value,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


@write
def update_configurator(session: Session, configurator_id: int, **fields: Any) -> None:
    """Set any of CONFIGURATOR_FIELDS."""
    unknown = set(fields) - set(CONFIGURATOR_FIELDS)
    if unknown:
        raise StoreError(f"unknown configurator field(s): {', '.join(sorted(unknown))}")
    row = session.get(ConfiguratorRow, configurator_id)
    if row is None:
        raise StoreError(f"no configurator with id {configurator_id}")
    if "name" in fields:
        fields["name"] = _check_configurator_name(session, fields["name"], configurator_id)
    if "backorders" in fields:
        fields["backorders"] = Backorders(fields["backorders"]).value
    if "base_price" in fields and Decimal(fields["base_price"]) < 0:
        raise StoreError("the base price cannot be below zero")
    for key, value in fields.items():
        setattr(row, key, value)


def rename_configurator(session: Session, configurator_id: int, name: str) -> None:
    update_configurator(session, configurator_id, name=name)


@write
def delete_configurator(session: Session, configurator_id: int) -> None:
    row = session.get(ConfiguratorRow, configurator_id)
    if row is None:
        raise StoreError(f"no configurator with id {configurator_id}")
    session.delete(row)
    session.flush()
    site = get_site(session)
    if site.last_configurator_id == configurator_id:
        site.last_configurator_id = None


@write
def insert_configurator(session: Session, cfg: Configurator, *, keep_ids: bool = False) -> int:
    """Insert a whole configurator (import, duplicate, undo of a delete). Fills in the ids of
    cfg and its layers; keep_ids restores the ids they already carry."""
    _check_new_layers(None, cfg.layers)
    _check_skus(session, -1, cfg.layers, set())  # a new configurator: only clashes among these
    row = ConfiguratorRow(
        id=cfg.id if keep_ids else None,
        name=_check_configurator_name(session, cfg.name, None),
        product_name=cfg.product_name,
        woocommerce_id=cfg.woocommerce_id,
        base_price=cfg.base_price,
        currency=cfg.currency,
        backorders=Backorders(cfg.backorders).value,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    cfg.id = row.id
    _insert_layers(session, row.id, None, cfg.layers, 0, keep_ids)
    return row.id


@write
def duplicate_configurator(session: Session, configurator_id: int, new_name: str) -> int:
    copy = load_configurator(session, configurator_id)
    copy.name = new_name
    for layer in copy.walk():
        layer.id = None
    copy.id = None
    return insert_configurator.__wrapped__(session, copy)  # type: ignore[attr-defined]


# --- layers ------------------------------------------------------------------------------------
def _layer_values(layer: Layer) -> dict[str, Any]:
    return {
        "type": layer.type.value,
        "name": layer.name,
        "required": layer.required,
        "multiple": layer.multiple,
        "price": layer.price,
        "sale_price": layer.sale_price,
        "image": layer.image,
        "active_on_load": layer.active_on_load,
        "hidden": layer.hidden,
        "manage_stock": layer.stock.manage,
        "sku": layer.stock.sku,
        "stock_quantity": layer.stock.quantity,
        "stock_status": layer.stock.status.value,
    }


def _insert_layers(
    session: Session,
    configurator_id: int,
    parent_id: int | None,
    layers: list[Layer],
    first_position: int,
    keep_ids: bool,
) -> None:
    """Insert layers and their subtrees in one executemany, parents first. New ids are
    assigned here (so one statement serves the whole tree); keep_ids reuses the ones they carry."""
    table = LayerRow.__table__  # type: ignore[attr-defined]
    conn = session.connection()
    if not keep_ids:
        next_id = (conn.execute(select(func.max(table.c.id))).scalar_one() or 0) + 1
        for top in layers:
            for node in top.walk():
                node.id = next_id
                next_id += 1
    rows: list[dict[str, Any]] = []
    for i, top in enumerate(layers):
        rows.append(_row(configurator_id, parent_id, first_position + i, top))
        for node in top.walk():
            rows.extend(
                _row(configurator_id, node.id, pos, child)
                for pos, child in enumerate(node.children)
            )
    if rows:
        conn.execute(table.insert(), rows)


def _row(
    configurator_id: int, parent_id: int | None, position: int, layer: Layer
) -> dict[str, Any]:
    return {
        "id": layer.id,
        "configurator_id": configurator_id,
        "parent_id": parent_id,
        "position": position,
        **_layer_values(layer),
    }


def _siblings_filter(configurator_id: int, parent_id: int | None) -> Any:
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    parent = t.parent_id.is_(None) if parent_id is None else t.parent_id == parent_id
    return (t.configurator_id == configurator_id) & parent


def _sibling_count(session: Session, configurator_id: int, parent_id: int | None) -> int:
    return (
        session.connection()
        .execute(
            select(func.count())
            .select_from(LayerRow.__table__)
            .where(_siblings_filter(configurator_id, parent_id))
        )
        .scalar_one()
    )


def _shift(
    session: Session, configurator_id: int, parent_id: int | None, from_row: int, by: int
) -> None:
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    session.connection().execute(
        update(LayerRow.__table__)
        .where(_siblings_filter(configurator_id, parent_id) & (t.position >= from_row))
        .values(position=t.position + by)
    )


def _layer_type(session: Session, layer_id: int | None) -> LayerType | None:
    if layer_id is None:
        return None
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    value = (
        session.connection().execute(select(t.type).where(t.id == layer_id)).scalar_one_or_none()
    )
    if value is None:
        raise StoreError(f"no layer with id {layer_id}")
    return LayerType(value)


def _check_new_layers(parent_type: LayerType | None, layers: list[Layer]) -> None:
    """Shape and names of layers about to be inserted, whole subtrees included."""
    names: set[str] = set()
    for layer in layers:
        if not can_hold(parent_type, layer.type):
            raise StoreError(f"a {layer.type.value.replace('_', '-')} cannot go there")
        if not layer.name.strip():
            raise StoreError("a layer needs a name")
        if layer.name in names:
            raise StoreError(f'two layers at the same level are named "{layer.name}"')
        names.add(layer.name)
        _check_new_layers(layer.type, layer.children)


def _check_sibling_name(
    session: Session,
    configurator_id: int,
    parent_id: int | None,
    name: str,
    exclude_id: int | None = None,
) -> None:
    """Options are addressed by path ("Group/Option"), so siblings need distinct names."""
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    query = select(t.id).where(_siblings_filter(configurator_id, parent_id) & (t.name == name))
    if exclude_id is not None:
        query = query.where(t.id != exclude_id)
    if session.connection().execute(query.limit(1)).first() is None:
        return
    where = "at the top level"
    if parent_id is not None:
        parent_name = session.connection().execute(select(t.name).where(t.id == parent_id))
        where = f'in "{parent_name.scalar_one()}"'
    raise StoreError(f'another layer {where} is already named "{name}"')


def _check_parent(session: Session, configurator_id: int, parent_id: int | None) -> None:
    """A parent must belong to the same configurator, or the tree would span two."""
    if parent_id is not None and _position_of(session, parent_id)[0] != configurator_id:
        raise StoreError("the parent layer belongs to another configurator")


def _check_skus(
    session: Session, configurator_id: int, layers: list[Layer], exclude: set[int]
) -> None:
    skus = [n.stock.sku for layer in layers for n in layer.walk() if n.stock.sku]
    if len(skus) != len(set(skus)):
        raise StoreError("two layers share the same SKU")
    for sku in skus:
        if sku_owner(session, configurator_id, sku, exclude) is not None:
            raise StoreError(f'SKU "{sku}" is already used by another layer of this configurator')


def sku_owner(
    session: Session, configurator_id: int, sku: str, exclude: set[int] | None = None
) -> str | None:
    """The name of the layer of this configurator that already uses sku, if any."""
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    query = select(t.name).where((t.configurator_id == configurator_id) & (t.sku == sku))
    if exclude:
        query = query.where(t.id.not_in(exclude))
    return session.connection().execute(query.limit(1)).scalar_one_or_none()


@write
def insert_layer(
    session: Session,
    configurator_id: int,
    parent_id: int | None,
    row: int | None,
    layer: Layer,
    *,
    keep_ids: bool = False,
) -> int:
    """Insert layer (with its children) at row under parent; returns its id and sets the ids
    of the inserted nodes. keep_ids re-inserts a deleted subtree with its former ids (undo)."""
    _check_parent(session, configurator_id, parent_id)
    _check_new_layers(_layer_type(session, parent_id), [layer])
    _check_sibling_name(session, configurator_id, parent_id, layer.name)
    _check_skus(session, configurator_id, [layer], set())
    count = _sibling_count(session, configurator_id, parent_id)
    position = count if row is None or row > count else max(row, 0)
    _shift(session, configurator_id, parent_id, position, 1)
    _insert_layers(session, configurator_id, parent_id, [layer], position, keep_ids)
    assert layer.id is not None
    return layer.id


def _position_of(session: Session, layer_id: int) -> tuple[int, int | None, int]:
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    found = (
        session.connection()
        .execute(select(t.configurator_id, t.parent_id, t.position).where(t.id == layer_id))
        .first()
    )
    if found is None:
        raise StoreError(f"no layer with id {layer_id}")
    return found.configurator_id, found.parent_id, found.position


@write
def delete_layer(session: Session, layer_id: int) -> None:
    """Delete a layer and everything under it; siblings close the gap."""
    configurator_id, parent_id, position = _position_of(session, layer_id)
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    session.connection().execute(LayerRow.__table__.delete().where(t.id == layer_id))
    _shift(session, configurator_id, parent_id, position + 1, -1)


@write
def move_layer(session: Session, layer_id: int, new_parent_id: int | None, new_row: int) -> None:
    """Move a layer (with its subtree) to new_row among new_parent's children, where new_row
    counts the siblings as they are after the layer has left its old place."""
    configurator_id, parent_id, position = _position_of(session, layer_id)
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    moving_type = LayerType(
        session.connection().execute(select(t.type).where(t.id == layer_id)).scalar_one()
    )
    if not can_hold(_layer_type(session, new_parent_id), moving_type):
        raise StoreError(f"a {moving_type.value.replace('_', '-')} cannot go there")
    _check_parent(session, configurator_id, new_parent_id)
    if new_parent_id is not None and new_parent_id in _subtree_ids(session, layer_id):
        raise StoreError("a layer cannot be moved inside itself")
    if new_parent_id != parent_id:
        name = session.connection().execute(select(t.name).where(t.id == layer_id)).scalar_one()
        _check_sibling_name(session, configurator_id, new_parent_id, name, layer_id)
    _shift(session, configurator_id, parent_id, position + 1, -1)
    count = _sibling_count(session, configurator_id, new_parent_id) - (
        1 if new_parent_id == parent_id else 0
    )
    target = min(max(new_row, 0), count)
    _shift(session, configurator_id, new_parent_id, target, 1)
    session.connection().execute(
        update(LayerRow.__table__)
        .where(t.id == layer_id)
        .values(parent_id=new_parent_id, position=target)
    )


def _subtree_ids(session: Session, layer_id: int) -> set[int]:
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    found = {layer_id}
    frontier = [layer_id]
    while frontier:
        children = session.connection().execute(select(t.id).where(t.parent_id.in_(frontier)))
        frontier = [c for (c,) in children]
        found.update(frontier)
    return found


@write
def update_layer(session: Session, layer_id: int, **fields: Any) -> None:
    """Set any of LAYER_FIELDS (column names) on one layer."""
    unknown = set(fields) - set(LAYER_FIELDS)
    if unknown:
        raise StoreError(f"unknown layer field(s): {', '.join(sorted(unknown))}")
    configurator_id, parent_id, _ = _position_of(session, layer_id)
    if "name" in fields:
        fields["name"] = str(fields["name"]).strip()
        if not fields["name"]:
            raise StoreError("a layer needs a name")
        _check_sibling_name(session, configurator_id, parent_id, fields["name"], layer_id)
    if "sku" in fields:
        fields["sku"] = str(fields["sku"]).strip()
    if fields.get("sku"):  # many layers may leave the SKU empty; only a set one must be unique
        owner = sku_owner(session, configurator_id, fields["sku"], {layer_id})
        if owner is not None:
            raise StoreError(f'SKU "{fields["sku"]}" is already used by "{owner}"')
    for key in ("price", "sale_price"):
        if fields.get(key) is not None and Decimal(fields[key]) < 0:
            raise StoreError("a price cannot be below zero")
    if "stock_status" in fields:
        fields["stock_status"] = StockStatus(fields["stock_status"]).value
    t = LayerRow.__table__.c  # type: ignore[attr-defined]
    session.connection().execute(
        update(LayerRow.__table__).where(t.id == layer_id).values(**fields)
    )


def layer_field(layer: Layer, column: str) -> Any:
    """Read a LAYER_FIELDS column off a domain layer (the undo commands' old value)."""
    target: Any = layer
    for part in LAYER_FIELDS[column].split("."):
        target = getattr(target, part)
    return target


def set_layer_field(layer: Layer, column: str, value: Any) -> None:
    """Mirror a LAYER_FIELDS write onto a domain layer."""
    *path, last = LAYER_FIELDS[column].split(".")
    target: Any = layer
    for part in path:
        target = getattr(target, part)
    if column == "stock_status":
        value = StockStatus(value)
    setattr(target, last, value)
