"""The Stock Management section of the layer settings (image layers only)."""

from __future__ import annotations

from itertools import pairwise

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

from ...domain import rules, stock, texts
from ...domain.change_set import ChangeSet
from ...domain.fields import LAYER_LABELS, STOCK_FIELDS, LayerField
from ...domain.model import (
    MAX_STOCK_QUANTITY,
    MIN_STOCK_QUANTITY,
    Backorders,
    Layer,
    StockStatus,
)
from ...domain.rules import RuleError
from ..editing.document import Document
from ..layers.field_commit import FieldError, LayerCommitter, StepSpinBox, WheelNeedsFocus, stacked
from ..theme import palette
from ..theme.availability_style import state_icon
from ..theme.palette import Tone
from ..widgets import accessibility

# The spin box's minimum stands for "no quantity tracked" (stock_quantity None).
NOT_TRACKED = MIN_STOCK_QUANTITY - 1
MAX_QUANTITY = MAX_STOCK_QUANTITY
STATUS_ITEMS = (
    (texts.STATUS_IN_STOCK, StockStatus.IN_STOCK),
    (texts.STATUS_OUT_OF_STOCK, StockStatus.OUT_OF_STOCK),
)
# The option's own backorder setting, WooCommerce's choices; "" (not None, which Qt's
# findData cannot find) stands for the configurator's setting.
BACKORDER_ITEMS = tuple(
    (words, setting or "") for setting, words in texts.OPTION_BACKORDER_CHOICES.items()
)


class QuantitySpinBox(StepSpinBox):
    """The Stock Quantity spin box (still a QSpinBox: scripts use setValue). Its lowest value
    reads "not tracked", and so does a field the merchant cleared.

    Typed text is read by the field rules, never cut to fit: while typing, any text stays as
    typed (a QSpinBox would drop the keystroke that takes it out of range, so "1234567"
    became 123456); on Enter or leaving the field, text the rules refuse is refused whole and
    the stored value comes back (docs/editing.md).

    Signals:
        refused(str)   the rule's problem with the typed text, which was not taken
    """

    refused = Signal(str)

    def _empty(self, text: str) -> bool:
        return not text.strip() or text == self.specialValueText()

    def problem(self, text: str) -> str:
        """Why the rules refuse text as a quantity, or ''."""
        if self._empty(text):
            return ""
        try:
            rules.quantity(rules.whole_number(text))
        except RuleError as exc:
            return exc.problem
        return ""

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state = QValidator.State.Intermediate if self.problem(text) else QValidator.State.Acceptable
        return state, text, pos

    def fixup(self, text: str) -> str:
        # Called when editing ends on text validate() did not accept: the text stays as it
        # is, so the spin box puts the stored value back, and the refusal is said.
        problem = self.problem(text)
        if problem:
            self.refused.emit(problem)
        return text

    def valueFromText(self, text: str) -> int:
        if self.problem(text):  # Qt asks only for accepted text; never guess at the rest
            return self.value()
        return self.minimum() if self._empty(text) else rules.whole_number(text)


