"""File ▸ Import… of a WordPress export: its preview (`wordpressImportDialog`) and the undoable
import of every configurator it holds (docs/wordpress.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import Configurator
from ...store.repository import StoreError
from ...store.wordpress.mapping import WordPressError
from ...store.wordpress.site_file import SiteFile, SiteFileError, import_site_file, read_site_file
from ..editing.commands import _Command
from ..editing.document import Document
from ..theme import palette
from ..theme.palette import Tone
from ..widgets.file_dialogs import file_dialog


@dataclass
class SitePreview:
    """What importing a WordPress export would add, or why it cannot be imported."""

    path: Path
    media: Path | None = None
    site: SiteFile | None = None
    new_names: list[str] = field(default_factory=list)
    problem: str | None = None

    @property
    def can_import(self) -> bool:
        return self.site is not None and self.problem is None


def default_media(path: Path) -> Path | None:
    """A copy of the site's uploads beside the export (`uploads/`), when there is one."""
    candidate = Path(path).parent / "uploads"
    return candidate if candidate.is_dir() else None


def preview_site(document: Document, path: Path, media: Path | None) -> SitePreview:
    """Read and check the export as the import will, writing nothing."""
    preview = SitePreview(Path(path), media)
    try:
        preview.site = read_site_file(preview.path, media)
    except (SiteFileError, WordPressError) as exc:
        preview.problem = str(exc)
        return preview
    taken: set[str] = set()
    for item in preview.site.items:
        name = document.unique_name(item.configurator.name)
        n = 1
        while name in taken:  # two of the file's configurators may share a title
            n += 1
            name = document.unique_name(f"{item.configurator.name} ({n})")
        taken.add(name)
        preview.new_names.append(name)
    return preview


