"""Money: Decimal only, parsed strictly; written plainly in files and JSON ("54.00"). What
shoppers see is written in the shop's price format (price_format.py)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

CENT = Decimal("0.01")
# Amounts must stay below this: far above any price, and small enough that totals of many
# options times large quantities keep every cent within Decimal's 28 digits.
MONEY_LIMIT = Decimal(10) ** 12


# What a merchant may type: ASCII digits, an optional minus, commas only as thousands
# separators ("1,250.00"), a dot for decimals. "12,50" is refused rather than read as 1250.
_TYPED_AMOUNT = re.compile(r"-?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)?(?:\.[0-9]+)?")


class MoneyError(ValueError):
    """A text that is not an amount of money we accept."""


# A catalogue repeats the same few prices thousands of times: each text is parsed once (a
# Decimal never changes, so the same one serves every option; refusals are not kept).
@lru_cache(maxsize=4096)
def parse_money(text: str, *, allow_negative: bool = False) -> Decimal:
    """Parse text a merchant typed or a file holds into a Decimal with at most two decimals
    (the one grammar of amounts: the editor's fields and the exchange format share it).

    Raises MoneyError with a message that names the problem.
    """
    stripped = text.strip()
    if not stripped:
        raise MoneyError("expected an amount such as 12.50")
    shown = f'"{_one_line(stripped)}"'
    if not _TYPED_AMOUNT.fullmatch(stripped) or not any(c.isdigit() for c in stripped):
        if "," in stripped and _TYPED_AMOUNT.fullmatch(stripped.replace(",", ".", 1)):
            raise MoneyError(f"{shown} uses a comma for decimals; write a dot, such as 12.50")
        raise MoneyError(f"{shown} is not a number; expected an amount such as 12.50")
    value = Decimal(stripped.replace(",", ""))
    return checked_amount(value, shown, allow_negative=allow_negative)


def _one_line(text: str) -> str:
    """text as a message quotes it: a line break or other control character inside it spelled
    as its escape (`a\\nb`), so a refusal stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def checked_amount(value: Decimal, shown: str, *, allow_negative: bool = False) -> Decimal:
    """value rounded to cents once it passes the rules every amount obeys (at most two
    decimals, not negative unless allowed, below MONEY_LIMIT); else MoneyError, naming the
    amount as `shown` (the text as the user or the file wrote it)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # both callers pass a finite amount: no "n" or "F"
    if exponent < -2:
        raise MoneyError(f"{shown} has more than two decimals")
    if value < 0 and not allow_negative:
        raise MoneyError(f"{shown} is negative; prices cannot be below zero")
    if abs(value) >= MONEY_LIMIT:
        raise MoneyError(f"{shown} is too large")
    return abs(value).quantize(CENT) if value == 0 else value.quantize(CENT)  # never "-0.00"


def money_str(value: Decimal) -> str:
    """'54.00' — the exchange and JSON form."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))
