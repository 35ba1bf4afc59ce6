"""A configurator's rows exactly as stored, their values not read: what the delete of a
damaged configurator keeps so that its undo puts back what was there (docs/stored-data.md).

A damaged configurator cannot be read into domain objects (that is what damaged means), yet
deleting it must stay one undoable edit like any other. So its rows are copied as the driver
returns them and, on undo, inserted again with their ids, no rule run on them: they come from
this very database, and checking them would refuse the undo of a delete.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session

from .changes import ChangeKind, log_change
from .tables import ConfiguratorRow, core_table
from .transaction import LAYER, StoreError, driver_cursor, write

_CONFIGURATOR = core_table(ConfiguratorRow)


@dataclass(frozen=True, slots=True)
class StoredRows:
    """The configurator's row and its layers' rows, parents before children: column names
    and the values as stored."""

    configurator_id: int
    name: object  # as stored: what the list showed, for the window to name it
    configurator_columns: tuple[str, ...]
    configurator: tuple[Any, ...]
    layer_columns: tuple[str, ...]
    layers: tuple[tuple[Any, ...], ...]


def read_rows(session: Session, configurator_id: int) -> StoredRows:
    """The rows of one configurator as stored; StoreError when it is not there."""
    conn = session.connection()
    columns = tuple(c.name for c in _CONFIGURATOR.c)
    found = _fetch(conn, "configurator", columns, "id", configurator_id)
    if not found:
        raise StoreError(f"no configurator with id {configurator_id}")
    layer_columns = tuple(c.name for c in LAYER.c)
    layers = _fetch(conn, "layer", layer_columns, "configurator_id", configurator_id)
    return StoredRows(
        configurator_id,
        found[0][columns.index("name")],
        columns,
        found[0],
        layer_columns,
        tuple(_parents_first(layers, layer_columns)),
    )


@write
def restore_rows(session: Session, rows: StoredRows) -> int:
    """Insert the rows read_rows took, with their ids (the undo of a delete)."""
    conn = session.connection()
    _insert(conn, "configurator", rows.configurator_columns, [rows.configurator])
    _insert(conn, "layer", rows.layer_columns, list(rows.layers))
    log_change(session, ChangeKind.CONFIGURATORS, rows.configurator_id)
    return rows.configurator_id


def _fetch(
    conn: Connection, table: str, columns: tuple[str, ...], key: str, value: int
) -> list[tuple[Any, ...]]:
    # Through the driver's own cursor: SQLAlchemy's column types would convert the values,
    # and a damaged one would fail there.
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {key} = ?"
    cursor = driver_cursor(conn)
    try:
        cursor.execute(_placeholders(conn, sql), (value,))
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _insert(
    conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    if not rows:
        return
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    cursor = driver_cursor(conn)
    try:
        cursor.executemany(_placeholders(conn, sql), rows)
    finally:
        cursor.close()


def _placeholders(conn: Connection, sql: str) -> str:
    return sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s")


def _parents_first(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """rows ordered so that each comes after its parent, as the parent key asks on insert
    (a row whose parent is not among them, or in a cycle, last: its insert then fails)."""
    id_at, parent_at = columns.index("id"), columns.index("parent_id")
    children: dict[object, list[tuple[Any, ...]]] = {}
    for row in rows:
        children.setdefault(row[parent_at], []).append(row)
    ordered: list[tuple[Any, ...]] = []
    level = children.get(None, [])
    while level:
        ordered.extend(level)
        level = [child for row in level for child in children.get(row[id_at], [])]
    placed = {row[id_at] for row in ordered}
    ordered.extend(row for row in rows if row[id_at] not in placed)
    return ordered
