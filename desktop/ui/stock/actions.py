"""The Stock menu: the stock table dock's panel, bulk edit, and stock sheets in and out.

Files are chosen in non-blocking QFileDialogs (`importStockFileDialog`,
`exportStockFileDialog`), so tests answer them by emitting fileSelected.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QToolButton

from ...domain.change_set import ChangeSet
from ...domain.collector import collector_paused
from ...domain.model import Configurator
from ...domain.stock_sheet import SheetError, SheetPlan, read_sheet, write_sheet
from ...store.stock_sheets import read_sheet_file, write_text_atomically
from ..editing.commands import UndoTarget, push
from ..editing.document import Document
from ..widgets.file_dialogs import file_dialog
from .bulk_edit_dialog import BulkEditDialog
from .commands import SetStockOfMany
from .import_dialog import StockImportDialog
from .table import StockTablePanel

SHEET_FILTER = "Stock sheets (*.csv *.txt);;All files (*)"


class StockActions(QObject):
    """Owns the stock table panel (`panel`), `bulkEditAction`, `importStockAction` and
    `exportStockAction`, and the dialogs they open. Messages go to the window's status bar.
    No signals."""

    def __init__(self, document: Document, stack: UndoTarget, window: QMainWindow) -> None:
        super().__init__(window)
        self.document = document
        self.stack = stack
        self.window = window
        self.panel = StockTablePanel(document, stack)
        self.panel.message.connect(self._say)
        self.bulk_dialog = BulkEditDialog(document, stack, window)
        self.import_dialog: StockImportDialog | None = None
        self._folder = str(document.db_path.parent) if document.db_path else ""
        self.dock: QDockWidget | None = None

        self.bulk_edit = QAction("&Bulk edit stock…", self)
        self.bulk_edit.setObjectName("bulkEditAction")
        self.bulk_edit.setShortcut(QKeySequence("Ctrl+B"))
        self.bulk_edit.setToolTip("Change the stock of the selected options at once")
        self.bulk_edit.triggered.connect(self.open_bulk_edit)
        self.import_stock = QAction("&Import stock sheet…", self)
        self.import_stock.setObjectName("importStockAction")
        self.import_stock.setToolTip("Update stock from a CSV sheet keyed by SKU, after a preview")
        self.import_stock.triggered.connect(self.choose_import)
        self.export_stock = QAction("E&xport stock sheet…", self)
        self.export_stock.setObjectName("exportStockAction")
        self.export_stock.setToolTip("Write every option's stock to a CSV sheet")
        self.export_stock.triggered.connect(self.choose_export)
        for action in self.actions:
            button = QToolButton(self.panel)
            button.setDefaultAction(action)
            self.panel.tools.addWidget(button)
        self.panel.tools.addStretch(1)
        selection = self.panel.view.selectionModel()
        selection.selectionChanged.connect(lambda *_args: self._enable())
        document.changed.connect(self._follow)
        self._enable()

    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            self._enable()

    def attach(self, dock: QDockWidget) -> None:
        """The dock holding the panel: `stockTableAction` shows it (and hides it again)."""
        self.dock = dock
        self.show_table = dock.toggleViewAction()
        self.show_table.setObjectName("stockTableAction")
        self.show_table.setText("Stock &table")
        self.show_table.setShortcut(QKeySequence("Ctrl+T"))

    def show_dock(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()

    @property
    def actions(self) -> list[QAction]:
        return [self.bulk_edit, self.import_stock, self.export_stock]

    def _enable(self) -> None:
        opened = self.document.configurator is not None
        self.bulk_edit.setEnabled(opened and self.panel.view.selectionModel().hasSelection())
        self.import_stock.setEnabled(opened)
        self.export_stock.setEnabled(opened)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _configurator(self) -> Configurator | None:
        cfg = self.document.configurator
        return cfg if cfg is not None and cfg.id is not None else None

    # --- bulk edit -----------------------------------------------------------------------
    def open_bulk_edit(self) -> BulkEditDialog | None:
        layers = self.panel.selected_layers()
        if not layers:
            self._say("Select the options to change in the stock table first.")
            return None
        self.bulk_dialog.edit_layers(layers)
        return self.bulk_dialog

    # --- sheets --------------------------------------------------------------------------
    def _dialog(self, name: str, title: str) -> QFileDialog:
        return file_dialog(self.window, name, title, self._folder, SHEET_FILTER)

    def choose_import(self) -> None:
        if self._configurator() is None:
            return
        dialog = self._dialog("importStockFileDialog", "Import stock sheet")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.preview(Path(path)))
        dialog.open()

    def preview(self, path: Path) -> StockImportDialog | None:
        """Show what the sheet would change; nothing is written until Apply."""
        cfg = self._configurator()
        if cfg is None:
            return None
        self._folder = str(path.parent)
        try:
            # A row of a large sheet makes a few short-lived objects each: without the
            # collector, none of them is kept long enough to count towards its full pass.
            with collector_paused():
                plan: SheetPlan | None = read_sheet(read_sheet_file(path), cfg)
            problems = None
        except SheetError as exc:
            plan, problems = None, exc.problems
        dialog = StockImportDialog(path, plan, problems, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applyRequested.connect(lambda chosen: self._apply(dialog, path, chosen))
        dialog.chooseAnotherRequested.connect(self.choose_import)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _apply(self, dialog: StockImportDialog, path: Path, plan: SheetPlan) -> None:
        # All of it with the collector paused, and the plan (an object a change) let go as
        # the dialog closes: what the apply makes is freed as it goes, and nothing is left
        # for the collector to walk, or to bring on a full pass over everything the window
        # holds within the apply.
        with collector_paused():
            changes = plan.by_layer()
            count, applied = len(changes), len(plan.changes)
            text = f"Import stock sheet {path.name} ({count} option{'' if count == 1 else 's'})"
            command = SetStockOfMany(self.document, changes, text)
            del changes
            if not push(self.stack, command):
                dialog.show_problem("The sheet was not applied; see the status bar.")
                return
            dialog.accept()
            dialog.forget_plan()
            if self.import_dialog is dialog:
                self.import_dialog = None
            del plan
            self.show_dock()  # the changes, seen where they were made
        self._say(f"Applied {applied} changes from {path.name}")

    def choose_export(self) -> None:
        cfg = self._configurator()
        if cfg is None:
            return
        dialog = self._dialog("exportStockFileDialog", f"Export stock of “{cfg.name}”")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"{cfg.name} stock.csv".replace("/", "-"))
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()

    def export_to(self, target: Path) -> bool:
        """Write the open configurator's stock sheet; a failure is said, not raised."""
        cfg = self._configurator()
        if cfg is None:
            return False
        self._folder = str(target.parent)
        try:
            write_text_atomically(target, write_sheet(cfg))
        except OSError as exc:
            self._say(f"Cannot export to {target}: {exc.strerror or exc}")
            return False
        self._say(f"Exported the stock of {len(list(cfg.options()))} options to {target}")
        return True
