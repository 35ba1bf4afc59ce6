"""Starting the editor: the QApplication, the store, the window, the event loop.

Imports of the store and the window happen inside run(), after the QApplication exists, so
`import desktop.ui.app` stays cheap for the CLI (which only needs run when it opens the GUI).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..application.version import APP_NAME, DISTRIBUTION, ORGANIZATION
from .theme.app_icon import app_icon

if TYPE_CHECKING:
    from ..store.server import DatabaseTarget

EXIT_DATABASE_ERROR = 2
CANNOT_OPEN = "Cannot open the database"
# Set by the benchmark and the bundle's test: print "shown <epoch seconds>" once the window has
# painted for the first time, then close it as a user would.
STARTUP_PROBE = "CONFIGURATOR_EDITOR_STARTUP_PROBE"


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    # The desktop entry's name: Wayland compositors and docks find the icon and group windows by it.
    app.setDesktopFileName(DISTRIBUTION)
    app.setWindowIcon(app_icon())
    return app


def fatal_box(title: str, message: str) -> QMessageBox:
    """The `startupErrorBox` that says why the editor cannot start, not yet shown."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, message)
    box.setObjectName("startupErrorBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes paths, names and SQLite's words
    return box


def show_fatal(title: str, message: str) -> None:
    """A start-up failure, before any window exists (a blocking box is right here)."""
    print(f"configurator-editor: error: {message}", file=sys.stderr)
    fatal_box(title, message).exec()


def run(
    db_path: DatabaseTarget | None, theme: str = "system", db_problem: str | None = None
) -> int:
    """Open the editor on db_path, a file or a server (None: the user's default database), in
    a theme of palette.THEMES; returns the exit code. db_problem: why the default that
    CONFIGURATOR_EDITOR_DB names could not be used (the window says it once open)."""
    app = _application()
    from .theme.apply import apply_theme

    apply_theme(app, theme)
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from ..store.database import DatabaseError, default_database_path, describe_failure
    from ..store.demo import open_store
    from ..store.repository import StoreError
    from ..store.server import ENV_VARIABLE, ServerUrlError, default_target

    path = db_path
    if path is None:
        try:
            path = default_target()
        except ServerUrlError as exc:  # opened on the user's own file instead, and said
            db_problem = f"${ENV_VARIABLE}: {exc}"
        path = path or default_database_path()
    try:
        database = open_store(path)
    except DatabaseError as exc:
        show_fatal(CANNOT_OPEN, str(exc))
        return EXIT_DATABASE_ERROR
    except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:  # seeding a new file failed
        show_fatal(CANNOT_OPEN, describe_failure(path, exc))
        return EXIT_DATABASE_ERROR

    from .editing.document import Document
    from .window.main_window import MainWindow, open_initial

    try:
        try:
            # Both read the database (the add-on switch, the list): a damaged file or a row
            # edited by hand fails here, before there is a window to say it in.
            document = Document(database)
            window = MainWindow(document)
        except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:
            show_fatal(CANNOT_OPEN, describe_failure(path, exc))
            return EXIT_DATABASE_ERROR
        window.show()
        open_initial(document)
        if db_problem is not None:
            window.show_database_problem(f"{db_problem}; opened {path} instead")
        if os.environ.get(STARTUP_PROBE):
            _FirstPaintProbe(window, app)
        return app.exec()
    finally:
        database.close()


class _FirstPaintProbe(QObject):
    """Watches the application's events for the first paint of the window or a widget in it;
    on the next event-loop turn (the paint has reached the screen) prints "shown <epoch
    seconds>" and closes the window, which ends the event loop. No signals."""

    def __init__(self, window: QWidget, app: QApplication) -> None:
        super().__init__(window)
        self.window = window
        self.painted = False
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.painted
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.painted = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"shown {time.time():.6f}", flush=True)
        self.window.close()
