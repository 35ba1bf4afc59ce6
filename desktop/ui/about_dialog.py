"""Help ▸ About: the app's name and version, what it runs on, the open database (`aboutDialog`).

`about_text` is the same text as plain lines, for the Copy button and for bug reports.
"""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .app import APP_NAME

DISTRIBUTION = "configurator-editor"


def package_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def about_lines(db_path: Path | None) -> list[tuple[str, str]]:
    """(label, value) pairs: versions, then the database file."""
    return [
        ("Version", package_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("Python", f"{platform.python_version()} ({platform.platform(terse=True)})"),
        ("SQLite", sqlite3.sqlite_version),
        ("Database", str(db_path) if db_path is not None else "in memory (not saved to a file)"),
    ]


def about_text(db_path: Path | None) -> str:
    """Everything the About box says, as plain text."""
    lines = [APP_NAME] + [f"{label}: {value}" for label, value in about_lines(db_path)]
    return "\n".join(lines) + "\n"


class AboutDialog(QDialog):
    """The About box: its text (selectable) and a Copy button (`copyAboutButton`) that puts
    the same text on the clipboard. Opened with open(). No signals of its own."""

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.db_path = db_path
        title = QLabel(APP_NAME, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.details = QLabel(self)
        self.details.setObjectName("aboutText")
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # a path may hold anything
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setWordWrap(True)
        self.details.setText(
            "\n".join(f"{label}: {value}" for label, value in about_lines(db_path))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("Copy", self)
        self.copy_button.setObjectName("copyAboutButton")
        self.copy_button.setToolTip("Copy these details, e.g. for a bug report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def text(self) -> str:
        return about_text(self.db_path)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
