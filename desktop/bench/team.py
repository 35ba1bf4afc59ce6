"""The team database measures (docs/team-database.md), on SQLite and PostgreSQL side by side:
`python3 -m desktop.bench.team [--sizes 100,1000,10000] [--trials 7] [--pg-url URL]`.

Two windows on one database, each on its own connections, as two machines would have: open a
configurator of N options, select a layer, commit an edit (the compare-and-set write, the
change log and the window's update), and the time until the other window shows that edit.
Without --pg-url a throwaway PostgreSQL server is started on a loopback port (the tests'
helper, so run it from the project folder; it needs the server programs installed).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QLineEdit, QTreeView

from ..domain.fields import LayerField
from ..domain.model import Layer
from ..store import repository
from ..store.database import Database, open_target
from ..store.server import DatabaseTarget, database_target
from ..ui.editing.commands import SetLayerFields, push
from ..ui.editing.document import Document
from ..ui.window.main_window import MainWindow
from . import synthetic
from .gui import wait_until
from .timing import median_ms

BUDGET_COMMIT_MS = 20.0
BUDGET_VISIBLE_MS = 2000.0
BUDGET_PG_OPEN_RATIO = 2.0


def _window(target: DatabaseTarget) -> tuple[Database, MainWindow]:
    database = open_target(target)
    window = MainWindow(Document(database))
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    return database, window


def measure(target: DatabaseTarget, options: int, trials: int) -> dict[str, float]:
    setup = open_target(target)
    with setup.session() as session:
        big = repository.insert_configurator(session, synthetic.build("Big", options))
        small = repository.insert_configurator(session, synthetic.build("Small", 100))
    setup.close()
    db_a, a = _window(target)
    db_b, b = _window(target)
    try:
        return _measure(a, b, big, small, trials)
    finally:
        a.close()
        b.close()
        db_a.close()
        db_b.close()


def _measure(a: MainWindow, b: MainWindow, big: int, small: int, trials: int) -> dict[str, float]:
    doc_a, doc_b = a.document, b.document
    tree = a.findChild(QTreeView, "layersTree")
    name_edit = a.findChild(QLineEdit, "layerNameEdit")
    assert tree is not None and name_edit is not None

    def open_big() -> None:
        doc_a.open_configurator(big)
        opened = doc_a.configurator
        assert opened is not None
        wait_until(lambda: tree.model().rowCount() == len(opened.layers))

    results = {"open": median_ms(trials, open_big, setup=lambda: doc_a.open_configurator(small))}
    open_big()
    doc_b.open_configurator(big)
    cfg = doc_a.configurator
    assert cfg is not None
    options = list(cfg.options())
    picks = iter(options[(k * 97) % len(options)] for k in range(trials + 1))

    def select() -> None:
        layer = next(picks)
        a.layers_panel.select_layer(layer)
        wait_until(lambda: name_edit.text() == layer.name)

    a.layers_panel.select_layer(options[-1])
    results["select"] = median_ms(trials, select)
    option: Layer = options[len(options) // 2]
    option_id = option.id
    assert option_id is not None
    counter = iter(range(1000, 100000))
    last = {"value": 0}

    def commit() -> None:
        last["value"] = next(counter)
        command = SetLayerFields(
            doc_a, option_id, {LayerField.STOCK_QUANTITY: last["value"]}, "bench"
        )
        if not push(a.undo_stacks, command):
            raise RuntimeError("the bench's edit was refused")

    results["commit"] = median_ms(trials, commit)
    theirs = doc_b.layer(option_id)

    def visible_elsewhere() -> None:
        commit()
        wait_until(lambda: theirs.stock.quantity == last["value"])

    results["visible_elsewhere"] = median_ms(trials, visible_elsewhere)
    return results


@contextmanager
def _server(url: str | None) -> Iterator[Callable[[], str]]:
    """Yields a factory of fresh database URLs on the given server or a throwaway one."""
    import psycopg
    from sqlalchemy.engine import make_url

    cluster = None
    if url is None:
        from desktop.support.pg_cluster import remove_cluster, start_cluster

        cluster = start_cluster()
        url = cluster.url("postgres")
    base = make_url(url)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    made: list[str] = []

    def fresh() -> str:
        name = f"bench_{os.getpid()}_{len(made)}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return base.set(database=name).render_as_string(hide_password=False)

    try:
        yield fresh
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in made:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if cluster is not None:
            remove_cluster(cluster)


MEASURES = ["open", "select", "commit", "visible_elsewhere"]
ENGINES = ("sqlite", "postgresql")
BUDGET_SIZE = 10_000  # the budgets hold at this size
MAX_SIZE = 10_000  # the main benchmark's 100,000 is beyond what a team measure needs


def run(sizes: list[int], trials: int, pg_url: str | None) -> dict[str, Any]:
    """Every measure on both engines: {"results": {engine: {size: {measure: ms}}},
    "postgresql": the server's version or None, "skipped": why PostgreSQL was not measured}."""
    results: dict[str, dict[str, dict[str, float]]] = {engine: {} for engine in ENGINES}
    report: dict[str, Any] = {"results": results, "postgresql": None, "skipped": None}
    with tempfile.TemporaryDirectory(prefix="cfg-team-") as tmp:
        for n in sizes:
            results["sqlite"][str(n)] = measure(Path(tmp) / f"team-{n}.db", n, trials)
        try:
            with _server(pg_url) as fresh:
                for n in sizes:
                    target = database_target(fresh())
                    results["postgresql"][str(n)] = measure(target, n, trials)
                    report["postgresql"] = _server_version(target)
        except Exception as exc:  # no driver, no server programs, a refused connection…
            if results["postgresql"]:
                raise  # it was reachable: a failure while measuring is a real one
            report["skipped"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    return report


def _server_version(target: DatabaseTarget) -> str:
    database = open_target(target)
    try:
        with database.session() as session:
            return str(session.connection().exec_driver_sql("SHOW server_version").scalar())
    finally:
        database.close()


def verdicts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's budgets at 10,000 (in the main benchmark's verdict form)."""
    results, key = report["results"], str(BUDGET_SIZE)
    lite, pg = results["sqlite"].get(key), results["postgresql"].get(key)
    if lite is None:
        return []
    found: list[dict[str, Any]] = []

    def check(name: str, value: float, budget: float) -> None:
        found.append(
            {"measure": name, "size": BUDGET_SIZE, "value": value, "budget": budget,
             "ok": value <= budget}
        )  # fmt: skip

    for engine, at in (("sqlite", lite), ("postgresql", pg)):
        if at is not None:
            check(f"team_commit_{engine}", at["commit"], BUDGET_COMMIT_MS)
            check(f"team_visible_elsewhere_{engine}", at["visible_elsewhere"], BUDGET_VISIBLE_MS)
    if pg is not None:
        check("team_open postgresql/sqlite", pg["open"] / lite["open"], BUDGET_PG_OPEN_RATIO)
    return found


def table(report: dict[str, Any]) -> str:
    """The team measures as rows of engine and size."""
    header = ["team database", "N", *(f"{m} (ms)" for m in MEASURES)]
    rows = [header]
    for engine in ENGINES:
        for n, found in report["results"][engine].items():
            rows.append([engine, f"{int(n):,}", *(f"{found[m]:.2f}" for m in MEASURES)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    if report["skipped"]:
        lines.append(f"postgresql: not measured ({report['skipped']})")
    elif report["postgresql"]:
        lines.append(f"postgresql: server {report['postgresql']} on loopback")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m desktop.bench.team", description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--trials", type=int, default=7)
    parser.add_argument("--pg-url", default=os.environ.get("CONFIGURATOR_EDITOR_BENCH_PG"))
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    report = run(sizes, args.trials, args.pg_url)
    del app
    checks = verdicts(report)
    if args.json:
        print(json.dumps({**report, "budgets": checks}))
        return 0
    print(table(report))
    for v in checks:
        print(f"{'PASS' if v['ok'] else 'FAIL'} {v['measure']} at {BUDGET_SIZE:,}: "
              f"{v['value']:.2f} (≤ {v['budget']:g})")  # fmt: skip
    return 0 if all(v["ok"] for v in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
