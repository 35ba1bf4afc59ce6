"""QA scenarios (docs/preview-and-scenarios.md): steps a shopper takes and what QA expects to see,
played on the
same storefront simulation as the preview.

Pure Python. A `Scenario` names its options by path; `Player` resolves them against one
configurator, applies the scenario's setup to it (undone by `Player.restore`), then plays each
step on a `Storefront` and checks each `expect` step, returning what differed. The CLI runner
and the window's playback both play through here, so a scenario means the same everywhere.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import texts
from .model import Availability, Backorders, Configurator, Layer, NameIndex, Stock, StockDisplay
from .money import money_str
from .orders import OrderStatus, Payment
from .outline import Outline
from .storefront import Order, Storefront
from .suggest import option_path_hint


class ScenarioError(ValueError):
    """A scenario that cannot be played on its configurator (an option path that names no
    option); `where` is the field path in the scenario file, positions counted from 1 as the
    run's steps are (docs/preview-and-scenarios.md), e.g. `steps[1].select`."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


# --- what a scenario says ---------------------------------------------------------------------
@dataclass(frozen=True)
class Setup:
    """Settings and stock for the scenario's own copy; None (or no entry) leaves a value as
    it is. `stock` maps an option path to Stock attributes (manage, quantity, status,
    low_amount, backorders) and their new values."""

    addon: bool | None = None
    backorders: Backorders | None = None
    stock_display: StockDisplay | None = None
    stock: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # After checkout (docs/orders.md): the simulated shop's order settings.
    payment: Payment | None = None
    hold_minutes: int | None = None
    notify_no_stock_at: int | None = None


ORDER_SETTINGS = ("payment", "hold_minutes", "notify_no_stock_at")
# The configurator's settings a setup may change (and Player.restore puts back). The order
# settings start from the configurator's stored values; a setup chooses its own on the
# storefront's order book instead (docs/orders.md).
_CONFIGURATOR_SETTINGS = ("backorders", "stock_display")


@dataclass(frozen=True)
class Refund:
    """A `refund` step: units of options (by path) of order `order`, restocked or not."""

    order: int
    lines: Mapping[str, int]
    restock: bool = False


@dataclass(frozen=True)
class Expectation:
    """What an `expect` step checks; None means not checked."""

    option: str | None = None
    availability: Availability | None = None
    selectable: bool | None = None
    notice: str | None = None
    low: bool | None = None
    selection: tuple[str, ...] | None = None
    unit_price: Decimal | None = None
    cart_contains: str | None = None
    cart_lines: int | None = None
    subtotal: Decimal | None = None
    message_contains: str | None = None
    no_message: bool | None = None
    order_placed: bool | None = None
    order_backordered: Mapping[str, int] | None = None
    order_note_contains: str | None = None
    stock: Mapping[str, int | None] | None = None
    order_status: Mapping[int, OrderStatus] | None = None
    notification_contains: str | None = None


@dataclass(frozen=True)
class Step:
    """One step: `kind` is its key in the file (select, deselect, quantity, add_to_cart,
    checkout, reset, set, expect; after checkout: pay, complete, cancel, refund, wait,
    shopper) and `value` what the key holds."""

    kind: str
    value: Any = True

    def describe(self) -> str:
        """The step in a few words, for the window's results list and reports."""
        if self.kind in ("select", "deselect"):
            return f'{self.kind} "{self.value}"'
        if self.kind == "quantity":
            return f"quantity {self.value}"
        if self.kind == "expect":
            return "expect " + ", ".join(_expected_keys(self.value))
        if self.kind == "set":
            return "set " + ", ".join(_setup_keys(self.value))
        if self.kind in ("pay", "complete", "cancel"):
            return f"{self.kind} order {self.value}"
        if self.kind == "refund":
            return f"refund order {self.value.order}"
        if self.kind == "wait":
            return f"wait {self.value} minutes"
        if self.kind == "shopper":
            return f'shopper "{self.value}"'
        return self.kind.replace("_", " ")


@dataclass(frozen=True)
class Scenario:
    """A whole scenario file: its name, the configurator it runs on, setup and steps.
    `configurator` is a name, an id, or a Configurator given inline."""

    name: str
    configurator: str | int | Configurator
    setup: Setup = Setup()
    steps: tuple[Step, ...] = ()


