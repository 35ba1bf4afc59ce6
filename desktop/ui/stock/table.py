"""The stock table dock's contents (docs/stock-sheets.md): filters, the `stockTable` view,
spreadsheet-style
editing (type to edit, Enter moves down, paste a column of numbers into the quantities).

Signals:
    layerSelected(object)   the Layer of the row made current (the window selects it in the tree)
    message(str)            a refused paste or value, for the status bar
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import texts
from ...domain.fields import LayerField, get_layer_field
from ...domain.model import Layer
from ...domain.rules import RuleError
from ..editing.commands import UndoTarget, push
from ..editing.document import Document
from ..widgets import accessibility
from .commands import SetStockOfMany
from .table_model import (
    BACKORDER_WORDS,
    BACKORDERS,
    HEADERS,
    LOW,
    OPTION,
    QUANTITY,
    SHOWN,
    SKU,
    STATES,
    STATUS,
    FilterRole,
    LayerRole,
    SortRole,
    StockTableModel,
    parse_cell,
)

Index = QModelIndex | QPersistentModelIndex
_WIDTHS = {OPTION: 240, SKU: 190, QUANTITY: 80, LOW: 140, BACKORDERS: 200, SHOWN: 220}
# The cells edited with a choice, and what each offers.
_CHOICES = {
    STATUS: ("stockStatusEditor", (texts.STATUS_IN_STOCK, texts.STATUS_OUT_OF_STOCK)),
    BACKORDERS: ("stockBackordersEditor", tuple(BACKORDER_WORDS.values())),
}
# What a paste fills: the column of the current cell where it takes a column of values (one
# value a line), else the quantities.
_PASTED = {
    QUANTITY: (LayerField.STOCK_QUANTITY, "quantities"),
    BACKORDERS: (LayerField.BACKORDERS, "backorders"),
}


class StockFilter(QSortFilterProxyModel):
    """Rows whose option path or SKU holds the text, in the chosen state ('' for all).

    Qt's own filter over each row's FilterRole key (its state, path and SKU) does the
    matching: with no filter set it lets every row through without a call into Python,
    where a filterAcceptsRow of our own was called for each of 100,000 rows whenever a
    configurator opened (twice the time of reading the rows)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._state = ""
        self.setSortRole(SortRole)
        self.setFilterRole(FilterRole)
        self.setFilterKeyColumn(OPTION)

    def set_text(self, text: str) -> None:
        self._refilter(text.strip().casefold(), self._state)

    def set_state(self, state: str) -> None:
        self._refilter(self._text, state)

    def _refilter(self, text: str, state: str) -> None:
        self._text, self._state = text, state
        self.setFilterRegularExpression(key_pattern(text, state))


def key_pattern(text: str, state: str) -> QRegularExpression:
    """What a row's filter key (see stock_table_model.filter_key) must match: the state
    first, then the text in the path or the SKU after it; '' and '' match every row."""
    if not text and not state:
        return QRegularExpression()
    if "\n" in text:  # no path or SKU holds a line break; the key's lines must not join
        return QRegularExpression("(?!)")
    head = QRegularExpression.escape(state) if state else "[^\n]*"
    tail = f"\n.*{QRegularExpression.escape(text)}" if text else "\n"
    return QRegularExpression(
        f"^{head}{tail}", QRegularExpression.PatternOption.DotMatchesEverythingOption
    )


class _EnterMovesDown(QStyledItemDelegate):
    """Enter in a cell editor commits and moves to the cell below, as in a spreadsheet; the
    Status and Backorders cells are edited with a choice of their values."""

    enterPressed = Signal()

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        choice = _CHOICES.get(index.column())
        if choice is None:
            return super().createEditor(parent, option, index)
        name, items = choice
        combo = QComboBox(parent)
        combo.setObjectName(name)
        combo.addItems(list(items))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if not enter:
            return super().eventFilter(editor, event)
        if isinstance(editor, QWidget):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.enterPressed.emit()
        return True


