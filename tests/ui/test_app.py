"""Starting the editor: run() opens (and on first use seeds) the database, shows the window with
the last configurator, and refuses a foreign file with a message and exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui import app
from desktop.ui.window.main_window import MainWindow


def _main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_run_shows_the_demo_on_a_new_database(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def fake_exec() -> int:
        (window,) = [w for w in _main_windows() if w.isVisible()]
        seen["title"] = window.windowTitle()
        seen["layers"] = window.tree_model.rowCount()
        seen["org"] = QApplication.organizationName()
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    assert app.run(tmp_path / "new.db") == 0
    assert str(seen["title"]).startswith("Custom Game Controller")
    assert isinstance(seen["layers"], int) and seen["layers"] > 0
    assert seen["org"] == app.ORGANIZATION
    assert (tmp_path / "new.db").exists()


def test_run_refuses_a_foreign_file(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"these are my notes, not a database")
    messages: list[str] = []
    monkeypatch.setattr(app, "show_fatal", lambda _title, text: messages.append(text))
    monkeypatch.setattr(qapp, "exec", lambda: pytest.fail("no event loop on a refused file"))
    assert app.run(foreign) == app.EXIT_DATABASE_ERROR
    assert messages and "not a Configurator Editor database" in messages[0]
    assert foreign.read_bytes() == b"these are my notes, not a database"
