"""What the settings panel's fields share: the message under a field, committing a field as one
undo command, and a spin box that tells arrow steps from typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.fields import FieldError as RuleRefusal
from ...domain.fields import LayerField, check_layer_changes, get_layer_field
from ...domain.model import Layer
from ...domain.texts import as_sentence
from ..editing.commands import SetLayerFields, UndoTarget, push
from ..editing.document import Document
from ..editing.edit_messages import FIELD_WORDS
from ..theme import palette
from ..theme.palette import Tone
from ..widgets.plain_text import plain_tooltip


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


class WheelNeedsFocus(QObject):
    """Keeps the mouse wheel from changing a spin box or combo box the pointer merely passes
    over while the merchant scrolls the panel: the wheel changes a field only once it has the
    focus (a click or Tab), otherwise it scrolls the panel. Entering a stock value manages
    the option (docs/editing.md), so a stray wheel turn must not enter one. No signals."""

    def watch(self, *fields: QWidget) -> None:
        for field in fields:
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # goes on to the scroll area around the panel
            return True
        return False


class FieldError(QLabel):
    """A red message under one field; empty and hidden while the field is fine.

    By default it keeps a fixed room of two lines (or `lines`), reserved while it is hidden
    too, so a message that appears never moves the fields below it (a click aimed at the next
    field would land in another one); a message longer than that, in a narrow panel, ends in "…"
    and shows whole in its tooltip (and in the status bar, where the committer sends it).
    grow=True (dialogs, which grow to fit instead): it takes the room its message needs,
    only while it shows one. Messages read as sentences, whoever wrote them (store refusals
    come lowercase, worded to follow a field name).
    """

    RESERVED_LINES = 2

    def __init__(
        self,
        object_name: str,
        parent: QWidget | None = None,
        *,
        grow: bool = False,
        lines: int = RESERVED_LINES,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what the user typed
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        palette.style_text(self, Tone.ERROR)
        self.grow = grow
        self._message = ""
        if not grow:
            policy = self.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.setSizePolicy(policy)
            self.setFixedHeight(self.fontMetrics().lineSpacing() * lines)
        self.hide()

    def message(self) -> str:
        """The whole message, even where the label shows it cut short."""
        return self._message

    def show_message(self, text: str) -> None:
        self._message = as_sentence(text)
        self._fit()
        self.setVisible(bool(self._message))

    def clear_message(self) -> None:
        self.show_message("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.grow:
            self._fit()  # a wider or narrower panel fits more or less of the message

    def _fit(self) -> None:
        full = self._message
        shown = full if self.grow else self._cut(full)
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(plain_tooltip(full) if shown != full else "")

    def _cut(self, text: str) -> str:
        """text, or its longest start ending in "…" that fits the reserved lines."""
        width = self.contentsRect().width()
        if not text or width <= 0 or self._height(text, width) <= self.height():
            return text
        low, high = 0, len(text)
        while low < high:  # the longest start that fits
            middle = (low + high + 1) // 2
            if self._height(text[:middle].rstrip() + "…", width) <= self.height():
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def _height(self, text: str, width: int) -> int:
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        return self.fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), flags, text).height()


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

    def __init__(self, document: Document, stack: UndoTarget, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        self.stack = stack

    def refuse(self, error: FieldError | None, text: str) -> None:
        if error is not None:
            error.show_message(text)
        self.message.emit(as_sentence(text))

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
        command = SetLayerFields(
            self.document, layer.id, changed, self._text(layer, changed), mergeable=mergeable
        )
        if push(self.stack, command):
            if error is not None:
                error.clear_message()
            return True
        # The document has said the failure in the status bar (its one way to the user);
        # the field shows it too, where the merchant will fix it.
        if error is not None and command.error is not None:
            error.show_message(str(command.error))
        if revert is not None:
            revert()
        return False

    @staticmethod
    def _text(layer: Layer, fields: dict[LayerField, Any]) -> str:
        if set(fields) == {LayerField.NAME}:
            return f'Rename "{layer.name}" to "{fields[LayerField.NAME]}"'
        words = ", ".join(FIELD_WORDS[k] for k in fields)
        return f'Change {words} of "{layer.name}"'


def stacked(*widgets: QWidget) -> QWidget:
    """A form row's field part: the field with what goes under it (its FieldError, a check
    box), tight, so the message reads as the field's own."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return box
