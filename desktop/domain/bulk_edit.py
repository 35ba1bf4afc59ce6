"""Bulk stock edits (docs/stock-sheets.md): set quantity, add or subtract N, set status, set Manage
Stock,
set low stock amount on many options at once. Only the fields the merchant chose change; the
values pass the same field rules as every other write."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import rules
from .fields import LAYER_LABELS, FieldError, LayerField, get_layer_field
from .model import Backorders, Layer, StockStatus
from .rules import RuleError


@dataclass(frozen=True, slots=True)
class BulkEdit:
    """What to change; None leaves a field as it is. `quantity_by` adds (or, negative,
    subtracts) to each quantity; an option without one counts from 0. `clear_low_amount`
    empties the low stock amount (the configurator's threshold applies again).
    `set_backorders` sets each option's own backorder setting to `backorders` (None: back to
    the configurator's, docs/stock-rules.md)."""

    quantity: int | None = None
    quantity_by: int | None = None
    clear_quantity: bool = False
    status: StockStatus | None = None
    manage: bool | None = None
    low_amount: int | None = None
    clear_low_amount: bool = False
    set_backorders: bool = False
    backorders: Backorders | None = None

    @property
    def empty(self) -> bool:
        return self == BulkEdit()


def plan(layers: Iterable[Layer], edit: BulkEdit) -> dict[Layer, dict[LayerField, Any]]:
    """Each option's fields that the edit changes (options it leaves as they are are left out).
    FieldError names the first value the rules refuse, e.g. a quantity pushed out of range."""
    changes: dict[Layer, dict[LayerField, Any]] = {}
    for layer in layers:
        if layer.is_group:
            continue
        wanted: dict[LayerField, Any] = {}
        if edit.manage is not None:
            wanted[LayerField.MANAGE_STOCK] = edit.manage
        if edit.clear_quantity:
            wanted[LayerField.STOCK_QUANTITY] = None
        elif edit.quantity is not None:
            wanted[LayerField.STOCK_QUANTITY] = _checked(LayerField.STOCK_QUANTITY, edit.quantity)
        elif edit.quantity_by is not None:
            new = (layer.stock.quantity or 0) + edit.quantity_by
            wanted[LayerField.STOCK_QUANTITY] = _checked(LayerField.STOCK_QUANTITY, new, layer)
        if edit.status is not None:
            wanted[LayerField.STOCK_STATUS] = edit.status
        if edit.clear_low_amount:
            wanted[LayerField.LOW_STOCK_AMOUNT] = None
        elif edit.low_amount is not None:
            wanted[LayerField.LOW_STOCK_AMOUNT] = _checked(
                LayerField.LOW_STOCK_AMOUNT, edit.low_amount
            )
        if edit.set_backorders:
            wanted[LayerField.BACKORDERS] = edit.backorders
        changed = {f: v for f, v in wanted.items() if get_layer_field(layer, f) != v}
        if changed:
            changes[layer] = changed
    return changes


def _checked(field: LayerField, value: int, layer: Layer | None = None) -> Any:
    rule = rules.quantity if field is LayerField.STOCK_QUANTITY else rules.low_stock_amount
    try:
        return rule(value)
    except RuleError as exc:
        where = f' of "{layer.path}" would be {value}:' if layer is not None else ""
        raise FieldError(field, f"{where} {exc.problem}".strip()) from None


def describe(edit: BulkEdit, count: int) -> str:
    """The undo step's name: what the edit did, e.g. 'Set quantity of 12 options'."""
    options = f"{count} option{'' if count == 1 else 's'}"
    parts: list[str] = []
    if edit.clear_quantity:
        parts.append("clear quantity")
    elif edit.quantity is not None:
        parts.append("set quantity")
    elif edit.quantity_by is not None:
        by = edit.quantity_by
        parts.append(f"add {by} to quantity" if by >= 0 else f"subtract {-by} from quantity")
    if edit.status is not None:
        parts.append("set status")
    if edit.manage is not None:
        label = LAYER_LABELS[LayerField.MANAGE_STOCK]
        parts.append(f"turn {'on' if edit.manage else 'off'} {label}")
    if edit.clear_low_amount:
        parts.append("clear low stock amount")
    elif edit.low_amount is not None:
        parts.append("set low stock amount")
    if edit.set_backorders:
        parts.append("set backorders")
    if not parts:
        return f"Change nothing of {options}"
    text = ", ".join(parts)
    return f"{text[0].upper()}{text[1:]} of {options}"
