"""Every customer-facing and status string that SPEC.md quotes, written once.

The UI, the CLI and the tests import these instead of spelling the words again.
"""

from __future__ import annotations

# Option notices (SPEC §3 table).
NOTICE_OUT_OF_STOCK = "Out of Stock"
NOTICE_BACKORDER = "Available on Backorder"

# Cart item detail suffix for an option with backordered units under "notify".
CART_BACKORDER_SUFFIX = "(Available Backorder)"

# Refusals.
NOT_ENOUGH_STOCK = 'Not enough stock for "{option}" ({remaining} remaining).'
CHOOSE_OPTION = 'Please choose an option for "{group}".'
NOT_SELECTABLE = '"{option}" is out of stock and cannot be selected.'

# Checkout of an empty cart.
EMPTY_CART = "Your cart is empty."

# Order notes.
SHIPPED_ONCE_RESTOCKED = "will be shipped once restocked"
BACKORDERED_NOTE = "Backordered: {units} — " + SHIPPED_ONCE_RESTOCKED

# Stock status labels as the merchant sees them.
STATUS_IN_STOCK = "In Stock"
STATUS_OUT_OF_STOCK = "Out of Stock"

# Effective availability in words (editor tree tooltips, effectiveStatusLabel).
AVAILABILITY_WORDS = {
    "available": "Available — stock not managed",
    "in_stock": "In Stock",
    "out_of_stock": "Out of Stock",
    "backorder": "On Backorder",
}
ADDON_OFF_WORDS = "Available — Stock Management add-on is off"

ADDON_NAME = "Stock Management"
ADDON_REQUIRED = "Needs the Stock Management add-on (Add-ons menu)."


def cart_item_label(option: str, backordered_notice: bool) -> str:
    """The cart item detail for one selected option."""
    return f"{option} {CART_BACKORDER_SUFFIX}" if backordered_notice else option


def not_enough_stock(option: str, remaining: int) -> str:
    return NOT_ENOUGH_STOCK.format(option=option, remaining=remaining)


def choose_option(group: str) -> str:
    return CHOOSE_OPTION.format(group=group)


def not_selectable(option: str) -> str:
    return NOT_SELECTABLE.format(option=option)


def backordered_note(units: int) -> str:
    return BACKORDERED_NOTE.format(units=units)


# Storefront summary (WP Configurator's front-end wording).
BASE_PRICE = "Base Price"
EXPECTED_TOTAL = "Expected Total"

# Editor labels SPEC §2/§4 quote (Layer settings' Stock Management section, Global Settings).
GLOBAL_SETTINGS = "Global Settings"
MANAGE_STOCK = "Manage Stock"
SKU = "SKU"
STOCK_QUANTITY = "Stock Quantity"
STOCK_STATUS = "Stock Status"
ENABLE_BACKORDER = "Enable Backorder"
SHOW_BACKORDER_NOTICES = "Show backorder notices to customers"
ADDON_REQUIRED_TOOLTIP = "Needs the Stock Management add-on; turn it on in the Add-ons menu."


# --- Shopper choices and default choices (SPEC §3: hidden options, unselectable defaults) ---
HIDDEN_OPTION = '"{option}" is hidden and cannot be chosen.'
UNSELECTABLE_DEFAULT = (
    "Required group: its default {choices} {verb} out of stock, so shoppers must choose an "
    "option themselves."
)


def hidden_option(option: str) -> str:
    return HIDDEN_OPTION.format(option=option)


def unselectable_default(options: list[str]) -> str:
    """The editor's warning on a required group none of whose default choices can be chosen."""
    quoted = [f'"{name}"' for name in options]
    if len(quoted) == 1:
        return UNSELECTABLE_DEFAULT.format(choices=f"choice {quoted[0]}", verb="is")
    listed = ", ".join(quoted[:-1]) + f" and {quoted[-1]}"
    return UNSELECTABLE_DEFAULT.format(choices=f"choices {listed}", verb="are")
