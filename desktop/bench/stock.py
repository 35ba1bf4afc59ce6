"""Stock-at-scale measures through the real window (offscreen): the stock table opening, a bulk
edit of every row with the preview's update, and stock sheets out and in (docs/stock-sheets.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from ..domain.bulk_edit import BulkEdit, plan
from ..domain.stock_sheet import write_sheet
from ..store.stock_sheets import write_text_atomically
from ..ui.editing.document import Document
from ..ui.stock.commands import SetStockOfMany
from ..ui.stock.import_dialog import StockImportDialog
from ..ui.window.main_window import MainWindow
from .timing import median_ms


def measure(document: Document, big_id: int, workdir: Path, trials: int) -> dict[str, float]:
    window = MainWindow(document)
    window.resize(1400, 900)
    window.show()
    document.open_configurator(big_id)
    QApplication.processEvents()
    cfg = document.configurator
    assert cfg is not None
    actions = window.stock_actions
    panel = actions.panel
    dock = window.stock_dock
    options = list(cfg.options())
    results: dict[str, float] = {}

    def close_table() -> None:
        dock.hide()
        QApplication.processEvents()

    def open_table() -> None:
        # Opening the dock reads the configurator's options afresh and paints the first page.
        dock.show()
        panel.model.reload()
        panel.view.viewport().repaint()
        assert panel.proxy.rowCount() == len(options)

    results["stock_table_open"] = median_ms(trials, open_table, setup=close_table)
    open_table()

    step = iter(range(1, 10**6))

    def bulk_edit() -> None:
        # Add or take one unit of every option (managed or not): one command, one transaction,
        # and the preview, tree and table follow before the next paint.
        by = 1 if next(step) % 2 else -1
        changes = plan(options, BulkEdit(quantity_by=by))
        command = SetStockOfMany(document, changes, "bench")
        window.undo_stacks.push(command)
        assert command.error is None
        QApplication.processEvents()

    results["bulk_edit_all"] = median_ms(trials, bulk_edit)

    sheet = workdir / "stock.csv"
    results["sheet_export"] = median_ms(
        trials, lambda: write_text_atomically(sheet, write_sheet(cfg))
    )
    # The sheet a warehouse sends back: every managed quantity changed.
    lines = write_sheet(cfg).splitlines()
    edited = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if cells[2] == "1" and cells[3]:
            cells[3] = str(int(cells[3]) + 3)
        edited.append(",".join(cells))
    incoming = workdir / "incoming.csv"
    incoming.write_text("\r\n".join(edited) + "\r\n", encoding="utf-8")

    def preview() -> None:
        dialog = actions.preview(incoming)
        assert dialog is not None and dialog.plan is not None and dialog.plan.changes
        dialog.reject()

    results["sheet_import_preview"] = median_ms(trials, preview)

    pending: list[StockImportDialog] = []

    def ready() -> None:
        if window.undo_stack.canUndo() and pending:
            window.undo_stack.undo()  # back to the state the sheet was made against
        dialog = actions.preview(incoming)
        assert dialog is not None
        pending[:] = [dialog]

    def apply() -> None:
        dialog = pending[0]
        dialog.apply_button.click()
        QApplication.processEvents()

    results["sheet_import_apply"] = median_ms(trials, apply, setup=ready)
    results["sheet_import_total"] = results["sheet_import_preview"] + results["sheet_import_apply"]
    window.close()
    return results
