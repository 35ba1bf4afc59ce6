"""Layer rows: the tree of one configurator, its siblings ordered by position.

Reads and writes go through SQLAlchemy Core on the layer table (`LAYER`): a whole subtree is
inserted with one executemany. Positions order siblings but need not be consecutive: a delete
or a move leaves a gap, and a layer put back there (an undo) takes it without moving any
sibling. Only an insert where no gap is left shifts the siblings after it, with one UPDATE;
each shifted row is a page written, and the top level of a large configurator spans hundreds
of pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    bindparam,
    func,
    literal_column,
    select,
    text,
    update,
)
from sqlmodel import Session

from ..domain.collector import collector_paused
from ..domain.fields import (
    AVAILABILITY_FIELDS,
    LayerField,
    check_layer_changes,
    check_layers,
    misplaced,
)
from ..domain.model import Backorders, Layer, LayerType, Stock, StockStatus, can_hold
from ..domain.wordpress import fresh_uid, with_uid
from .changes import ChangeKind, log_change
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
from .transaction import LAYER, ConflictError, StoreError, write
from .wordpress_json import node_from_text, record_text

_c = LAYER.c


# --- domain layer <-> row -----------------------------------------------------------------------
_INSERT_COLUMNS = (
    "id", "configurator_id", "parent_id", "position", "type", "name", "required", "multiple",
    "price", "sale_price", "image", "active_on_load", "hidden", "manage_stock", "sku",
    "stock_quantity", "stock_status", "low_stock_amount", "backorders", "version", "wordpress",
)  # fmt: skip
# A whole tree goes in by one executemany on the driver's cursor, with the values as SQLite
# stores them (money as its text, flags as 0/1): SQLAlchemy's per-row parameter processing cost
# more than SQLite's insert itself at 100,000 rows.
_INSERT_SQL = (
    f"INSERT INTO layer ({', '.join(_INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_INSERT_COLUMNS))})"
)


def _row(
    configurator_id: int, parent_id: int | None, position: int, layer: Layer
) -> tuple[Any, ...]:
    stock, sale = layer.stock, layer.sale_price
    return (
        layer.id, configurator_id, parent_id, position, str(layer.type), layer.name,
        int(layer.required), int(layer.multiple), str(layer.price),
        None if sale is None else str(sale), layer.image, int(layer.active_on_load),
        int(layer.hidden), int(stock.manage), stock.sku, stock.quantity, str(stock.status),
        stock.low_amount, None if stock.backorders is None else str(stock.backorders),
        layer.version, None if layer.wordpress is None else record_text(layer.wordpress),
    )  # fmt: skip


_LOAD_COLUMNS = (
    "id", "parent_id", "name", "type", "required", "multiple", "price", "sale_price", "image",
    "active_on_load", "hidden", "manage_stock", "sku", "stock_quantity", "stock_status",
    "low_stock_amount", "backorders", "version", "wordpress",
)  # fmt: skip
# Loading is what opening a configurator waits for: the rows are read through the driver's own
# cursor as plain tuples (SQLAlchemy's row objects and type processors cost more than SQLite's
# read itself at 100,000 rows), by one statement compiled once.
_LOAD_SQL = (
    f"SELECT {', '.join(_LOAD_COLUMNS)} FROM layer WHERE configurator_id = ? "
    "ORDER BY parent_id, position"
)
_TYPES = {t.value: t for t in LayerType}
_STATUSES = {s.value: s for s in StockStatus}
_BACKORDERS: dict[object, Backorders | None] = {None: None, **{b.value: b for b in Backorders}}


def _row_view(row: tuple[Any, ...]) -> Any:
    """A stored row with its columns as attributes, for the message that names a bad value."""
    return SimpleNamespace(**dict(zip(_LOAD_COLUMNS, row, strict=True)))


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
    columns: list[ColumnClause[object]] = [literal_column(c) for c in _LOAD_COLUMNS]
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
    sql = _LOAD_SQL if conn.dialect.paramstyle == "qmark" else _LOAD_SQL.replace("?", "%s")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, (configurator_id,))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    with collector_paused():
        return _build_tree(rows, configurator_name)


def _build_tree(rows: list[tuple[Any, ...]], configurator_name: str | None) -> list[Layer]:
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
    check_rows(rows, _LOAD_COLUMNS, (names, images, skus), owner_words(configurator_name))
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


def insert_layers(
    session: Session,
    configurator_id: int,
    parent_id: int | None,
    layers: list[Layer],
    first_position: int,
    keep_ids: bool,
) -> None:
    """Insert layers and their subtrees in one executemany, parents first. New ids are
    assigned here (so one statement serves the whole tree); keep_ids reuses the ones they carry."""
    conn = session.connection()
    if not keep_ids:
        new_ids = iter(_new_ids(session, sum(1 for top in layers for _ in top.walk())))
        for top in layers:
            for node in top.walk():
                node.id = next(new_ids)
    with collector_paused():  # a row per layer: the collector would walk the tree meanwhile
        rows = _rows(configurator_id, parent_id, layers, first_position)
    if not rows:
        return
    sql = _INSERT_SQL
    if conn.dialect.paramstyle != "qmark":  # a server: its placeholders and real booleans
        sql = _INSERT_SQL.replace("?", "%s")
        rows = [_server_row(row) for row in rows]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def _rows(
    configurator_id: int, parent_id: int | None, layers: list[Layer], first_position: int
) -> list[tuple[Any, ...]]:
    """The rows of layers and their subtrees, each parent before its children."""
    rows: list[tuple[Any, ...]] = []
    for i, top in enumerate(layers):
        rows.append(_row(configurator_id, parent_id, first_position + i, top))
        for node in top.walk():
            rows.extend(
                _row(configurator_id, node.id, pos, child)
                for pos, child in enumerate(node.children)
            )
    return rows


_FLAGS = tuple(
    _INSERT_COLUMNS.index(c)
    for c in ("required", "multiple", "active_on_load", "hidden", "manage_stock")
)


def _server_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    values = list(row)
    for i in _FLAGS:
        values[i] = bool(values[i])
    return tuple(values)


def _new_ids(session: Session, count: int) -> list[int]:
    """count layer ids no layer has ever had, from the same counter the database's own
    inserts use, so an id is never handed out twice (a stale window cannot reach a new layer
    through the id of a deleted one)."""
    if count == 0:
        return []
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        query = text(
            "SELECT nextval(pg_get_serial_sequence('layer', 'id')) FROM generate_series(1, :n)"
        )
        return list(conn.execute(query, {"n": count}).scalars())
    last = _last_id(conn)
    return list(range(last + 1, last + 1 + count))


def _last_id(conn: Connection) -> int:
    """The last layer id SQLite handed out: its AUTOINCREMENT counter, which follows the
    explicit ids inserted next. The write holds the database's lock, so no other writer takes
    the ones after it meanwhile."""
    counter = text("SELECT seq FROM sqlite_sequence WHERE name = 'layer'")
    return max(
        conn.execute(counter).scalar() or 0,
        conn.execute(select(func.max(_c.id))).scalar_one() or 0,
    )


# A duplicate copies the rows inside the database: reading 100,000 layers into objects and
# writing them back cost four times as much. Each copied layer gets a new id, drawn as
# _new_ids draws them; its parent's new id is found through the same mapping, kept in a
# temporary table whose key serves that lookup (a CTE in its place has no index: SQLite then
# scans it once per row).
_COPY_MAP = "layer_copy_ids"
_COPIED = [c for c in _INSERT_COLUMNS if c not in ("id", "configurator_id", "parent_id")]
_COPY_SQL = (
    f"INSERT INTO layer ({', '.join(_INSERT_COLUMNS)}) "
    f"SELECT m.new_id, :target, p.new_id, {', '.join(f'l.{c}' for c in _COPIED)} "
    f"FROM {_COPY_MAP} AS m JOIN layer AS l ON l.id = m.old_id "
    f"LEFT JOIN {_COPY_MAP} AS p ON p.old_id = l.parent_id"
)


def copy_layers(session: Session, source_id: int, target_id: int) -> None:
    """Copy every layer of configurator source_id, as stored, into target_id (new ids)."""
    conn = session.connection()
    server = conn.dialect.name == "postgresql"
    # INTEGER as the layer ids are (in SQLite the key is then the row id itself).
    columns = "(old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL)"
    drop = " ON COMMIT DROP" if server else ""
    conn.execute(text(f"CREATE TEMPORARY TABLE {_COPY_MAP} {columns}{drop}"))
    if server:
        new_id = "nextval(pg_get_serial_sequence('layer', 'id'))"
        params: dict[str, int] = {"source": source_id}
    else:  # the write holds the database's lock: no other writer takes these meanwhile
        new_id = ":last + ROW_NUMBER() OVER (ORDER BY id)"
        params = {"source": source_id, "last": _last_id(conn)}
    conn.execute(
        text(
            f"INSERT INTO {_COPY_MAP} (old_id, new_id) "
            f"SELECT id, {new_id} FROM layer WHERE configurator_id = :source"
        ),
        params,
    )
    conn.execute(text(_COPY_SQL), {"target": target_id})
    conn.execute(text(f"DROP TABLE {_COPY_MAP}"))


def renew_uids(session: Session, configurator_id: int) -> None:
    """Give each layer of a configurator that came from WordPress a fresh uid (a duplicate's
    layers are new layers on the site: docs/wordpress.md). A configurator made here has none,
    and costs one query that finds nothing."""
    conn = session.connection()
    rows = conn.execute(
        select(_c.id, _c.wordpress).where(
            (_c.configurator_id == configurator_id) & _c.wordpress.is_not(None)
        )
    ).all()
    if not rows:
        return
    taken: set[str] = set()
    params = [
        {
            "_id": row.id,
            "_wordpress": record_text(with_uid(node_from_text(row.wordpress), fresh_uid(taken))),
        }
        for row in rows
    ]
    conn.execute(
        update(LAYER).where(_c.id == bindparam("_id")).values(wordpress=bindparam("_wordpress")),
        params,
    )


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