class StockTableView(QTableView):
    """The table: Enter moves down, Ctrl+V pastes a column of values (see the panel's paste)."""

    pasted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stockTable")
        accessibility.name(self, "Stock table")
        delegate = _EnterMovesDown(self)
        delegate.enterPressed.connect(self.move_down)
        self.setItemDelegate(delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vertical.hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # layer order until asked
        self.setSortingEnabled(True)

    def move_down(self) -> None:
        current = self.currentIndex()
        below = current.siblingAtRow(current.row() + 1)
        if below.isValid():
            self.setCurrentIndex(below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.pasted.emit(QGuiApplication.clipboard().text())
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            self.move_down()
            return
        super().keyPressEvent(event)


class StockTablePanel(QWidget):
    """Filters over the stock table. See the module docstring for its signals."""

    layerSelected = Signal(object)
    message = Signal(str)

    def __init__(self, document: Document, stack: UndoTarget, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self.model = StockTableModel(document, stack, self)
        self.proxy = StockFilter(self)
        self.proxy.setSourceModel(self.model)
        self._syncing = False

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("stockFilterEdit")
        accessibility.name(self.filter_edit, "Filter stock by option or SKU")
        self.filter_edit.setPlaceholderText("Filter by option or SKU")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stockStateFilter")
        accessibility.name(self.state_combo, "Show options in stock state")
        self.state_combo.addItem("All states", "")
        for key, words in STATES.items():
            self.state_combo.addItem(words, key)
        self.state_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_state(self.state_combo.currentData())
        )
        self.view = StockTableView()
        self.view.setModel(self.proxy)
        for column, width in _WIDTHS.items():
            self.view.setColumnWidth(column, width)
        self.view.pasted.connect(self.paste)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.editRefused.connect(self.message)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.state_combo)
        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.tools)

    # --- selection -----------------------------------------------------------------------
    def selected_layers(self) -> list[Layer]:
        """The options of the selected rows (any selected cell selects its row), in the
        order the table shows them."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})
        layers = [self.proxy.index(row, 0).data(LayerRole) for row in rows]
        return [layer for layer in layers if isinstance(layer, Layer)]

    def select_layer(self, layer: Layer | None) -> None:
        """Make layer's row current (the tree selected it); nothing for groups."""
        if layer is None or self._syncing:
            return
        row = self.model.row_of(layer)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, OPTION))
        if not index.isValid():
            return
        self._syncing = True
        try:
            self.view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)
        finally:
            self._syncing = False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        layer = current.data(LayerRole)
        if isinstance(layer, Layer) and not self._syncing:
            self._syncing = True
            try:
                self.layerSelected.emit(layer)
            finally:
                self._syncing = False

    # --- paste -----------------------------------------------------------------------------
    def paste(self, text: str) -> bool:
        """A column of values (one per line, as a spreadsheet copies it) into the selected
        rows: numbers into the Quantity, or, with the current cell in the Backorders column,
        backorder settings (its words, or a stock sheet's 0, 1, notify). One value fills them
        all, several fill them in order; with one row selected they fill it and the rows
        below. One undo step."""
        values = [line.split("\t")[0] for line in text.replace("\r\n", "\n").split("\n")]
        if values and values[-1] == "":
            values.pop()  # the line break after the last cell
        if not values:
            return False
        column = self.view.currentIndex().column()
        if column not in _PASTED:
            column = QUANTITY
        field, what = _PASTED[column]
        try:
            numbers = [parse_cell(column, value) for value in values]
        except RuleError as exc:
            self.message.emit(f"Paste: {exc.problem}; nothing was changed.")
            return False
        layers = self.selected_layers()
        current = self.view.currentIndex()
        if len(layers) <= 1 and current.isValid():
            rows = range(current.row(), min(current.row() + len(numbers), self.proxy.rowCount()))
            layers = [self.proxy.index(row, 0).data(LayerRole) for row in rows]
        if not layers:
            return False
        if len(numbers) == 1:
            numbers = numbers * len(layers)
        elif len(numbers) != len(layers):
            self.message.emit(
                f"Paste: {len(numbers)} values for {len(layers)} selected rows; select as many "
                "rows as there are values, or one row to fill from it down."
            )
            return False
        changes = {
            layer: {field: number}
            for layer, number in zip(layers, numbers, strict=True)
            if get_layer_field(layer, field) != number
        }
        if not changes:
            return False
        count = len(changes)
        text = f"Paste {what} into {count} option{'' if count == 1 else 's'}"
        return push(self.stack, SetStockOfMany(self.document, changes, text))

    def headers(self) -> tuple[str, ...]:
        return HEADERS

    def column_data(self, column: int) -> list[Any]:
        """The shown texts of a column, in the table's order (for tests and the README)."""
        return [self.proxy.index(row, column).data() for row in range(self.proxy.rowCount())]
