"""The field rules (docs/reliability.md): what a name, SKU, amount, quantity, product id or image
path may be.

One definition serves every way in: the editor's fields, the store's writes, the exchange import
(its pydantic types wrap these checks) and, later, stock sheets and scenarios. Each check takes a
value as its entry path holds it and returns the value as it is stored (trimmed, rounded to
cents), or raises RuleError saying what is wrong in words a merchant understands.
"""

from __future__ import annotations

import contextlib
import math
import re
from decimal import Decimal
from enum import StrEnum
from pathlib import PurePosixPath
from typing import TypeVar

from .model import (
    MAX_HOLD_MINUTES,
    MAX_STOCK_QUANTITY,
    MIN_STOCK_QUANTITY,
    Backorders,
    Payment,
    StockDisplay,
    StockStatus,
)
from .money import MoneyError, checked_amount, parse_money
from .price_format import MAX_DECIMALS, CurrencyPosition

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
# A product id is stored in a signed 64-bit integer column (SQLite and PostgreSQL alike), as
# are the ids of our own rows.
PRODUCT_ID_MAX = 2**63 - 1
ID_MAX = 2**63 - 1

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DRIVE = re.compile(r"^[A-Za-z]:")
_ID = re.compile(r"[0-9]{1,19}")


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


def thousand_separator(value: object) -> str:
    """What groups an amount's digits by three ("1,234.50"): one character, or "" for none.
    Not trimmed: a space is a separator some shops use (docs/price-format.md)."""
    return _separator(value, required=False)


def decimal_separator(value: object) -> str:
    """What comes before an amount's decimals: one character."""
    return _separator(value, required=True)


