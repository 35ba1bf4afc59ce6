"""A storefront that takes its tree's outline once (as a scenario's Player does) behaves exactly
as one that looks at every layer each time, over random trees and shopping sessions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import texts
from desktop.domain.model import Backorders, Configurator, Layer, Stock, StockStatus
from desktop.domain.outline import Outline
from desktop.domain.storefront import Order, Storefront
from tests.builders import configurator, group, option

SETTINGS = settings(max_examples=100)

stocks = st.builds(
    Stock,
    manage=st.booleans(),
    quantity=st.one_of(st.none(), st.integers(-1, 3)),
    status=st.sampled_from(StockStatus),
)


@st.composite
def trees(draw: st.DrawFn) -> Configurator:
    def options(prefix: str) -> list[Layer]:
        made = []
        for i in range(draw(st.integers(0, 4))):
            layer = option(f"{prefix}{i}", default=draw(st.booleans()))
            layer.stock = draw(stocks)
            layer.hidden = draw(st.integers(0, 9)) == 0
            made.append(layer)
        return made

    def flags() -> dict[str, bool]:
        return {
            "required": draw(st.booleans()),
            "multiple": draw(st.booleans()),
            "hidden": draw(st.integers(0, 9)) == 0,
        }

    groups = []
    for g in range(draw(st.integers(1, 4))):
        children = options(f"G{g}-")
        for s in range(draw(st.integers(0, 2))):
            sub = group(f"S{g}-{s}", *options(f"S{g}-{s}-"), sub=True, **flags())
            children.insert(draw(st.integers(0, len(children))), sub)
        groups.append(group(f"G{g}", *children, **flags()))
    return configurator(*groups, backorders=draw(st.sampled_from(Backorders)))


actions = st.lists(
    st.tuples(
        st.sampled_from(
            ["select", "deselect", "add", "checkout", "reset", "restock", "addon", "remove"]
        ),
        st.integers(0, 40),  # which option (modulo their number)
        st.integers(1, 3),  # quantity
    ),
    max_size=16,
)


def seen(shop: Storefront, result: object) -> object:
    """What a shopper sees after an action: the result, selection in order, refusals, cart."""
    if isinstance(result, Order):
        result = (result.subtotal, [(n.name, n.units) for n in result.backorders])
    cart = shop.cart()
    return (
        result,
        [o.name for o in shop.selected()],
        shop.add_refusals(1),
        [[(i.label, i.backordered) for i in line.items] for line in cart.lines],
        cart.subtotal,
        cart.shortages,
        # The running tally an outlined storefront keeps, against the cart priced afresh.
        shop.cart_subtotal(),
        {label: n for label, n in shop.cart_labels().items() if n},
        shop.line_count,
    )


@SETTINGS
@given(cfg=trees(), addon=st.booleans(), session=actions)
def test_an_outline_changes_nothing_a_shopper_sees(
    cfg: Configurator, addon: bool, session: list[tuple[str, int, int]]
) -> None:
    walked = Storefront(cfg, addon_active=addon)
    outlined = Storefront(cfg, addon_active=addon, outline=Outline.of(cfg))
    shops = (walked, outlined)
    every = list(cfg.options())
    for shop in shops:
        shop.reset_simulation()
    assert seen(walked, None) == seen(outlined, None)
    for kind, pick, quantity in session:
        results: list[object] = []
        target = every[pick % len(every)] if every else None
        if kind == "restock" and target is not None:
            # As a scenario's `set` does: a new Stock, units sold before it forgotten.
            target.stock = Stock(manage=True, quantity=quantity - 2, status=target.stock.status)
            for shop in shops:
                shop.used.pop(target, None)
            outlined.stock_changed()
        for shop in shops:
            if kind in ("select", "deselect") and target is not None:
                results.append(shop.select(target, kind == "select"))
            elif kind == "add":
                results.append(shop.add_to_cart(quantity))
            elif kind == "checkout":
                results.append(shop.checkout())
                shop.prune()
            elif kind == "reset":
                shop.reset_simulation()
                results.append(None)
            elif kind == "addon":
                shop.addon_active = not shop.addon_active
                results.append(None)
            elif kind == "remove" and shop.line_count:
                shop.remove_line(pick % shop.line_count)
                results.append(None)
            else:
                results.append(None)
        assert seen(walked, results[0]) == seen(outlined, results[1])


def defaults_walked(shop: Storefront) -> set[Layer]:
    """The default choices as docs/stock-rules.md states them, from a walk of every option."""
    chosen: set[Layer] = set()
    for o in shop.configurator.options():
        if not o.active_on_load or not shop.state(o).selectable:
            continue
        if o.parent is None or o.parent.multiple or not any(c in chosen for c in o.parent.children):
            chosen.add(o)
    return chosen


def missing_walked(shop: Storefront) -> list[str]:
    """Required groups with nothing selected under them, from a walk of every layer."""
    return [
        f'Please choose an option for "{g.name}".'
        for g in shop.configurator.walk()
        if g.is_group
        and g.required
        and not g.hidden_in_controls()
        and not any(o in shop.selection for o in g.walk())
    ]


@SETTINGS
@given(cfg=trees(), addon=st.booleans(), picks=st.lists(st.integers(0, 40), max_size=4))
def test_the_outline_finds_what_a_walk_of_every_layer_finds(
    cfg: Configurator, addon: bool, picks: list[int]
) -> None:
    shop = Storefront(cfg, addon_active=addon, outline=Outline.of(cfg))
    shop.select_defaults()
    assert shop.selection == defaults_walked(shop)
    every = list(cfg.options())
    for pick in picks if every else []:
        shop.select(every[pick % len(every)])
    assert shop.missing_choices() == missing_walked(shop)


def test_a_restock_reprices_the_cart_an_outlined_storefront_tallies() -> None:
    """The tally kept between looks is dropped when the stock changes: lines that were fine
    become short, and under "notify" an item's label gains its backorder mark."""
    red = option("Red", manage=True, qty=5)
    cfg = configurator(group("Grip", red, required=True), backorders=Backorders.NO)
    shop = Storefront(cfg, outline=Outline.of(cfg))
    shop.select(red)
    assert shop.add_to_cart(3) == []
    assert shop.cart().shortages == () and shop.cart_subtotal() == shop.cart().subtotal
    red.stock = Stock(manage=True, quantity=1, status=red.stock.status)
    shop.stock_changed()
    assert shop.cart().shortages == (texts.not_enough_stock("Red", 1),)
    cfg.backorders = Backorders.NOTIFY
    flagged = texts.cart_item_label("Red", True)
    assert set(shop.cart_labels()) == {flagged}
    assert shop.add_to_cart(1) == []
    assert shop.cart_labels() == {flagged: 2}
    assert shop.cart_subtotal() == shop.cart().subtotal == 4 * 49
