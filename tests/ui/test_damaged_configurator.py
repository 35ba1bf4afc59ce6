"""A configurator damaged by a hand edit (docs/stored-data.md) in the window: opening it says
so, naming the layer and the field; it can still be deleted from the list, and the undo puts
its rows back exactly as they were (still damaged, so still not opened)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListView, QMessageBox

from desktop.ui.configurators.configurators_panel import IdRole
from desktop.ui.window.main_window import MainWindow
from tests.store.damaged import hand_edit

from .helpers import answer, find, read_names

DAMAGE = (
    "UPDATE layer SET name = 'Bad' || char(10) || 'Name' WHERE id = (SELECT min(id) FROM layer "
    "WHERE configurator_id = (SELECT id FROM configurator WHERE name = 'Second'))"
)


def _rows(path: Path) -> list[tuple[Any, ...]]:
    """Every stored row of every table that a configurator owns, as SQLite holds them."""
    conn = sqlite3.connect(path)
    try:
        return [
            *conn.execute("SELECT * FROM configurator ORDER BY id"),
            *conn.execute("SELECT * FROM layer ORDER BY id"),
        ]
    finally:
        conn.close()


def _listed(window: MainWindow) -> list[str]:
    model = find(window, QListView, "configuratorList").model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_a_damaged_configurator_is_said_and_can_be_deleted_and_undeleted(
    window: MainWindow, qtbot: Any
) -> None:
    path = window.document.db_path
    assert path is not None
    hand_edit(path, DAMAGE)
    damaged = _rows(path)
    said: list[str] = []
    window.document.failed.connect(lambda failure: said.append(failure.text))
    view = find(window, QListView, "configuratorList")
    second = view.model().index(_listed(window).index("Second"), 0)
    assert not window.document.try_open(second.data(IdRole))
    assert "has an invalid name 'Bad\\nName' (must not contain control characters" in said[-1]
    view.setCurrentIndex(second)
    find(window, QAction, "deleteConfiguratorAction").trigger()
    answer(qtbot, "confirmDeleteConfigurator", QMessageBox.StandardButton.Yes)
    assert _listed(window) == ["Controller"] and read_names(path) == ["Controller"]
    find(window, QAction, "undoAction").trigger()
    assert _listed(window) == ["Controller", "Second"]
    assert _rows(path) == damaged  # every row back, values and ids as they were
    assert window.windowTitle().startswith("Controller")  # the damaged one is not opened
    find(window, QAction, "redoAction").trigger()
    assert read_names(path) == ["Controller"]


def test_a_row_damaged_while_the_window_shows_it_is_not_exported(
    window: MainWindow, tmp_path: Path
) -> None:
    """The window still shows the configurator as it read it; its export reads the rows
    again, finds the image path leading out of the media folder and writes nothing."""
    path = window.document.db_path
    assert path is not None and window.document.configurator is not None
    cfg_id = window.document.configurator.id
    hand_edit(
        path,
        "UPDATE layer SET image = '../../../../.ssh/id_rsa' WHERE id = (SELECT min(id) FROM "
        f"layer WHERE configurator_id = {cfg_id} AND type = 'image')",
    )
    target = tmp_path / "share" / "a" / "t.json"
    assert cfg_id is not None and not window.exchange_actions.export_to(cfg_id, target)
    box = window.findChild(QMessageBox, "exportErrorBox")
    assert box is not None
    assert "has an invalid image '../../../../.ssh/id_rsa' (must not go up" in box.text()
    assert not (tmp_path / "share").exists()
