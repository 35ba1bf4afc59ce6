"""What an edit refused because its target changed elsewhere says (docs/team-database.md): which
field changed, to what, and which change of the user's was not saved. Every such refusal the
window makes is worded here."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from . import texts
from .fields import ConfiguratorField, LayerField

Field = LayerField | ConfiguratorField
# One row's fields: a layer's or a configurator's (a Mapping's keys are invariant).
RowField = TypeVar("RowField", bound=Field)

_LABELS: dict[Field, str] = {
    LayerField.NAME: "name",
    LayerField.REQUIRED: "Required",
    LayerField.MULTIPLE: "Multiple",
    LayerField.PRICE: "price",
    LayerField.SALE_PRICE: "sale price",
    LayerField.IMAGE: "image",
    LayerField.ACTIVE_ON_LOAD: "Active on load",
    LayerField.HIDDEN: "Hidden",
    LayerField.MANAGE_STOCK: "Manage Stock",
    LayerField.SKU: "SKU",
    LayerField.STOCK_QUANTITY: "quantity",
    LayerField.STOCK_STATUS: "stock status",
    LayerField.LOW_STOCK_AMOUNT: "low stock amount",
    LayerField.BACKORDERS: "backorders",
    ConfiguratorField.NAME: "name",
    ConfiguratorField.PRODUCT_NAME: "product name",
    ConfiguratorField.WOOCOMMERCE_ID: "WooCommerce product id",
    ConfiguratorField.BASE_PRICE: "base price",
    ConfiguratorField.CURRENCY: "currency",
    ConfiguratorField.BACKORDERS: "backorders",
    ConfiguratorField.LOW_STOCK_THRESHOLD: "low stock threshold",
    ConfiguratorField.STOCK_DISPLAY: "stock display",
    ConfiguratorField.CURRENCY_POSITION: "currency position",
    ConfiguratorField.THOUSAND_SEPARATOR: "thousand separator",
    ConfiguratorField.DECIMAL_SEPARATOR: "decimal separator",
    ConfiguratorField.PRICE_DECIMALS: "number of decimals",
    ConfiguratorField.PAYMENT: "payment at checkout",
    ConfiguratorField.HOLD_MINUTES: "hold stock minutes",
    ConfiguratorField.NOTIFY_NO_STOCK_AT: "notify when out of stock at",
}


# A layer or option the window still showed was deleted elsewhere before the edit reached it.
LAYER_GONE = "that layer was deleted elsewhere; your change was not saved"
OPTION_GONE = "an option was deleted elsewhere; your change was not saved"


def addon_switched(now: bool, wanted: bool) -> str:
    """The add-on switch refused: it was switched elsewhere (now) since this window read it."""
    return texts.ADDON_CHANGED_ELSEWHERE.format(state=shown(now), new=shown(wanted))


def label(field: Field) -> str:
    return _LABELS[field]


def shown(value: object) -> str:
    """A field's value in a sentence: numbers as they are, text quoted, none as "empty"."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, int | Decimal):
        return str(value)
    return f'"{value}"'


def _shown(field: Field, value: object) -> str:
    """A value of field in a sentence; an option's own backorder setting in the words the
    window shows for it ("Do not allow", "Use the configurator's setting"), not as stored."""
    if field is LayerField.BACKORDERS:
        setting = value.value if isinstance(value, Enum) else value
        return f'"{texts.backorder_words(setting if isinstance(setting, str) else None)}"'
    return shown(value)


def changed_elsewhere(
    name: str,
    attempted: Mapping[RowField, object],
    believed: Mapping[RowField, object],
    fresh: Mapping[RowField, object] | None,
) -> str:
    """The refusal of `attempted` (field → the value the user set) on the row named name.

    believed: what the user's window held for each field when the edit was made; fresh: what
    is stored now (None: the row was deleted). A field the user set that changed elsewhere is
    named first; otherwise the fields that did change.
    """
    if fresh is None:
        return texts.DELETED_ELSEWHERE.format(name=name)
    others = [
        f"{label(f)} is now {_shown(f, fresh[f])}"
        for f in fresh
        if f in believed and fresh[f] != believed[f]
    ]
    what = f" ({', '.join(others)})" if others else ""
    if not attempted:  # a delete or a move: no field of the user's to name
        return texts.CHANGED_ELSEWHERE_WHOLE.format(name=name, what=what)
    field, new = next(iter(attempted.items()))
    for f, value in attempted.items():
        if f in believed and fresh.get(f) != believed[f]:
            return texts.CHANGED_ELSEWHERE.format(
                name=name, field=label(f), fresh=_shown(f, fresh.get(f)), new=_shown(f, value)
            )
    return texts.CHANGED_ELSEWHERE_OTHER.format(
        name=name, what=what, field=label(field), new=_shown(field, new)
    )
