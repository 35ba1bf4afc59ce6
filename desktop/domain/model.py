"""The configurator as plain Python objects: what the rules read and the editor shows.

No Qt and no SQL here. The store builds these from rows; the editor's document edits them (the
tree through `Configurator.insert`, `remove` and `move`) alongside each database write, so the
screens never re-read what they already hold.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from . import option_path
from .collector import collector_paused
from .price_format import (
    DEFAULT_DECIMAL_SEPARATOR,
    DEFAULT_DECIMALS,
    DEFAULT_POSITION,
    DEFAULT_THOUSAND_SEPARATOR,
    CurrencyPosition,
    PriceFormat,
)
from .values import (
    Availability as Availability,
)
from .values import (
    Backorders,
    LayerType,
    Payment,
    StockDisplay,
    StockStatus,
)

if TYPE_CHECKING:
    from .wordpress import WordPressNode, WordPressPost


# Which layer types may hold which children; the tree's shape rule lives here once.
ALLOWED_CHILDREN: dict[LayerType | None, tuple[LayerType, ...]] = {
    None: (LayerType.GROUP,),
    LayerType.GROUP: (LayerType.SUB_GROUP, LayerType.IMAGE),
    LayerType.SUB_GROUP: (LayerType.IMAGE,),
    LayerType.IMAGE: (),
}


_IMAGE = LayerType.IMAGE  # a module constant: an enum member looked up on its class is slow


def can_hold(parent: LayerType | None, child: LayerType) -> bool:
    return child in ALLOWED_CHILDREN[parent]


# The stock quantities the editor can hold (its spin box's range; it may go negative after
# backorders). Files and databases with quantities outside it are refused.
MIN_STOCK_QUANTITY = -99_999
MAX_STOCK_QUANTITY = 999_999
# WooCommerce's default low-stock threshold, used where an option sets no low stock amount.
DEFAULT_LOW_STOCK_THRESHOLD = 2
# The order settings' defaults (docs/orders.md), as WooCommerce's: woocommerce_hold_stock_minutes
# and woocommerce_notify_no_stock_amount. A hold runs at most a year of simulated time.
DEFAULT_HOLD_MINUTES = 60
MAX_HOLD_MINUTES = 525_600
DEFAULT_NOTIFY_NO_STOCK_AT = 0


@dataclass(slots=True)
class Stock:
    """An image layer's Stock Management fields."""

    manage: bool = False
    sku: str = ""
    quantity: int | None = None
    status: StockStatus = StockStatus.IN_STOCK
    low_amount: int | None = None  # the option's own low-stock threshold; None: the configurator's
    # The option's own backorder setting; None: the configurator's (docs/stock-rules.md).
    backorders: Backorders | None = None


