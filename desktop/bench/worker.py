"""One benchmark size in a fresh process (so its peak RSS is its own), on its own copy of the
catalogue database, which holds the configurators of every size measured."""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..store import repository as repo
from ..store.database import Database, open_database
from . import headless, synthetic
from . import scenarios as scenario_measures
from . import wordpress as wordpress_measures
from .timing import median_ms

OTHER_NAME = "Switch"  # a small configurator to switch to and from


def build_catalogue(path: Path, sizes: list[int]) -> None:
    """A database holding one synthetic configurator per size, and a small one besides."""
    db = open_database(path)
    try:
        with db.session() as session:
            for n in sizes:
                repo.insert_configurator(session, synthetic.build(synthetic.name_for(n), n))
            repo.insert_configurator(session, synthetic.build(OTHER_NAME, 10))
    finally:
        db.close()


def run(catalogue: Path, options: int, trials: int, gui: bool) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="cfg-bench-") as tmp:
        workdir = Path(tmp)
        db_file = workdir / "bench.db"
        shutil.copyfile(catalogue, db_file)
        db = open_database(db_file)
        with db.session() as session:
            big_id = repo.find_configurator(session, synthetic.name_for(options))
            other_id = repo.find_configurator(session, OTHER_NAME)
            assert big_id is not None and other_id is not None
            big = repo.load_configurator(session, big_id)
        # The tree just read is walked by the cycle collector as it ages (gen1, then a full
        # pass: 60 ms each at 100,000 options); untimed here, those walks would land in one or
        # two of the next measure's trials. The window's own opens are measured as they are.
        gc.collect()
        results = headless.measure(db, big, workdir, trials)
        results.update(scenario_measures.measure(big, trials))
        results["cli_storefront"] = cli_storefront(db_file, big.name, trials)
        results.update(_window_measures(db, big_id, other_id, workdir, trials, gui))
        # ru_maxrss is KiB on Linux. Read before the WordPress round trip, whose PHP values of
        # a whole configurator would otherwise set this process's peak: peak_rss_mb stays the
        # editor's own (at 100,000 options the round trip ran it from about 455 to 778 MB).
        results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        with db.session() as session:  # the window's measures deleted it and undid that
            big_id = repo.find_configurator(session, synthetic.name_for(options))
        assert big_id is not None
        results.update(wordpress_measures.measure(db, big_id, workdir, trials))
        db.close()
    return results


def cli_storefront(db_file: Path, name: str, trials: int) -> float:
    """A whole `configurator-editor storefront NAME --checkout --json` process."""
    command = [sys.executable, "-m", "desktop", "--db", str(db_file), "storefront", name,
               "--checkout", "--json"]  # fmt: skip

    def run_once() -> None:
        out = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(f"storefront failed: {out.stderr}")

    run_once()  # untimed: a first start may still write bytecode (see __main__._as_installed)
    return median_ms(max(1, min(trials, 5)), run_once)


def _window_measures(
    db: Database, big_id: int, other_id: int, workdir: Path, trials: int, gui: bool
) -> dict[str, float]:
    """Through the real window, or (headless) the edits alone through a bare undo stack."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from ..ui.editing.document import Document
    from . import edits

    app = QApplication.instance() or QApplication([])
    document = Document(db)
    if gui:
        from . import gui as gui_measures
        from . import stock as stock_measures

        results = gui_measures.measure(document, big_id, other_id, trials)
        results.update(stock_measures.measure(document, big_id, workdir, trials))
    else:
        stack = QUndoStack()
        results = edits.group_edits(document, stack, big_id, trials)
        results.update(edits.configurator_edits(document, stack, big_id, other_id, trials))
    del app
    return results


if __name__ == "__main__":
    if sys.argv[1] == "build":
        start = time.perf_counter()
        build_catalogue(Path(sys.argv[2]), [int(s) for s in sys.argv[3].split(",")])
        print(json.dumps({"build_s": time.perf_counter() - start}))
    else:
        path, size, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
        print(json.dumps(run(path, size, count, sys.argv[4] == "gui")))
