"""What an import will add, shown before anything is written (`importPreviewDialog`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...application.missing_images import MissingImage, missing_in, not_regular_in
from ...domain.model import Configurator, LayerType
from ...store.exchange import ExchangeError, from_dict, read_json
from ..editing.document import Document
from ..theme import palette
from ..theme.palette import Tone


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@dataclass
class ImportPreview:
    """What importing `path` would add: the file's configurator, the free name it would get,
    and either the problem that refuses the file or the images missing beside it."""

    path: Path
    configurator: Configurator | None = None
    new_name: str = ""
    problem: str | None = None
    missing: list[MissingImage] = field(default_factory=list)

    @property
    def can_import(self) -> bool:
        return self.configurator is not None and self.problem is None

    def counts(self) -> str:
        """'3 groups, 1 sub-group, 12 options'."""
        cfg = self.configurator
        if cfg is None:
            return ""
        kinds = [layer.type for layer in cfg.walk()]
        parts = [_count(kinds.count(LayerType.GROUP), "group", "groups")]
        sub_groups = kinds.count(LayerType.SUB_GROUP)
        if sub_groups:
            parts.append(_count(sub_groups, "sub-group", "sub-groups"))
        parts.append(_count(kinds.count(LayerType.IMAGE), "option", "options"))
        return ", ".join(parts)


def preview_import(document: Document, path: Path) -> ImportPreview:
    """Read and validate the file as the import will, writing nothing."""
    path = Path(path)
    preview = ImportPreview(path)
    try:
        cfg = from_dict(read_json(path))
    except ExchangeError as exc:
        # The same words as `configurator-editor import`: the field, then the problem.
        preview.problem = str(exc)
        return preview
    preview.configurator = cfg
    preview.new_name = document.unique_name(cfg.name)
    preview.missing = missing_in(cfg, path.parent)
    # Said before Import is offered: the import itself would refuse it with these words.
    preview.problem = not_regular_in(cfg, path.parent)
    return preview


class ImportPreviewDialog(QDialog):
    """Shows an ImportPreview; Import is enabled only for a file that can be imported.
    Opened with open(); stays open when the import itself fails, saying why.

    Signals:
        importRequested(object)   the ImportPreview to import (the Import button)
    """

    importRequested = Signal(object)

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle("Import configurator")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview

        form = QFormLayout()
        form.addRow("File:", self._label("importFileLabel", str(preview.path)))
        cfg = preview.configurator
        if cfg is not None:
            form.addRow("Configurator:", self._label("importNameLabel", cfg.name))
            added_as = preview.new_name
            if preview.new_name != cfg.name:
                added_as += f"  (“{cfg.name}” is taken)"
            form.addRow("Will be added as:", self._label("importNewNameLabel", added_as))
            form.addRow("Contents:", self._label("importCountsLabel", preview.counts()))

        self.problem_label = self._label("importProblemLabel", "")
        palette.style_text(self.problem_label, Tone.ERROR)
        self.warning_label = self._label("importWarningLabel", "")
        palette.style_box(self.warning_label, Tone.WARNING)
        if preview.missing:
            count = len(preview.missing)
            head = (
                "⚠ An image is missing beside the file:"
                if count == 1
                else f"⚠ {count} images are missing beside the file:"
            )
            lines = [head] + [image.warning() for image in preview.missing]
            self.warning_label.setText("\n".join(lines))
        self.warning_label.setVisible(bool(preview.missing))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton("Import", self)
        self.import_button.setObjectName("importButton")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(lambda: self.importRequested.emit(self.preview))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.warning_label)
        layout.addStretch(1)  # spare height goes here, not inside the messages
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.show_problem(preview.problem)

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and paths from the file
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_problem(self, problem: str | None) -> None:
        """Say why the file cannot be imported; Import stays disabled from then on."""
        self.problem_label.setText(f"This file cannot be imported:\n{problem}" if problem else "")
        self.problem_label.setVisible(bool(problem))
        self.import_button.setEnabled(problem is None and self.preview.configurator is not None)
        self.fit_height()  # grow to fit the message

    def fit_height(self) -> None:
        """As tall as the text needs at the width the dialog has: adjustSize measured the
        wrapped labels at their narrowest, which left empty lines above the buttons once
        the dialog took its 520 px."""
        width = max(self.width(), self.minimumWidth())
        layout = self.layout()
        assert layout is not None  # set in __init__
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        self.resize(width, max(height, layout.totalMinimumSize().height()))
