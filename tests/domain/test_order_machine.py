"""A Hypothesis state machine over the order life (docs/orders.md): shoppers switch, choose,
add to cart, check out paid or pending, pay, complete, cancel, refund with or without restock,
and let time pass. Two promises hold after every step:

- stored quantity − what the orders still hold reduced (kept here in the test's own ledger,
  from the actions that succeeded) = the simulated quantity;
- without backorders no shopper ever gets units another order holds: what is left never falls
  below what unpaid orders hold, and never below 0.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from desktop.domain.model import Backorders, Layer
from desktop.domain.orders import OrderStatus, Payment
from desktop.domain.storefront import Order, Storefront
from tests.builders import configurator, group
from tests.builders import option as image_option

SHOPPERS = ("default", "second", "third")
OPTIONS = ("Grip/Yellow", "Grip/Red", "Grip/Purple", "Buttons/Black")


class OrderLife(RuleBasedStateMachine):
    """One storefront, three shoppers, one shared stock."""

    @initialize(
        backorders=st.sampled_from([Backorders.NO, Backorders.NOTIFY]),
        hold=st.integers(1, 90),
    )
    def start(self, backorders: Backorders, hold: int) -> None:
        cfg = configurator(
            group(
                "Grip",
                image_option("Yellow", manage=True, qty=3, default=True),
                image_option("Red", manage=True, qty=1),
                image_option("Purple", manage=True, qty=0),
                required=True,
            ),
            group("Buttons", image_option("Black", default=True)),
            backorders=backorders,
        )
        self.shop = Storefront(cfg)
        self.shop.configurator.hold_minutes = hold
        self.shop.select_defaults()
        self.options = {path: cfg.find_path(path) for path in OPTIONS}
        self.stored = {
            o: o.stock.quantity
            for o in self.options.values()
            if o is not None and o.stock.quantity is not None
        }
        # The test's own ledger: order number → option → units it reduced and still holds out.
        self.reduced: dict[int, dict[Layer, int]] = {}
        self.takes: dict[int, dict[Layer, int]] = {}

    # --- shopper actions ---------------------------------------------------------------------
    @rule(name=st.sampled_from(SHOPPERS))
    def switch(self, name: str) -> None:
        self.shop.switch_shopper(name)

    @rule(path=st.sampled_from(OPTIONS))
    def choose(self, path: str) -> None:
        option = self.options[path]
        assert option is not None
        self.shop.select(option)

    @rule(units=st.integers(1, 3))
    def add(self, units: int) -> None:
        self.shop.add_to_cart(units)

    @rule(pending=st.booleans())
    def checkout(self, pending: bool) -> None:
        self.shop.configurator.payment = Payment.PENDING if pending else Payment.PAID
        placed = self.shop.checkout()
        if not isinstance(placed, Order):
            return
        takes: dict[Layer, int] = {}
        for line in placed.lines:
            for item in line.items:
                if item.option.stock.manage and item.option.stock.quantity is not None:
                    takes[item.option] = takes.get(item.option, 0) + line.quantity
        self.takes[placed.number] = takes
        self.reduced[placed.number] = {} if pending else dict(takes)

    # --- order actions -------------------------------------------------------------------------
    def _number(self, data: st.DataObject) -> int:
        return data.draw(st.integers(1, max(len(self.shop.orders), 1) + 1))

    @rule(data=st.data())
    def pay(self, data: st.DataObject) -> None:
        number = self._number(data)
        if self.shop.order_action("pay", number) is None:
            self.reduced[number] = dict(self.takes[number])

    @rule(data=st.data())
    def complete(self, data: st.DataObject) -> None:
        self.shop.order_action("complete", self._number(data))

    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        number = self._number(data)
        if self.shop.order_action("cancel", number) is None:
            self.reduced[number] = {}

    @rule(data=st.data(), path=st.sampled_from(OPTIONS), restock=st.booleans())
    def refund(self, data: st.DataObject, path: str, restock: bool) -> None:
        number = self._number(data)
        option = self.options[path]
        assert option is not None
        units = data.draw(st.integers(1, 3))
        if self.shop.refund(number, {option: units}, restock) is None and restock:
            ledger = self.reduced[number]
            ledger[option] = ledger.get(option, 0) - min(units, ledger.get(option, 0))

    @rule(minutes=st.integers(0, 120))
    def wait(self, minutes: int) -> None:
        before = {n: self.shop.book.status(n) for n in self.reduced}
        for number in self.shop.wait(minutes):
            assert before[number] is OrderStatus.PENDING
            self.reduced[number] = {}

    # --- the promises --------------------------------------------------------------------------
    @invariant()
    def stock_plus_what_open_orders_reduced_is_the_stored_quantity(self) -> None:
        for option, stored in self.stored.items():
            out = sum(ledger.get(option, 0) for ledger in self.reduced.values())
            assert stored - out == self.shop.quantity_left(option), option.name

    @invariant()
    def nobody_gets_units_another_order_holds(self) -> None:
        book = self.shop.book
        pending = [life for life in book.lives.values() if life.status is OrderStatus.PENDING]
        for option in self.stored:
            held = sum(life.held.get(option, 0) for life in pending)
            assert book.held.get(option, 0) == held
            if self.shop.configurator.backorders is Backorders.NO:
                left = self.shop.quantity_left(option)
                assert left is not None and left >= held >= 0, option.name

    @invariant()
    def only_unpaid_orders_hold(self) -> None:
        for life in self.shop.book.lives.values():
            if life.status is not OrderStatus.PENDING:
                assert not life.held


OrderLife.TestCase.settings = settings(max_examples=100, stateful_step_count=40)
TestOrderLife = OrderLife.TestCase
