"""The storefront report (`headless.run_scenario`) as text a person reads in a terminal.

`storefront --json` prints the report itself; without --json the CLI prints this rendering of
the very same report, so the two can never tell different stories.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..domain import texts
from ..domain.price_format import PriceFormat

INDENT = "  "
WIDEST_PATH = 40  # columns a path is padded to; a longer one just pushes its words right


def render(
    report: dict[str, Any], *, name: str, price_format: PriceFormat, addon_active: bool
) -> str:
    """The report in sections: options, selection, unit price, cart, messages and, after a
    checkout, the order, the shop's notifications and the stock left. Ends with a line
    break. Amounts are written in the shop's price format (docs/price-format.md); the JSON
    report keeps them as plain decimals."""

    def money(amount: str) -> str:
        return price_format.format(Decimal(amount))

    addon = "on" if addon_active else "off (stock is not checked)"
    lines = [f"{name}", f"{texts.ADDON_NAME} add-on: {addon}", ""]
    lines += ["Options", *_options(report["options"], addon_active), ""]
    lines += ["Selected", *(INDENT + path for path in report["selection"])]
    if not report["selection"]:
        lines.append(f"{INDENT}nothing")
    lines += ["", f"Unit price: {money(report['unit_price'])}", ""]
    cart = report["cart"]
    if cart["lines"]:
        lines += ["Cart", *_cart_lines(cart["lines"], money)]
        lines.append(f"{INDENT}Subtotal: {money(cart['subtotal'])}")
    else:
        lines.append("Cart: empty")
    lines += ["", "Messages" if report["messages"] else "Messages: none"]
    lines += [INDENT + message for message in report["messages"]]
    if "order" in report:
        lines += ["", *_order(report["order"], money)]
        # What the shop would be told after the order (docs/orders.md); only when any.
        if report["notifications"]:
            lines += ["", "Notifications", *(INDENT + n["text"] for n in report["notifications"])]
        lines += ["", *_stock_after(report["stock_after"])]
    return "\n".join(lines) + "\n"


def _options(options: list[dict[str, Any]], addon_active: bool) -> list[str]:
    width = min(WIDEST_PATH, max((len(o["path"]) for o in options), default=0))
    rows = []
    for option in options:
        words = texts.AVAILABILITY_WORDS.get(option["availability"], option["availability"])
        if not addon_active:
            words = texts.ADDON_OFF_WORDS
        if not option["selectable"]:
            words += ", cannot be chosen"
        if option["notice"]:
            words += f'; shoppers see "{option["notice"]}"'
        if "backorders" in option:  # the option's own backorder setting (docs/stock-rules.md)
            words += f"; backorders: {texts.backorder_words(option['backorders'])}"
        rows.append(f"{INDENT}{option['path']:<{width}}  {words}")
    return rows or [f"{INDENT}none"]


def _cart_lines(cart_lines: list[dict[str, Any]], money: Callable[[str], str]) -> list[str]:
    rows = []
    for number, line in enumerate(cart_lines, start=1):
        rows.append(f"{INDENT}{number}. quantity {line['quantity']}, {money(line['total'])}")
        for item in line["items"]:
            backordered = f" — {item['backordered']} backordered" if item["backordered"] else ""
            rows.append(f"{INDENT * 3}{item['label']}{backordered}")
    return rows


def _order(order: dict[str, Any] | None, money: Callable[[str], str]) -> list[str]:
    if order is None:
        return ["Order: not placed (see the messages above)"]
    rows = [f"Order #{order['number']}", *_cart_lines(order["lines"], money)]
    rows.append(f"{INDENT}Subtotal: {money(order['subtotal'])}")
    rows += [INDENT + note for note in order["notes"]]
    return rows


def _stock_after(stock: dict[str, int]) -> list[str]:
    if not stock:
        return ["Stock after: no option has managed stock"]
    width = min(WIDEST_PATH, max(len(path) for path in stock))
    rows = ["Stock after"]
    for path, quantity in stock.items():
        backordered = f" ({-quantity} backordered)" if quantity < 0 else ""
        rows.append(f"{INDENT}{path:<{width}}  {quantity}{backordered}")
    return rows
