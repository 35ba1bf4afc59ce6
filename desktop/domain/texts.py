"""Every customer-facing and status string the docs quote, written once.

The UI, the CLI and the tests import these instead of spelling the words again.
"""

from __future__ import annotations

# Option notices (docs/stock-rules.md table).
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
# The backorder setting in the words of an option's effective availability.
BACKORDER_WORDS = {
    "no": "backorders off",
    "notify": "backorders allowed, shoppers notified",
    "yes": "backorders allowed silently",
}


def for_this_option(words: str) -> str:
    """Backorder words of an option's own setting: 'backorders off for this option'."""
    return f"{words} for this option"


# An option's own backorder setting, as WooCommerce names the choices (Stock Management panel,
# stock table, bulk edit); None: the configurator's setting applies.
BACKORDERS = "Backorders"  # the option's field
BACKORDERS_INHERIT = "Use the configurator's setting"
OPTION_BACKORDER_CHOICES: dict[str | None, str] = {
    None: BACKORDERS_INHERIT,
    "no": "Do not allow",
    "notify": "Allow, but notify customer",
    "yes": "Allow",
}


def backorder_words(setting: str | None) -> str:
    """An option's own backorder setting in WooCommerce's words ('Do not allow')."""
    return OPTION_BACKORDER_CHOICES[setting]


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

# Editor labels the docs quote (docs/data-model.md, docs/editing.md: Layer settings' Stock
# Management section, Global Settings).
GLOBAL_SETTINGS = "Global Settings"
MANAGE_STOCK = "Manage Stock"
SKU = "SKU"
STOCK_QUANTITY = "Stock Quantity"
STOCK_STATUS = "Stock Status"
ENABLE_BACKORDER = "Enable Backorder"
SHOW_BACKORDER_NOTICES = "Show backorder notices to customers"
ADDON_REQUIRED_TOOLTIP = "Needs the Stock Management add-on; turn it on in the Add-ons menu."


# --- Shopper choices and default choices (docs/stock-rules.md: hidden options, unselectable
# defaults) ---
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


# --- Stock section wording (issue 15: only real contradictions warn; plurals) ---
IN_STOCK_BUT_EMPTY = (
    'Status says "In Stock" but the quantity is {quantity} and backorders are off: '
    f"shoppers see this option {NOTICE_OUT_OF_STOCK}."
)
HELD_BACK = (
    'Set to "Out of Stock" by hand: the {units} in stock {verb} held back until the status is '
    '"In Stock" again.'
)
NOT_TRACKED = "Not tracked"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 item', '3 items': the count with the word in the number it takes."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def quantity_words(quantity: int) -> str:
    """A tracked quantity as shoppers' stock: '5 left', '0 left', or '4 backordered' below 0."""
    return f"{-quantity} backordered" if quantity < 0 else f"{quantity} left"


def in_stock_but_empty(quantity: int) -> str:
    return IN_STOCK_BUT_EMPTY.format(quantity=quantity)


def held_back(units: int) -> str:
    return HELD_BACK.format(units=plural(units, "unit"), verb="is" if units == 1 else "are")


def layers_under(count: int) -> str:
    """'the layer under it' / 'the 2 layers under it' (a delete confirmation)."""
    return "the layer under it" if count == 1 else f"the {count} layers under it"


VALUE_KEPT = "{label}: {problem}; the value was kept."


def value_kept(label: str, problem: str) -> str:
    """A typed value a field rule refused, the stored one left as it was (the stock table's
    cells and the layer panel's fields say it in the same words)."""
    return VALUE_KEPT.format(label=label, problem=problem)


def as_sentence(text: str) -> str:
    """A message shown on its own reads as a sentence: store refusals come worded to follow a
    field name ('another layer … is already named "Red"') and get a capital and a full stop."""
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


# --- Preview cart and checkout (issue 15: a line that can no longer be bought says why) ---
CHECKOUT_BLOCKED = "Checkout is not possible: {reasons} Remove {lines} to check out."
CHECKOUT_TIP = "Place the cart as a simulated order"


def checkout_blocked(reasons: list[str] | tuple[str, ...], lines: int) -> str:
    """Why Checkout waits: the cart's shortages, and which lines to remove."""
    which = "the marked cart line" if lines == 1 else f"the {lines} marked cart lines"
    return CHECKOUT_BLOCKED.format(reasons=" ".join(reasons), lines=which)


# --- Low stock and stock display (docs/stock-rules.md "Low stock": WooCommerce's shopper texts) ---
IN_STOCK_COUNT = "{quantity} in stock"
ONLY_LEFT = "Only {quantity} left in stock"
CAN_BE_BACKORDERED = " (can be backordered)"
LOW_STOCK = "Low stock"
LOW_STOCK_AMOUNT = "Low stock amount"
LOW_STOCK_THRESHOLD = "Low stock threshold"
STOCK_DISPLAY = "Stock display"
STOCK_DISPLAY_CHOICES = {
    "never": "Never show quantities",
    "low": "Only show quantities when low",
    "always": "Always show quantities",
}

