"""The named values the model's fields take: layer types, stock statuses, backorder settings,
stock display formats and the four availabilities (docs/stock-rules.md).

A module of their own, below everything else in the domain, so that a record type (the
WordPress records, docs/wordpress.md) can use them without importing the model that holds it.
"""

from __future__ import annotations

from enum import StrEnum


class LayerType(StrEnum):
    """What a layer is: a group of options, a sub-group inside one, or an option (image)."""

    GROUP = "group"
    SUB_GROUP = "sub_group"
    IMAGE = "image"


class StockStatus(StrEnum):
    """The merchant's manual stock status of an option."""

    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"


class Backorders(StrEnum):
    """A backorder setting: refused, allowed with notices, allowed silently. A configurator has
    one; an option may have its own, which wins over it (docs/stock-rules.md)."""

    NO = "no"
    NOTIFY = "notify"
    YES = "yes"


class StockDisplay(StrEnum):
    """How much stock a configurator tells shoppers (WooCommerce's stock display format)."""

    NEVER = "never"
    LOW = "low"
    ALWAYS = "always"


class Payment(StrEnum):
    """Whether checkout's order is paid at once (processing) or waits for payment (pending):
    a configurator's order setting (docs/orders.md)."""

    PAID = "paid"
    PENDING = "pending"


class Availability(StrEnum):
    """What the stock rules make of an option for shoppers (docs/stock-rules.md's four words)."""

    AVAILABLE = "available"
    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"
    BACKORDER = "backorder"
