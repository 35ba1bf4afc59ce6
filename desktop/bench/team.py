"""The team database measures (SPEC §11), on SQLite and PostgreSQL side by side:
`python3 -m desktop.bench.team [--sizes 100,1000,10000] [--trials 7] [--pg-url URL]`.

Two windows on one database, each on its own connections, as two machines would have: open a
configurator of N options, select a layer, commit an edit (the compare-and-set write, the
change log and the window's update), and the time until the other window shows that edit.
Without --pg-url a throwaway PostgreSQL server is started on a loopback port (the tests'
helper, so run it from the project folder; it needs the server programs installed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QTreeView

from ..domain.fields import LayerField
from ..domain.model import Layer
from ..store import repository
from ..store.database import Database, open_target
from ..store.server import DatabaseTarget, database_target
from ..ui.commands import SetLayerFields, push
from ..ui.document import Document
from ..ui.main_window import MainWindow
from . import synthetic
from .timing import median_ms

BUDGET_COMMIT_MS = 20.0
BUDGET_VISIBLE_MS = 2000.0
BUDGET_PG_OPEN_RATIO = 2.0


def _until(condition: Callable[[], bool], limit_s: float = 30.0) -> None:
    deadline = time.perf_counter() + limit_s
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window never reached the expected state")
        QApplication.processEvents()


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
        _until(lambda: tree.model().rowCount() == len(doc_a.configurator.layers))  # type: ignore[union-attr]

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
        _until(lambda: name_edit.text() == layer.name)

    a.layers_panel.select_layer(options[-1])
    results["select"] = median_ms(trials, select)
    option: Layer = options[len(options) // 2]
    assert option.id is not None
    counter = iter(range(1000, 100000))
    last = {"value": 0}

    def commit() -> None:
        last["value"] = next(counter)
        command = SetLayerFields(
            doc_a,
            option.id,
            {LayerField.STOCK_QUANTITY: last["value"]},
            "bench",  # type: ignore[arg-type]
        )
        if not push(a.undo_stack, command):
            raise RuntimeError("the bench's edit was refused")

    results["commit"] = median_ms(trials, commit)
    theirs = doc_b.layer(option.id)

    def visible_elsewhere() -> None:
        commit()
        _until(lambda: theirs.stock.quantity == last["value"])

    results["visible_elsewhere"] = median_ms(trials, visible_elsewhere)
    return results


@contextmanager
def _server(url: str | None) -> Iterator[Callable[[], str]]:
    """Yields a factory of fresh database URLs on the given server or a throwaway one."""
    import psycopg
    from sqlalchemy.engine import make_url

    cluster = None
    if url is None:
        sys.path.insert(0, str(Path.cwd()))
        from tests.pg_cluster import remove_cluster, start_cluster

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m desktop.bench.team", description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--trials", type=int, default=7)
    parser.add_argument("--pg-url", default=os.environ.get("CONFIGURATOR_EDITOR_BENCH_PG"))
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    rows: dict[tuple[str, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="cfg-team-") as tmp, _server(args.pg_url) as fresh:
        for n in sizes:
            rows["sqlite", n] = measure(Path(tmp) / f"team-{n}.db", n, args.trials)
            rows["postgresql", n] = measure(database_target(fresh()), n, args.trials)
    del app
    measures = ["open", "select", "commit", "visible_elsewhere"]
    print(f"| engine | N | {' | '.join(f'{m} (ms)' for m in measures)} |")
    print(f"|---|---:|{'---:|' * len(measures)}")
    for (engine, n), found in rows.items():
        print(f"| {engine} | {n:,} | {' | '.join(f'{found[m]:.1f}' for m in measures)} |")
    top = max(sizes)
    pg, lite = rows["postgresql", top], rows["sqlite", top]
    checks = [
        (f"open on PostgreSQL ≤ {BUDGET_PG_OPEN_RATIO:g}× SQLite at {top:,}",
         pg["open"] <= BUDGET_PG_OPEN_RATIO * lite["open"]),
        (f"commit ≤ {BUDGET_COMMIT_MS:g} ms at {top:,}",
         max(pg["commit"], lite["commit"]) <= BUDGET_COMMIT_MS),
        (f"visible elsewhere ≤ {BUDGET_VISIBLE_MS:g} ms at {top:,}",
         max(pg["visible_elsewhere"], lite["visible_elsewhere"]) <= BUDGET_VISIBLE_MS),
    ]  # fmt: skip
    for what, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'} {what}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