class StockSection(QGroupBox):
    """Manage Stock, SKU, Stock Quantity (empty: not tracked), Stock Status, Low stock
    amount, the availability the rules compute, a warning where status and quantity really
    contradict each other and a neutral note where a manual status holds units back.

    One stock control (docs/editing.md): every field takes input whatever Manage Stock says,
    so an access key always lands in a field that accepts what is typed next; entering a
    quantity or a status puts the option under stock management in the same undo step.
    Disabled, with the reason shown, while the Stock Management add-on is off. Commits
    through a LayerCommitter (no signals of its own)."""

    def __init__(
        self, document: Document, committer: LayerCommitter, parent: QWidget | None = None
    ) -> None:
        super().__init__(texts.ADDON_NAME, parent)
        self.setObjectName("stockSection")
        self.document = document
        self.committer = committer
        self.layer: Layer | None = None
        self._loading = False
        # A typed quantity was just refused: the editing that ends with it commits nothing
        # and leaves the message standing.
        self._refused = False

        self.addon_label = QLabel(texts.ADDON_REQUIRED, self)
        self.addon_label.setObjectName("stockAddonRequiredLabel")
        self.addon_label.setWordWrap(True)
        palette.style_text(self.addon_label, Tone.WARNING)

        self.fields = QWidget(self)
        self.manage_check = QCheckBox(texts.MANAGE_STOCK, self.fields)
        self.manage_check.setObjectName("manageStockCheck")
        self.manage_check.setToolTip(
            "Entering a quantity or a status turns this on; untick it to stop managing stock."
        )
        self.sku_edit = QLineEdit(self.fields)
        self.sku_edit.setObjectName("skuEdit")
        self.sku_edit.setPlaceholderText("e.g. CASE-YELLOW-METALLIC")
        self.sku_error = FieldError("skuError", self.fields)
        self.quantity_spin = QuantitySpinBox(self.fields)
        self.quantity_spin.setObjectName("stockQuantitySpin")
        self.quantity_spin.setRange(NOT_TRACKED, MAX_QUANTITY)
        self.quantity_spin.setSpecialValueText(texts.NOT_TRACKED.lower())
        self.quantity_spin.setToolTip(
            "Units in stock; below 0 they are backordered. Empty: not tracked, the status "
            "alone says whether the option is in stock."
        )
        # Room for the whole refusal in a narrow dock (it names the field, the rule and
        # that the value was kept, as the stock table says it).
        self.quantity_error = FieldError("stockQuantityError", self.fields, lines=3)
        self.status_combo = QComboBox(self.fields)
        self.status_combo.setObjectName("stockStatusCombo")
        for label, status in STATUS_ITEMS:
            self.status_combo.addItem(label, status)
        self.low_edit = QLineEdit(self.fields)
        self.low_edit.setObjectName("lowStockAmountEdit")
        self.low_edit.setToolTip(
            "Managed units at or below this count as low. Empty: the configurator's threshold."
        )
        self.backorders_combo = QComboBox(self.fields)
        self.backorders_combo.setObjectName("backordersCombo")
        for label, setting in BACKORDER_ITEMS:
            self.backorders_combo.addItem(label, setting)
        self.backorders_combo.setToolTip(
            "Whether this option may be ordered beyond its stock. Its own choice wins over "
            "the configurator's Enable Backorder (Global Settings)."
        )
        # Nothing one clicks sits below it, so its message takes room only when shown.
        self.low_error = FieldError("lowStockAmountError", self.fields, grow=True)
        # Which threshold marks this option low: its own amount, or the configurator's.
        self.low_label = QLabel(self.fields)
        self.low_label.setObjectName("lowStockLabel")
        self.low_label.setWordWrap(True)
        palette.style_text(self.low_label, Tone.MUTED)
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
        self._lay_out()
        self.wheel_guard = WheelNeedsFocus(self)
        self.wheel_guard.watch(self.quantity_spin, self.status_combo, self.backorders_combo)

        # setChecked/setValue/setCurrentText by a script commit too; _loading skips our own.
        self.manage_check.toggled.connect(self._manage_toggled)
        self.sku_edit.editingFinished.connect(self._sku_finished)
        self.quantity_spin.valueChanged.connect(self._quantity_changed)
        self.quantity_spin.editingFinished.connect(self._quantity_finished)
        self.quantity_spin.refused.connect(self._quantity_refused)
        self.quantity_spin.lineEdit().textEdited.connect(self._quantity_typed)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.low_edit.editingFinished.connect(self._low_finished)
        self.backorders_combo.currentIndexChanged.connect(self._backorders_changed)
        document.changed.connect(self._follow)

    def _lay_out(self) -> None:
        availability = QHBoxLayout()
        availability.setContentsMargins(0, 0, 0, 0)
        availability.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        availability.addWidget(self.effective_label, 1)
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Beside its field, not centred on the field and the room kept for its message.
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow("", self.manage_check)
        key = accessibility.with_key
        accessibility.add_row(
            form, key(texts.SKU, "K"), self.sku_edit, stacked(self.sku_edit, self.sku_error)
        )
        accessibility.add_row(form, key(texts.STOCK_QUANTITY, "Q"), self.quantity_spin)
        # Its refusal under the whole row, label column included: a narrow dock's field
        # column would cut the message short. (In a box, so its room is kept while hidden.)
        form.addRow(stacked(self.quantity_error))
        # Named by its label, not read out as the value it shows.
        accessibility.add_row(form, key(texts.STOCK_STATUS, "u"), self.status_combo)
        accessibility.add_row(
            form,
            key(texts.LOW_STOCK_AMOUNT, "w"),
            self.low_edit,
            stacked(self.low_edit, self.low_label, self.low_error),
        )
        accessibility.add_row(form, key(texts.BACKORDERS, "B"), self.backorders_combo)
        form.addRow("Shoppers see", availability)
        form.addRow(self.warning_label)
        form.addRow(self.note_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.addon_label)
        layout.addWidget(self.fields)
        # Tab goes down the form as it reads (moving a field into its stacked box would
        # otherwise put it last).
        order = [
            self.manage_check,
            self.sku_edit,
            self.quantity_spin,
            self.status_combo,
            self.low_edit,
            self.backorders_combo,
        ]
        for first, then in pairwise(order):
            QWidget.setTabOrder(first, then)

    # --- showing -------------------------------------------------------------------------
    def show_layer(self, layer: Layer | None) -> None:
        self.layer = layer
        for error in (self.sku_error, self.quantity_error, self.low_error):
            error.clear_message()
        self._refused = False
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
            if LayerField.LOW_STOCK_AMOUNT in fields:
                own = layer.stock.low_amount
                self.low_edit.setText("" if own is None else str(own))
            if LayerField.BACKORDERS in fields:
                setting = layer.stock.backorders
                combo = self.backorders_combo
                combo.setCurrentIndex(combo.findData("" if setting is None else setting.value))
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
        state = stock.configurator_state(active, cfg, layer.stock)
        self.status_icon.setPixmap(state_icon(state).pixmap(16, 16))
        self.effective_label.setText(
            stock.describe(active, layer.stock, cfg.backorders, cfg.low_stock_threshold)
        )
        warning = stock.consistency_warning(active, layer.stock, cfg.backorders)
        self.warning_label.setText(f"⚠ {warning}" if warning else "")
        self.warning_label.setVisible(bool(warning))
        threshold = cfg.low_stock_threshold
        self.low_edit.setPlaceholderText(texts.low_stock_placeholder(threshold))
        self.low_label.setText(texts.low_stock_at(layer.stock.low_amount, threshold))
        note = stock.status_note(active, layer.stock)
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def _follow(self, change: ChangeSet) -> None:
        if change.stock_context:  # the add-on, or a setting the stock rules read
            self.refresh_state()

    # --- committing ------------------------------------------------------------------------
    def _commit(
        self,
        field: LayerField,
        value: object,
        error: FieldError | None = None,
        *,
        mergeable: bool = False,
    ) -> None:
        layer = self.layer
        if layer is None or self._loading:
            return
        changes: dict[LayerField, object] = {field: value}
        if field in _MANAGING and not layer.stock.manage:
            # A quantity or a status means nothing unmanaged: entering one is managing.
            changes = {LayerField.MANAGE_STOCK: True, **changes}
        self.committer.commit(
            layer,
            changes,
            error,
            mergeable=mergeable,
            revert=lambda: self.load(set(changes)),
        )

    def _manage_toggled(self, checked: bool) -> None:
        self._commit(LayerField.MANAGE_STOCK, checked)

    def _sku_finished(self) -> None:
        self._commit(LayerField.SKU, self.sku_edit.text(), self.sku_error)

    def _quantity_value(self) -> int | None:
        value = self.quantity_spin.value()
        return None if value == NOT_TRACKED else value

    def _quantity_changed(self, _value: int) -> None:
        if not self._refused:
            # Arrow steps merge into one undo step; a typed or scripted value is its own.
            self._commit(
                LayerField.STOCK_QUANTITY,
                self._quantity_value(),
                self.quantity_error,
                mergeable=self.quantity_spin.stepping,
            )

    def _quantity_finished(self) -> None:
        if self._refused:
            self._refused = False  # the refusal stays shown; the next edit starts afresh
            return
        layer = self.layer
        if layer is not None and layer.stock.quantity == self._quantity_value():
            # Enter on the value shown: nothing typed, so nothing saved (not even Manage
            # Stock for an option without a quantity).
            self.quantity_error.clear_message()
            return
        self._commit(LayerField.STOCK_QUANTITY, self._quantity_value(), self.quantity_error)

    def _quantity_refused(self, problem: str) -> None:
        # The stored value is back in the box; the merchant learns why at the field and in
        # the status bar, in the stock table's words.
        self._refused = True
        label = LAYER_LABELS[LayerField.STOCK_QUANTITY]
        self.committer.refuse(self.quantity_error, texts.value_kept(label, problem))

    def _quantity_typed(self, _text: str) -> None:
        self._refused = False

    def _status_changed(self, index: int) -> None:
        if index >= 0:
            status = StockStatus(self.status_combo.itemData(index))
            self._commit(LayerField.STOCK_STATUS, status)

    def _backorders_changed(self, index: int) -> None:
        if index >= 0:
            setting = self.backorders_combo.itemData(index)
            self._commit(LayerField.BACKORDERS, Backorders(setting) if setting else None)

    def _low_finished(self) -> None:
        layer = self.layer
        if layer is None or self._loading:
            return
        label = LAYER_LABELS[LayerField.LOW_STOCK_AMOUNT]
        try:
            text = self.low_edit.text()
            amount = rules.low_stock_amount(rules.whole_number(text) if text.strip() else None)
        except RuleError as exc:
            self.committer.refuse(self.low_error, texts.value_kept(label, exc.problem))
            self.load({LayerField.LOW_STOCK_AMOUNT})
            return
        self._commit(LayerField.LOW_STOCK_AMOUNT, amount, self.low_error)
        self.load({LayerField.LOW_STOCK_AMOUNT})  # shows the stored form ("007" reads "7")


# Fields whose value only counts for a managed option.
_MANAGING = frozenset({LayerField.STOCK_QUANTITY, LayerField.STOCK_STATUS})
