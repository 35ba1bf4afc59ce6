"""What a scenario recording writes after each step (docs/preview-and-scenarios.md): the
`expect` holding what the shopper saw, so the saved scenario, played back on the same
configurator, meets exactly that.

Pure Python; the window's recorder (ui/scenario_recorder.py) calls `observe` after each
preview action.
"""

from __future__ import annotations

from typing import Any

from .scenario import Expectation, Step
from .storefront import Order, Storefront


def observe(
    shop: Storefront, step: Step, refusals: list[str], order: Order | None
) -> Expectation | None:
    """What a shopper saw after a step, as the `expect` a recording writes after it (None
    when the step shows nothing worth checking, e.g. a quantity). Played back, the same step
    on the same configurator meets exactly this."""
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
        )
    if kind == "reset":
        return Expectation(
            selection=tuple(o.path for o in shop.selected()),
            unit_price=shop.unit_price(),
            cart_lines=0,
        )
    return None