# Slots: a 100,000-option configurator is as many layers, each without a dict of its own.
@dataclass(eq=False, slots=True, weakref_slot=True)
class Layer:
    """One node of a configurator's layer tree (group, sub-group or image option)."""

    name: str
    type: LayerType
    id: int | None = None
    required: bool = False
    multiple: bool = False
    price: Decimal = Decimal("0.00")
    sale_price: Decimal | None = None
    image: str = ""
    active_on_load: bool = False
    hidden: bool = False
    stock: Stock = field(default_factory=Stock)
    # How many times the stored row was edited: a write based on an older count is refused
    # (someone else changed the layer since it was read).
    version: int = 1
    parent: Layer | None = field(default=None, repr=False)
    children: list[Layer] = field(default_factory=list, repr=False)
    # What WordPress stores of this layer beyond the editor's fields (docs/wordpress.md);
    # None for a layer made here. Frozen: copies share it.
    wordpress: WordPressNode | None = field(default=None, repr=False)

    @property
    def is_group(self) -> bool:
        return self.type is not _IMAGE

    def clone(self) -> Layer:
        """A detached copy of this layer and its subtree, ids kept; the copy's parent is None.
        (copy.deepcopy does the same at twenty times the cost, which a 100,000-option tree
        pays in seconds.)"""
        copy = self._copy_fields()
        pending = [(self, copy)]
        while pending:
            source, target = pending.pop()
            for child in source.children:
                twin = child._copy_fields()
                twin.parent = target
                target.children.append(twin)
                pending.append((child, twin))
        return copy

    def _copy_fields(self) -> Layer:
        s = self.stock
        copy = Layer(
            self.name, self.type, self.id, self.required, self.multiple, self.price,
            self.sale_price, self.image, self.active_on_load, self.hidden,
            Stock(s.manage, s.sku, s.quantity, s.status, s.low_amount, s.backorders), self.version,
        )  # fmt: skip
        if self.wordpress is not None:  # most layers have none: no keyword to pass for them
            copy.wordpress = self.wordpress
        return copy

    @property
    def effective_price(self) -> Decimal:
        return self.sale_price if self.sale_price is not None else self.price

    @property
    def path(self) -> str:
        """'Group/Sub group/Option', as the CLI, sheets and scenarios name options; a "/"
        inside a name is written "\\/" (see option_path), so the path names this layer alone."""
        names: list[str] = []
        node: Layer | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return option_path.join(names[::-1])

    @property
    def row(self) -> int:
        siblings = self.parent.children if self.parent is not None else None
        return siblings.index(self) if siblings is not None else -1

    def hidden_in_controls(self) -> bool:
        """Hidden itself or under a hidden group ("Hide this and child layers in controls")."""
        node: Layer | None = self
        while node is not None:
            if node.hidden:
                return True
            node = node.parent
        return False

    def walk(self) -> Iterator[Layer]:
        """This layer and every layer under it, depth first in layer order."""
        return _depth_first([self])


def _depth_first(layers: list[Layer]) -> Iterator[Layer]:
    # One loop over an explicit stack: nested generators would cost a frame per level for
    # every layer yielded, which at 10,000 options is most of a walk's time.
    stack = layers[::-1]
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(node.children[::-1])


