"""The Layers panel as a merchant uses it: add, rename in place, delete, move, filter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMessageBox, QTreeView

from desktop.domain.model import LayerType
from desktop.ui.window.main_window import MainWindow

from .helpers import answer, find, names, read_configurator, select, shown_children, tree_index


def _stored(window: MainWindow):  # type: ignore[no-untyped-def]
    return read_configurator(window.document.db_path)  # type: ignore[arg-type]


def test_tree_shows_the_open_configurator(window: MainWindow) -> None:
    tree = find(window, QTreeView, "layersTree")
    assert tree.model().rowCount() == 3
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    assert shown_children(window, "Extras") == ["Paddles", "Stickers"]
    assert tree.isExpanded(tree_index(window, "Grip Color"))


def test_add_group_sub_group_and_option(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    find(window, QAction, "addGroupAction").trigger()
    # after the selected layer's group, selected and opened for renaming
    assert shown_children(window) == ["Grip Color", "New group", "Extras", "Buttons"]
    assert window.layers_panel.current_layer().name == "New group"  # type: ignore[union-attr]
    assert window.layers_panel.tree.state() == QTreeView.State.EditingState
    find(window, QAction, "addSubGroupAction").trigger()
    find(window, QAction, "addLayerAction").trigger()
    find(window, QAction, "addLayerAction").trigger()
    assert shown_children(window, "New group") == ["New sub-group"]
    # the option went into the selected sub-group; the second beside the first
    assert shown_children(window, "New group/New sub-group") == ["New option", "New option 2"]
    stored = _stored(window)
    new_group = stored.layers[1]
    assert new_group.name == "New group" and new_group.type is LayerType.GROUP
    sub = new_group.children[0]
    assert sub.type is LayerType.SUB_GROUP
    assert names(sub.children) == ["New option", "New option 2"]
    assert all(child.type is LayerType.IMAGE for child in sub.children)
    assert window.undo_stack.undoText() == 'Add option "New option 2"'


def test_add_actions_follow_the_selection(window: MainWindow) -> None:
    add_sub = find(window, QAction, "addSubGroupAction")
    select(window, "Extras/Paddles/Upper")
    assert add_sub.isEnabled()  # goes into Extras, the nearest group
    add_sub.trigger()
    assert shown_children(window, "Extras") == ["Paddles", "New sub-group", "Stickers"]
    window.document.open_configurator(None)
    assert not find(window, QAction, "addGroupAction").isEnabled()
    assert not find(window, QAction, "addLayerAction").isEnabled()


def test_rename_in_place(window: MainWindow) -> None:
    proxy = window.layers_panel.proxy
    index = tree_index(window, "Grip Color/Red")
    assert proxy.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert proxy.setData(index, "Crimson", Qt.ItemDataRole.EditRole)
    assert shown_children(window, "Grip Color") == ["Yellow", "Crimson", "Purple"]
    assert names(_stored(window).layers[0].children) == ["Yellow", "Crimson", "Purple"]
    assert window.undo_stack.undoText() == 'Rename "Red" to "Crimson"'
    # an empty name is refused with a message; nothing written
    count = window.undo_stack.count()
    assert not proxy.setData(tree_index(window, "Grip Color/Crimson"), "  ")
    assert window.undo_stack.count() == count
    assert "must not be empty" in window.statusBar().currentMessage()
    assert names(_stored(window).layers[0].children) == ["Yellow", "Crimson", "Purple"]


def test_delete_an_option_at_once(window: MainWindow) -> None:
    select(window, "Buttons/Chrome")
    find(window, QAction, "deleteLayerAction").trigger()
    assert shown_children(window, "Buttons") == ["Black"]
    assert names(_stored(window).layers[2].children) == ["Black"]


def test_delete_a_group_with_children_asks_first(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(window, "Extras")
    delete = find(window, QAction, "deleteLayerAction")
    delete.trigger()
    answer(qtbot, "confirmDeleteLayer", QMessageBox.StandardButton.Cancel)
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    assert names(_stored(window).layers) == ["Grip Color", "Extras", "Buttons"]

    delete.trigger()
    answer(qtbot, "confirmDeleteLayer", QMessageBox.StandardButton.Yes)
    assert shown_children(window) == ["Grip Color", "Buttons"]
    assert names(_stored(window).layers) == ["Grip Color", "Buttons"]

    find(window, QAction, "undoAction").trigger()
    assert shown_children(window, "Extras/Paddles") == ["Upper", "Lower"]
    stored = _stored(window)
    assert names(stored.layers) == ["Grip Color", "Extras", "Buttons"]
    assert names(stored.layers[1].children[0].children) == ["Upper", "Lower"]


def test_move_up_and_down(window: MainWindow) -> None:
    up = find(window, QAction, "moveLayerUpAction")
    down = find(window, QAction, "moveLayerDownAction")
    select(window, "Grip Color/Yellow")
    assert not up.isEnabled() and down.isEnabled()
    down.trigger()
    down.trigger()
    assert shown_children(window, "Grip Color") == ["Red", "Purple", "Yellow"]
    assert window.layers_panel.current_layer().name == "Yellow"  # type: ignore[union-attr]
    assert up.isEnabled() and not down.isEnabled()
    up.trigger()
    assert shown_children(window, "Grip Color") == ["Red", "Yellow", "Purple"]
    assert names(_stored(window).layers[0].children) == ["Red", "Yellow", "Purple"]
    select(window, "Buttons")
    up.trigger()
    assert names(_stored(window).layers) == ["Grip Color", "Buttons", "Extras"]


def test_filter_by_name_or_sku_keeps_parents(window: MainWindow) -> None:
    edit = find(window, QLineEdit, "layerFilterEdit")
    edit.setText("p-1")  # Purple's SKU, any case
    assert shown_children(window) == ["Grip Color"]
    assert shown_children(window, "Grip Color") == ["Purple"]
    edit.setText("upper")
    assert shown_children(window) == ["Extras"]
    assert shown_children(window, "Extras/Paddles") == ["Upper"]
    # selecting and renaming work through the filter
    select(window, "Extras/Paddles/Upper")
    assert window.settings_panel.layer.name == "Upper"  # type: ignore[union-attr]
    window.layers_panel.proxy.setData(tree_index(window, "Extras/Paddles/Upper"), "Upper paddle")
    assert shown_children(window, "Extras/Paddles") == ["Upper paddle"]
    assert names(_stored(window).layers[1].children[0].children) == ["Upper paddle", "Lower"]
    # a SKU edit re-filters the row
    edit.setText("r-1")
    assert shown_children(window, "Grip Color") == ["Red"]
    select(window, "Grip Color/Red")
    window.settings_panel.stock.sku_edit.setText("CRIMSON")
    window.settings_panel.stock.sku_edit.editingFinished.emit()
    assert shown_children(window) == []
    edit.clear()
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    assert window.layers_panel.current_layer().name == "Red"  # type: ignore[union-attr]


def test_a_group_name_match_shows_its_options(window: MainWindow) -> None:
    find(window, QLineEdit, "layerFilterEdit").setText("buttons")
    assert shown_children(window) == ["Buttons"]
    assert shown_children(window, "Buttons") == ["Black", "Chrome"]


def test_new_layer_clears_a_filter_that_would_hide_it(window: MainWindow) -> None:
    edit = find(window, QLineEdit, "layerFilterEdit")
    edit.setText("yellow")
    select(window, "Grip Color/Yellow")
    find(window, QAction, "addLayerAction").trigger()
    assert edit.text() == ""
    assert window.layers_panel.current_layer().name == "New option"  # type: ignore[union-attr]
