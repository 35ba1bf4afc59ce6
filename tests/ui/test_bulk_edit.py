"""Bulk edit, stock sheet import in the window, and the low-stock global settings
(docs/stock-sheets.md, docs/stock-rules.md
"Low stock"): one undo step each, undo and redo restore every field exactly."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from desktop.bench import synthetic
from desktop.domain import texts
from desktop.domain.fields import LayerField
from desktop.domain.model import Stock, StockDisplay, StockStatus
from desktop.store import repository
from desktop.store.database import open_database
from desktop.ui.editing.commands import push
from desktop.ui.stock.bulk_edit_dialog import BulkEditDialog
from desktop.ui.stock.commands import SetStockOfMany
from desktop.ui.stock.import_dialog import StockImportDialog
from desktop.ui.stock.table import StockTablePanel
from desktop.ui.stock.table_model import LOW, SHOWN
from desktop.ui.window.main_window import MainWindow

from ..store.damaged import locked
from .conftest import WindowFactory
from .helpers import find, read_configurator, select, tree_index
from .test_write_failures import LOCKED, short_busy_timeout

GRIPS = ("Grip Color/Yellow", "Grip Color/Red", "Grip Color/Purple")


def panel_of(window: MainWindow) -> StockTablePanel:
    window.findChild(QAction, "stockTableAction").trigger()
    return window.stock_actions.panel


def stocks(window: MainWindow) -> dict[str, Stock]:
    """Every option's stock as the database holds it."""
    cfg = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    return {o.path: o.stock for o in cfg.options()}


def select_rows(panel: StockTablePanel, paths: tuple[str, ...]) -> None:
    panel.view.clearSelection()
    model = panel.view.selectionModel()
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, 0).data() in paths:
            model.select(panel.proxy.index(row, 0), model.SelectionFlag.Select)


def open_bulk(window: MainWindow, paths: tuple[str, ...]) -> BulkEditDialog:
    panel = panel_of(window)
    select_rows(panel, paths)
    action = window.findChild(QAction, "bulkEditAction")
    assert action.isEnabled()
    action.trigger()
    dialog = window.findChild(BulkEditDialog, "bulkEditDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_bulk_edit_changes_only_the_chosen_fields_and_undo_redo_restore_exactly(
    window: MainWindow,
) -> None:
    before = stocks(window)
    dialog = open_bulk(window, GRIPS)
    assert "3 selected options" in dialog.count_label.text()
    dialog.quantity_check.setChecked(True)
    dialog.quantity_mode.setCurrentIndex(dialog.quantity_mode.findData("add"))
    dialog.quantity_spin.setValue(4)
    dialog.low_check.setChecked(True)
    dialog.low_spin.setValue(6)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    after = stocks(window)
    assert [after[p].quantity for p in GRIPS] == [9, 6, 4]
    assert [after[p].low_amount for p in GRIPS] == [6, 6, 6]
    # Fields not ticked are untouched: status, manage, SKU, and every other option.
    for path, stock in after.items():
        old = before[path]
        assert (stock.status, stock.manage, stock.sku) == (old.status, old.manage, old.sku)
        if path not in GRIPS:
            assert stock == old
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Add 4 to quantity, set low stock amount of 3 options"
    window.undo_stack.undo()
    assert stocks(window) == before
    assert {o.path: o.stock for o in window.document.configurator.options()} == before  # type: ignore[union-attr]
    window.undo_stack.redo()
    assert stocks(window) == after


def test_a_no_change_edit_never_flips_out_of_stock(window: MainWindow) -> None:
    # WooCommerce's complaint: "no change" turned Out of Stock into In Stock.
    doc = window.document
    purple = doc.configurator.find_path("Grip Color/Purple")  # type: ignore[union-attr]
    doc.set_layer_fields(purple.id, {"stock_status": StockStatus.OUT_OF_STOCK})  # type: ignore[arg-type, dict-item]
    before = stocks(window)
    dialog = open_bulk(window, GRIPS)
    dialog.manage_check.setChecked(True)  # all already managed: nothing to change
    dialog.buttons.accepted.emit()
    assert stocks(window) == before
    assert window.undo_stack.count() == 0


