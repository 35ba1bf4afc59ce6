"""What the order panel and the shopper switch ask, done on the preview's storefront
(docs/orders.md): pay, complete, cancel, refund, wait, the order settings and the shopper
in front. Each is said in the preview's message area and reported as the scenario step it
is (`PreviewPane.shopperActed`), so a recording replays it."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QSpinBox

from ...domain import texts
from ...domain.model import Layer
from ...domain.orders import OrderSettings
from ...domain.scenario import Refund, Setup, Step
from ...domain.storefront import Storefront
from .message import MessageArea
from .refund_dialog import RefundDialog
from .shop_tabs import ShopPages
from .shopper_switch import ShopperSwitch


class PaneView(Protocol):
    """What the order actions use of the preview pane (which builds them): its parts, not its
    type, so the two modules do not import each other."""

    shop_tabs: ShopPages
    shopper_switch: ShopperSwitch
    storefront: Storefront | None
    quantity: QSpinBox
    message: MessageArea
    shopperActed: SignalInstance

    def show_everything(self) -> None: ...


class OrderActions(QObject):
    """Connects the pane's order panel and shopper switch to its storefront. Emits nothing
    of its own: the pane's shopperActed says what was done."""

    def __init__(self, pane: PaneView) -> None:
        super().__init__()  # kept alive by the pane, which holds it
        self.pane = pane
        panel = pane.shop_tabs.orders
        panel.actionRequested.connect(self.act)
        panel.refundRequested.connect(self.ask_refund)
        panel.waitRequested.connect(self.wait)
        panel.settingsChosen.connect(self.set_settings)
        pane.shopper_switch.shopperChosen.connect(self.switch_shopper)
        self.refund_dialog: RefundDialog | None = None
        # Each waiting shopper's quantity, as the scenario player keeps it: back in front,
        # a shopper finds the quantity they left (a new one starts at 1).
        self._quantities: dict[str, int] = {}
        self._shop: Storefront | None = None

    def act(self, action: str, number: int) -> None:
        """Pay, complete or cancel order `number`."""
        shop = self.pane.storefront
        if shop is None:
            return
        refusal = shop.order_action(action, number)
        status = shop.book.status(number)
        note = texts.order_now(number, status.value) if status is not None else ""
        self._done(Step(action, number), refusal, note)

    def ask_refund(self, number: int) -> RefundDialog | None:
        """Open the refund dialog for order `number` (open(), not exec())."""
        shop = self.pane.storefront
        life = shop.book.lives.get(number) if shop is not None else None
        if life is None:
            return None
        dialog = RefundDialog(life, self.pane.shop_tabs.orders)
        dialog.refundChosen.connect(self.refund)
        dialog.finished.connect(dialog.deleteLater)
        self.refund_dialog = dialog
        dialog.open()
        return dialog

    def refund(self, number: int, lines: dict[Layer, int], restock: bool) -> None:
        shop = self.pane.storefront
        if shop is None:
            return
        life = shop.book.lives.get(number)
        names = {life.names.get(o, o.name) if life else o.name: n for o, n in lines.items()}
        before = dict(life.reduced) if life else {}
        refusal = shop.refund(number, lines, restock)
        # What went back is what the order's reduced counts gave up: an option it took no
        # stock of (not managed) is refunded without a restock (docs/orders.md).
        after = life.reduced if life else {}
        restocked = {
            life.names.get(o, o.name): before[o] - after.get(o, 0)
            for o in lines
            if life and before.get(o, 0) > after.get(o, 0)
        }
        step = Step("refund", Refund(number, {o.path: n for o, n in lines.items()}, restock))
        said = texts.refund_done(number, names, restocked if restock else None)
        self._done(step, refusal, said)

    def wait(self, minutes: int) -> None:
        shop = self.pane.storefront
        if shop is None:
            return
        cancelled = shop.wait(minutes)
        self._done(Step("wait", minutes), None, texts.waited(minutes, cancelled))

    def set_settings(self, settings: OrderSettings) -> None:
        """The payment at checkout or the hold minutes chosen: they apply to the orders
        placed from now on (docs/orders.md)."""
        shop = self.pane.storefront
        if shop is None:
            return
        old = shop.book.settings
        change = Setup(
            payment=settings.payment if settings.payment != old.payment else None,
            hold_minutes=settings.hold_minutes
            if settings.hold_minutes != old.hold_minutes
            else None,
        )
        shop.book.settings = settings
        if change.payment is not None or change.hold_minutes is not None:
            self.pane.shopperActed.emit(Step("set", change), [])

    def switch_shopper(self, name: str) -> None:
        pane, shop = self.pane, self.pane.storefront
        if shop is None or name == shop.shopper:
            return
        if self._shop is not shop:  # another simulation: its shoppers are new
            self._quantities.clear()
            self._shop = shop
        self._quantities = {k: n for k, n in self._quantities.items() if k in shop.shoppers}
        self._quantities[shop.shopper] = pane.quantity.value()
        shop.switch_shopper(name)
        pane.quantity.setValue(self._quantities.pop(name, 1))
        pane.message.clear()
        pane.show_everything()
        pane.shopperActed.emit(Step("shopper", name), [])

    def _done(self, step: Step, refusal: str | None, note: str) -> None:
        pane, shop = self.pane, self.pane.storefront
        assert shop is not None
        # Stock given back or taken may change what can be chosen (as the scenario player).
        shop.prune()
        if refusal:
            pane.message.refuse(refusal, lambda: "")
        else:
            pane.message.note(note)
        pane.show_everything()
        pane.shopperActed.emit(step, [refusal] if refusal else [])
