"""A change-log row the window cannot read (an unknown kind, an id that is not a number: written
by hand, or by a newer version) is passed over and logged once; the window goes on following
the changes made elsewhere (docs/stored-data.md), on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.fields import LayerField
from desktop.store import repository
from desktop.store.demo import open_store
from tests.store.damaged import hand_edit_target

from .helpers import EVENTUALLY_MS
from .test_team_conflicts import YELLOW, Editor, editors_on

BOGUS = "INSERT INTO change_log (kind, configurator_id, layer_id) VALUES ('bogus', 1, NULL)"


@pytest.fixture
def editors(qtbot: Any, db_target: object) -> Iterator[Callable[[], Editor]]:
    yield from editors_on(qtbot, db_target)


def set_elsewhere(target: object, layer_id: int, quantity: int) -> None:
    """A change made by another program: its own connection, no window of its own."""
    database = open_store(target)  # type: ignore[arg-type]
    try:
        with database.session() as session:
            repository.update_layer(session, layer_id, {LayerField.STOCK_QUANTITY: quantity})
    finally:
        database.close()


def test_an_unknown_kind_is_passed_over_and_changes_elsewhere_still_show(
    qtbot: Any,
    editors: Callable[[], Editor],
    db_target: object,
    caplog: pytest.LogCaptureFixture,
) -> None:
    a = editors()
    yellow = a.layer(YELLOW).id
    assert yellow is not None
    caplog.set_level(logging.WARNING, logger="desktop.store.changes")
    hand_edit_target(db_target, BOGUS)
    set_elsewhere(db_target, yellow, 3)
    qtbot.waitUntil(lambda: a.layer(YELLOW).stock.quantity == 3, timeout=EVENTUALLY_MS)
    (said,) = [r.getMessage() for r in caplog.records]
    assert "has the unknown kind 'bogus': passed over" in said
    # A second such row, then another change: still followed, and not said again.
    hand_edit_target(db_target, BOGUS)
    set_elsewhere(db_target, yellow, 4)
    qtbot.waitUntil(lambda: a.layer(YELLOW).stock.quantity == 4, timeout=EVENTUALLY_MS)
    assert [r.getMessage() for r in caplog.records] == [said]
    assert a.messages == [] and a.window.team_status.watcher.lost is None


def test_a_row_whose_id_is_not_a_number_is_passed_over(qtbot: Any, tmp_path: Path) -> None:
    """Only a file can hold text in an integer column (SQLite's type affinity)."""
    db = tmp_path / "shop.db"
    editors = editors_on(qtbot, db)
    a = next(editors)()
    yellow = a.layer(YELLOW).id
    assert yellow is not None
    hand_edit_target(
        db, "INSERT INTO change_log (kind, configurator_id, layer_id) VALUES ('layer', 1, 'x')"
    )
    set_elsewhere(db, yellow, 6)
    qtbot.waitUntil(lambda: a.layer(YELLOW).stock.quantity == 6, timeout=EVENTUALLY_MS)
    assert a.messages == []
    editors.close()  # closes the databases (the generator's own clean-up)
