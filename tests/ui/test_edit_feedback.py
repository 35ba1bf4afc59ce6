"""Every edit, undo and redo says in the status bar what it changed; an undone group delete
comes back open and selected (docs/editing.md)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QLineEdit, QMessageBox, QSpinBox

from desktop.ui.window.main_window import MainWindow

from .helpers import answer, find, select, tree_index


def _said(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_a_field_edit_says_the_option_the_field_and_both_values(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    find(window, QSpinBox, "stockQuantitySpin").setValue(5)
    assert _said(window) == "Saved: Red quantity 2 → 5."
    find(window, QAction, "undoAction").trigger()
    assert _said(window) == "Undone: Red quantity 5 → 2."
    find(window, QAction, "redoAction").trigger()
    assert _said(window) == "Redone: Red quantity 2 → 5."
    find(window, QSpinBox, "stockQuantitySpin").setValue(
        find(window, QSpinBox, "stockQuantitySpin").minimum()
    )
    assert _said(window) == "Saved: Red quantity 5 → not tracked."
    find(window, QCheckBox, "manageStockCheck").setChecked(False)
    assert _said(window) == "Saved: Red Manage Stock on → off."
    price = find(window, QLineEdit, "layerPriceEdit")
    price.setText("3.5")
    price.editingFinished.emit()
    assert _said(window) == "Saved: Red price 3.00 → 3.50."
    name = find(window, QLineEdit, "layerNameEdit")
    name.setText("Crimson")
    name.editingFinished.emit()
    assert _said(window) == 'Saved: "Red" renamed to "Crimson".'


def test_deletes_are_said_and_an_undone_group_comes_back_open_and_selected(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    tree = window.layers_panel.tree
    select(window, "Grip Color")
    tree.collapseAll()
    find(window, QAction, "deleteLayerAction").trigger()
    answer(qtbot, "confirmDeleteLayer", QMessageBox.StandardButton.Yes)
    assert _said(window) == 'Saved: "Grip Color" with the 3 layers under it deleted.'
    select(window, "Buttons")  # the merchant moved on
    find(window, QAction, "undoAction").trigger()
    assert _said(window) == 'Undone: "Grip Color" with the 3 layers under it restored.'
    index = tree_index(window, "Grip Color")
    assert tree.isExpanded(index)
    assert tree.currentIndex() == index
    assert window.settings_panel.layer is not None
    assert window.settings_panel.layer.name == "Grip Color"


def test_a_configurator_delete_and_its_undo_are_said(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    find(window, QAction, "deleteConfiguratorAction").trigger()
    answer(qtbot, "confirmDeleteConfigurator", QMessageBox.StandardButton.Yes)
    assert _said(window) == 'Saved: configurator "Controller" deleted.'
    find(window, QAction, "undoAction").trigger()
    assert _said(window) == 'Undone: configurator "Controller" restored.'
