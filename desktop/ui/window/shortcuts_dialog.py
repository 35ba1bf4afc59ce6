"""Help ▸ Keyboard shortcuts: every action of the window that has a shortcut, read from the
actions themselves, so the list cannot drift from what the keys do (`keyboardShortcutsDialog`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEYBOARD_NOTES = (
    "Tab moves from one option group of the preview to the next; the arrow keys move within a "
    "group and Space chooses. Alt with an underlined letter opens a menu or jumps to a field."
)


def action_label(action: QAction) -> str:
    """The action's name without mnemonic or ellipsis. iconText() is that, unless set apart
    (Undo/Redo set it, because their text names the edit they would undo)."""
    return action.iconText().replace("…", "").strip()


def typed(keys: QKeySequence) -> bool:
    """Whether a key sequence is made of keys every keyboard has: not a dedicated Open, New,
    Undo, Find or Help key (Qt's standard shortcuts add them; listed, "Ctrl+O, Open" read as
    a sequence of two key presses)."""
    key = keys[0].key()  # type: ignore[index]  # PySide6's stubs omit QKeySequence's operator[]
    return key < Qt.Key.Key_Back and key != Qt.Key.Key_Help


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(action, its keys) for every action under window with a shortcut, in creation order;
    alternatives joined by "or" (a comma is how Qt writes a sequence of presses)."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty() and typed(k)]
        if not keys or id(action) in seen:
            continue
        seen.add(id(action))
        text = " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.append((action_label(action), text))
    return rows


class ShortcutsDialog(QDialog):
    """A two-column table (`shortcutsTable`): action, keys. Rebuilt from the window's actions
    each time it is shown. Opened with open(). No signals of its own."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("keyboardShortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self._window = window
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        # Keys that belong to no action: how the preview's options are used by keyboard.
        self.notes = QLabel(KEYBOARD_NOTES, self)
        self.notes.setObjectName("keyboardNotes")
        self.notes.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def rows(self) -> list[tuple[str, str]]:
        def text(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return "" if item is None else item.text()

        return [(text(row, 0), text(row, 1)) for row in range(self.table.rowCount())]

    def refresh(self) -> None:
        rows = shortcut_rows(self._window)
        self.table.setRowCount(len(rows))
        for row, (label, keys) in enumerate(rows):
            for column, text in enumerate((label, keys)):
                item = QTableWidgetItem(text)  # items show plain text
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)

    def open(self) -> None:
        self.refresh()
        super().open()
