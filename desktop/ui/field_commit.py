"""What the settings panel's fields share: the message under a field, committing a field as one
undo command, and a spin box that tells arrow steps from typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractSpinBox, QLabel, QLineEdit, QSpinBox, QWidget

from ..domain.fields import FieldError as RuleRefusal
from ..domain.fields import LayerField, check_layer_changes, get_layer_field
from ..domain.model import Layer
from .commands import SetLayerFields, push
from .document import Document

# How each field is named in undo texts ("Change price of "Metallic Red"").
FIELD_WORDS: dict[LayerField, str] = {
    LayerField.NAME: "name",
    LayerField.PRICE: "price",
    LayerField.SALE_PRICE: "sale price",
    LayerField.IMAGE: "image",
    LayerField.ACTIVE_ON_LOAD: "default choice",
    LayerField.HIDDEN: "hidden",
    LayerField.REQUIRED: "required",
    LayerField.MULTIPLE: "multiple selection",
    LayerField.MANAGE_STOCK: "Manage Stock",
    LayerField.SKU: "SKU",
    LayerField.STOCK_QUANTITY: "stock quantity",
    LayerField.STOCK_STATUS: "stock status",
}


class StackUndoKeys(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the window's undo stack from a text field that has
    nothing of its own to undo. A QLineEdit claims those keys whenever it has focus, so
    after Enter (the edit committed, the field reloaded) Undo would silently do nothing;
    while the merchant is still typing, the field keeps undoing its own typing. No signals."""

    def watch(self, *fields: QLineEdit | QAbstractSpinBox) -> None:
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        edit = watched.lineEdit() if isinstance(watched, QAbstractSpinBox) else watched
        if not isinstance(edit, QLineEdit):
            return False
        if event.matches(QKeySequence.StandardKey.Undo):
            local = edit.isUndoAvailable()
        elif event.matches(QKeySequence.StandardKey.Redo):
            local = edit.isRedoAvailable()
        else:
            return False
        if local:
            return False
        event.ignore()  # not claimed: the shortcut (the stack's Undo/Redo action) runs
        return True


class FieldError(QLabel):
    """A red message under one field; empty and hidden while the field is fine."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what the user typed
        self.setWordWrap(True)
        self.setStyleSheet("color: #d93025;")
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


class StepSpinBox(QSpinBox):
    """A QSpinBox that remembers whether the value is changing by an arrow step (or wheel or
    Page key), so those commit as mergeable steps while a typed value commits once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stepping = False
        # valueChanged then fires only for steps and finished typing, never per keystroke.
        self.setKeyboardTracking(False)

    def stepBy(self, steps: int) -> None:
        self.stepping = True
        try:
            super().stepBy(steps)
        finally:
            self.stepping = False


class LayerCommitter(QObject):
    """Turns a field edit into one SetLayerFields command and reports refusals at the field.

    Signals:
        message(str)   a refusal to show in the status bar as well
    """

    message = Signal(str)

    def __init__(self, document: Document, stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self._failure = ""
        document.writeFailed.connect(self._failed)

    def _failed(self, text: str) -> None:
        self._failure = text

    def refuse(self, error: FieldError | None, text: str) -> None:
        if error is not None:
            error.show_message(text)
        self.message.emit(text)

    def commit(
        self,
        layer: Layer,
        fields: dict[LayerField, Any],
        error: FieldError | None = None,
        *,
        mergeable: bool = False,
        revert: Callable[[], None] | None = None,
    ) -> bool:
        """Push the fields that differ from the layer's; True when written (or nothing to do).

        Values go as the field holds them (a price as typed); the field rules turn them into
        what would be stored, so "  SKU " against a stored "SKU" is no change. On a refusal
        (by a rule or the store) or a failed write the message goes to the field and the
        status bar, and revert() puts the stored value back."""
        if layer.id is None or not self.document.has_layer(layer.id):
            return False  # deleted (or its configurator closed) while the field was edited
        try:
            stored = check_layer_changes(fields, layer.price, layer.sale_price)
        except RuleRefusal as exc:
            self.refuse(error, f"{exc}.")
            if revert is not None:
                revert()
            return False
        changed = {k: v for k, v in stored.items() if get_layer_field(layer, k) != v}
        if not changed:
            if error is not None:
                error.clear_message()
            return True
        self._failure = ""
        command = SetLayerFields(
            self.document, layer.id, changed, self._text(layer, changed), mergeable=mergeable
        )
        if push(self.stack, command):
            if error is not None:
                error.clear_message()
            return True
        if error is not None:
            error.show_message(self._failure)
        if revert is not None:
            revert()
        return False

    @staticmethod
    def _text(layer: Layer, fields: dict[LayerField, Any]) -> str:
        if set(fields) == {LayerField.NAME}:
            return f'Rename "{layer.name}" to "{fields[LayerField.NAME]}"'
        words = ", ".join(FIELD_WORDS[k] for k in fields)
        return f'Change {words} of "{layer.name}"'
