"""Help ▸ About: the app's name and version, what it runs on, the open database (`aboutDialog`).

`about_text` is the same text as plain lines, for the Copy button and for bug reports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...application.version import APP_NAME, package_version, version_lines, version_text
from ..theme.app_icon import app_icon

ICON_SIZE = 64  # px, logical

__all__ = ["AboutDialog", "about_lines", "about_text", "package_version"]


def about_lines(db_path: Path | object | None) -> list[tuple[str, str]]:
    """(label, value) pairs: versions, where it runs from, then the database file."""
    return version_lines(db_path)


def about_text(db_path: Path | object | None) -> str:
    """Everything the About box says, as plain text (the same as `--version --verbose`)."""
    return version_text(db_path)


class AboutDialog(QDialog):
    """The About box: its text (selectable) and a Copy button (`copyAboutButton`) that puts
    the same text on the clipboard. Opened with open(). No signals of its own."""

    def __init__(self, db_path: Path | object | None, parent: QWidget | None = None) -> None:
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
        icon = QLabel(self)
        icon.setObjectName("aboutIcon")
        icon.setPixmap(app_icon().pixmap(QSize(ICON_SIZE, ICON_SIZE), self.devicePixelRatioF()))
        heading = QHBoxLayout()
        heading.addWidget(icon)
        heading.addWidget(title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def text(self) -> str:
        return about_text(self.db_path)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.text())
