"""The Stock Management section of the layer settings (image layers only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain import stock, texts
from ..domain.fields import STOCK_FIELDS, LayerField
from ..domain.model import MAX_STOCK_QUANTITY, MIN_STOCK_QUANTITY, Layer, StockStatus
from .availability_style import availability_icon
from .document import Document
from .field_commit import FieldError, LayerCommitter, StepSpinBox

# The spin box's minimum stands for "no quantity tracked" (stock_quantity None).
NOT_TRACKED = MIN_STOCK_QUANTITY - 1
MAX_QUANTITY = MAX_STOCK_QUANTITY
STATUS_ITEMS = (
    (texts.STATUS_IN_STOCK, StockStatus.IN_STOCK),
    (texts.STATUS_OUT_OF_STOCK, StockStatus.OUT_OF_STOCK),
)


class StockSection(QGroupBox):
    """Manage Stock, SKU, Stock Quantity, Stock Status, the availability the rules compute and a
    warning where status and quantity disagree. Disabled, with the reason shown, while the
    Stock Management add-on is off. Commits through a LayerCommitter (no signals of its own)."""

    def __init__(
        self, document: Document, committer: LayerCommitter, parent: QWidget | None = None
    ) -> None:
        super().__init__(texts.ADDON_NAME, parent)
        self.setObjectName("stockSection")
        self.document = document
        self.committer = committer
        self.layer: Layer | None = None
        self._loading = False

        self.addon_label = QLabel(texts.ADDON_REQUIRED, self)
        self.addon_label.setObjectName("stockAddonRequiredLabel")
        self.addon_label.setWordWrap(True)
        self.addon_label.setStyleSheet("color: #b06000;")

        self.fields = QWidget(self)
        self.manage_check = QCheckBox(texts.MANAGE_STOCK, self.fields)
        self.manage_check.setObjectName("manageStockCheck")
        self.sku_edit = QLineEdit(self.fields)
        self.sku_edit.setObjectName("skuEdit")
        self.sku_edit.setPlaceholderText("e.g. CASE-YELLOW-METALLIC")
        self.sku_error = FieldError("skuError", self.fields)
        self.quantity_spin = StepSpinBox(self.fields)
        self.quantity_spin.setObjectName("stockQuantitySpin")
        self.quantity_spin.setRange(NOT_TRACKED, MAX_QUANTITY)
        self.quantity_spin.setSpecialValueText("not tracked")
        self.quantity_spin.setToolTip(
            "Units in stock; may be negative after backorders. Lowest value = not tracked."
        )
        self.status_combo = QComboBox(self.fields)
        self.status_combo.setObjectName("stockStatusCombo")
        for label, status in STATUS_ITEMS:
            self.status_combo.addItem(label, status)
        self.status_icon = QLabel(self.fields)
        self.status_icon.setFixedWidth(18)
        self.effective_label = QLabel(self.fields)
        self.effective_label.setObjectName("effectiveStatusLabel")
        self.effective_label.setWordWrap(True)
        self.effective_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label = QLabel(self.fields)
        self.warning_label.setObjectName("stockWarningLabel")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setStyleSheet(
            "color: #8a4b00; background: #fef7e0; border: 1px solid #f9ab00;"
            " border-radius: 3px; padding: 4px;"
        )

        availability = QHBoxLayout()
        availability.setContentsMargins(0, 0, 0, 0)
        availability.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        availability.addWidget(self.effective_label, 1)
        sku_box = QVBoxLayout()
        sku_box.setSpacing(2)
        sku_box.addWidget(self.sku_edit)
        sku_box.addWidget(self.sku_error)
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("", self.manage_check)
        form.addRow(texts.SKU, sku_box)
        form.addRow(texts.STOCK_QUANTITY, self.quantity_spin)
        form.addRow(texts.STOCK_STATUS, self.status_combo)
        form.addRow("Shoppers see", availability)
        form.addRow(self.warning_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.addon_label)
        layout.addWidget(self.fields)

        # setChecked/setValue/setCurrentText by a script commit too; _loading skips our own.
        self.manage_check.toggled.connect(self._manage_toggled)
        self.sku_edit.editingFinished.connect(self._sku_finished)
        self.quantity_spin.valueChanged.connect(self._quantity_changed)
        self.quantity_spin.editingFinished.connect(self._quantity_finished)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        document.addonChanged.connect(lambda _active: self.refresh_state())
        document.settingsChanged.connect(self._settings_changed)

    # --- showing -------------------------------------------------------------------------
    def show_layer(self, layer: Layer | None) -> None:
        self.layer = layer
        self.sku_error.clear_message()
        if layer is not None:
            self.load(set(STOCK_FIELDS))

    def load(self, fields: set[LayerField]) -> None:
        """Put the layer's stored values into the widgets named by fields (no commits)."""
        layer = self.layer
        if layer is None:
            return
        self._loading = True
        try:
            if LayerField.MANAGE_STOCK in fields:
                self.manage_check.setChecked(layer.stock.manage)
            if LayerField.SKU in fields:
                self.sku_edit.setText(layer.stock.sku)
            if LayerField.STOCK_QUANTITY in fields:
                quantity = layer.stock.quantity
                self.quantity_spin.setValue(NOT_TRACKED if quantity is None else quantity)
            if LayerField.STOCK_STATUS in fields:
                self.status_combo.setCurrentIndex(self.status_combo.findData(layer.stock.status))
        finally:
            self._loading = False
        self.refresh_state()

    def refresh_state(self) -> None:
        """Enabled states, the computed availability and the warning."""
        active = self.document.addon_active
        self.addon_label.setVisible(not active)
        self.fields.setEnabled(active)
        self.setToolTip("" if active else texts.ADDON_REQUIRED_TOOLTIP)
        layer, cfg = self.layer, self.document.configurator
        if layer is None or cfg is None:
            return
        managed = layer.stock.manage
        self.quantity_spin.setEnabled(managed)
        self.status_combo.setEnabled(managed)
        state = stock.option_state(active, layer.stock, cfg.backorders)
        self.status_icon.setPixmap(availability_icon(state.availability).pixmap(16, 16))
        self.effective_label.setText(stock.describe(active, layer.stock, cfg.backorders))
        warning = stock.consistency_warning(active, layer.stock, cfg.backorders)
        self.warning_label.setText(f"⚠ {warning}" if warning else "")
        self.warning_label.setVisible(bool(warning))

    def _settings_changed(self, fields: set[str]) -> None:
        if "backorders" in fields:
            self.refresh_state()

    # --- committing ------------------------------------------------------------------------
    def _manage_toggled(self, checked: bool) -> None:
        if not self._loading and self.layer is not None:
            self.committer.commit(
                self.layer,
                {LayerField.MANAGE_STOCK: checked},
                revert=lambda: self.load({LayerField.MANAGE_STOCK}),
            )

    def _sku_finished(self) -> None:
        layer = self.layer
        if layer is None or self._loading:
            return
        self.committer.commit(
            layer,
            {LayerField.SKU: self.sku_edit.text()},
            self.sku_error,
            revert=lambda: self.load({LayerField.SKU}),
        )

    def _quantity_value(self) -> int | None:
        value = self.quantity_spin.value()
        return None if value == NOT_TRACKED else value

    def _quantity_changed(self, _value: int) -> None:
        if not self._loading and self.layer is not None:
            # Arrow steps merge into one undo step; a typed or scripted value is its own.
            self.committer.commit(
                self.layer,
                {LayerField.STOCK_QUANTITY: self._quantity_value()},
                mergeable=self.quantity_spin.stepping,
                revert=lambda: self.load({LayerField.STOCK_QUANTITY}),
            )

    def _quantity_finished(self) -> None:
        if not self._loading and self.layer is not None:
            self.committer.commit(
                self.layer,
                {LayerField.STOCK_QUANTITY: self._quantity_value()},
                revert=lambda: self.load({LayerField.STOCK_QUANTITY}),
            )

    def _status_changed(self, index: int) -> None:
        if self._loading or self.layer is None or index < 0:
            return
        status = StockStatus(self.status_combo.itemData(index))
        self.committer.commit(
            self.layer,
            {LayerField.STOCK_STATUS: status},
            revert=lambda: self.load({LayerField.STOCK_STATUS}),
        )
