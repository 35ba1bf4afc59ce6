"""File ▸ Import configurator… and Export configurator…: exchange files from the window.

Both choose a file in a non-blocking QFileDialog (`importConfiguratorDialog`,
`exportConfiguratorDialog`), so tests answer them by emitting fileSelected.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from ...domain.change_set import ChangeSet
from ...domain.model import Configurator
from ...store.exchange import ExchangeError, export_file
from ...store.repository import StoreError
from ...store.wordpress.site_file import is_site_file
from ..editing.commands import UndoTarget, push
from ..editing.document import Document
from ..widgets.file_dialogs import file_dialog
from .import_command import ImportConfigurator
from .import_dialog import ImportPreview, ImportPreviewDialog, preview_import
from .wordpress_actions import WordPressActions

EXCHANGE_FILTER = "Configurator files (*.json);;All files (*)"
IMPORT_FILTER = (
    "Configurators and WordPress exports (*.json *.xml);;Configurator files (*.json);;"
    "WordPress export files (*.xml);;All files (*)"
)


class ExchangeActions(QObject):
    """Owns `importConfiguratorAction` and `exportConfiguratorAction`. An import is previewed
    (`importPreviewDialog`) and then pushed as one ImportConfigurator command; an export
    writes the open configurator and its images. Failures are said in the status bar and,
    for an export, in `exportErrorBox`. No signals."""

    def __init__(self, document: Document, stack: UndoTarget, window: QMainWindow) -> None:
        super().__init__(window)
        self.document = document
        self.stack = stack
        self.window = window
        self.import_action = QAction("&Import configurator…", self)
        self.import_action.setObjectName("importConfiguratorAction")
        self.import_action.setToolTip(
            "Add a configurator from an exchange file (.json), or the configurators of a "
            "WordPress export (.xml)"
        )
        self.import_action.triggered.connect(self.choose_import)
        self.export_action = QAction("&Export configurator…", self)
        self.export_action.setObjectName("exportConfiguratorAction")
        self.export_action.setToolTip("Write the open configurator and its images to a file")
        self.export_action.triggered.connect(self.choose_export)
        self.wordpress = WordPressActions(document, stack, window, self)
        self._folder: str = str(document.db_path.parent) if document.db_path else ""
        self.preview_dialog: ImportPreviewDialog | None = None
        document.changed.connect(self._follow)
        self._opened(document.configurator)

    @property
    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.wordpress.export_action]

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._opened(change.reset.configurator)

    def _opened(self, cfg: Configurator | None) -> None:
        self.export_action.setEnabled(cfg is not None)

    def _dialog(self, name: str, title: str) -> QFileDialog:
        return file_dialog(self.window, name, title, self._folder, EXCHANGE_FILTER)

    # --- import ----------------------------------------------------------------------------
    def choose_import(self) -> None:
        dialog = file_dialog(
            self.window,
            "importConfiguratorDialog",
            "Import configurator",
            self._folder,
            IMPORT_FILTER,
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.preview)
        dialog.open()

    def preview(self, path: str) -> QDialog:
        """Show what importing path would add; nothing is written until Import is clicked.
        A WordPress export (recognised by its content) gets its own preview."""
        self._folder = str(Path(path).parent)
        if is_site_file(Path(path)):
            return self.wordpress.preview(Path(path))
        dialog = ImportPreviewDialog(preview_import(self.document, Path(path)), self.window)
        dialog.importRequested.connect(lambda preview: self._import(dialog, preview))
        self.preview_dialog = dialog
        dialog.open()
        return dialog

    def _import(self, dialog: ImportPreviewDialog, preview: ImportPreview) -> None:
        assert preview.configurator is not None  # Import is disabled otherwise
        command = ImportConfigurator(self.document, preview.path, preview.new_name)
        if not push(self.stack, command):
            # The document said why in the status bar; the dialog says it where one looks.
            dialog.show_problem(command.problem or "the import failed")
            return
        dialog.accept()
        cfg = self.document.configurator
        name = cfg.name if cfg is not None else preview.new_name
        message = f'Imported "{name}" from {preview.path.name}'
        if preview.missing:
            count = len(preview.missing)
            message += f" — {count} image{'s' if count != 1 else ''} missing beside the file"
        self.window.statusBar().showMessage(message, 8000)

    # --- export ----------------------------------------------------------------------------
    def choose_export(self) -> None:
        cfg = self.document.configurator
        if cfg is None or cfg.id is None:
            return
        dialog = self._dialog("exportConfiguratorDialog", f"Export “{cfg.name}”")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("json")
        dialog.selectFile(f"{_file_stem(cfg.name)}.json")
        configurator_id = cfg.id
        dialog.fileSelected.connect(lambda path: self.export_to(configurator_id, Path(path)))
        dialog.open()

    def export_to(self, configurator_id: int, target: Path) -> bool:
        """Write the exchange file (and the images beside it); a failure is said, not raised."""
        self._folder = str(target.parent)
        try:
            with self.document.gateway.session() as session:
                export_file(session, configurator_id, target)
        except (ExchangeError, StoreError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._export_failed(f"Cannot export to {target}: {reason}")
            return False
        self.window.statusBar().showMessage(f"Exported to {target}", 8000)
        return True

    def _export_failed(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Export failed", text, parent=self.window)
        box.setObjectName("exportErrorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes a path and the system's words
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _file_stem(name: str) -> str:
    """A file name from a configurator name: characters file systems refuse become '-'."""
    stem = "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name).strip(" .")
    return stem or "configurator"
