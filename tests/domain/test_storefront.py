"""docs/stock-rules.md's shopper rules through `Storefront`: selection, cart, checkout, simulated
stock."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.domain import texts
from desktop.domain.model import Backorders, Configurator, Layer
from desktop.domain.storefront import Order, Storefront
from tests.builders import configurator, grips, group, option


def shop(cfg: Configurator, addon: bool = True) -> Storefront:
    front = Storefront(cfg, addon_active=addon)
    front.select_defaults()
    return front


def opt(cfg: Configurator, path: str) -> Layer:
    found = cfg.find_path(path)
    assert found is not None, path
    return found


def checkout(front: Storefront) -> Order:
    placed = front.checkout()
    assert isinstance(placed, Order), placed
    return placed


# --- quantities ----------------------------------------------------------------------------
def test_units_beyond_the_quantity_are_backordered_and_labelled_under_notify() -> None:
    cfg = grips(Backorders.NOTIFY)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Red"))
    assert front.add_to_cart(3) == []
    (line,) = front.cart().lines
    (item,) = line.items
    assert item.backordered == 1
    assert item.label == "Metallic Red (Available Backorder)"


def test_silent_backorders_backorder_without_a_label() -> None:
    cfg = grips(Backorders.YES)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Purple"))
    assert front.add_to_cart(2) == []
    (item,) = front.cart().lines[0].items
    assert (item.label, item.backordered) == ("Metallic Purple", 2)


def test_negative_quantity_backorders_only_the_units_ordered() -> None:
    cfg = grips(Backorders.NOTIFY)
    opt(cfg, "Grip Color/Metallic Purple").stock.quantity = -4
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Purple"))
    front.add_to_cart(1)
    assert front.cart().lines[0].items[0].backordered == 1


def test_without_backorders_too_many_units_are_refused_and_nothing_is_added() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Red"))
    assert front.add_to_cart(3) == ['Not enough stock for "Metallic Red" (2 remaining).']
    assert front.cart().lines == ()


def test_the_cart_counts_an_options_units_across_lines() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Red"))
    assert front.add_to_cart(1) == []
    assert front.add_to_cart(2) == [texts.not_enough_stock("Metallic Red", 1)]
    assert front.add_to_cart(1) == []
    assert front.add_to_cart(1) == [texts.not_enough_stock("Metallic Red", 0)]
    assert [line.quantity for line in front.cart().lines] == [1, 1]


def test_backordered_units_follow_the_running_total_across_lines() -> None:
    cfg = grips(Backorders.NOTIFY)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Red"))
    front.add_to_cart(1)
    front.add_to_cart(2)
    first, second = front.cart().lines
    assert [first.items[0].backordered, second.items[0].backordered] == [0, 1]
    assert first.items[0].label == "Metallic Red"
    assert second.items[0].label == "Metallic Red (Available Backorder)"


def test_status_out_of_stock_backorders_every_unit() -> None:
    cfg = grips(Backorders.NOTIFY)
    yellow = opt(cfg, "Grip Color/Metallic Yellow")
    yellow.stock.status = yellow.stock.status.OUT_OF_STOCK
    front = shop(cfg)
    front.select(yellow)
    front.add_to_cart(2)
    assert front.cart().lines[0].items[0].backordered == 2


def test_addon_off_applies_no_stock_rule() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg, addon=False)
    purple = opt(cfg, "Grip Color/Metallic Purple")
    assert front.select(purple) is None
    assert front.add_to_cart(4) == []
    assert front.cart().lines[0].items[0].backordered == 0
    checkout(front)
    assert front.quantity_left(purple) == 0


# --- selection -----------------------------------------------------------------------------
def test_defaults_are_preselected() -> None:
    cfg = grips()
    assert [o.name for o in shop(cfg).selected()] == ["Metallic Yellow"]


def test_a_default_that_cannot_be_chosen_is_not_preselected() -> None:
    cfg = configurator(
        group("Finish", option("Gloss", manage=True, qty=0, default=True), option("Matte")),
        backorders=Backorders.NO,
    )
    assert shop(cfg).selected() == []


def test_nothing_is_chosen_in_place_of_a_required_groups_unselectable_default() -> None:
    cfg = grips(Backorders.NO)
    opt(cfg, "Grip Color/Metallic Yellow").stock.quantity = 0
    front = shop(cfg)
    assert front.selected() == []
    assert front.add_to_cart(1) == [texts.choose_option("Grip Color")]


def test_a_required_group_with_nothing_selected_blocks_add_to_cart() -> None:
    cfg = configurator(group("Grip Color", option("Blue"), option("Green"), required=True))
    front = shop(cfg)
    assert front.add_to_cart(1) == ['Please choose an option for "Grip Color".']
    assert front.cart().lines == ()


def test_selecting_an_option_that_is_out_of_stock_is_refused() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg)
    purple = opt(cfg, "Grip Color/Metallic Purple")
    assert front.select(purple) == texts.not_selectable("Metallic Purple")
    assert purple not in front.selection


def test_single_choice_replaces_and_multiple_choice_adds() -> None:
    cfg = configurator(
        group("Grip", option("A", default=True), option("B"), required=True),
        group("Extras", option("X"), option("Y"), multiple=True),
    )
    front = shop(cfg)
    front.select(opt(cfg, "Grip/B"))
    front.select(opt(cfg, "Extras/X"))
    front.select(opt(cfg, "Extras/Y"))
    assert [o.path for o in front.selected()] == ["Grip/B", "Extras/X", "Extras/Y"]


# --- pricing -------------------------------------------------------------------------------
def test_unit_price_is_base_plus_options_with_sale_price_where_set() -> None:
    cfg = configurator(
        group("Grip", option("Red", price="3.00", default=True), required=True),
        group("Sticks", option("Gold", price="8.00", sale="5.00", default=True)),
        base="49.00",
    )
    front = shop(cfg)
    assert front.unit_price() == Decimal("57.00")
    front.add_to_cart(2)
    (line,) = front.cart().lines
    assert (line.unit_price, line.total, front.cart().subtotal) == (
        Decimal("57.00"),
        Decimal("114.00"),
        Decimal("114.00"),
    )


def test_backordered_items_are_priced_like_any_other() -> None:
    cfg = grips(Backorders.NOTIFY)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Purple"))
    front.add_to_cart(1)
    assert front.cart().subtotal == Decimal("54.00")


# --- checkout ------------------------------------------------------------------------------
def test_checkout_lists_backordered_units_and_notes_under_notify() -> None:
    cfg = grips(Backorders.NOTIFY)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Purple"))
    front.add_to_cart(2)
    order = checkout(front)
    assert [(note.name, note.units) for note in order.backorders] == [("Metallic Purple", 2)]
    assert order.notes == ("Metallic Purple: Backordered: 2 — will be shipped once restocked",)
    assert order.subtotal == Decimal("108.00")
    assert front.cart().lines == ()


def test_silent_backorders_give_no_notes_but_still_count_units() -> None:
    cfg = grips(Backorders.YES)
    front = shop(cfg)
    front.select(opt(cfg, "Grip Color/Metallic Purple"))
    front.add_to_cart(1)
    order = checkout(front)
    assert order.notes == ()
    assert [note.units for note in order.backorders] == [1]


def test_an_empty_cart_cannot_be_checked_out() -> None:
    assert shop(grips()).checkout() == ["Your cart is empty."]


def test_checkout_reduces_the_simulated_stock_not_the_stored_one() -> None:
    cfg = grips(Backorders.NOTIFY)
    front = shop(cfg)
    front.add_to_cart(2)
    front.select(opt(cfg, "Grip Color/Metallic Purple"))
    front.add_to_cart(1)
    checkout(front)
    assert front.stock_after() == {
        "Grip Color/Metallic Yellow": 3,
        "Grip Color/Metallic Red": 2,
        "Grip Color/Metallic Purple": -1,
    }
    assert opt(cfg, "Grip Color/Metallic Yellow").stock.quantity == 5


@pytest.mark.parametrize(
    ("backorders", "availability", "notice"),
    [
        (Backorders.NO, "out_of_stock", "Out of Stock"),
        (Backorders.NOTIFY, "backorder", "Available on Backorder"),
    ],
)
def test_the_sixth_order_of_an_option_with_five_in_stock(
    backorders: Backorders, availability: str, notice: str
) -> None:
    cfg = grips(backorders)
    yellow = opt(cfg, "Grip Color/Metallic Yellow")
    front = shop(cfg)
    for _ in range(5):
        front.select(yellow)
        assert front.add_to_cart(1) == []
        checkout(front)
    state = front.state(yellow)
    assert (state.availability, state.notice) == (availability, notice)
    assert front.select(yellow) == (None if state.selectable else texts.not_selectable(yellow.name))


def test_checkout_refuses_when_stock_ran_out_since_adding() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg)
    front.add_to_cart(2)
    opt(cfg, "Grip Color/Metallic Yellow").stock.quantity = 1  # the merchant edits meanwhile
    assert front.checkout() == [texts.not_enough_stock("Metallic Yellow", 1)]


def test_reset_simulation_starts_afresh_from_the_stored_values() -> None:
    cfg = grips(Backorders.NO)
    yellow = opt(cfg, "Grip Color/Metallic Yellow")
    front = shop(cfg)
    front.add_to_cart(5)
    checkout(front)
    front.select(opt(cfg, "Grip Color/Metallic Red"))
    front.add_to_cart(1)
    assert front.state(yellow).availability == "out_of_stock"
    front.reset_simulation()
    assert front.state(yellow).availability == "in_stock"
    assert (front.orders, front.cart().lines) == ([], ())
    assert front.selected() == [yellow]


# --- what would be refused, asked without acting (issue 15: no stale messages) -------------
def test_each_cart_line_says_whether_it_can_still_be_bought() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg)
    assert front.add_to_cart(3) == [] and front.add_to_cart(2) == []
    assert [line.buyable for line in front.cart().lines] == [True, True]
    opt(cfg, "Grip Color/Metallic Yellow").stock.quantity = 4
    first, second = front.cart().lines
    assert first.buyable and first.shortages == ()
    # Earlier lines take the stock first: the second meets what is left.
    assert second.shortages == (texts.not_enough_stock("Metallic Yellow", 1),)
    assert front.cart().shortages == second.shortages
    opt(cfg, "Grip Color/Metallic Yellow").stock.quantity = 2
    assert [line.buyable for line in front.cart().lines] == [False, False]
    front.addon_active = False  # no stock rule applies any more
    assert all(line.buyable for line in front.cart().lines)


def test_add_refusals_asks_without_adding() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg)
    refusal = [texts.not_enough_stock("Metallic Yellow", 5)]
    assert front.add_refusals(6) == refusal
    assert front.add_to_cart(6) == refusal
    assert front.add_refusals(5) == []
    assert front.cart().lines == ()  # asking never adds
    with pytest.raises(ValueError):
        front.add_refusals(0)


def test_selection_refusal_asks_without_selecting() -> None:
    cfg = grips(Backorders.NO)
    front = shop(cfg)
    purple = opt(cfg, "Grip Color/Metallic Purple")
    assert front.selection_refusal(purple) == texts.not_selectable("Metallic Purple")
    assert front.selection_refusal(purple, on=False) is None
    purple.stock.quantity = 1
    assert front.selection_refusal(purple) is None
    assert not front.is_selected(purple)
