"""Money parsing: what a merchant may type into a price field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain.money import MoneyError, parse_money


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", "3.00"),
        ("1,000.50", "1000.50"),
        ("0", "0.00"),
        (" 4.5 ", "4.50"),
        (".5", "0.50"),
        ("12,500", "12500.00"),
        ("-0", "0.00"),
        ("1,234,567.89", "1234567.89"),
    ],
)
def test_amounts_are_parsed_to_cents(text: str, value: str) -> None:
    assert parse_money(text) == Decimal(value)


@pytest.mark.parametrize("text", ["99999999999999999999999999999", "1000000000000"])
def test_an_absurdly_large_amount_is_refused_not_a_crash(text: str) -> None:
    with pytest.raises(MoneyError, match="too large"):
        parse_money(text)


def test_the_largest_amount_is_accepted() -> None:
    assert parse_money("999999999999.99") == Decimal("999999999999.99")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "expected an amount such as 12.50"),
        ("abc", '"abc" is not a number'),
        ("NaN", '"NaN" is not a number'),
        ("1.234", '"1.234" has more than two decimals'),
        ("-1", '"-1" is negative'),
        ("12,50", '"12,50" uses a comma for decimals; write a dot'),
        ("1,5", '"1,5" uses a comma for decimals'),
        ("1e30", '"1e30" is not a number'),
        ("1_0", '"1_0" is not a number'),
        ("١٢", '"١٢" is not a number'),
        ("1,2345", '"1,2345" uses a comma for decimals'),
        ("12.", '"12." is not a number'),
        ("-", '"-" is not a number'),
        ("1,00,000", '"1,00,000" is not a number'),
        (".", '"." is not a number'),
        ("$5", '"$5" is not a number'),
    ],
)
def test_a_refusal_names_the_problem(text: str, problem: str) -> None:
    with pytest.raises(MoneyError) as refused:
        parse_money(text)
    assert str(refused.value).startswith(problem)


def test_negative_amounts_only_where_allowed() -> None:
    assert parse_money("-2.5", allow_negative=True) == Decimal("-2.50")


def test_a_text_parsed_again_gives_the_same_amount_and_the_same_refusal() -> None:
    """Each text is parsed once (a catalogue repeats its prices): a refusal is not kept."""
    assert parse_money("1,250.5") == parse_money("1,250.5") == Decimal("1250.50")
    for _ in range(2):
        with pytest.raises(MoneyError, match="comma for decimals"):
            parse_money("12,50")
    assert parse_money("-3", allow_negative=True) == Decimal("-3.00")
    with pytest.raises(MoneyError, match="negative"):
        parse_money("-3")


def test_a_refusal_quoting_a_line_break_stays_one_line() -> None:
    with pytest.raises(MoneyError) as refused:
        parse_money("a\nb")
    assert str(refused.value) == '"a\\nb" is not a number; expected an amount such as 12.50'