@dataclass(eq=False)
class Configurator:
    """A product configurator: product link, base price, global settings and the layer tree."""

    name: str
    id: int | None = None
    product_name: str = ""
    woocommerce_id: int | None = None
    base_price: Decimal = Decimal("0.00")
    currency: str = "$"
    backorders: Backorders = Backorders.NO
    low_stock_threshold: int = DEFAULT_LOW_STOCK_THRESHOLD
    stock_display: StockDisplay = StockDisplay.NEVER
    # The shop's price format around `currency` (docs/price-format.md).
    currency_position: CurrencyPosition = DEFAULT_POSITION
    thousand_separator: str = DEFAULT_THOUSAND_SEPARATOR
    decimal_separator: str = DEFAULT_DECIMAL_SEPARATOR
    price_decimals: int = DEFAULT_DECIMALS
    # What the simulated shop does after checkout (docs/orders.md, "Order settings").
    payment: Payment = Payment.PAID
    hold_minutes: int = DEFAULT_HOLD_MINUTES  # 0: unpaid orders hold nothing, never expire
    notify_no_stock_at: int = DEFAULT_NOTIFY_NO_STOCK_AT
    version: int = 1  # as Layer.version, for the configurator's own fields
    layers: list[Layer] = field(default_factory=list)
    # The WordPress post it came from, kept to be written back (docs/wordpress.md).
    wordpress: WordPressPost | None = field(default=None, repr=False)

    @property
    def price_format(self) -> PriceFormat:
        """How this shop writes amounts for shoppers (docs/price-format.md)."""
        return PriceFormat(
            self.currency,
            self.currency_position,
            self.thousand_separator,
            self.decimal_separator,
            self.price_decimals,
        )

    def walk(self) -> Iterator[Layer]:
        return _depth_first(self.layers)

    def clone(self) -> Configurator:
        """A copy of the configurator and its whole layer tree, ids kept."""
        with collector_paused():
            return dataclasses.replace(self, layers=[layer.clone() for layer in self.layers])

    def release(self) -> None:
        """Empty every layer's list of children, for a tree nothing uses any more.

        Each layer refers to its parent and the parent to it: a dropped tree is a web of
        cycles that only the cycle collector frees, and it does so by walking every object the
        process holds (a second or more with a 100,000-option configurator open). Without the
        downward references nothing is left in a cycle, and the tree is freed the moment the
        last reference to it goes."""
        stack = list(self.layers)
        while stack:
            node = stack.pop()
            if node.children:
                stack.extend(node.children)
                node.children.clear()

    def options(self) -> Iterator[Layer]:
        """Image layers in layer order (the order the product image is composed in)."""
        image = LayerType.IMAGE  # looked up once, not per layer
        return (layer for layer in self.walk() if layer.type is image)

    def option_paths(self) -> Iterator[tuple[Layer, str]]:
        """Each option with its `path`, in layer order; each path is built from its parent's
        (a report of 100,000 options would otherwise walk up from every one of them)."""
        image, escape = LayerType.IMAGE, option_path.escape
        stack = [(layer, escape(layer.name)) for layer in reversed(self.layers)]
        while stack:
            node, path = stack.pop()
            if node.type is image:
                yield node, path
            if node.children:
                stack.extend(
                    (child, f"{path}/{escape(child.name)}") for child in reversed(node.children)
                )

    def find_path(self, path: str) -> Layer | None:
        """The one layer whose `path` is path; None when there is none or the path is
        ambiguous (see find_paths, which names every reading)."""
        found = self.find_paths(path)
        return found[0] if len(found) == 1 else None

    def find_paths(self, path: str, index: NameIndex | None = None) -> list[Layer]:
        """The layers path names, in layer order: the one it spells exactly (a "/" inside a
        name written "\\/", as `Layer.path` writes it; see option_path), else every reading
        in which a plain "/" may also be part of a name, as paths were written before:
        "Color/Black/White", where "Color" holds "Black/White" and a sub-group "Black" holds
        no "White", names "Black/White". More than one match means the path is ambiguous:
        "A/B/C" names both "A/B" › "C" and "A" › "B/C" when neither "A" › "B" › "C" exists.

        Each level visited is scanned; with an `index` shared by many searches, a level visited
        again is looked up by name instead (see NameIndex)."""
        parts = option_path.split(path)
        return self._find_exact(parts, index) or self._find_readings(parts, index)

    def _find_exact(self, parts: list[str], index: NameIndex | None) -> list[Layer]:
        """The layers whose names are parts, one name a level (namesakes, which only a
        damaged tree holds, are all followed)."""
        levels = [self.layers]
        for depth, name in enumerate(parts):
            found = [node for level in levels for node in _named(level, name, index)]
            if depth == len(parts) - 1 or not found:
                return found
            levels = [node.children for node in found if node.children]
        return []

    def _find_readings(self, parts: list[str], index: NameIndex | None) -> list[Layer]:
        found: list[Layer] = []

        def search(level: list[Layer], start: int) -> None:
            if not level:
                return
            # Each name the remaining parts can make, with where it ends (one lookup per node),
            # no longer than the longest name here: a path of a million "/" costs no more.
            indexed = None if index is None else index.get(level)
            longest = max(len(n.name) for n in level) if indexed is None else indexed.longest
            names: dict[str, int] = {}
            name = parts[start]
            for end in range(start + 1, len(parts) + 1):
                if len(name) > longest:
                    break
                names[name] = end
                if end < len(parts):
                    name = f"{name}/{parts[end]}"
            if indexed is None:
                # Visiting nodes in order yields the matches in layer order, whatever their split.
                matches = [(node, names[node.name]) for node in level if node.name in names]
            else:
                matches = indexed.matches(level, names)
            for node, end in matches:
                if end == len(parts):
                    found.append(node)
                else:
                    search(node.children, end)

        search(self.layers, 0)
        return found

    def children_of(self, parent: Layer | None) -> list[Layer]:
        return self.layers if parent is None else parent.children

    # --- tree edits: what the store wrote, made on the objects the editor shows --------------
    def insertion_row(self, parent: Layer | None, row: int) -> int:
        """Where `insert` puts a layer asked for at row: clamped to the siblings there."""
        return min(max(row, 0), len(self.children_of(parent)))

    def insert(self, parent: Layer | None, row: int, layer: Layer) -> None:
        """Put the detached layer (and its subtree) at row (see insertion_row) under parent."""
        layer.parent = parent
        self.children_of(parent).insert(self.insertion_row(parent, row), layer)

    def remove(self, layer: Layer) -> tuple[Layer | None, int]:
        """Take layer (and its subtree) out of the tree; where it was: (parent, row)."""
        parent = layer.parent
        siblings = self.children_of(parent)
        row = siblings.index(layer)
        del siblings[row]
        return parent, row

    def move_row(self, layer: Layer, new_parent: Layer | None, new_row: int) -> int:
        """Where `move` puts layer asked for at new_row: clamped to the new parent's children
        as they are without the layer."""
        siblings = self.children_of(new_parent)
        count = len(siblings) - (1 if layer.parent is new_parent else 0)
        return min(max(new_row, 0), count)

    def move(
        self, layer: Layer, new_parent: Layer | None, new_row: int
    ) -> tuple[Layer | None, int]:
        """Move layer to new_row (see move_row) under new_parent; where it was: (parent, row)."""
        row = self.move_row(layer, new_parent, new_row)
        old_parent, old_row = self.remove(layer)
        layer.parent = new_parent
        self.children_of(new_parent).insert(row, layer)
        return old_parent, old_row


