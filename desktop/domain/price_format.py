"""The shop's price format (docs/price-format.md): how every amount a shopper sees is written.

WooCommerce's General settings, as `wc_price` applies them: the currency symbol's position
(left, right, left with space, right with space), the thousand and decimal separators and the
number of decimals, e.g. `$1,234.50` (the default) or `1.234,50 €`. Amounts stay `Decimal`;
this is only their text. Files and JSON keep plain decimal strings ("1234.50", money_str).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum


class CurrencyPosition(StrEnum):
    """Where the currency symbol goes (WooCommerce's `woocommerce_currency_pos` values)."""

    LEFT = "left"
    RIGHT = "right"
    LEFT_SPACE = "left_space"
    RIGHT_SPACE = "right_space"


# The words the Global Settings dialog shows for each position, as WooCommerce's settings do.
POSITION_LABELS: dict[CurrencyPosition, str] = {
    CurrencyPosition.LEFT: "Left",
    CurrencyPosition.RIGHT: "Right",
    CurrencyPosition.LEFT_SPACE: "Left with space",
    CurrencyPosition.RIGHT_SPACE: "Right with space",
}

DEFAULT_POSITION = CurrencyPosition.LEFT
DEFAULT_THOUSAND_SEPARATOR = ","
DEFAULT_DECIMAL_SEPARATOR = "."
DEFAULT_DECIMALS = 2
# Amounts are stored in cents; more than two decimals only pads zeros, as a shop of a
# three-decimal currency (Kuwaiti dinar) shows them. Four leaves room and no more.
MAX_DECIMALS = 4
# WooCommerce writes the space as &nbsp;: a price never breaks between its amount and symbol.
SYMBOL_SPACE = "\u00a0"
# Room for every digit of any total (a million units of the dearest option, in many lines),
# so rounding never runs out of Decimal's default 28 digits.
_WIDE = Context(prec=80)


@dataclass(frozen=True, slots=True)
class PriceFormat:
    """A currency symbol and how amounts are written around it. The field rules
    (`rules.thousand_separator`, …) keep the separators apart and out of the digits."""

    symbol: str = "$"
    position: CurrencyPosition = DEFAULT_POSITION
    thousand_separator: str = DEFAULT_THOUSAND_SEPARATOR
    decimal_separator: str = DEFAULT_DECIMAL_SEPARATOR
    decimals: int = DEFAULT_DECIMALS

    def format(self, amount: Decimal) -> str:
        """'$1,234.50', '1.234,50 €': the amount rounded half up to `decimals` places (as
        PHP's number_format does), its digits grouped by three, the symbol placed; a minus
        sign goes first, as wc_price writes it ('-$5.00'), and never before a zero."""
        step = Decimal(1).scaleb(-self.decimals)
        rounded = abs(amount).quantize(step, rounding=ROUND_HALF_UP, context=_WIDE)
        whole, _, fraction = f"{rounded:f}".partition(".")
        number = _grouped(whole, self.thousand_separator)
        if fraction:
            number = f"{number}{self.decimal_separator}{fraction}"
        sign = "-" if amount < 0 and rounded else ""
        return sign + _placed(number, self.symbol, self.position)


def _grouped(digits: str, separator: str) -> str:
    if not separator or len(digits) <= 3:
        return digits
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


def _placed(number: str, symbol: str, position: CurrencyPosition) -> str:
    if position is CurrencyPosition.LEFT:
        return f"{symbol}{number}"
    if position is CurrencyPosition.RIGHT:
        return f"{number}{symbol}"
    if position is CurrencyPosition.LEFT_SPACE:
        return f"{symbol}{SYMBOL_SPACE}{number}"
    return f"{number}{SYMBOL_SPACE}{symbol}"


DEFAULT_FORMAT = PriceFormat()


def format_price(amount: Decimal, price_format: PriceFormat = DEFAULT_FORMAT) -> str:
    """amount as shoppers see it in the shop's price format (docs/price-format.md)."""
    return price_format.format(amount)
