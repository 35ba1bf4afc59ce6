"""A shopper's session over one configurator: selection, price, cart, checkout, simulated stock.

Pure Python. It reads the live `Configurator` objects, so an edit to a layer shows in the next
evaluation without copying. The choice rules (what may be selected) are its base,
`choices.ShopperChoices`. Orders placed here are a simulation: they record units sold in
`used` and never touch the stored quantities.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from . import stock, texts
from .cart import (
    BackorderNote,
    CartCount,
    CartItem,
    CartLineView,
    CartTally,
    CartView,
    Order,
    _Line,
)
from .choices import ShopperChoices
from .model import Configurator, Layer, StockStatus
from .orders import DEFAULT_SHOPPER, OrderBook, OrderRefused
from .outline import Outline
from .positions import Positions
from .stock import OptionState

# The most units one add to cart may take (docs/command-line.md bounds `--qty` to 1..1,000,000).
MAX_QUANTITY = 1_000_000


@dataclass
class Storefront(ShopperChoices):
    """Selection, cart and orders of the simulated shoppers of one shop.

    One shopper at a time is in front (`shopper`): `selection` and the cart are theirs, the
    others' wait in `_sessions` until `switch_shopper` brings them back. Stock (`used`),
    orders (numbered across shoppers) and the order book are shared (docs/orders.md)."""

    configurator: Configurator
    addon_active: bool = True
    used: dict[Layer, int] = field(default_factory=dict)
    selection: set[Layer] = field(default_factory=set)
    orders: list[Order] = field(default_factory=list)
    _lines: list[_Line] = field(default_factory=list)
    # The tree's shape, for a storefront whose layers stay put (a scenario's own copy): reset
    # and add to cart read it instead of looking at every layer. None: looked at each time.
    outline: Outline | None = None
    shopper: str = DEFAULT_SHOPPER
    book: OrderBook = field(init=False)
    _sessions: dict[str, tuple[set[Layer], list[_Line]]] = field(default_factory=dict)
    _shoppers: list[str] = field(default_factory=lambda: [DEFAULT_SHOPPER])

    def __post_init__(self) -> None:
        # The book changes `used` in place: the storefront never replaces that dict.
        self.book = OrderBook(self.configurator, self.used)

    # The cart counted and priced so far, kept only with an outline (the tree fixed; a change
    # of stock goes through `stock_changed`): a scenario adding and looking at its cart step
    # after step counts each line once, not the whole cart at each look.
    _count: CartCount | None = None
    _tally: CartTally | None = None
    _stock_revision: int = 0

    # --- options -------------------------------------------------------------------------
    def state(self, option: Layer) -> OptionState:
        # _taken, inline: a report asks this of every option of a catalogue.
        used = self.used.get(option, 0)
        held = self.book.held.get(option, 0) if self.book.held else 0
        state = stock.configurator_state(
            self.addon_active, self.configurator, option.stock, used + held
        )
        return self._held_state(option, state, used, held) if held else state

    def _held_state(self, option: Layer, state: OptionState, used: int, held: int) -> OptionState:
        """Where unpaid orders' holds change what a shopper may buy (fewer units, or none),
        the notice says so: '1 left, 1 held by another order' (docs/orders.md)."""
        quantity = stock.effective_quantity(option.stock, used)
        if (
            quantity is None
            or quantity <= 0  # out whatever is held
            or option.stock.status is StockStatus.OUT_OF_STOCK
            or not stock.rules_apply(self.addon_active, option.stock)
            or stock.may_backorder(self.addon_active, option.stock, self.configurator.backorders)
        ):
            return state
        notice = texts.held_notice(quantity, held, self.book.holders(option))
        return OptionState(state.availability, state.selectable, notice, state.low)

    def _taken(self, option: Layer) -> int:
        """Units a shopper cannot have: sold by the simulation, or held by unpaid orders."""
        held = self.book.held
        return self.used.get(option, 0) + (held.get(option, 0) if held else 0)

    def quantity_left(self, option: Layer) -> int | None:
        """The option's quantity less what the simulated orders took; None when untracked."""
        return stock.effective_quantity(option.stock, self.used.get(option, 0))

    def tells_backorders(self, option: Layer) -> bool:
        """Whether shoppers are told of the option's backordered units (its cart label and
        the order's note): the option's backorder setting, else the configurator's, is
        "notify" (docs/stock-rules.md)."""
        return stock.tells_backorders(self.addon_active, option.stock, self.configurator.backorders)

    def unit_price(self, options: Iterable[Layer] | None = None) -> Decimal:
        chosen = self.selection if options is None else options
        return self.configurator.base_price + sum(
            (o.effective_price for o in chosen), Decimal("0.00")
        )

    # --- cart ----------------------------------------------------------------------------
    def add_to_cart(self, quantity: int = 1) -> list[str]:
        """Add the current selection; returns refusal texts (nothing is added when any)."""
        options = tuple(self.selected())  # sorted once, for the check and the line
        messages = self._add_refusals(options, quantity)
        if not messages:
            self._lines.append(_Line(options, quantity))
        return messages

    def add_refusals(self, quantity: int = 1) -> list[str]:
        """What `add_to_cart(quantity)` would refuse now, without adding: the preview asks
        again after each edit, so a refusal leaves the screen once no rule causes it."""
        return self._add_refusals(tuple(self.selected()), quantity)

    def _add_refusals(self, options: tuple[Layer, ...], quantity: int) -> list[str]:
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        if quantity > MAX_QUANTITY:
            raise ValueError(f"quantity must be at most {MAX_QUANTITY:,}")
        # The options come from selected(): in the tree already, no need to look again.
        messages = self._unanswered(o for o in options if not o.is_group)
        messages += [texts.not_selectable(o.name) for o in options if not self.state(o).selectable]
        if not messages:
            # With an outline the tally holds the units in the cart already (priced once per
            # line); without one, counting them is cheaper than pricing the cart.
            in_cart = self._counted().running if self.outline is not None else self._units_in_cart()
            messages = self._stock_refusals(options, quantity, in_cart)
        return messages

    @property
    def line_count(self) -> int:
        """How many lines the cart holds: len(cart().lines), without pricing them."""
        return len(self._lines)

    def remove_line(self, index: int) -> None:
        del self._lines[index]
        self._count = self._tally = None

    def in_cart(self, option: Layer) -> bool:
        """Whether any cart line uses option (cheap: the cart is small)."""
        return any(option in line.options for line in self._lines)

    def replace_options(self, replacements: dict[Layer, Layer]) -> None:
        """Carry the simulation over to new objects standing for the same options (an undone
        delete re-inserts copies): selection, cart lines and units sold follow them."""
        if not replacements:
            return
        self.selection = {replacements.get(o, o) for o in self.selection}
        used = {replacements.get(o, o): n for o, n in self.used.items()}
        self.used.clear()  # in place: the order book holds this dict
        self.used.update(used)
        self.book.replace_options(replacements)
        sessions = [(self.selection, self._lines)]
        for name, (selection, lines) in list(self._sessions.items()):
            self._sessions[name] = ({replacements.get(o, o) for o in selection}, lines)
            sessions.append((selection, lines))
        for _, lines in sessions:
            for line in lines:
                line.options = tuple(replacements.get(o, o) for o in line.options)
        self._count = self._tally = None

    def cart(self) -> CartView:
        return self._priced().view()

    def cart_subtotal(self) -> Decimal:
        """cart().subtotal, without pricing the lines against the stock."""
        return self._counted().subtotal

    def cart_labels(self) -> Mapping[str, int]:
        """How many cart items show each label: what `cart_contains` looks up. Unless
        shoppers are told of backorders, a label is the option's name whatever the stock."""
        counted = self._counted()
        telling = self.tells_backorders
        return self._priced().labels if any(map(telling, counted.running)) else counted.names

    def stock_changed(self) -> None:
        """Say that an option's stock or units sold changed from outside (a scenario's `set`):
        the cart is priced afresh at the next look."""
        self._stock_revision += 1

    def _counted(self) -> CartCount:
        """The count of every cart line, counting only the lines added since the last look
        while the tree and prices stay put (cost: O(new lines), not O(cart))."""
        positions = self._positions()
        key = (id(positions), self.configurator.base_price)
        count = self._count
        if self.outline is None or count is None or count.key != key:
            count = CartCount(key)
        for line in self._lines[count.counted :]:
            options = tuple(o for o in line.options if self._present(o, positions))
            count.add(options, line.quantity, self.unit_price(options))
        self._count = count if self.outline is not None else None
        return count

    def _priced(self) -> CartTally:
        """The tally of every cart line, pricing only the lines added since the last look
        when nothing it depends on changed (cost: O(new lines), not O(cart))."""
        positions = self._positions()  # one for every line: the cart may hold a thousand options
        # Units sold and held change as orders are paid, cancelled, refunded or time out:
        # looked at whole (one entry per option sold or held, however many steps did it).
        held = self.book.held or {}
        key = (
            id(positions), self._stock_revision, self.addon_active,
            self.configurator.backorders, self.configurator.base_price,
            frozenset(self.used.items()), frozenset(held.items()),
        )  # fmt: skip
        tally = self._tally
        if self.outline is None or tally is None or tally.key != key:
            tally = CartTally(key)
        for line in self._lines[tally.priced :]:
            tally.add(self._price_line(line, tally.running, positions))
        self._tally = tally if self.outline is not None else None
        return tally

    def _price_line(
        self, line: _Line, running: dict[Layer, int], positions: Positions
    ) -> CartLineView:
        """One line priced after the lines before it, whose units `running` holds (updated)."""
        options = tuple(o for o in line.options if self._present(o, positions))
        short = tuple(self._stock_refusals(options, line.quantity, running))
        items = []
        for option in options:
            before = running.get(option, 0)
            after = before + line.quantity
            running[option] = after
            back = self._backordered(option, after) - self._backordered(option, before)
            label = texts.cart_item_label(option.name, back > 0 and self.tells_backorders(option))
            items.append(CartItem(option, label, back))
        unit = self.unit_price(options)
        return CartLineView(tuple(items), line.quantity, unit, unit * line.quantity, short)

    def checkout(self) -> Order | list[str]:
        """Place the cart as an order, or return why it cannot be placed."""
        view = self.cart()
        if not view.lines:
            return [texts.EMPTY_CART]
        if view.shortages:
            return list(view.shortages)
        notes: dict[Layer, int] = {}
        for line in view.lines:
            for item in line.items:
                if item.backordered:
                    notes[item.option] = notes.get(item.option, 0) + item.backordered
        takes: dict[Layer, int] = {}
        for line in view.lines:
            for item in line.items:
                if stock.order_takes_stock(self.addon_active, item.option.stock):
                    takes[item.option] = takes.get(item.option, 0) + line.quantity
        order = Order(
            number=len(self.orders) + 1,  # the orders of every shopper
            lines=view.lines,
            subtotal=view.subtotal,
            backorders=tuple(
                BackorderNote(o, o.name, n, self.tells_backorders(o)) for o, n in notes.items()
            ),
            shopper=self.shopper,
        )
        self.orders.append(order)
        # Paid: stock reduced now; pending: what it takes is held (docs/orders.md).
        self.book.place(order, self.shopper, takes, self.addon_active)
        self._lines.clear()
        self._count = self._tally = None
        return order

    # --- after checkout (docs/orders.md) ----------------------------------------------------
    def order_action(self, action: str, number: int) -> str | None:
        """`pay`, `complete` or `cancel` order `number`; returns a refusal text, else None."""
        try:
            if action == "pay":
                self.book.pay(number, self.addon_active)
            elif action == "complete":
                self.book.complete(number)
            elif action == "cancel":
                self.book.cancel(number)
            else:
                raise ValueError(f"unknown order action {action!r}")
        except OrderRefused as refused:
            return str(refused)
        return None

    def refund(self, number: int, lines: dict[Layer, int], restock: bool) -> str | None:
        """Refund units of options of order `number`; returns a refusal text, else None."""
        try:
            self.book.refund(number, lines, restock)
        except OrderRefused as refused:
            return str(refused)
        return None

    def wait(self, minutes: int) -> list[int]:
        """Simulated time passes; returns the unpaid orders it cancelled."""
        return self.book.wait(minutes)

    def switch_shopper(self, name: str) -> None:
        """Bring shopper `name` in front with their own selection and cart (a new shopper
        starts with the default choices and an empty cart)."""
        if name == self.shopper:
            return
        self._sessions[self.shopper] = (self.selection, self._lines)
        saved = self._sessions.pop(name, None)
        if name not in self._shoppers:
            self._shoppers.append(name)
        self.shopper = name
        if saved is None:
            self.selection, self._lines = set(), []
            self.select_defaults()
        else:
            self.selection, self._lines = saved
        self._count = self._tally = None  # another shopper's cart

    @property
    def shoppers(self) -> list[str]:
        """Every shopper of the simulation, in the order they first came (`default` first)."""
        return list(self._shoppers)

    def stock_after(
        self, paths: Iterable[tuple[Layer, str]] | None = None
    ) -> dict[str, int | None]:
        """Managed option path → quantity left after the simulated orders. paths: the
        configurator's `option_paths()`, where the caller has them already."""
        if paths is None:
            paths = self.configurator.option_paths()
        return {path: self.quantity_left(o) for o, path in paths if o.stock.manage}

    def reset_simulation(self) -> None:
        """Start afresh from the stored values: no sales, empty cart, default choices."""
        self.used.clear()
        self.orders.clear()
        self.book.reset()
        self._sessions.clear()
        self._shoppers[:] = [DEFAULT_SHOPPER]
        self.shopper = DEFAULT_SHOPPER
        self._lines.clear()
        self._count = self._tally = None
        self.select_defaults()

    # --- helpers -------------------------------------------------------------------------
    def _units_in_cart(self) -> dict[Layer, int]:
        units: dict[Layer, int] = {}
        for line in self._lines:
            for option in line.options:
                units[option] = units.get(option, 0) + line.quantity
        return units

    def _backordered(self, option: Layer, units: int) -> int:
        if not stock.rules_apply(self.addon_active, option.stock):
            return 0
        return stock.backordered_units(option.stock, units, self._taken(option))

    def _stock_refusals(
        self, options: Iterable[Layer], quantity: int, in_cart: dict[Layer, int]
    ) -> list[str]:
        """Refuse units beyond what stock can still cover of options that may not be
        backordered (the option's backorder setting, else the configurator's)."""
        messages = []
        backorders = self.configurator.backorders
        for option in options:
            if not stock.rules_apply(self.addon_active, option.stock):
                continue
            if stock.backorders_allowed(stock.option_backorders(option.stock, backorders)):
                continue
            limit = stock.purchasable_units(option.stock, self._taken(option))
            already = in_cart.get(option, 0)
            if limit is not None and already + quantity > limit:
                messages.append(texts.not_enough_stock(option.name, max(limit - already, 0)))
        return messages
