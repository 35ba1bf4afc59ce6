"""The shop's price format (docs/price-format.md): WooCommerce's wc_price, as a table and as a
property (the text read back is the amount rounded)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import rules
from desktop.domain.fields import ConfiguratorField, FieldError, check_configurator_changes
from desktop.domain.model import Configurator
from desktop.domain.price_format import (
    MAX_DECIMALS,
    CurrencyPosition,
    PriceFormat,
    format_price,
)
from desktop.domain.rules import RuleError

NBSP = "\u00a0"
L, R = CurrencyPosition.LEFT, CurrencyPosition.RIGHT
LS, RS = CurrencyPosition.LEFT_SPACE, CurrencyPosition.RIGHT_SPACE


@pytest.mark.parametrize(
    ("amount", "price_format", "text"),
    [
        # WooCommerce's defaults: symbol left, "," and ".", 2 decimals.
        ("0", PriceFormat(), "$0.00"),
        ("54", PriceFormat(), "$54.00"),
        ("999.99", PriceFormat(), "$999.99"),
        ("1000", PriceFormat(), "$1,000.00"),
        ("1234.5", PriceFormat(), "$1,234.50"),
        ("1234567.89", PriceFormat(), "$1,234,567.89"),
        ("-5", PriceFormat(), "-$5.00"),  # wc_price: the sign before the symbol
        ("-1234.5", PriceFormat(), "-$1,234.50"),
        # A German shop: 1.234,50 €.
        ("1234.5", PriceFormat("€", RS, ".", ",", 2), f"1.234,50{NBSP}€"),
        ("-1234.5", PriceFormat("€", RS, ".", ",", 2), f"-1.234,50{NBSP}€"),
        ("0.5", PriceFormat("€", R, ".", ",", 2), "0,50€"),
        ("12", PriceFormat("CHF", LS, "'", ".", 2), f"CHF{NBSP}12.00"),
        ("1234567", PriceFormat("CHF", LS, "'", ".", 2), f"CHF{NBSP}1'234'567.00"),
        # A French shop groups with a space.
        ("1234567.8", PriceFormat("€", RS, " ", ",", 2), f"1 234 567,80{NBSP}€"),
        # No thousand separator at all.
        ("1234567.8", PriceFormat("$", L, "", ".", 2), "$1234567.80"),
        # Decimals: 0 rounds half up (PHP's number_format), more pad zeros.
        ("1234.5", PriceFormat("¥", L, ",", ".", 0), "¥1,235"),
        ("1234.49", PriceFormat("¥", L, ",", ".", 0), "¥1,234"),
        ("0.5", PriceFormat("¥", L, ",", ".", 0), "¥1"),
        ("-0.4", PriceFormat("¥", L, ",", ".", 0), "¥0"),  # never "-¥0"
        ("-0.5", PriceFormat("¥", L, ",", ".", 0), "-¥1"),
        ("12.5", PriceFormat("KD", RS, ",", ".", 3), f"12.500{NBSP}KD"),
        ("12.5", PriceFormat("$", L, ",", ".", 1), "$12.5"),
        ("12.55", PriceFormat("$", L, ",", ".", 1), "$12.6"),
        ("12.25", PriceFormat("$", L, ",", ".", 1), "$12.3"),
        # Three digits and fewer are never grouped; exactly four are.
        ("100", PriceFormat("€", RS, ".", ",", 0), f"100{NBSP}€"),
        ("1000", PriceFormat("€", RS, ".", ",", 0), f"1.000{NBSP}€"),
    ],
)
def test_amounts_are_written_as_woocommerce_writes_them(
    amount: str, price_format: PriceFormat, text: str
) -> None:
    assert price_format.format(Decimal(amount)) == text
    assert format_price(Decimal(amount), price_format) == text


def test_the_default_format_is_woocommerces() -> None:
    assert format_price(Decimal("1234.5")) == "$1,234.50"
    cfg = Configurator("Mug", currency="€")
    assert cfg.price_format == PriceFormat("€", L, ",", ".", 2)


def test_a_total_far_beyond_any_price_is_still_written_whole() -> None:
    huge = Decimal("999999999999.99") * 1_000_000 * 1000
    assert PriceFormat(decimals=MAX_DECIMALS).format(huge) == ("$999,999,999,999,990,000,000.0000")


# --- the property ---------------------------------------------------------------------------
_SEPARATORS = [",", ".", " ", "'", NBSP, "\u202f", "·", "_"]


@st.composite
def price_formats(draw: st.DrawFn) -> PriceFormat:
    thousand = draw(st.sampled_from(["", *_SEPARATORS]))
    decimal = draw(st.sampled_from([s for s in _SEPARATORS if s != thousand]))
    symbol = draw(st.text(st.characters(categories=["L", "Sc"]), min_size=1, max_size=8))
    return PriceFormat(
        symbol,
        draw(st.sampled_from(list(CurrencyPosition))),
        rules.thousand_separator(thousand),
        rules.decimal_separator(decimal),
        draw(st.integers(0, MAX_DECIMALS)),
    )


def _read_back(text: str, f: PriceFormat) -> Decimal:
    """The amount a shopper reads in text: the symbol taken off where the format puts it, the
    thousand separators dropped, the decimal separator read as the point."""
    negative = text.startswith("-")
    text = text.removeprefix("-")
    space = NBSP if f.position in (LS, RS) else ""
    if f.position in (L, LS):
        assert text.startswith(f.symbol + space)
        number = text[len(f.symbol + space) :]
    else:
        assert text.endswith(space + f.symbol)
        number = text[: len(text) - len(space + f.symbol)]
    whole, _, fraction = number.partition(f.decimal_separator) if f.decimals else (number, "", "")
    groups = whole.split(f.thousand_separator) if f.thousand_separator else [whole]
    assert all(g.isdigit() for g in groups) and all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3 or not f.thousand_separator
    assert len(fraction) == f.decimals and (not fraction or fraction.isdigit())
    value = Decimal(f"{''.join(groups)}.{fraction}" if fraction else "".join(groups))
    return -value if negative else value


@given(
    st.decimals(min_value=-(10**15), max_value=10**15, places=2, allow_nan=False),
    price_formats(),
)
def test_reading_the_text_back_gives_the_amount_rounded(amount: Decimal, f: PriceFormat) -> None:
    text = f.format(amount)
    rounded = amount.quantize(Decimal(1).scaleb(-f.decimals), rounding=ROUND_HALF_UP)
    assert _read_back(text, f) == rounded
    assert not text.startswith("-") or rounded != 0  # no "-$0.00"


# --- the fields' rules ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("rule", "value", "problem"),
    [
        (rules.thousand_separator, "..", "must be one character; '..' is 2"),
        (rules.thousand_separator, "\t", "must not contain control characters"),
        (rules.thousand_separator, "\n", "must not contain control characters"),
        (rules.thousand_separator, "5", "must not be a digit or a sign"),
        (rules.thousand_separator, "-", "must not be a digit or a sign"),
        (rules.thousand_separator, 1, "expected a string"),
        (rules.decimal_separator, "", "must not be empty"),
        (rules.decimal_separator, "٣", "must not be a digit or a sign"),
        (rules.decimal_separator, "\x85", "must not contain control characters"),
        (rules.price_decimals, 5, f"expected a whole number from 0 to {MAX_DECIMALS}"),
        (rules.price_decimals, -1, f"expected a whole number from 0 to {MAX_DECIMALS}"),
        (rules.price_decimals, True, "expected an integer"),
        (rules.currency_position, "middle", 'expected one of "left", "right"'),
    ],
)
def test_bad_format_values_are_refused_saying_why(rule, value, problem) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleError, match=problem.replace("(", r"\(")):
        rule(value)


def test_a_space_is_a_thousand_separator_kept_as_typed() -> None:
    assert rules.thousand_separator(" ") == " "
    assert rules.thousand_separator("") == ""


def test_two_identical_separators_are_refused_naming_the_field_changed() -> None:
    f = ConfiguratorField
    with pytest.raises(FieldError, match="Thousand separator: must differ from the decimal"):
        check_configurator_changes({f.THOUSAND_SEPARATOR: ",", f.DECIMAL_SEPARATOR: ","})
    # One changed against the stored other: the field changed is the one named.
    with pytest.raises(FieldError, match="Decimal separator: must differ") as caught:
        check_configurator_changes({f.DECIMAL_SEPARATOR: ","}, separators=(",", "."))
    assert caught.value.field is f.DECIMAL_SEPARATOR
    assert check_configurator_changes({f.DECIMAL_SEPARATOR: ","}, separators=(".", ".")) == {
        f.DECIMAL_SEPARATOR: ","
    }
    # Swapping both at once is fine.
    both = {f.THOUSAND_SEPARATOR: ".", f.DECIMAL_SEPARATOR: ","}
    assert check_configurator_changes(both, separators=(",", ".")) == both
