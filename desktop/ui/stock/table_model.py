"""The stock table's model (docs/stock-sheets.md): one row per image layer of the open configurator,
over
the same in-memory objects as the tree and the preview.

Edits push undo commands; the Document's signals come back as dataChanged for the rows that
changed (a bulk edit of 10,000 rows is one dataChanged over the changed range, not a reset).
Structure edits (an option added, removed, moved) re-read the row list. Emits
`editRefused(str)` when a typed value is refused before it becomes an edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ...domain import option_path, rules, stock, texts
from ...domain.change_set import ChangeSet, Inserted, Moved, Removed
from ...domain.fields import LAYER_LABELS, LayerField, get_layer_field
from ...domain.model import Availability, Backorders, Layer, StockStatus
from ...domain.rules import RuleError
from ...domain.stock_sheet import read_backorders
from ..editing.commands import SetLayerFields, UndoTarget, push
from ..editing.document import Document
from ..theme.availability_style import state_icon

Index = QModelIndex | QPersistentModelIndex

OPTION, SKU, MANAGE, QUANTITY, STATUS, LOW, BACKORDERS, SHOWN = range(8)
HEADERS = (
    "Option",
    texts.SKU,
    "Manage",
    "Quantity",
    "Status",
    texts.LOW_STOCK_AMOUNT,
    texts.BACKORDERS,
    "Shoppers see",
)
COLUMN_FIELDS = {
    MANAGE: LayerField.MANAGE_STOCK,
    QUANTITY: LayerField.STOCK_QUANTITY,
    STATUS: LayerField.STOCK_STATUS,
    LOW: LayerField.LOW_STOCK_AMOUNT,
    BACKORDERS: LayerField.BACKORDERS,
    SKU: LayerField.SKU,
}
# An option's own backorder setting as the Backorders column shows it (None: the
# configurator's), and the words a typed or pasted cell may use for each.
BACKORDER_WORDS: dict[Backorders | None, str] = {
    None: texts.BACKORDERS_INHERIT,
    **{setting: texts.backorder_words(setting) for setting in Backorders},
}
LayerRole = Qt.ItemDataRole.UserRole
# A value to sort by (numbers as numbers, empty quantities first).
SortRole = Qt.ItemDataRole.UserRole + 2
# What the table's filters match (see filter_key): the state, one of STATES' keys, first.
FilterRole = Qt.ItemDataRole.UserRole + 3

STATES = {
    "in_stock": "In stock",
    "low": "Low stock",
    "out_of_stock": "Out of stock",
    "backorder": "On backorder",
    "not_managed": "Not managed",
}
_SHOWN_WORDS = {
    Availability.AVAILABLE: "Available (not managed)",
    Availability.IN_STOCK: texts.STATUS_IN_STOCK,
    Availability.OUT_OF_STOCK: texts.NOTICE_OUT_OF_STOCK,
    Availability.BACKORDER: texts.AVAILABILITY_WORDS["backorder"],
}
_STATUS_WORDS = {
    StockStatus.IN_STOCK: texts.STATUS_IN_STOCK,
    StockStatus.OUT_OF_STOCK: texts.STATUS_OUT_OF_STOCK,
}


class StockTableModel(QAbstractTableModel):
    """Rows are the configurator's options in layer order; columns as HEADERS."""

    editRefused = Signal(str)

    def __init__(self, document: Document, stack: UndoTarget, parent: Any = None) -> None:
        super().__init__(parent)
        self.document = document
        self.stack = stack
        self._rows: list[Layer] = []
        self._row_of: dict[Layer, int] = {}
        # Whether the rows follow the document's structure (see follow); stale: they were
        # dropped while not following, and are read again when the table shows.
        self._following = True
        self._stale = False
        d = document
        d.changed.connect(self._follow)
        self.reload()

    # --- rows ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the row list (a configurator opened, an option added, removed or moved)."""
        self.beginResetModel()
        cfg = self.document.configurator
        self._rows = list(cfg.options()) if cfg is not None else []
        self._row_of = {layer: row for row, layer in enumerate(self._rows)}
        self.endResetModel()

    def follow(self, following: bool) -> None:
        """Follow the document's structure only while the table is on screen: with the dock
        closed, opening a configurator of 100,000 options would read every row for nothing.
        Rows dropped meanwhile are read again when it shows."""
        self._following = following
        if following and self._stale:
            self._stale = False
            self.reload()

    def _went_stale(self) -> bool:
        """True when the structure changed while not following: the rows are dropped (a
        cheap reset) instead of followed, until follow(True)."""
        if self._following:
            return False
        if not self._stale:
            self._stale = True
            self.beginResetModel()
            self._rows, self._row_of = [], {}
            self.endResetModel()
        return True

    def _positions(self) -> dict[Layer, int]:
        if len(self._row_of) != len(self._rows):  # rows were added or removed since
            self._row_of = {layer: row for row, layer in enumerate(self._rows)}
        return self._row_of

    def _find(self, layer: Layer) -> int | None:
        """layer's row, without rebuilding the row index after a structure edit (a scan of
        the row list in C costs less than a new index of 100,000 rows)."""
        if len(self._row_of) == len(self._rows):
            return self._row_of.get(layer)
        try:
            return self._rows.index(layer)  # layers compare by identity
        except ValueError:
            return None

    def _run_of(self, layer: Layer) -> list[Layer]:
        return [node for node in layer.walk() if not node.is_group]

    def _remove_run(self, layer: Layer) -> None:
        if self._went_stale():
            return
        run = self._run_of(layer)
        first = self._find(run[0]) if run else None
        if first is None:
            return
        if self._rows[first : first + len(run)] != run:
            self.reload()  # not the run this model holds: read the rows afresh
            return
        self.beginRemoveRows(QModelIndex(), first, first + len(run) - 1)
        del self._rows[first : first + len(run)]
        self._row_of = {}
        self.endRemoveRows()

    def _insert_run(self, layer: Layer) -> None:
        if self._went_stale():
            return
        run = self._run_of(layer)
        if not run:
            return
        first = self._row_after(layer)
        if first is None:
            self.reload()
            return
        self.beginInsertRows(QModelIndex(), first, first + len(run) - 1)
        self._rows[first:first] = run
        self._row_of = {}
        self.endInsertRows()

    def _move_run(self, layer: Layer) -> None:
        self._remove_run(layer)
        self._insert_run(layer)

    def _row_after(self, layer: Layer) -> int | None:
        """The row where layer's options go: after the last option that precedes it in the
        tree (found by walking back through earlier siblings, then up)."""
        cfg = self.document.configurator
        node: Layer | None = layer
        while node is not None and cfg is not None:
            siblings = cfg.children_of(node.parent)
            for earlier in reversed(siblings[: siblings.index(node)]):
                before = self._run_of(earlier)
                if before:
                    row = self._find(before[-1])
                    return None if row is None else row + 1
            node = node.parent
        return 0

    def layer_at(self, index: Index) -> Layer | None:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()]

    def row_of(self, layer: Layer) -> int | None:
        return self._positions().get(layer)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    # --- cells ---------------------------------------------------------------------------
    def state(self, layer: Layer) -> stock.OptionState:
        cfg = self.document.configurator
        assert cfg is not None
        return stock.configurator_state(self.document.addon_active, cfg, layer.stock)

    def state_key(self, layer: Layer) -> str:
        """The row's state for the state filter (the merchant's stock, as if the add-on
        were on: the table is where stock is kept)."""
        cfg = self.document.configurator
        assert cfg is not None
        if not layer.stock.manage:
            return "not_managed"
        state = stock.configurator_state(True, cfg, layer.stock)
        if state.low:
            return "low"
        return state.availability.value

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        layer = self.layer_at(index)
        if layer is None or not 0 <= index.column() < len(HEADERS):
            return None
        column = index.column()
        if role == LayerRole:
            return layer
        if role == FilterRole:
            return filter_key(self.state_key(layer), layer)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(layer, column, role == Qt.ItemDataRole.EditRole)
        if role == SortRole:
            return self._sort_value(layer, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == MANAGE:
            return Qt.CheckState.Checked if layer.stock.manage else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == SHOWN:
            return state_icon(self.state(layer))
        if role == Qt.ItemDataRole.ToolTipRole and column == SHOWN:
            cfg = self.document.configurator
            assert cfg is not None
            return stock.describe(
                self.document.addon_active, layer.stock, cfg.backorders, cfg.low_stock_threshold
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == BACKORDERS:
            # The configurator's setting reads quieter than an option's own choice.
            if layer.stock.backorders is None:
                return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (QUANTITY, LOW):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, layer: Layer, column: int, editing: bool) -> Any:
        s = layer.stock
        if column == OPTION:
            return layer.path
        if column == SKU:
            return s.sku
        if column == MANAGE:
            return None if not editing else s.manage
        if column == QUANTITY:
            return "" if s.quantity is None else (str(s.quantity) if editing else f"{s.quantity}")
        if column == STATUS:
            return _STATUS_WORDS[s.status]
        if column == LOW:
            return "" if s.low_amount is None else str(s.low_amount)
        if column == BACKORDERS:
            return BACKORDER_WORDS[s.backorders]
        if not self.document.addon_active:
            return texts.ADDON_OFF_WORDS  # not "not managed": no stock rule applies at all
        state = self.state(layer)
        words = state.notice or _SHOWN_WORDS[state.availability]
        return f"{words} · {texts.LOW_STOCK.lower()}" if state.low and not state.notice else words

    def _sort_value(self, layer: Layer, column: int) -> Any:
        s = layer.stock
        if column == QUANTITY:
            return -(10**9) if s.quantity is None else s.quantity
        if column == LOW:
            return -1 if s.low_amount is None else s.low_amount
        if column == MANAGE:
            return int(s.manage)
        return str(self._text(layer, column, False)).casefold()

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.layer_at(index) is None or self.document.read_only is not None:
            return base
        column = index.column()
        if column == MANAGE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column in (SKU, QUANTITY, STATUS, LOW, BACKORDERS):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        layer = self.layer_at(index)
        column = index.column()
        if layer is None or layer.id is None or column not in COLUMN_FIELDS:
            return False
        if column == MANAGE:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            new: Any = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        else:
            try:
                new = parse_cell(column, value)
            except RuleError as exc:
                label = HEADERS[column]
                self.editRefused.emit(texts.value_kept(label, exc.problem))
                return False
        field = COLUMN_FIELDS[column]
        if get_layer_field(layer, field) == new:
            return False
        text = f'Set {LAYER_LABELS[field].lower()} of "{layer.name}"'
        return push(self.stack, SetLayerFields(self.document, layer.id, {field: new}, text))

    # --- following the document ----------------------------------------------------------
    def _follow(self, change: ChangeSet) -> None:
        if change.reset is not None:
            if not self._went_stale():
                self.reload()
            return
        # A subtree's options are a run of consecutive rows (rows follow the tree's order), so an
        # added, removed or moved layer changes one run: a reset would re-read every row.
        tree = change.structure
        if isinstance(tree, Inserted):
            self._insert_run(tree.layer)
        elif isinstance(tree, Removed):
            self._remove_run(tree.layer)
        elif isinstance(tree, Moved):
            self._move_run(tree.layer)
        if change.layers:
            self._layers_changed(change.layers)
        if change.stock_context:  # the add-on, or a setting the stock rules read
            self._column_changed(SHOWN)

    def _layers_changed(self, changes: Mapping[Layer, frozenset[LayerField]]) -> None:
        positions = self._positions()
        rows = [r for r in (positions.get(layer) for layer in changes) if r is not None]
        if rows:
            # One signal over the span the edit touched (one row for one option): views
            # repaint what is visible of it.
            last = len(HEADERS) - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last))

    def _column_changed(self, column: int) -> None:
        if self._rows:
            last = self.index(len(self._rows) - 1, column)
            self.dataChanged.emit(self.index(0, column), last)


def filter_key(state: str, layer: Layer) -> str:
    """A row as the filters see it: its state key, then its path and SKU casefolded, one a
    line (the filter box matches either, never the two joined). A path with a "/" inside a
    name, which it writes "\\/", is there as typed too ("Black/White")."""
    path = layer.path
    if "\\" in path:
        path = f"{path}\n{'/'.join(option_path.split(path))}"
    key = f"{state}\n{path.casefold()}\n{layer.stock.sku.casefold()}"
    own = layer.stock.backorders
    # An option's own backorder setting can be found by its words ("do not allow").
    return key if own is None else f"{key}\n{BACKORDER_WORDS[own].casefold()}"


def parse_cell(column: int, value: Any) -> Any:
    """A typed cell as the field's rule stores it; RuleError says why not."""
    text = str(value if value is not None else "").strip()
    if column == SKU:
        return rules.sku(text)
    if column == STATUS:
        lowered = text.casefold()
        for status, words in _STATUS_WORDS.items():
            if lowered in (
                words.casefold(),
                status.value,
                "1" if status is StockStatus.IN_STOCK else "0",
            ):
                return status
        raise RuleError(f'expected "{texts.STATUS_IN_STOCK}" or "{texts.STATUS_OUT_OF_STOCK}"')
    if column == BACKORDERS:
        return backorders_cell(text)
    if not text:
        return None
    number = rules.whole_number(text)  # as a stock sheet reads it (docs/stock-sheets.md)
    return rules.quantity(number) if column == QUANTITY else rules.low_stock_amount(number)


def backorders_cell(text: str) -> Backorders | None:
    """A typed or pasted Backorders cell: the column's own words ("Do not allow"), a setting
    ("no", "notify", "yes"), or a stock sheet's cell ("0", "1", "notify"; blank: the
    configurator's setting)."""
    lowered = text.strip().casefold()
    for setting, words in BACKORDER_WORDS.items():
        if lowered == words.casefold() or (setting is not None and lowered == setting.value):
            return setting
    return read_backorders(text.strip())
