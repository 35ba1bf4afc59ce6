"""The File menu (import with its preview, export, open / new database, the recent list) and
Help ▸ About."""

from __future__ import annotations

import faulthandler
import gc
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
)

from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.demo import demo_path
from desktop.store.exchange import dumps, read_json, to_dict
from desktop.store.media import media_dir
from desktop.ui.database import database_actions
from desktop.ui.database.recent_databases import MAX_RECENT, recent_databases, remember_database
from desktop.ui.editing.commands import push
from desktop.ui.exchange.import_command import ImportConfigurator
from desktop.ui.window.about_dialog import about_text, package_version
from desktop.ui.window.main_window import MainWindow, window_settings

from .helpers import choose_file as _choose
from .helpers import controller, find, read_configurator, read_names
from .helpers import shown_dialog as _shown


@pytest.fixture(autouse=True)
def close_opened_windows() -> Iterator[None]:
    """Windows the File menu opened delete themselves on close; close those still open."""
    yield
    for opened in list(database_actions.open_windows):
        if shiboken6.isValid(opened):
            opened.close()


def _exchange_file(folder: Path, name: str = "Controller", image: str = "") -> Path:
    cfg = controller()
    cfg.name = name
    if image:
        cfg.layers[0].children[0].image = image
    path = folder / f"{name}.json"
    path.write_text(dumps(to_dict(cfg)), encoding="utf-8")
    return path


def _preview(qtbot, window: MainWindow, path: Path) -> QDialog:  # type: ignore[no-untyped-def]
    _choose(qtbot, window, "importConfiguratorAction", "importConfiguratorDialog", path)
    return _shown(qtbot, window, QDialog, "importPreviewDialog")


def _label(dialog: QDialog, name: str) -> QLabel:
    return find(dialog, QLabel, name)


def _list(window: MainWindow) -> list[str]:
    return [summary.name for summary in window.document.configurators()]


def test_the_file_menu_holds_the_file_actions(window: MainWindow) -> None:
    menu = find(window, QMenu, "fileMenu")
    names = [a.objectName() or a.text() for a in menu.actions() if not a.isSeparator()]
    recent = find(window, QMenu, "recentDatabasesMenu")
    assert names == [
        "importConfiguratorAction",
        "exportConfiguratorAction",
        "exportWordPressAction",
        "openDatabaseAction",
        "newDatabaseAction",
        recent.menuAction().text(),
        "quitAction",
    ]
    assert "Ctrl+O" in [
        k.toString() for k in find(window, QAction, "openDatabaseAction").shortcuts()
    ]
    assert [a.objectName() for a in find(window, QMenu, "helpMenu").actions()] == [
        "keyboardShortcutsAction",
        "aboutAction",
    ]


