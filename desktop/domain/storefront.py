"""A shopper's session over one configurator: selection, price, cart, checkout, simulated stock.

Pure Python. It reads the live `Configurator` objects, so an edit to a layer shows in the next
evaluation without copying. Orders placed here are a simulation: they record units sold in
`used` and never touch the stored quantities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from . import stock, texts
from .model import Backorders, Configurator, Layer
from .stock import OptionState


@dataclass(frozen=True, slots=True)
class CartItem:
    """One selected option as the cart shows it."""

    option: Layer
    label: str
    backordered: int


@dataclass(frozen=True, slots=True)
class CartLineView:
    """One cart line as shown and ordered: its items, quantity and prices."""

    items: tuple[CartItem, ...]
    quantity: int
    unit_price: Decimal
    total: Decimal

    @property
    def backordered(self) -> int:
        return sum(item.backordered for item in self.items)


@dataclass(frozen=True, slots=True)
class CartView:
    """The cart as the shopper sees it now, priced against the current stock and prices."""

    lines: tuple[CartLineView, ...]
    subtotal: Decimal
    shortages: tuple[str, ...]  # refusals that checkout would meet (stock changed since adding)


@dataclass(frozen=True, slots=True)
class BackorderNote:
    """How many units of one option an order backordered."""

    option: Layer
    name: str  # as ordered: a later rename of the option does not change a placed order
    units: int

    @property
    def text(self) -> str:
        return texts.backordered_note(self.units)


@dataclass(frozen=True, slots=True)
class Order:
    """A placed order: the cart's lines at checkout and the backorders it carries."""

    number: int
    lines: tuple[CartLineView, ...]
    subtotal: Decimal
    backorders: tuple[BackorderNote, ...]  # every option with backordered units
    notify: bool  # whether the shopper is told (backorders "notify")

    @property
    def notes(self) -> tuple[str, ...]:
        if not self.notify:
            return ()
        return tuple(f"{note.name}: {note.text}" for note in self.backorders)


@dataclass(slots=True)
class _Line:
    """What a cart line stores; its labels and prices are worked out when the cart is shown."""

    options: tuple[Layer, ...]
    quantity: int


