"""The standard shortcuts (Redo on Ctrl+Y, New, Find, Help, Rename) and the list of them."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLineEdit, QMenu

from desktop.ui.window.main_window import MainWindow, with_ctrl_y
from desktop.ui.window.shortcuts_dialog import ShortcutsDialog

from .helpers import find, select, visible_dialog


def _keys(action: QAction) -> list[str]:
    return [k.toString() for k in action.shortcuts()]


def _press(qtbot, window: MainWindow, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget = window.focusWidget() or window
    qtbot.keyClick(widget, key, modifier)


@pytest.mark.skipif(sys.platform == "darwin", reason="Cmd+Y is not Redo on macOS")
def test_redo_is_also_on_ctrl_y(window: MainWindow) -> None:
    assert "Ctrl+Y" in _keys(find(window, QAction, "redoAction"))
    # Where the platform's Redo list lacks it (GNOME: Ctrl+Shift+Z only), it is added once.
    added = with_ctrl_y([QKeySequence("Ctrl+Shift+Z")])
    assert [k.toString() for k in added] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert len(with_ctrl_y(added)) == 2


def test_ctrl_y_redoes(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    find(window, QAction, "stockAddonAction").setChecked(False)
    assert window.document.addon_active is False
    window.undo_action.trigger()
    assert window.document.addon_active is True
    window.layers_panel.tree.setFocus()
    _press(qtbot, window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.document.addon_active is False


def test_ctrl_n_opens_new_configurator(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert "Ctrl+N" in _keys(find(window, QAction, "newConfiguratorAction"))
    window.layers_panel.tree.setFocus()
    _press(qtbot, window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    visible_dialog(qtbot, QDialog, "newConfiguratorDialog").reject()


def test_ctrl_f_focuses_the_layer_filter(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.layers_dock.close()
    window.preview.setFocus()
    _press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = find(window, QLineEdit, "layerFilterEdit")
    qtbot.waitUntil(edit.hasFocus)
    assert window.layers_dock.isVisible()
    edit.setText("Red")
    find(window, QAction, "findLayerAction").trigger()
    assert edit.selectedText() == "Red"  # typing replaces the old filter


def test_f1_lists_every_shortcut_from_the_actions(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert "F1" in _keys(find(window, QAction, "keyboardShortcutsAction"))
    window.layers_panel.tree.setFocus()
    _press(qtbot, window, Qt.Key.Key_F1)
    dialog = visible_dialog(qtbot, ShortcutsDialog, "keyboardShortcutsDialog")
    rows = dict(dialog.rows())
    keys = {label: text.split(" or ") for label, text in rows.items()}
    # Each row reads as keys to press: no dedicated Open/New/Undo/Find/Help key beside them
    # ("Ctrl+O, Open" read as two presses in a row), alternatives joined by "or".
    assert rows["Open database"] == "Ctrl+O"
    assert rows["Keyboard shortcuts"] == "F1"
    assert all(", " not in text for text in rows.values()), rows
    dedicated = {"Open", "New", "Undo", "Redo", "Find", "Help"}
    assert not any(dedicated & set(alternatives) for alternatives in keys.values()), keys
    assert "Ctrl+Z" in keys["Undo"]
    assert "Ctrl+Y" in keys["Redo"]
    assert "Ctrl+N" in keys["New configurator"]
    assert "Ctrl+F" in keys["Find layer"]
    assert rows["Rename layer"] == "F2"
    assert "F1" in keys["Keyboard shortcuts"]
    assert rows["Delete layer"] == "Del"
    assert rows["Move up"] == "Ctrl+Shift+Up"
    # Every action with a shortcut is listed, and nothing else.
    with_keys = {
        a.iconText().replace("…", "").strip()
        for a in window.findChildren(QAction)
        if any(not k.isEmpty() for k in a.shortcuts())
    }
    assert set(rows) == with_keys
    dialog.reject()


def test_rename_is_in_the_layer_menu_and_on_f2(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    action = find(window, QAction, "renameLayerAction")
    layer_menu = next(
        m.menu() for m in window.menuBar().actions() if m.menu() and m.text() == "&Layer"
    )
    assert isinstance(layer_menu, QMenu) and action in layer_menu.actions()
    assert _keys(action) == ["F2"]
    window.layers_panel.tree.clearSelection()
    window.layers_panel.tree.setCurrentIndex(window.layers_panel.tree.rootIndex())
    assert not action.isEnabled()
    select(window, "Grip Color/Red")
    assert action.isEnabled()
    tree = window.layers_panel.tree
    action.trigger()
    assert tree.state() == QAbstractItemView.State.EditingState
    editor = tree.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Red"
    tree.closePersistentEditor(tree.currentIndex())
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert tree.state() != QAbstractItemView.State.EditingState
    tree.setFocus()
    _press(qtbot, window, Qt.Key.Key_F2)
    assert tree.state() == QAbstractItemView.State.EditingState


def test_f2_in_a_text_field_is_not_a_rename(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(window, "Grip Color/Red")
    name_edit = find(window, QLineEdit, "layerNameEdit")
    name_edit.setFocus()
    _press(qtbot, window, Qt.Key.Key_F2)
    assert window.layers_panel.tree.state() != QAbstractItemView.State.EditingState
