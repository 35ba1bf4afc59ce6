"""Layer rows: the tree of one configurator, its siblings ordered by position.

Writes go through SQLAlchemy Core on the layer table (`LAYER`); reading rows into a tree is
`layer_rows`, inserting and copying whole subtrees `layer_inserts`. Positions order siblings
but need not be consecutive: a delete or a move leaves a gap, and a layer put back there (an
undo) takes it without moving any sibling. Only an insert where no gap is left shifts the
siblings after it, with one UPDATE; each shifted row is a page written, and the top level of a
large configurator spans hundreds of pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, literal_column, select, update
from sqlmodel import Session

from ..domain.fields import (
    AVAILABILITY_FIELDS,
    LayerField,
    check_layer_changes,
    check_layers,
    misplaced,
)
from ..domain.model import Layer, LayerType, can_hold
from .changes import ChangeKind, log_change
from .layer_inserts import copy_layers, insert_layers, renew_uids
from .layer_rows import load_layers, read_layers
from .transaction import LAYER, ConflictError, StoreError, write

__all__ = [
    "check_new_layers",
    "check_version",
    "copy_layers",
    "delete_layer",
    "insert_layer",
    "insert_layers",
    "load_layers",
    "move_layer",
    "read_layers",
    "renew_uids",
    "sku_owner",
    "update_layer",
    "update_layers",
]

_c = LAYER.c


# --- checks -------------------------------------------------------------------------------------
def _siblings(configurator_id: int, parent_id: int | None) -> ColumnElement[bool]:
    parent = _c.parent_id.is_(None) if parent_id is None else _c.parent_id == parent_id
    return (_c.configurator_id == configurator_id) & parent


def _misplaced(layer_type: LayerType, parent: LayerType | None) -> StoreError:
    return StoreError(misplaced(layer_type, parent))


def check_new_layers(
    session: Session, configurator_id: int | None, parent: LayerType | None, layers: list[Layer]
) -> None:
    """Every rule on layers about to be inserted (their values normalised in place), and
    their SKUs against the configurator's other layers (configurator_id None: a new one)."""
    check_layers(layers, parent)
    if configurator_id is None:
        return
    skus = [node.stock.sku for layer in layers for node in layer.walk() if node.stock.sku]
    taken = _skus_taken(session, configurator_id, skus)
    for sku in skus:  # the first in tree order, as the user reads them
        if sku in taken:
            raise StoreError(
                f'SKU "{sku}" is already used by another layer of this configurator',
                LayerField.SKU,
            )


# Parameters per statement: well under SQLite's limit, and short statements for a server.
_SKU_BATCH = 500


def _skus_taken(session: Session, configurator_id: int, skus: list[str]) -> set[str]:
    """Which of skus a layer of this configurator already uses: a query per few hundred, not
    one per SKU (undoing the delete of a 100-option group asked a hundred times)."""
    conn = session.connection()
    taken: set[str] = set()
    unique = list(dict.fromkeys(skus))
    for start in range(0, len(unique), _SKU_BATCH):
        query = select(_c.sku).where(
            (_c.configurator_id == configurator_id)
            & _c.sku.in_(unique[start : start + _SKU_BATCH])
            & (_c.sku != literal_column("''"))
        )
        taken.update(conn.execute(query).scalars())
    return taken


def sku_owner(
    session: Session, configurator_id: int, sku: str, exclude: set[int] | None = None
) -> str | None:
    """The name of the layer of this configurator that already uses sku, if any."""
    # A literal `sku != ''` (not a parameter) lets SQLite use the partial index ix_layer_sku.
    query = select(_c.name).where(
        (_c.configurator_id == configurator_id) & (_c.sku == sku) & (_c.sku != literal_column("''"))
    )
    if exclude:
        query = query.where(_c.id.not_in(exclude))
    return session.connection().execute(query.limit(1)).scalar_one_or_none()


