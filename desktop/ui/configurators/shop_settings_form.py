"""The shop's settings in the Global Settings dialog: the price format (docs/price-format.md),
with a sample of what shoppers will see, and the order settings of the Stock Management
section (docs/orders.md). Widgets only: the dialog reads and fills them, checks them with the
field rules and writes them as one undoable command with its other fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...domain import rules, texts
from ...domain.fields import ConfiguratorField
from ...domain.model import MAX_HOLD_MINUTES, MAX_STOCK_QUANTITY, Payment
from ...domain.price_format import MAX_DECIMALS, POSITION_LABELS, CurrencyPosition, PriceFormat
from ...domain.rules import RuleError
from ..layers.field_commit import FieldError, stacked
from ..widgets import accessibility

F = ConfiguratorField
PRICE_FORMAT_FIELDS = [
    F.CURRENCY,
    F.CURRENCY_POSITION,
    F.THOUSAND_SEPARATOR,
    F.DECIMAL_SEPARATOR,
    F.PRICE_DECIMALS,
]
ORDER_FIELDS = [F.PAYMENT, F.HOLD_MINUTES, F.NOTIFY_NO_STOCK_AT]
# The amount the sample shows: one with every part a format changes (groups, decimals).
SAMPLE_AMOUNT = Decimal("1234.50")
_EXAMPLE = Decimal("99.99")  # WooCommerce's own example in its position choices


class PriceFormatBox(QGroupBox):
    """Currency symbol, its position, the separators and the decimals, with a line under them
    saying how an amount will look (`Shoppers see 1.234,50 €`) as they are typed. The
    separators are taken as typed, spaces included: a space is a thousand separator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(texts.PRICE_FORMAT, parent)
        self.setObjectName("priceFormatSection")
        self.currency_edit = QLineEdit(self)
        self.currency_edit.setObjectName("currencyEdit")
        self.currency_edit.setMaximumWidth(80)
        self.currency_error = FieldError("currencyError", self, grow=True)
        self.position_combo = QComboBox(self)
        self.position_combo.setObjectName("currencyPositionCombo")
        for position in CurrencyPosition:
            self.position_combo.addItem(POSITION_LABELS[position], position)
        self.thousand_edit = _separator_edit("thousandSeparatorEdit", self)
        self.thousand_edit.setPlaceholderText("none")
        self.thousand_error = FieldError("thousandSeparatorError", self, grow=True)
        self.decimal_edit = _separator_edit("decimalSeparatorEdit", self)
        self.decimal_error = FieldError("decimalSeparatorError", self, grow=True)
        self.decimals_spin = QSpinBox(self)
        self.decimals_spin.setObjectName("priceDecimalsSpin")
        self.decimals_spin.setRange(0, MAX_DECIMALS)
        self.sample = QLabel(self)
        self.sample.setObjectName("priceSampleLabel")
        self.sample.setTextFormat(Qt.TextFormat.PlainText)  # the symbol is the merchant's text

        self.form = QFormLayout(self)
        rows: list[tuple[str, QWidget, QWidget]] = [
            (
                "C&urrency symbol",
                self.currency_edit,
                stacked(self.currency_edit, self.currency_error),
            ),
            (texts.CURRENCY_POSITION, self.position_combo, self.position_combo),
            (
                texts.THOUSAND_SEPARATOR,
                self.thousand_edit,
                stacked(self.thousand_edit, self.thousand_error),
            ),
            (
                texts.DECIMAL_SEPARATOR,
                self.decimal_edit,
                stacked(self.decimal_edit, self.decimal_error),
            ),
            (texts.PRICE_DECIMALS, self.decimals_spin, self.decimals_spin),
        ]
        for label, field, shown in rows:
            accessibility.add_row(self.form, label, field, shown)
        self.form.addRow("", self.sample)
        self._name_positions()
        for edit in (self.currency_edit, self.thousand_edit, self.decimal_edit):
            edit.textChanged.connect(self.show_sample)
        self.currency_edit.textChanged.connect(self._name_positions)
        self.position_combo.currentIndexChanged.connect(self.show_sample)
        self.decimals_spin.valueChanged.connect(self.show_sample)

    def _name_positions(self) -> None:
        """Each position with an example in the symbol typed: "Right with space (99.99 €)"."""
        symbol = self.currency_edit.text().strip() or "$"
        for row in range(self.position_combo.count()):
            position = CurrencyPosition(self.position_combo.itemData(row))
            example = PriceFormat(symbol, position).format(_EXAMPLE)
            self.position_combo.setItemText(row, f"{POSITION_LABELS[position]} ({example})")

    def errors(self) -> dict[ConfiguratorField, tuple[QLineEdit, FieldError]]:
        return {
            F.CURRENCY: (self.currency_edit, self.currency_error),
            F.THOUSAND_SEPARATOR: (self.thousand_edit, self.thousand_error),
            F.DECIMAL_SEPARATOR: (self.decimal_edit, self.decimal_error),
        }

    def fill(self, values: dict[ConfiguratorField, Any]) -> None:
        self.currency_edit.setText(values[F.CURRENCY])
        position = CurrencyPosition(values[F.CURRENCY_POSITION])
        self.position_combo.setCurrentIndex(self.position_combo.findData(position))
        self.thousand_edit.setText(values[F.THOUSAND_SEPARATOR])
        self.decimal_edit.setText(values[F.DECIMAL_SEPARATOR])
        self.decimals_spin.setValue(values[F.PRICE_DECIMALS])
        self.show_sample()

    def typed(self) -> dict[ConfiguratorField, Any]:
        return {
            F.CURRENCY: self.currency_edit.text().strip() or "$",
            F.CURRENCY_POSITION: self.position_combo.currentData(),
            F.THOUSAND_SEPARATOR: self.thousand_edit.text(),
            F.DECIMAL_SEPARATOR: self.decimal_edit.text(),
            F.PRICE_DECIMALS: self.decimals_spin.value(),
        }

    def show_sample(self) -> None:
        """How SAMPLE_AMOUNT would look, or nothing while a field holds what the rules refuse
        (the field's own message says why when OK is pressed)."""
        typed = self.typed()
        try:
            price_format = PriceFormat(
                rules.currency(typed[F.CURRENCY]),
                rules.currency_position(typed[F.CURRENCY_POSITION]),  # Qt hands back a str
                rules.thousand_separator(typed[F.THOUSAND_SEPARATOR]),
                rules.decimal_separator(typed[F.DECIMAL_SEPARATOR]),
                typed[F.PRICE_DECIMALS],
            )
            rules.separators_differ(price_format.thousand_separator, price_format.decimal_separator)
        except RuleError:
            self.sample.setText("")
            return
        sample = price_format.format(SAMPLE_AMOUNT)
        self.sample.setText(texts.PRICE_SAMPLE.format(sample=sample))


