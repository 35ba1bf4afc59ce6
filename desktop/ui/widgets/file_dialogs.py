"""The file dialog every File, Stock, Preview and image action opens."""

from __future__ import annotations

from PySide6.QtCore import QFileInfo, Qt
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names for a file dialog, from the file's kind and name alone.

    Qt's own provider asks the MIME database, which opens files it cannot place by their
    name (a database's `-wal` and `-shm` files, a `.db`) to read their first bytes. Closing
    that descriptor drops every lock this process holds on the database (docs/reliability.md),
    so a dialog merely showing the database's folder would let another program delete the
    open window's write-ahead log. This provider never opens a file."""

    def __init__(self) -> None:
        super().__init__()
        style = QApplication.style()
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._drive = style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return self._drive
            return self._folder if what.isDir() else self._file
        kinds = QAbstractFileIconProvider.IconType
        if what in (kinds.Folder, kinds.Desktop, kinds.Trashcan, kinds.Network):
            return self._folder
        return self._drive if what == kinds.Drive else self._file

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} File" if suffix else "File"


# Room for the name, size, type and date columns side by side (Qt's default of about 630 px
# cut the dates), and never more than most of the window it belongs to.
WIDTH, HEIGHT = 860, 520
WINDOW_SHARE = 0.9

_provider: list[NameOnlyIconProvider] = []  # one for the process: a dialog does not own it


def never_read_files(dialog: QFileDialog) -> None:
    """Give dialog an icon provider that never opens the files it lists."""
    if not _provider:
        _provider.append(NameOnlyIconProvider())
    dialog.setIconProvider(_provider[0])


def file_dialog(
    parent: QWidget, name: str, title: str, folder: str, name_filter: str
) -> QFileDialog:
    """A dialog named `name`, deleted when closed; callers `open()` it, window-modal. Qt's own
    dialog rather than the platform's, so that it looks and behaves the same everywhere and QA
    scripts can find it; it never opens the files it lists (NameOnlyIconProvider)."""
    dialog = QFileDialog(parent, title, folder, name_filter)
    dialog.setObjectName(name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    never_read_files(dialog)
    fit_to_window(dialog, parent)
    return dialog


def fit_to_window(dialog: QFileDialog, parent: QWidget) -> None:
    """In the window's theme (its palette, not a platform default: a light dialog over a
    dark window) and wide enough to read its columns."""
    window = parent.window()
    dialog.setPalette(window.palette())
    width = min(WIDTH, round(window.width() * WINDOW_SHARE)) if window.width() else WIDTH
    height = min(HEIGHT, round(window.height() * WINDOW_SHARE)) if window.height() else HEIGHT
    dialog.resize(max(width, dialog.sizeHint().width()), max(height, dialog.sizeHint().height()))
