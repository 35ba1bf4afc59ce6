"""A database the user may read but not change opens read-only: a banner says so, every editing
action is disabled, and looking, the preview, scenarios and exports go on working
(docs/database-urls.md). Three ways: a read-only file, a file in a read-only folder, and a
PostgreSQL role that may only SELECT. Under root the files are made read-only by their
permission bits alone, which root honours as a user would (desktop/store/read_only.py)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QPushButton,
)

from desktop.cli import main
from desktop.domain.fields import LayerField
from desktop.store import repository
from desktop.store.database import Database, open_database, open_target
from desktop.store.server import database_target
from desktop.ui.editing.commands import SetLayerFields, push
from desktop.ui.editing.document import Document
from desktop.ui.window.main_window import MainWindow, open_initial
from tests.pg_roles import select_only_role

from .helpers import EVENTUALLY_MS, controller, second

SCENARIO = {
    "format": "configurator-editor-scenario/1",
    "name": "Yellow is in stock",
    "configurator": "Controller",
    "steps": [
        {"select": "Grip Color/Yellow"},
        {"expect": {"option": "Grip Color/Yellow", "availability": "in_stock"}},
    ],
}


@contextlib.contextmanager
def read_only_file(db_path: Path) -> Iterator[None]:
    os.chmod(db_path, 0o444)
    try:
        yield
    finally:
        os.chmod(db_path, 0o644)


@contextlib.contextmanager
def read_only_folder(db_path: Path) -> Iterator[None]:
    os.chmod(db_path.parent, 0o555)
    try:
        yield
    finally:
        os.chmod(db_path.parent, 0o755)


def _window(qtbot: Any, database: Database) -> MainWindow:
    document = Document(database)
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    open_initial(document)
    return window


def _check_read_only_window(
    qtbot: Any, window: MainWindow, why: str, tmp_path: Path, name: str
) -> None:
    document = window.document
    assert document.read_only == why
    banner = window.findChild(QLabel, "readOnlyBanner")
    assert banner is not None and banner.isVisible()
    assert banner.text() == (
        f"{name} is read-only ({why}): you can look, preview and export, not edit."
    )
    assert document.configurator is not None and document.configurator.name == "Controller"

    # Selecting a layer, opening another configurator: what would enable an edit does not.
    window.layers_panel.select_layer(document.configurator.find_path("Grip Color/Yellow"))
    window.stock_actions.panel.view.selectAll()
    for action in window.editing_actions():
        assert not action.isEnabled(), action.objectName()
    names = {action.objectName() for action in window.editing_actions()}
    assert {
        "undoAction",
        "redoAction",
        "addGroupAction",
        "addLayerAction",
        "deleteLayerAction",
        "renameLayerAction",
        "globalSettingsAction",
        "stockAddonAction",
        "importConfiguratorAction",
        "bulkEditAction",
        "importStockAction",
        "newConfiguratorAction",
        "deleteConfiguratorAction",
    } <= names
    panel = window.settings_panel
    assert panel.layer is not None  # shown, to be read
    for field in (panel.name_edit, panel.price_edit, panel.stock.quantity_spin):
        assert not field.isEnabled()
    assert panel.name_edit.text() == "Yellow"
    tree = window.tree_model
    index = tree.index(0, 0, QModelIndex())
    assert not tree.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not tree.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    cfg_list = window.configurators_panel.model
    assert not cfg_list.flags(cfg_list.index(0)) & Qt.ItemFlag.ItemIsEditable
    stock = window.stock_actions.panel.model
    for column in range(stock.columnCount()):
        flags = stock.flags(stock.index(0, column))
        assert not flags & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)

    # An edit pushed anyway (a script, a shortcut) is refused before it writes: no undo step.
    yellow = document.configurator.find_path("Grip Color/Yellow")
    assert yellow is not None and yellow.id is not None
    command = SetLayerFields(document, yellow.id, {LayerField.NAME: "Gold"}, "Rename")
    assert not push(window.undo_stack, command)
    assert window.undo_stack.count() == 0
    assert "read-only" in window.statusBar().currentMessage()
    assert not any(box.isVisible() for box in window.findChildren(QMessageBox))

    # The preview, a scenario and every export work.
    pane = window.preview
    red = next(
        button
        for button in pane.findChildren(QAbstractButton, "optionControl")
        if button.property("layerName") == "Red"
    )
    red.click()
    assert red.isChecked()
    add = pane.findChild(QPushButton, "addToCartButton")
    assert add is not None
    add.click()
    cart = pane.findChild(QAbstractItemView, "cartView")
    assert cart is not None and cart.model().rowCount() == 1
    tmp_path.mkdir(exist_ok=True)
    scenario = tmp_path / "yellow.json"
    scenario.write_text(json.dumps(SCENARIO), encoding="utf-8")
    assert window.scenario_actions.play_file(scenario)
    assert window.exchange_actions.export_to(document.configurator.id, tmp_path / "out" / "c.json")
    assert json.loads((tmp_path / "out" / "c.json").read_text())["configurator"]["name"] == (
        "Controller"
    )
    assert window.stock_actions.export_to(tmp_path / "out" / "stock.csv")
    assert "Y-1" in (tmp_path / "out" / "stock.csv").read_text()
    assert window.preview_export.export_to(tmp_path / "out" / "preview.png")
    assert (tmp_path / "out" / "preview.png").stat().st_size > 0


def _unchanged(db_path: Path) -> None:
    """What the file holds, read afresh once every connection is closed."""
    database = open_database(db_path)
    try:
        with database.session() as session:
            names = [c.name for c in repository.list_configurators(session)]
            cfg = repository.load_configurator(
                session, repository.find_configurator(session, "Controller")
            )  # type: ignore[arg-type]
    finally:
        database.close()
    assert names == ["Controller", "Second"]
    assert cfg.find_path("Grip Color/Yellow") is not None


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_read_only_sqlite_database_opens_read_only(
    how: str, qtbot: Any, db_path: Path, tmp_path: Path
) -> None:
    protect = read_only_file if how == "file" else read_only_folder
    with protect(db_path):
        mtime = db_path.stat().st_mtime_ns
        database = open_database(db_path)
        try:
            window = _window(qtbot, database)
            why = f"its {how}'s permissions do not allow changes"
            _check_read_only_window(qtbot, window, why, tmp_path / "exports", db_path.name)
            window.close()
        finally:
            database.close()
        assert db_path.stat().st_mtime_ns == mtime
    _unchanged(db_path)


def test_a_writable_database_has_no_banner(window: MainWindow) -> None:
    assert window.document.read_only is None
    assert window.findChild(QLabel, "readOnlyBanner") is None
    assert window.layer_actions.add_group.isEnabled()
    assert window.global_settings_action.isEnabled()


@pytest.fixture
def reader_url(pg_url: str, pg_cluster: Any) -> Iterator[str]:
    """A test database holding the window tests' configurators, reached through a role that
    may only SELECT."""
    writer = open_target(database_target(pg_url))
    try:
        with writer.session() as session:
            first = repository.insert_configurator(session, controller())
            repository.insert_configurator(session, second())
            repository.set_last_configurator(session, first)
    finally:
        writer.close()
    with select_only_role(pg_cluster, pg_url) as url:
        yield url


def test_a_select_only_postgresql_role_opens_read_only(
    qtbot: Any, reader_url: str, tmp_path: Path
) -> None:
    role = reader_url.split("//")[1].split("@")[0]
    target = database_target(reader_url)
    database = open_target(target)
    try:
        window = _window(qtbot, database)
        why = f"the role {role} may only read it"
        _check_read_only_window(qtbot, window, why, tmp_path, str(target))
        # Someone whose role may write switches the add-on off: the reader's window follows.
        owner = reader_url.replace(f"//{role}@", "//postgres@")
        assert main(["--db", owner, "addons", "--disable", "stock-management"]) == 0
        qtbot.waitUntil(lambda: not window.stock_addon_action.isChecked(), timeout=EVENTUALLY_MS)
        assert not window.stock_addon_action.isEnabled()
        window.close()
    finally:
        database.close()
