"""The one way the editor asks before deleting: a non-blocking warning box (opened with
open(), so tests and QA scripts can find and answer it by objectName)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_delete(
    parent: QWidget | None, object_name: str, title: str, text: str, on_confirm: Callable[[], None]
) -> QMessageBox:
    """Show the question; on_confirm runs only when the user chose Delete."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName(object_name)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text holds names users typed
    box.setInformativeText("You can undo this with Edit ▸ Undo.")
    delete = box.button(QMessageBox.StandardButton.Yes)
    delete.setText("Delete")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result: int) -> None:
        if box.clickedButton() is delete:
            on_confirm()

    box.finished.connect(answered)
    box.open()
    return box
