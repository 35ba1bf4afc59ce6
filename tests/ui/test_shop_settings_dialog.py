"""Global Settings: the shop's price format (docs/price-format.md) and the order settings
(docs/orders.md) — one undo step with the other settings, refusals naming the field, Cancel
restoring, and the preview following at once."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from desktop.domain import texts
from desktop.domain.fields import ConfiguratorField as F
from desktop.domain.model import Payment
from desktop.domain.orders import OrderStatus
from desktop.domain.price_format import CurrencyPosition, PriceFormat
from desktop.ui.editing.commands import SetConfiguratorFields, push
from desktop.ui.preview.summary import SummaryView
from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_configurator, visible_dialog

NBSP = "\u00a0"


def _open(window: MainWindow, qtbot) -> QDialog:  # type: ignore[no-untyped-def]
    find(window, QAction, "globalSettingsAction").trigger()
    return visible_dialog(qtbot, QDialog, "globalSettingsDialog")


def _press(dialog: QDialog, button: QDialogButtonBox.StandardButton) -> None:
    dialog.findChild(QDialogButtonBox).button(button).click()


def _german(dialog: QDialog) -> None:
    find(dialog, QLineEdit, "currencyEdit").setText("€")
    combo = find(dialog, QComboBox, "currencyPositionCombo")
    combo.setCurrentIndex(combo.findData(CurrencyPosition.RIGHT_SPACE))
    find(dialog, QLineEdit, "thousandSeparatorEdit").setText(".")
    find(dialog, QLineEdit, "decimalSeparatorEdit").setText(",")


def _summary(window: MainWindow) -> str:
    return find(window, SummaryView, "summaryView").text()


def test_the_dialog_shows_woocommerces_defaults_and_a_sample(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, qtbot)
    combo = find(dialog, QComboBox, "currencyPositionCombo")
    assert combo.currentData() == CurrencyPosition.LEFT
    assert combo.currentText() == "Left ($99.99)"
    assert find(dialog, QLineEdit, "thousandSeparatorEdit").text() == ","
    assert find(dialog, QLineEdit, "decimalSeparatorEdit").text() == "."
    assert find(dialog, QSpinBox, "priceDecimalsSpin").value() == 2
    sample = find(dialog, QLabel, "priceSampleLabel")
    assert sample.text() == "Shoppers see $1,234.50"
    assert find(dialog, QComboBox, "settingsPaymentCombo").currentData() == Payment.PAID
    assert find(dialog, QSpinBox, "settingsHoldMinutesSpin").value() == 60
    assert find(dialog, QSpinBox, "notifyNoStockSpin").value() == 0
    # The sample and the position examples follow what is typed, before OK.
    _german(dialog)
    assert sample.text() == f"Shoppers see 1.234,50{NBSP}€"
    assert combo.currentText() == f"Right with space (99.99{NBSP}€)"
    find(dialog, QLineEdit, "decimalSeparatorEdit").setText(".")  # as the thousand one
    assert sample.text() == ""
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)


def test_ok_stores_the_format_as_one_step_and_the_preview_follows(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    start = window.undo_stack.count()
    assert "Expected Total: $49.00" in _summary(window)
    dialog = _open(window, qtbot)
    _german(dialog)
    find(dialog, QLineEdit, "basePriceEdit").setText("1199.5")
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()
    assert window.undo_stack.count() == start + 1
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert stored.price_format == PriceFormat("€", CurrencyPosition.RIGHT_SPACE, ".", ",", 2)
    assert f"Expected Total: 1.199,50{NBSP}€" in _summary(window)
    red = next(
        b
        for b in window.findChildren(QAbstractButton, "optionControl")
        if b.property("layerName") == "Red"
    )
    assert f"+3,00{NBSP}€" in red.accessibleDescription()
    window.undo_stack.undo()
    assert read_configurator(window.document.db_path).price_format == PriceFormat()  # type: ignore[arg-type]
    assert "Expected Total: $49.00" in _summary(window)
    assert "+$3.00" in red.accessibleDescription()


def test_bad_separators_are_refused_naming_the_field_and_nothing_is_saved(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    start = window.undo_stack.count()
    dialog = _open(window, qtbot)
    find(dialog, QLineEdit, "productNameEdit").setText("Changed")
    thousand = find(dialog, QLineEdit, "thousandSeparatorEdit")
    error = find(dialog, QLabel, "thousandSeparatorError")
    for typed, words in (
        (".", "Thousand separator: must differ from the decimal separator (both are '.')."),
        ("..", "Thousand separator: must be one character; '..' is 2."),
        ("\t", "Thousand separator: must not contain control characters"),
        ("7", "Thousand separator: must not be a digit or a sign, not '7'."),
    ):
        thousand.setText(typed)
        _press(dialog, QDialogButtonBox.StandardButton.Ok)
        assert dialog.isVisible()
        assert error.isVisible() and error.text().startswith(words), error.text()
    thousand.setText(",")
    find(dialog, QLineEdit, "decimalSeparatorEdit").setText("")
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    decimal_error = find(dialog, QLabel, "decimalSeparatorError")
    assert decimal_error.text() == "Decimal separator: must not be empty."
    assert not error.isVisible()
    assert window.undo_stack.count() == start
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert (stored.product_name, stored.price_format) == ("Game Controller", PriceFormat())
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)
    dialog = _open(window, qtbot)  # Cancel put back what was there
    assert find(dialog, QLineEdit, "decimalSeparatorEdit").text() == "."
    assert find(dialog, QLabel, "decimalSeparatorError").text() == ""
    _press(dialog, QDialogButtonBox.StandardButton.Cancel)


def test_the_order_settings_are_stored_and_the_preview_places_orders_by_them(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, qtbot)
    payment = find(dialog, QComboBox, "settingsPaymentCombo")
    assert payment.itemText(payment.findData(Payment.PENDING)) == "Pending payment"
    payment.setCurrentIndex(payment.findData(Payment.PENDING))
    hold = find(dialog, QSpinBox, "settingsHoldMinutesSpin")
    hold.setValue(0)
    assert hold.text() == texts.NO_HOLD
    hold.setValue(15)
    find(dialog, QSpinBox, "notifyNoStockSpin").setValue(1)
    _press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert window.undo_stack.undoText() == f"Edit {texts.GLOBAL_SETTINGS}"
    stored = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert (stored.payment, stored.hold_minutes, stored.notify_no_stock_at) == (
        Payment.PENDING,
        15,
        1,
    )
    pane = find(window, QWidget, "previewPane")
    # The preview's order panel shows the settings its orders now follow.
    panel = find(pane, QWidget, "orderPanel")
    assert find(panel, QComboBox, "paymentCombo").currentData() == Payment.PENDING
    assert find(panel, QSpinBox, "holdMinutesSpin").value() == 15
    find(pane, QAbstractButton, "addToCartButton").click()
    find(pane, QAbstractButton, "checkoutButton").click()
    shop = pane.storefront
    assert shop.book.status(1) is OrderStatus.PENDING
    assert shop.book.held  # the unpaid order holds Yellow's unit for 15 minutes
    assert shop.book.lives[1].expires_at == 15
    window.undo_stack.undo()
    assert read_configurator(window.document.db_path).payment is Payment.PAID  # type: ignore[arg-type]
    find(pane, QAbstractButton, "addToCartButton").click()
    find(pane, QAbstractButton, "checkoutButton").click()
    assert shop.book.status(2) is OrderStatus.PROCESSING  # the next order follows the undo
    # A choice in the order panel is the simulation's own: it wins over the stored setting,
    # which stays as it was.
    find(panel, QComboBox, "paymentCombo").setCurrentIndex(
        find(panel, QComboBox, "paymentCombo").findData(Payment.PENDING)
    )
    find(pane, QAbstractButton, "addToCartButton").click()
    find(pane, QAbstractButton, "checkoutButton").click()
    assert shop.book.status(3) is OrderStatus.PENDING
    assert read_configurator(window.document.db_path).payment is Payment.PAID  # type: ignore[arg-type]


def test_a_recording_pins_the_order_settings_and_records_their_changes(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    document = window.document
    assert document.configurator is not None and document.configurator.id is not None
    cid = document.configurator.id
    push(window.undo_stack, SetConfiguratorFields(document, cid, {F.PAYMENT: "pending"}, "p"))
    recorder = window.scenario_actions.recorder
    window.scenario_actions.record_action.setChecked(True)
    warnings: list[str] = []
    recorder.warning.connect(warnings.append)
    push(window.undo_stack, SetConfiguratorFields(document, cid, {F.HOLD_MINUTES: 5}, "h"))
    # The price format changes nothing a scenario checks: no step, no warning.
    push(window.undo_stack, SetConfiguratorFields(document, cid, {F.DECIMAL_SEPARATOR: ","}, "d"))
    scenario = recorder.scenario("pinned")
    window.scenario_actions.record_action.setChecked(False)
    assert warnings == []
    setup = scenario.setup
    assert (setup.payment, setup.hold_minutes, setup.notify_no_stock_at) == (Payment.PENDING, 60, 0)
    assert [step.kind for step in scenario.steps] == ["set"]
    assert scenario.steps[0].value.hold_minutes == 5
