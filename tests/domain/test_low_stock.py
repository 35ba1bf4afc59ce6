"""docs/stock-rules.md "Low stock": each sentence of the section as rows of a table."""

from __future__ import annotations

import pytest

from desktop.domain import rules, stock, texts
from desktop.domain.model import (
    Availability,
    Backorders,
    Configurator,
    Stock,
    StockDisplay,
    StockStatus,
)
from desktop.domain.rules import RuleError

NEVER, LOW, ALWAYS = StockDisplay.NEVER, StockDisplay.LOW, StockDisplay.ALWAYS
NO, NOTIFY, YES = Backorders.NO, Backorders.NOTIFY, Backorders.YES
OUT = StockStatus.OUT_OF_STOCK


def managed(quantity: int | None, low_amount: int | None = None, **kw: object) -> Stock:
    return Stock(manage=True, quantity=quantity, low_amount=low_amount, **kw)  # type: ignore[arg-type]


# (what the row shows, add-on, stock, threshold, expected low)
LOW_ROWS = [
    ("quantity at the default threshold 2 is low", True, managed(2), 2, True),
    ("quantity 1 is low", True, managed(1), 2, True),
    ("quantity above the threshold is not low", True, managed(3), 2, False),
    ("quantity 0 is out, not low", True, managed(0), 2, False),
    ("a negative quantity is out, not low", True, managed(-3), 2, False),
    ("no quantity is never low", True, managed(None), 2, False),
    ("the option's own amount wins over the threshold", True, managed(5, 5), 2, True),
    ("an own amount below the quantity", True, managed(2, 1), 2, False),
    ("an own amount of 0 means never low", True, managed(1, 0), 2, False),
    ("the configurator's threshold where the option has none", True, managed(7), 10, True),
    ("a manual Out of Stock is not low", True, managed(1, status=OUT), 2, False),
    ("not managed is never low", True, Stock(manage=False, quantity=1), 2, False),
    ("add-on off: no stock rule, never low", False, managed(1), 2, False),
]


@pytest.mark.parametrize(
    ("addon", "s", "threshold", "low"),
    [row[1:] for row in LOW_ROWS],
    ids=[row[0] for row in LOW_ROWS],
)
def test_low_is_managed_with_a_quantity_above_0_and_at_most_the_threshold(
    addon: bool, s: Stock, threshold: int, low: bool
) -> None:
    assert stock.is_low(addon, s, threshold) is low
    state = stock.option_state(addon, s, NO, threshold=threshold)
    assert state.low is low
    if low:  # a low option stays in stock and selectable
        assert (state.availability, state.selectable) == (Availability.IN_STOCK, True)


# (row, stock, backorders, display, expected notice)
NOTICE_ROWS = [
    ("never: a low option shows nothing", managed(2), NO, NEVER, ""),
    ("never: out of stock keeps its notice", managed(0), NO, NEVER, "Out of Stock"),
    ("low: a low option says how few", managed(2), NO, LOW, "Only 2 left in stock"),
    ("low: an option that is not low shows nothing", managed(9), NO, LOW, ""),
    (
        "low under notify: can be backordered",
        managed(1),
        NOTIFY,
        LOW,
        "Only 1 left in stock (can be backordered)",
    ),
    ("low under silent yes: no backorder words", managed(1), YES, LOW, "Only 1 left in stock"),
    ("always: every in-stock quantity", managed(9), NO, ALWAYS, "9 in stock"),
    ("always: a low one too", managed(2), NO, ALWAYS, "2 in stock"),
    ("always under notify", managed(9), NOTIFY, ALWAYS, "9 in stock (can be backordered)"),
    ("always: no quantity, nothing to count", managed(None), NO, ALWAYS, ""),
    ("always: out of stock keeps its notice", managed(0), NO, ALWAYS, "Out of Stock"),
    ("always: backorder keeps its notice", managed(-1), NOTIFY, ALWAYS, "Available on Backorder"),
    ("always: not managed shows nothing", Stock(manage=False, quantity=4), NO, ALWAYS, ""),
]


@pytest.mark.parametrize(
    ("s", "backorders", "display", "notice"),
    [row[1:] for row in NOTICE_ROWS],
    ids=[row[0] for row in NOTICE_ROWS],
)
def test_stock_display_sets_the_notice(
    s: Stock, backorders: Backorders, display: StockDisplay, notice: str
) -> None:
    assert stock.option_state(True, s, backorders, display=display).notice == notice


def test_units_sold_in_the_simulation_make_an_option_low() -> None:
    five = managed(5)
    assert not stock.option_state(True, five, NO, used=2, display=LOW).low
    state = stock.option_state(True, five, NO, used=3, display=LOW)
    assert (state.low, state.notice) == (True, "Only 2 left in stock")


def test_configurator_state_reads_the_configurator_settings() -> None:
    cfg = Configurator(
        name="C", backorders=NOTIFY, low_stock_threshold=4, stock_display=StockDisplay.LOW
    )
    state = stock.configurator_state(True, cfg, managed(4))
    assert (state.low, state.notice) == (True, "Only 4 left in stock (can be backordered)")


def test_describe_marks_a_low_option() -> None:
    assert "low stock (2 or fewer)" in stock.describe(True, managed(2), NO, 2)
    assert "low" not in stock.describe(True, managed(3), NO, 2)


def test_the_shopper_texts_are_woocommerce_s() -> None:
    assert texts.only_left(2) == "Only 2 left in stock"
    assert texts.in_stock_count(5) == "5 in stock"
    assert texts.CAN_BE_BACKORDERED == " (can be backordered)"


@pytest.mark.parametrize("value", [-1, 1_000_000, 1.5, "2", True])
def test_threshold_and_amount_refuse_what_is_not_a_count(value: object) -> None:
    with pytest.raises(RuleError):
        rules.low_stock_threshold(value)
    with pytest.raises(RuleError):
        rules.low_stock_amount(value)


def test_low_stock_amount_may_be_empty_and_display_is_one_of_three() -> None:
    assert rules.low_stock_amount(None) is None
    assert rules.low_stock_threshold(0) == 0
    assert rules.stock_display("low") is StockDisplay.LOW
    with pytest.raises(RuleError, match='"never", "low", "always"'):
        rules.stock_display("sometimes")
