"""Starting the editor: the QApplication, the store, the window, the event loop.

Imports of the store and the window happen inside run(), after the QApplication exists, so
`import desktop.ui.app` stays cheap for the CLI (which only needs run when it opens the GUI).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

APP_NAME = "Configurator Editor"
ORGANIZATION = "ConfiguratorEditor"
EXIT_DATABASE_ERROR = 2
CANNOT_OPEN = "Cannot open the database"
# Set by the benchmark: print "shown <epoch seconds>" once the first window is up, then quit.
STARTUP_PROBE = "CONFIGURATOR_EDITOR_STARTUP_PROBE"


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
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


def run(db_path: Path | None, theme: str = "system") -> int:
    """Open the editor on db_path (None: the user's default database) in a theme of
    palette.THEMES; returns the exit code."""
    app = _application()
    from .palette import apply_theme

    apply_theme(app, theme)
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from ..store.database import DatabaseError, default_database_path, describe_failure
    from ..store.demo import open_store
    from ..store.repository import StoreError

    path = db_path if db_path is not None else default_database_path()
    try:
        database = open_store(path)
    except DatabaseError as exc:
        show_fatal(CANNOT_OPEN, str(exc))
        return EXIT_DATABASE_ERROR
    except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:  # seeding a new file failed
        show_fatal(CANNOT_OPEN, describe_failure(path, exc))
        return EXIT_DATABASE_ERROR

    from .document import Document
    from .main_window import MainWindow, open_initial

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
        if os.environ.get(STARTUP_PROBE):
            QTimer.singleShot(0, lambda: _report_shown(app))
        return app.exec()
    finally:
        database.close()


def _report_shown(app: QApplication) -> None:
    """Runs on the first event-loop turn after show(): the window has been laid out and exposed."""
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
