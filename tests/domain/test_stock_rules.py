"""docs/stock-rules.md: every row of the availability table, and the quantity rules."""

from __future__ import annotations

import itertools

import pytest

from desktop.domain import stock, texts
from desktop.domain.model import Availability, Backorders, Stock, StockStatus

# "out?" is status Out of Stock, or a quantity that is set and at most zero.
OUT_STOCKS = {
    "quantity 0": Stock(manage=True, quantity=0),
    "quantity negative": Stock(manage=True, quantity=-3),
    "status out, quantity 4": Stock(manage=True, quantity=4, status=StockStatus.OUT_OF_STOCK),
    "status out, no quantity": Stock(manage=True, status=StockStatus.OUT_OF_STOCK),
}
IN_STOCKS = {
    "quantity 3": Stock(manage=True, quantity=3),
    "quantity 1": Stock(manage=True, quantity=1),
    "no quantity": Stock(manage=True),
}
ALL_STOCKS = {**OUT_STOCKS, **IN_STOCKS}


def unmanaged(s: Stock) -> Stock:
    return Stock(manage=False, sku=s.sku, quantity=s.quantity, status=s.status)


@pytest.mark.parametrize(
    ("label", "manage", "backorders"),
    list(itertools.product(ALL_STOCKS, (False, True), Backorders)),
)
def test_row_1_addon_off_everything_is_available(
    label: str, manage: bool, backorders: Backorders
) -> None:
    s = ALL_STOCKS[label] if manage else unmanaged(ALL_STOCKS[label])
    state = stock.option_state(False, s, backorders)
    assert (state.availability, state.selectable, state.notice) == (
        Availability.AVAILABLE,
        True,
        "",
    )


@pytest.mark.parametrize(("label", "backorders"), list(itertools.product(ALL_STOCKS, Backorders)))
def test_row_2_stock_not_managed_is_available(label: str, backorders: Backorders) -> None:
    state = stock.option_state(True, unmanaged(ALL_STOCKS[label]), backorders)
    assert (state.availability, state.selectable, state.notice) == (
        Availability.AVAILABLE,
        True,
        "",
    )


@pytest.mark.parametrize(("label", "backorders"), list(itertools.product(IN_STOCKS, Backorders)))
def test_row_3_managed_and_not_out_is_in_stock(label: str, backorders: Backorders) -> None:
    state = stock.option_state(True, IN_STOCKS[label], backorders)
    assert (state.availability, state.selectable, state.notice) == (
        Availability.IN_STOCK,
        True,
        "",
    )


@pytest.mark.parametrize(
    ("backorders", "availability", "selectable", "notice"),
    [
        (Backorders.NO, Availability.OUT_OF_STOCK, False, "Out of Stock"),
        (Backorders.NOTIFY, Availability.BACKORDER, True, "Available on Backorder"),
        (Backorders.YES, Availability.BACKORDER, True, ""),
    ],
    ids=["row 4 no", "row 5 notify", "row 6 yes"],
)
@pytest.mark.parametrize("label", OUT_STOCKS)
def test_rows_4_to_6_an_out_option_follows_the_backorder_setting(
    label: str, backorders: Backorders, availability: Availability, selectable: bool, notice: str
) -> None:
    state = stock.option_state(True, OUT_STOCKS[label], backorders)
    assert (state.availability, state.selectable, state.notice) == (
        availability,
        selectable,
        notice,
    )


def test_the_notices_are_the_shared_texts() -> None:
    assert (texts.NOTICE_OUT_OF_STOCK, texts.NOTICE_BACKORDER) == (
        "Out of Stock",
        "Available on Backorder",
    )


def test_units_already_sold_in_the_simulation_count_against_the_quantity() -> None:
    five = Stock(manage=True, quantity=5)
    assert stock.option_state(True, five, Backorders.NO, used=4).availability == "in_stock"
    assert stock.option_state(True, five, Backorders.NO, used=5).availability == "out_of_stock"


@pytest.mark.parametrize(
    ("s", "units", "backordered"),
    [
        (Stock(manage=True, quantity=5), 5, 0),
        (Stock(manage=True, quantity=5), 6, 1),
        (Stock(manage=True, quantity=0), 3, 3),
        # Beyond max(quantity, 0): a negative quantity does not backorder more than asked.
        (Stock(manage=True, quantity=-4), 2, 2),
        (Stock(manage=True), 100, 0),
        # Status Out of Stock: every unit is backordered, whatever the quantity says.
        (Stock(manage=True, quantity=9, status=StockStatus.OUT_OF_STOCK), 2, 2),
    ],
)
def test_units_beyond_the_stock_are_backordered(s: Stock, units: int, backordered: int) -> None:
    assert stock.backordered_units(s, units) == backordered


def test_purchasable_units_never_negative_and_none_means_unlimited() -> None:
    assert stock.purchasable_units(Stock(manage=True, quantity=-2)) == 0
    assert stock.purchasable_units(Stock(manage=True, quantity=3), used=1) == 2
    assert stock.purchasable_units(Stock(manage=True)) is None
    out = Stock(manage=True, status=StockStatus.OUT_OF_STOCK)
    assert stock.purchasable_units(out) == 0


