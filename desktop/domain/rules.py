"""The field rules (SPEC §12): what a name, SKU, amount, quantity, product id or image path may be.

One definition serves every way in: the editor's fields, the store's writes, the exchange import
(its pydantic types wrap these checks) and, later, stock sheets and scenarios. Each check takes a
value as its entry path holds it and returns the value as it is stored (trimmed, rounded to
cents), or raises RuleError saying what is wrong in words a merchant understands.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from pathlib import PurePosixPath
from typing import TypeVar

from .model import (
    MAX_STOCK_QUANTITY,
    MIN_STOCK_QUANTITY,
    Backorders,
    StockDisplay,
    StockStatus,
)
from .money import MoneyError, checked_amount, parse_money

E = TypeVar("E", bound=StrEnum)

# Lengths in characters. WooCommerce keeps SKUs in a 100-character column; names and product
# names get room for any real product while keeping lists, paths and file names manageable.
NAME_MAX = 200
PRODUCT_NAME_MAX = 200
SKU_MAX = 100
CURRENCY_MAX = 8
# Image paths end up as file names: 255 bytes is the file-system limit for one name, so the
# whole relative path stays below it.
IMAGE_PATH_MAX_BYTES = 240
# A product id is stored in a signed 64-bit integer column (SQLite and PostgreSQL alike).
PRODUCT_ID_MAX = 2**63 - 1

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


class RuleError(ValueError):
    """A value a field rule refuses; `problem` says why, without naming the field."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


# --- text -------------------------------------------------------------------------------------
def _text(value: object, limit: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise RuleError("expected a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RuleError("contains a character that is not valid text (a lone surrogate)") from None
    text = value.strip()
    if _CONTROL.search(text):
        raise RuleError("must not contain control characters such as line breaks or tabs")
    if required and not text:
        raise RuleError("must not be empty")
    if len(text) > limit:
        raise RuleError(f"is {len(text)} characters long; at most {limit} are allowed")
    return text


def name(value: object) -> str:
    """A configurator's or layer's name: trimmed, not empty."""
    return _text(value, NAME_MAX, required=True)


def product_name(value: object) -> str:
    return _text(value, PRODUCT_NAME_MAX, required=False)


def sku(value: object) -> str:
    """A SKU, trimmed; None and "" both mean no SKU."""
    return "" if value is None else _text(value, SKU_MAX, required=False)


def currency(value: object) -> str:
    return _text(value, CURRENCY_MAX, required=True)


def image(value: object) -> str:
    """A relative image path inside the media folder; None and "" both mean no image."""
    if value is None:
        return ""
    text = _text(value, IMAGE_PATH_MAX_BYTES, required=False)
    if not text:
        return ""
    problem = relative_path_problem(text)
    if problem:
        raise RuleError(problem)
    if len(text.encode("utf-8")) > IMAGE_PATH_MAX_BYTES:
        raise RuleError(f"is too long; at most {IMAGE_PATH_MAX_BYTES} bytes are allowed")
    return text


def relative_path_problem(relative: str) -> str:
    """Why `relative` is not a safe relative image path, or '' when it is.

    Backslashes are refused outright rather than read as separators: the file must mean the
    same thing on every platform, and `..\\x` must not slip past the upward check on Windows.
    """
    if "\\" in relative:
        return "must use forward slashes (/), not backslashes"
    if relative.startswith("/") or _DRIVE.match(relative):
        return "must be a relative path, not an absolute one"
    if ":" in relative:
        return "must be a relative file path (no drive, scheme or colon)"
    if ".." in PurePosixPath(relative).parts:
        return "must not go up out of its folder with '..'"
    return ""


# --- numbers ----------------------------------------------------------------------------------
def flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise RuleError("expected true or false")
    return value


def _integer(value: object) -> int:
    # bool is a subclass of int in Python, but `true` is not a number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError("expected an integer")
    return value


def quantity(value: object) -> int | None:
    """A stock quantity (it may go negative after backorders); None: not tracked."""
    if value is None:
        return None
    number = _integer(value)
    if not MIN_STOCK_QUANTITY <= number <= MAX_STOCK_QUANTITY:
        raise RuleError(
            f"expected a whole number from {MIN_STOCK_QUANTITY} to {MAX_STOCK_QUANTITY}"
        )
    return number


def low_stock_amount(value: object) -> int | None:
    """An option's low-stock threshold (0 up to the largest quantity); None: the
    configurator's threshold applies."""
    if value is None:
        return None
    return low_stock_threshold(value)


def low_stock_threshold(value: object) -> int:
    """A configurator's low-stock threshold: a quantity at or below it (and above 0) is low."""
    number = _integer(value)
    if not 0 <= number <= MAX_STOCK_QUANTITY:
        raise RuleError(f"expected a whole number from 0 to {MAX_STOCK_QUANTITY}")
    return number


def product_id(value: object) -> int | None:
    """A WooCommerce product id (they start at 1); None: not linked."""
    if value is None:
        return None
    number = _integer(value)
    if not 1 <= number <= PRODUCT_ID_MAX:
        raise RuleError("expected a positive integer")
    return number


def amount(value: object) -> Decimal:
    """An amount of money: a Decimal, or text as a merchant or a file writes it ("12.50")."""
    try:
        if isinstance(value, str):
            return parse_money(value)
        if not isinstance(value, Decimal) or not value.is_finite():
            raise RuleError('expected an amount such as "12.50"')
        return checked_amount(value, str(value))
    except MoneyError as exc:
        raise RuleError(str(exc)) from None


def sale_price(value: object, price: Decimal) -> Decimal | None:
    """A sale price is below the regular price (WooCommerce treats an item as on sale only
    then); None: no sale."""
    if value is None or value == "":
        return None
    sale = amount(value)
    if sale >= price:
        raise RuleError(f"must be below the price ({price}), or empty for no sale")
    return sale


def stock_status(value: object) -> StockStatus:
    return _choice(StockStatus, value)


def backorders(value: object) -> Backorders:
    return _choice(Backorders, value)


def stock_display(value: object) -> StockDisplay:
    return _choice(StockDisplay, value)


def _choice(kind: type[E], value: object) -> E:
    """A member of the enum kind, given as one or by its value."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        listed = ", ".join(f'"{member.value}"' for member in kind)
        raise RuleError(f"expected one of {listed}") from None
