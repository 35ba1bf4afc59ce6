"""The Stock Management section of the layer settings (image layers only)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
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
from . import accessibility, palette
from .availability_style import state_icon
from .document import Document
from .field_commit import FieldError, LayerCommitter, StepSpinBox
from .palette import Tone

# The spin box's minimum stands for "no quantity tracked" (stock_quantity None).
NOT_TRACKED = MIN_STOCK_QUANTITY - 1
MAX_QUANTITY = MAX_STOCK_QUANTITY
STATUS_ITEMS = (
    (texts.STATUS_IN_STOCK, StockStatus.IN_STOCK),
    (texts.STATUS_OUT_OF_STOCK, StockStatus.OUT_OF_STOCK),
)


class QuantitySpinBox(StepSpinBox):
    """The Stock Quantity spin box: its lowest value reads "Not tracked", and so does a field
    cleared by the merchant (rather than snapping back to the old number without a word).

    Signals:
        refused(str)   typed text the box would not take (not a whole number in range)
    """

    refused = Signal(str)

    def validate(self, text: str, pos: int) -> object:
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        result = super().validate(text, pos)
        state = result[0] if isinstance(result, tuple) else result
        if state == QValidator.State.Invalid:
            self.refused.emit(text)
        return result

    def valueFromText(self, text: str) -> int:
        return self.minimum() if not text.strip() else super().valueFromText(text)


class StockSection(QGroupBox):
    """Manage Stock, SKU, Stock Quantity with its Track quantity choice, Stock Status, the
    availability the rules compute, a warning where status and quantity really contradict
    each other and a neutral note where a manual status holds units back. Disabled, with the
    reason shown, while the Stock Management add-on is off. Commits through a LayerCommitter
    (no signals of its own)."""

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
        palette.style_text(self.addon_label, Tone.WARNING)

        self.fields = QWidget(self)
        self.manage_check = QCheckBox(texts.MANAGE_STOCK, self.fields)
        self.manage_check.setObjectName("manageStockCheck")
        self.sku_edit = QLineEdit(self.fields)
        self.sku_edit.setObjectName("skuEdit")
        self.sku_edit.setPlaceholderText("e.g. CASE-YELLOW-METALLIC")
        self.sku_error = FieldError("skuError", self.fields)
        self.quantity_spin = QuantitySpinBox(self.fields)
        self.quantity_spin.setObjectName("stockQuantitySpin")
        self.quantity_spin.setRange(NOT_TRACKED, MAX_QUANTITY)
        self.quantity_spin.setSpecialValueText(texts.NOT_TRACKED.lower())
        self.quantity_spin.setToolTip(
            "Units in stock; below 0 they are backordered. Clear the field for not tracked."
        )
        self.tracked_check = QCheckBox(texts.TRACK_QUANTITY, self.fields)
        self.tracked_check.setObjectName("quantityTrackedCheck")
        self.tracked_check.setToolTip(
            "Untick for no quantity: status alone says whether the option is in stock."
        )
        self.quantity_error = FieldError("stockQuantityError", self.fields)
        # The quantity to offer again when tracking is ticked back on.
        self._last_quantity = 0
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
        palette.style_box(self.warning_label, Tone.WARNING)
        # Information, not a warning: the merchant chose it (a manual Out of Stock).
        self.note_label = QLabel(self.fields)
        self.note_label.setObjectName("stockNoteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        palette.style_text(self.note_label, Tone.MUTED)

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
        # Beside its field, not centred on the field and the room kept for its message.
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow("", self.manage_check)
        accessibility.add_row(form, accessibility.with_key(texts.SKU, "K"), self.sku_edit, sku_box)
        # The choice under the number, not beside it: side by side they are too wide for
        # the dock and the row would drop under its label.
        quantity_box = QVBoxLayout()
        quantity_box.setSpacing(2)
        quantity_box.addWidget(self.quantity_spin)
        quantity_box.addWidget(self.tracked_check)
        quantity_box.addWidget(self.quantity_error)
        accessibility.add_row(
            form,
            accessibility.with_key(texts.STOCK_QUANTITY, "Q"),
            self.quantity_spin,
            quantity_box,
        )
        # Named by its label, not read out as the value it shows.
        accessibility.add_row(
            form, accessibility.with_key(texts.STOCK_STATUS, "u"), self.status_combo
        )
        form.addRow("Shoppers see", availability)
        # Which threshold marks this option low: its own amount, or the configurator's.
        self.low_label = QLabel(self.fields)
        self.low_label.setObjectName("lowStockLabel")
        self.low_label.setWordWrap(True)
        palette.style_text(self.low_label, Tone.MUTED)
        form.addRow(texts.LOW_STOCK, self.low_label)
        form.addRow(self.warning_label)
        form.addRow(self.note_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.addon_label)
        layout.addWidget(self.fields)

        # setChecked/setValue/setCurrentText by a script commit too; _loading skips our own.
        self.manage_check.toggled.connect(self._manage_toggled)
        self.sku_edit.editingFinished.connect(self._sku_finished)
        self.quantity_spin.valueChanged.connect(self._quantity_changed)
        self.quantity_spin.editingFinished.connect(self._quantity_finished)
        self.quantity_spin.refused.connect(self._quantity_refused)
        self.tracked_check.toggled.connect(self._tracked_toggled)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        document.addonChanged.connect(lambda _active: self.refresh_state())
        document.settingsChanged.connect(self._settings_changed)

    # --- showing -------------------------------------------------------------------------
    def show_layer(self, layer: Layer | None) -> None:
        self.layer = layer
        self.sku_error.clear_message()
        self.quantity_error.clear_message()
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
                self.tracked_check.setChecked(quantity is not None)
                if quantity is not None:
                    self._last_quantity = quantity
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
        self.tracked_check.setEnabled(managed)
        self.quantity_spin.setEnabled(managed and layer.stock.quantity is not None)
        self.status_combo.setEnabled(managed)
        state = stock.configurator_state(active, cfg, layer.stock)
        self.status_icon.setPixmap(state_icon(state).pixmap(16, 16))
        self.effective_label.setText(
            stock.describe(active, layer.stock, cfg.backorders, cfg.low_stock_threshold)
        )
        warning = stock.consistency_warning(active, layer.stock, cfg.backorders)
        self.warning_label.setText(f"⚠ {warning}" if warning else "")
        self.warning_label.setVisible(bool(warning))
        self.low_label.setText(texts.low_stock_at(layer.stock.low_amount, cfg.low_stock_threshold))
        note = stock.status_note(active, layer.stock)
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def _settings_changed(self, fields: set[str]) -> None:
        if fields & {"backorders", "low_stock_threshold", "stock_display"}:
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
                self.quantity_error,
                mergeable=self.quantity_spin.stepping,
                revert=lambda: self.load({LayerField.STOCK_QUANTITY}),
            )

    def _quantity_finished(self) -> None:
        if not self._loading and self.layer is not None:
            self.committer.commit(
                self.layer,
                {LayerField.STOCK_QUANTITY: self._quantity_value()},
                self.quantity_error,
                revert=lambda: self.load({LayerField.STOCK_QUANTITY}),
            )

    def _quantity_refused(self, _text: str) -> None:
        # The box drops the keystroke; the merchant learns why at the field.
        self.quantity_error.show_message(texts.quantity_refused(MIN_STOCK_QUANTITY, MAX_QUANTITY))

    def _tracked_toggled(self, checked: bool) -> None:
        if self._loading or self.layer is None:
            return
        quantity = self._last_quantity if checked else None
        self.committer.commit(
            self.layer,
            {LayerField.STOCK_QUANTITY: quantity},
            self.quantity_error,
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
