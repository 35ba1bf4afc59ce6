"""The Global Settings dialog (the toolbar's gear): product link and base price, the shop's price
format (docs/price-format.md), and the Stock Management section with the backorder setting,
low stock and the order settings (docs/orders.md)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import rules, texts
from ...domain.fields import ConfiguratorField, check_configurator_changes
from ...domain.fields import FieldError as RuleRefusal
from ...domain.model import MAX_STOCK_QUANTITY, Backorders, StockDisplay
from ...domain.money import money_str
from ...domain.rules import RuleError
from ..editing.commands import SetConfiguratorFields, UndoTarget, push
from ..editing.document import Document
from ..layers.field_commit import FieldError, stacked
from ..widgets import accessibility
from .shop_settings_form import ORDER_FIELDS, PRICE_FORMAT_FIELDS, OrderSettingsForm, PriceFormatBox

F = ConfiguratorField
FIELDS = [
    F.PRODUCT_NAME,
    F.WOOCOMMERCE_ID,
    F.BASE_PRICE,
    *PRICE_FORMAT_FIELDS,
    F.BACKORDERS,
    F.LOW_STOCK_THRESHOLD,
    F.STOCK_DISPLAY,
    *ORDER_FIELDS,
]


def backorders_from_checks(enabled: bool, notify: bool) -> Backorders:
    """docs/data-model.md: Enable Backorder off → "no"; on with notices → "notify"; on, silent →
    "yes"."""
    if not enabled:
        return Backorders.NO
    return Backorders.NOTIFY if notify else Backorders.YES


class GlobalSettingsDialog(QDialog):
    """Edits the open configurator's global settings. A snapshot is taken on open(); OK writes
    every changed field as ONE SetConfiguratorFields command (a bad base price keeps the dialog
    open with the reason shown); Cancel puts the snapshot back and writes nothing. No signals."""

    def __init__(self, document: Document, stack: UndoTarget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("globalSettingsDialog")
        self.setWindowTitle(texts.GLOBAL_SETTINGS)
        self.document = document
        self.stack = stack
        self.snapshot: dict[ConfiguratorField, Any] = {}
        self.configurator_id: int | None = None

        self.configurator_label = QLabel(self)
        self.configurator_label.setTextFormat(Qt.TextFormat.PlainText)
        self.configurator_label.setStyleSheet("font-weight: bold;")
        # The name in full here, wrapped; the window title stays short, so a window manager
        # never cuts it to "Global Settings — Custom...ler".
        self.configurator_label.setWordWrap(True)
        self.product_edit = QLineEdit(self)
        self.product_edit.setObjectName("productNameEdit")
        self.product_error = FieldError("productNameError", self, grow=True)
        self.woo_edit = QLineEdit(self)
        self.woo_edit.setObjectName("woocommerceIdEdit")
        self.woo_edit.setPlaceholderText("not linked")
        self.woo_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,12}"), self.woo_edit)
        )
        self.woo_error = FieldError("woocommerceIdError", self, grow=True)
        self.price_edit = QLineEdit(self)
        self.price_edit.setObjectName("basePriceEdit")
        self.price_error = FieldError("basePriceError", self, grow=True)

        product = QGroupBox("Product", self)
        form = QFormLayout(product)
        accessibility.add_row(
            form, "Product &name", self.product_edit, stacked(self.product_edit, self.product_error)
        )
        accessibility.add_row(
            form, "&WooCommerce product id", self.woo_edit, stacked(self.woo_edit, self.woo_error)
        )
        accessibility.add_row(
            form, "&Base price", self.price_edit, stacked(self.price_edit, self.price_error)
        )
        self.price_format = PriceFormatBox(self)

        self.stock_section = QGroupBox(texts.ADDON_NAME, self)
        self.stock_section.setObjectName("globalStockSection")
        self.backorder_check = QCheckBox(texts.ENABLE_BACKORDER, self.stock_section)
        self.backorder_check.setObjectName("backorderCheck")
        self._backorder_tip = (
            "Out-of-stock options stay selectable and are ordered on backorder. An option "
            "whose own Backorders setting is not the configurator's keeps its own."
        )
        self.notice_check = QCheckBox(texts.SHOW_BACKORDER_NOTICES, self.stock_section)
        self.notice_check.setObjectName("backorderNoticeCheck")
        self._notice_tip = (
            f'Shoppers see "{texts.NOTICE_BACKORDER}" on the option and '
            f'"{texts.CART_BACKORDER_SUFFIX}" in the cart; off: backorders are silent.'
        )
        self.addon_label = QLabel(texts.ADDON_REQUIRED, self.stock_section)
        self.addon_label.setObjectName("globalAddonRequiredLabel")
        self.addon_label.setWordWrap(True)
        stock_layout = QVBoxLayout(self.stock_section)
        stock_layout.addWidget(self.backorder_check)
        notice_row = QVBoxLayout()
        notice_row.setContentsMargins(24, 0, 0, 0)  # indented: it refines the box above
        notice_row.addWidget(self.notice_check)
        stock_layout.addLayout(notice_row)
        low_stock_form = self._make_low_stock_form()
        stock_layout.addLayout(low_stock_form)
        self.orders = OrderSettingsForm(self.stock_section)
        stock_layout.addLayout(self.orders)
        stock_layout.addWidget(self.addon_label)
        self.backorder_check.toggled.connect(self.notice_check.setEnabled)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Two columns, the shop's product and prices beside its stock and orders, so the
        # dialog stays short enough for a 1024×640 screen.
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(product)
        left.addWidget(self.price_format)
        left.addStretch(1)
        right.addWidget(self.stock_section)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.configurator_label)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        _align_label_columns(form, self.price_format.form)
        _align_label_columns(low_stock_form, self.orders)

    def _make_low_stock_form(self) -> QFormLayout:
        """Low stock (docs/stock-rules.md): the threshold and what shoppers are told of stock."""
        self.threshold_spin = QSpinBox(self.stock_section)
        self.threshold_spin.setObjectName("lowStockThresholdSpin")
        self.threshold_spin.setRange(0, MAX_STOCK_QUANTITY)
        self.threshold_spin.setToolTip(
            "An option is low when 0 < quantity ≤ this, unless it sets its own low stock amount."
        )
        self.display_combo = QComboBox(self.stock_section)
        self.display_combo.setObjectName("stockDisplayCombo")
        for display in StockDisplay:
            self.display_combo.addItem(texts.STOCK_DISPLAY_CHOICES[display.value], display)
        self.threshold_spin.setAccessibleName(texts.LOW_STOCK_THRESHOLD)
        self.display_combo.setAccessibleName(texts.STOCK_DISPLAY)
        form = QFormLayout()
        form.addRow(texts.LOW_STOCK_THRESHOLD, self.threshold_spin)
        form.addRow(texts.STOCK_DISPLAY, self.display_combo)
        return form

    # --- opening and closing ---------------------------------------------------------------
    def open(self) -> None:
        cfg = self.document.configurator
        if cfg is None or cfg.id is None:
            return
        self.configurator_id = cfg.id
        self.snapshot, _version = self.document.configurator_fields(cfg.id, FIELDS)
        self.configurator_label.setText(cfg.name)
        self._fill(self.snapshot)
        active = self.document.addon_active
        self.stock_section.setEnabled(active)
        self.stock_section.setToolTip("" if active else texts.ADDON_REQUIRED_TOOLTIP)
        # Qt shows a disabled widget's own tooltip rather than its parent's, so the boxes
        # themselves say what they need while the add-on is off.
        off_tip = texts.ADDON_REQUIRED_TOOLTIP
        self.backorder_check.setToolTip(self._backorder_tip if active else off_tip)
        self.notice_check.setToolTip(self._notice_tip if active else off_tip)
        self.addon_label.setVisible(not active)
        self.adjustSize()  # as wide as both columns' fields and labels need
        super().open()

    def _errors(self) -> dict[ConfiguratorField, tuple[QLineEdit, FieldError]]:
        return {
            F.PRODUCT_NAME: (self.product_edit, self.product_error),
            F.WOOCOMMERCE_ID: (self.woo_edit, self.woo_error),
            F.BASE_PRICE: (self.price_edit, self.price_error),
            **self.price_format.errors(),
        }

    def _fill(self, values: dict[ConfiguratorField, Any]) -> None:
        for _edit, error in self._errors().values():
            error.clear_message()
        self.product_edit.setText(values[F.PRODUCT_NAME])
        woo = values[F.WOOCOMMERCE_ID]
        self.woo_edit.setText("" if woo is None else str(woo))
        self.price_edit.setText(money_str(values[F.BASE_PRICE]))
        self.price_format.fill(values)
        backorders = Backorders(values[F.BACKORDERS])
        self.backorder_check.setChecked(backorders is not Backorders.NO)
        # "Show notices" is on by default; only "yes" (silent) unticks it.
        self.notice_check.setChecked(backorders is not Backorders.YES)
        self.notice_check.setEnabled(backorders is not Backorders.NO)
        self.threshold_spin.setValue(values[F.LOW_STOCK_THRESHOLD])
        self.display_combo.setCurrentIndex(
            self.display_combo.findData(StockDisplay(values[F.STOCK_DISPLAY]))
        )
        self.orders.fill(values)

    def _values(self) -> dict[ConfiguratorField, Any] | None:
        """The dialog's values as they would be stored, or None with the reason shown at the
        first field the rules refuse."""
        woo = self.woo_edit.text().strip()
        backorders = self.snapshot[F.BACKORDERS]
        if self.stock_section.isEnabled():  # without the add-on the setting is left as it was
            backorders = backorders_from_checks(
                self.backorder_check.isChecked(), self.notice_check.isChecked()
            )
        typed = {
            F.PRODUCT_NAME: self.product_edit.text(),
            F.WOOCOMMERCE_ID: woo,  # read below as every typed number is
            F.BASE_PRICE: self.price_edit.text(),
            **self.price_format.typed(),
            F.BACKORDERS: backorders,
            F.LOW_STOCK_THRESHOLD: self.threshold_spin.value(),
            F.STOCK_DISPLAY: self.display_combo.currentData(),
            **self.orders.typed(),
        }
        errors = self._errors()
        for _edit, error in errors.values():
            error.clear_message()
        try:
            typed[F.WOOCOMMERCE_ID] = _typed_id(woo)
            return check_configurator_changes(typed)
        except RuleRefusal as exc:
            assert isinstance(exc.field, ConfiguratorField)  # the rules of this dialog's fields
            edit, error = errors[exc.field]
            error.show_message(f"{exc}.")
            edit.setFocus()
            return None

    def accept(self) -> None:
        values = self._values()
        if values is None or self.configurator_id is None:
            return  # stays open with the reason shown
        changed = {k: v for k, v in values.items() if self.snapshot.get(k) != v}
        if changed:
            command = SetConfiguratorFields(
                self.document, self.configurator_id, changed, f"Edit {texts.GLOBAL_SETTINGS}"
            )
            if not push(self.stack, command):
                self.price_error.show_message("The settings were not saved; see the status bar.")
                return
        super().accept()

    def reject(self) -> None:
        if self.snapshot:
            self._fill(self.snapshot)  # Cancel: what was there on open
        super().reject()


def _align_label_columns(*forms: QFormLayout) -> None:
    """One label column for the dialog's forms, so all its fields start in one line."""
    labels = [
        label
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and (label := item.widget()) is not None
    ]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def _typed_id(text: str) -> int | None:
    """The WooCommerce id field's text as a number, read by the rule every typed number
    follows (docs/stock-sheets.md, "Numbers"); the validator keeps most else out, but text
    set programmatically or pasted is not validated."""
    try:
        return rules.whole_number(text) if text else None
    except RuleError as exc:
        raise RuleRefusal(F.WOOCOMMERCE_ID, exc.problem) from None