# --- The shop's settings: order settings (docs/orders.md) and price format
# (docs/price-format.md), in WooCommerce's words ---
PAYMENT_AT_CHECKOUT = "Payment at checkout"
PAYMENT_CHOICES = {"paid": "Paid (the order is processing)", "pending": "Pending payment"}
HOLD_STOCK_MINUTES = "Hold stock (minutes)"
NO_HOLD = "No hold"
NOTIFY_NO_STOCK_AT = "Notify when out of stock at"
PRICE_FORMAT = "Price format"
CURRENCY_POSITION = "Currency position"
THOUSAND_SEPARATOR = "Thousand separator"
DECIMAL_SEPARATOR = "Decimal separator"
PRICE_DECIMALS = "Number of decimals"
PRICE_SAMPLE = "Shoppers see {sample}"


def in_stock_count(quantity: int) -> str:
    return IN_STOCK_COUNT.format(quantity=quantity)


def only_left(quantity: int) -> str:
    return ONLY_LEFT.format(quantity=quantity)


def low_words(threshold: int) -> str:
    """'low stock (2 or fewer)': why an option is marked low, in the editor's words."""
    return f"low stock ({threshold} or fewer)"


def low_stock_placeholder(threshold: int) -> str:
    """The empty Low stock amount field: the configurator's threshold applies."""
    return f"{threshold} (configurator's)"


def low_stock_at(own: int | None, threshold: int) -> str:
    """Where an option counts as low, and whose threshold that is."""
    if own is None:
        return f"at {threshold} or fewer (the configurator's threshold)"
    return f"at {own} or fewer (this option's own amount; the configurator's is {threshold})"


# --- QA scenarios (docs/preview-and-scenarios.md: the run's report lines) ---
SCENARIO_PASS = "PASS {name}"
SCENARIO_FAIL = "FAIL {name}: {failure}"
# The run's lines name each scenario's file after its name.
SCENARIO_IN_FILE = "{name} ({file})"
SCENARIO_MISMATCH = "{key}: expected {expected}, got {got}"
SCENARIO_STEP_FAILED = "step {number}: {mismatch}"
SCENARIO_SUMMARY = "{passed} passed, {failed} failed"
SCENARIO_INVALID = ", {invalid} invalid"


def scenario_summary(passed: int, failed: int, invalid: int = 0) -> str:
    """'3 passed, 1 failed', with ', 2 invalid' after it when files could not run."""
    line = SCENARIO_SUMMARY.format(passed=passed, failed=failed)
    return line + (SCENARIO_INVALID.format(invalid=invalid) if invalid else "")


# --- One database for a team (docs/team-database.md): an edit refused because its target changed
# elsewhere.
CHANGED_ELSEWHERE = (
    '"{name}" {field} was changed elsewhere to {fresh}; your change to {new} was not saved'
)
CHANGED_ELSEWHERE_OTHER = (
    '"{name}" was changed elsewhere{what}; your change of {field} to {new} was not saved'
)
DELETED_ELSEWHERE = '"{name}" was deleted elsewhere; your change was not saved'
CHANGED_ELSEWHERE_WHOLE = '"{name}" was changed elsewhere{what}; your change was not saved'
ADDON_CHANGED_ELSEWHERE = (
    "The Stock Management add-on was switched {state} elsewhere; your change to {new} was not saved"
)
OFFLINE = "Database unreachable: showing what was last read; edits are not saved"
BACK_ONLINE = "The database can be reached again; changes made meanwhile are shown."


# --- After checkout (docs/orders.md): order notes and stock emails in WooCommerce's words ---
STOCK_REDUCED = "Stock levels reduced: {changes}"
STOCK_INCREASED = "Stock levels increased: {changes}"
STOCK_CHANGE = "{name} {old}→{new}"
REFUND_RESTOCKED = "Item {name} stock increased from {old} to {new}."
STATUS_CHANGED = "Order status changed from {old} to {new}."
UNPAID_CANCELLED = "Unpaid order cancelled - time limit reached."
ORDER_STATUS_NAMES = {
    "pending": "Pending payment",
    "processing": "Processing",
    "completed": "Completed",
    "cancelled": "Cancelled",
    "refunded": "Refunded",
}
NO_STOCK_EMAIL = "%s is out of stock."
LOW_STOCK_EMAIL = "%1$s is low in stock. There are %2$d left."
BACKORDER_EMAIL = "%1$s units of %2$s have been backordered in order #%3$s."
NO_SUCH_ORDER = "There is no order #{number}."
ORDER_ACTION_REFUSED = "Order #{number} cannot be {done}: it is {status}."
REFUND_NOT_IN_ORDER = 'Order #{number} has no "{option}" to refund.'
REFUND_TOO_MANY = 'Order #{number}: "{option}" has {left} left to refund.'


