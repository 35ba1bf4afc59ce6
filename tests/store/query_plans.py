"""Every statement the store runs for the editor's and the CLI's everyday work, recorded while a
workload runs against a populated database, with SQLite's plan for each.

The cascade of a deleted layer or configurator runs statements that no log shows (SQLite looks up
the child rows of each foreign key itself), so the lookups each foreign key implies are added as
statements of their own. `python -m tests.store.query_plans` prints the list with the plans.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event

from desktop.bench import synthetic
from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Layer, LayerType, Stock
from desktop.store import exchange, layer_inserts, layer_rows, stock_sheets
from desktop.store import repository as repo
from desktop.store.database import Database, open_database


@dataclass(frozen=True, slots=True)
class Statement:
    sql: str
    parameters: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    sql: str
    steps: tuple[str, ...]

    def full_scans(self, table: str) -> list[str]:
        """Plan steps that read every row of table (a scan of the table or of a whole index
        of it, such as a covering index whose first column the query does not constrain)."""
        return [s for s in self.steps if s == f"SCAN {table}" or s.startswith(f"SCAN {table} ")]


@contextmanager
def recorded(db: Database) -> Iterator[list[Statement]]:
    """The statements db's engine executes inside the block, with their first parameter set."""
    seen: list[Statement] = []

    def record(
        _conn: object, _cursor: object, sql: str, params: Any, _ctx: object, many: bool
    ) -> None:
        if many:
            params = params[0] if params else ()
        if isinstance(params, dict):
            return  # no store statement uses named parameters; nothing to replay
        seen.append(Statement(" ".join(sql.split()), tuple(params or ())))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def populate(db: Database) -> tuple[int, int]:
    """Two configurators of a few hundred layers, one with a sub-group; returns their ids."""
    big = synthetic.build("Catalogue", 300)
    deep = Layer("Case", LayerType.GROUP)
    front = Layer("Front", LayerType.SUB_GROUP, parent=deep)
    deep.children.append(front)
    for i in range(20):
        front.children.append(
            Layer(f"Colour {i}", LayerType.IMAGE, parent=front, stock=Stock(True, f"C-{i}", 3))
        )
    big.layers.append(deep)
    other = synthetic.build("Other", 200)
    with db.session() as session:
        big_id = repo.insert_configurator(session, big)
        other_id = repo.insert_configurator(session, other)
    return big_id, other_id


def workload(db: Database, big_id: int, workdir: Path) -> None:
    """What the window and the CLI do every day: open, edit, add, delete and undo, move,
    duplicate, rename, delete and restore a configurator, export and import, stock sheets
    and bulk edits."""
    with db.session() as session:
        repo.list_configurators(session)
        repo.layer_count(session, big_id)
        found = repo.find_configurator(session, "Catalogue")
        assert found == big_id
        cfg = repo.load_configurator(session, big_id)
        repo.addon_active(session)
        repo.set_last_configurator(session, big_id)
    group, sub_group = cfg.layers[1], cfg.layers[-1].children[0]
    option = group.children[3]
    assert option.id is not None and group.id is not None and sub_group.id is not None
    with db.session() as session:
        repo.update_layer(session, option.id, {LayerField.STOCK_QUANTITY: 9})
        repo.update_layer(session, option.id, {LayerField.NAME: "Renamed", LayerField.SKU: "X"})
        repo.update_configurator(session, big_id, {ConfiguratorField.BASE_PRICE: "12.00"})
        repo.sku_owner(session, big_id, "SKU-000003")
        new_id = repo.insert_layer(
            session, big_id, group.id, 2, Layer("Added", LayerType.IMAGE, stock=Stock(sku="A"))
        )
        repo.move_layer(session, new_id, sub_group.id, 0)
        repo.move_layer(session, group.id, None, 0)
        repo.delete_layer(session, new_id)
        last = repo.insert_layer(session, big_id, group.id, None, Layer("Last", LayerType.IMAGE))
        repo.move_layer(session, last, group.id, 10**6)  # past the end: after the last
    removed = cfg.layers[2]
    assert removed.id is not None
    removed.parent = None
    with db.session() as session:
        repo.delete_layer(session, removed.id)  # a group with a hundred options
        repo.insert_layer(session, big_id, None, 2, removed, keep_ids=True)  # its undo
        copy_id = repo.duplicate_configurator(session, big_id, "Catalogue copy")
        repo.update_configurator(session, copy_id, {ConfiguratorField.NAME: "Copy"})
    with db.session() as session:
        snapshot = repo.load_configurator(session, copy_id)
        repo.delete_configurator(session, copy_id)
        repo.insert_configurator(session, snapshot, keep_ids=True)  # its undo
        repo.delete_configurator(session, copy_id)
    exported = workdir / "catalogue.json"
    with db.session() as session:
        data = exchange.export_configurator(session, big_id)
    data["configurator"]["name"] = "Imported"
    exported.write_text(json.dumps(data), encoding="utf-8")
    with db.session() as session:
        exchange.import_file(session, exported)
        sheet = stock_sheets.export_sheet(session, big_id)
        stock_sheets.import_sheet(session, big_id, sheet, dry_run=True)
        repo.update_layers(session, big_id, {option.id: {LayerField.STOCK_QUANTITY: 4}})


def driver_statements() -> list[Statement]:
    """The statements the store runs on the driver's own cursor (loading and inserting whole
    trees), which SQLAlchemy's events do not see."""
    return [
        Statement(layer_rows.LOAD_SQL, (1,)),
        Statement(layer_inserts.INSERT_SQL, (None,) * len(layer_inserts.INSERT_COLUMNS)),
    ]


def implied_lookups(path: Path) -> list[Statement]:
    """The lookup SQLite makes for each foreign key when a parent row is deleted: the rows
    referring to it, by the referring column (a cascade runs one per deleted row)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = []
        for table in tables:
            for fk in conn.execute(f"PRAGMA foreign_key_list({table})"):
                column = fk[3]
                found.append(Statement(f"SELECT 1 FROM {table} WHERE {column} = ?", (1,)))
        return found
    finally:
        conn.close()


def plans(path: Path, statements: list[Statement]) -> list[Plan]:
    """SQLite's plan for each distinct statement, as the open database at path would run it."""
    conn = sqlite3.connect(path)
    try:
        distinct: dict[str, Statement] = {}
        for s in statements:
            distinct.setdefault(s.sql, s)
        result = []
        for s in distinct.values():
            if s.sql.upper().startswith("CREATE TEMPORARY TABLE"):
                conn.execute(s.sql)  # the statements after it read that table (a duplicate's)
                continue
            if s.sql.split()[0].upper() not in {"SELECT", "INSERT", "UPDATE", "DELETE"}:
                continue  # BEGIN, PRAGMA, SAVEPOINT: no plan
            rows = conn.execute(f"EXPLAIN QUERY PLAN {s.sql}", s.parameters).fetchall()
            result.append(Plan(s.sql, tuple(r[3] for r in rows)))
        return result
    finally:
        conn.close()


def store_plans(workdir: Path) -> list[Plan]:
    """Populate a database in workdir, run the workload, return every statement's plan."""
    db = open_database(workdir / "plans.db")
    try:
        big_id, _ = populate(db)
        with recorded(db) as seen:
            workload(db, big_id, workdir)
    finally:
        db.close()
    extra = driver_statements() + implied_lookups(workdir / "plans.db")
    return plans(workdir / "plans.db", seen + extra)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for plan in store_plans(Path(tmp)):
            print(plan.sql)
            for step in plan.steps:
                print(f"    {step}")
