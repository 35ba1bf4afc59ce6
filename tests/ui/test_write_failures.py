"""A write the database cannot take (locked by another program, a read-only file) leaves no
trace: the field shows the stored value again, no undo step remains, the status bar says why,
and a lasting fault is said in a dialog. The lock is real: a second connection holds it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMessageBox, QSpinBox
from sqlalchemy import event
from sqlmodel import create_engine

from desktop.ui.window.main_window import MainWindow

from ..store.damaged import locked
from .conftest import WindowFactory
from .helpers import find, read_configurator, select

LOCKED = "locked by another program"
READ_ONLY = "read-only"


def short_busy_timeout(window: MainWindow) -> None:
    """Wait 0.2 s for a lock instead of 5 s, so the tests stay quick; the pool is emptied
    so that every connection from now on has it."""
    engine = window.document.database.engine
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout = 200"))
    engine.dispose()


def reopen_read_only(window: MainWindow) -> None:
    """The database as a read-only file presents it to SQLite (the test runs as root, for
    whom file permissions do not stop writes, so the connection itself is opened read-only)."""
    database = window.document.database
    path = database.path
    assert path is not None
    database.engine.dispose()
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    event.listen(engine, "connect", lambda conn, _record: conn.execute("PRAGMA foreign_keys = ON"))
    database.engine = engine


def stored_quantity(window: MainWindow, path: str) -> int | None:
    layer = read_configurator(window.document.db_path).find_path(path)  # type: ignore[arg-type]
    assert layer is not None
    return layer.stock.quantity


def test_an_edit_while_another_program_holds_the_lock_is_not_kept(
    make_window: WindowFactory, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    short_busy_timeout(window)
    select(window, "Grip Color/Yellow")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    assert spin.value() == 5
    with locked(window.document.db_path):  # type: ignore[arg-type]
        spin.setValue(99)
        assert spin.value() == 5  # the stored value, shown again
        assert window.undo_stack.count() == 0
        assert LOCKED in window.statusBar().currentMessage()
    assert stored_quantity(window, "Grip Color/Yellow") == 5
    assert window.document.layer(window.layers_panel.current_layer().id).stock.quantity == 5  # type: ignore[union-attr, arg-type]
    assert window.findChild(QMessageBox, "storageErrorDialog") is None  # it passes: no box
    spin.setValue(7)  # free again: the same edit goes through
    assert stored_quantity(window, "Grip Color/Yellow") == 7
    assert window.undo_stack.count() == 1


def test_an_undo_or_redo_that_cannot_be_written_is_dropped(make_window: WindowFactory) -> None:
    window = make_window()
    short_busy_timeout(window)
    select(window, "Grip Color/Yellow")
    sku = find(window, QLineEdit, "skuEdit")
    sku.setText("  NEW-SKU  ")
    sku.editingFinished.emit()
    assert sku.text() == "NEW-SKU"  # what the store wrote, trimmed, is what the window holds
    assert window.layers_panel.current_layer().stock.sku == "NEW-SKU"  # type: ignore[union-attr]
    assert window.undo_stack.count() == 1
    with locked(window.document.db_path):  # type: ignore[arg-type]
        window.undo_stack.undo()
        assert window.undo_stack.count() == 0  # the failed undo left no step behind
        assert sku.text() == "NEW-SKU"
        assert LOCKED in window.statusBar().currentMessage()
    assert (
        read_configurator(window.document.db_path).find_path("Grip Color/Yellow").stock.sku
        == "NEW-SKU"
    )  # type: ignore[arg-type, union-attr]

    spin = find(window, QSpinBox, "stockQuantitySpin")
    spin.setValue(8)
    window.undo_stack.undo()
    assert spin.value() == 5 and window.undo_stack.count() == 1
    with locked(window.document.db_path):  # type: ignore[arg-type]
        window.undo_stack.redo()
        assert window.undo_stack.count() == 0 and not window.undo_stack.canRedo()
        assert spin.value() == 5
    assert stored_quantity(window, "Grip Color/Yellow") == 5


def test_a_read_only_database_says_so_in_a_dialog(make_window: WindowFactory, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    reopen_read_only(window)
    select(window, "Grip Color/Red")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    spin.setValue(99)
    assert spin.value() == 2
    assert window.undo_stack.count() == 0
    assert READ_ONLY in window.statusBar().currentMessage()
    box = window.findChild(QMessageBox, "storageErrorDialog")
    assert box is not None and box.isVisible()
    assert READ_ONLY in box.text()
    name = find(window, QLineEdit, "layerNameEdit")
    name.setText("Crimson")
    name.editingFinished.emit()
    assert name.text() == "Red"
    assert len(window.findChildren(QMessageBox, "storageErrorDialog")) == 1  # one box at a time
    box.accept()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "storageErrorDialog") is None)
    assert stored_quantity(window, "Grip Color/Red") == 2
