"""File ▸ Open database…, New database… and Open recent: another database file in the window.

Opening a file builds a new Document and MainWindow for it, shows that window where this one
was and closes this one (its pending edit committed, its database closed). Everything the
window holds belongs to one database, so a fresh window is simpler and safer than swapping
the document under every panel. A file that cannot be opened is refused in
`openDatabaseErrorBox`, and this window stays as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox
from sqlalchemy.exc import SQLAlchemyError

from ...store.database import Database, DatabaseError, describe_failure, open_database
from ...store.demo import open_store
from ...store.repository import StoreError
from ...store.server import DatabaseTarget
from ..editing.document import Document
from ..widgets.file_dialogs import file_dialog
from .recent_databases import (
    clear_recent,
    forget_database,
    recent_databases,
    remember_database,
    stored_form,
)

DATABASE_FILTER = "Configurator Editor databases (*.db *.sqlite *.sqlite3);;All files (*)"
CANNOT_OPEN = "Cannot open the database"

# Windows opened from the File menu: a top-level widget needs a Python owner, or it would be
# deleted as soon as the function that made it returns. Each leaves the list when closed.
open_windows: list[QMainWindow] = []


class DatabaseActions(QObject):
    """Owns `openDatabaseAction`, `newDatabaseAction` and `recentDatabasesMenu`.

    `settings` gives the QSettings the recent list lives in (the window's); `open_window`
    makes, shows and fills the window of another database (the main window's module gives
    it, so that the two modules do not import each other). The window this one opened, if
    any, is `opened_window`. No signals."""

    def __init__(
        self,
        window: QMainWindow,
        document: Document,
        settings: Callable[[], QSettings],
        show_message: Callable[[str], None],
        save_layout: Callable[[], None],
        open_window: Callable[[Document], QMainWindow],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.settings = settings
        self.show_message = show_message
        self.save_layout = save_layout
        self.open_window = open_window
        self.opened_window: QMainWindow | None = None
        self.open_action = QAction("&Open database…", self)
        self.open_action.setObjectName("openDatabaseAction")
        self.open_action.setShortcuts(QKeySequence.StandardKey.Open)
        self.open_action.setToolTip("Open another database file in place of this one")
        self.open_action.triggered.connect(self.choose_open)
        self.new_action = QAction("Ne&w database…", self)
        self.new_action.setObjectName("newDatabaseAction")
        self.new_action.setToolTip("Create an empty database file and open it")
        self.new_action.triggered.connect(self.choose_new)
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.setObjectName("recentDatabasesMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        target = document.database.target
        if target is not None:
            remember_database(settings(), target)
        self.fill_recent()

    @property
    def _folder(self) -> str:
        path = self.document.db_path
        return str(path.parent) if path is not None else ""

    # --- choosing a file -------------------------------------------------------------------
    def _dialog(self, name: str, title: str) -> QFileDialog:
        return file_dialog(self.window, name, title, self._folder, DATABASE_FILTER)

    def choose_open(self) -> None:
        dialog = self._dialog("openDatabaseDialog", "Open database")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.open_file(Path(path)))
        dialog.open()

    def choose_new(self) -> None:
        dialog = self._dialog("newDatabaseDialog", "New database")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("db")
        # Replacing a file is never what "New" should do; new_file refuses an existing one.
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
        dialog.selectFile("configurators.db")
        dialog.fileSelected.connect(lambda path: self.new_file(Path(path)))
        dialog.open()

    # --- the recent list -------------------------------------------------------------------
    def fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        current = self._current()
        paths = [p for p in recent_databases(self.settings()) if stored_form(p) != current]
        for path in paths:
            action = menu.addAction(str(path))  # a server's URL as shown: no secret
            action.setData(stored_form(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not paths:
            empty = menu.addAction("No other databases yet")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("Clear list")
        clear.setObjectName("clearRecentDatabasesAction")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self._clear)

    def _clear(self) -> None:
        clear_recent(self.settings())
        target = self.document.database.target
        if target is not None:
            remember_database(self.settings(), target)
        self.fill_recent()

    # --- opening ---------------------------------------------------------------------------
    def open_file(self, path: DatabaseTarget) -> QMainWindow | None:
        """Open an existing database, a file or a team database from the recent list (one
        that is empty gets the demo, as at first start)."""
        if self._already_open(path):
            return None
        try:
            database = open_store(path, create=False)
        except DatabaseError as exc:
            if isinstance(path, Path) and not path.exists():
                forget_database(self.settings(), path)
            self._refuse(str(exc))
            return None
        except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:  # seeding an empty file
            self._refuse(describe_failure(path, exc))
            return None
        return self._switch_to(database)

    def new_file(self, path: Path) -> QMainWindow | None:
        """Create an empty database (no demo) at path, which must not exist yet."""
        if path.exists():
            self._refuse(
                f"{path} already exists; choose another name, or open it with Open database…"
            )
            return None
        try:
            database = open_database(path)
        except DatabaseError as exc:
            self._refuse(str(exc))
            return None
        return self._switch_to(database)

    def _current(self) -> str | None:
        target = self.document.database.target
        return stored_form(target) if target is not None else None

    def _already_open(self, path: DatabaseTarget) -> bool:
        if self._current() == stored_form(path):
            self.show_message(f"{path} is already open")
            return True
        return False

    def _switch_to(self, database: Database) -> QMainWindow | None:
        path = database.path
        try:
            # Both read the database (the add-on switch, the list): a damaged file fails here.
            document = Document(database)
            self.save_layout()  # the new window takes this one's size and docks
            window = self.open_window(document)
        except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:
            database.close()
            self._refuse(describe_failure(path, exc))
            return None
        open_windows.append(window)
        window.destroyed.connect(lambda _obj=None, w=window: open_windows.remove(w))
        if database.target is not None:
            remember_database(self.settings(), database.target)
        self.opened_window = window
        self.window.close()  # commits a field still being typed, saves the layout
        self.document.database.close()
        return window

    def _refuse(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, CANNOT_OPEN, text, parent=self.window)
        box.setObjectName("openDatabaseErrorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes a path and SQLite's words
        box.setInformativeText("The database that is open stays open.")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.show_message(text)
