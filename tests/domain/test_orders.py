"""WooCommerce's rules after checkout (docs/orders.md), one test (or table row) per rule,
against the domain storefront: statuses, held stock, cancel, refund, simulated time, notes,
the "Backordered" meta and the shop's stock notifications."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain import texts
from desktop.domain.model import Backorders, Configurator, Layer
from desktop.domain.orders import NotificationKind, OrderStatus, Payment
from desktop.domain.storefront import Order, Storefront
from tests.builders import grips

YELLOW, RED, PURPLE = (
    "Grip Color/Metallic Yellow",
    "Grip Color/Metallic Red",
    "Grip Color/Metallic Purple",
)


def shop(
    backorders: Backorders = Backorders.NO,
    payment: Payment = Payment.PAID,
    hold: int = 60,
) -> Storefront:
    front = Storefront(grips(backorders))
    front.configurator.payment = payment
    front.configurator.hold_minutes = hold
    front.select_defaults()
    return front


def opt(cfg: Configurator, path: str) -> Layer:
    found = cfg.find_path(path)
    assert found is not None, path
    return found


def buy(front: Storefront, path: str, units: int = 1) -> Order:
    option = opt(front.configurator, path)
    assert front.select(option) is None
    assert front.add_to_cart(units) == []
    placed = front.checkout()
    assert isinstance(placed, Order), placed
    return placed


def left(front: Storefront, path: str) -> int | None:
    return front.quantity_left(opt(front.configurator, path))


def notes(front: Storefront, number: int) -> list[str]:
    return front.book.lives[number].notes


# --- stock is reduced once per order, when it is paid ----------------------------------------
def test_a_paid_checkout_is_processing_reduced_once_with_wc_note() -> None:
    front = shop()
    order = buy(front, YELLOW, 2)
    assert front.book.status(order.number) is OrderStatus.PROCESSING
    assert left(front, YELLOW) == 3
    assert notes(front, 1) == [
        "Order status changed from Pending payment to Processing.",
        "Stock levels reduced: Metallic Yellow 5→3",
    ]
    assert front.order_action("complete", 1) is None
    assert left(front, YELLOW) == 3  # completing does not reduce again
    assert front.book.status(1) is OrderStatus.COMPLETED


def test_a_pending_order_reduces_nothing_until_paid_then_once() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, YELLOW, 2)
    assert front.book.status(1) is OrderStatus.PENDING
    assert left(front, YELLOW) == 5
    assert front.order_action("pay", 1) is None
    assert left(front, YELLOW) == 3
    assert front.order_action("pay", 1) == "Order #1 cannot be paid: it is Processing."
    assert left(front, YELLOW) == 3


# --- cancelling restores exactly what was reduced ------------------------------------------------
def test_cancel_restores_exactly_what_the_order_reduced() -> None:
    front = shop(Backorders.NOTIFY)
    buy(front, PURPLE, 2)
    assert left(front, PURPLE) == -2
    assert front.order_action("cancel", 1) is None
    assert left(front, PURPLE) == 0
    assert notes(front, 1)[-1] == "Stock levels increased: Metallic Purple -2→0"
    assert front.order_action("cancel", 1) == "Order #1 cannot be cancelled: it is Cancelled."
    assert left(front, PURPLE) == 0


def test_cancel_after_a_restock_puts_back_the_reduction_on_top_of_the_new_quantity() -> None:
    front = shop()
    buy(front, YELLOW, 2)
    yellow = opt(front.configurator, YELLOW)
    yellow.stock = dataclasses.replace(yellow.stock, quantity=7)
    front.used.pop(yellow)  # the merchant's new count: what the option has now
    front.order_action("cancel", 1)
    assert left(front, YELLOW) == 9


def test_cancelling_an_unpaid_order_restores_nothing_and_releases_its_hold() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, RED, 2)
    assert front.book.held == {opt(front.configurator, RED): 2}
    front.order_action("cancel", 1)
    assert front.book.held == {}
    assert left(front, RED) == 2
    assert not any(n.startswith("Stock levels") for n in notes(front, 1))


# --- refunds restock only when asked and only what the line reduced -------------------------------
@pytest.mark.parametrize(
    ("restock", "after"),
    [(True, 4), (False, 3)],
)
def test_a_refund_restocks_only_when_asked(restock: bool, after: int) -> None:
    front = shop()
    buy(front, YELLOW, 2)
    yellow = opt(front.configurator, YELLOW)
    assert front.refund(1, {yellow: 1}, restock) is None
    assert left(front, YELLOW) == after
    assert front.book.status(1) is OrderStatus.PROCESSING  # part of the order only


def test_a_refund_never_restocks_more_than_the_line_reduced() -> None:
    front = shop()
    yellow = opt(front.configurator, YELLOW)
    yellow.stock = dataclasses.replace(yellow.stock, manage=False)
    buy(front, YELLOW, 2)  # not managed when ordered: the order reduced nothing
    yellow.stock = dataclasses.replace(yellow.stock, manage=True)
    assert front.refund(1, {yellow: 2}, restock=True) is None
    assert left(front, YELLOW) == 5
    assert front.book.status(1) is OrderStatus.REFUNDED


def test_cancel_after_a_partial_refund_gives_back_only_what_is_still_reduced() -> None:
    front = shop()
    buy(front, YELLOW, 3)
    yellow = opt(front.configurator, YELLOW)
    front.refund(1, {yellow: 1}, restock=False)
    front.refund(1, {yellow: 1}, restock=True)
    assert left(front, YELLOW) == 3
    front.order_action("cancel", 1)  # 2 of the 3 reduced are still out
    assert left(front, YELLOW) == 5
    assert front.refund(1, {yellow: 1}, True) == "Order #1 cannot be refunded: it is Cancelled."


def test_refunding_every_unit_refunds_the_order_and_too_many_is_refused() -> None:
    front = shop()
    order = buy(front, YELLOW, 2)
    yellow = opt(front.configurator, YELLOW)
    assert front.refund(1, {yellow: 3}, True) == (
        'Order #1: "Metallic Yellow" has 2 left to refund.'
    )
    every = {item.option: 2 for line in order.lines for item in line.items}
    assert front.refund(1, every, True) is None
    assert front.book.status(1) is OrderStatus.REFUNDED
    assert left(front, YELLOW) == 5


# --- held stock ------------------------------------------------------------------------------
def test_an_unpaid_order_holds_its_units_from_every_other_order() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, RED, 2)  # Red has 2: both held
    red = opt(front.configurator, RED)
    front.switch_shopper("second")
    assert not front.state(red).selectable
    assert front.select(red) == texts.not_selectable("Metallic Red")
    assert left(front, RED) == 2  # held, not reduced


def test_a_partly_held_option_sells_only_what_is_not_held() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, YELLOW, 3)  # Yellow has 5, 3 held
    front.switch_shopper("second")
    yellow = opt(front.configurator, YELLOW)
    front.select(yellow)
    assert front.add_to_cart(3) == [texts.not_enough_stock("Metallic Yellow", 2)]
    assert front.add_to_cart(2) == []


@pytest.mark.parametrize("backorders", [Backorders.NOTIFY, Backorders.YES])
def test_what_may_be_backordered_is_never_held(backorders: Backorders) -> None:
    front = shop(backorders, payment=Payment.PENDING)
    buy(front, RED, 2)
    assert front.book.held == {}
    front.switch_shopper("second")
    assert front.state(opt(front.configurator, RED)).availability.value == "in_stock"


def test_an_unpaid_order_is_cancelled_when_its_hold_runs_out() -> None:
    front = shop(payment=Payment.PENDING, hold=30)
    buy(front, RED, 2)
    assert front.wait(29) == []
    assert front.book.status(1) is OrderStatus.PENDING
    assert front.wait(1) == [1]
    assert front.book.status(1) is OrderStatus.CANCELLED
    assert front.book.held == {}
    assert notes(front, 1) == [
        "Unpaid order cancelled - time limit reached. "
        "Order status changed from Pending payment to Cancelled."
    ]


def test_no_hold_minutes_hold_nothing_and_never_expire() -> None:
    front = shop(payment=Payment.PENDING, hold=0)
    buy(front, RED, 2)
    assert front.book.held == {}
    front.wait(10_000)
    assert front.book.status(1) is OrderStatus.PENDING


def test_a_paid_order_releases_its_hold() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, RED, 1)
    front.order_action("pay", 1)
    assert front.book.held == {}
    assert left(front, RED) == 1
    assert front.wait(600) == []
    assert front.book.status(1) is OrderStatus.PROCESSING


# --- "Backordered: N" only under notify ------------------------------------------------------
@pytest.mark.parametrize(
    ("backorders", "shopper_sees"),
    [(Backorders.NOTIFY, True), (Backorders.YES, False)],
)
def test_backordered_meta_only_under_notify_while_the_merchant_always_sees_it(
    backorders: Backorders, shopper_sees: bool
) -> None:
    front = shop(backorders)
    order = buy(front, RED, 3)  # 2 in stock: 1 backordered
    line = "Metallic Red: " + texts.backordered_note(1)
    assert order.merchant_notes == (line,)
    assert order.notes == ((line,) if shopper_sees else ())


# --- notifications ---------------------------------------------------------------------------
# (quantity, low stock amount of the option, notify no stock at, units bought) → emails.
NOTIFICATION_RULES = {
    "above every threshold: none": (5, None, 0, 1, []),
    "at the configurator's threshold (2): low": (
        4, None, 0, 2, ["Metallic Yellow is low in stock. There are 2 left."],
    ),
    "the option's own amount wins: low at 3": (
        5, 3, 0, 2, ["Metallic Yellow is low in stock. There are 3 left."],
    ),
    "the option's own amount wins: 0 never low": (5, 0, 0, 4, []),
    "at the no-stock amount: out of stock, not low": (
        2, None, 0, 2, ["Metallic Yellow is out of stock."],
    ),
    "a raised no-stock amount": (3, None, 1, 2, ["Metallic Yellow is out of stock."]),
    "below 0: out of stock and backordered units of this reduction": (
        1, None, 0, 3, [
            "Metallic Yellow is out of stock.",
            "3 units of Metallic Yellow have been backordered in order #1.",
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("rule", NOTIFICATION_RULES)
def test_notifications_after_a_reduction_in_woocommerce_words(rule: str) -> None:
    quantity, own, no_stock_at, units, expected = NOTIFICATION_RULES[rule]
    front = shop(Backorders.NOTIFY)
    front.configurator.notify_no_stock_at = no_stock_at
    yellow = opt(front.configurator, YELLOW)
    yellow.stock = dataclasses.replace(yellow.stock, quantity=quantity, low_amount=own)
    buy(front, YELLOW, units)
    assert [n.text for n in front.book.notifications] == expected


def test_notifications_come_with_their_kind_and_only_after_a_reduction() -> None:
    front = shop(Backorders.NOTIFY, payment=Payment.PENDING)
    buy(front, PURPLE, 1)
    assert front.book.notifications == []  # unpaid: nothing reduced yet
    front.order_action("pay", 1)
    kinds = [n.kind for n in front.book.notifications]
    assert kinds == [NotificationKind.NO_STOCK, NotificationKind.BACKORDER]


# --- several shoppers --------------------------------------------------------------------------
def test_shoppers_keep_their_own_selection_and_cart_and_share_stock_and_numbering() -> None:
    front = shop()
    red = opt(front.configurator, RED)
    front.select(red)
    front.add_to_cart(1)
    front.switch_shopper("second")
    assert front.line_count == 0
    assert red not in front.selection  # defaults only: Yellow
    order = buy(front, RED, 1)
    assert (order.number, order.shopper) == (1, "second")
    front.switch_shopper("default")
    assert front.line_count == 1 and red in front.selection
    placed = front.checkout()
    assert isinstance(placed, Order) and (placed.number, placed.shopper) == (2, "default")
    assert left(front, RED) == 0


def test_reset_starts_afresh_with_the_default_shopper_and_no_orders() -> None:
    front = shop(payment=Payment.PENDING)
    buy(front, RED, 1)
    front.switch_shopper("second")
    front.reset_simulation()
    assert front.shopper == "default"
    assert front.book.lives == {} and front.book.held == {} and front.orders == []
    assert front.order_action("pay", 1) == "There is no order #1."
