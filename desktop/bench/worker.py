"""One benchmark size in a fresh process (so its peak RSS is its own)."""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
from pathlib import Path

from ..store import repository as repo
from ..store.database import open_database
from . import headless, synthetic
from . import scenarios as scenario_measures


def run(options: int, trials: int, gui: bool) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="cfg-bench-") as tmp:
        workdir = Path(tmp)
        db = open_database(workdir / "bench.db")
        big = synthetic.build("Bench", options)
        other = synthetic.build("Switch", 10)
        with db.session() as session:
            repo.insert_configurator(session, big)
            repo.insert_configurator(session, other)
        results = headless.measure(db, big, workdir, trials)
        results.update(scenario_measures.measure(big, trials))
        if gui:
            from PySide6.QtWidgets import QApplication

            from ..ui.document import Document
            from . import gui as gui_measures

            app = QApplication.instance() or QApplication([])
            document = Document(db)
            results.update(gui_measures.measure(document, big.id, other.id, trials))  # type: ignore[arg-type]
            from . import stock as stock_measures

            results.update(stock_measures.measure(document, big.id, workdir, trials))  # type: ignore[arg-type]
            del app
        db.close()
    # ru_maxrss is KiB on Linux.
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return results


if __name__ == "__main__":
    size, count, with_gui = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "gui"
    print(json.dumps(run(size, count, with_gui)))
