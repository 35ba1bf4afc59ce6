"""The Configurators dock: list, open, create, rename, duplicate, delete (confirmed)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QMessageBox

from desktop.ui.window.main_window import MainWindow

from .helpers import answer, find, read_configurator, read_names, shown_children, visible_dialog


def _list(window: MainWindow) -> list[str]:
    view = find(window, QListView, "configuratorList")
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _row(window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    view = find(window, QListView, "configuratorList")
    return view.model().index(_list(window).index(name), 0)


def _name_dialog(qtbot, name: str, text: str) -> QDialog:  # type: ignore[no-untyped-def]
    dialog = visible_dialog(qtbot, QDialog, name)
    find(dialog, QLineEdit, "nameEdit").setText(text)
    find(dialog, QDialogButtonBox, "").button(QDialogButtonBox.StandardButton.Ok).click()
    return dialog


def test_list_and_open_by_activating_a_row(window: MainWindow) -> None:
    view = find(window, QListView, "configuratorList")
    assert _list(window) == ["Controller", "Second"]
    assert window.windowTitle().startswith("Controller")
    assert _row(window, "Controller").data(Qt.ItemDataRole.FontRole).bold()  # the open one
    assert view.currentIndex().data() == "Controller"
    view.activated.emit(_row(window, "Second"))
    assert window.windowTitle().startswith("Second")
    assert shown_children(window) == ["Wheel"]
    assert _row(window, "Second").data(Qt.ItemDataRole.FontRole).bold()
    assert _row(window, "Controller").data(Qt.ItemDataRole.FontRole) is None


def test_create_asks_for_a_name(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    find(window, QAction, "newConfiguratorAction").trigger()
    dialog = _name_dialog(qtbot, "newConfiguratorDialog", "Second")  # taken: stays open
    assert dialog.isVisible()
    assert "already exists" in find(dialog, QLabel, "nameError").text()
    find(dialog, QLineEdit, "productEdit").setText("Keyboard")
    _name_dialog(qtbot, "newConfiguratorDialog", "Keyboard kit")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _list(window) == ["Controller", "Keyboard kit", "Second"]
    assert window.windowTitle().startswith("Keyboard kit")
    assert shown_children(window) == []
    assert read_configurator(window.document.db_path, "Keyboard kit").product_name == "Keyboard"  # type: ignore[arg-type]
    find(window, QAction, "undoAction").trigger()
    assert _list(window) == ["Controller", "Second"]
    assert read_names(window.document.db_path) == ["Controller", "Second"]  # type: ignore[arg-type]
    find(window, QAction, "redoAction").trigger()
    assert read_names(window.document.db_path) == ["Controller", "Keyboard kit", "Second"]  # type: ignore[arg-type]


def test_rename_by_dialog_and_in_place(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    find(window, QAction, "renameConfiguratorAction").trigger()
    dialog = _name_dialog(qtbot, "renameConfiguratorDialog", "  ")
    assert "must not be empty" in find(dialog, QLabel, "nameError").text()
    _name_dialog(qtbot, "renameConfiguratorDialog", "Gamepad")
    assert _list(window) == ["Gamepad", "Second"]
    assert window.windowTitle().startswith("Gamepad")
    view = find(window, QListView, "configuratorList")
    assert view.model().setData(_row(window, "Second"), "Mouse")
    assert not view.model().setData(_row(window, "Mouse"), "Gamepad")  # taken
    assert "already exists" in window.statusBar().currentMessage()
    assert read_names(window.document.db_path) == ["Gamepad", "Mouse"]  # type: ignore[arg-type]
    assert window.undo_stack.undoText() == 'Rename configurator to "Mouse"'


def test_duplicate_makes_a_unique_copy(window: MainWindow) -> None:
    duplicate = find(window, QAction, "duplicateConfiguratorAction")
    duplicate.trigger()
    assert window.windowTitle().startswith("Controller (copy)")
    find(window, QListView, "configuratorList").setCurrentIndex(_row(window, "Controller"))
    duplicate.trigger()
    assert _list(window) == ["Controller", "Controller (copy)", "Controller (copy) (2)", "Second"]
    copy = read_configurator(window.document.db_path, "Controller (copy)")  # type: ignore[arg-type]
    assert [layer.name for layer in copy.layers] == ["Grip Color", "Extras", "Buttons"]
    assert copy.layers[0].children[0].stock.sku == "Y-1"


def test_delete_is_confirmed_and_undoable(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    delete = find(window, QAction, "deleteConfiguratorAction")
    delete.trigger()
    answer(qtbot, "confirmDeleteConfigurator", QMessageBox.StandardButton.Cancel)
    assert read_names(window.document.db_path) == ["Controller", "Second"]  # type: ignore[arg-type]
    delete.trigger()
    answer(qtbot, "confirmDeleteConfigurator", QMessageBox.StandardButton.Yes)
    assert _list(window) == ["Second"]
    assert read_names(window.document.db_path) == ["Second"]  # type: ignore[arg-type]
    assert window.windowTitle().startswith("Second")  # another one opened in its place
    find(window, QAction, "undoAction").trigger()
    assert _list(window) == ["Controller", "Second"]
    assert window.windowTitle().startswith("Controller")
    assert shown_children(window, "Grip Color") == ["Yellow", "Red", "Purple"]
    find(window, QAction, "redoAction").trigger()  # as the delete did: another one opens
    assert _list(window) == ["Second"]
    assert window.windowTitle().startswith("Second")
