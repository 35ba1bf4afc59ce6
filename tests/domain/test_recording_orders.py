"""A recording's `expect` after the order steps (docs/orders.md, "In scenarios"): what
`observe` writes after pay, complete, cancel, refund, wait and shopper is met when the
recorded scenario is played again on a fresh copy."""

from __future__ import annotations

from itertools import pairwise

from desktop.domain.model import Backorders
from desktop.domain.orders import OrderStatus, Payment
from desktop.domain.recording import observe
from desktop.domain.scenario import Expectation, Player, Refund, Scenario, Setup, Step
from desktop.domain.storefront import Storefront
from tests.builders import grips

RED, YELLOW = "Grip Color/Metallic Red", "Grip Color/Metallic Yellow"
SETUP = Setup(
    backorders=Backorders.NO,
    payment=Payment.PENDING,
    hold_minutes=60,
    stock={RED: {"quantity": 1}},
)
WALK = (
    Step("select", RED),
    Step("add_to_cart"),
    Step("checkout"),
    Step("shopper", "second"),
    Step("select", RED),  # refused: the first shopper's order holds the unit
    Step("wait", 60),  # the hold runs out: order 1 is cancelled
    Step("select", RED),
    Step("add_to_cart"),
    Step("checkout"),
    Step("pay", 2),
    Step("complete", 2),
    Step("refund", Refund(2, {RED: 1}, restock=True)),
    Step("shopper", "default"),
    Step("pay", 1),  # refused: cancelled
    Step("cancel", 2),  # refused: refunded
)


def recorded() -> tuple[Scenario, list[Step]]:
    """Play WALK as the window does and write the expect `observe` gives after each step."""
    player = Player(Storefront(grips()), Scenario("walk", "grips", SETUP, WALK))
    steps: list[Step] = []
    for step in WALK:
        player.play_next()
        steps.append(step)
        order = player.order if step.kind == "checkout" else None
        seen = observe(player.shop, step, player.messages, order)
        if seen is not None:
            steps.append(Step("expect", seen))
    return Scenario("walk", "grips", SETUP, tuple(steps)), steps


def test_the_order_steps_record_what_they_showed() -> None:
    _, steps = recorded()
    seen: dict[
        str, list[Expectation]
    ] = {}  # the expect written after each step, by the step's kind and occurrence
    for before, step in pairwise(steps):
        if step.kind == "expect":
            seen.setdefault(before.kind, []).append(step.value)
    assert seen["select"][1].message_contains == (
        '"Metallic Red" is out of stock and cannot be selected.'
    )
    assert seen["select"][1].notice == "1 left, 1 held by another order"
    assert seen["wait"][0].order_status == {1: OrderStatus.CANCELLED}
    assert seen["checkout"][1].order_status == {2: OrderStatus.PENDING}
    paid, refused = seen["pay"]
    assert paid.order_status == {2: OrderStatus.PROCESSING} and paid.stock == {RED: 0}
    assert paid.notification_contains == "Metallic Red is out of stock."
    assert refused.message_contains == "Order #1 cannot be paid: it is Cancelled."
    assert seen["refund"][0].order_status == {2: OrderStatus.REFUNDED}
    assert seen["refund"][0].stock == {RED: 1}
    assert seen["shopper"][0].cart_lines == 0


def test_the_recording_passes_when_played_again() -> None:
    scenario, _ = recorded()
    player = Player(Storefront(grips()), scenario)
    results = player.play_all()
    assert [r.failure for r in results if not r.passed] == []
    assert sum(1 for s in scenario.steps if s.kind == "expect") == len(WALK)  # one after each