@dataclass
class Storefront:
    """Selection, cart and orders of one simulated shopper."""

    configurator: Configurator
    addon_active: bool = True
    used: dict[Layer, int] = field(default_factory=dict)
    selection: set[Layer] = field(default_factory=set)
    orders: list[Order] = field(default_factory=list)
    _lines: list[_Line] = field(default_factory=list)

    # --- options -------------------------------------------------------------------------
    def state(self, option: Layer) -> OptionState:
        return stock.option_state(
            self.addon_active, option.stock, self.configurator.backorders, self.used.get(option, 0)
        )

    def quantity_left(self, option: Layer) -> int | None:
        """The option's quantity less what the simulated orders took; None when untracked."""
        return stock.effective_quantity(option.stock, self.used.get(option, 0))

    @property
    def notify(self) -> bool:
        """Whether shoppers are told about backorders (labels and order notes)."""
        return self.addon_active and self.configurator.backorders is Backorders.NOTIFY

    # --- selection -----------------------------------------------------------------------
    def select_defaults(self) -> None:
        """Preselect each group's default choices; a default that cannot be chosen is skipped,
        and a required single-choice group whose default was skipped falls back to its first
        selectable option."""
        self.selection = set()
        skipped_default: set[Layer] = set()
        for option in self.configurator.options():
            if not option.active_on_load:
                continue
            group = option.parent
            if not self.state(option).selectable:
                if group is not None:
                    skipped_default.add(group)
                continue
            if group is not None and not group.multiple and self._selected_in(group):
                continue
            self.selection.add(option)
        for group in skipped_default:
            if group.required and not group.multiple and not self._selected_in(group):
                fallback = next((o for o in self._choices(group) if self.state(o).selectable), None)
                if fallback is not None:
                    self.selection.add(fallback)

    def select(self, option: Layer, on: bool = True) -> str | None:
        """Select or deselect an option; returns a refusal text when it cannot be chosen."""
        if not on:
            self.selection.discard(option)
            return None
        if not self.state(option).selectable:
            return texts.not_selectable(option.name)
        group = option.parent
        if group is not None and not group.multiple:
            self.selection.difference_update(self._choices(group))
        self.selection.add(option)
        return None

    def selected(self) -> list[Layer]:
        """Selected options in layer order."""
        return [o for o in self.configurator.options() if o in self.selection]

    def prune(self) -> set[Layer]:
        """Drop selected options that were deleted or can no longer be chosen; returns them."""
        dropped = {o for o in self.selection if not self.present(o) or not self.state(o).selectable}
        self.selection -= dropped
        return dropped

    def present(self, option: Layer) -> bool:
        """Whether option is still an image layer of the configurator's tree.

        Walks up its ancestors (cost: depth × siblings) instead of collecting every option, so
        the preview can ask on each edit without the cost growing with the configurator.
        """
        if option.is_group:
            return False
        node = option
        # list.index compares by identity first (layers have no __eq__): a C loop, not ours.
        try:
            while node.parent is not None:
                node.parent.children.index(node)
                node = node.parent
            self.configurator.layers.index(node)
        except ValueError:
            return False
        return True

    def unit_price(self, options: Iterable[Layer] | None = None) -> Decimal:
        chosen = self.selection if options is None else options
        return self.configurator.base_price + sum(
            (o.effective_price for o in chosen), Decimal("0.00")
        )

    def missing_choices(self, options: Iterable[Layer] | None = None) -> list[str]:
        """Refusals for required groups with nothing selected under them."""
        chosen = set(self.selection if options is None else options)
        messages: list[str] = []
        for node in self.configurator.walk():
            if not node.is_group or not node.required or node.hidden_in_controls():
                continue
            if not any(o in chosen for o in node.walk()):
                messages.append(texts.choose_option(node.name))
        return messages

    # --- cart ----------------------------------------------------------------------------
    def add_to_cart(self, quantity: int = 1) -> list[str]:
        """Add the current selection; returns refusal texts (nothing is added when any)."""
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        options = tuple(self.selected())
        messages = self.missing_choices(options)
        messages += [texts.not_selectable(o.name) for o in options if not self.state(o).selectable]
        if not messages:
            messages = self._stock_refusals(options, quantity, self._units_in_cart())
        if not messages:
            self._lines.append(_Line(options, quantity))
        return messages

    def remove_line(self, index: int) -> None:
        del self._lines[index]

    def in_cart(self, option: Layer) -> bool:
        """Whether any cart line uses option (cheap: the cart is small)."""
        return any(option in line.options for line in self._lines)

    def replace_options(self, replacements: dict[Layer, Layer]) -> None:
        """Carry the simulation over to new objects standing for the same options (an undone
        delete re-inserts copies): selection, cart lines and units sold follow them."""
        if not replacements:
            return
        self.selection = {replacements.get(o, o) for o in self.selection}
        self.used = {replacements.get(o, o): n for o, n in self.used.items()}
        for line in self._lines:
            line.options = tuple(replacements.get(o, o) for o in line.options)

    def cart(self) -> CartView:
        running: dict[Layer, int] = {}
        lines: list[CartLineView] = []
        shortages: list[str] = []
        for line in self._lines:
            options = tuple(o for o in line.options if self.present(o))
            shortages += self._stock_refusals(options, line.quantity, running)
            items = []
            for option in options:
                before = running.get(option, 0)
                after = before + line.quantity
                running[option] = after
                back = self._backordered(option, after) - self._backordered(option, before)
                label = texts.cart_item_label(option.name, back > 0 and self.notify)
                items.append(CartItem(option, label, back))
            unit = self.unit_price(options)
            lines.append(CartLineView(tuple(items), line.quantity, unit, unit * line.quantity))
        subtotal = sum((line.total for line in lines), Decimal("0.00"))
        return CartView(tuple(lines), subtotal, tuple(dict.fromkeys(shortages)))

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
        for line in view.lines:
            for item in line.items:
                if stock.order_takes_stock(self.addon_active, item.option.stock):
                    self.used[item.option] = self.used.get(item.option, 0) + line.quantity
        order = Order(
            number=len(self.orders) + 1,
            lines=view.lines,
            subtotal=view.subtotal,
            backorders=tuple(BackorderNote(o, o.name, n) for o, n in notes.items()),
            notify=self.notify,
        )
        self.orders.append(order)
        self._lines.clear()
        return order

    def stock_after(self) -> dict[str, int | None]:
        """Managed option path → quantity left after the simulated orders."""
        managed = (o for o in self.configurator.options() if o.stock.manage)
        return {o.path: self.quantity_left(o) for o in managed}

    def reset_simulation(self) -> None:
        """Start afresh from the stored values: no sales, empty cart, default choices."""
        self.used.clear()
        self.orders.clear()
        self._lines.clear()
        self.select_defaults()

    # --- helpers -------------------------------------------------------------------------
    def _choices(self, group: Layer) -> list[Layer]:
        return [c for c in group.children if not c.is_group]

    def _selected_in(self, group: Layer) -> bool:
        return any(c in self.selection for c in group.children)

    def _units_in_cart(self) -> dict[Layer, int]:
        units: dict[Layer, int] = {}
        for line in self._lines:
            for option in line.options:
                units[option] = units.get(option, 0) + line.quantity
        return units

    def _backordered(self, option: Layer, units: int) -> int:
        if not stock.rules_apply(self.addon_active, option.stock):
            return 0
        return stock.backordered_units(option.stock, units, self.used.get(option, 0))

    def _stock_refusals(
        self, options: Iterable[Layer], quantity: int, in_cart: dict[Layer, int]
    ) -> list[str]:
        """Without backorders, refuse units beyond what stock can still cover."""
        if stock.backorders_allowed(self.configurator.backorders):
            return []
        messages = []
        for option in options:
            if not stock.rules_apply(self.addon_active, option.stock):
                continue
            limit = stock.purchasable_units(option.stock, self.used.get(option, 0))
            already = in_cart.get(option, 0)
            if limit is not None and already + quantity > limit:
                messages.append(texts.not_enough_stock(option.name, max(limit - already, 0)))
        return messages