def stock_change(name: str, old: int, new: int) -> str:
    return STOCK_CHANGE.format(name=name, old=old, new=new)


def stock_reduced(changes: list[str]) -> str:
    return STOCK_REDUCED.format(changes=", ".join(changes))


def stock_increased(changes: list[str]) -> str:
    return STOCK_INCREASED.format(changes=", ".join(changes))


def refund_restocked(name: str, old: int, new: int) -> str:
    return REFUND_RESTOCKED.format(name=name, old=old, new=new)


def status_changed(old: str, new: str) -> str:
    return STATUS_CHANGED.format(old=ORDER_STATUS_NAMES[old], new=ORDER_STATUS_NAMES[new])


# WooCommerce's printf patterns, filled the way PHP's sprintf fills them.
def no_stock_email(name: str) -> str:
    return NO_STOCK_EMAIL.replace("%s", name)


def low_stock_email(name: str, left: int) -> str:
    return LOW_STOCK_EMAIL.replace("%1$s", name).replace("%2$d", str(left))


def backorder_email(units: int, name: str, order: int) -> str:
    return (
        BACKORDER_EMAIL.replace("%1$s", str(units))
        .replace("%2$s", name)
        .replace("%3$s", str(order))
    )


def no_such_order(number: int) -> str:
    return NO_SUCH_ORDER.format(number=number)


def order_action_refused(number: int, done: str, status: str) -> str:
    return ORDER_ACTION_REFUSED.format(number=number, done=done, status=ORDER_STATUS_NAMES[status])


def refund_not_in_order(number: int, option: str) -> str:
    return REFUND_NOT_IN_ORDER.format(number=number, option=option)


def refund_too_many(number: int, option: str, left: int) -> str:
    return REFUND_TOO_MANY.format(number=number, option=option, left=left)


# --- The preview's order panel, shopper switch and held stock (docs/orders.md) ----------------
RESTOCK_REFUNDED_ITEMS = "Restock refunded items"  # WooCommerce's refund check box
HELD_NOTICE = "{left} left, {held} held by {holders}"


def held_notice(left: int, held: int, orders: int) -> str:
    """An option's notice while unpaid orders hold some of its units: '1 left, 1 held by
    another order' (left: the simulated quantity, holds not taken off)."""
    holders = "another order" if orders == 1 else f"{orders} other orders"
    return HELD_NOTICE.format(left=left, held=held, holders=holders)


# WooCommerce's stock email subjects, naming each kind of notification.
NOTIFICATION_KIND_NAMES = {
    "no_stock": "Product out of stock",
    "low_stock": "Product low in stock",
    "backorder": "Product backorder",
}
ORDER_NOW = "Order #{number} is now {status}."
REFUND_DONE = "Order #{number}: {units} refunded{restocked}."
REFUND_ALL_RESTOCKED = ", restocked"
REFUND_SOME_RESTOCKED = "; restocked: {units}"
REFUND_NOTHING_RESTOCKED = "; nothing to restock: the order took none of it from stock"
WAITED = "{minutes} simulated minutes passed."
WAIT_CANCELLED = " Unpaid order {orders} cancelled: its hold ran out."
WAIT_CANCELLED_MANY = " Unpaid orders {orders} cancelled: their holds ran out."
NO_ORDERS = "No orders yet: check out a cart to place one."
NO_NOTIFICATIONS = (
    "No notifications yet: the shop is told when a paid order leaves an option low, "
    "out of stock or on backorder."
)


def order_now(number: int, status: str) -> str:
    return ORDER_NOW.format(number=number, status=ORDER_STATUS_NAMES[status])


def refund_done(number: int, lines: dict[str, int], restocked: dict[str, int] | None) -> str:
    """'Order #2: Metallic Red × 1 refunded, restocked.' restocked: the units put back by
    option name, None when restocking was not asked. It says only what went back: an option
    the order took no stock of gets nothing back (docs/orders.md)."""
    units = ", ".join(f"{name} × {n}" for name, n in lines.items())
    if restocked is None:
        said = ""
    elif restocked == lines:
        said = REFUND_ALL_RESTOCKED
    elif not restocked:
        said = REFUND_NOTHING_RESTOCKED
    else:
        back = ", ".join(f"{name} × {n}" for name, n in restocked.items())
        said = REFUND_SOME_RESTOCKED.format(units=back)
    return REFUND_DONE.format(number=number, units=units, restocked=said)


def waited(minutes: int, cancelled: list[int]) -> str:
    """'60 simulated minutes passed. Unpaid order #1 cancelled: its hold ran out.'"""
    text = WAITED.format(minutes=minutes)
    if cancelled:
        said = WAIT_CANCELLED if len(cancelled) == 1 else WAIT_CANCELLED_MANY
        text += said.format(orders=", ".join(f"#{n}" for n in cancelled))
    return text
