"""Rows no write of ours could have made — a database edited by hand, or damaged — read as one
clear error that names the row and the value, instead of failing later somewhere far away.

The readers (`load_configurator`, `load_layers`) convert each stored value with the checks here
on their fast path and, only when one fails, call `corrupt_layer`/`corrupt_configurator` to
find out which field it was. A database that holds what our writes stored never pays for more
than the guarded conversions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, String, Table, type_coerce

from ..domain import rules
from ..domain.fields import misplaced
from ..domain.model import (
    MAX_STOCK_QUANTITY,
    MIN_STOCK_QUANTITY,
    Backorders,
    LayerType,
    Payment,
    StockDisplay,
    StockStatus,
)
from ..domain.money import MONEY_LIMIT
from ..domain.price_format import CurrencyPosition
from ..domain.rules import RuleError
from .transaction import StorageError
from .wordpress_json import node_from_text, post_from_text

# Stored amounts as our writes leave them ("49.00"; older files may hold "12.5" or "12.500").
# One C-level match refuses text, signs, exponents, NaN, infinities and amounts at or above
# MONEY_LIMIT before Decimal sees them (a test keeps the digit count and the limit in step).
_INTEGER_DIGITS = len(str(MONEY_LIMIT)) - 1
_STORED_MONEY = re.compile(rf"[0-9]{{1,{_INTEGER_DIGITS}}}(?:\.[0-9]{{1,2}}0*)?")

SHOWN_MAX = 40  # characters of a bad value quoted in a message


class CorruptDataError(StorageError):
    """The database holds a row that none of our writes could have stored (edited by hand,
    or damaged). `detail` names the row and the value in the user's terms, such as
    `layer 12 of "Custom Game Controller" has an invalid price 'x'`. Lasting: reading the row
    again gives the same answer, so the window says it in a dialog."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"The database holds data that cannot be used: {detail}.", lasting=True)
        self.detail = detail


# --- guarded conversions (the readers' fast path) ---------------------------------------------
def stored_columns(table: Table, *money: str) -> list[ColumnElement[Any]]:
    """Every column of table, the money ones as the text they hold: their DecimalText type
    would convert them inside the row fetch, where a bad value cannot be traced to its row."""
    return [type_coerce(c, String).label(c.name) if c.name in money else c for c in table.c]


def stored_money(raw: object) -> Decimal:
    """A stored amount; ValueError for anything our writes would not have stored."""
    if type(raw) is not str or not _STORED_MONEY.fullmatch(raw):
        raise ValueError(raw)
    return Decimal(raw)


def stored_quantity(raw: object) -> int | None:
    if raw is None:
        return None
    if type(raw) is not int or not MIN_STOCK_QUANTITY <= raw <= MAX_STOCK_QUANTITY:
        raise ValueError(raw)
    return raw


def stored_threshold(raw: object) -> int:
    if type(raw) is not int or not 0 <= raw <= MAX_STOCK_QUANTITY:
        raise ValueError(raw)
    return raw


def stored_low_amount(raw: object) -> int | None:
    return None if raw is None else stored_threshold(raw)


def stored_option_backorders(raw: object) -> Backorders | None:
    """An option's own backorder setting; None: the configurator's."""
    if raw is None:
        return None
    if type(raw) is not str:
        raise ValueError(raw)
    return Backorders(raw)


def stored_product_id(raw: object) -> int | None:
    if raw is None:
        return None
    if type(raw) is not int or raw < 1:
        raise ValueError(raw)
    return raw


def stored_text(raw: object) -> str:
    if type(raw) is not str:
        raise ValueError(raw)
    return raw


def _optional_money(raw: object) -> Decimal | None:
    return None if raw is None else stored_money(raw)


def _as_written(rule: Callable[[object], str]) -> Callable[[object], str]:
    """A text column checked by the field rule our writes ran on it (docs/stored-data.md):
    RuleError for what the rule refuses, and for text it would have stored otherwise."""

    def check(raw: object) -> str:
        value = stored_text(raw)
        if rule(value) != value:  # the rules only ever trim
            raise RuleError("must not begin or end with a space, tab or line break")
        return value

    return check


stored_name = _as_written(rules.name)
stored_image = _as_written(rules.image)
stored_sku = _as_written(rules.sku)
stored_product_name = _as_written(rules.product_name)
stored_currency = _as_written(rules.currency)


def _as_ruled(rule: Callable[[object], object]) -> Callable[[object], Any]:
    """A column checked by its field rule alone (values our writes stored are exactly what
    the rule returns, and the rule takes nothing else)."""

    def check(raw: object) -> Any:
        if isinstance(raw, bool):  # SQLite hands back 0/1, never a bool; an int rule takes none
            raise ValueError(raw)
        return rule(raw)

    return check


stored_thousand_separator = _as_ruled(rules.thousand_separator)
stored_decimal_separator = _as_ruled(rules.decimal_separator)
stored_price_decimals = _as_ruled(rules.price_decimals)
stored_hold_minutes = _as_ruled(rules.hold_minutes)
stored_notify_no_stock_at = _as_ruled(rules.notify_no_stock_at)


def separators_apart(thousand: str, decimal: str) -> None:
    """RuleError when a stored configurator's two separators are the same."""
    rules.separators_differ(thousand, decimal)


