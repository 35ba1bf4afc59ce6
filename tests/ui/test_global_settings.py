"""The Global Settings dialog: one undo step on OK, refusal in the dialog, Cancel restores, the
backorder checkboxes' mapping and the add-on disabling them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit

from desktop.domain import texts
from desktop.domain.model import Backorders
from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_configurator, tree_index, visible_dialog


def _open(window: MainWindow, qtbot) -> QDialog:  # type: ignore[no-untyped-def]
    action = find(window, QAction, "globalSettingsAction")
    assert not action.icon().isNull()  # the gear
    action.trigger()
    return visible_dialog(qtbot, QDialog, "globalSettingsDialog")


def _press(dialog: QDialog, button: QDialogButtonBox.StandardButton) -> None:
    dialog.findChild(QDialogButtonBox).button(button).click()


def test_dialog_shows_the_settings(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, qtbot)
    assert find(dialog, QLineEdit, "productNameEdit").text() == "Game Controller"
    assert find(dialog, QLineEdit, "woocommerceIdEdit").text() == "123"
    assert find(dialog, QLineEdit, "basePriceEdit").text() == "49.00"
    backorder = find(dialog, QCheckBox, "backorderCheck")
    notice = find(dialog, QCheckBox, "backorderNoticeCheck")
    assert backorder.text() == texts.ENABLE_BACKORDER
    assert notice.text() == texts.SHOW_BACKORDER_NOTICES
    assert not backorder.isChecked()
    assert notice.isChecked() and not notice.isEnabled()  # on by default, under the switch
    backorder.setChecked(True)
    assert notice.isEnabled()
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)


@pytest.mark.parametrize(
    ("notify", "expected"), [(True, Backorders.NOTIFY), (False, Backorders.YES)]
)
def test_ok_applies_all_changes_as_one_step(
    window: MainWindow, qtbot, notify: bool, expected: Backorders
) -> None:  # type: ignore[no-untyped-def]
    start = window.undo_stack.count()
    dialog = _open(window, qtbot)
    find(dialog, QLineEdit, "productNameEdit").setText("Pro Controller")
    find(dialog, QLineEdit, "woocommerceIdEdit").setText("")
    find(dialog, QLineEdit, "basePriceEdit").setText("59.5")
    find(dialog, QCheckBox, "backorderCheck").setChecked(True)
    find(dialog, QCheckBox, "backorderNoticeCheck").setChecked(notify)
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    assert window.undo_stack.count() == start + 1
    assert window.undo_stack.undoText() == "Edit Global Settings"
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert stored.product_name == "Pro Controller"
    assert stored.woocommerce_id is None
    assert stored.base_price == Decimal("59.50")
    assert stored.backorders is expected
    # the rules follow at once: Purple (0 left) is on backorder now
    purple = tree_index(window, "Grip Color/Purple").data(Qt.ItemDataRole.ToolTipRole)
    assert purple.startswith("On Backorder — 0 left")
    find(window, QAction, "undoAction").trigger()
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert (stored.product_name, stored.backorders) == ("Game Controller", Backorders.NO)
    assert stored.base_price == Decimal("49.00") and stored.woocommerce_id == 123


def test_bad_base_price_keeps_the_dialog_open(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = window.undo_stack.count()
    dialog = _open(window, qtbot)
    find(dialog, QLineEdit, "productNameEdit").setText("Changed")
    find(dialog, QLineEdit, "basePriceEdit").setText("forty")
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible()
    error = find(dialog, QLabel, "basePriceError")
    assert error.isVisible() and "not a number" in error.text()
    assert window.undo_stack.count() == start
    assert read_configurator(window.document.db_path).product_name == "Game Controller"  # type: ignore[arg-type]
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)


def test_cancel_restores_what_was_there(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = window.undo_stack.count()
    dialog = _open(window, qtbot)
    find(dialog, QLineEdit, "productNameEdit").setText("Something else")
    find(dialog, QCheckBox, "backorderCheck").setChecked(True)
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)
    assert not dialog.isVisible()
    assert find(dialog, QLineEdit, "productNameEdit").text() == "Game Controller"
    assert not find(dialog, QCheckBox, "backorderCheck").isChecked()
    assert window.undo_stack.count() == start
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert (stored.product_name, stored.backorders) == ("Game Controller", Backorders.NO)
    dialog = _open(window, qtbot)
    assert find(dialog, QLineEdit, "productNameEdit").text() == "Game Controller"
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)


def test_ok_without_changes_writes_nothing(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = window.undo_stack.count()
    dialog = _open(window, qtbot)
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    assert window.undo_stack.count() == start


def test_addon_off_disables_the_backorder_setting(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    find(window, QAction, "stockAddonAction").trigger()
    dialog = _open(window, qtbot)
    backorder = find(dialog, QCheckBox, "backorderCheck")
    assert not backorder.isEnabled()
    assert not find(dialog, QCheckBox, "backorderNoticeCheck").isEnabled()
    section = backorder.parentWidget()
    assert texts.ADDON_NAME in section.toolTip()
    # Qt shows a disabled widget's own tooltip, not its parent's: the boxes must name it too.
    assert backorder.toolTip() == texts.ADDON_REQUIRED_TOOLTIP
    assert find(dialog, QCheckBox, "backorderNoticeCheck").toolTip() == texts.ADDON_REQUIRED_TOOLTIP
    assert find(dialog, QLabel, "globalAddonRequiredLabel").isVisible()
    find(dialog, QLineEdit, "basePriceEdit").setText("50.00")
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert stored.base_price == Decimal("50.00")
    assert stored.backorders is Backorders.NO  # untouched while the add-on is off
    find(window, QAction, "stockAddonAction").trigger()
    dialog = _open(window, qtbot)
    assert find(dialog, QCheckBox, "backorderCheck").isEnabled()
    assert texts.ADDON_NAME not in find(dialog, QCheckBox, "backorderCheck").toolTip()
    assert texts.NOTICE_BACKORDER in find(dialog, QCheckBox, "backorderNoticeCheck").toolTip()
    assert find(dialog, QLabel, "globalAddonRequiredLabel").isHidden()
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)


def test_product_id_zero_is_refused_at_the_field(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """WooCommerce ids start at 1; a 0 stored here made every export of it unimportable."""
    start = window.undo_stack.count()
    dialog = _open(window, qtbot)
    find(dialog, QLineEdit, "woocommerceIdEdit").setText("0")
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible()
    error = find(dialog, QLabel, "woocommerceIdError")
    assert error.isVisible() and "positive" in error.text()
    assert window.undo_stack.count() == start
    assert read_configurator(window.document.db_path).woocommerce_id == 123  # type: ignore[arg-type]
    find(dialog, QLineEdit, "woocommerceIdEdit").setText("")  # empty: not linked
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    assert read_configurator(window.document.db_path).woocommerce_id is None  # type: ignore[arg-type]
    dialog = _open(window, qtbot)
    assert not find(dialog, QLabel, "woocommerceIdError").isVisible()
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)