def _separator(value: object, *, required: bool) -> str:
    if not isinstance(value, str):
        raise RuleError("expected a string")
    if _CONTROL.search(value):
        raise RuleError("must not contain control characters such as line breaks or tabs")
    if not value and required:
        raise RuleError("must not be empty")
    if len(value) > 1:
        raise RuleError(f"must be one character; {_quoted(value)} is {len(value)}")
    if value and (value.isnumeric() or value in "-+\u2212"):
        raise RuleError(f"must not be a digit or a sign, not {_quoted(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RuleError("contains a character that is not valid text (a lone surrogate)") from None
    return value


def separators_differ(thousand: str, decimal: str) -> None:
    """The two separators cross-checked: with one character for both, "1.234" could be read
    either way."""
    if thousand == decimal:
        raise RuleError(f"must differ from the decimal separator (both are {_quoted(decimal)})")


def currency_position(value: object) -> CurrencyPosition:
    return _choice(CurrencyPosition, value)


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
    # bool is a subclass of int in Python, but `true` is not a number. A file's 5.0 is the
    # whole number 5, as a sheet's "5.0" is (docs/stock-sheets.md, "Numbers").
    if isinstance(value, float) and math.isfinite(value):
        if not value.is_integer():
            raise RuleError(f"expected a whole number; {value:g} has a fraction")
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError("expected an integer")
    return value


# A whole number written as text (docs/stock-sheets.md, "Numbers"): an optional sign (a
# spreadsheet's minus sign U+2212 too), the digits 0-9, and at most a fraction of zeros
# ("5.0", as spreadsheets write whole numbers). Not int()'s rule, which also takes "1_000",
# fullwidth "５" and Arabic-Indic "٣": a sheet cell means what a person reads in it.
_WHOLE = re.compile(r"([+\-\u2212]?)([0-9]+)(?:\.([0-9]+))?")
_EXPONENT = re.compile(r"[+\-\u2212]?[0-9]*\.?[0-9]+[eE][+\-]?[0-9]+")
_GROUPED = re.compile(r"[+\-\u2212]?[0-9]+(?:[_,.' \u00a0\u202f][0-9]+)+")
_DIGITS_MAX = 100  # far beyond any range a field allows; int() of more is slow, then refused


def whole_number(text: str) -> int:
    """A whole number as a person or a spreadsheet writes it in text (a stock sheet's cell,
    the stock table, a command-line number). Surrounding spaces are ignored; RuleError says
    what is wrong with anything else, with a hint where one helps."""
    stripped = text.strip()
    match = _WHOLE.fullmatch(stripped)
    if match is None:
        raise RuleError(_not_whole(stripped))
    sign, digits, fraction = match.groups()
    if fraction is not None and fraction.strip("0"):
        raise RuleError(f"expected a whole number; {stripped} has a fraction")
    if fraction is not None and len(fraction) == 3:
        # "1.000" is one in one country and a thousand in another: said, never guessed.
        raise RuleError(
            f"expected a whole number; {stripped} could be "
            f"{int(digits)} or {digits}000 (write it without the dot)"
        )
    if len(digits.lstrip("0")) > _DIGITS_MAX:
        raise RuleError(f"expected a whole number, not {_quoted(stripped)} (too many digits)")
    number = int(digits)
    return -number if sign in ("-", "\u2212") else number


def _not_whole(text: str) -> str:
    shown = _quoted(text)
    if not text:
        return "expected a whole number, not an empty value"
    if any(c.isnumeric() and not "0" <= c <= "9" for c in text):
        return f"expected a whole number in the digits 0-9, not {shown}"
    if _EXPONENT.fullmatch(text):
        return f"expected a whole number written out in digits, not {shown}"
    if _GROUPED.fullmatch(text):
        return f"expected a whole number without separators between digits, not {shown}"
    return f"expected a whole number, not {shown}"


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


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


def price_decimals(value: object) -> int:
    """How many decimals amounts are shown with."""
    number = _integer(value)
    if not 0 <= number <= MAX_DECIMALS:
        raise RuleError(f"expected a whole number from 0 to {MAX_DECIMALS}")
    return number


def hold_minutes(value: object) -> int:
    """How long an unpaid order holds its stock (docs/orders.md); 0: no hold."""
    number = _integer(value)
    if not 0 <= number <= MAX_HOLD_MINUTES:
        raise RuleError(f"expected a whole number of minutes from 0 to {MAX_HOLD_MINUTES:,}")
    return number


def notify_no_stock_at(value: object) -> int:
    """The quantity at or below which the shop is told an option is out of stock."""
    return low_stock_threshold(value)


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
    sale_below(sale, price)
    return sale


def sale_below(sale: Decimal, price: Decimal) -> None:
    """The sale-below-price rule alone, for amounts already read (as the store reads them)."""
    if sale >= price:
        raise RuleError(f"must be below the price ({price}), or empty for no sale")


def stock_status(value: object) -> StockStatus:
    return _choice(StockStatus, value)


def backorders(value: object) -> Backorders:
    return _choice(Backorders, value)


def option_backorders(value: object) -> Backorders | None:
    """An option's own backorder setting; None: the configurator's applies."""
    if value is None:
        return None
    return _choice(Backorders, value)


def stock_display(value: object) -> StockDisplay:
    return _choice(StockDisplay, value)


def payment(value: object) -> Payment:
    return _choice(Payment, value)


def _choice(kind: type[E], value: object) -> E:
    """A member of the enum kind, given as one or by its value."""
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return kind(value)
    listed = ", ".join(f'"{member.value}"' for member in kind)
    raise RuleError(f"expected one of {listed}")


# --- ids --------------------------------------------------------------------------------------
def record_id(text: str) -> int | None:
    """The id of a stored row that text names (an ID_OR_NAME argument, a scenario's
    `configurator`), or None when text is not one and is to be read as a name: ASCII digits
    only (no sign, no spaces, no other script's digits such as "１", "²" or "①"), from 1 up to
    ID_MAX, the largest id either database can hold (docs/stored-data.md)."""
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= ID_MAX else None