def _check_sibling_name(
    session: Session,
    configurator_id: int,
    parent_id: int | None,
    name: str,
    exclude_id: int | None = None,
) -> None:
    """Options are addressed by path ("Group/Option"), so siblings need distinct names."""
    query = select(_c.id).where(_siblings(configurator_id, parent_id) & (_c.name == name))
    if exclude_id is not None:
        query = query.where(_c.id != exclude_id)
    conn = session.connection()
    if conn.execute(query.limit(1)).first() is None:
        return
    where = "at the top level"
    if parent_id is not None:
        parent_name = conn.execute(select(_c.name).where(_c.id == parent_id)).scalar_one()
        where = f'in "{parent_name}"'
    raise StoreError(f'another layer {where} is already named "{name}"', LayerField.NAME)


def _check_parent(session: Session, configurator_id: int, parent_id: int | None) -> None:
    """A parent must belong to the same configurator, or the tree would span two."""
    if parent_id is not None and _place(session, parent_id)[0] != configurator_id:
        raise StoreError("the parent layer belongs to another configurator")


# --- reads of one layer -------------------------------------------------------------------------
def _place(session: Session, layer_id: int) -> tuple[int, int | None, int]:
    """(configurator id, parent id, position) of a layer."""
    found = (
        session.connection()
        .execute(select(_c.configurator_id, _c.parent_id, _c.position).where(_c.id == layer_id))
        .first()
    )
    if found is None:
        raise StoreError(f"no layer with id {layer_id}")
    return found.configurator_id, found.parent_id, found.position


def _layer_type(session: Session, layer_id: int | None) -> LayerType | None:
    """The type of a layer; None stands for the top level."""
    if layer_id is None:
        return None
    query = select(_c.type).where(_c.id == layer_id)
    value = session.connection().execute(query).scalar_one_or_none()
    if value is None:
        raise StoreError(f"no layer with id {layer_id}")
    return LayerType(value)


def _subtree_ids(session: Session, layer_id: int) -> set[int]:
    found = {layer_id}
    frontier = [layer_id]
    while frontier:
        children = session.connection().execute(select(_c.id).where(_c.parent_id.in_(frontier)))
        frontier = [c for (c,) in children]
        found.update(frontier)
    return found


def _free_position(
    session: Session,
    configurator_id: int,
    parent_id: int | None,
    row: int | None,
    leaving: int | None = None,
) -> int:
    """The position for a layer put at `row` among parent's children (counted without the
    layer `leaving`, which is moving; None or past the end: after the last). It is the one
    after the sibling before it; when the sibling after it already has that one, the siblings
    from there on move up by one to make room."""
    siblings = _siblings(configurator_id, parent_id)
    if leaving is not None:
        siblings = siblings & (_c.id != leaving)
    conn = session.connection()
    ordered = select(_c.position).where(siblings).order_by(_c.position)
    before: int | None
    after: int | None
    if row is not None and row <= 0:
        before, after = None, conn.execute(ordered.limit(1)).scalar()
    else:
        pair = [] if row is None else conn.execute(ordered.limit(2).offset(row - 1)).all()
        if pair:
            before = pair[0].position
            after = pair[1].position if len(pair) > 1 else None
        else:  # at or past the end
            before = conn.execute(select(func.max(_c.position)).where(siblings)).scalar()
            after = None
    position = 0 if before is None else before + 1
    if after is not None and after <= position:
        conn.execute(
            update(LAYER).where(siblings & (_c.position >= after)).values(position=_c.position + 1)
        )
        return after
    return position


# --- writes -------------------------------------------------------------------------------------
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
    check_new_layers(session, configurator_id, _layer_type(session, parent_id), [layer])
    _check_sibling_name(session, configurator_id, parent_id, layer.name)
    position = _free_position(session, configurator_id, parent_id, row)
    insert_layers(session, configurator_id, parent_id, [layer], position, keep_ids)
    assert layer.id is not None  # insert_layers assigned it
    log_change(session, ChangeKind.TREE, configurator_id, layer.id)
    return layer.id


