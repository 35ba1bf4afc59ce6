"""No statement the store runs reads the whole layer table, or a whole configurator's layers,
to find a layer by id, by parent or by SKU: such a lookup runs once per deleted, inserted or
moved layer, so a scan there makes a large catalogue's edits quadratic."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from desktop.store import repository as repo
from desktop.store.database import open_database
from desktop.store.migrations import SCHEMA_VERSION, migrate

from .query_plans import Plan, store_plans

# A condition on one of these columns names the rows wanted; the plan must search by it.
_LOOKUPS = {
    "parent_id": re.compile(r"\bparent_id (?:= \?|IN \()"),
    "sku": re.compile(r"\bsku (?:= \?|IN \()"),
}


def _unserved_lookups(plan: Plan) -> list[str]:
    """Lookup columns of plan's statement on the layer table that no index search serves."""
    if not re.search(r"\b(?:FROM|UPDATE) layer\b", plan.sql):
        return []
    searched = " ".join(s for s in plan.steps if s.startswith("SEARCH layer"))
    return [
        column
        for column, condition in _LOOKUPS.items()
        if condition.search(plan.sql)
        and f"{column}=" not in searched
        and "rowid=" not in searched  # found by its id: at most one row to check
    ]


def test_no_store_statement_scans_the_layer_table(tmp_path: Path) -> None:
    plans = store_plans(tmp_path)
    assert len(plans) > 20  # the workload ran: reads, edits, deletes, moves, imports
    scans = [f"{p.sql}\n    {p.full_scans('layer')}" for p in plans if p.full_scans("layer")]
    assert not scans, "full scans of layer:\n" + "\n".join(scans)


def test_every_lookup_by_parent_or_sku_is_served_by_an_index(tmp_path: Path) -> None:
    plans = store_plans(tmp_path)
    unserved = [f"{p.sql}\n    {p.steps} ({cols})" for p in plans if (cols := _unserved_lookups(p))]
    assert not unserved, "lookups without an index:\n" + "\n".join(unserved)


def test_the_check_sees_a_scan_where_there_is_one() -> None:
    scan = Plan("SELECT 1 FROM layer WHERE parent_id = ?", ("SCAN layer",))
    covering = Plan(
        "SELECT 1 FROM layer WHERE parent_id = ?",
        ("SCAN layer USING COVERING INDEX ix_layer_tree",),
    )
    served = Plan(
        "SELECT 1 FROM layer WHERE parent_id = ?",
        ("SEARCH layer USING COVERING INDEX ix_layer_parent (parent_id=?)",),
    )
    assert scan.full_scans("layer") and covering.full_scans("layer")
    assert not served.full_scans("layer")
    assert _unserved_lookups(scan) == ["parent_id"] and _unserved_lookups(served) == []
    by_configurator = Plan(
        "SELECT name FROM layer WHERE configurator_id = ? AND sku = ?",
        ("SEARCH layer USING INDEX ix_layer_tree (configurator_id=?)",),
    )
    assert _unserved_lookups(by_configurator) == ["sku"]


def test_an_older_database_gains_the_indexes_and_keeps_its_layers(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrate(conn, 0, to_version=3)
        conn.execute("INSERT INTO configurator (id, name) VALUES (1, 'Old')")
        conn.execute(
            "INSERT INTO layer (id, configurator_id, position, type, name) "
            "VALUES (1, 1, 0, 'group', 'Grip')"
        )
        conn.execute(
            "INSERT INTO layer (id, configurator_id, parent_id, position, type, name, sku) "
            "VALUES (2, 1, 1, 0, 'image', 'Red', 'RED')"
        )
    finally:
        conn.close()
    db = open_database(path)
    try:
        with db.session() as session:
            assert repo.sku_owner(session, 1, "RED") == "Red"
            repo.delete_layer(session, 1)
            assert repo.load_configurator(session, 1).layers == []
    finally:
        db.close()
    conn = sqlite3.connect(path)
    try:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    assert {"ix_layer_parent", "ix_layer_sku"} <= indexes
    assert version == SCHEMA_VERSION
