"""docs/stock-rules.md's stock rules, in one place. Every screen, the CLI and the tests call these.

`option_state` is the table; `purchasable_units` and `backordered_units` are the quantity rules.
`used` is what a storefront simulation has already sold of the option: the effective quantity is
the stored one less `used`, so the merchant's edits and the simulation's orders combine.

A `backorders` argument beside an option's `stock` is the configurator's setting; the option's
own setting, where it has one, wins over it (`option_backorders`, docs/stock-rules.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import texts
from .model import (
    DEFAULT_LOW_STOCK_THRESHOLD,
    Availability,
    Backorders,
    Configurator,
    Layer,
    Stock,
    StockDisplay,
    StockStatus,
)


@dataclass(frozen=True, slots=True)
class OptionState:
    """What a shopper sees of one option; `low` marks an in-stock option whose quantity is
    at or below its low-stock threshold (docs/stock-rules.md "Low stock")."""

    availability: Availability
    selectable: bool
    notice: str
    low: bool = False


_AVAILABLE = OptionState(Availability.AVAILABLE, True, "")
_IN_STOCK = OptionState(Availability.IN_STOCK, True, "")
_OUT = OptionState(Availability.OUT_OF_STOCK, False, texts.NOTICE_OUT_OF_STOCK)
_BACKORDER_NOTIFY = OptionState(Availability.BACKORDER, True, texts.NOTICE_BACKORDER)
_BACKORDER_SILENT = OptionState(Availability.BACKORDER, True, "")


def effective_quantity(stock: Stock, used: int = 0) -> int | None:
    """The quantity left once `used` units are sold; None when no quantity is tracked."""
    return None if stock.quantity is None else stock.quantity - used


def is_out(stock: Stock, used: int = 0) -> bool:
    """Out: status set to Out of Stock, or a quantity that is set and at most zero."""
    quantity = effective_quantity(stock, used)
    return stock.status is StockStatus.OUT_OF_STOCK or (quantity is not None and quantity <= 0)


def option_backorders(stock: Stock, configurator: Backorders) -> Backorders:
    """The backorder setting that applies to an option: its own where it has one, else the
    configurator's (docs/stock-rules.md "Backorders per option")."""
    own = stock.backorders
    return configurator if own is None else own


def may_backorder(addon_active: bool, stock: Stock, configurator: Backorders) -> bool:
    """Whether units of the option beyond its stock may be ordered: the stock rules apply to it
    and its backorder setting allows them. Where the rules do not apply nothing is limited,
    so nothing is ever backordered."""
    return rules_apply(addon_active, stock) and backorders_allowed(
        option_backorders(stock, configurator)
    )


def tells_backorders(addon_active: bool, stock: Stock, configurator: Backorders) -> bool:
    """Whether shoppers are told of the option's backordered units (its cart label, the order's
    "Backordered: N"): its backorder setting is "notify" and the rules apply to it."""
    return rules_apply(addon_active, stock) and (
        option_backorders(stock, configurator) is Backorders.NOTIFY
    )


def rules_apply(addon_active: bool, stock: Stock) -> bool:
    """Whether any stock rule applies: the add-on is active and the option manages stock."""
    return addon_active and stock.manage


def order_takes_stock(addon_active: bool, stock: Stock) -> bool:
    """Whether an order reduces the option's quantity: rules apply and a quantity is tracked."""
    return rules_apply(addon_active, stock) and stock.quantity is not None


def low_threshold(stock: Stock, configurator_threshold: int) -> int:
    """The quantity at or below which the option is low: its own amount, else the
    configurator's threshold."""
    return configurator_threshold if stock.low_amount is None else stock.low_amount


def is_low(
    addon_active: bool,
    stock: Stock,
    threshold: int = DEFAULT_LOW_STOCK_THRESHOLD,
    used: int = 0,
) -> bool:
    """Low: managed, in stock, with a quantity where 0 < quantity ≤ threshold (the option's
    low stock amount where it has one)."""
    if not rules_apply(addon_active, stock) or is_out(stock, used):
        return False
    quantity = effective_quantity(stock, used)
    return quantity is not None and 0 < quantity <= low_threshold(stock, threshold)


def stock_text(quantity: int, low: bool, display: StockDisplay, backorders: Backorders) -> str:
    """What an in-stock option with a tracked quantity tells shoppers under the stock display
    format: '' (never, or not low under `low`), 'Only 2 left in stock', '5 in stock'; under
    "notify" it ends with ' (can be backordered)'."""
    if display is StockDisplay.ALWAYS:
        text = texts.in_stock_count(quantity)
    elif display is StockDisplay.LOW and low:
        text = texts.only_left(quantity)
    else:
        return ""
    return text + texts.CAN_BE_BACKORDERED if backorders is Backorders.NOTIFY else text


