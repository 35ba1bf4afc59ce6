"""A stock sheet's changes shown before they are applied (`stockImportDialog`,
docs/stock-sheets.md): every
change (option, field, old → new), the rows that matched nothing and the columns ignored; or,
for a refused sheet, every bad cell. Apply is one undo step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.sheet_cells import shown_problems
from ...domain.stock_sheet import SheetChange, SheetPlan, cell
from ..theme import palette
from ..theme.palette import Tone

Index = QModelIndex | QPersistentModelIndex
_HEADERS = ("Option", "SKU", "Field", "Old", "New")
SKU_COLUMN = _HEADERS.index("SKU")


class SheetChangesModel(QAbstractTableModel):
    """The plan's changes, one row each (a table model: 10,000 changes cost nothing to list)."""

    def __init__(self, changes: tuple[SheetChange, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self.changes = changes

    def clear(self) -> None:
        self.beginResetModel()
        self.changes = ()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        change = self.changes[index.row()]
        column = index.column()
        if column == 0:
            return change.layer.path
        if column == 1:
            return change.layer.stock.sku
        if column == 2:
            return change.column
        value = change.old if column == 3 else change.new
        return cell(change.field, value) or "(blank)"


class StockImportDialog(QDialog):
    """Shows a SheetPlan (or a refused sheet's problems). Emits applyRequested(SheetPlan)
    when Apply is clicked; the caller pushes the command and closes the dialog. A refused
    sheet offers "Choose another file…", which closes the dialog and emits
    chooseAnotherRequested()."""

    applyRequested = Signal(object)
    chooseAnotherRequested = Signal()

    def __init__(
        self,
        path: Path,
        plan: SheetPlan | None,
        problems: list[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stockImportDialog")
        self.setWindowTitle(f"Import stock sheet — {path.name}")
        self.plan = plan
        self.summary = QLabel(self)
        self.summary.setObjectName("stockImportSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.changes_view = QTableView(self)
        self.changes_view.setObjectName("stockImportChanges")
        self.changes_view.verticalHeader().hide()
        self.changes_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.changes_view.horizontalHeader().setStretchLastSection(True)
        self.changes_model = SheetChangesModel(plan.changes if plan else (), self)
        self.changes_view.setModel(self.changes_model)
        self.changes_view.setColumnWidth(0, 260)
        # One line per change: a SKU broken at its hyphen ("CASE-YELLOW-" / "METALLIC") reads
        # as two codes. The SKU column takes the width of the SKUs on screen.
        self.changes_view.setWordWrap(False)
        self.changes_view.resizeColumnToContents(SKU_COLUMN)
        self.notes = QPlainTextEdit(self)  # plain text: it quotes SKUs and names from the file
        self.notes.setObjectName("stockImportNotes")
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(140)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.setObjectName("stockImportApplyButton")
        self.apply_button.clicked.connect(self._apply)
        self.choose_button = self.buttons.addButton(
            "Choose another file…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.choose_button.setObjectName("stockImportChooseAnotherButton")
        self.choose_button.clicked.connect(self._choose_another)
        self.choose_button.hide()  # offered when the sheet is refused
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes_view, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        if plan is None:
            self._show_refusal(problems or [])
        else:
            self._show_plan(plan)

    def _show_plan(self, plan: SheetPlan) -> None:
        options = plan.options
        self.summary.setText(
            f"{_n(len(plan.changes), 'change')} to {_n(options, 'option')}, "
            f"{_n(plan.unchanged, 'row')} unchanged, {len(plan.not_found)} not found. "
            "Nothing is written until Apply."
        )
        lines = [row.text() for row in plan.not_found]
        if plan.ignored_columns:
            lines.append(f"Ignored columns: {', '.join(plan.ignored_columns)}")
        self.notes.setPlainText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        self.apply_button.setEnabled(bool(plan.changes))

    def _show_refusal(self, problems: list[str]) -> None:
        self.summary.setText(
            f"The sheet was refused: {_n(len(problems), 'problem')}. Nothing will be written; "
            "fix the cells below and import it again."
        )
        self.summary.setStyleSheet(palette.text_style(Tone.ERROR))
        self.changes_view.hide()
        # The first problems and a count of the rest (docs/stock-sheets.md): a sheet of
        # 100,000 bad cells is told in 21 lines, not a list nobody reads to the end.
        self.notes.setPlainText("\n".join(shown_problems(problems)))
        self.notes.setMaximumHeight(16_777_215)
        self.apply_button.setEnabled(False)
        self.apply_button.hide()  # nothing to apply; the way on is another file
        self.choose_button.show()
        self.choose_button.setDefault(True)

    def _choose_another(self) -> None:
        self.reject()
        self.chooseAnotherRequested.emit()

    def _apply(self) -> None:
        if self.plan is not None and self.plan.changes:
            self.applyRequested.emit(self.plan)

    def forget_plan(self) -> None:
        """Let go of the plan once it is applied (the dialog is closing)."""
        self.plan = None
        self.changes_model.clear()

    def show_problem(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(palette.text_style(Tone.ERROR))


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
