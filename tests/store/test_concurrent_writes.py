"""Two writers at once (docs/reliability.md): imports started together all succeed, each under its
own
free name, because the name is chosen inside the write's own (immediate) transaction."""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.demo import demo_path
from desktop.store.exchange import import_file

WRITERS = 4
IMPORTS_EACH = 3


def test_imports_at_the_same_moment_all_succeed_with_distinct_names(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    open_database(path).close()
    start = threading.Barrier(WRITERS)
    results: list[int] = []
    failures: list[BaseException] = []

    def writer() -> None:
        database = open_database(path)  # each writer its own connection, as two processes
        try:
            start.wait()
            with database.session() as session:
                for _ in range(IMPORTS_EACH):
                    results.append(import_file(session, demo_path()))
        except BaseException as exc:
            failures.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert len(set(results)) == WRITERS * IMPORTS_EACH
    database = open_database(path)
    try:
        with database.session() as session:
            names = [c.name for c in repository.list_configurators(session)]
    finally:
        database.close()
    base = "Custom Game Controller"
    expected = {base} | {f"{base} ({n})" for n in range(2, WRITERS * IMPORTS_EACH + 1)}
    assert set(names) == expected