def option_state(
    addon_active: bool,
    stock: Stock,
    backorders: Backorders,
    used: int = 0,
    *,
    threshold: int = DEFAULT_LOW_STOCK_THRESHOLD,
    display: StockDisplay = StockDisplay.NEVER,
) -> OptionState:
    """The docs/stock-rules.md table, with its low-stock rules: `backorders` is the
    configurator's setting (the option's own wins), `threshold` its low-stock threshold,
    `display` its stock display format."""
    if not rules_apply(addon_active, stock):
        return _AVAILABLE
    own = stock.backorders
    if own is not None:
        backorders = own
    if not is_out(stock, used):
        quantity = effective_quantity(stock, used)
        if quantity is None:
            return _IN_STOCK
        low = is_low(addon_active, stock, threshold, used)
        notice = stock_text(quantity, low, display, backorders)
        return OptionState(Availability.IN_STOCK, True, notice, low) if notice or low else _IN_STOCK
    if backorders is Backorders.NO:
        return _OUT
    return _BACKORDER_NOTIFY if backorders is Backorders.NOTIFY else _BACKORDER_SILENT


def configurator_state(
    addon_active: bool, cfg: Configurator, stock: Stock, used: int = 0
) -> OptionState:
    """option_state under the configurator's own settings (backorders, low-stock threshold,
    stock display): what its screens and the storefront show."""
    return option_state(
        addon_active,
        stock,
        cfg.backorders,
        used,
        threshold=cfg.low_stock_threshold,
        display=cfg.stock_display,
    )


def backorders_allowed(backorders: Backorders) -> bool:
    """Whether units beyond the stock may be ordered ("notify" and "yes")."""
    return backorders is not Backorders.NO


def purchasable_units(stock: Stock, used: int = 0) -> int | None:
    """Units that can be sold from stock; None means unlimited."""
    if stock.status is StockStatus.OUT_OF_STOCK:
        return 0
    quantity = effective_quantity(stock, used)
    if quantity is None:
        return None
    return max(quantity, 0)


def backordered_units(stock: Stock, units: int, used: int = 0) -> int:
    """Of `units` wanted (the cart's running total for the option), how many exceed the stock."""
    limit = purchasable_units(stock, used)
    if limit is None:
        return 0
    return max(units - limit, 0)


def consistency_warning(addon_active: bool, stock: Stock, backorders: Backorders) -> str:
    """A warning where status and quantity really contradict each other, else ''.

    Only "In Stock" with nothing left while backorders are off is one: the merchant says in
    stock, shoppers see Out of Stock. With backorders allowed the same stock is the ordinary
    backorder case, and "Out of Stock" over a positive quantity is a deliberate override
    (`status_note` tells about it without warning)."""
    if not rules_apply(addon_active, stock):
        return ""
    if backorders_allowed(option_backorders(stock, backorders)):
        return ""
    qty = stock.quantity
    if stock.status is StockStatus.IN_STOCK and qty is not None and qty <= 0:
        return texts.in_stock_but_empty(qty)
    return ""


def status_note(addon_active: bool, stock: Stock) -> str:
    """Neutral information where the manual "Out of Stock" holds back units in stock, else ''."""
    if not rules_apply(addon_active, stock):
        return ""
    qty = stock.quantity
    if stock.status is StockStatus.OUT_OF_STOCK and qty is not None and qty > 0:
        return texts.held_back(qty)
    return ""


def unselectable_default_warning(group: Layer, addon_active: bool, backorders: Backorders) -> str:
    """The editor's warning on a required group whose default choices all cannot be chosen,
    else ''.

    A storefront preselects only selectable defaults and puts nothing in their place
    (docs/stock-rules.md),
    so such a group opens empty and blocks add to cart until the shopper chooses. The options
    of its sub-groups count, as they do for the group's required choice. A group hidden from
    shoppers asks them for nothing, so it is never warned about.
    """
    if not group.is_group or not group.required or group.hidden_in_controls():
        return ""
    blocked: list[str] = []
    for node in group.walk():
        if node.is_group or not node.active_on_load:
            continue
        if option_state(addon_active, node.stock, backorders).selectable:
            return ""  # that default is preselected: the group opens with a choice
        blocked.append(node.name)
    return texts.unselectable_default(blocked) if blocked else ""


def describe(
    addon_active: bool, stock: Stock, backorders: Backorders, threshold: int | None = None
) -> str:
    """The effective availability in words, e.g. 'Out of Stock — 0 left, backorders off';
    a negative quantity reads '4 backordered'. Given the configurator's low-stock threshold,
    a low option says so ('In Stock — 2 left, low stock (2 or fewer), …'). An option's own
    backorder setting says it is the option's ('backorders off for this option')."""
    if not addon_active:
        return texts.ADDON_OFF_WORDS
    state = option_state(addon_active, stock, backorders)
    words = texts.AVAILABILITY_WORDS[state.availability.value]
    if state.availability is Availability.AVAILABLE:
        return words
    parts: list[str] = []
    if stock.status is StockStatus.OUT_OF_STOCK:
        parts.append("status set to Out of Stock")
    if stock.quantity is None:
        parts.append("no quantity tracked")
    else:
        parts.append(texts.quantity_words(stock.quantity))
    if threshold is not None and is_low(addon_active, stock, threshold):
        parts.append(texts.low_words(low_threshold(stock, threshold)))
    words_of = texts.BACKORDER_WORDS[option_backorders(stock, backorders).value]
    parts.append(words_of if stock.backorders is None else texts.for_this_option(words_of))
    return f"{words} — {', '.join(parts)}"