class WordPressImportDialog(QDialog):
    """Lists the export's configurators (with the names they will get and their option
    counts) and their images, found in the uploads folder or missing; Import adds them all.

    Signals:
        importRequested(object)   the SitePreview to import
        mediaChosen(str)          another uploads folder to look for the images in
    """

    importRequested = Signal(object)
    mediaChosen = Signal(str)

    def __init__(self, preview: SitePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wordpressImportDialog")
        self.setWindowTitle("Import from WordPress")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        site = preview.site

        form = QFormLayout()
        form.addRow("WordPress export:", self._label("importFileLabel", str(preview.path)))
        media_row = QHBoxLayout()
        shown = str(preview.media) if preview.media else "none chosen"
        media_row.addWidget(self._label("mediaFolderLabel", shown), 1)
        self.media_button = QPushButton("Choose uploads folder…", self)
        self.media_button.setObjectName("chooseMediaButton")
        self.media_button.setToolTip("A copy of the site's wp-content/uploads, for the images")
        self.media_button.clicked.connect(self._choose_media)
        media_row.addWidget(self.media_button)
        form.addRow("Images from:", media_row)

        self.configurators = QTreeWidget(self)
        self.configurators.setObjectName("wordpressConfiguratorsTable")
        self.configurators.setRootIsDecorated(False)
        self.configurators.setHeaderLabels(
            ["Configurator", "Will be added as", "Options", "Images"]
        )
        self.images = QTreeWidget(self)
        self.images.setObjectName("wordpressImagesList")
        self.images.setRootIsDecorated(False)
        self.images.setHeaderLabels(["Option", "Image", "In the uploads folder"])
        self.images_label = self._label("importImagesLabel", "")
        self.skipped_label = self._label("importSkippedLabel", "")
        if site is not None:
            self._fill(site)
        for view in (self.configurators, self.images):
            view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.setVisible(site is not None)

        self.problem_label = self._label("importProblemLabel", "")
        palette.style_text(self.problem_label, Tone.ERROR)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton("Import", self)
        self.import_button.setObjectName("importButton")
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(lambda: self.importRequested.emit(self.preview))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._label("importConfiguratorsCaption", "Configurators in the file:"))
        layout.addWidget(self.configurators)
        layout.addWidget(self.images_label)
        layout.addWidget(self.images, 1)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.show_problem(preview.problem)
        self.resize(760, 520)

    def _fill(self, site: SiteFile) -> None:
        per_item: list[tuple[int, int]] = []
        for item in site.items:
            layers = {id(ref.layer) for ref in item.images}
            images = [image for image in site.images if id(image.ref.layer) in layers]
            have = sum(1 for image in images if image.file is not None)
            per_item.append((have, len(images) - have))
        for item, name, (have, missing) in zip(
            site.items, self.preview.new_names, per_item, strict=True
        ):
            found = f"{have} found" + (f", {missing} missing" if missing else "")
            row = QTreeWidgetItem([item.configurator.name, name, str(item.option_count), found])
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.configurators.addTopLevelItem(row)
        rows = self.configurators.topLevelItemCount()
        row_height = self.configurators.sizeHintForRow(0) if rows else 0
        header = self.configurators.header().sizeHint().height()
        self.configurators.setMaximumHeight(header + row_height * max(rows, 1) + 8)
        have = sum(1 for image in site.images if image.file is not None)
        missing = len(site.images) - have
        words = f"Images (each option's first view): {have} of {len(site.images)} found"
        if missing:
            words += (
                f"; {missing} not found will keep their WordPress image, shown as a "
                "placeholder until you choose one here"
            )
        self.images_label.setText(words + ".")
        for image in site.images:
            state = "found" if image.file is not None else (image.problem or "missing")
            row = QTreeWidgetItem([f"{image.configurator} / {image.ref.path}", image.name, state])
            tone = Tone.SUCCESS if image.file is not None else Tone.WARNING
            row.setForeground(2, palette.color(tone, self.palette()))
            if image.file is not None:
                row.setToolTip(1, str(image.file))
            self.images.addTopLevelItem(row)
        if site.skipped:
            kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(site.skipped.items()))
            count = sum(site.skipped.values())
            self.skipped_label.setText(
                f"Skipped {count} other item{'s' if count != 1 else ''} ({kinds})."
            )
        self.skipped_label.setVisible(bool(site.skipped))

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)  # names and paths from the file
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _choose_media(self) -> None:
        dialog = file_dialog(self, "chooseMediaDialog", "The site's uploads folder", "", "")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(self.mediaChosen.emit)
        dialog.open()

    def show_problem(self, problem: str | None) -> None:
        """Say why the export cannot be imported; Import stays disabled from then on."""
        self.problem_label.setText(f"This file cannot be imported:\n{problem}" if problem else "")
        self.problem_label.setVisible(bool(problem))
        self.import_button.setEnabled(problem is None and self.preview.site is not None)


class ImportSite(_Command):
    """Import every configurator of a WordPress export and open the first. Undo deletes them
    all; redo restores them with the same ids. `problem` holds a failed import's message."""

    def __init__(self, document: Document, preview: SitePreview) -> None:
        count = len(preview.site.items) if preview.site is not None else 0
        what = f"{count} configurators" if count != 1 else f'"{preview.new_names[0]}"'
        super().__init__(document, f"Import {what} from WordPress")
        self.preview = preview
        self.ids: list[int] = []
        self.snapshots: list[Configurator] = []
        self.warnings: list[str] = []
        self.problem: str | None = None

    def _redo(self) -> None:
        if not self.ids:
            site = self.preview.site
            assert site is not None
            try:
                imported = self.document.add_configurators(
                    f'Importing "{self.preview.path.name}"…',
                    sum(item.option_count for item in site.items) >= 5000,
                    lambda session: import_site_file(session, site),
                )
            except SiteFileError as exc:
                self.problem = f"cannot import {self.preview.path}: {exc}"
                raise StoreError(self.problem) from None
            except StoreError as exc:
                self.problem = str(exc)
                raise
            self.ids = [new_id for new_id, _ in imported.configurators]
            self.warnings = imported.warnings
        else:
            for snapshot in self.snapshots:
                self.document.restore_configurator(snapshot)
            self.snapshots = []
        self.document.open_configurator(self.ids[0])

    def _undo(self) -> None:
        self.snapshots = [self.document.snapshot_configurator(i) for i in self.ids]
        for configurator_id in self.ids:
            self.document.delete_configurator(configurator_id)
