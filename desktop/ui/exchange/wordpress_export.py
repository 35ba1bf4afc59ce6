"""File ▸ Export for WordPress…: which configurators and where (`exportWordPressDialog`), then
what was written and what is left to do (`wordpressExportSummary`) (docs/wordpress.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...store.configurators import ConfiguratorSummary
from ...store.wordpress.site_file import Exported
from ..theme import palette
from ..theme.palette import Tone
from ..widgets.file_dialogs import file_dialog

WXR_FILTER = "WordPress export files (*.xml);;All files (*)"


class WordPressExportDialog(QDialog):
    """A check list of the configurators (the open one ticked) and the file to write.

    Signals:
        exportRequested(object, object)   the ids ticked (list[int]) and the file (Path)
    """

    exportRequested = Signal(object, object)

    def __init__(
        self,
        configurators: list[ConfiguratorSummary],
        current: int | None,
        target: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportWordPressDialog")
        self.setWindowTitle("Export for WordPress")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel("Configurators to write into one WordPress export file:", self)
        self.list = QListWidget(self)
        self.list.setObjectName("exportConfiguratorsList")
        for summary in configurators:
            item = QListWidgetItem(summary.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = summary.id == current
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.file_edit = QLineEdit(str(target), self)
        self.file_edit.setObjectName("exportFileEdit")
        browse = QPushButton("Choose…", self)
        browse.setObjectName("exportFileButton")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel("File:", self))
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = QPushButton("Export", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._export)
        buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(self._enable)
        self.file_edit.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._enable()
        self.resize(520, 380)

    def ticked(self) -> list[int]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _enable(self) -> None:
        self.export_button.setEnabled(bool(self.ticked()) and bool(self.file_edit.text().strip()))

    def _browse(self) -> None:
        dialog = file_dialog(
            self, "exportWordPressFileDialog", "Export for WordPress", self.file_edit.text(),
            WXR_FILTER,
        )  # fmt: skip
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xml")
        dialog.fileSelected.connect(self.file_edit.setText)
        dialog.open()

    def _export(self) -> None:
        self.exportRequested.emit(self.ticked(), Path(self.file_edit.text().strip()))


# WordPress's importer keeps a post that has the title and date of an item it imports and only
# adds the item's meta rows to it (docs/wordpress-format.md), so a configurator sent back to
# the site it came from takes effect only once the old post is gone for good.
REPLACES_NOTHING = (
    "A configurator that is still on the site must first be deleted for good (Trash ▸ Delete "
    "Permanently): the importer does not replace it, it only adds this file's values beside "
    "the old ones."
)


def summary_lines(exported: Exported) -> list[str]:
    """What an export wrote and what the merchant must do next, as the summary says it."""
    assert exported.target is not None  # the window always writes a file
    count = len(exported.configurators)
    names = ", ".join(f"“{name}”" for name in exported.configurators)
    lines = [f"Wrote {exported.target} with {count} configurator{'s' if count != 1 else ''}: "
             f"{names}."]  # fmt: skip
    if exported.uploads:
        lines += ["", "Left to do, for the images chosen here (none is on the site yet):"]
        lines += [
            f"• upload {file} to the Media Library and choose it for {option} in “{owner}”"
            for file, owner, option in exported.uploads
        ]
    if exported.missing:
        lines += ["", "Images chosen here whose file is gone from the media folder:"]
        lines += [
            f"• {image}, for {option} in “{owner}”: choose an image for it in WordPress"
            for image, owner, option in exported.missing
        ]
    if not exported.uploads and not exported.missing:
        lines += ["", "Every image is already on the site: nothing to upload."]
    lines += [
        "",
        f"Then, in WordPress: Tools ▸ Import ▸ WordPress, and choose {exported.target.name}.",
        REPLACES_NOTHING,
    ]
    return lines


class ExportSummaryDialog(QDialog):
    """What was written and what is left to do (`wordpressExportSummary`)."""

    def __init__(self, exported: Exported, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wordpressExportSummary")
        self.setWindowTitle("Exported for WordPress")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.exported = exported
        self.text = QLabel("\n".join(summary_lines(exported)), self)
        self.text.setObjectName("exportSummaryLabel")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # names and paths
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if exported.uploads or exported.missing:
            palette.style_box(self.text, Tone.WARNING)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
