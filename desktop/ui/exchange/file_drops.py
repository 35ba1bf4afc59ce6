"""A file dropped on the window opens its import preview (docs/editing.md): an exchange file
or a WordPress export goes where File → Import configurator… takes it, a stock sheet where
Stock → Import stock sheet… does. Nothing is written before the preview's own button.

Files are told apart by their extension alone: a dropped file is never opened to guess what
it is, since it could be a database this window holds open (docs/reliability.md)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow

from ..editing.document import Document


class DropKind(Enum):
    CONFIGURATOR = "configurator"  # an exchange file or a WordPress export
    STOCK_SHEET = "stock sheet"


_KINDS = {
    ".json": DropKind.CONFIGURATOR,
    ".xml": DropKind.CONFIGURATOR,  # WordPress's Tools → Export (WXR)
    ".wxr": DropKind.CONFIGURATOR,
    ".csv": DropKind.STOCK_SHEET,
    ".tsv": DropKind.STOCK_SHEET,
    ".txt": DropKind.STOCK_SHEET,
}
NOT_IMPORTED = (
    "{name} is not a file the editor imports: drop an exchange file (.json), a WordPress "
    "export (.xml) or a stock sheet (.csv)."
)
NO_CONFIGURATOR = "Open a configurator first: {name} is a stock sheet for the open one."
READ_ONLY = "{name} cannot be imported: the database is read-only ({why})."
NOT_NOW = "{name} cannot be imported now."


def kind_of(path: Path) -> DropKind | None:
    return _KINDS.get(path.suffix.lower())


def dropped_file(mime: QMimeData) -> Path | None:
    """The first local file among the dropped URLs, or None."""
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None


class FileDrops(QObject):
    """Watches the main window for files dropped on it (its child widgets that take no drops
    pass theirs up) and opens the matching preview through the import actions, which say
    whether an import is possible now (an open configurator, a writable database). The
    refusal of a file that cannot be imported goes to the status bar. No signals."""

    def __init__(
        self,
        window: QMainWindow,
        configurator_import: QAction,
        sheet_import: QAction,
        previews: dict[DropKind, Callable[[Path], object]],
        document: Document,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.actions = {
            DropKind.CONFIGURATOR: configurator_import,
            DropKind.STOCK_SHEET: sheet_import,
        }
        self.previews = previews
        self.document = document
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if dropped_file(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
            return False
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = dropped_file(event.mimeData())
            if path is None:
                return False
            event.acceptProposedAction()
            # After the drag has ended: the file manager is not kept waiting on the dialog.
            QTimer.singleShot(0, lambda: self.open_file(path))
            return True
        return False

    def open_file(self, path: Path) -> object | None:
        """Open the preview for path (the dialog), or say why not and return None."""
        kind = kind_of(path)
        if kind is None:
            self._say(NOT_IMPORTED.format(name=path.name))
            return None
        if not self.actions[kind].isEnabled():
            self._say(self._why_not(kind, path.name))
            return None
        return self.previews[kind](path)

    def _why_not(self, kind: DropKind, name: str) -> str:
        why = self.document.read_only
        if why is not None:
            return READ_ONLY.format(name=name, why=why)
        if kind is DropKind.STOCK_SHEET and self.document.configurator is None:
            return NO_CONFIGURATOR.format(name=name)
        return NOT_NOW.format(name=name)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)
