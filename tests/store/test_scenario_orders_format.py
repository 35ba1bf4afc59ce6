"""The after-checkout keys of scenario files (docs/orders.md): read, written back unchanged,
and refused naming the field when wrong; files without them read as before."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop.domain.orders import OrderStatus, Payment
from desktop.domain.scenario import Player, Refund
from desktop.domain.storefront import Storefront
from desktop.store.demo import load_demo
from desktop.store.scenario_format import ScenarioFileError, from_data, loads, to_data

RED = "Grip Color/Metallic Red"


def scenario(steps: list[Any], **setup: Any) -> dict[str, Any]:
    return {
        "format": "configurator-editor-scenario/1",
        "name": "orders",
        "configurator": "Custom Game Controller",
        "setup": {"addon": True, **setup},
        "steps": steps,
    }


EVERY_KEY = scenario(
    [
        {"checkout": True},
        {"pay": 1},
        {"complete": 1},
        {"cancel": 1},
        {"refund": {"order": 1, "lines": {RED: 2}, "restock": True}},
        {"wait": 30},
        {"shopper": "second"},
        {"set": {"payment": "paid", "hold_minutes": 0, "notify_no_stock_at": 1}},
        {"expect": {"order_status": {"1": "cancelled"}, "notification_contains": "is out"}},
    ],
    payment="pending",
    hold_minutes=15,
    notify_no_stock_at=0,
)


def test_every_after_checkout_key_reads_into_the_domain_and_writes_back_unchanged() -> None:
    parsed = from_data(loads(json.dumps(EVERY_KEY)))
    setup = parsed.setup
    assert (setup.payment, setup.hold_minutes, setup.notify_no_stock_at) == (
        Payment.PENDING, 15, 0,
    )  # fmt: skip
    refund = parsed.steps[4].value
    assert refund == Refund(1, {RED: 2}, True)
    expect = parsed.steps[-1].value
    assert expect.order_status == {1: OrderStatus.CANCELLED}
    assert [s.describe() for s in parsed.steps[1:7]] == [
        "pay order 1", "complete order 1", "cancel order 1", "refund order 1",
        "wait 30 minutes", 'shopper "second"',
    ]  # fmt: skip
    assert to_data(parsed) == EVERY_KEY


def test_restock_defaults_to_false() -> None:
    data = scenario([{"refund": {"order": 2, "lines": {RED: 1}}}])
    assert from_data(loads(json.dumps(data))).steps[0].value == Refund(2, {RED: 1}, False)


BAD = {
    "an unknown payment": (
        scenario([{"checkout": True}], payment="later"),
        'setup.payment: expected one of "paid", "pending"',
    ),
    "negative hold minutes": (
        scenario([{"set": {"hold_minutes": -1}}]),
        "steps[1].set.hold_minutes: expected a whole number of minutes from 0 to 525,600",
    ),
    "hold minutes beyond a year": (
        scenario([{"set": {"hold_minutes": 10**7}}]),
        "steps[1].set.hold_minutes: expected a whole number of minutes from 0 to 525,600",
    ),
    "a notify amount beyond any quantity": (
        scenario([{"checkout": True}], notify_no_stock_at=10**6),
        "setup.notify_no_stock_at: expected a whole number from 0 to 999999",
    ),
    "order 0": (
        scenario([{"pay": 0}]),
        "steps[1].pay: expected an order number: a whole number, 1 or more",
    ),
    "an unknown refund key": (
        scenario([{"refund": {"order": 1, "lines": {RED: 1}, "restok": True}}]),
        "steps[1].refund.restok: unknown key",
    ),
    "a refund of no lines": (
        scenario([{"refund": {"order": 1, "lines": {}}}]),
        "steps[1].refund.lines: name at least one option path and its units",
    ),
    "a status that is none": (
        scenario([{"expect": {"order_status": {"1": "shipped"}}}]),
        'steps[1].expect.order_status["1"]: expected one of "pending", "processing"',
    ),
    "a status key that is no number": (
        scenario([{"expect": {"order_status": {"first": "pending"}}}]),
        'steps[1].expect.order_status: "first" is not an order number',
    ),
    "an empty shopper": (
        scenario([{"shopper": " "}]),
        "steps[1].shopper: expected a shopper's name",
    ),
    "a shopper's name with a line break": (
        scenario([{"shopper": "sec\nond"}]),
        "steps[1].shopper: must not contain control characters such as line breaks or tabs",
    ),
    "a shopper's name too long": (
        scenario([{"shopper": "s" * 500}]),
        "steps[1].shopper: is 500 characters long; at most",
    ),
    "a refund of an option that is none": (
        scenario([{"refund": {"order": 1, "lines": {"Grip Color/Blue": 1}}}]),
        'steps[1].refund.lines["Grip Color/Blue"]: no option',
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_wrong_after_checkout_key_is_refused_naming_its_field(case: str) -> None:
    data, message = BAD[case]
    with pytest.raises((ScenarioFileError, ValueError)) as caught:
        parsed = from_data(loads(json.dumps(data)))
        Player(Storefront(load_demo()), parsed)  # option paths are resolved here
    assert message in str(caught.value), str(caught.value)


def test_a_shoppers_name_is_trimmed_as_the_windows_shopper_switch_trims_it() -> None:
    """' second ' and 'second' are one shopper, as the window's New… makes them (docs/orders.md)."""
    data = scenario(
        [{"shopper": " second "}, {"select": RED}, {"shopper": "default"}, {"shopper": "second"},
         {"expect": {"selection": ["Body/Controller Shell", RED, "Buttons/Classic Black",
                                   "Thumbsticks/Black", "Extras/Back Paddles/Upper Paddles"]}}],
    )  # fmt: skip
    parsed = from_data(loads(json.dumps(data)))
    assert to_data(parsed)["steps"][0] == {"shopper": "second"}
    results = Player(Storefront(load_demo()), parsed).play_all()
    assert all(r.passed for r in results), [r.failure for r in results]


def test_a_refused_order_action_is_the_steps_message() -> None:
    data = scenario(
        [{"pay": 3}, {"expect": {"message_contains": "There is no order #3."}},
         {"refund": {"order": 3, "lines": {RED: 1}}},
         {"expect": {"message_contains": "There is no order #3."}}],
    )  # fmt: skip
    results = Player(Storefront(load_demo()), from_data(loads(json.dumps(data)))).play_all()
    assert all(r.passed for r in results), [r.failure for r in results]
