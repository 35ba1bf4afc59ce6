"""What the preview's order panel and option notices ask of the domain (docs/orders.md): the
held-stock notice, the actions an order's status allows, the shoppers in order."""

from __future__ import annotations

import pytest

from desktop.domain import texts
from desktop.domain.model import Backorders, StockStatus
from desktop.domain.orders import Payment
from tests.domain.test_orders import PURPLE, RED, YELLOW, buy, opt, shop


def test_a_unit_held_by_a_pending_order_reads_in_the_notice() -> None:
    front = shop(payment=Payment.PENDING)
    red = opt(front.configurator, RED)
    red.stock.quantity = 1
    buy(front, RED)
    front.switch_shopper("second")
    state = front.state(red)
    assert state.notice == "1 left, 1 held by another order"
    assert state.notice == texts.held_notice(1, 1, 1)
    assert not state.selectable and state.availability.value == "out_of_stock"


def test_a_partly_held_option_stays_selectable_and_counts_every_holding_order() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, YELLOW, 2)  # Yellow has 5
    front.switch_shopper("second")
    buy(front, YELLOW, 1)
    state = front.state(opt(front.configurator, YELLOW))
    assert state.selectable
    assert state.notice == "5 left, 3 held by 2 other orders"


def test_the_notice_goes_when_the_hold_is_released() -> None:
    front = shop(payment=Payment.PENDING, hold=30)
    buy(front, RED)
    red = opt(front.configurator, RED)
    assert front.state(red).notice == "2 left, 1 held by another order"
    front.wait(30)  # the unpaid order is cancelled: its hold goes
    assert front.state(red).notice == ""
    buy(front, RED)
    assert front.order_action("pay", 2) is None  # paid: reduced, no longer held
    assert front.state(red).notice == ""
    assert front.quantity_left(red) == 1


@pytest.mark.parametrize(
    "change",
    ["status out", "quantity gone"],
)
def test_no_held_notice_where_the_hold_changes_nothing(change: str) -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, RED)
    red = opt(front.configurator, RED)
    if change == "status out":
        red.stock.status = StockStatus.OUT_OF_STOCK  # the merchant's override: out anyway
    else:
        red.stock.quantity = 0  # nothing left to hold
    assert front.state(red).notice == texts.NOTICE_OUT_OF_STOCK


def test_backorderable_options_are_never_held_so_never_noticed() -> None:
    front = shop(Backorders.NOTIFY, payment=Payment.PENDING)
    buy(front, PURPLE)
    assert front.state(opt(front.configurator, PURPLE)).notice == texts.NOTICE_BACKORDER


def test_allowed_actions_follow_the_status() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, YELLOW, 2)
    book = front.book
    assert book.allowed(1) == ["pay", "cancel"]
    front.order_action("pay", 1)
    assert book.allowed(1) == ["complete", "cancel", "refund"]
    front.order_action("complete", 1)
    assert book.allowed(1) == ["cancel", "refund"]
    yellow = opt(front.configurator, YELLOW)
    assert front.refund(1, {yellow: 1}, restock=False) is None
    assert book.allowed(1) == ["cancel", "refund"]  # one unit left to refund
    assert front.refund(1, {yellow: 1}, restock=False) is None
    assert book.allowed(1) == []  # refunded: nothing applies
    assert book.allowed(7) == []


def test_shoppers_are_listed_in_the_order_they_came_and_reset_forgets_them() -> None:
    front = shop()
    front.switch_shopper("second")
    front.switch_shopper("third")
    front.switch_shopper("default")
    front.switch_shopper("second")
    assert front.shoppers == ["default", "second", "third"]
    front.reset_simulation()
    assert front.shoppers == ["default"] and front.shopper == "default"


def test_an_option_that_may_not_be_backordered_is_held_under_a_configurator_that_allows() -> None:
    front = shop(Backorders.NOTIFY, payment=Payment.PENDING)
    red = opt(front.configurator, RED)
    red.stock.backorders = Backorders.NO  # the option's own "Do not allow" wins
    buy(front, RED, 2)
    front.switch_shopper("second")
    assert front.state(red).notice == "2 left, 2 held by another order"
    assert not front.state(red).selectable
