"""The change log stays small (docs/team-database.md): it keeps the newest KEEP_CHANGES changes, and
a
window that fell further behind is told to read everything rather than miss a change, on
SQLite and PostgreSQL."""

from __future__ import annotations

import select
import time

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select

from desktop.domain.fields import LayerField
from desktop.store import changes, repository
from desktop.store.database import Database
from desktop.store.demo import open_store
from desktop.store.watch import ChangeProbe

YELLOW = "Grip Color/Metallic Yellow"


def _set_quantities(database: Database, values: range) -> None:
    with database.session() as session:
        cfg_id = repository.find_configurator(session, "Custom Game Controller")
        cfg = repository.load_configurator(session, cfg_id)  # type: ignore[arg-type]
        yellow = cfg.find_path(YELLOW)
        assert yellow is not None and yellow.id is not None
        for value in values:
            repository.update_layer(session, yellow.id, {LayerField.STOCK_QUANTITY: value})


def _poll(probe: ChangeProbe) -> list[changes.Change] | None:
    """Poll once the commits are there to notice (a server's notification is on its way)."""
    deadline = time.monotonic() + 30  # generous: how fast is the benchmark's business
    while True:
        socket = probe.socket()
        if socket is not None:
            select.select([socket[0]], [], [], 0.5)
        found = probe.poll()
        if found != [] or time.monotonic() > deadline:
            return found


def _logged(database: Database) -> int:
    with database.session() as session:
        query = sql_select(func.count()).select_from(changes.CHANGE_LOG)
        return session.connection().execute(query).scalar_one()


def test_the_log_keeps_the_newest_changes_and_a_window_behind_reads_everything(
    db_target: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changes, "KEEP_CHANGES", 5)
    mine, theirs = open_store(db_target), open_store(db_target)  # type: ignore[arg-type]
    try:
        probe = ChangeProbe(mine)
        _set_quantities(theirs, range(1, 4))  # within what the log keeps: each change named
        found = _poll(probe)
        assert found is not None and [c.kind for c in found] == [changes.ChangeKind.LAYER] * 3
        _set_quantities(theirs, range(10, 22))  # more than it keeps since the window looked
        assert _logged(theirs) <= 5 + 1
        assert _poll(probe) is None  # fell behind: told to read everything
        _set_quantities(theirs, range(30, 31))
        found = _poll(probe)  # and from there on, only what changed again
        assert found is not None and len(found) == 1
    finally:
        mine.close()
        theirs.close()
