"""The box that says the database cannot be used (read-only, disk full, damaged).

A locked database is told in the status bar only: it usually frees itself. A lasting fault
would make every edit fail the same way, so it is said once in a box — opened with open(), so
tests and QA scripts find it as `storageErrorDialog` — and not again while that box is up.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "The database cannot be used"
HINT = (
    "Nothing was half-written: what you see is what the database holds, and an edit that "
    "failed left no undo step."
)


class StorageErrorDialog(QObject):
    """Shows `storageErrorDialog` for a lasting database fault; one box at a time. No signals."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._box: QMessageBox | None = None

    def show_error(self, text: str) -> None:
        if self._box is not None and self._box.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Critical, TITLE, text, parent=self._window)
        box.setObjectName("storageErrorDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a path or SQLite's words
        box.setInformativeText(HINT)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self._box = box
        box.open()

    def _closed(self, _result: int) -> None:
        self._box = None
