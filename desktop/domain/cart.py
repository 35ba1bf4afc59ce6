"""The cart's values: what a line stores, how the cart and a placed order are shown, and the
running tally that lets a long scenario price each cart line once rather than at every look
(README, "QA scenarios": a scenario's time grows with its steps, not with their square).

Pure Python, like the storefront that fills them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import texts
from .model import Layer

DEFAULT_SHOPPER = "default"  # the shopper a storefront starts with (docs/orders.md)


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
    # Why checkout would refuse this line now (stock changed since it was added); () when it
    # can still be bought. Lines are checked in cart order, earlier lines taking stock first.
    shortages: tuple[str, ...] = ()

    @property
    def backordered(self) -> int:
        return sum(item.backordered for item in self.items)

    @property
    def buyable(self) -> bool:
        """Whether this line can still be bought as it stands."""
        return not self.shortages


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
    notify: bool = False  # whether the shopper is told (the option's backorders "notify")

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
    shopper: str = DEFAULT_SHOPPER

    @property
    def notes(self) -> tuple[str, ...]:
        """What the shopper is told: "Backordered: N" per option whose backorders notify."""
        return tuple(f"{note.name}: {note.text}" for note in self.backorders if note.notify)

    @property
    def merchant_notes(self) -> tuple[str, ...]:
        """The merchant's view: every backordered option, whatever shoppers are told."""
        return tuple(f"{note.name}: {note.text}" for note in self.backorders)


@dataclass(slots=True)
class _Line:
    """What a cart line stores; its labels and prices are worked out when the cart is shown."""

    options: tuple[Layer, ...]
    quantity: int


@dataclass
class CartCount:
    """What the cart's lines add up to whatever the stock: units of each option, subtotal and
    how many items carry each option's name (its label unless a backorder is flagged). A
    scenario's `set` changes stock, not these, so they are counted once per line."""

    key: tuple[object, ...]
    counted: int = 0  # how many of the cart's lines are counted
    running: dict[Layer, int] = field(default_factory=dict)
    subtotal: Decimal = Decimal("0.00")
    names: dict[str, int] = field(default_factory=dict)

    def add(self, options: tuple[Layer, ...], quantity: int, unit_price: Decimal) -> None:
        self.counted += 1
        self.subtotal += unit_price * quantity
        for option in options:
            self.running[option] = self.running.get(option, 0) + quantity
            self.names[option.name] = self.names.get(option.name, 0) + 1


@dataclass
class CartTally:
    """The cart's lines priced so far, in cart order, with what they leave behind: the units
    of each option taken (later lines are priced after earlier ones), the subtotal and how
    many times each item label shows. `key` is what they were priced under; a tally whose
    key no longer matches is thrown away and the cart priced afresh."""

    key: tuple[object, ...]
    priced: int = 0  # how many of the cart's lines are in `lines`
    running: dict[Layer, int] = field(default_factory=dict)
    lines: list[CartLineView] = field(default_factory=list)
    shortages: dict[str, None] = field(default_factory=dict)  # ordered, without repeats
    subtotal: Decimal = Decimal("0.00")
    labels: dict[str, int] = field(default_factory=dict)

    def add(self, line: CartLineView) -> None:
        self.lines.append(line)
        self.priced += 1
        self.subtotal += line.total
        self.shortages.update(dict.fromkeys(line.shortages))
        for item in line.items:
            self.labels[item.label] = self.labels.get(item.label, 0) + 1

    def view(self) -> CartView:
        return CartView(tuple(self.lines), self.subtotal, tuple(self.shortages))
