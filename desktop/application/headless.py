"""A storefront scenario run without a window, reported as plain JSON-ready data.

The CLI's `storefront --json` prints `run_scenario`'s result. Every rule comes from
`desktop.domain.storefront`; this module only drives a session and writes down what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.model import Availability, Configurator, Layer
from ..domain.money import money_str
from ..domain.outline import Outline
from ..domain.scenario import Scenario, Step
from ..domain.storefront import CartLineView, Order, Storefront
from ..domain.suggest import option_path_hint


class UnknownOption(LookupError):
    """A --select path that names no image option of the configurator."""


# The steps a storefront report plays (the `storefront` command's flags, in this order).
REPORT_STEPS = ("select", "quantity", "add_to_cart", "checkout")


def storefront_visit(
    select: Sequence[str] = (),
    quantity: int = 1,
    *,
    add_to_cart: bool = False,
    checkout: bool = False,
) -> Scenario:
    """The `storefront` command's visit as a scenario: pick the options in order, then put the
    quantity in the cart, then check out (checking out puts it in the cart first)."""
    steps = [Step("select", path) for path in select]
    if add_to_cart or checkout:
        steps += [Step("quantity", quantity), Step("add_to_cart")]
    if checkout:
        steps.append(Step("checkout"))
    return Scenario(name="storefront", configurator="", steps=tuple(steps))


def find_option(cfg: Configurator, path: str) -> Layer:
    """The one option path names; UnknownOption when it names none, a group, or more than one
    layer (a "/" inside a name can make two readings of one path)."""
    found = cfg.find_paths(path)
    if not found:
        hint = option_path_hint(path, (option.path for option in cfg.options()))
        raise UnknownOption(
            f'no option "{path}" in "{cfg.name}" '
            + (f"({hint})" if hint else '(paths look like "Group/Option")')
        )
    if len(found) > 1:
        # Each reading's exact spelling names it alone (docs/stock-sheets.md), unless the
        # layers are namesakes (a damaged tree), which no spelling tells apart.
        spelled = [f'"{layer.path}"' for layer in found]
        hint = f"; write {' or '.join(spelled)}" if len(set(spelled)) == len(spelled) else ""
        raise UnknownOption(
            f'"{path}" is ambiguous in "{cfg.name}": it names {_candidates(cfg, found)}{hint}'
        )
    (layer,) = found
    if layer.is_group:
        raise UnknownOption(f'"{path}" is a group of "{cfg.name}", not an option')
    return layer


def _candidates(cfg: Configurator, layers: list[Layer]) -> str:
    """'"Color" › "Black/White" and "Color" › "Black" › "White"': each layer by its names,
    quoted one by one so the readings differ; namesakes (same names all the way) are told
    apart by their positions, e.g. "(position 1.3)" for the 3rd layer of the 1st group."""
    shown = [" › ".join(f'"{node.name}"' for node in _lineage(layer)) for layer in layers]
    if len(set(shown)) < len(shown):
        shown = [
            f"{text} (position {_position(cfg, layer)})"
            for text, layer in zip(shown, layers, strict=True)
        ]
    return ", ".join(shown[:-1]) + f" and {shown[-1]}"


def _lineage(layer: Layer) -> list[Layer]:
    nodes = []
    node: Layer | None = layer
    while node is not None:
        nodes.append(node)
        node = node.parent
    return nodes[::-1]


def _position(cfg: Configurator, layer: Layer) -> str:
    return ".".join(str(cfg.children_of(node.parent).index(node) + 1) for node in _lineage(layer))


def run_scenario(cfg: Configurator, addon_active: bool, scenario: Scenario) -> dict[str, Any]:
    """Play the scenario's steps (those of REPORT_STEPS) on a fresh simulation; returns the
    report docs/command-line.md describes."""
    unplayable = [step.kind for step in scenario.steps if step.kind not in REPORT_STEPS]
    if unplayable:
        raise ValueError(
            f"a storefront report plays {', '.join(REPORT_STEPS)}, not {unplayable[0]}"
        )
    # All paths are checked before anything is played.
    options = {
        step.value: find_option(cfg, step.value) for step in scenario.steps if step.kind == "select"
    }
    # The tree stays put while the scenario plays: its outline is taken once, not at each step.
    shop = Storefront(cfg, addon_active=addon_active, outline=Outline.of(cfg))
    shop.select_defaults()
    messages: list[str] = []
    order: Order | None = None
    quantity = 1
    checked_out = False
    for step in scenario.steps:
        if step.kind == "select":
            refusal = shop.select(options[step.value])
            if refusal:
                messages.append(refusal)
        elif step.kind == "quantity":
            quantity = step.value
        # A shopper whose pick (or cart) was refused does not buy the defaults instead: the
        # cart and the order wait for a visit without refusals.
        elif step.kind == "add_to_cart" and not messages:
            messages += shop.add_to_cart(quantity)
        elif step.kind == "checkout":
            checked_out = True
            if not messages:
                placed = shop.checkout()
                if isinstance(placed, Order):
                    order = placed
                else:
                    messages += placed
    paths = list(cfg.option_paths())  # one walk of the tree, for the options and the stock
    report: dict[str, Any] = {
        "options": _options(shop, paths),
        "selection": [option.path for option in shop.selected()],
        "unit_price": money_str(shop.unit_price()),
        "cart": _cart(shop),
        "messages": messages,
    }
    if checked_out:
        report["order"] = None if order is None else _order(order)
        report["stock_after"] = shop.stock_after(paths)
    # What the shop would be told after the order reduced stock (docs/orders.md); always
    # present, last, so the keys before it read as they always did.
    report["notifications"] = [
        {"kind": n.kind.value, "path": n.option.path, "order": n.order, "text": n.text}
        for n in shop.book.notifications
    ]
    return report


# The words as plain text: a report is plain data, whatever writes it.
_WORDS = {availability: availability.value for availability in Availability}


def _options(shop: Storefront, paths: list[tuple[Layer, str]]) -> list[dict[str, Any]]:
    """Each option's state as the report gives it: one short step per option, as a
    catalogue's report has 100,000 of them."""
    state_of, words = shop.state, _WORDS
    rows = []
    for option, path in paths:
        state = state_of(option)
        row = {
            "path": path,
            "availability": words[state.availability],
            "selectable": state.selectable,
            "notice": state.notice,
            "low": state.low,
        }
        own = option.stock.backorders
        if own is not None:  # only an option with its own setting says it (as exchange files)
            row["backorders"] = own.value
        rows.append(row)
    return rows


def _line(line: CartLineView) -> dict[str, Any]:
    return {
        "items": [{"label": item.label, "backordered": item.backordered} for item in line.items],
        "quantity": line.quantity,
        "total": money_str(line.total),
    }


def _cart(shop: Storefront) -> dict[str, Any]:
    view = shop.cart()
    return {"lines": [_line(line) for line in view.lines], "subtotal": money_str(view.subtotal)}


def _order(order: Order) -> dict[str, Any]:
    return {
        "number": order.number,
        "lines": [_line(line) for line in order.lines],
        "subtotal": money_str(order.subtotal),
        "notes": list(order.notes),
        "backorders": [
            {"path": note.option.path, "units": note.units} for note in order.backorders
        ],
    }
