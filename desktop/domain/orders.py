"""Order life after checkout (docs/orders.md): statuses, held stock, pay, complete, cancel,
refund, simulated time, order notes and the shop's stock notifications, in WooCommerce's words.

Pure Python. One `OrderBook` belongs to a storefront and is shared by all its shoppers. It
keeps, per placed order, what the order reduced and has not given back, so cancelling or
restocking a refund puts back exactly that. `used` is the storefront's own dict of units the
simulation took from each option (stored quantity − used = the simulated quantity); the book
adds and removes units there and nowhere else. `held` is what unpaid orders hold: units other
shoppers cannot buy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from . import stock, texts
from .cart import DEFAULT_SHOPPER as DEFAULT_SHOPPER  # the shoppers' one name, kept by the cart
from .model import DEFAULT_HOLD_MINUTES, DEFAULT_NOTIFY_NO_STOCK_AT, Configurator, Layer
from .values import Payment

if TYPE_CHECKING:
    from .cart import Order

__all__ = [
    "DEFAULT_HOLD_MINUTES",
    "DEFAULT_NOTIFY_NO_STOCK_AT",
    "OrderBook",
    "OrderSettings",
    "Payment",
]


@dataclass(frozen=True)
class OrderSettings:
    """The order settings in force (docs/orders.md). Frozen: a change is a new value, set
    whole on the book, so it is never lost on a copy."""

    payment: Payment = Payment.PAID
    hold_minutes: int = DEFAULT_HOLD_MINUTES  # 0: unpaid orders hold nothing, never expire
    notify_no_stock_at: int = DEFAULT_NOTIFY_NO_STOCK_AT


class OrderStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


# The statuses each order action applies to (WooCommerce's order life, docs/orders.md): the
# book refuses the others, and the preview's order panel disables their buttons.
ACTION_STATUSES: dict[str, tuple[OrderStatus, ...]] = {
    "pay": (OrderStatus.PENDING,),
    "complete": (OrderStatus.PROCESSING,),
    "cancel": (OrderStatus.PENDING, OrderStatus.PROCESSING, OrderStatus.COMPLETED),
    "refund": (OrderStatus.PROCESSING, OrderStatus.COMPLETED),
}
_DONE = {"pay": "paid", "complete": "completed", "cancel": "cancelled", "refund": "refunded"}


class NotificationKind(StrEnum):
    NO_STOCK = "no_stock"
    LOW_STOCK = "low_stock"
    BACKORDER = "backorder"


@dataclass(frozen=True, slots=True)
class Notification:
    """A stock email the shop would send after a reduction."""

    kind: NotificationKind
    option: Layer
    order: int
    text: str


class OrderRefused(ValueError):
    """An order action that cannot be done now; the message says why, in one line."""


@dataclass
class OrderLife:
    """One placed order's life: status, what it reduces, holds, reduced and refunded, notes.

    Keys are options; each option stands for one order line in WooCommerce's sense (the
    units of it the order's cart lines used together)."""

    number: int
    shopper: str
    status: OrderStatus
    names: dict[Layer, str]  # as ordered: a later rename does not change a placed order
    ordered: dict[Layer, int]  # units of every option the order lists
    takes: dict[Layer, int]  # units that reduce stock when the order is paid
    held: dict[Layer, int] = field(default_factory=dict)
    expires_at: int | None = None  # simulated minute when an unpaid order is cancelled
    reduced: dict[Layer, int] = field(default_factory=dict)  # reduced, not yet given back
    refunded: dict[Layer, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def left_to_refund(self, option: Layer) -> int:
        """Units of option the order lists and has not refunded yet."""
        return self.ordered.get(option, 0) - self.refunded.get(option, 0)


class OrderBook:
    """Every shopper's orders over one shared stock, with the shop's clock and notifications."""

    def __init__(self, configurator: Configurator, used: dict[Layer, int]) -> None:
        self.configurator = configurator
        self.used = used
        self.now = 0  # simulated minutes since the simulation started
        self.lives: dict[int, OrderLife] = {}
        # The pending orders, so that time passing looks at these only, not at every order.
        self._unpaid: dict[int, OrderLife] = {}
        self.held: dict[Layer, int] = {}
        self.notifications: list[Notification] = []
        # What the simulation chose for itself (the preview's order panel); None: the
        # configurator's stored settings, read when an order needs them.
        self._chosen: OrderSettings | None = None

    @property
    def settings(self) -> OrderSettings:
        """The order settings in force: those chosen for this simulation, else the
        configurator's stored ones (docs/orders.md)."""
        if self._chosen is not None:
            return self._chosen
        cfg = self.configurator
        return OrderSettings(cfg.payment, cfg.hold_minutes, cfg.notify_no_stock_at)

    @settings.setter
    def settings(self, settings: OrderSettings) -> None:
        """Choose settings for this simulation (the stored ones stay as they are)."""
        self._chosen = settings

    @property
    def chosen(self) -> OrderSettings | None:
        """The settings chosen for this simulation, or None when they are the stored ones."""
        return self._chosen

    def choose(self, settings: OrderSettings | None) -> None:
        """As setting `settings`; None goes back to the configurator's stored ones."""
        self._chosen = settings

    def reset(self) -> None:
        """No orders, no holds, no notifications, time back at 0; settings are kept."""
        self.now = 0
        self.lives.clear()
        self._unpaid.clear()
        self.held.clear()
        self.notifications.clear()

    def status(self, number: int) -> OrderStatus | None:
        life = self.lives.get(number)
        return None if life is None else life.status

    def allowed(self, number: int) -> list[str]:
        """The actions order `number`'s status allows now, in ACTION_STATUSES' order (a
        refund only while some unit is left to refund)."""
        life = self.lives.get(number)
        if life is None:
            return []
        allowed = [a for a, statuses in ACTION_STATUSES.items() if life.status in statuses]
        if "refund" in allowed and not any(life.left_to_refund(o) for o in life.ordered):
            allowed.remove("refund")
        return allowed

    def holders(self, option: Layer) -> int:
        """How many unpaid orders hold units of option."""
        return sum(1 for life in self._unpaid.values() if life.held.get(option))

    # --- checkout ------------------------------------------------------------------------
    def place(self, order: Order, shopper: str, takes: dict[Layer, int], addon: bool) -> None:
        """Record a just-placed order: paid → processing, reduced now; pending → holds its
        managed, not-backorderable units for the hold minutes."""
        names: dict[Layer, str] = {}
        ordered: dict[Layer, int] = {}
        for line in order.lines:
            for item in line.items:
                names.setdefault(item.option, item.option.name)
                ordered[item.option] = ordered.get(item.option, 0) + line.quantity
        life = OrderLife(order.number, shopper, OrderStatus.PENDING, names, ordered, takes)
        self.lives[order.number] = life
        self._unpaid[order.number] = life
        settings = self.settings
        if settings.payment is Payment.PAID:
            self._set_status(life, OrderStatus.PROCESSING)
            self._reduce(life, addon)
            return
        minutes = settings.hold_minutes
        if minutes <= 0:
            return
        life.expires_at = self.now + minutes
        backorders = self.configurator.backorders
        for option, units in takes.items():
            if stock.backorders_allowed(stock.option_backorders(option.stock, backorders)):
                continue  # WooCommerce never holds what may be backordered
            life.held[option] = units
            self.held[option] = self.held.get(option, 0) + units

    # --- actions -------------------------------------------------------------------------
    def pay(self, number: int, addon: bool) -> None:
        life = self._life(number, "pay")
        self._release(life)
        self._set_status(life, OrderStatus.PROCESSING)
        self._reduce(life, addon)

    def complete(self, number: int) -> None:
        life = self._life(number, "complete")
        self._set_status(life, OrderStatus.COMPLETED)

    def cancel(self, number: int, reason: str = "") -> None:
        life = self._life(number, "cancel")
        self._release(life)
        self._set_status(life, OrderStatus.CANCELLED, reason)
        self._increase(life)

    def refund(self, number: int, lines: Mapping[Layer, int], restock: bool) -> None:
        """Refund units of some of the order's options; with restock, put back what those
        lines had reduced (never more). All units refunded: the order is refunded."""
        life = self._life(number, "refund")
        for option, units in lines.items():
            name = option.name
            if option not in life.ordered:
                raise OrderRefused(texts.refund_not_in_order(number, name))
            left = life.left_to_refund(option)
            if not 1 <= units <= left:
                raise OrderRefused(texts.refund_too_many(number, name, left))
        for option, units in lines.items():
            life.refunded[option] = life.refunded.get(option, 0) + units
            give = min(units, life.reduced.get(option, 0)) if restock else 0
            if give:
                old = self._left(option)
                self.used[option] = self.used.get(option, 0) - give
                life.reduced[option] -= give
                life.notes.append(texts.refund_restocked(life.names[option], old, old + give))
        if all(life.refunded.get(o, 0) >= n for o, n in life.ordered.items()):
            self._set_status(life, OrderStatus.REFUNDED)

    def wait(self, minutes: int) -> list[int]:
        """Let simulated time pass; unpaid orders whose hold ran out are cancelled (as
        wc_cancel_unpaid_orders). Returns their numbers."""
        self.now += minutes
        expired = [
            life.number
            for life in self._unpaid.values()
            if life.expires_at is not None and life.expires_at <= self.now
        ]
        for number in expired:
            self.cancel(number, texts.UNPAID_CANCELLED)
        return expired

    def replace_options(self, replacements: Mapping[Layer, Layer]) -> None:
        """Follow options re-inserted as new objects (an undone delete)."""

        def moved(d: dict[Layer, int]) -> dict[Layer, int]:
            return {replacements.get(o, o): n for o, n in d.items()}

        self.held = moved(self.held)
        for life in self.lives.values():
            life.names = {replacements.get(o, o): n for o, n in life.names.items()}
            life.ordered, life.takes = moved(life.ordered), moved(life.takes)
            life.held, life.reduced = moved(life.held), moved(life.reduced)
            life.refunded = moved(life.refunded)

    # --- helpers -------------------------------------------------------------------------
    def _life(self, number: int, action: str) -> OrderLife:
        life = self.lives.get(number)
        if life is None:
            raise OrderRefused(texts.no_such_order(number))
        if life.status not in ACTION_STATUSES[action]:
            refused = texts.order_action_refused(number, _DONE[action], life.status.value)
            raise OrderRefused(refused)
        return life

    def _left(self, option: Layer) -> int:
        return (option.stock.quantity or 0) - self.used.get(option, 0)

    def _set_status(self, life: OrderLife, new: OrderStatus, reason: str = "") -> None:
        change = texts.status_changed(life.status.value, new.value)
        life.notes.append(f"{reason} {change}" if reason else change)
        life.status = new
        if new is not OrderStatus.PENDING:
            self._unpaid.pop(life.number, None)

    def _release(self, life: OrderLife) -> None:
        for option, units in life.held.items():
            left = self.held.get(option, 0) - units
            if left > 0:
                self.held[option] = left
            else:
                self.held.pop(option, None)
        life.held.clear()

    def _reduce(self, life: OrderLife, addon: bool) -> None:
        """Reduce stock once for the order (wc_reduce_stock_levels), note it, notify."""
        changes: list[str] = []
        for option, units in life.takes.items():
            if not stock.order_takes_stock(addon, option.stock):
                continue
            old = self._left(option)
            self.used[option] = self.used.get(option, 0) + units
            life.reduced[option] = life.reduced.get(option, 0) + units
            changes.append(texts.stock_change(life.names[option], old, old - units))
            self._notify(life, option, old, old - units)
        if changes:
            life.notes.append(texts.stock_reduced(changes))

    def _increase(self, life: OrderLife) -> None:
        """Put back exactly what the order reduced (wc_increase_stock_levels)."""
        changes: list[str] = []
        for option, units in life.reduced.items():
            if not units:
                continue
            old = self._left(option)
            self.used[option] = self.used.get(option, 0) - units
            changes.append(texts.stock_change(life.names[option], old, old + units))
        life.reduced.clear()
        if changes:
            life.notes.append(texts.stock_increased(changes))

    def _notify(self, life: OrderLife, option: Layer, old: int, new: int) -> None:
        """wc_trigger_stock_change_notifications: out of stock at or below the no-stock
        amount, else low at or below the option's (or configurator's) low amount; a
        backorder notice when the stock went below 0."""
        name = life.names[option]
        threshold = stock.low_threshold(option.stock, self.configurator.low_stock_threshold)
        if new <= self.settings.notify_no_stock_at:
            self._send(NotificationKind.NO_STOCK, option, life, texts.no_stock_email(name))
        elif new <= threshold:
            self._send(NotificationKind.LOW_STOCK, option, life, texts.low_stock_email(name, new))
        if new < 0:
            text = texts.backorder_email(old - new, name, life.number)
            self._send(NotificationKind.BACKORDER, option, life, text)

    def _send(self, kind: NotificationKind, option: Layer, life: OrderLife, text: str) -> None:
        self.notifications.append(Notification(kind, option, life.number, text))
