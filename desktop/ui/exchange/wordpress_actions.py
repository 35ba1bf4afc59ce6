"""The window's side of the WordPress round trip (docs/wordpress.md): the preview and undoable
import of a WordPress export (reached through File ▸ Import…), and File ▸ Export for
WordPress… (`exportWordPressAction`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ...store.repository import StoreError
from ...store.wordpress.site_file import Exported, SiteFileError, export_site_file
from ..editing.commands import UndoTarget, push
from ..editing.document import Document
from .wordpress_export import ExportSummaryDialog, WordPressExportDialog
from .wordpress_import import (
    ImportSite,
    SitePreview,
    WordPressImportDialog,
    default_media,
    preview_site,
)


def _file_stem(name: str) -> str:
    stem = "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return stem or "configurators"


class WordPressActions(QObject):
    """Owns `exportWordPressAction`; opens `wordpressImportDialog` for a WordPress export
    chosen in File ▸ Import…, and after an export `wordpressExportSummary`. No signals."""

    def __init__(
        self, document: Document, stack: UndoTarget, window: QMainWindow, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self.window = window
        self.export_action = QAction("Export for Word&Press…", self)
        self.export_action.setObjectName("exportWordPressAction")
        self.export_action.setToolTip(
            "Write configurators as a WordPress export file, for WordPress's importer"
        )
        self.export_action.triggered.connect(self.choose_export)
        self.import_dialog: WordPressImportDialog | None = None
        self.export_dialog: WordPressExportDialog | None = None
        self.summary: ExportSummaryDialog | None = None
        self.last_import: ImportSite | None = None

    # --- import ----------------------------------------------------------------------------
    def preview(self, path: Path, media: Path | None = None) -> WordPressImportDialog:
        media = media if media is not None else default_media(path)
        dialog = WordPressImportDialog(preview_site(self.document, path, media), self.window)
        dialog.importRequested.connect(lambda preview: self._import(dialog, preview))
        dialog.mediaChosen.connect(lambda folder: self._rechoose(dialog, path, Path(folder)))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _rechoose(self, old: WordPressImportDialog, path: Path, media: Path) -> None:
        old.close()
        self.preview(path, media)

    def _import(self, dialog: WordPressImportDialog, preview: SitePreview) -> None:
        command = ImportSite(self.document, preview)
        if not push(self.stack, command):
            dialog.show_problem(command.problem or "the import failed")
            return
        self.last_import = command
        dialog.accept()
        count = len(command.ids)
        message = (
            f"Imported {count} configurator{'s' if count != 1 else ''} from {preview.path.name}"
        )
        missing = sum(1 for line in command.warnings if "image" in line)
        if missing:
            message += (
                f" — {missing} image{'s' if missing != 1 else ''} kept as WordPress references"
            )
        self.window.statusBar().showMessage(message, 8000)

    # --- export ----------------------------------------------------------------------------
    def choose_export(self) -> WordPressExportDialog:
        cfg = self.document.configurator
        current = cfg.id if cfg is not None else None
        folder = self.document.db_path.parent if self.document.db_path else Path.home()
        target = folder / f"{_file_stem(cfg.name) if cfg is not None else 'configurators'}.xml"
        dialog = WordPressExportDialog(self.document.configurators(), current, target, self.window)

        def export(ids: list[int], path: Path) -> None:
            if self.export_to(ids, path) is not None:
                dialog.accept()

        dialog.exportRequested.connect(export)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def export_to(self, configurator_ids: list[int], target: Path) -> Exported | None:
        """Write the export; show what was written and what is left to do. A failure is
        said, not raised."""
        try:
            with self.document.gateway.session() as session:
                exported = export_site_file(session, configurator_ids, target)
        except (SiteFileError, StoreError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._failed(f"Cannot export to {target}: {reason}")
            return None
        self.window.statusBar().showMessage(f"Exported for WordPress to {target}", 8000)
        self.summary = ExportSummaryDialog(exported, self.window)
        self.summary.open()
        return exported

    def _failed(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Export failed", text, parent=self.window)
        box.setObjectName("exportErrorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
