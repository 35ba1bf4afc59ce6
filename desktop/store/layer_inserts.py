"""Writing whole subtrees of layer rows: an insert of many layers in one executemany, new ids
that are never handed out twice, a duplicate copied inside the database, and fresh WordPress
uids for a copy (docs/team-database.md, docs/wordpress.md).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, select, text, update
from sqlmodel import Session

from ..domain.collector import collector_paused
from ..domain.model import Layer
from ..domain.wordpress import fresh_uid, with_uid
from .transaction import LAYER, driver_cursor
from .wordpress_json import node_from_text, record_text

_c = LAYER.c


# --- domain layer <-> row -----------------------------------------------------------------------
INSERT_COLUMNS = (
    "id", "configurator_id", "parent_id", "position", "type", "name", "required", "multiple",
    "price", "sale_price", "image", "active_on_load", "hidden", "manage_stock", "sku",
    "stock_quantity", "stock_status", "low_stock_amount", "backorders", "version", "wordpress",
)  # fmt: skip
# A whole tree goes in by one executemany on the driver's cursor, with the values as SQLite
# stores them (money as its text, flags as 0/1): SQLAlchemy's per-row parameter processing cost
# more than SQLite's insert itself at 100,000 rows.
INSERT_SQL = (
    f"INSERT INTO layer ({', '.join(INSERT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(INSERT_COLUMNS))})"
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
    sql = INSERT_SQL
    if conn.dialect.paramstyle != "qmark":  # a server: its placeholders and real booleans
        sql = INSERT_SQL.replace("?", "%s")
        rows = [_server_row(row) for row in rows]
    cursor = driver_cursor(conn)
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
    INSERT_COLUMNS.index(c)
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
_COPIED = [c for c in INSERT_COLUMNS if c not in ("id", "configurator_id", "parent_id")]
_COPY_SQL = (
    f"INSERT INTO layer ({', '.join(INSERT_COLUMNS)}) "
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
