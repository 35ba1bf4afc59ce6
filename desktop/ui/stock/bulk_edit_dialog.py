"""The bulk edit dialog (`bulkEditDialog`, docs/stock-sheets.md): change the stock of the selected
options
at once. Each field has a box to tick; only ticked fields change. OK pushes one undo step
named for what it did (e.g. "Set quantity of 12 options")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import texts
from ...domain.bulk_edit import BulkEdit, describe, plan
from ...domain.fields import FieldError
from ...domain.model import (
    MAX_STOCK_QUANTITY,
    MIN_STOCK_QUANTITY,
    Backorders,
    Layer,
    StockStatus,
)
from ..editing.commands import UndoTarget, push
from ..editing.document import Document
from ..theme import palette
from ..theme.palette import Tone
from .commands import SetStockOfMany

SET, ADD, SUBTRACT, CLEAR = "set", "add", "subtract", "clear"


class BulkEditDialog(QDialog):
    """Stock of many options: quantity (set, add, subtract, clear), status, Manage Stock, low
    stock amount, backorders (the option's own setting). Emits no signals; opened with the
    options to change (`edit_layers`)."""

    def __init__(self, document: Document, stack: UndoTarget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bulkEditDialog")
        self.setWindowTitle("Bulk edit stock")
        self.document = document
        self.stack = stack
        self.layers: list[Layer] = []

        self.count_label = QLabel(self)
        self.count_label.setObjectName("bulkEditCountLabel")
        grid = QGridLayout()
        self.quantity_check = self._check("bulkQuantityCheck", texts.STOCK_QUANTITY)
        self.quantity_mode = self._combo(
            "bulkQuantityMode",
            [("Set to", SET), ("Add", ADD), ("Subtract", SUBTRACT), ("Clear (not tracked)", CLEAR)],
        )
        self.quantity_spin = self._spin("bulkQuantitySpin", MIN_STOCK_QUANTITY)
        self.status_check = self._check("bulkStatusCheck", texts.STOCK_STATUS)
        self.status_combo = self._combo(
            "bulkStatusCombo",
            [
                (texts.STATUS_IN_STOCK, StockStatus.IN_STOCK),
                (texts.STATUS_OUT_OF_STOCK, StockStatus.OUT_OF_STOCK),
            ],
        )
        self.manage_check = self._check("bulkManageCheck", texts.MANAGE_STOCK)
        self.manage_combo = self._combo("bulkManageCombo", [("On", True), ("Off", False)])
        self.low_check = self._check("bulkLowCheck", texts.LOW_STOCK_AMOUNT)
        self.low_mode = self._combo(
            "bulkLowMode", [("Set to", SET), ("Clear (use the threshold)", CLEAR)]
        )
        self.low_spin = self._spin("bulkLowSpin", 0)
        self.backorders_check = self._check("bulkBackordersCheck", texts.BACKORDERS)
        self.backorders_combo = self._combo(
            "bulkBackordersCombo",
            [(words, setting or "") for setting, words in texts.OPTION_BACKORDER_CHOICES.items()],
        )
        rows = (
            (self.quantity_check, self.quantity_mode, self.quantity_spin),
            (self.status_check, self.status_combo, None),
            (self.manage_check, self.manage_combo, None),
            (self.low_check, self.low_mode, self.low_spin),
            (self.backorders_check, self.backorders_combo, None),
        )
        for row, (check, combo, spin) in enumerate(rows):
            grid.addWidget(check, row, 0)
            grid.addWidget(combo, row, 1)
            if spin is not None:
                grid.addWidget(spin, row, 2)
            # A value's widgets follow its box: what is not ticked is not changed.
            for widget in (combo, spin):
                if widget is not None:
                    widget.setEnabled(False)
                    check.toggled.connect(widget.setEnabled)
        self.quantity_mode.currentIndexChanged.connect(self._modes_changed)
        self.low_mode.currentIndexChanged.connect(self._modes_changed)
        self.quantity_check.toggled.connect(self._modes_changed)
        self.low_check.toggled.connect(self._modes_changed)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("bulkEditError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # it quotes option paths
        self.error_label.setWordWrap(True)
        palette.style_text(self.error_label, Tone.ERROR)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Apply")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _check(self, name: str, text: str) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(name)
        return check

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    def _spin(self, name: str, low: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, MAX_STOCK_QUANTITY)
        spin.setMinimumWidth(90)
        return spin

    def _modes_changed(self) -> None:
        quantity_mode = self.quantity_mode.currentData()
        self.quantity_spin.setEnabled(self.quantity_check.isChecked() and quantity_mode != CLEAR)
        # Add and subtract take a count; set takes any quantity (it may be negative).
        adding = quantity_mode in (ADD, SUBTRACT)
        self.quantity_spin.setMinimum(0 if adding else MIN_STOCK_QUANTITY)
        self.low_spin.setEnabled(
            self.low_check.isChecked() and self.low_mode.currentData() != CLEAR
        )

    # --- opening and applying ----------------------------------------------------------------
    def edit_layers(self, layers: list[Layer]) -> None:
        """Open for these options (groups are left out)."""
        self.layers = [layer for layer in layers if not layer.is_group]
        count = len(self.layers)
        self.count_label.setText(
            f"Change the stock of {count} selected option{'' if count == 1 else 's'}. "
            "Only the ticked fields change."
        )
        checks = (
            self.quantity_check,
            self.status_check,
            self.manage_check,
            self.low_check,
            self.backorders_check,
        )
        for check in checks:
            check.setChecked(False)
        self.error_label.hide()
        self.open()

    def edit(self) -> BulkEdit:
        """The edit the dialog describes now."""
        quantity = quantity_by = status = manage = low = None
        clear_quantity = clear_low = False
        if self.quantity_check.isChecked():
            mode, value = self.quantity_mode.currentData(), self.quantity_spin.value()
            if mode == CLEAR:
                clear_quantity = True
            elif mode == SET:
                quantity = value
            else:
                quantity_by = value if mode == ADD else -value
        if self.status_check.isChecked():
            status = self.status_combo.currentData()
        if self.manage_check.isChecked():
            manage = self.manage_combo.currentData()
        if self.low_check.isChecked():
            if self.low_mode.currentData() == CLEAR:
                clear_low = True
            else:
                low = self.low_spin.value()
        setting = self.backorders_combo.currentData()
        return BulkEdit(
            set_backorders=self.backorders_check.isChecked(),
            backorders=Backorders(setting) if setting else None,
            quantity=quantity,
            quantity_by=quantity_by,
            clear_quantity=clear_quantity,
            status=status,
            manage=manage,
            low_amount=low,
            clear_low_amount=clear_low,
        )

    def accept(self) -> None:
        edit = self.edit()
        if edit.empty:
            self._refuse("Tick at least one field to change.")
            return
        try:
            changes = plan(self.layers, edit)
        except FieldError as exc:
            self._refuse(f"{exc}; nothing was changed.")
            return
        if changes:
            command = SetStockOfMany(self.document, changes, describe(edit, len(changes)))
            if not push(self.stack, command):
                self._refuse("The change was not saved; see the status bar.")
                return
        super().accept()

    def _refuse(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