def check_version(session: Session, layer_id: int, expected: int | None) -> None:
    """ConflictError when the layer was changed or deleted since the caller read it at
    version `expected` (None: the caller has no earlier read to go by)."""
    if expected is None:
        return
    found = session.connection().execute(select(_c.version).where(_c.id == layer_id)).first()
    if found is None:
        raise ConflictError("the layer was deleted elsewhere", layer_id=layer_id, gone=True)
    if found.version != expected:
        raise ConflictError("the layer was changed elsewhere", layer_id=layer_id)


@write
def delete_layer(session: Session, layer_id: int, *, expected_version: int | None = None) -> None:
    """Delete a layer and everything under it (its siblings keep their positions, so an undo
    puts it back without writing theirs). expected_version: the version the caller last
    saw; a layer changed since is not deleted (ConflictError)."""
    check_version(session, layer_id, expected_version)
    configurator_id, _parent_id, _position = _place(session, layer_id)
    session.connection().execute(LAYER.delete().where(_c.id == layer_id))
    log_change(session, ChangeKind.TREE, configurator_id, layer_id)


@write
def move_layer(
    session: Session,
    layer_id: int,
    new_parent_id: int | None,
    new_row: int,
    *,
    expected_version: int | None = None,
) -> None:
    """Move a layer (with its subtree) to new_row among new_parent's children, where new_row
    counts the siblings as they are after the layer has left its old place. The moved layer's
    version goes up by one (so a stale window cannot move it back over this move);
    expected_version: as delete_layer. Siblings whose position shifts keep theirs: two people
    moving different layers never conflict."""
    check_version(session, layer_id, expected_version)
    configurator_id, parent_id, _position = _place(session, layer_id)
    moving_type = _layer_type(session, layer_id)
    assert moving_type is not None  # layer_id is not None
    new_parent_type = _layer_type(session, new_parent_id)
    if not can_hold(new_parent_type, moving_type):
        raise _misplaced(moving_type, new_parent_type)
    _check_parent(session, configurator_id, new_parent_id)
    if new_parent_id is not None and new_parent_id in _subtree_ids(session, layer_id):
        raise StoreError("a layer cannot be moved inside itself")
    conn = session.connection()
    if new_parent_id != parent_id:
        name = conn.execute(select(_c.name).where(_c.id == layer_id)).scalar_one()
        _check_sibling_name(session, configurator_id, new_parent_id, name, layer_id)
    target = _free_position(session, configurator_id, new_parent_id, max(new_row, 0), layer_id)
    conn.execute(
        update(LAYER)
        .where(_c.id == layer_id)
        .values(parent_id=new_parent_id, position=target, version=_c.version + 1)
    )
    log_change(session, ChangeKind.TREE, configurator_id, layer_id)


@write
def update_layer(
    session: Session,
    layer_id: int,
    changes: Mapping[LayerField, object],
    *,
    expected_version: int | None = None,
) -> dict[LayerField, Any]:
    """Set fields of one layer; returns them as stored (trimmed, rounded), which is what the
    caller's copy of the layer must then hold. The layer's version goes up by one.

    expected_version: the version the caller's copy holds. When the stored one differs
    (another window, machine or command changed the layer since), nothing is written and
    ConflictError says so; the caller's copy is then version + 1 on success."""
    conn = session.connection()
    # One read for all the write needs (each statement is a round trip to a server).
    found = conn.execute(
        select(_c.configurator_id, _c.parent_id, _c.price, _c.sale_price, _c.version).where(
            _c.id == layer_id
        )
    ).first()
    if found is None and expected_version is not None:
        raise ConflictError("the layer was deleted elsewhere", layer_id=layer_id, gone=True)
    if found is None:
        raise StoreError(f"no layer with id {layer_id}")
    if expected_version is not None and found.version != expected_version:
        raise ConflictError("the layer was changed elsewhere", layer_id=layer_id)
    configurator_id, parent_id = found.configurator_id, found.parent_id
    stored = check_layer_changes(changes, found.price, found.sale_price)
    name = stored.get(LayerField.NAME)
    if name is not None:
        _check_sibling_name(session, configurator_id, parent_id, name, layer_id)
    sku = stored.get(LayerField.SKU)
    if sku:  # many layers may leave the SKU empty; only a set one must be unique
        owner = sku_owner(session, configurator_id, sku, {layer_id})
        if owner is not None:
            raise StoreError(f'SKU "{sku}" is already used by "{owner}"', LayerField.SKU)
    values = {
        field.value: value.value if isinstance(value, StrEnum) else value
        for field, value in stored.items()
    }
    conn.execute(update(LAYER).where(_c.id == layer_id).values(**values, version=_c.version + 1))
    log_change(session, ChangeKind.LAYER, configurator_id, layer_id)
    return stored


