"""The live storefront preview pane (centre of the main window).

It reads the Document and never writes it: the cart, orders and stock use are a simulation
(a domain Storefront, which holds every shopper rule). Each Document signal updates only what
it can change; see live.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain import texts
from ...domain.change_set import ChangeSet
from ...domain.model import Configurator, Layer
from ...domain.price_format import DEFAULT_FORMAT
from ...domain.scenario import Step
from ...domain.storefront import Order, Storefront
from ..editing.document import Document
from ..theme import palette
from ..theme.palette import Tone
from ..widgets import accessibility
from .cart_panel import CartPanel, checkout_refusal
from .image_view import ProductImage
from .live import LiveUpdates
from .message import MessageArea
from .option_list import OptionList
from .order_actions import OrderActions
from .shop_tabs import ShopPages
from .shopper_switch import ShopperSwitch
from .summary import SummaryArea, SummaryView

# Narrower than this, the options column takes more than half: its badges need the room more
# than the product image, which scales.
NARROW_WIDTH = 560
NARROW_IMAGE_SHARE = 0.4


class PreviewPane(QWidget):
    """The storefront as a shopper sees it, following every document change.

    It listens to the Document (through LiveUpdates) and to its own controls. It can also show
    a scenario's own copy of a configurator (`show_copy`), until the document changes.

    Signals:
        shopperActed(Step, list)   a shopper action taken on its controls (select, deselect,
                                   add_to_cart, checkout, reset, remove_line; from the
                                   order panel and shopper switch pay, complete, cancel,
                                   refund, wait, shopper, and set for its order settings)
                                   and the refusals it met
        playedChanged(bool)        a scenario's copy is shown (True) or the open configurator
                                   is shown again (False)
    """

    shopperActed = Signal(object, list)
    playedChanged = Signal(bool)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.document = document
        self.storefront: Storefront | None = None  # the simulated shopper; None: nothing open
        self.played: Configurator | None = None  # a scenario's copy shown instead, if any
        self.played_title = ""
        # Drawing a preview image (preview_image.shopper_only): the editor's own notes go.
        self.shopper_only = False
        self._build()
        self.order_actions = OrderActions(self)
        self.live = LiveUpdates(self, document)
        # With nothing open, the heading's hint depends on whether any configurator exists.
        document.changed.connect(self._configurators_changed)
        self.live.opened(document.configurator)

    # --- widgets -------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("productHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # a long product name wraps instead of widening the pane
        self.subheading = QLabel()
        self.subheading.setObjectName("productSubheading")
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        palette.style_text(self.subheading, Tone.MUTED)
        self.subheading.setWordWrap(True)
        self.reset_button = QPushButton("Reset simulation")
        self.reset_button.setObjectName("resetSimulationButton")
        self.reset_button.setToolTip(
            "Empty the cart, forget the simulated orders and start again from the stored stock"
        )
        self.reset_button.clicked.connect(self.reset_simulation)

        self.image = ProductImage()
        self.options = OptionList()
        self.options.optionToggled.connect(self._option_toggled)
        self.summary = SummaryView()
        self.summary_area = summary_area = SummaryArea(self.summary)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantitySpin")
        accessibility.name(self.quantity, "Quantity")
        self.quantity.setRange(1, 9999)
        self.quantity.setPrefix("Qty ")
        self.quantity.valueChanged.connect(self._quantity_changed)
        self.add_button = QPushButton("Add to cart")
        self.add_button.setObjectName("addToCartButton")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_to_cart)
        self.message = MessageArea()
        self.cart = CartPanel()
        self.cart.removeRequested.connect(self.remove_line)
        self.cart.checkoutRequested.connect(self.checkout)
        # The simulated shop's shoppers (docs/orders.md).
        self.shopper_switch = ShopperSwitch()

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        titles.addSpacing(4)
        titles.addWidget(self.shopper_switch, 0, Qt.AlignmentFlag.AlignLeft)
        head.addLayout(titles, 1)
        # Reset at the top right, the pages' tabs at the bottom right, over the page they show.
        self.head_right = head_right = QVBoxLayout()
        head_right.setSpacing(2)
        head_right.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignRight)
        head_right.addStretch(1)
        head.addLayout(head_right, 0)

        left = QWidget()
        self.left_layout = left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        # The image takes what the cart leaves: the cart is as tall as its lines and the
        # order confirmation need (each up to a limit), so a placed order reads in full.
        left_layout.addWidget(self.image, 1)
        left_layout.addWidget(self.cart, 0)

        buy = QHBoxLayout()
        buy.addWidget(self.quantity)
        buy.addWidget(self.add_button, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.options, 1)
        right_layout.addWidget(summary_area)
        right_layout.addLayout(buy)

        self.body = body = QSplitter(Qt.Orientation.Horizontal)
        body.setObjectName("previewSplitter")
        # Once the user drags it, the split stays theirs (see resizeEvent).
        self._split_by_user = False
        body.splitterMoved.connect(self._splitter_moved)
        body.setChildrenCollapsible(False)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        # The storefront, the shop's orders and its notifications, as pages of one stack
        # whose tab bar sits under the shopper switch: the storefront keeps its height.
        self.shop_tabs = ShopPages(body, self)
        head_right.addWidget(self.shop_tabs.bar, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.shop_tabs.stack, 1)
        # The message line sits under every page, not in the storefront's: what an order
        # action on the Orders page did, or why it was refused, is seen where it was pressed.
        layout.addWidget(self.message)

    def _splitter_moved(self) -> None:
        self._split_by_user = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        """In a narrow pane the options get 60 % of the width, the product image the rest:
        halves left "Available on Backorder" cut under a name (docs/preview-and-scenarios.md)."""
        super().resizeEvent(event)
        if self._split_by_user:
            return
        width = self.body.width()
        image = round(width * NARROW_IMAGE_SHARE) if width < NARROW_WIDTH else width // 2
        sizes = [image, width - image]
        if self.body.sizes() != sizes:
            self.body.setSizes(sizes)

    # --- showing -------------------------------------------------------------------------
    @property
    def configurator(self) -> Configurator | None:
        """What the preview shows: a scenario's copy while one plays, else the open one."""
        return self.played if self.played is not None else self.document.configurator

    @property
    def product(self) -> str:
        cfg = self.configurator
        if cfg is None:
            return ""
        return cfg.product_name or cfg.name

    def show_heading(self) -> None:
        cfg = self.configurator
        if cfg is None:
            self.heading.setText("No configurator open")
            if self.document.configurators():
                hint = "Open a configurator (click it in the list) to preview it."
            else:
                hint = (
                    "There is no configurator yet: create one with Configurator ▸ New configurator…"
                )
            self.subheading.setText(hint)
            return
        self.heading.setText(self.product)
        parts = [cfg.price_format.format(cfg.base_price)]
        if cfg.product_name and cfg.product_name != cfg.name:
            parts.insert(0, cfg.name)
        if not self.shopper_only:
            if self.played is not None:
                parts.append(f"scenario “{self.played_title}” on its own copy")
            parts.append("simulated shopper — stored stock never changes")
        self.subheading.setText("  ·  ".join(parts))

    def _configurators_changed(self, change: ChangeSet) -> None:
        if change.configurators and self.document.configurator is None:
            self.show_heading()

    def show_summary(self, selected: list[Layer] | None = None) -> None:
        """selected: the storefront's selected() when the caller has it already."""
        shop, cfg = self.storefront, self.configurator
        if shop is None or cfg is None:
            self.summary.clear()
            return
        chosen = shop.selected() if selected is None else selected
        self.summary.show_summary(cfg.base_price, chosen, self.quantity.value(), cfg.price_format)
        self.summary_area.updateGeometry()

    def show_selection(self) -> None:
        """Summary, product image and the checked state of the controls on screen."""
        shop = self.storefront
        # Read once for both: with a thousand groups chosen it is a sort of a thousand options.
        selected = shop.selected() if shop is not None else []
        self.show_summary(selected)
        self.image.show_layers(selected)
        self.options.refresh_all()

    def show_cart(self) -> None:
        """The cart's lines, and in the message area why Checkout waits, if it does."""
        shop, cfg = self.storefront, self.configurator
        if shop is None or cfg is None:
            self.cart.show_cart(None, "", DEFAULT_FORMAT)
            self.message.set_standing("")
            return
        view = shop.cart()
        self.cart.show_cart(view, self.product, cfg.price_format)
        self.message.set_standing(checkout_refusal(view))

    def show_order(self) -> None:
        """The confirmation of the last order the shopper in front placed (if any)."""
        shop, cfg = self.storefront, self.configurator
        orders = shop.orders if shop is not None else []
        mine = next((o for o in reversed(orders) if shop and o.shopper == shop.shopper), None)
        price_format = cfg.price_format if cfg is not None else DEFAULT_FORMAT
        self.cart.show_order(mine, self.product, price_format)

    def show_shop(self) -> None:
        """The order panel, the Notifications tab and the shopper switch."""
        shop, cfg = self.storefront, self.configurator
        price_format = cfg.price_format if cfg is not None else DEFAULT_FORMAT
        self.shop_tabs.show_shop(shop, self.product, price_format)
        if shop is not None:
            self.shopper_switch.show_shoppers(shop.shoppers, shop.shopper)
        else:
            self.shopper_switch.show_shoppers([], "")

    def show_everything(self) -> None:
        enabled = self.storefront is not None
        for widget in (self.quantity, self.add_button, self.reset_button, self.shopper_switch):
            widget.setEnabled(enabled)
        self.show_heading()
        self.show_selection()
        self.show_cart()
        self.show_order()
        self.show_shop()

    def recheck_message(self) -> None:
        """After any change: a refusal whose rule no longer applies leaves the screen."""
        self.message.recheck()

    def _quantity_changed(self) -> None:
        self.show_summary()
        self.message.recheck()  # "Not enough stock" may no longer hold for fewer units

    # --- refusals as they stand now (each returns "" once nothing refuses) ---------------
    def _selection_refusal(self, layer: Layer, on: bool) -> str:
        shop = self.storefront
        if shop is None or not shop.present(layer):
            return ""
        return shop.selection_refusal(layer, on) or ""

    def _add_refusal(self) -> str:
        shop = self.storefront
        return "\n".join(shop.add_refusals(self.quantity.value())) if shop is not None else ""

    def _checkout_refusal(self) -> str:
        shop = self.storefront
        if shop is None:
            return ""
        view = shop.cart()
        return checkout_refusal(view) if view.lines else texts.EMPTY_CART

    # --- shopper actions -----------------------------------------------------------------
    def _option_toggled(self, layer: Layer, on: bool) -> None:
        shop = self.storefront
        if shop is None:
            return
        was_selected = shop.is_selected(layer)
        refusal = shop.select(layer, on)
        if refusal is None:
            self.message.clear()  # a new choice: the last refusal or note is old news
        else:
            self.message.refuse(refusal, lambda: self._selection_refusal(layer, on))
        # A choice in a single-choice group changes its siblings too: all controls follow.
        if shop.is_selected(layer) != was_selected:
            self.show_selection()
        else:
            self.options.refresh_option(layer)  # put the control back as the selection is
        step = Step("select" if on else "deselect", layer.path)
        self.shopperActed.emit(step, [refusal] if refusal else [])

    def add_to_cart(self) -> None:
        shop = self.storefront
        if shop is None:
            return
        quantity = self.quantity.value()
        refusals = shop.add_to_cart(quantity)
        self._added(quantity, refusals)
        self.shopperActed.emit(Step("add_to_cart"), refusals)

    def _added(self, quantity: int, refusals: list[str]) -> None:
        if refusals:
            self.message.refuse("\n".join(refusals), self._add_refusal)
        else:
            self.message.note(f"Added to cart: {self.product} × {quantity}.")
        self.show_cart()

    def checkout(self) -> None:
        shop = self.storefront
        if shop is None:
            return
        result = shop.checkout()
        if isinstance(result, list):
            # Checkout is disabled then; a script or shortcut that gets here still hears why.
            self.message.refuse(self._checkout_refusal(), self._checkout_refusal)
            self.shopperActed.emit(Step("checkout"), result)
            return
        # Sold units change what the options show; a choice that ran out is dropped.
        shop.prune()
        self._placed(result)
        self.shopperActed.emit(Step("checkout"), [])

    def _placed(self, order: Order) -> None:
        self.message.note(f"Order #{order.number} placed.")
        self.show_selection()
        self.show_cart()
        self.show_order()
        self.show_shop()

    def remove_line(self, row: int) -> None:
        shop = self.storefront
        if shop is None:
            return
        shop.remove_line(row)
        self.message.clear()
        self.show_cart()
        # Not a scenario step (docs/preview-and-scenarios.md has none): a recording says it cannot
        # replay it.
        self.shopperActed.emit(Step("remove_line", row), [])

    def reset_simulation(self) -> None:
        shop = self.storefront
        if shop is None:
            return
        shop.reset_simulation()
        self.quantity.setValue(1)
        self.message.clear()
        self.show_everything()
        self.shopperActed.emit(Step("reset"), [])

    # --- scenarios ---------------------------------------------------------------------
    def show_copy(self, cfg: Configurator | None, addon: bool = True, title: str = "") -> None:
        """Show a scenario's own copy of a configurator with a fresh simulation (None: back
        to the open configurator). Any change to the document ends it."""
        was = self.played is not None
        self.played, self.played_title = cfg, title
        if cfg is None:
            self.live.opened(self.document.configurator)
        else:
            self.live.opened(cfg, addon)
        if was != (cfg is not None):
            self.playedChanged.emit(cfg is not None)

    def show_step(self, kind: str, quantity: int, refusals: list[str], order: Order | None) -> None:
        """Show the simulation after a scenario step played on `storefront`, as the same
        action by a shopper would have left the screen."""
        if self.quantity.value() != quantity:
            self.quantity.setValue(quantity)
        if kind == "add_to_cart":
            self._added(quantity, refusals)
        elif kind == "checkout" and order is not None:
            self._placed(order)
        elif refusals:
            self.message.refuse("\n".join(refusals), lambda: "")
            self.show_everything()
        else:
            self.message.clear()
            self.show_everything()

    # --- for QA scripts ------------------------------------------------------------------
    def choose(self, layer: Layer, on: bool = True) -> None:
        """Check or uncheck an option as a shopper's click on its control does (a scenario
        step, the `preview` command); a refusal shows in the message area."""
        self._option_toggled(layer, on)

    def option_control(self, layer_name_or_path: str) -> QAbstractButton | None:
        """The control of an option, scrolled into view ('Group/Option' path or a name)."""
        cfg = self.configurator
        if cfg is None:
            return None
        layer = cfg.find_path(layer_name_or_path)
        if layer is None:
            layer = next((o for o in cfg.options() if o.name == layer_name_or_path), None)
        if layer is None or layer.is_group:
            return None
        return self.options.control(layer)
