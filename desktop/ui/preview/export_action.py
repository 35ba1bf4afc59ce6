"""Preview ▸ Export preview image…: the live preview as a PNG for designers
(docs/preview-and-scenarios.md).

The file is chosen in a non-blocking QFileDialog (`exportPreviewDialog`), so tests answer it by
emitting fileSelected; the image is the shopper's view of the preview pane as it stands now
(`preview_image.render_storefront`), as the `preview` command draws it offscreen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow

from ...domain.change_set import ChangeSet
from ...domain.model import Configurator
from ..editing.document import Document
from ..exchange.exchange_actions import _file_stem
from ..widgets.file_dialogs import file_dialog
from . import PreviewPane
from .image_render import render_storefront, save_png

PNG_FILTER = "PNG images (*.png)"


class PreviewExport(QObject):
    """Owns `exportPreviewAction`; says the outcome in the status bar. No signals."""

    def __init__(self, document: Document, pane: PreviewPane, window: QMainWindow) -> None:
        super().__init__(window)
        self.document = document
        self.pane = pane
        self.window = window
        self.action = QAction("Export preview &image…", self)
        self.action.setObjectName("exportPreviewAction")
        self.action.setToolTip("Save the preview as a PNG image, as shoppers would see it")
        self.action.triggered.connect(self.choose_file)
        self._folder = str(document.db_path.parent) if document.db_path else ""
        document.changed.connect(self._follow)
        self._opened(document.configurator)

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._opened(change.reset.configurator)

    def _opened(self, cfg: Configurator | None) -> None:
        self.action.setEnabled(cfg is not None)

    def choose_file(self) -> QFileDialog:
        cfg = self.document.configurator
        stem = _file_stem(cfg.name) if cfg is not None else "preview"
        dialog = file_dialog(
            self.window, "exportPreviewDialog", "Export preview image", self._folder, PNG_FILTER
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("png")
        dialog.selectFile(f"{stem} preview.png")
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()
        return dialog

    def export_to(self, target: Path) -> bool:
        """Save the storefront as the preview shows it now, at the pane's width and as tall
        as every option, the summary and the cart need (docs/preview-and-scenarios.md); a
        failure is said, not raised."""
        self._folder = str(target.parent)
        image = render_storefront(self.pane)
        if not save_png(image, target):
            self.window.statusBar().showMessage(f"Cannot save the preview image to {target}", 8000)
            return False
        size = f"{image.width()}×{image.height()}"
        self.window.statusBar().showMessage(f"Preview image saved to {target} ({size})", 8000)
        return True
