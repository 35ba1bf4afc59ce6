"""A small non-blocking dialog asking for a configurator name (and for a new one, its product)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..layers.field_commit import FieldError

# Returns why a name cannot be used, or "" when it can.
NameCheck = Callable[[str], str]
MIN_WIDTH = 420
# Room a title bar takes beside its text (icon, close and other buttons), roughly.
TITLE_BAR_EXTRA = 160


class NameDialog(QDialog):
    """Name (and optionally product name) with the reason shown in the dialog when OK is refused.

    Signals:
        chosen(str, str)   the accepted name and product name (product "" when not asked)
    """

    chosen = Signal(str, str)

    def __init__(
        self,
        object_name: str,
        title: str,
        check: NameCheck,
        *,
        ask_product: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.check = check
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("nameEdit")
        self.product_edit = QLineEdit(self)
        self.product_edit.setObjectName("productEdit")
        self.product_edit.setPlaceholderText("the WooCommerce product it configures")
        self.error = FieldError("nameError", self, grow=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        if ask_product:
            form.addRow("Product", self.product_edit)
        else:
            self.product_edit.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Wide enough for the title in the frame's title bar (with its buttons), and for the
        # usual refusal on one or two lines.
        title_width = self.fontMetrics().horizontalAdvance(title) + TITLE_BAR_EXTRA
        self.setMinimumWidth(max(MIN_WIDTH, title_width))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def ask(self, name: str) -> None:
        self.name_edit.setText(name)
        self.name_edit.selectAll()
        self.open()

    def accept(self) -> None:
        name = self.name_edit.text().strip()
        problem = self.check(name)
        if problem:
            self.error.show_message(problem)
            # Grow to the message: a wrapped line is never cut off at the dialog's edge.
            if (layout := self.layout()) is not None:
                layout.activate()
            self.adjustSize()
            self.name_edit.setFocus()
            return  # stays open: the merchant corrects the name
        super().accept()
        self.chosen.emit(name, self.product_edit.text().strip())
