"""What a scenario recording writes after each step (docs/preview-and-scenarios.md): the
`expect` holding what the shopper saw, so the saved scenario, played back on the same
configurator, meets exactly that.

Pure Python; the window's recorder (ui/scenarios/recorder.py) calls `observe` after each
preview action.
"""

from __future__ import annotations

from typing import Any

from .orders import OrderStatus
from .scenario import Expectation, Step
from .storefront import Order, Storefront


def observe(
    shop: Storefront, step: Step, refusals: list[str], order: Order | None
) -> Expectation | None:
    """What a shopper saw after a step, as the `expect` a recording writes after it (None
    when the step shows nothing worth checking, e.g. a quantity). After an order action: the
    order's status, the stock of its options and, for a payment, the stock email it sent.
    Played back, the same step on the same configurator meets exactly this."""
    said: dict[str, Any] = {"message_contains": refusals[0]} if refusals else {"no_message": True}
    kind = step.kind
    if kind in ("select", "deselect"):
        option = shop.configurator.find_path(step.value)
        if option is None:
            return None
        state = shop.state(option)
        return Expectation(
            option=step.value,
            availability=state.availability,
            selectable=state.selectable,
            notice=state.notice,
            low=state.low,
            selection=tuple(o.path for o in shop.selected()),
            unit_price=shop.unit_price(),
            **said,
        )
    if kind == "add_to_cart":
        cart = shop.cart()
        labels = [item.label for line in cart.lines for item in line.items]
        flagged = [item.label for line in cart.lines for item in line.items if item.backordered]
        shown = next(reversed(flagged or labels), None)
        return Expectation(
            cart_lines=len(cart.lines), subtotal=cart.subtotal, cart_contains=shown, **said
        )
    if kind == "checkout":
        if order is None:
            return Expectation(order_placed=False, cart_lines=len(shop.cart().lines), **said)
        bought = dict.fromkeys(item.option for line in order.lines for item in line.items)
        tracked = {
            o.path: shop.quantity_left(o)
            for o in bought
            if o.stock.manage and o.stock.quantity is not None
        }
        return Expectation(
            order_placed=True,
            order_backordered={note.option.path: note.units for note in order.backorders} or None,
            order_note_contains=order.notes[0] if order.notes else None,
            stock=tracked or None,
            cart_lines=0,
            order_status=_statuses(shop, [order.number]),
            notification_contains=_notified(shop, order.number),
        )
    if kind in ("pay", "complete", "cancel", "refund"):
        number = step.value.order if kind == "refund" else step.value
        life = shop.book.lives.get(number)
        if life is None:
            return Expectation(**said)
        tracked = {
            o.path: shop.quantity_left(o)
            for o in life.ordered
            if o.stock.manage and o.stock.quantity is not None
        }
        return Expectation(
            order_status=_statuses(shop, [number]),
            stock=tracked or None,
            notification_contains=_notified(shop, number) if kind == "pay" else None,
            **said,
        )
    if kind == "wait":
        return Expectation(order_status=_statuses(shop, list(shop.book.lives)) or None, **said)
    if kind == "shopper":
        return Expectation(
            selection=tuple(o.path for o in shop.selected()),
            unit_price=shop.unit_price(),
            cart_lines=shop.line_count,
        )
    if kind == "reset":
        return Expectation(
            selection=tuple(o.path for o in shop.selected()),
            unit_price=shop.unit_price(),
            cart_lines=0,
        )
    return None


def _statuses(shop: Storefront, numbers: list[int]) -> dict[int, OrderStatus]:
    """Each order's status now (orders the book does not know are left out)."""
    found = {n: shop.book.status(n) for n in numbers}
    return {n: status for n, status in found.items() if status is not None}


def _notified(shop: Storefront, number: int) -> str | None:
    """The last stock email order `number`'s reduction sent, if any."""
    sent = [n.text for n in shop.book.notifications if n.order == number]
    return sent[-1] if sent else None