def _expected_keys(expectation: Expectation) -> list[str]:
    return [
        f.name for f in dataclasses.fields(expectation) if getattr(expectation, f.name) is not None
    ]


def _setup_keys(setup: Setup) -> list[str]:
    names = ("addon", "backorders", "stock_display", *ORDER_SETTINGS)
    keys = [k for k in names if getattr(setup, k) is not None]
    return [*keys, *(f"stock of {path}" for path in setup.stock)]


# --- results ----------------------------------------------------------------------------------
def shown(value: Any) -> str:
    """A value as a failure message shows it: JSON, money as its string ("108.00")."""
    return json.dumps(plain(value), ensure_ascii=False)


def plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return money_str(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Mismatch:
    """One expectation not met: the key checked, what the file expected, what was there."""

    key: str
    expected: Any
    got: Any

    @property
    def text(self) -> str:
        """'subtotal: expected "100.00", got "108.00"'."""
        return texts.SCENARIO_MISMATCH.format(
            key=self.key, expected=shown(self.expected), got=shown(self.got)
        )

    def in_step(self, number: int) -> str:
        """'step 5: subtotal: expected "100.00", got "108.00"'."""
        return texts.SCENARIO_STEP_FAILED.format(number=number, mismatch=self.text)


@dataclass(frozen=True)
class StepResult:
    """A played step: its number (from 1), the step, and its mismatches (none: passed)."""

    number: int
    step: Step
    mismatches: tuple[Mismatch, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.mismatches

    @property
    def failure(self) -> str:
        """'step 3: subtotal: expected "108.00", got "54.00"', or '' when it passed."""
        return self.mismatches[0].in_step(self.number) if self.mismatches else ""


# --- playing ----------------------------------------------------------------------------------
class Player:
    """Plays one scenario on a storefront, step by step.

    Construction resolves every option path (ScenarioError names the first that fails),
    applies the setup to the storefront's configurator and add-on switch and starts a fresh
    simulation. `restore` puts back what setup and `set` steps changed, so a configurator can
    serve many scenarios without copying it.

    A scenario changes stock and settings, never the tree (its option paths are resolved
    once, too), so the storefront takes the tree's outline once, unless it has one already:
    a step then costs what it touches, not a look at every layer of the configurator.
    """

    def __init__(self, shop: Storefront, scenario: Scenario) -> None:
        self.shop = shop
        self.scenario = scenario
        self.options = _resolve(shop.configurator, scenario)
        self.quantity = 1
        self.messages: list[str] = []  # refusals of the last shopper action
        self.order: Order | None = None  # what the last checkout placed
        self.played: list[StepResult] = []
        self._saved_stock: dict[Layer, Stock] = {}
        cfg = shop.configurator
        self._saved_settings = {key: getattr(cfg, key) for key in _CONFIGURATOR_SETTINGS}
        self._saved_addon = shop.addon_active
        self._saved_orders = shop.book.chosen
        self._quantities: dict[str, int] = {}  # each waiting shopper's quantity
        if shop.outline is None:
            shop.outline = Outline.of(shop.configurator)
        self._apply(scenario.setup)
        shop.reset_simulation()

    @property
    def done(self) -> bool:
        return len(self.played) == len(self.scenario.steps)

    @property
    def passed(self) -> bool:
        return all(result.passed for result in self.played)

    def play_all(self) -> list[StepResult]:
        while not self.done:
            self.play_next()
        return self.played

    def play_next(self) -> StepResult:
        step = self.scenario.steps[len(self.played)]
        mismatches = self._play(step)
        result = StepResult(len(self.played) + 1, step, tuple(mismatches))
        self.played.append(result)
        return result

    def restore(self) -> None:
        """Undo the setup and `set` steps on the configurator (the simulation is left as is)."""
        for layer, stock in self._saved_stock.items():
            layer.stock = stock
        self._saved_stock.clear()
        cfg = self.shop.configurator
        for key, value in self._saved_settings.items():
            setattr(cfg, key, value)
        self.shop.addon_active = self._saved_addon
        self.shop.book.choose(self._saved_orders)

    # --- steps -----------------------------------------------------------------------------
    def _play(self, step: Step) -> list[Mismatch]:
        shop, kind = self.shop, step.kind
        if kind == "expect":
            return self.check(step.value)
        self.messages = []
        if kind in ("select", "deselect"):
            refusal = shop.select(self.options[step.value], kind == "select")
            self.messages = [refusal] if refusal else []
        elif kind == "quantity":
            self.quantity = step.value
        elif kind == "add_to_cart":
            self.messages = shop.add_to_cart(self.quantity)
        elif kind == "checkout":
            placed = shop.checkout()
            if isinstance(placed, Order):
                self.order = placed
                shop.prune()  # as the preview does: a choice that ran out is dropped
            else:
                self.order = None
                self.messages = placed
        elif kind == "reset":
            shop.reset_simulation()
            self.quantity = 1
            self._quantities.clear()
            self.order = None
        elif kind == "set":
            shop.prune(self._apply(step.value))
        else:
            self._after_checkout(step)
        return []

    def _after_checkout(self, step: Step) -> None:
        """The order steps and the shopper switch (docs/orders.md)."""
        shop, kind = self.shop, step.kind
        refusal: str | None = None
        if kind in ("pay", "complete", "cancel"):
            refusal = shop.order_action(kind, step.value)
        elif kind == "refund":
            refund: Refund = step.value
            lines = {self.options[path]: units for path, units in refund.lines.items()}
            refusal = shop.refund(refund.order, lines, refund.restock)
        elif kind == "wait":
            shop.wait(step.value)
        elif kind == "shopper":
            self._quantities[shop.shopper] = self.quantity
            shop.switch_shopper(step.value)
            self.quantity = self._quantities.pop(step.value, 1)
        else:
            raise ValueError(f"unknown step {kind!r}")
        if kind != "shopper":
            shop.prune()  # as after checkout: what stock changed may change what can be chosen
        self.messages = [refusal] if refusal else []

    def _apply(self, setup: Setup) -> list[Layer] | None:
        """Apply setup; returns the options whose stock it changed, or None when it changed a
        setting (which may change what any option shows)."""
        shop = self.shop
        settings = (setup.addon, setup.backorders, setup.stock_display)
        touched: list[Layer] | None = None if any(s is not None for s in settings) else []
        if setup.addon is not None:
            shop.addon_active = setup.addon
        if setup.backorders is not None:
            shop.configurator.backorders = setup.backorders
        if setup.stock_display is not None:
            shop.configurator.stock_display = setup.stock_display
        # The order settings change what later orders do, not what options show.
        chosen = {key: getattr(setup, key) for key in ORDER_SETTINGS}
        chosen = {key: value for key, value in chosen.items() if value is not None}
        if chosen:
            shop.book.settings = dataclasses.replace(shop.book.settings, **chosen)
        for path, changes in setup.stock.items():
            layer = self.options[path]
            self._saved_stock.setdefault(layer, layer.stock)
            # A new Stock object: the saved one stays as it was, for restore.
            layer.stock = dataclasses.replace(layer.stock, **changes)
            if "quantity" in changes:
                # "quantity" is what the option has now: units sold before it no longer count.
                shop.used.pop(layer, None)
            shop.stock_changed()
            if touched is not None:
                touched.append(layer)
        return touched

    # --- expectations ----------------------------------------------------------------------
    def check(self, expected: Expectation) -> list[Mismatch]:
        """Each key expected, checked against what the simulation shows now."""
        shop, found = self.shop, []

        def compare(key: str, want: Any, got: Any) -> None:
            if want != got:
                found.append(Mismatch(key, want, got))

        e = expected
        if e.option is not None:
            state = shop.state(self.options[e.option])
            where = f'option["{e.option}"]'
            if e.availability is not None:
                compare(f"{where}.availability", e.availability.value, state.availability.value)
            if e.selectable is not None:
                compare(f"{where}.selectable", e.selectable, state.selectable)
            if e.notice is not None:
                compare(f"{where}.notice", e.notice, state.notice)
            if e.low is not None:
                compare(f"{where}.low", e.low, state.low)
        if e.selection is not None:
            got = [option.path for option in shop.selected()]
            # Compared as the options they name: a path may be spelled another way ("/" in a
            # name written plain where that can mean nothing else; see option_path).
            want = [self.options[path].path for path in e.selection]
            if sorted(want) != sorted(got):
                found.append(Mismatch("selection", list(e.selection), got))
        if e.unit_price is not None:
            compare("unit_price", e.unit_price, shop.unit_price())
        # The storefront keeps the cart priced as lines are added: a look costs the lines
        # added since the last one, so a long scenario's time grows with its steps.
        if e.cart_contains is not None and e.cart_contains not in shop.cart_labels():
            labels = [item.label for line in shop.cart().lines for item in line.items]
            found.append(Mismatch("cart_contains", e.cart_contains, labels))
        if e.cart_lines is not None:
            compare("cart_lines", e.cart_lines, shop.line_count)
        if e.subtotal is not None:
            compare("subtotal", e.subtotal, shop.cart_subtotal())
        if e.message_contains is not None and not any(
            e.message_contains in message for message in self.messages
        ):
            found.append(Mismatch("message_contains", e.message_contains, self.messages))
        if e.no_message and self.messages:
            found.append(Mismatch("no_message", [], self.messages))
        if e.order_placed is not None:
            compare("order_placed", e.order_placed, self.order is not None)
        if e.order_backordered is not None:
            units = {} if self.order is None else self._backordered(self.order)
            for path, want_units in e.order_backordered.items():
                got_units = None if self.order is None else units.get(self.options[path], 0)
                compare(f'order_backordered["{path}"]', want_units, got_units)
        if e.order_note_contains is not None:
            notes = self._notes(self.order) if self.order is not None else []
            if not any(e.order_note_contains in note for note in notes):
                found.append(Mismatch("order_note_contains", e.order_note_contains, notes))
        if e.stock is not None:
            for path, want_quantity in e.stock.items():
                got_quantity = shop.quantity_left(self.options[path])
                compare(f'stock["{path}"]', want_quantity, got_quantity)
        if e.order_status is not None:
            for number, want_status in e.order_status.items():
                got_status = shop.book.status(number)
                got_value = None if got_status is None else got_status.value
                compare(f'order_status["{number}"]', want_status.value, got_value)
        if e.notification_contains is not None:
            sent = [n.text for n in shop.book.notifications]
            if not any(e.notification_contains in text for text in sent):
                found.append(Mismatch("notification_contains", e.notification_contains, sent))
        return found

    def _notes(self, order: Order) -> list[str]:
        """What the shopper was told, then the order's notes as WooCommerce keeps them."""
        life = self.shop.book.lives.get(order.number)
        return [*order.notes, *(life.notes if life is not None else ())]

    @staticmethod
    def _backordered(order: Order) -> dict[Layer, int]:
        return {note.option: note.units for note in order.backorders}


# --- option paths -----------------------------------------------------------------------------
def _resolve(cfg: Configurator, scenario: Scenario) -> dict[str, Layer]:
    """Every option path the scenario names → its option, or ScenarioError at the first one
    that names none, a group, or more than one layer."""
    found: dict[str, Layer] = {}
    index = NameIndex()  # each level's names read once: a recording may name a thousand options
    for where, path in _paths(scenario):
        if path not in found:
            found[path] = find_option(cfg, path, where, index)
    return found


def find_option(cfg: Configurator, path: str, where: str, index: NameIndex | None = None) -> Layer:
    layers = cfg.find_paths(path, index)
    if not layers:
        hint = option_path_hint(path, (option.path for option in cfg.options()))
        raise ScenarioError(
            where, f'no option "{path}" in "{cfg.name}"{"; " + hint if hint else ""}'
        )
    if len(layers) > 1:
        raise ScenarioError(where, f'"{path}" names {len(layers)} layers of "{cfg.name}"')
    if layers[0].is_group:
        raise ScenarioError(where, f'"{path}" is a group of "{cfg.name}", not an option')
    return layers[0]


def _paths(scenario: Scenario) -> list[tuple[str, str]]:
    """(field path, option path) for every option the scenario names, in file order."""
    paths = [(f'setup.stock["{p}"]', p) for p in scenario.setup.stock]
    for i, step in enumerate(scenario.steps, start=1):
        here = f"steps[{i}].{step.kind}"
        if step.kind in ("select", "deselect"):
            paths.append((here, step.value))
        elif step.kind == "set":
            paths += [(f'{here}.stock["{p}"]', p) for p in step.value.stock]
        elif step.kind == "refund":
            paths += [(f'{here}.lines["{p}"]', p) for p in step.value.lines]
        elif step.kind == "expect":
            e: Expectation = step.value
            if e.option is not None:
                paths.append((f"{here}.option", e.option))
            for key in ("selection", "order_backordered", "stock"):
                for p in getattr(e, key) or ():
                    paths.append((f"{here}.{key}", p))
    return paths