def _named(level: list[Layer], name: str, index: NameIndex | None) -> list[Layer]:
    indexed = None if index is None else index.get(level)
    if indexed is None:
        return [node for node in level if node.name == name]
    return [node for node, _ in indexed.matches(level, {name: 0})]


class NameIndex:
    """Where `Configurator.find_paths` looks names up when it resolves many option paths in a
    tree that stays put (a recorded scenario may name a thousand options of a thousand groups):
    a list of siblings is scanned the first time a search visits it, as without an index, and
    its names are indexed on the second visit, so a level is read at most twice, not once per
    path."""

    __slots__ = ("_levels",)

    def __init__(self) -> None:
        # id(siblings list) → None once scanned, its _Names once indexed. The lists live as
        # long as the tree, which outlives this index.
        self._levels: dict[int, _Names | None] = {}

    def get(self, siblings: list[Layer]) -> _Names | None:
        """The level's names, or None on the first visit (the caller scans it)."""
        key = id(siblings)
        if key not in self._levels:
            self._levels[key] = None
            return None
        names = self._levels[key]
        if names is None:
            names = self._levels[key] = _Names(siblings)
        return names


class _Names:
    """One list of siblings' rows by name (most names are unique: one int each, a list only for
    namesakes, so indexing a thousand groups allocates next to nothing)."""

    __slots__ = ("first", "longest", "more")

    def __init__(self, siblings: list[Layer]) -> None:
        self.first: dict[str, int] = {}
        self.more: dict[str, list[int]] = {}
        for row, node in enumerate(siblings):
            if node.name in self.first:
                self.more.setdefault(node.name, []).append(row)
            else:
                self.first[node.name] = row
        self.longest = max(map(len, self.first), default=0)

    def matches(self, siblings: list[Layer], names: dict[str, int]) -> list[tuple[Layer, int]]:
        """The layers among siblings whose name is one of names, each with the value of its
        name, in layer order."""
        rows: list[tuple[int, int]] = []
        for name, end in names.items():
            row = self.first.get(name)
            if row is not None:
                rows.append((row, end))
                rows += [(more, end) for more in self.more.get(name, ())]
        rows.sort()
        return [(siblings[row], end) for row, end in rows]
