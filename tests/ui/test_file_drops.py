"""Files dropped on the window open their import preview; Escape clears the layer filter; a
refused stock sheet offers another file (docs/editing.md)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton, QWidget

from desktop.store.database import open_database
from desktop.store.exchange import export_file
from desktop.ui.editing.document import Document
from desktop.ui.exchange.import_dialog import ImportPreviewDialog
from desktop.ui.stock.import_dialog import StockImportDialog
from desktop.ui.window.main_window import MainWindow, open_initial

from .helpers import find, select, shown_children

WORDPRESS_EXPORT = Path(__file__).parents[1] / "store" / "data" / "wordpress-export.xml"


def _drop(window: MainWindow, path: Path, on: QWidget | None = None) -> bool:
    """Drag path over `on` (the window's centre by default) and drop it; True if taken."""
    target = on or window.preview
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = target.rect().center()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point.toPointF(), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def _exchange_file(window: MainWindow, tmp_path: Path) -> Path:
    target = tmp_path / "controller.json"
    cfg = window.document.configurator
    assert cfg is not None
    with window.document.database.session() as session:
        export_file(session, cfg.id, target)  # type: ignore[arg-type]
    return target


def test_a_dropped_exchange_file_opens_the_import_preview(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    path = _exchange_file(window, tmp_path)
    assert _drop(window, path)
    qtbot.waitUntil(lambda: window.exchange_actions.preview_dialog is not None)
    dialog = window.exchange_actions.preview_dialog
    assert isinstance(dialog, ImportPreviewDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert window.document.configurators()[0].name == "Controller"  # nothing written yet


def test_a_dropped_stock_sheet_opens_its_preview(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "stock.CSV"
    sheet.write_text("SKU,Stock\nR-1,9\n", encoding="utf-8")
    # Dropped on the layers tree: the tree takes only its own rows; the window takes files.
    assert _drop(window, sheet, window.layers_panel.tree.viewport())
    qtbot.waitUntil(lambda: window.stock_actions.import_dialog is not None)
    dialog = window.stock_actions.import_dialog
    assert isinstance(dialog, StockImportDialog)
    model = dialog.changes_view.model()
    assert [model.index(0, c).data() for c in range(5)] == [
        "Grip Color/Red",
        "R-1",
        "Stock",
        "2",
        "9",
    ]


def test_a_dropped_wordpress_export_opens_its_import_preview(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    export = tmp_path / "site.XML"
    export.write_bytes(WORDPRESS_EXPORT.read_bytes())
    assert _drop(window, export)
    # The preview File → Import configurator… shows for a WordPress export.
    wordpress = window.exchange_actions.wordpress
    qtbot.waitUntil(lambda: getattr(wordpress, "import_dialog", None) is not None)
    qtbot.waitUntil(wordpress.import_dialog.isVisible)
    assert window.document.configurators()[0].name == "Controller"  # nothing written yet


def test_a_file_the_editor_does_not_import_is_said_and_not_read(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    database = window.document.db_path
    assert database is not None
    assert _drop(window, database)
    qtbot.waitUntil(
        lambda: "is not a file the editor imports" in window.statusBar().currentMessage()
    )
    assert window.statusBar().currentMessage().startswith(f"{database.name} is not a file")
    assert not window.findChildren(ImportPreviewDialog)


def test_escape_clears_the_layer_filter(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    edit = window.layers_panel.filter_edit
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    edit.setFocus()
    qtbot.keyClicks(edit, "Red")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert shown_children(window) == ["Grip Color"]
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == ""
    assert shown_children(window) == ["Grip Color", "Extras", "Buttons"]
    # From the tree it narrows, too, keeping the selected row.
    qtbot.keyClicks(edit, "Red")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    select(window, "Grip Color/Red")
    window.layers_panel.tree.setFocus()
    qtbot.keyClick(window.layers_panel.tree, Qt.Key.Key_Escape)
    assert edit.text() == "" and len(shown_children(window)) == 3
    assert window.layers_panel.current_layer().name == "Red"  # type: ignore[union-attr]


def test_a_refused_sheet_offers_another_file(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("SKU,Stock\nR-1,x\n", encoding="utf-8")
    dialog = window.stock_actions.preview(sheet)
    assert dialog is not None
    choose = find(dialog, QPushButton, "stockImportChooseAnotherButton")
    assert choose.isVisible() and choose.text() == "Choose another file…"
    assert not dialog.apply_button.isVisible()
    choose.click()
    assert not dialog.isVisible()
    files = [d for d in window.findChildren(QFileDialog, "importStockFileDialog") if d.isVisible()]
    assert len(files) == 1
    files[0].reject()
    select(window, "Grip Color/Red")
    assert not any(d.isVisible() for d in window.findChildren(QDialog, "stockImportDialog"))


def test_a_drop_on_a_read_only_database_says_why_nothing_opens(
    qtbot,  # type: ignore[no-untyped-def]
    db_path: Path,
    tmp_path: Path,
) -> None:
    sheet = tmp_path / "stock.csv"
    sheet.write_text("SKU,Stock\nR-1,9\n", encoding="utf-8")
    os.chmod(db_path, 0o444)
    try:
        database = open_database(db_path)
        try:
            document = Document(database)
            window = MainWindow(document)
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            open_initial(document)
            assert document.read_only is not None
            assert window.file_drops.open_file(sheet) is None
            assert window.statusBar().currentMessage() == (
                f"stock.csv cannot be imported: the database is read-only ({document.read_only})."
            )
            assert window.stock_actions.import_dialog is None
            window.close()
        finally:
            database.close()
    finally:
        os.chmod(db_path, 0o644)
