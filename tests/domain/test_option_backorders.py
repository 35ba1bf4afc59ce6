"""Backorders per option (docs/stock-rules.md "Backorders per option"): the option's own setting
wins over the configurator's, the add-on switch still rules all; one table row per case, the
storefront and the order life following the same rule, and a Hypothesis property."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import stock, texts
from desktop.domain.model import Availability, Backorders, Layer, Stock, StockDisplay, StockStatus
from desktop.domain.orders import Payment
from desktop.domain.storefront import Order, Storefront
from tests.builders import grips

NO, NOTIFY, YES = Backorders.NO, Backorders.NOTIFY, Backorders.YES
OUT = Availability.OUT_OF_STOCK
BACK = Availability.BACKORDER
IN = Availability.IN_STOCK
AVAILABLE = Availability.AVAILABLE

# (add-on, configurator's setting, option's own setting) → what shoppers see of a managed
# option with nothing left: availability, selectable, notice.
OUT_OF_STOCK_TABLE = [
    # The option uses the configurator's setting (None): as before.
    (True, NO, None, OUT, False, texts.NOTICE_OUT_OF_STOCK),
    (True, NOTIFY, None, BACK, True, texts.NOTICE_BACKORDER),
    (True, YES, None, BACK, True, ""),
    # The option's own setting wins, whatever the configurator's.
    (True, NOTIFY, NO, OUT, False, texts.NOTICE_OUT_OF_STOCK),
    (True, YES, NO, OUT, False, texts.NOTICE_OUT_OF_STOCK),
    (True, NO, NOTIFY, BACK, True, texts.NOTICE_BACKORDER),
    (True, YES, NOTIFY, BACK, True, texts.NOTICE_BACKORDER),
    (True, NO, YES, BACK, True, ""),
    (True, NOTIFY, YES, BACK, True, ""),
    (True, NO, NO, OUT, False, texts.NOTICE_OUT_OF_STOCK),
    # The add-on off: no stock rule applies, whatever either setting says.
    *(
        (False, c, o, AVAILABLE, True, "")
        for c, o in itertools.product(Backorders, [None, *Backorders])
    ),
]


@pytest.mark.parametrize(
    ("addon", "configurator", "own", "availability", "selectable", "notice"), OUT_OF_STOCK_TABLE
)
def test_an_out_option_follows_its_own_setting_first(
    addon: bool,
    configurator: Backorders,
    own: Backorders | None,
    availability: Availability,
    selectable: bool,
    notice: str,
) -> None:
    for out in (
        Stock(manage=True, quantity=0),
        Stock(manage=True, status=StockStatus.OUT_OF_STOCK),
    ):
        out.backorders = own
        state = stock.option_state(addon, out, configurator)
        assert (state.availability, state.selectable, state.notice) == (
            availability,
            selectable,
            notice,
        )


@pytest.mark.parametrize(("configurator", "own"), itertools.product(Backorders, Backorders))
def test_an_unmanaged_option_is_available_whatever_its_setting(
    configurator: Backorders, own: Backorders
) -> None:
    state = stock.option_state(True, Stock(manage=False, quantity=0, backorders=own), configurator)
    assert state.availability is AVAILABLE


# (configurator's, option's own) → the setting that applies, may backorder, tells shoppers.
RESOLUTION_TABLE = [
    (NO, None, NO, False, False),
    (NOTIFY, None, NOTIFY, True, True),
    (YES, None, YES, True, False),
    (NOTIFY, NO, NO, False, False),
    (NO, NOTIFY, NOTIFY, True, True),
    (NO, YES, YES, True, False),
    (NOTIFY, YES, YES, True, False),
    (YES, NOTIFY, NOTIFY, True, True),
]


@pytest.mark.parametrize(("configurator", "own", "applies", "may", "tells"), RESOLUTION_TABLE)
def test_the_setting_that_applies(
    configurator: Backorders, own: Backorders | None, applies: Backorders, may: bool, tells: bool
) -> None:
    s = Stock(manage=True, quantity=0, backorders=own)
    assert stock.option_backorders(s, configurator) is applies
    assert stock.may_backorder(True, s, configurator) is may
    assert stock.tells_backorders(True, s, configurator) is tells
    # With the add-on off nothing is limited, so nothing is backordered or told.
    assert not stock.may_backorder(False, s, configurator)
    assert not stock.tells_backorders(False, s, configurator)


def test_in_stock_text_says_can_be_backordered_only_where_the_option_notifies() -> None:
    s = Stock(manage=True, quantity=5, backorders=NOTIFY)
    state = stock.option_state(True, s, NO, display=StockDisplay.ALWAYS)
    assert state.notice == "5 in stock" + texts.CAN_BE_BACKORDERED
    s.backorders = NO
    assert stock.option_state(True, s, NOTIFY, display=StockDisplay.ALWAYS).notice == "5 in stock"


def test_describe_says_the_setting_is_the_options_own() -> None:
    s = Stock(manage=True, quantity=0, backorders=NO)
    assert (
        stock.describe(True, s, NOTIFY) == "Out of Stock — 0 left, backorders off for this option"
    )
    s.backorders = None
    assert stock.describe(True, s, NOTIFY) == (
        "On Backorder — 0 left, backorders allowed, shoppers notified"
    )


def test_consistency_warning_follows_the_options_setting() -> None:
    empty = Stock(manage=True, quantity=0, backorders=NO)
    assert stock.consistency_warning(True, empty, YES)  # in stock, nothing left, no backorders
    empty.backorders = YES
    assert stock.consistency_warning(True, empty, NO) == ""


# --- the storefront and the orders follow the same rule --------------------------------------
def purple_shop(configurator: Backorders, own: Backorders | None) -> Storefront:
    cfg = grips(configurator)
    purple = cfg.find_path("Grip Color/Metallic Purple")
    assert purple is not None
    purple.stock.backorders = own
    front = Storefront(cfg)
    front.select_defaults()
    return front


def option(front: Storefront, name: str) -> Layer:
    found = front.configurator.find_path(f"Grip Color/{name}")
    assert found is not None
    return found


def test_do_not_allow_inside_a_configurator_that_allows_backorders() -> None:
    front = purple_shop(NOTIFY, NO)
    purple, red = option(front, "Metallic Purple"), option(front, "Metallic Red")
    assert not front.state(purple).selectable
    assert front.state(purple).notice == texts.NOTICE_OUT_OF_STOCK
    # Red, its sibling, still backorders under the configurator's "notify".
    assert front.select(red) is None
    assert front.add_to_cart(3) == []
    assert front.cart_labels() == {f"Metallic Red {texts.CART_BACKORDER_SUFFIX}": 1}
    order = front.checkout()
    assert isinstance(order, Order)
    assert [(n.name, n.units, n.notify) for n in order.backorders] == [("Metallic Red", 1, True)]
    assert order.notes == ("Metallic Red: " + texts.backordered_note(1),)


def test_a_do_not_allow_option_refuses_units_beyond_its_stock() -> None:
    front = purple_shop(YES, None)
    red = option(front, "Metallic Red")
    red.stock.backorders = NO
    front.stock_changed()
    assert front.select(red) is None
    assert front.add_to_cart(3) == [texts.not_enough_stock("Metallic Red", 2)]
    assert front.add_to_cart(2) == []


def test_an_option_that_notifies_inside_a_silent_configurator_is_labelled() -> None:
    front = purple_shop(YES, NOTIFY)
    purple, red = option(front, "Metallic Purple"), option(front, "Metallic Red")
    assert front.select(purple) is None
    assert front.add_to_cart(1) == []
    assert front.select(red) is None
    assert front.add_to_cart(3) == []  # red backorders 1 silently
    labels = front.cart_labels()
    assert f"Metallic Purple {texts.CART_BACKORDER_SUFFIX}" in labels
    assert "Metallic Red" in labels
    order = front.checkout()
    assert isinstance(order, Order)
    # The merchant sees both; the shopper is told only of purple.
    assert len(order.merchant_notes) == 2
    assert order.notes == ("Metallic Purple: " + texts.backordered_note(1),)


def test_a_pending_order_holds_only_the_options_that_may_not_be_backordered() -> None:
    front = purple_shop(NOTIFY, None)
    front.configurator.payment = Payment.PENDING
    red, yellow = option(front, "Metallic Red"), option(front, "Metallic Yellow")
    red.stock.backorders = NO
    for chosen in (red, yellow):
        assert front.select(chosen) is None
        assert front.add_to_cart(1) == []
    assert isinstance(front.checkout(), Order)
    # Red may not be backordered: its unit is held. Yellow may, under the configurator's
    # "notify": never held (WooCommerce holds no backorderable stock).
    assert front.book.held == {red: 1}


# --- a property: the option's own setting is exactly the configurator's setting for it -------
stocks = st.builds(
    Stock,
    manage=st.booleans(),
    sku=st.just(""),
    quantity=st.one_of(st.none(), st.integers(-3, 6)),
    status=st.sampled_from(StockStatus),
    low_amount=st.one_of(st.none(), st.integers(0, 4)),
)


@settings(max_examples=300)
@given(
    stocks,
    st.sampled_from(Backorders),
    st.one_of(st.none(), st.sampled_from(Backorders)),
    st.booleans(),
    st.integers(0, 4),
)
def test_an_options_own_setting_acts_as_the_configurators_would(
    s: Stock, configurator: Backorders, own: Backorders | None, addon: bool, used: int
) -> None:
    s.backorders = own
    applies = configurator if own is None else own
    plain = Stock(s.manage, s.sku, s.quantity, s.status, s.low_amount)
    assert stock.option_state(addon, s, configurator, used) == stock.option_state(
        addon, plain, applies, used
    )
    assert stock.consistency_warning(addon, s, configurator) == stock.consistency_warning(
        addon, plain, applies
    )
    if not addon:  # the add-on switch rules all
        assert stock.option_state(addon, s, configurator, used).availability is AVAILABLE