def sale_below_price(sale: Decimal | None, price: Decimal) -> None:
    """RuleError when a stored sale price is not below the stored price."""
    if sale is not None:
        rules.sale_below(sale, price)


def _node_record(raw: object) -> object:
    return None if raw is None else node_from_text(stored_text(raw))


def _post_record(raw: object) -> object:
    return None if raw is None else post_from_text(stored_text(raw))


# What each column of a row must hold, in the words a message uses for it; only the error path
# walks these tables, to name the first field that fails.
_Check = tuple[str, str, Callable[[Any], object]]
LAYER_CHECKS: tuple[_Check, ...] = (
    ("type", "type", LayerType),
    ("name", "name", stored_name),
    ("price", "price", stored_money),
    ("sale_price", "sale price", _optional_money),
    ("image", "image", stored_image),
    ("sku", "SKU", stored_sku),
    ("stock_quantity", "stock quantity", stored_quantity),
    ("stock_status", "stock status", StockStatus),
    ("low_stock_amount", "low stock amount", stored_low_amount),
    ("backorders", "backorder setting", stored_option_backorders),
    ("wordpress", "WordPress record", _node_record),
)
CONFIGURATOR_CHECKS: tuple[_Check, ...] = (
    ("name", "name", stored_name),
    ("product_name", "product name", stored_product_name),
    ("woocommerce_id", "WooCommerce product id", stored_product_id),
    ("base_price", "base price", stored_money),
    ("currency", "currency", stored_currency),
    ("backorders", "backorder setting", Backorders),
    ("low_stock_threshold", "low stock threshold", stored_threshold),
    ("stock_display", "stock display", StockDisplay),
    ("currency_position", "currency position", CurrencyPosition),
    ("thousand_separator", "thousand separator", stored_thousand_separator),
    ("decimal_separator", "decimal separator", stored_decimal_separator),
    ("price_decimals", "number of decimals", stored_price_decimals),
    ("payment", "payment at checkout", Payment),
    ("hold_minutes", "hold stock (minutes)", stored_hold_minutes),
    ("notify_no_stock_at", "notify when out of stock at", stored_notify_no_stock_at),
    ("wordpress", "WordPress record", _post_record),
)


# --- naming what is wrong (the error path) ----------------------------------------------------
def shown(raw: object) -> str:
    """A stored value as a message quotes it: repr, so that NULL, a number, bytes and text
    look different, and cut short, so a megabyte of garbage stays one readable line."""
    if raw is None:
        return "NULL"
    text = repr(raw)
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def invalid(label: str, raw: object, problem: str = "") -> str:
    """`an invalid image '../x' (must not go up out of its folder with '..')`."""
    why = f" ({problem})" if problem else ""
    return f"an invalid {label} {shown(raw)}{why}"


def _first_bad(row: Any, checks: tuple[_Check, ...]) -> str | None:
    for column, label, check in checks:
        value = getattr(row, column)
        try:
            check(value)
        except (ArithmeticError, ValueError, TypeError) as exc:
            return invalid(label, value, exc.problem if isinstance(exc, RuleError) else "")
    return None


def _sale_not_below(row: Any) -> str | None:
    try:
        sale_below_price(_optional_money(row.sale_price), stored_money(row.price))
    except RuleError as exc:
        return invalid("sale price", row.sale_price, exc.problem)
    return None


def corrupt_layer(row: Any, configurator: str) -> CorruptDataError:
    """Why the layer row could not be read. configurator is the owner as a message names it
    (`of "Custom Game Controller"`, or "" when unknown)."""
    what = _first_bad(row, LAYER_CHECKS) or _sale_not_below(row) or "values that cannot be read"
    return CorruptDataError(f"layer {row.id}{configurator} has {what}")


def layer_error(layer_id: object, configurator: str, what: str) -> CorruptDataError:
    """A layer that breaks a rule about its place among the others (two siblings of one name,
    two options with one SKU); what: as `invalid` words it."""
    return CorruptDataError(f"layer {layer_id}{configurator} has {what}")


def orphan_layer(layer_id: object, parent_id: object, configurator: str) -> CorruptDataError:
    return CorruptDataError(
        f"layer {layer_id}{configurator} refers to a missing parent layer {shown(parent_id)}"
    )


def misplaced_layer(
    layer_id: object, child: LayerType, parent: LayerType | None, configurator: str
) -> CorruptDataError:
    return CorruptDataError(
        f"layer {layer_id}{configurator} is misplaced: {misplaced(child, parent)}"
    )


def _separators_same(row: Any) -> str | None:
    try:
        separators_apart(row.thousand_separator, row.decimal_separator)
    except RuleError as exc:
        return invalid("thousand separator", row.thousand_separator, exc.problem)
    return None


def corrupt_configurator(row: Any) -> CorruptDataError:
    what = (
        _first_bad(row, CONFIGURATOR_CHECKS)
        or _separators_same(row)
        or "values that cannot be read"
    )
    try:
        named = f' ("{stored_name(row.name)}")'
    except ValueError:  # the name is what is wrong: quoted once, by `what`
        named = ""
    return CorruptDataError(f"configurator {row.id}{named} has {what}")


def owner_words(name: object) -> str:
    """` of "Name"`, for messages about one configurator's layers."""
    return f' of "{name}"' if isinstance(name, str) else ""
