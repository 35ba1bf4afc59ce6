"""Measures that need no window: commit, storefront, export, import, the raw SQLite floor."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..domain.fields import LayerField
from ..domain.model import Configurator
from ..domain.storefront import Storefront
from ..store import exchange
from ..store import repository as repo
from ..store.database import Database
from .timing import median_ms


def measure(db: Database, cfg: Configurator, workdir: Path, trials: int) -> dict[str, float]:
    cfg_id, option = cfg.id, next(o for o in cfg.options() if o.stock.manage)
    option_id = option.id
    assert cfg_id is not None and option_id is not None and db.path is not None
    results: dict[str, float] = {}
    counter = iter(range(10**6))

    def commit() -> None:
        with db.session() as session:
            repo.update_layer(session, option_id, {LayerField.STOCK_QUANTITY: next(counter)})

    results["commit"] = median_ms(trials, commit)

    def storefront() -> None:
        shop = Storefront(cfg, addon_active=True)
        shop.select_defaults()
        for o in cfg.options():
            shop.state(o)
        shop.add_to_cart(1)
        shop.checkout()

    results["storefront"] = median_ms(trials, storefront)

    export_path = workdir / "export.json"

    def export() -> None:
        # As `export -o FILE` and the window's Export write it (the file and its images).
        with db.session() as session:
            exchange.export_file(session, cfg_id, export_path)

    results["export"] = median_ms(trials, export)

    imported: list[int] = []

    def do_import() -> None:
        with db.session() as session:
            imported.append(exchange.import_file(session, export_path))

    def drop_previous() -> None:
        while imported:
            with db.session() as session:
                repo.delete_configurator(session, imported.pop())

    results["import"] = median_ms(trials, do_import, setup=drop_previous)
    drop_previous()

    db_file = db.path

    def raw_select() -> None:
        conn = sqlite3.connect(db_file)
        try:
            conn.execute("SELECT * FROM layer WHERE configurator_id = ?", (cfg.id,)).fetchall()
        finally:
            conn.close()

    results["raw_select"] = median_ms(trials, raw_select)
    return results
