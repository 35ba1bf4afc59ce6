"""Hypothesis properties of the storefront over random stock set-ups and shopping sessions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import stock, texts
from desktop.domain.model import Backorders, Configurator, Layer, Stock, StockStatus
from desktop.domain.storefront import Order, Storefront
from tests.builders import configurator, group, option

# No example database: tests write nothing outside their temporary folders.
SETTINGS = settings(max_examples=150)

stocks = st.builds(
    Stock,
    manage=st.booleans(),
    sku=st.just(""),
    quantity=st.one_of(st.none(), st.integers(-3, 6)),
    status=st.sampled_from(StockStatus),
    backorders=st.one_of(st.none(), st.sampled_from(Backorders)),  # the option's own setting
)


@st.composite
def configurators(draw: st.DrawFn) -> Configurator:
    def options(prefix: str, count: int) -> list[Layer]:
        made = []
        for i in range(count):
            layer = option(f"{prefix}{i}", default=draw(st.booleans()))
            layer.stock = draw(stocks)
            made.append(layer)
        return made

    single = group("Grip", *options("G", draw(st.integers(1, 4))), required=draw(st.booleans()))
    multiple = group("Extras", *options("E", draw(st.integers(1, 3))), multiple=True)
    return configurator(single, multiple, backorders=draw(st.sampled_from(Backorders)))


@dataclass(frozen=True)
class Step:
    picks: tuple[int, ...]  # indexes into the configurator's options, selected in turn
    quantity: int
    checkout: bool


steps = st.lists(
    st.builds(
        Step,
        picks=st.lists(st.integers(0, 6), max_size=3).map(tuple),
        quantity=st.integers(1, 4),
        checkout=st.booleans(),
    ),
    min_size=1,
    max_size=8,
)


def play(cfg: Configurator, addon: bool, session: list[Step]) -> list[Order]:
    """Run the steps, checking the cart invariants after every add; returns the orders."""
    front = Storefront(cfg, addon_active=addon)
    front.select_defaults()
    options = list(cfg.options())
    orders: list[Order] = []
    for step in session:
        for index in step.picks:
            front.select(options[index % len(options)])
        refusals = front.add_to_cart(step.quantity)
        if not any(
            stock.rules_apply(front.addon_active, o.stock)
            and not stock.may_backorder(True, o.stock, cfg.backorders)
            for o in front.selection
        ):
            # Only the stock rules refuse for stock, and here they never do.
            assert not any(r.startswith("Not enough stock") for r in refusals), refusals
        check_cart(front)
        if step.checkout:
            placed = checkout_checked(front)
            if isinstance(placed, Order):
                orders.append(placed)
    return orders


def units_in_cart(front: Storefront) -> dict[Layer, int]:
    units: dict[Layer, int] = {}
    for line in front.cart().lines:
        for item in line.items:
            units[item.option] = units.get(item.option, 0) + line.quantity
    return units


def check_cart(front: Storefront) -> None:
    """Per line and across lines, the cart agrees with the stock rules for the totals."""
    view = front.cart()
    base = front.configurator.base_price
    backordered: dict[Layer, int] = {}
    for line in view.lines:
        prices = sum((item.option.effective_price for item in line.items), Decimal(0))
        assert line.unit_price == base + prices
        assert line.total == line.unit_price * line.quantity
        for item in line.items:
            assert 0 <= item.backordered <= line.quantity
            labelled = item.label.endswith(texts.CART_BACKORDER_SUFFIX)
            told = stock.tells_backorders(
                front.addon_active, item.option.stock, front.configurator.backorders
            )
            assert labelled == (item.backordered > 0 and told), item.label
            backordered[item.option] = backordered.get(item.option, 0) + item.backordered
    assert view.subtotal == sum((line.total for line in view.lines), Decimal(0))
    # Lines backorder as a running total: together, what the rule says of the option's units.
    for layer, units in units_in_cart(front).items():
        expected = 0
        if stock.rules_apply(front.addon_active, layer.stock):
            expected = stock.backordered_units(layer.stock, units, front.used.get(layer, 0))
        assert backordered.get(layer, 0) == expected, (layer.name, units)
    if front.addon_active:
        # Options that may not be backordered (their own setting, else the configurator's)
        # never hold more in the cart than their stock covers.
        for layer, units in units_in_cart(front).items():
            own = stock.option_backorders(layer.stock, front.configurator.backorders)
            if stock.rules_apply(True, layer.stock) and own is Backorders.NO:
                limit = stock.purchasable_units(layer.stock, front.used.get(layer, 0))
                assert limit is None or units <= limit, (layer.name, units, limit)


def checkout_checked(front: Storefront) -> Order | list[str]:
    """Checkout, asserting stock after = stock before − units ordered for tracked options."""
    ordered = units_in_cart(front)
    before = {layer: front.quantity_left(layer) for layer in front.configurator.options()}
    placed = front.checkout()
    for layer, left in before.items():
        tracked = left is not None and stock.rules_apply(front.addon_active, layer.stock)
        sold = ordered.get(layer, 0) if isinstance(placed, Order) and tracked else 0
        assert front.quantity_left(layer) == (None if left is None else left - sold)
    return placed


@SETTINGS
@given(configurators(), st.booleans(), steps)
def test_cart_invariants_hold_through_any_session(
    cfg: Configurator, addon: bool, session: list[Step]
) -> None:
    orders = play(cfg, addon, session)
    for order in orders:
        assert all(note.units > 0 for note in order.backorders)
        # The shopper is told of exactly the backordered options whose setting notifies.
        told = [
            n
            for n in order.backorders
            if n.option.stock.backorders is Backorders.NOTIFY
            or (n.option.stock.backorders is None and cfg.backorders is Backorders.NOTIFY)
        ]
        assert len(order.notes) == (len(told) if addon else 0)
        assert order.subtotal == sum((line.total for line in order.lines), Decimal(0))


@SETTINGS
@given(configurators(), st.booleans(), steps)
def test_the_stored_stock_never_changes(
    cfg: Configurator, addon: bool, session: list[Step]
) -> None:
    stored = [(layer.stock.quantity, layer.stock.status) for layer in cfg.options()]
    play(cfg, addon, session)
    assert [(layer.stock.quantity, layer.stock.status) for layer in cfg.options()] == stored
