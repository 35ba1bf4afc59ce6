"""The file dialog every File, Stock and Preview action opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget


def file_dialog(
    parent: QWidget, name: str, title: str, folder: str, name_filter: str
) -> QFileDialog:
    """A dialog named `name`, deleted when closed; callers `open()` it, window-modal. Qt's own
    dialog rather than the platform's, so that it looks and behaves the same everywhere and QA
    scripts can find it."""
    dialog = QFileDialog(parent, title, folder, name_filter)
    dialog.setObjectName(name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog
