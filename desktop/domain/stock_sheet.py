"""Stock sheets (docs/stock-sheets.md): a configurator's stock as CSV in WooCommerce's column names,
and a
sheet read back as the changes it would make.

Pure Python over the standard library's `csv`. `write_sheet` exports; `read_sheet` parses a
sheet against a configurator and returns a `SheetPlan` (every change, the rows that matched
nothing, the columns it ignored) without touching anything, or raises `SheetError` listing
every bad cell as `line <n>, <column>: <why>`. Values pass the same field rules as every
other write path; text cells are written and read as `sheet_cells` says, option paths as
`option_path` spells them (docs/stock-sheets.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import rules
from .fields import LayerField, get_layer_field
from .model import Backorders, Configurator, Layer, StockStatus
from .rules import RuleError
from .sheet_cells import escape, shown_problems, unescape

# WooCommerce's column names where the concept is the same (docs/stock-sheets.md).
SKU = "SKU"
NAME = "Name"
MANAGE = "Manage stock?"
STOCK = "Stock"
IN_STOCK = "In stock?"
LOW = "Low stock amount"
BACKORDERS = "Backorders allowed?"
COLUMNS = (SKU, NAME, MANAGE, STOCK, IN_STOCK, LOW, BACKORDERS)

# The layer field each value column sets, and how the column is named in messages.
COLUMN_FIELDS: dict[str, LayerField] = {
    MANAGE: LayerField.MANAGE_STOCK,
    STOCK: LayerField.STOCK_QUANTITY,
    IN_STOCK: LayerField.STOCK_STATUS,
    LOW: LayerField.LOW_STOCK_AMOUNT,
    BACKORDERS: LayerField.BACKORDERS,
}
FIELD_COLUMNS = {f: c for c, f in COLUMN_FIELDS.items()}

_SEPARATORS = (",", ";", "\t")
_TRUE = frozenset({"1", "yes", "true", "y"})
_FALSE = frozenset({"0", "no", "false", "n"})
# Multi-line descriptions of a whole WooCommerce product export exceed csv's 128 KiB default.
_FIELD_LIMIT = 16 * 2**20


class SheetError(ValueError):
    """A sheet refused as a whole; `problems` lists each bad cell (`line 3, Stock: …`), and
    `shown` the first of them with a count of the rest (its text joins those)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.shown = shown_problems(problems)
        super().__init__("; ".join(self.shown))


@dataclass(frozen=True, slots=True)
class SheetChange:
    """One field of one option the sheet changes."""

    layer: Layer
    field: LayerField
    old: Any
    new: Any

    @property
    def column(self) -> str:
        return FIELD_COLUMNS[self.field]

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.layer.path,
            "sku": self.layer.stock.sku,
            "field": self.field.value,
            "old": _json_value(self.old),
            "new": _json_value(self.new),
        }

    def text(self) -> str:
        """`Grip Color/Metallic Red [R]: Stock 2 → 7`."""
        sku = f" [{self.layer.stock.sku}]" if self.layer.stock.sku else ""
        old, new = cell(self.field, self.old) or "blank", cell(self.field, self.new) or "blank"
        return f"{self.layer.path}{sku}: {self.column} {old} → {new}"


@dataclass(frozen=True, slots=True)
class NotFound:
    """A row whose SKU (or, without one, Name) matches no option: skipped."""

    line: int
    sku: str
    name: str

    def as_json(self) -> dict[str, Any]:
        return {"line": self.line, "sku": self.sku, "name": self.name}

    def text(self) -> str:
        key = f'SKU "{self.sku}"' if self.sku else f'Name "{self.name}"'
        return f"line {self.line}: {key} matches no option; skipped"


@dataclass(frozen=True, slots=True)
class SheetPlan:
    """What importing a sheet would do."""

    changes: tuple[SheetChange, ...]
    unchanged: int  # matched rows that change nothing
    not_found: tuple[NotFound, ...]
    ignored_columns: tuple[str, ...] = ()
    rows: int = 0  # data rows read (blank rows not counted)

    @property
    def options(self) -> int:
        """How many options the changes are to."""
        return len({change.layer for change in self.changes})

    def by_layer(self) -> dict[Layer, dict[LayerField, Any]]:
        grouped: dict[Layer, dict[LayerField, Any]] = {}
        for change in self.changes:
            grouped.setdefault(change.layer, {})[change.field] = change.new
        return grouped

    def as_json(self) -> dict[str, Any]:
        return {
            "changes": [c.as_json() for c in self.changes],
            "unchanged": self.unchanged,
            "not_found": [n.as_json() for n in self.not_found],
            "ignored_columns": list(self.ignored_columns),
        }


def _json_value(value: Any) -> Any:
    return value.value if isinstance(value, StockStatus | Backorders) else value


# --- export -------------------------------------------------------------------------------------
def cell(field: LayerField, value: Any) -> str:
    """A field's value as the sheet writes it."""
    if field is LayerField.MANAGE_STOCK:
        return "1" if value else "0"
    if field is LayerField.STOCK_STATUS:
        return "1" if value is StockStatus.IN_STOCK else "0"
    if field is LayerField.BACKORDERS:
        return "" if value is None else _BACKORDER_CELLS[value]
    return "" if value is None else str(value)


def write_sheet(cfg: Configurator) -> str:
    """Every option of the configurator as a stock sheet (header row, comma separated); its
    text cells (SKU, Name) escaped where a spreadsheet would run them as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    # The flags' cells, made once: a call per cell is a fifth of a 100,000-row sheet's time.
    manage = {value: cell(LayerField.MANAGE_STOCK, value) for value in (False, True)}
    status = {value: cell(LayerField.STOCK_STATUS, value) for value in StockStatus}
    backorders = {value: cell(LayerField.BACKORDERS, value) for value in (None, *Backorders)}
    quantity, low = LayerField.STOCK_QUANTITY, LayerField.LOW_STOCK_AMOUNT
    writer.writerows(
        (
            escape(stock.sku),
            escape(path),
            manage[stock.manage],
            cell(quantity, stock.quantity),
            status[stock.status],
            cell(low, stock.low_amount),
            backorders[stock.backorders],
        )
        for stock, path in ((layer.stock, path) for layer, path in cfg.option_paths())
    )
    return out.getvalue()


# --- import -------------------------------------------------------------------------------------
def separator(text: str) -> str:
    """The sheet's separator: whichever of `,` `;` tab its header row holds most of."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])  # ties go to the comma (first)
    return best if counts[best] else ","


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, its cells); quoted cells may span lines."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text), strict=True)
    line = 1
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SheetError(
            [f"line {reader.line_num or line}: not a readable CSV row ({exc})"]
        ) from None


@dataclass
class _Header:
    """Where each known column sits, and the columns the sheet has that we do not know."""

    at: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    @property
    def value_columns(self) -> list[tuple[str, int]]:
        """The value columns the sheet has, in the order their cells are read, with where."""
        return [
            (column, self.at[column])
            for column in (MANAGE, STOCK, IN_STOCK, LOW, BACKORDERS)
            if column in self.at
        ]


def _header(cells: list[str]) -> _Header:
    known = {name.lower(): name for name in COLUMNS}
    header = _Header()
    problems: list[str] = []
    for i, raw in enumerate(cells):
        name = known.get(raw.strip().lower())
        if name is None:
            if raw.strip():
                header.ignored.append(raw.strip())
        elif name in header.at:
            problems.append(f"line 1, {name}: the column appears twice")
        else:
            header.at[name] = i
    if SKU not in header.at and NAME not in header.at:
        problems.append(f'line 1: no "{SKU}" or "{NAME}" column to match options by')
    if problems:
        raise SheetError(problems)
    return header


def _flag(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise RuleError("expected 1 (yes) or 0 (no)")


def _status(text: str) -> StockStatus | None:
    """`In stock?`: 1 In Stock, 0 Out of Stock; WooCommerce's `backorder` is a status our
    rules derive (from the quantity and the backorder setting), so it changes nothing."""
    lowered = text.lower()
    if lowered == "backorder":
        return None
    if lowered in _TRUE:
        return StockStatus.IN_STOCK
    if lowered in _FALSE:
        return StockStatus.OUT_OF_STOCK
    raise RuleError("expected 1 (In Stock), 0 (Out of Stock) or backorder")


# `Backorders allowed?` as WooCommerce writes it: 1 allow, 0 do not allow, notify; a blank cell
# is the configurator's setting (docs/stock-sheets.md).
_BACKORDER_CELLS: dict[Backorders, str] = {
    Backorders.NO: "0",
    Backorders.YES: "1",
    Backorders.NOTIFY: "notify",
}


def read_backorders(text: str) -> Backorders | None:
    """`Backorders allowed?`: 1 (also yes, true) Allow, 0 (no, false) Do not allow, notify
    Allow but notify customer; blank: the configurator's setting."""
    lowered = text.lower()
    if not lowered:
        return None
    if lowered == "notify":
        return Backorders.NOTIFY
    if lowered in _TRUE:
        return Backorders.YES
    if lowered in _FALSE:
        return Backorders.NO
    raise RuleError("expected 1 (allow), 0 (do not allow), notify, or blank (the configurator's)")


def _whole(text: str, rule: Any) -> Any:
    return rule(rules.whole_number(text))


def _values(
    row: list[str], columns: list[tuple[str, int]], manage_column: bool
) -> dict[LayerField, Any]:
    """The fields the row sets, by the rules; _CellErrors names every bad cell by column.
    columns: the sheet's value columns (`_Header.value_columns`); manage_column: whether it
    has `Manage stock?`. A blank `Manage stock?` or `In stock?` cell leaves that field as it is."""
    bad: list[_CellError] = []
    values: dict[LayerField, Any] = {}
    size = len(row)
    for column, i in columns:
        text = unescape(row[i].strip()) if i < size else ""
        try:
            if column == MANAGE:
                if text:
                    values[LayerField.MANAGE_STOCK] = _flag(text)
            elif column == STOCK:
                quantity = _whole(text, rules.quantity) if text else None
                if not manage_column:
                    # WooCommerce's reading: a number means managed, a blank cell not managed.
                    values[LayerField.MANAGE_STOCK] = quantity is not None
                    if quantity is not None:
                        values[LayerField.STOCK_QUANTITY] = quantity
                else:
                    values[LayerField.STOCK_QUANTITY] = quantity
            elif column == IN_STOCK:
                status = _status(text) if text else None
                if status is not None:
                    values[LayerField.STOCK_STATUS] = status
            elif column == LOW:
                values[LayerField.LOW_STOCK_AMOUNT] = (
                    _whole(text, rules.low_stock_amount) if text else None
                )
            else:
                values[LayerField.BACKORDERS] = read_backorders(text)
        except RuleError as exc:
            bad.append(_CellError(column, exc.problem))
    if bad:
        raise _CellErrors(bad)
    return values


class _CellError(ValueError):
    def __init__(self, column: str, problem: str) -> None:
        super().__init__(problem)
        self.column = column
        self.problem = problem


class _CellErrors(ValueError):
    """Every bad cell of one row."""

    def __init__(self, cells: list[_CellError]) -> None:
        super().__init__("; ".join(str(c) for c in cells))
        self.cells = cells


def read_sheet(text: str, cfg: Configurator) -> SheetPlan:
    """What the sheet would change in cfg; SheetError lists every bad cell (nothing is
    changed either way: the caller applies the plan)."""
    rows = _rows(text.removeprefix("\ufeff"))
    first = next(rows, None)
    if first is None:
        raise SheetError(["line 1: the sheet is empty (expected a header row)"])
    header = _header(first[1])
    by_sku: dict[str, Layer] = {}
    by_path: dict[str, Layer | None] = {}
    for o, path in cfg.option_paths():
        if o.stock.sku:
            by_sku[o.stock.sku] = o
        by_path[path] = None if path in by_path else o  # None: two options share the path
    columns, manage_column = header.value_columns, MANAGE in header.at
    sku_at, name_at = header.at.get(SKU), header.at.get(NAME)
    problems: list[str] = []
    changes: list[SheetChange] = []
    not_found: list[NotFound] = []
    seen: dict[Layer, int] = {}
    unchanged = count = 0
    for line, row in rows:
        if not "".join(row).strip():
            continue  # spreadsheets leave blank rows at the end
        count += 1
        sku_cell = _cell(row, sku_at)
        name_cell = _cell(row, name_at)
        cells: list[_CellError] = []
        layer = values = None
        try:
            layer = _match(cfg, by_sku, by_path, sku_cell, name_cell)
        except _CellError as exc:
            cells.append(exc)
        try:
            values = _values(row, columns, manage_column)
        except _CellErrors as exc:
            cells += exc.cells
        if cells or values is None:
            problems += [f"line {line}, {c.column}: {c.problem}" for c in cells]
            continue
        if layer is None:
            not_found.append(NotFound(line, sku_cell, name_cell))
            continue
        if layer in seen:
            key = f'SKU "{sku_cell}"' if sku_cell else f'"{layer.path}"'
            column = SKU if sku_cell else NAME
            problems.append(f"line {line}, {column}: {key} is already on line {seen[layer]}")
            continue
        seen[layer] = line
        row_changes = [
            SheetChange(layer, f, old, new)
            for f, new in values.items()
            if (old := get_layer_field(layer, f)) != new
        ]
        changes += row_changes
        unchanged += not row_changes
    if problems:
        raise SheetError(problems)
    return SheetPlan(tuple(changes), unchanged, tuple(not_found), tuple(header.ignored), count)


def _cell(row: list[str], i: int | None) -> str:
    return unescape(row[i].strip()) if i is not None and i < len(row) else ""


def _match(
    cfg: Configurator,
    by_sku: dict[str, Layer],
    by_path: dict[str, Layer | None],
    sku: str,
    name: str,
) -> Layer | None:
    """The option a row is about: by SKU, or by Name (its path, as `option_path` spells it)
    when the SKU cell is blank."""
    if sku:
        try:
            key = rules.sku(sku)
        except RuleError as exc:
            raise _CellError(SKU, exc.problem) from None
        return by_sku.get(key)
    if not name:
        return None
    if by_path.get(name) is not None:
        return by_path[name]
    # Not one option's own path: a plain "/" inside a name may still make it name one, or two.
    found = [layer for layer in cfg.find_paths(name) if not layer.is_group]
    if len(found) > 1:
        spelled = " or ".join(f'"{layer.path}"' for layer in found)
        problem = f'"{name}" names {len(found)} options; write {spelled}, or give each its SKU'
        raise _CellError(NAME, problem)
    return found[0] if found else None
