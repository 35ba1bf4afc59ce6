"""A window on a server wakes on the server's notification of a commit, not at its next poll;
a window that fell behind the trimmed change log reads everything (docs/team-database.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from desktop.domain.fields import LayerField
from desktop.store import changes
from desktop.store.server import database_target
from desktop.ui.database.change_watcher import TeamStatus

from .helpers import EVENTUALLY_MS
from .test_team_conflicts import YELLOW, Editor, editors_on

QTY = LayerField.STOCK_QUANTITY


def watcher_of(editor: Editor) -> Any:
    status = editor.window.findChild(TeamStatus)
    assert status is not None
    return status.watcher


def test_a_window_on_a_server_wakes_on_the_notification(qtbot: Any, pg_url: str) -> None:
    for make in editors_on(qtbot, database_target(pg_url)):
        a, b = make(), make()
        watcher_of(a).timer.stop()  # no polling: only the notification can wake it
        doc, yellow = a.document, a.layer(YELLOW).id
        assert b.set(YELLOW, QTY, 3)
        qtbot.waitUntil(lambda: doc.layer(yellow).stock.quantity == 3, timeout=EVENTUALLY_MS)  # noqa: B023
        assert b.set(YELLOW, QTY, 4)  # and again: the notifier keeps watching
        qtbot.waitUntil(lambda: doc.layer(yellow).stock.quantity == 4, timeout=EVENTUALLY_MS)  # noqa: B023


@pytest.fixture
def editors(qtbot: Any, db_target: object) -> Iterator[Callable[[], Editor]]:
    yield from editors_on(qtbot, db_target)


def test_a_window_behind_the_trimmed_log_reads_everything(
    qtbot: Any, editors: Callable[[], Editor], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changes, "KEEP_CHANGES", 3)
    a, b = editors(), editors()
    watcher = watcher_of(a)
    watcher.timer.stop()
    if watcher._notifier is not None:
        watcher._notifier.setEnabled(False)  # asleep while many changes go by
    refreshed: list[bool] = []
    real = a.document.refresh
    monkeypatch.setattr(a.document, "refresh", lambda: (refreshed.append(True), real())[1])
    for value in range(10, 20):
        assert b.set(YELLOW, QTY, value)
    assert b.set("Grip Color/Metallic Red", LayerField.NAME, "Ruby")
    watcher.timer.start()
    qtbot.waitUntil(lambda: a.layer(YELLOW).stock.quantity == 19, timeout=EVENTUALLY_MS)
    assert refreshed  # the whole configurator was read again, not the (lost) single changes
    assert a.document.configurator.find_path("Grip Color/Ruby") is not None  # type: ignore[union-attr]


def test_a_window_busy_with_a_long_task_stops_watching_until_it_is_done(
    qtbot: Any, pg_url: str
) -> None:
    for make in editors_on(qtbot, database_target(pg_url)):
        a, b = make(), make()
        watcher = watcher_of(a)
        watcher.timer.stop()
        doc, yellow = a.document, a.layer(YELLOW).id
        doc.gateway.busy = True  # as inside a long task's loop
        assert b.set(YELLOW, QTY, 3)
        qtbot.waitUntil(lambda: not watcher._notifier.isEnabled(), timeout=EVENTUALLY_MS)  # noqa: B023
        assert doc.layer(yellow).stock.quantity == 5  # not looked at meanwhile
        doc.gateway.busy = False
        watcher.poll()  # the timer's next look
        assert doc.layer(yellow).stock.quantity == 3
        assert b.set(YELLOW, QTY, 4)  # watched again: the notification wakes it
        qtbot.waitUntil(lambda: doc.layer(yellow).stock.quantity == 4, timeout=EVENTUALLY_MS)  # noqa: B023