def test_set_status_and_quantity_named_for_what_they_did(window: MainWindow) -> None:
    dialog = open_bulk(window, GRIPS[:2])
    dialog.quantity_check.setChecked(True)
    dialog.quantity_spin.setValue(12)
    dialog.buttons.accepted.emit()
    assert window.undo_stack.undoText() == "Set quantity of 2 options"
    dialog = open_bulk(window, GRIPS)
    dialog.status_check.setChecked(True)
    dialog.status_combo.setCurrentIndex(1)
    dialog.buttons.accepted.emit()
    assert window.undo_stack.undoText() == "Set status of 3 options"
    assert {s.status for p, s in stocks(window).items() if p in GRIPS} == {StockStatus.OUT_OF_STOCK}


def test_subtracting_may_go_below_zero_as_backorders_do(window: MainWindow) -> None:
    dialog = open_bulk(window, GRIPS)
    dialog.quantity_check.setChecked(True)
    dialog.quantity_mode.setCurrentIndex(dialog.quantity_mode.findData("subtract"))
    dialog.quantity_spin.setValue(3)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert [stocks(window)[p].quantity for p in GRIPS] == [2, -1, -3]
    assert window.undo_stack.undoText() == "Subtract 3 from quantity of 3 options"


def test_bulk_edit_out_of_range_names_the_option(window: MainWindow) -> None:
    dialog = open_bulk(window, GRIPS)
    dialog.quantity_check.setChecked(True)
    dialog.quantity_mode.setCurrentIndex(dialog.quantity_mode.findData("add"))
    dialog.quantity_spin.setValue(999_999)
    before = stocks(window)
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.error_label.text() == (
        'Stock quantity: of "Grip Color/Yellow" would be 1000004: expected a whole number '
        "from -99999 to 999999; nothing was changed."
    )
    assert stocks(window) == before
    assert window.undo_stack.count() == 0


def test_a_bulk_edit_the_database_cannot_take_leaves_no_undo_step(
    window: MainWindow,
) -> None:
    short_busy_timeout(window)
    before = stocks(window)
    dialog = open_bulk(window, GRIPS)
    dialog.quantity_check.setChecked(True)
    dialog.quantity_spin.setValue(40)
    with locked(window.document.db_path):  # type: ignore[arg-type]
        dialog.buttons.accepted.emit()
        assert window.undo_stack.count() == 0
        assert LOCKED in window.statusBar().currentMessage()
    assert stocks(window) == before
    assert {o.path: o.stock for o in window.document.configurator.options()} == before  # type: ignore[union-attr]


def test_a_sheet_is_previewed_then_applied_as_one_undo_step(
    window: MainWindow, tmp_path: Path
) -> None:
    before = stocks(window)
    sheet = tmp_path / "stock.csv"
    sheet.write_text("SKU;Stock;In stock?\r\nR-1;7;0\r\nNOPE;1;1\r\nY-1;5;1\r\n", encoding="utf-8")
    dialog = window.stock_actions.preview(sheet)
    assert isinstance(dialog, StockImportDialog) and dialog.objectName() == "stockImportDialog"
    model = dialog.changes_view.model()
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert rows == [
        ["Grip Color/Red", "R-1", "Stock", "2", "7"],
        ["Grip Color/Red", "R-1", "In stock?", "1", "0"],
    ]
    assert 'line 3: SKU "NOPE" matches no option; skipped' in dialog.notes.toPlainText()
    assert "1 unchanged" not in dialog.summary.text()
    assert stocks(window) == before  # nothing written before Apply
    dialog.apply_button.click()
    after = stocks(window)
    assert (after["Grip Color/Red"].quantity, after["Grip Color/Red"].status) == (
        7,
        StockStatus.OUT_OF_STOCK,
    )
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Import stock sheet stock.csv (1 option)"
    window.undo_stack.undo()
    assert stocks(window) == before