def test_import_previews_then_adds_an_undoable_configurator(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = _exchange_file(tmp_path)  # "Controller" is taken in the window's database
    dialog = _preview(qtbot, window, path)
    assert _label(dialog, "importNameLabel").text() == "Controller"
    assert _label(dialog, "importNewNameLabel").text().startswith("Controller (2)")
    assert _label(dialog, "importCountsLabel").text() == "3 groups, 1 sub-group, 8 options"
    assert not _label(dialog, "importProblemLabel").isVisible()
    assert not _label(dialog, "importWarningLabel").isVisible()
    assert read_names(window.document.db_path) == ["Controller", "Second"]  # nothing written yet

    find(dialog, QPushButton, "importButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert read_names(window.document.db_path) == ["Controller", "Controller (2)", "Second"]
    assert window.document.configurator.name == "Controller (2)"  # opened
    assert "Controller (2)" in window.statusBar().currentMessage()
    assert window.undo_stack.undoText() == 'Import "Controller (2)"'

    window.undo_action.trigger()
    assert read_names(window.document.db_path) == ["Controller", "Second"]
    window.redo_action.trigger()
    assert read_names(window.document.db_path) == ["Controller", "Controller (2)", "Second"]
    assert window.document.configurator.name == "Controller (2)"
    assert _list(window) == ["Controller", "Controller (2)", "Second"]


def test_an_invalid_file_names_the_field_and_cannot_be_imported(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = _exchange_file(tmp_path, "Broken")
    data = read_json(path)
    data["configurator"]["layers"][0]["children"][1]["price"] = "lots"
    path.write_text(json.dumps(data), encoding="utf-8")
    dialog = _preview(qtbot, window, path)
    problem = _label(dialog, "importProblemLabel")
    assert problem.isVisible()
    assert "configurator.layers[0].children[1].price" in problem.text()
    assert not find(dialog, QPushButton, "importButton").isEnabled()
    dialog.reject()
    assert read_names(window.document.db_path) == ["Controller", "Second"]


def test_not_json_is_refused_in_plain_words(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.json"
    path.write_text("<b>not json</b>", encoding="utf-8")
    dialog = _preview(qtbot, window, path)
    assert "invalid JSON at line 1" in _label(dialog, "importProblemLabel").text()
    assert not find(dialog, QPushButton, "importButton").isEnabled()


def test_missing_images_are_a_warning_before_importing(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = _exchange_file(tmp_path, "Mug", image="images/yellow.png")
    dialog = _preview(qtbot, window, path)
    warning = _label(dialog, "importWarningLabel")
    assert warning.isVisible()
    assert "configurator.layers[0].children[0].image" in warning.text()
    assert '"images/yellow.png" was not found beside the file' in warning.text()
    assert find(dialog, QPushButton, "importButton").isEnabled()  # a warning, not a refusal
    find(dialog, QPushButton, "importButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "missing" in window.statusBar().currentMessage()
    assert read_configurator(window.document.db_path, "Mug").layers[0].children[0].image


def test_an_image_that_is_a_named_pipe_is_refused_and_the_window_goes_on(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """A pipe would block the read for ever, freezing the window: it is refused by what it is
    (docs/files-and-images.md). The import runs on the window's own thread, so the guard is
    faulthandler's: a regression ends the test run with a traceback instead of hanging it."""
    path = _exchange_file(tmp_path, "Mug", image="images/yellow.png")
    (tmp_path / "images").mkdir()
    os.mkfifo(tmp_path / "images" / "yellow.png")
    refusal = (
        'configurator.layers[0].children[0].image: "images/yellow.png" is a named pipe (FIFO), '
        "not a regular file"
    )
    faulthandler.dump_traceback_later(60, exit=True)
    try:
        dialog = _preview(qtbot, window, path)
        problem = _label(dialog, "importProblemLabel")
        assert problem.isVisible() and refusal in problem.text()  # said before Import
        assert not find(dialog, QPushButton, "importButton").isEnabled()
        # Should the pipe come after the preview, the import itself refuses it the same way.
        command = ImportConfigurator(window.document, path, "Mug")
        assert not push(window.undo_stack, command)
        assert command.problem is not None and refusal in command.problem
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert window.undo_stack.count() == 0
    assert read_names(window.document.db_path) == ["Controller", "Second"]
    media = media_dir(window.document.db_path)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_an_undone_import_keeps_its_images_for_a_redo_and_no_longer(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """The images an import copied stay while it can be redone, even across another open of
    the database; once the step is dropped, the next open removes them
    (docs/files-and-images.md)."""
    path = _exchange_file(tmp_path, "Mug", image="images/yellow.png")
    (tmp_path / "images").mkdir()
    shutil.copy(
        demo_path().parent / "images" / "grip-yellow.png", tmp_path / "images" / "yellow.png"
    )
    dialog = _preview(qtbot, window, path)
    find(dialog, QPushButton, "importButton").click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    db_path = window.document.db_path
    copied = media_dir(db_path) / "images" / "yellow.png"
    assert copied.is_file()

    window.undo_action.trigger()
    assert read_names(db_path) == ["Controller", "Second"]
    open_database(db_path).close()  # another program opens it: the redo's image is kept
    assert copied.is_file()
    window.redo_action.trigger()
    assert read_configurator(db_path, "Mug").layers[0].children[0].image == "images/yellow.png"
    open_database(db_path).close()
    assert copied.is_file()

    window.undo_action.trigger()
    window.undo_stack.clear()  # the step can no longer be redone
    gc.collect()
    open_database(db_path).close()
    assert not copied.exists()
    assert [p.name for p in media_dir(db_path).iterdir() if p.name.startswith(".")] == []


def test_a_file_spoilt_after_its_preview_fails_like_any_refused_edit(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = _exchange_file(tmp_path, "Mug")
    dialog = _preview(qtbot, window, path)
    path.write_text("{", encoding="utf-8")
    find(dialog, QPushButton, "importButton").click()
    problem = _label(dialog, "importProblemLabel")
    assert dialog.isVisible() and problem.isVisible()
    assert f"cannot import {path}: invalid JSON" in problem.text()
    assert not find(dialog, QPushButton, "importButton").isEnabled()
    assert "invalid JSON" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
    assert read_names(window.document.db_path) == ["Controller", "Second"]


def test_export_writes_the_open_configurator(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "controller.json"
    target.parent.mkdir()
    _choose(qtbot, window, "exportConfiguratorAction", "exportConfiguratorDialog", target)
    assert read_json(target)["configurator"]["name"] == "Controller"
    assert str(target) in window.statusBar().currentMessage()
    # What was exported imports back as an equal configurator.
    dialog = _preview(qtbot, window, target)
    assert _label(dialog, "importCountsLabel").text() == "3 groups, 1 sub-group, 8 options"


def test_export_is_off_with_nothing_open(window: MainWindow) -> None:
    window.document.open_configurator(None)
    assert not find(window, QAction, "exportConfiguratorAction").isEnabled()


def test_a_failed_export_is_said_in_a_box(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "notes.txt"  # a file where the export's folder would have to be
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "x.json"
    _choose(qtbot, window, "exportConfiguratorAction", "exportConfiguratorDialog", target)
    box = _shown(qtbot, window, QMessageBox, "exportErrorBox")
    assert box.text().startswith(f"Cannot export to {target}: ")
    assert box.textFormat().name == "PlainText"
    assert box.text() == window.statusBar().currentMessage()
    box.close()


def _other_database(tmp_path: Path) -> Path:
    path = tmp_path / "other" / "shop.db"
    path.parent.mkdir()
    database = open_database(path)
    try:
        with database.session() as session:
            cfg = controller()
            cfg.name = "Shop"
            repository.insert_configurator(session, cfg)
    finally:
        database.close()
    return path


def _new_window(qtbot, old: MainWindow, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    new = old.database_actions.opened_window
    assert new is not None
    qtbot.waitUntil(lambda: new.isVisible() and not old.isVisible())
    assert new.document.db_path == path
    return new


def test_open_database_replaces_the_window(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = window.document.db_path
    path = _other_database(tmp_path)
    _choose(qtbot, window, "openDatabaseAction", "openDatabaseDialog", path)
    new = _new_window(qtbot, window, path)
    assert _list(new) == ["Shop"]
    assert new.document.configurator.name == "Shop"
    assert recent_databases(window_settings())[:2] == [path, first]
    # The other database is one click away in the new window's recent list.
    new.database_actions.fill_recent()
    entries = [a for a in find(new, QMenu, "recentDatabasesMenu").actions() if a.data()]
    assert [a.data() for a in entries] == [str(first)]
    entries[0].trigger()
    back = _new_window(qtbot, new, first)  # type: ignore[arg-type]
    assert _list(back) == ["Controller", "Second"]


def test_a_file_that_is_not_a_database_is_refused(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list", encoding="utf-8")
    _choose(qtbot, window, "openDatabaseAction", "openDatabaseDialog", path)
    box = _shown(qtbot, window, QMessageBox, "openDatabaseErrorBox")
    assert box.text() == f"{path} is not a Configurator Editor database (not a SQLite file)"
    assert box.textFormat().name == "PlainText"
    box.close()
    assert window.isVisible() and window.database_actions.opened_window is None
    assert path.read_text(encoding="utf-8") == "shopping list"


def test_new_database_is_empty_and_refuses_an_existing_file(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    taken = window.document.db_path
    _choose(qtbot, window, "newDatabaseAction", "newDatabaseDialog", taken)  # type: ignore[arg-type]
    box = _shown(qtbot, window, QMessageBox, "openDatabaseErrorBox")
    assert "already exists" in box.text()
    box.close()
    path = tmp_path / "fresh.db"
    _choose(qtbot, window, "newDatabaseAction", "newDatabaseDialog", path)
    new = _new_window(qtbot, window, path)
    assert _list(new) == []  # no demo
    assert new.document.configurator is None
    assert recent_databases(window_settings())[0] == path


def test_a_recent_file_that_has_gone_is_refused_and_forgotten(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    gone = tmp_path / "gone.db"
    window.database_actions.open_file(gone)
    box = _shown(qtbot, window, QMessageBox, "openDatabaseErrorBox")
    assert box.text() == f"no database at {gone}"
    box.close()
    assert gone not in recent_databases(window_settings())
    assert not gone.exists()


def test_about_says_versions_and_the_database_and_copies_them(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    find(window, QAction, "aboutAction").trigger()
    dialog = _shown(qtbot, window, QDialog, "aboutDialog")
    shown = _label(dialog, "aboutText").text()
    for word in ("Version", "Qt", "PySide6", "Python", "SQLite", str(window.document.db_path)):
        assert word in shown
    assert package_version() in shown
    find(dialog, QPushButton, "copyAboutButton").click()
    copied = QApplication.clipboard().text()
    assert copied == about_text(window.document.db_path)
    assert copied.startswith("Configurator Editor\nVersion: ")
    dialog.reject()


def test_the_recent_list_survives_a_restart_and_can_be_cleared(
    window: MainWindow, tmp_path: Path
) -> None:
    current = window.document.db_path
    for n in range(MAX_RECENT + 2):
        remember_database(window_settings(), tmp_path / f"{n}.db")
    remembered = recent_databases(window_settings())  # a fresh QSettings: as after a restart
    assert len(remembered) == MAX_RECENT and remembered[0] == tmp_path / f"{MAX_RECENT + 1}.db"
    window.database_actions.fill_recent()
    find(window, QAction, "clearRecentDatabasesAction").trigger()
    assert recent_databases(window_settings()) == [current]  # the open one stays
    window.database_actions.fill_recent()
    assert not find(window, QAction, "clearRecentDatabasesAction").isEnabled()
