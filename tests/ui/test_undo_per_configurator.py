"""Undo acts on what is on screen: one undo stack per configurator, one for the configurators
list, and a single click in the list opens a configurator (docs/editing.md)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListView,
    QMessageBox,
    QSpinBox,
    QTreeView,
    QUndoView,
)

from desktop.ui.window.main_window import MainWindow

from .helpers import (
    answer,
    find,
    read_configurator,
    read_names,
    select,
    shown_children,
    visible_dialog,
)


def _open(window: MainWindow, name: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A single click on the configurator's row in the list."""
    view = find(window, QListView, "configuratorList")
    model = view.model()
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index(name)
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.windowTitle().startswith(name)


def _focus(window: MainWindow, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget = window.findChild(QTreeView if name == "layersTree" else QListView, name)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _red(window: MainWindow) -> int | None:
    found = read_configurator(window.document.db_path).find_path("Grip Color/Red")  # type: ignore[arg-type]
    assert found is not None
    return found.stock.quantity


def test_a_single_click_opens_and_the_highlight_is_the_open_one(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    view = find(window, QListView, "configuratorList")
    _open(window, "Second", qtbot)
    assert shown_children(window) == ["Wheel"]
    assert view.currentIndex().data() == "Second"
    # The keyboard too: the highlighted row is always the open configurator.
    view.selectionModel().setCurrentIndex(
        view.model().index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert window.windowTitle().startswith("Controller")


def test_undo_never_reaches_a_configurator_that_is_not_open(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    undo = find(window, QAction, "undoAction")
    redo = find(window, QAction, "redoAction")
    select(window, "Grip Color/Red")
    find(window, QSpinBox, "stockQuantitySpin").setValue(5)
    assert undo.text() == '&Undo Change stock quantity of "Red"'
    _open(window, "Second", qtbot)
    _focus(window, qtbot, "layersTree")
    # Second has no edits: Edit offers nothing, and Ctrl+Z leaves the Controller alone.
    assert not undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _red(window) == 5
    _open(window, "Controller", qtbot)
    _focus(window, qtbot, "layersTree")
    assert undo.text() == '&Undo Change stock quantity of "Red"'
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _red(window) == 2


def test_a_redo_left_in_another_configurator_stays_there(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    _open(window, "Second", qtbot)
    select(window, "Wheel")
    find(window, QAction, "deleteLayerAction").trigger()
    answer(qtbot, "confirmDeleteLayer", QMessageBox.StandardButton.Yes)
    assert shown_children(window) == []
    find(window, QAction, "undoAction").trigger()  # Wheel back; its redo would delete it
    assert shown_children(window) == ["Wheel"]
    _open(window, "Controller", qtbot)
    _focus(window, qtbot, "layersTree")
    redo = find(window, QAction, "redoAction")
    assert not redo.isEnabled()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, keys)
    assert window.windowTitle().startswith("Controller")
    assert [
        layer.name for layer in read_configurator(window.document.db_path, "Second").layers
    ] == [  # type: ignore[arg-type]
        "Wheel"
    ]


def test_deleting_a_configurator_is_undone_from_the_list(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    select(window, "Grip Color/Red")
    find(window, QSpinBox, "stockQuantitySpin").setValue(4)
    _open(window, "Second", qtbot)
    find(window, QAction, "deleteConfiguratorAction").trigger()
    answer(qtbot, "confirmDeleteConfigurator", QMessageBox.StandardButton.Yes)
    assert read_names(window.document.db_path) == ["Controller"]  # type: ignore[arg-type]
    undo = find(window, QAction, "undoAction")
    # Right after it, and whenever the list has the focus, Undo is the list's.
    assert undo.text() == '&Undo Delete configurator "Second"'
    _focus(window, qtbot, "layersTree")  # the Controller, open in its place
    assert undo.text() == '&Undo Change stock quantity of "Red"'
    _focus(window, qtbot, "configuratorList")
    assert undo.text() == '&Undo Delete configurator "Second"'
    undo.trigger()
    assert read_names(window.document.db_path) == ["Controller", "Second"]  # type: ignore[arg-type]
    assert window.windowTitle().startswith("Second")
    assert _red(window) == 4  # the Controller's edit untouched


def test_each_configurator_keeps_its_own_history(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    stacks = window.undo_stacks
    select(window, "Grip Color/Red")
    find(window, QSpinBox, "stockQuantitySpin").setValue(3)
    controller = window.undo_stacks.current()
    _open(window, "Second", qtbot)
    _focus(window, qtbot, "layersTree")
    assert window.undo_stacks.current() is not controller and window.undo_stack.count() == 0
    _focus(window, qtbot, "configuratorList")
    assert stacks.activeStack() is stacks.list_stack
    _open(window, "Controller", qtbot)
    _focus(window, qtbot, "layersTree")
    assert window.undo_stacks.current() is controller and controller.count() == 1


def test_the_history_view_follows_the_configurator_on_screen(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    view = window.findChild(QUndoView, "undoView")
    assert view is not None and not view.isVisible()
    window.history_dock.toggleViewAction().trigger()
    assert view.isVisible()
    select(window, "Grip Color/Red")
    find(window, QSpinBox, "stockQuantitySpin").setValue(6)
    controller = window.undo_stacks.current()
    assert view.stack() is controller
    assert view.model().index(1, 0).data() == 'Change stock quantity of "Red"'
    _open(window, "Second", qtbot)
    _focus(window, qtbot, "layersTree")
    assert view.stack() is window.undo_stacks.current() and view.stack() is not controller
    assert view.model().rowCount() == 1  # only "As opened": Second has no edits


def test_a_configurator_created_from_a_dialog_is_undone_next(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    _focus(window, qtbot, "layersTree")  # working in the tree, then New configurator…
    find(window, QAction, "newConfiguratorAction").trigger()
    dialog = visible_dialog(qtbot, QDialog, "newConfiguratorDialog")
    dialog.activateWindow()
    find(dialog, QLineEdit, "nameEdit").setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    find(dialog, QLineEdit, "nameEdit").setText("Keyboard kit")
    find(dialog, QDialogButtonBox, "").button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # The focus came back to the tree; Undo still undoes the create it just did.
    assert find(window, QAction, "undoAction").text() == '&Undo New configurator "Keyboard kit"'
    find(window, QAction, "undoAction").trigger()
    assert read_names(window.document.db_path) == ["Controller", "Second"]  # type: ignore[arg-type]
