"""What the status bar says after an edit, its undo and its redo (docs/editing.md), e.g.
"Saved: Metallic Red quantity 2 → 5" — the option, the field, the value before and after."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from ...domain import texts
from ...domain.fields import CONFIGURATOR_LABELS, ConfiguratorField, LayerField
from ...domain.model import StockStatus
from ...domain.money import money_str

SAVED = "Saved"
UNDONE = "Undone"
REDONE = "Redone"

# How each field is named in undo texts ("Change price of "Metallic Red"").
FIELD_WORDS: dict[LayerField, str] = {
    LayerField.NAME: "name",
    LayerField.PRICE: "price",
    LayerField.SALE_PRICE: "sale price",
    LayerField.IMAGE: "image",
    LayerField.ACTIVE_ON_LOAD: "default choice",
    LayerField.HIDDEN: "hidden",
    LayerField.REQUIRED: "required",
    LayerField.MULTIPLE: "multiple selection",
    LayerField.MANAGE_STOCK: "Manage Stock",
    LayerField.SKU: "SKU",
    LayerField.STOCK_QUANTITY: "stock quantity",
    LayerField.STOCK_STATUS: "stock status",
    LayerField.LOW_STOCK_AMOUNT: "low stock amount",
    LayerField.BACKORDERS: "backorders",
}
# ...and in the status bar's change lines, where the option's name comes first.
_CHANGE_WORDS = {
    **FIELD_WORDS,
    LayerField.STOCK_QUANTITY: "quantity",
    LayerField.STOCK_STATUS: "status",
}
_STATUS_WORDS = {
    StockStatus.IN_STOCK: texts.STATUS_IN_STOCK,
    StockStatus.OUT_OF_STOCK: texts.STATUS_OUT_OF_STOCK,
}
_EMPTY: dict[Enum, str] = {
    LayerField.STOCK_QUANTITY: "not tracked",
    LayerField.LOW_STOCK_AMOUNT: "the configurator's threshold",
    LayerField.SALE_PRICE: "no sale",
    LayerField.BACKORDERS: "the configurator's setting",
}


def shown(field: Enum, value: Any) -> str:
    """A field's value as the status bar says it."""
    if value is None or value == "":
        return _EMPTY.get(field, "none")
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, Decimal):
        return money_str(value)
    if isinstance(value, StockStatus):
        return _STATUS_WORDS[value]
    if field is LayerField.BACKORDERS:  # an option's own setting, in WooCommerce's words
        return texts.backorder_words(value)
    if isinstance(value, str) and not isinstance(value, Enum):
        return f'"{value}"'
    return str(value.value if isinstance(value, Enum) else value)


def layer_change(name: str, old: Mapping[LayerField, Any], new: Mapping[LayerField, Any]) -> str:
    """'Metallic Red quantity 2 → 5' (several fields: joined with commas)."""
    if set(new) == {LayerField.NAME}:
        return f'"{old[LayerField.NAME]}" renamed to "{new[LayerField.NAME]}"'
    parts = [f"{_CHANGE_WORDS[f]} {shown(f, old.get(f))} → {shown(f, v)}" for f, v in new.items()]
    return f"{name} {', '.join(parts)}"


def configurator_change(
    old: Mapping[ConfiguratorField, Any], new: Mapping[ConfiguratorField, Any]
) -> str:
    """'"Controller" renamed to "Gamepad"', or 'Global Settings: base price 49.00 → 52.00'."""
    if set(new) == {ConfiguratorField.NAME}:
        before, after = old[ConfiguratorField.NAME], new[ConfiguratorField.NAME]
        return f'configurator "{before}" renamed to "{after}"'
    parts = [
        f"{CONFIGURATOR_LABELS[f].lower()} {shown(f, old.get(f))} → {shown(f, v)}"
        for f, v in new.items()
    ]
    return f"{texts.GLOBAL_SETTINGS}: {', '.join(parts)}"
