"""The preview's shopper switch (docs/orders.md, "Shoppers"): which simulated shopper is in
front, and New shopper… to add one by name. Each has their own selection, cart and orders;
all share one stock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import rules
from ...domain.rules import RuleError
from ..layers.field_commit import FieldError
from ..widgets import accessibility


class ShopperNameDialog(QDialog):
    """Asks a new shopper's name (`shopperNameDialog`, `shopperNameEdit`); a name the field
    rules refuse, or one already taken, is said under the field and OK waits.

    Signals:
        named(str)   the accepted name, trimmed
    """

    named = Signal(str)

    def __init__(self, taken: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shopperNameDialog")
        self.setWindowTitle("New shopper")
        self.taken = taken
        self.edit = QLineEdit()
        self.edit.setObjectName("shopperNameEdit")
        self.edit.setPlaceholderText("e.g. second")
        self.error = FieldError("shopperNameError", self, grow=True)
        self.edit.textEdited.connect(lambda _text: self.error.clear_message())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(accessibility.labelled("Shopper's name", self.edit))
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(320)

    def accept(self) -> None:
        try:
            name = rules.name(self.edit.text())  # the field rules of every name
        except RuleError as refused:
            self.error.show_message(f"Shopper's name {refused.problem}.")
            return
        if name in self.taken:
            self.error.show_message(
                f'There is a shopper "{name}" already: choose them in the list.'
            )
            return
        super().accept()
        self.named.emit(name)


class ShopperSwitch(QWidget):
    """`shopperSwitch` (a QComboBox of the simulation's shoppers) and `addShopperButton`.

    Signals:
        shopperChosen(str)   the user chose this shopper, or added them
    """

    shopperChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("shopperSwitch")
        self.combo.setToolTip(
            "The simulated shopper in front: each has their own cart and orders, all share "
            "one stock"
        )
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentTextChanged.connect(self._chosen)
        # Short, so the preview's heading stays as narrow as before (its name says the rest).
        self.add_button = QToolButton()
        self.add_button.setText("New…")
        self.add_button.setObjectName("addShopperButton")
        self.add_button.setToolTip("New shopper…: add a simulated shopper, with an empty cart")
        accessibility.name(self.add_button, "New shopper")
        self.add_button.clicked.connect(self.ask_name)
        self.dialog: ShopperNameDialog | None = None
        label = accessibility.labelled("Shopper", self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.add_button)

    def show_shoppers(self, names: list[str], current: str) -> None:
        """The simulation's shoppers, `current` chosen (not a user's choice: no signal)."""
        was = self.combo.blockSignals(True)
        try:
            if [self.combo.itemText(i) for i in range(self.combo.count())] != names:
                self.combo.clear()
                self.combo.addItems(names)
            self.combo.setCurrentText(current)
        finally:
            self.combo.blockSignals(was)

    def ask_name(self) -> ShopperNameDialog:
        names = [self.combo.itemText(i) for i in range(self.combo.count())]
        dialog = ShopperNameDialog(names, self)
        dialog.named.connect(self.shopperChosen)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _chosen(self, name: str) -> None:
        if name:
            self.shopperChosen.emit(name)
