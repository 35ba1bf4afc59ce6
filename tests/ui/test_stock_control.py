"""One stock control: a quantity or status entered on any option is managed stock, the
access keys always land in a field that takes what is typed next, and the low stock amount
is a field of its own (docs/editing.md)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QWheelEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox

from desktop.domain.fields import ConfiguratorField
from desktop.ui.editing.commands import SetConfiguratorFields, push
from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_configurator, select


def _stock(window: MainWindow, path: str):  # type: ignore[no-untyped-def]
    found = read_configurator(window.document.db_path).find_path(path)  # type: ignore[arg-type]
    assert found is not None, path
    return found.stock


def test_alt_q_then_a_number_manages_the_option_with_that_quantity(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    select(window, "Extras/Stickers")  # not managed, no quantity, no SKU
    spin = find(window, QSpinBox, "stockQuantitySpin")
    assert not find(window, QCheckBox, "manageStockCheck").isChecked()
    assert spin.isEnabled() and spin.text() == "not tracked"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    find(window, QLineEdit, "skuEdit").setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert spin.hasFocus()  # Alt+Q lands in the quantity, never in the SKU
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "7")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    stored = _stock(window, "Extras/Stickers")
    assert (stored.manage, stored.quantity, stored.sku) == (True, 7, "")
    assert find(window, QCheckBox, "manageStockCheck").isChecked()
    assert window.undo_stack.undoText() == 'Change Manage Stock, stock quantity of "Stickers"'
    find(window, QAction, "undoAction").trigger()  # one step back: as it was
    stored = _stock(window, "Extras/Stickers")
    assert (stored.manage, stored.quantity) == (False, None)
    assert spin.text() == "not tracked"


def test_a_status_chosen_on_an_unmanaged_option_manages_it(window: MainWindow) -> None:
    select(window, "Extras/Stickers")
    find(window, QComboBox, "stockStatusCombo").setCurrentText("Out of Stock")
    stored = _stock(window, "Extras/Stickers")
    assert stored.manage and stored.status.value == "out_of_stock"
    assert find(window, QLabel, "effectiveStatusLabel").text().startswith("Out of Stock")


def test_unticking_manage_stock_keeps_the_quantity_for_later(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    manage = find(window, QCheckBox, "manageStockCheck")
    manage.setChecked(False)
    assert _stock(window, "Grip Color/Red").quantity == 2
    manage.setChecked(True)
    assert find(window, QSpinBox, "stockQuantitySpin").value() == 2


def test_low_stock_amount_is_a_field_with_the_threshold_as_placeholder(
    window: MainWindow,
) -> None:
    select(window, "Grip Color/Red")
    edit = find(window, QLineEdit, "lowStockAmountEdit")
    label = find(window, QLabel, "lowStockLabel")
    assert edit.text() == "" and edit.placeholderText() == "2 (configurator's)"
    start = window.undo_stack.count()
    edit.setText(" 4 ")
    edit.editingFinished.emit()
    assert _stock(window, "Grip Color/Red").low_amount == 4
    assert edit.text() == "4"
    assert label.text() == "at 4 or fewer (this option's own amount; the configurator's is 2)"
    assert window.undo_stack.count() == start + 1
    assert window.undo_stack.undoText() == 'Change low stock amount of "Red"'
    edit.editingFinished.emit()  # the same again: no second step
    assert window.undo_stack.count() == start + 1
    find(window, QAction, "undoAction").trigger()
    assert _stock(window, "Grip Color/Red").low_amount is None and edit.text() == ""
    cfg = window.document.configurator
    assert cfg is not None and cfg.id is not None
    fields = {ConfiguratorField.LOW_STOCK_THRESHOLD: 3}
    push(window.undo_stack, SetConfiguratorFields(window.document, cfg.id, fields, "threshold"))
    assert edit.placeholderText() == "3 (configurator's)"


def test_a_bad_low_stock_amount_is_refused_and_the_value_kept(window: MainWindow) -> None:
    select(window, "Grip Color/Red")
    edit = find(window, QLineEdit, "lowStockAmountEdit")
    error = find(window, QLabel, "lowStockAmountError")
    for typed, problem in (
        ("few", "expected a whole number, not 'few'"),
        ("-1", "expected a whole number from 0 to 999999"),
    ):
        edit.setText(typed)
        edit.editingFinished.emit()
        expected = f"Low stock amount: {problem}; the value was kept."
        assert error.isVisible() and error.message() == expected
        assert window.statusBar().currentMessage() == expected
        assert _stock(window, "Grip Color/Red").low_amount is None
        assert edit.text() == ""
    edit.setText("3")
    edit.editingFinished.emit()
    assert not error.isVisible() and _stock(window, "Grip Color/Red").low_amount == 3


def test_the_wheel_over_an_unfocused_stock_field_scrolls_instead_of_editing(
    window: MainWindow,
) -> None:
    select(window, "Extras/Stickers")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    combo = find(window, QComboBox, "stockStatusCombo")
    for field in (spin, combo):
        assert not field.hasFocus()
        centre = QPointF(field.rect().center())
        wheel = QWheelEvent(
            centre,
            QPointF(field.mapToGlobal(field.rect().center())),
            QPoint(),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(field, wheel)
    stored = _stock(window, "Extras/Stickers")
    assert (stored.manage, stored.quantity, stored.status.value) == (False, None, "in_stock")
    assert spin.text() == "not tracked" and combo.currentText() == "In Stock"