def test_consistency_warning_only_where_status_and_quantity_contradict() -> None:
    agree = Stock(manage=True, quantity=3)
    assert stock.consistency_warning(True, agree, Backorders.NO) == ""
    in_but_empty = Stock(manage=True, quantity=0)
    assert "Out of Stock" in stock.consistency_warning(True, in_but_empty, Backorders.NO)
    # Out of Stock over units in stock is the merchant's override: a note, never a warning.
    out_but_full = Stock(manage=True, quantity=4, status=StockStatus.OUT_OF_STOCK)
    for backorders in Backorders:
        assert stock.consistency_warning(True, out_but_full, backorders) == ""
    assert stock.consistency_warning(False, in_but_empty, Backorders.NO) == ""


@pytest.mark.parametrize("backorders", [Backorders.NOTIFY, Backorders.YES])
@pytest.mark.parametrize("quantity", [0, -4])
def test_in_stock_with_nothing_left_is_the_ordinary_backorder_case(
    backorders: Backorders, quantity: int
) -> None:
    # The demo's Metallic Purple: 0, In Stock, backorders with notice.
    assert stock.consistency_warning(True, Stock(manage=True, quantity=quantity), backorders) == ""


def test_status_note_informs_of_a_manual_out_of_stock_holding_units_back() -> None:
    out_but_full = Stock(manage=True, quantity=4, status=StockStatus.OUT_OF_STOCK)
    assert stock.status_note(True, out_but_full) == (
        'Set to "Out of Stock" by hand: the 4 units in stock are held back until the status '
        'is "In Stock" again.'
    )
    one = Stock(manage=True, quantity=1, status=StockStatus.OUT_OF_STOCK)
    assert "the 1 unit in stock is held back" in stock.status_note(True, one)
    assert stock.status_note(False, out_but_full) == ""
    assert stock.status_note(True, Stock(manage=True, quantity=4)) == ""
    empty_out = Stock(manage=True, quantity=0, status=StockStatus.OUT_OF_STOCK)
    assert stock.status_note(True, empty_out) == ""


@pytest.mark.parametrize(
    ("addon", "s", "takes"),
    [
        (True, Stock(manage=True, quantity=0), True),
        (True, Stock(manage=True), False),  # no quantity tracked: nothing to reduce
        (True, Stock(manage=False, quantity=5), False),
        (False, Stock(manage=True, quantity=5), False),
    ],
)
def test_an_order_takes_stock_only_where_a_managed_quantity_is_tracked(
    addon: bool, s: Stock, takes: bool
) -> None:
    assert stock.order_takes_stock(addon, s) is takes


@pytest.mark.parametrize(
    ("addon", "s", "backorders", "words"),
    [
        (
            True,
            Stock(manage=True, quantity=0),
            Backorders.NO,
            "Out of Stock — 0 left, backorders off",
        ),
        (
            True,
            Stock(manage=True, status=StockStatus.OUT_OF_STOCK),
            Backorders.NOTIFY,
            "On Backorder — status set to Out of Stock, no quantity tracked, "
            "backorders allowed, shoppers notified",
        ),
        (
            True,
            Stock(manage=True, quantity=3),
            Backorders.YES,
            "In Stock — 3 left, backorders allowed silently",
        ),
        (True, Stock(manage=False, quantity=3), Backorders.NO, "Available — stock not managed"),
        (False, Stock(manage=True, quantity=0), Backorders.NO, texts.ADDON_OFF_WORDS),
    ],
)
def test_describe_puts_the_availability_and_its_reasons_in_words(
    addon: bool, s: Stock, backorders: Backorders, words: str
) -> None:
    assert stock.describe(addon, s, backorders) == words


def test_a_status_quantity_clash_says_what_shoppers_see() -> None:
    in_but_empty = Stock(manage=True, quantity=0)
    assert stock.consistency_warning(True, in_but_empty, Backorders.NO) == (
        'Status says "In Stock" but the quantity is 0 and backorders are off: '
        "shoppers see this option Out of Stock."
    )


@pytest.mark.parametrize(
    ("quantity", "words"), [(5, "5 left"), (0, "0 left"), (-4, "4 backordered")]
)
def test_negative_stock_reads_as_backordered_units(quantity: int, words: str) -> None:
    assert texts.quantity_words(quantity) == words
    described = stock.describe(True, Stock(manage=True, quantity=quantity), Backorders.NOTIFY)
    assert f"— {words}," in described
    assert "-" not in described.split("—")[1]


def test_plurals_and_sentences() -> None:
    assert texts.plural(1, "item") == "1 item"
    assert texts.plural(0, "item") == "0 items"
    assert texts.plural(3, "item") == "3 items"
    assert texts.layers_under(1) == "the layer under it"
    assert texts.layers_under(2) == "the 2 layers under it"
    assert texts.as_sentence('another layer is already named "Red"') == (
        'Another layer is already named "Red".'
    )
    assert texts.as_sentence("Price: must not be empty.") == "Price: must not be empty."
    assert texts.as_sentence("") == ""