def test_a_refused_sheet_lists_every_bad_cell_and_cannot_be_applied(
    window: MainWindow, tmp_path: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("SKU,Stock,Low stock amount\nR-1,x,1\nY-1,1,-1\n", encoding="utf-8")
    dialog = window.stock_actions.preview(sheet)
    assert dialog is not None
    assert dialog.notes.toPlainText().splitlines() == [
        "line 2, Stock: expected a whole number, not 'x'",
        "line 3, Low stock amount: expected a whole number from 0 to 999999",
    ]
    assert not dialog.apply_button.isEnabled()


def test_export_writes_the_sheet_of_the_open_configurator(
    window: MainWindow, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "stock.csv"
    assert window.stock_actions.export_to(target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "SKU,Name,Manage stock?,Stock,In stock?,Low stock amount,Backorders allowed?"
    assert lines[2] == "R-1,Grip Color/Red,1,2,1,,"


def test_global_settings_hold_the_threshold_and_stock_display(window: MainWindow) -> None:
    window.global_settings_action.trigger()
    dialog = window.global_settings_dialog
    spin = find(dialog, QSpinBox, "lowStockThresholdSpin")
    combo = find(dialog, QComboBox, "stockDisplayCombo")
    assert (spin.value(), combo.currentData()) == (2, StockDisplay.NEVER)
    spin.setValue(5)
    combo.setCurrentIndex(combo.findData(StockDisplay.LOW))
    dialog.buttons.accepted.emit()
    cfg = read_configurator(window.document.db_path)  # type: ignore[arg-type]
    assert (cfg.low_stock_threshold, cfg.stock_display) == (5, StockDisplay.LOW)
    # Yellow (5) is low now, and the preview says how few are left.
    panel = panel_of(window)
    assert panel.column_data(SHOWN)[0] == "Only 5 left in stock"
    window.undo_stack.undo()
    assert panel.column_data(SHOWN)[0] == "In Stock"


def test_the_tree_repaints_the_rows_whose_state_a_bulk_edit_changed(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    red = tree_index(window, "Grip Color/Red")
    assert red.data(Qt.ItemDataRole.AccessibleTextRole) == f"Red, {texts.LOW_STOCK}"
    dialog = open_bulk(window, GRIPS)
    dialog.quantity_check.setChecked(True)
    dialog.quantity_spin.setValue(12)
    model = window.tree_model
    with qtbot.waitSignal(
        model.dataChanged,
        check_params_cb=lambda first, last, _roles: (
            first.row() <= 1 <= last.row() and first.parent().data() == "Grip Color"
        ),
    ):
        dialog.buttons.accepted.emit()
    assert red.data(Qt.ItemDataRole.AccessibleTextRole) == "Red, In Stock"


def test_the_stock_section_shows_which_threshold_marks_the_option_low(
    window: MainWindow,
) -> None:
    select(window, "Grip Color/Red")
    label = find(window, QLabel, "lowStockLabel")
    assert label.text() == "at 2 or fewer (the configurator's threshold)"
    panel = panel_of(window)
    row = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())].index(
        "Grip Color/Red"
    )
    assert panel.proxy.setData(panel.proxy.index(row, LOW), "4")
    assert label.text() == "at 4 or fewer (this option's own amount; the configurator's is 2)"


def test_a_bulk_edit_while_recording_a_scenario_is_one_set_step(window: MainWindow) -> None:
    record = window.scenario_actions.record_action
    record.setChecked(True)
    recorder = window.scenario_actions.recorder
    assert recorder.recording
    dialog = open_bulk(window, GRIPS[:2])
    dialog.quantity_check.setChecked(True)
    dialog.quantity_spin.setValue(8)
    dialog.buttons.accepted.emit()
    (step,) = recorder.steps
    assert step.kind == "set"
    assert {path: s["quantity"] for path, s in step.value.stock.items()} == {
        "Grip Color/Yellow": 8,
        "Grip Color/Red": 8,
    }
    recorder.stop()


def test_a_many_option_edit_keeps_a_few_objects_whatever_its_size(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    """The undo stack keeps the command: a dict per option would be thousands of objects, each
    counted towards the cycle collector's next full pass over everything the window holds."""
    path = tmp_path / "catalogue.db"
    database = open_database(path)
    with database.session() as session:
        repository.insert_configurator(session, synthetic.build("Catalogue", 300))
    database.close()
    window = make_window(path)
    cfg = window.document.configurator
    assert cfg is not None and cfg.name == "Catalogue"
    before = {o.id: (o.stock.quantity, o.stock.manage) for o in cfg.options()}
    changes = {
        o: {LayerField.STOCK_QUANTITY: 9, LayerField.MANAGE_STOCK: True} for o in cfg.options()
    }
    gc.collect()
    gc.disable()
    try:
        held = len(gc.get_objects())
        command = SetStockOfMany(window.document, changes, "Set quantity of 300 options")
        held = len(gc.get_objects()) - held
    finally:
        gc.enable()
    assert held < 30
    assert push(window.undo_stack, command)
    assert {(o.stock.quantity, o.stock.manage) for o in cfg.options()} == {(9, True)}
    window.undo_stack.undo()
    assert {o.id: (o.stock.quantity, o.stock.manage) for o in cfg.options()} == before
    window.undo_stack.redo()
    assert {(o.stock.quantity, o.stock.manage) for o in cfg.options()} == {(9, True)}
