"""Refund… of a simulated order (`refundDialog`): units per option line and WooCommerce's
"Restock refunded items" check box (docs/orders.md). Opened with open(), never exec()."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import texts
from ...domain.model import Layer
from ...domain.orders import OrderLife
from ..widgets import accessibility


class RefundDialog(QDialog):
    """One `refundUnitsSpin` per option the order still has units of (dynamic property
    `layerName`), `restockCheck`, OK and Cancel.

    Signals:
        refundChosen(int, object, bool)   the order's number, {option: units} (units > 0
                                          only) and whether to restock
    """

    refundChosen = Signal(int, object, bool)

    def __init__(self, life: OrderLife, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(f"Refund order #{life.number}")
        self.number = life.number
        self.spins: dict[Layer, QSpinBox] = {}
        intro = QLabel(
            "Units to refund of each option. Restocking puts back at most what the order "
            "took from stock."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        for option in life.ordered:
            left = life.left_to_refund(option)
            if left <= 0:
                continue
            spin = QSpinBox()
            spin.setObjectName("refundUnitsSpin")
            spin.setProperty("layerName", life.names[option])
            spin.setRange(0, left)
            spin.setValue(left)
            spin.setSuffix(f" of {left}")
            spin.valueChanged.connect(self._update_ok)
            # A QLabel reads rich text by guess: the option's name is user text.
            label = accessibility.labelled("", spin)
            label.setTextFormat(label.textFormat().PlainText)
            label.setText(life.names[option])
            accessibility.name(spin, f"Units of {life.names[option]} to refund")
            form.addRow(label, spin)
            self.spins[option] = spin
        self.restock = QCheckBox(texts.RESTOCK_REFUNDED_ITEMS)
        self.restock.setObjectName("restockCheck")
        self.restock.setChecked(True)  # as WooCommerce's refund form starts
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Refund")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.restock)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)
        self._update_ok()

    def lines(self) -> dict[Layer, int]:
        return {option: spin.value() for option, spin in self.spins.items() if spin.value()}

    def accept(self) -> None:
        lines = self.lines()
        if not lines:
            return
        super().accept()
        self.refundChosen.emit(self.number, lines, self.restock.isChecked())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.lines()))
