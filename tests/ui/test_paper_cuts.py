"""Paper cuts a merchant met (issue 15): the demo's backorder option without a warning,
refusals at the field that caused them without moving other fields, dialogs that fit their
messages, plural-aware words, and a configurator delete that redoes like it was done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
)

from desktop.store.demo import open_store
from desktop.ui.configurators.name_dialog import NameDialog
from desktop.ui.widgets import empty_state
from desktop.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .helpers import answer, find, select, shown_children, tree_index, visible_dialog


def _top(widget: QLabel | QLineEdit, window: MainWindow) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def test_the_demos_backorder_option_shows_no_warning(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    path = tmp_path / "demo.db"
    open_store(path).close()
    window = make_window(path)
    select(window, "Grip Color/Metallic Purple")
    assert not find(window, QLabel, "stockWarningLabel").isVisible()
    assert not find(window, QLabel, "stockNoteLabel").isVisible()
    effective = find(window, QLabel, "effectiveStatusLabel").text()
    assert effective.startswith("On Backorder — 0 left, backorders allowed")


def test_a_price_refusal_does_not_move_the_next_field(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    price = find(window, QLineEdit, "layerPriceEdit")
    sale = find(window, QLineEdit, "layerSalePriceEdit")
    QApplication.processEvents()
    before = _top(sale, window)
    price.setText("abc")
    price.editingFinished.emit()
    QApplication.processEvents()
    error = find(window, QLabel, "layerPriceError")
    assert error.isVisible() and error.text().startswith("Price:")
    assert _top(sale, window) == before  # the next click still lands in the sale price
    price.setText("3.50")
    price.editingFinished.emit()
    QApplication.processEvents()
    assert not error.isVisible() and _top(sale, window) == before


def test_a_name_taken_in_the_tree_is_said_at_the_name_field(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    start = window.undo_stack.count()
    proxy = window.layers_panel.proxy
    assert not proxy.setData(tree_index(window, "Grip Color/Red"), "Yellow")
    error = find(window, QLabel, "layerNameError")
    assert error.isVisible()
    assert error.message() == 'Another layer in "Grip Color" is already named "Yellow".'  # type: ignore[attr-defined]
    status = window.statusBar().currentMessage()
    assert status == 'Another layer in "Grip Color" is already named "Yellow".'
    assert window.undo_stack.count() == start
    assert shown_children(window, "Grip Color") == ["Yellow", "Red", "Purple"]
    assert proxy.setData(tree_index(window, "Grip Color/Red"), "Crimson")
    assert not error.isVisible()  # renamed: the old refusal goes


def _wide(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The 1440 × 900 screen the paper cuts were met on."""
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)


def test_a_name_taken_in_the_panel_reads_as_a_sentence(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _wide(window, qtbot)
    select(window, "Grip Color/Red")
    name = find(window, QLineEdit, "layerNameEdit")
    name.setText("Yellow")
    name.editingFinished.emit()
    expected = 'Another layer in "Grip Color" is already named "Yellow".'
    assert find(window, QLabel, "layerNameError").text() == expected
    assert window.statusBar().currentMessage() == expected


def test_the_rename_dialog_grows_to_its_message_and_shows_its_title(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    find(window, QAction, "renameConfiguratorAction").trigger()
    dialog = visible_dialog(qtbot, QDialog, "renameConfiguratorDialog")
    title_room = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.width() > title_room + 100
    find(dialog, QLineEdit, "nameEdit").setText("Second")
    find(dialog, QDialogButtonBox, "").button(QDialogButtonBox.StandardButton.Ok).click()
    error = find(dialog, QLabel, "nameError")
    assert error.isVisible() and error.text() == 'A configurator named "Second" already exists.'
    assert error.height() >= error.heightForWidth(error.width())  # no line cut off
    assert dialog.rect().contains(error.geometry())
    dialog.reject()


def test_a_long_refusal_makes_the_dialog_taller(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    long = "This name cannot be used, because " + "it is far too long to fit, " * 8 + "truly."
    dialog = NameDialog("probeDialog", "Rename configurator", lambda _name: long, parent=window)
    dialog.ask("x")
    visible_dialog(qtbot, QDialog, "probeDialog")
    height = dialog.height()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    error = find(dialog, QLabel, "nameError")
    qtbot.waitUntil(lambda: dialog.height() > height)
    assert error.height() >= error.heightForWidth(error.width())
    assert dialog.rect().contains(error.geometry())
    dialog.reject()


def test_delete_confirmation_and_tooltips_count_in_words(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    tooltip = tree_index(window, "Grip Color").data(Qt.ItemDataRole.ToolTipRole)
    assert "— 3 items" in tooltip and "item(s)" not in tooltip
    select(window, "Extras")
    find(window, QAction, "deleteLayerAction").trigger()
    box = visible_dialog(qtbot, QMessageBox, "confirmDeleteLayer")
    assert box.text() == 'Delete "Extras" and the 4 layers under it?'
    answer(qtbot, "confirmDeleteLayer", QMessageBox.StandardButton.Cancel)
    select(window, "Buttons/Chrome")
    find(window, QAction, "deleteLayerAction").trigger()  # an option goes without asking
    assert tree_index(window, "Buttons").data(Qt.ItemDataRole.ToolTipRole).endswith("— 1 item")
    select(window, "Buttons")
    find(window, QAction, "deleteLayerAction").trigger()
    box = visible_dialog(qtbot, QMessageBox, "confirmDeleteLayer")
    assert box.text() == 'Delete "Buttons" and the layer under it?'
    answer(qtbot, "confirmDeleteLayer", QMessageBox.StandardButton.Cancel)


def test_the_required_choice_is_worded_as_a_label(window: MainWindow) -> None:
    select(window, "Grip Color")
    required = find(window, QCheckBox, "requiredCheck")
    assert required.isVisible() and required.text() == "Required (shoppers must choose)"


def test_redo_of_a_delete_opens_another_configurator(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    find(window, QAction, "deleteConfiguratorAction").trigger()
    answer(qtbot, "confirmDeleteConfigurator", QMessageBox.StandardButton.Yes)
    assert window.document.configurator is not None
    assert window.document.configurator.name == "Second"
    find(window, QAction, "undoAction").trigger()
    assert window.document.configurator.name == "Controller"
    find(window, QAction, "redoAction").trigger()
    assert window.document.configurator is not None  # not "No configurator open"
    assert window.document.configurator.name == "Second"
    assert window.windowTitle().startswith("Second")
    assert window.layers_panel.tree.model().rowCount() > 0
    empty = find(window, QLabel, "layerSettingsEmpty")
    assert empty.text() != empty_state.NO_CONFIGURATOR_OPEN
    find(window, QAction, "undoAction").trigger()
    assert window.document.configurator.name == "Controller"


def test_a_message_too_long_for_its_room_is_cut_and_shown_whole_in_its_tooltip(
    window: MainWindow,
) -> None:
    select(window, "Grip Color/Red")
    sale = find(window, QLineEdit, "layerSalePriceEdit")
    QApplication.processEvents()
    before = _top(sale, window)
    error = find(window, QLabel, "layerPriceError")
    long = "Price: " + "far too many words for the room under the field, " * 6 + "truly."
    window.settings_panel.committer.refuse(error, long)  # type: ignore[arg-type]
    QApplication.processEvents()
    assert error.message() == long  # type: ignore[attr-defined]
    assert error.text().endswith("…") and error.toolTip() == long
    assert _top(sale, window) == before
    window.settings_panel.committer.refuse(error, "Price: short.")  # type: ignore[arg-type]
    assert error.text() == "Price: short." and error.toolTip() == ""
