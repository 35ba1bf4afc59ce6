"""The window never drops its own SQLite locks (docs/reliability.md).

Closing any descriptor of the database file drops every POSIX lock the process holds on it,
after which a command-line write beside the window may checkpoint and delete the window's
`-wal` and `-shm` files. The test holds the window's connection and compares the process's
entries in /proc/locks for the database and its `-shm` file before and after every window
operation that touches the database file; then a CLI write beside the window must leave the
window's write-ahead log in place and see the window's next edit.
"""

from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QPushButton

from desktop.domain.fields import LayerField
from desktop.store.database import open_database
from desktop.store.exchange import dumps, to_dict
from desktop.ui.database import database_actions
from desktop.ui.editing.commands import SetLayerFields

from ..locks import held_locks
from .conftest import WindowFactory
from .helpers import EVENTUALLY_MS, controller, find
from .helpers import choose_file as _choose
from .helpers import shown_dialog as _shown

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="POSIX locks are listed in /proc/locks on Linux only"
)

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "resources" / "scenarios" / "purple-backordered-notify.json"
PURPLE = "Grip Color/Metallic Purple"
YELLOW = "Grip Color/Metallic Yellow"


@pytest.fixture(autouse=True)
def close_opened_windows() -> object:
    yield
    for opened in list(database_actions.open_windows):
        if shiboken6.isValid(opened):
            opened.close()


