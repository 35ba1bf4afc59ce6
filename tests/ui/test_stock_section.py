"""The Stock Management section: its fields, the computed availability and warning, one undo
step per arrow run, SKU uniqueness, and the add-on switch disabling it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from desktop.domain import texts
from desktop.domain.fields import ConfiguratorField
from desktop.domain.model import Backorders, StockStatus
from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_addon, read_configurator, select, tree_index


def _stock(window: MainWindow, path: str):  # type: ignore[no-untyped-def]
    found = read_configurator(window.document.db_path).find_path(path)  # type: ignore[arg-type]
    assert found is not None, path
    return found.stock


def test_fields_show_the_layer_and_the_effective_state(window: MainWindow) -> None:
    select(window, "Grip Color/Purple")
    assert find(window, QCheckBox, "manageStockCheck").isChecked()
    assert find(window, QLineEdit, "skuEdit").text() == "P-1"
    assert find(window, QSpinBox, "stockQuantitySpin").value() == 0
    combo = find(window, QComboBox, "stockStatusCombo")
    assert [combo.itemText(i) for i in range(combo.count())] == ["In Stock", "Out of Stock"]
    assert combo.currentText() == "In Stock"
    effective = find(window, QLabel, "effectiveStatusLabel")
    assert effective.text() == "Out of Stock — 0 left, backorders off"
    warning = find(window, QLabel, "stockWarningLabel")
    assert warning.isVisible() and "shoppers see this option Out of Stock" in warning.text()
    assert not find(window, QLabel, "stockNoteLabel").isVisible()
    select(window, "Grip Color/Yellow")
    assert effective.text() == "In Stock — 5 left, backorders off"
    assert not warning.isVisible()


def test_status_combo_and_manage_check_commit(window: MainWindow) -> None:
    select(window, "Grip Color/Yellow")
    find(window, QComboBox, "stockStatusCombo").setCurrentText("Out of Stock")
    assert _stock(window, "Grip Color/Yellow").status is StockStatus.OUT_OF_STOCK
    effective = find(window, QLabel, "effectiveStatusLabel")
    assert effective.text().startswith("Out of Stock — status set to Out of Stock, 5 left")
    # 5 in stock yet "out": the merchant's override, told as a note, not warned about.
    assert not find(window, QLabel, "stockWarningLabel").isVisible()
    note = find(window, QLabel, "stockNoteLabel")
    assert note.isVisible() and "the 5 units in stock are held back" in note.text()
    tooltip = tree_index(window, "Grip Color/Yellow").data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Out of Stock")
    find(window, QCheckBox, "manageStockCheck").setChecked(False)
    assert not _stock(window, "Grip Color/Yellow").manage
    assert effective.text() == texts.AVAILABILITY_WORDS["available"]
    # The quantity is kept (and shown) for when stock is managed again.
    assert find(window, QSpinBox, "stockQuantitySpin").value() == 5
    assert window.undo_stack.undoText() == 'Change Manage Stock of "Yellow"'


def test_quantity_set_typed_and_not_tracked(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    start = window.undo_stack.count()
    spin.setValue(-3)  # negative: after backorders
    assert _stock(window, "Grip Color/Red").quantity == -3
    spin.editingFinished.emit()  # the same value again: no second step
    assert window.undo_stack.count() == start + 1
    spin.setValue(spin.minimum())
    assert spin.text() == "not tracked"
    assert _stock(window, "Grip Color/Red").quantity is None
    assert "no quantity tracked" in find(window, QLabel, "effectiveStatusLabel").text()


def test_arrow_steps_are_one_undo_step(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    start = window.undo_stack.count()
    for _ in range(3):
        spin.stepBy(1)
    assert spin.value() == 5
    assert _stock(window, "Grip Color/Red").quantity == 5
    assert window.undo_stack.count() == start + 1
    find(window, QAction, "undoAction").trigger()
    assert spin.value() == 2
    assert _stock(window, "Grip Color/Red").quantity == 2


def test_duplicate_sku_is_refused_at_the_field(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    sku = find(window, QLineEdit, "skuEdit")
    start = window.undo_stack.count()
    sku.setText("Y-1")
    sku.editingFinished.emit()
    error = find(window, QLabel, "skuError")
    assert error.isVisible() and '"Yellow"' in error.message()
    assert sku.text() == "R-1"
    assert window.undo_stack.count() == start
    assert _stock(window, "Grip Color/Red").sku == "R-1"
    sku.setText("RED-2")
    sku.editingFinished.emit()
    assert not error.isVisible()
    assert _stock(window, "Grip Color/Red").sku == "RED-2"


def test_addon_off_disables_the_section(window: MainWindow) -> None:
    select(window, "Grip Color/Purple")
    addon = find(window, QAction, "stockAddonAction")
    assert addon.isCheckable() and addon.isChecked()
    addon.trigger()
    assert not addon.isChecked()
    assert read_addon(window.document.db_path) is False  # type: ignore[arg-type]
    manage = find(window, QCheckBox, "manageStockCheck")
    assert not manage.isEnabled()
    assert not find(window, QLineEdit, "skuEdit").isEnabled()
    explanation = find(window, QLabel, "stockAddonRequiredLabel")
    assert explanation.isVisible() and explanation.text() == texts.ADDON_REQUIRED
    assert find(window, QLabel, "effectiveStatusLabel").text() == texts.ADDON_OFF_WORDS
    assert not find(window, QLabel, "stockWarningLabel").isVisible()
    purple = tree_index(window, "Grip Color/Purple")
    assert purple.data(Qt.ItemDataRole.ToolTipRole).startswith(texts.ADDON_OFF_WORDS)
    assert window.undo_stack.undoText() == "Disable Stock Management add-on"
    find(window, QAction, "undoAction").trigger()
    assert addon.isChecked() and manage.isEnabled()
    assert not explanation.isVisible()
    assert read_addon(window.document.db_path) is True  # type: ignore[arg-type]
    addon.setChecked(False)  # a script's setChecked is a change too
    assert read_addon(window.document.db_path) is False  # type: ignore[arg-type]


def test_in_stock_at_zero_with_backorders_allowed_shows_no_warning(window: MainWindow) -> None:
    window.document.set_configurator_fields(
        window.document.configurator.id,  # type: ignore[union-attr]
        {ConfiguratorField.BACKORDERS: Backorders.NOTIFY},
    )
    select(window, "Grip Color/Purple")
    assert not find(window, QLabel, "stockWarningLabel").isVisible()
    assert not find(window, QLabel, "stockNoteLabel").isVisible()
    spin = find(window, QSpinBox, "stockQuantitySpin")
    spin.setValue(-4)
    effective = find(window, QLabel, "effectiveStatusLabel")
    assert effective.text().startswith("On Backorder — 4 backordered,")
    assert not find(window, QLabel, "stockWarningLabel").isVisible()


def test_clearing_the_quantity_means_not_tracked(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(window, "Grip Color/Red")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Delete)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert _stock(window, "Grip Color/Red").quantity is None  # not snapped back to 2
    assert spin.text() == "not tracked"
    # Still managed: the status alone says whether the option is in stock.
    assert _stock(window, "Grip Color/Red").manage
