"""Fixtures for the editor window tests: a small database in tmp_path, isolated QSettings and
a window factory that builds Document + MainWindow the way app.run does (without the loop)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.store import repository
from desktop.store.database import Database, open_database
from desktop.ui.editing.document import Document
from desktop.ui.window.main_window import MainWindow, open_initial

from .helpers import controller, second

# The offscreen platform logs this whenever a shown window's layout sets its size limits; it
# says nothing about our code, so it is the one Qt warning these tests tolerate.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Window geometry and dock state go to a temporary folder, never the user's config."""
    folder = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    database = open_database(path)
    try:
        with database.session() as session:
            repository.insert_configurator(session, controller())
            repository.insert_configurator(session, second())
    finally:
        database.close()
    return path


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, db_path: Path) -> Iterator[WindowFactory]:  # type: ignore[no-untyped-def]
    """Build Document + MainWindow on a database file, as app.run does (without the loop)."""
    opened: list[Database] = []

    def make(path: Path = db_path) -> MainWindow:
        database = open_database(path)
        opened.append(database)
        document = Document(database)
        window = MainWindow(document)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        open_initial(document)
        return window

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()
