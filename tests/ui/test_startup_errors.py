"""Starting the editor on a database it cannot fully read: a damaged file or a row edited by
hand past the rules is said in a box, never as a traceback. A file too damaged to show at all
stops start-up with the `startupErrorBox` (exit status 2); a configurator whose rows are broken
leaves the window open, says which row in the status bar and the `storageErrorDialog`, and the
other configurators still open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListView, QMessageBox

from desktop.domain.texts import as_sentence
from desktop.ui import app
from desktop.ui.window.main_window import MainWindow
from tests.store.damaged import damage_pages, hand_edit, root_page

from .conftest import WindowFactory
from .helpers import find

BROKEN_PRICE = "UPDATE layer SET price = 'x' WHERE name = 'Red'"  # a layer of "Controller"


def _main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def _storage_box(window: MainWindow) -> QMessageBox:
    box = window.findChild(QMessageBox, "storageErrorDialog")
    assert box is not None and box.isVisible()
    return box


def test_the_startup_box_is_plain_text_and_found_by_name(qapp: QApplication) -> None:
    box = app.fatal_box(app.CANNOT_OPEN, "/data/<shop>.db is damaged")
    try:
        assert box.objectName() == "startupErrorBox"
        assert box.textFormat() == Qt.TextFormat.PlainText  # a path may hold '<'
        assert box.icon() == QMessageBox.Icon.Critical
        assert (box.windowTitle(), box.text()) == (app.CANNOT_OPEN, "/data/<shop>.db is damaged")
        assert not box.isVisible()  # show_fatal runs it; building it shows nothing
    finally:
        box.deleteLater()


def test_show_fatal_also_says_it_on_stderr(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    app.show_fatal(app.CANNOT_OPEN, "x.db is damaged")
    assert shown == ["x.db is damaged"]
    assert capsys.readouterr().err == "configurator-editor: error: x.db is damaged\n"


def _run_refused(qapp: QApplication, path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(app, "show_fatal", lambda _title, text: messages.append(text))
    monkeypatch.setattr(qapp, "exec", lambda: pytest.fail("no event loop on a refused file"))
    assert app.run(path) == app.EXIT_DATABASE_ERROR
    assert not [w for w in _main_windows() if w.isVisible()]
    return messages


def test_a_file_too_damaged_to_list_stops_startup_with_a_box(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage_pages(db_path)
    before = db_path.read_bytes()
    messages = _run_refused(qapp, db_path, monkeypatch)
    assert messages == [
        f"{db_path} is damaged and cannot be read (database disk image is malformed)"
    ]
    assert db_path.read_bytes() == before


def _run_shown(qapp: QApplication, path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """app.run on path, its event loop replaced by a look at the window it shows."""
    seen: dict[str, str] = {}

    def fake_exec() -> int:
        (window,) = [w for w in _main_windows() if w.isVisible()]
        seen["status"] = window.statusBar().currentMessage()
        seen["dialog"] = _storage_box(window).text()
        seen["open"] = "" if window.document.configurator is None else "a configurator"
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    assert app.run(path) == 0
    return seen


def test_a_row_edited_by_hand_is_named_and_the_window_opens(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hand_edit(db_path, BROKEN_PRICE)
    seen = _run_shown(qapp, db_path, monkeypatch)
    expected = f"{db_path} holds data that cannot be used: layer "
    assert seen["status"].startswith(expected) and "has an invalid price 'x'" in seen["status"]
    assert seen["status"] == as_sentence(seen["dialog"])
    assert seen["open"] == ""


def test_damaged_layer_pages_are_named_and_the_window_opens(
    qapp: QApplication, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage_pages(db_path, [root_page(db_path, "layer")])
    seen = _run_shown(qapp, db_path, monkeypatch)
    damaged = f"{db_path} is damaged and cannot be read (database disk image is malformed)"
    assert seen["dialog"] == damaged
    assert seen["status"] == as_sentence(damaged)


def test_the_other_configurators_still_open(make_window: WindowFactory, db_path: Path) -> None:
    hand_edit(db_path, BROKEN_PRICE)
    window = make_window()
    _storage_box(window).accept()
    assert window.document.configurator is None
    view = find(window, QListView, "configuratorList")
    names = [view.model().index(row, 0).data() for row in range(view.model().rowCount())]
    assert names == ["Controller", "Second"]
    view.activated.emit(view.model().index(names.index("Second"), 0))
    assert window.windowTitle().startswith("Second")
    view.activated.emit(view.model().index(names.index("Controller"), 0))  # refused, said
    assert window.windowTitle().startswith("Second")
    assert "has an invalid price 'x'" in window.statusBar().currentMessage()