def _separator_edit(name: str, parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setMaximumWidth(48)
    return edit


class OrderSettingsForm(QFormLayout):
    """Payment at checkout, hold stock minutes and the out-of-stock notification amount, for
    the Stock Management section (their ranges are the field rules', so a spin box never
    holds what the store would refuse)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        self.payment_combo = QComboBox(parent)
        self.payment_combo.setObjectName("settingsPaymentCombo")
        for payment in Payment:
            self.payment_combo.addItem(texts.PAYMENT_CHOICES[payment.value], payment)
        self.payment_combo.setToolTip(
            "Pending: checkout's order waits for payment and holds its stock; "
            "pay or cancel it in the preview."
        )
        self.hold_spin = QSpinBox(parent)
        self.hold_spin.setObjectName("settingsHoldMinutesSpin")
        self.hold_spin.setRange(0, MAX_HOLD_MINUTES)
        self.hold_spin.setSpecialValueText(texts.NO_HOLD)  # 0: unpaid orders hold nothing
        self.hold_spin.setToolTip(
            "How long an unpaid order holds its stock before it is cancelled; 0: no hold."
        )
        self.notify_spin = QSpinBox(parent)
        self.notify_spin.setObjectName("notifyNoStockSpin")
        self.notify_spin.setRange(0, MAX_STOCK_QUANTITY)
        self.notify_spin.setToolTip(
            "After an order, the shop is told an option is out of stock at or below this."
        )
        for label, widget in (
            (texts.PAYMENT_AT_CHECKOUT, self.payment_combo),
            (texts.HOLD_STOCK_MINUTES, self.hold_spin),
            (texts.NOTIFY_NO_STOCK_AT, self.notify_spin),
        ):
            widget.setAccessibleName(label)
            self.addRow(label, widget)

    def fill(self, values: dict[ConfiguratorField, Any]) -> None:
        self.payment_combo.setCurrentIndex(self.payment_combo.findData(Payment(values[F.PAYMENT])))
        self.hold_spin.setValue(values[F.HOLD_MINUTES])
        self.notify_spin.setValue(values[F.NOTIFY_NO_STOCK_AT])

    def typed(self) -> dict[ConfiguratorField, Any]:
        return {
            F.PAYMENT: self.payment_combo.currentData(),
            F.HOLD_MINUTES: self.hold_spin.value(),
            F.NOTIFY_NO_STOCK_AT: self.notify_spin.value(),
        }
