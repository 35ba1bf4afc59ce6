"""Changes made elsewhere appear in an open window within 2 s, on SQLite and PostgreSQL,
keeping the user's selection (docs/team-database.md); a server that stops or restarts is said, edits
are
refused meanwhile, and the window reconnects by itself."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QListView, QSpinBox

from desktop.domain.fields import LayerField
from desktop.store.demo import demo_path
from desktop.store.server import database_target
from desktop.ui.editing.commands import RemoveLayer, push

from .helpers import EVENTUALLY_MS
from .test_team_conflicts import YELLOW, Editor, editors_on

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def editors(qtbot: Any, db_target: object) -> Iterator[Callable[[], Editor]]:
    """Editors on one database, on each engine (see test_team_conflicts)."""
    yield from editors_on(qtbot, db_target)


def spin(editor: Editor) -> QSpinBox:
    found = editor.window.findChild(QSpinBox, "stockQuantitySpin")
    assert found is not None
    return found


def select(editor: Editor, path: str) -> None:
    editor.window.layers_panel.select_layer(editor.layer(path))
    assert editor.window.layers_panel.current_layer() is editor.layer(path)


def test_an_edit_in_another_window_appears_keeping_the_selection(
    qtbot: Any, editors: Callable[[], Editor]
) -> None:
    a, b = editors(), editors()
    select(a, YELLOW)
    assert spin(a).value() == 5
    assert b.set(YELLOW, LayerField.STOCK_QUANTITY, 3)
    qtbot.waitUntil(lambda: spin(a).value() == 3, timeout=EVENTUALLY_MS)
    assert a.window.layers_panel.current_layer() is a.layer(YELLOW)
    assert a.stack.count() == 0 and a.messages == []


def test_a_layer_deleted_elsewhere_leaves_the_tree_and_the_selection_stays(
    qtbot: Any, editors: Callable[[], Editor]
) -> None:
    from desktop.ui.editing.commands import RemoveLayer, push

    a, b = editors(), editors()
    select(a, YELLOW)
    red = b.layer("Grip Color/Metallic Red")
    assert push(b.stack, RemoveLayer(b.document, red.id))  # type: ignore[arg-type]
    qtbot.waitUntil(
        lambda: a.document.configurator.find_path("Grip Color/Metallic Red") is None,  # type: ignore[union-attr]
        timeout=EVENTUALLY_MS,
    )
    qtbot.waitUntil(
        lambda: a.window.layers_panel.current_layer() is a.layer(YELLOW), timeout=EVENTUALLY_MS
    )


def test_a_configurator_imported_from_the_command_line_appears_in_the_list(
    qtbot: Any, editors: Callable[[], Editor], db_target: object
) -> None:
    a = editors()
    listed = a.window.findChild(QListView, "configuratorList")
    assert listed is not None and listed.model().rowCount() == 1
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    target = db_target.url if hasattr(db_target, "url") else str(db_target)
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", target, "import", str(demo_path())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: listed.model().rowCount() == 2, timeout=EVENTUALLY_MS)
    # The CLI's change to the open configurator's stock shows too.
    assert a.layer(YELLOW).stock.quantity == 5


@pytest.fixture
def server_editors(
    qtbot: Any, pg_url: str, pg_cluster: Any
) -> Iterator[tuple[Callable[[], Editor], Any]]:
    """Editors on a database of the test server, and the server, to stop and restart."""
    try:
        yield from ((make, pg_cluster) for make in editors_on(qtbot, database_target(pg_url)))
    finally:
        if not pg_cluster.running():  # the next test needs it, whatever happened here
            pg_cluster.start()


def test_a_server_stopped_then_started_is_said_refuses_edits_and_reconnects(
    qtbot: Any, server_editors: tuple[Callable[[], Editor], Any]
) -> None:
    make, cluster = server_editors
    a = make()
    select(a, YELLOW)
    label = a.window.findChild(QLabel, "connectionStatusLabel")
    assert label is not None and label.isHidden()
    cluster.stop()
    try:
        qtbot.waitUntil(lambda: not label.isHidden(), timeout=EVENTUALLY_MS)
        # What is shown stays; an edit is refused with the reason and leaves no undo step.
        assert a.layer(YELLOW).stock.quantity == 5
        assert not a.set(YELLOW, LayerField.STOCK_QUANTITY, 8)
        assert "cannot be reached" in a.messages[-1]
        assert a.stack.count() == 0
    finally:
        cluster.start()
    qtbot.waitUntil(label.isHidden, timeout=EVENTUALLY_MS)
    assert a.set(YELLOW, LayerField.STOCK_QUANTITY, 8)
    assert a.stored(YELLOW).stock.quantity == 8


def test_after_a_server_restart_changes_elsewhere_still_appear(
    qtbot: Any, server_editors: tuple[Callable[[], Editor], Any]
) -> None:
    make, cluster = server_editors
    a, b = make(), make()
    select(a, YELLOW)
    cluster.restart()
    assert b.set(YELLOW, LayerField.STOCK_QUANTITY, 4)
    qtbot.waitUntil(lambda: spin(a).value() == 4, timeout=EVENTUALLY_MS)
    assert a.set(YELLOW, LayerField.STOCK_QUANTITY, 6)
    assert b.stored(YELLOW).stock.quantity == 6


def test_a_windows_own_edits_are_not_read_back_but_changes_elsewhere_are(
    editors: Callable[[], Editor], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = editors(), editors()
    watcher = a.window.team_status.watcher
    watcher.timer.stop()  # the test looks when it wants to
    refreshes: list[None] = []
    refresh = a.document.refresh
    monkeypatch.setattr(a.document, "refresh", lambda: (refreshes.append(None), refresh())[1])
    # A's own structural edits and field edit: shown already, never re-read (a whole tree at
    # 100,000 options took seconds).
    for path in ("Grip Color/Metallic Red", "Buttons/Chrome"):
        assert push(a.stack, RemoveLayer(a.document, a.layer(path).id))  # type: ignore[arg-type]
    assert a.set(YELLOW, LayerField.STOCK_QUANTITY, 9)
    watcher.poll()
    assert refreshes == []
    assert a.document.configurator.find_path("Grip Color/Metallic Red") is None  # type: ignore[union-attr]
    # A change elsewhere in the same poll as one of A's own is still read and shown.
    b.document.refresh()
    assert push(b.stack, RemoveLayer(b.document, b.layer("Thumbsticks/Gold").id))  # type: ignore[arg-type]
    assert a.set(YELLOW, LayerField.STOCK_QUANTITY, 8)
    watcher.poll()
    assert len(refreshes) == 1
    assert a.document.configurator.find_path("Thumbsticks/Gold") is None  # type: ignore[union-attr]
    assert a.layer(YELLOW).stock.quantity == 8