def test_no_window_operation_drops_the_windows_locks(
    qtbot,  # type: ignore[no-untyped-def]
    make_window: WindowFactory,
    demo_db: Path,
    tmp_path: Path,
) -> None:
    window = make_window(demo_db)
    window.scenario_actions.step_interval_ms = 0
    baseline = held_locks(demo_db)
    assert baseline, "the open window holds no lock on its database: nothing to check"

    def still_held(operation: str) -> None:
        # A lock the window held and lost is lost for good (SQLite does not take it again):
        # checked at once. A read lock more than before is work of the window's own still
        # finishing (a worker thread, a look for changes made elsewhere): it must go, and the
        # locks come back to exactly the baseline.
        missing = baseline - held_locks(demo_db)
        assert not missing, f"{operation} dropped the window's locks: {sorted(missing)}"
        try:
            qtbot.waitUntil(lambda: held_locks(demo_db) == baseline, timeout=EVENTUALLY_MS)
        except TimeoutError:
            assert held_locks(demo_db) == baseline, f"{operation} changed the window's locks"

    def play() -> None:
        actions = window.scenario_actions
        actions.run_action.trigger()
        with qtbot.waitSignal(actions.playbackFinished, timeout=10_000):
            chooser = _shown(qtbot, window, QFileDialog, "runScenarioDialog")
            chooser.fileSelected.emit(str(SCENARIO))
            chooser.close()
        actions.leave()

    def record() -> None:
        actions = window.scenario_actions
        actions.record_action.setChecked(True)
        option = window.preview.option_control(PURPLE)
        assert option is not None
        option.click()
        window.preview.add_button.click()
        actions.record_action.setChecked(False)
        with qtbot.waitSignal(actions.recordingSaved):
            chooser = _shown(qtbot, window, QFileDialog, "recordScenarioDialog")
            chooser.fileSelected.emit(str(tmp_path / "recorded.json"))
            chooser.close()

    def import_preview() -> None:
        cfg = controller()
        cfg.name = "Imported"
        source = tmp_path / "imported.json"
        source.write_text(dumps(to_dict(cfg)), encoding="utf-8")
        _choose(qtbot, window, "importConfiguratorAction", "importConfiguratorDialog", source)
        dialog = _shown(qtbot, window, QDialog, "importPreviewDialog")
        find(dialog, QPushButton, "importButton").click()
        qtbot.waitUntil(lambda: not dialog.isVisible())
        demo = [s for s in window.document.configurators() if s.name != "Imported"]
        window.document.try_open(demo[0].id)

    def export() -> None:
        target = tmp_path / "out" / "controller.json"
        _choose(qtbot, window, "exportConfiguratorAction", "exportConfiguratorDialog", target)
        assert json.loads(target.read_text(encoding="utf-8"))["configurator"]["name"]

    def stock_sheets() -> None:
        sheet = tmp_path / "stock.csv"
        assert window.stock_actions.export_to(sheet)
        sheet.write_text(
            sheet.read_text(encoding="utf-8").replace(",5,", ",6,", 1), encoding="utf-8"
        )
        dialog = window.stock_actions.preview(sheet)
        assert dialog is not None
        dialog.apply_button.click()

    def preview_image() -> None:
        window.preview_export.action.trigger()
        chooser = _shown(qtbot, window, QFileDialog, "exportPreviewDialog")
        chooser.fileSelected.emit(str(tmp_path / "shot.png"))
        chooser.close()
        assert (tmp_path / "shot.png").stat().st_size > 0

    def about() -> None:
        find(window, QAction, "aboutAction").trigger()
        box = _shown(qtbot, window, QDialog, "aboutDialog")
        box.close()

    def import_the_database_itself() -> None:
        # Chosen by mistake in File ▸ Import and Import stock sheet: refused by name, unread.
        _choose(qtbot, window, "importConfiguratorAction", "importConfiguratorDialog", demo_db)
        dialog = _shown(qtbot, window, QDialog, "importPreviewDialog")
        problem = find(dialog, QLabel, "importProblemLabel").text()
        assert f"it is the open database {demo_db.name}" in problem
        dialog.close()
        sheet = window.stock_actions.preview(demo_db.with_name(demo_db.name + "-wal"))
        assert sheet is not None and sheet.plan is None
        sheet.close()

    def edit() -> None:
        cfg = window.document.configurator
        assert cfg is not None
        option = cfg.find_path(YELLOW)
        assert option is not None and option.id is not None
        window.undo_stack.push(
            SetLayerFields(window.document, option.id, {LayerField.STOCK_QUANTITY: 9}, "q")
        )

    operations: list[tuple[str, Callable[[], None]]] = [
        ("an edit", edit),
        ("Run scenario", play),
        ("Record scenario", record),
        ("the import preview and import", import_preview),
        ("Export", export),
        ("stock sheet export and import", stock_sheets),
        ("Export preview image", preview_image),
        ("About", about),
        ("importing the database itself", import_the_database_itself),
    ]
    for name, operation in operations:
        operation()
        still_held(name)

    # Reopen: another database through File ▸ Open database (a new window, the old one
    # closed), then this one again.
    elsewhere = tmp_path / "elsewhere" / "other.db"
    elsewhere.parent.mkdir()
    open_database(elsewhere).close()
    _choose(qtbot, window, "openDatabaseAction", "openDatabaseDialog", elsewhere)
    other = window.database_actions.opened_window
    assert other is not None
    qtbot.waitUntil(lambda: other.isVisible() and not window.isVisible())
    _choose(qtbot, other, "openDatabaseAction", "openDatabaseDialog", demo_db)
    back = other.database_actions.opened_window
    assert back is not None
    qtbot.waitUntil(lambda: back.isVisible() and not other.isVisible())
    assert held_locks(demo_db) == baseline, "reopening holds other locks than the first open"

    # A command-line write beside the window keeps the window's write-ahead log, and the
    # window's next edit is what another program reads.
    wal = demo_db.with_name(demo_db.name + "-wal")
    assert wal.exists()
    cli = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(demo_db), "addons", "--enable",
         "stock-management"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    assert wal.exists(), "the CLI checkpointed and deleted the window's -wal file"
    cfg = back.document.configurator
    assert cfg is not None
    option = cfg.find_path(YELLOW)
    assert option is not None and option.id is not None
    back.undo_stack.push(
        SetLayerFields(back.document, option.id, {LayerField.STOCK_QUANTITY: 42}, "q")
    )
    reader = subprocess.run(
        [sys.executable, "-c",
         "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
         "print(c.execute(\"SELECT stock_quantity FROM layer WHERE name='Metallic Yellow'\")"
         ".fetchone()[0])", str(demo_db)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert reader.stdout.strip() == "42", reader.stderr


def test_the_header_check_keeps_this_processes_locks(tmp_path: Path) -> None:
    """inspect_file in a process that holds a write lock leaves every lock in place."""
    from desktop.store.database import inspect_file

    path = tmp_path / "held.db"
    database = open_database(path)
    try:
        raw = database.engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            connection.execute("BEGIN IMMEDIATE")
            before = held_locks(path)
            assert before
            inspect_file(path)
            assert held_locks(path) == before
            connection.execute("ROLLBACK")
        finally:
            raw.close()
    finally:
        database.close()


def test_every_file_dialog_of_the_app_never_reads_the_files_it_lists() -> None:
    """A QFileDialog made anywhere but through file_dialogs (which gives it the provider that
    never opens a file) would drop the window's locks as soon as it showed the database's
    folder: every module that makes one must hand it to never_read_files."""
    package = REPO / "desktop"
    careless = []
    for module in sorted(package.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        names = {
            call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
            for call in calls
        }
        if "QFileDialog" in names and "never_read_files" not in names:
            careless.append(str(module.relative_to(REPO)))
    assert careless == []