# Fields a write of many layers at once may set (bulk edits and stock sheets): the stock fields
# shoppers see, no name or SKU, whose uniqueness is checked one layer at a time by update_layer.
_BULK_FIELDS = AVAILABILITY_FIELDS


@write
def update_layers(
    session: Session,
    configurator_id: int,
    changes: Mapping[int, Mapping[LayerField, object]],
    *,
    expected_versions: Mapping[int, int] | None = None,
) -> dict[int, dict[LayerField, Any]]:
    """Set stock fields of many layers of one configurator in one transaction (a bulk edit, a
    stock sheet): all are written or none. Returns each layer's fields as stored; each
    written layer's version goes up by one. expected_versions (layer id → the version the
    caller read): when any differs, nothing is written (ConflictError)."""
    stored: dict[int, dict[LayerField, Any]] = {}
    for layer_id, fields in changes.items():
        extra = set(fields) - _BULK_FIELDS
        if extra:
            raise StoreError(f"cannot set {', '.join(sorted(extra))} of many layers at once")
        stored[layer_id] = check_layer_changes(fields, Decimal(0), None)
    conn = session.connection()
    options: dict[int, int] = {
        layer_id: version
        for layer_id, version in conn.execute(
            select(_c.id, _c.version).where(
                (_c.configurator_id == configurator_id) & (_c.type == LayerType.IMAGE.value)
            )
        )
    }
    for layer_id, version in (expected_versions or {}).items():
        if layer_id in stored and options.get(layer_id) != version:
            raise ConflictError(
                "some of the options were changed elsewhere",
                configurator_id=configurator_id,
                layer_id=layer_id,
                gone=layer_id not in options,
            )
    if not stored.keys() <= options.keys():
        raise StoreError("some of the options are no longer in this configurator")
    # One executemany per combination of fields: a bulk edit sets the same ones everywhere.
    groups: dict[tuple[LayerField, ...], list[dict[str, Any]]] = {}
    for layer_id, fields in stored.items():
        if not fields:
            continue
        key = tuple(sorted(fields))
        row: dict[str, Any] = {"_id": layer_id}
        for f, value in fields.items():
            row[f"_{f.value}"] = value.value if isinstance(value, StrEnum) else value
        groups.setdefault(key, []).append(row)
    for key, rows in groups.items():
        if conn.dialect.paramstyle == "qmark":
            # SQLite: the driver's own executemany; SQLAlchemy's per-row parameter handling
            # would cost more than the writing itself at 10,000 rows.
            columns = ", ".join([*(f"{f.value} = ?" for f in key), "version = version + 1"])
            params = [(*(row[f"_{f.value}"] for f in key), row["_id"]) for row in rows]
            conn.exec_driver_sql(f"UPDATE layer SET {columns} WHERE id = ?", params)
            continue
        statement = (
            update(LAYER)
            .where(_c.id == bindparam("_id"))
            .values({f.value: bindparam(f"_{f.value}") for f in key} | {"version": _c.version + 1})
        )
        conn.execute(statement, rows)
    if groups:
        log_change(session, ChangeKind.LAYERS, configurator_id)
    return stored
