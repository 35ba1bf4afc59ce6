"""The simulated cart: its lines with item details, subtotal, Checkout and the last order."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain import texts
from ...domain.price_format import DEFAULT_FORMAT, PriceFormat
from ...domain.storefront import CartLineView, CartView, Order
from ..theme import palette
from ..theme.palette import Tone
from ..widgets import accessibility

EMPTY_CART = "Your cart is empty."
BLOCKED_MARK = "⚠ "  # before each reason a cart line can no longer be bought


def line_text(line: CartLineView, product: str, price_format: PriceFormat) -> str:
    """'Game Controller × 2 — $108.00' over the item details, one option label each, and
    under them why the line can no longer be bought, if it cannot."""
    head = f"{product} × {line.quantity} — {price_format.format(line.total)}"
    details = ", ".join(item.label for item in line.items) or "(no options)"
    marks = "".join(f"\n{BLOCKED_MARK}{reason}" for reason in line.shortages)
    return f"{head}\n{details}{marks}"


def checkout_refusal(cart: CartView) -> str:
    """Why Checkout cannot place this cart now; "" when it can (or the cart is empty)."""
    if not cart.shortages:
        return ""
    blocked = sum(1 for line in cart.lines if not line.buyable)
    return texts.checkout_blocked(cart.shortages, blocked)


def order_text(order: Order, product: str, price_format: PriceFormat) -> str:
    """The order confirmation: number, lines, subtotal and the backorder notes."""
    parts = [f"Order #{order.number} placed — thank you!"]
    for line in order.lines:
        each = price_format.format(line.unit_price)
        total = price_format.format(line.total)
        parts.append(f"{product} × {line.quantity} at {each} — {total}")
        parts.extend(f"    {item.label}" for item in line.items)
    parts.append(f"Subtotal: {price_format.format(order.subtotal)}")
    parts.extend(order.notes)
    return "\n".join(parts)


class _CartList(QListView):
    """The cart's list view, saying so when it is empty; as tall as its lines up to a limit,
    so an empty cart leaves the room to the image and the order confirmation."""

    MIN_HEIGHT = 90
    MAX_HEIGHT = 220

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        content = sum(self.sizeHintForRow(row) + 2 * self.spacing() for row in range(rows))
        content += 2 * self.frameWidth()
        return QSize(hint.width(), max(self.MIN_HEIGHT, min(content, self.MAX_HEIGHT)))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(palette.color(Tone.MUTED, self.palette()))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, EMPTY_CART)
            painter.end()


class _OrderArea(QScrollArea):
    """Holds the order confirmation: as tall as its text up to a limit, then it scrolls, so
    a large order never pushes the window past the screen nor squeezes the image away."""

    # Tall enough for a typical order (three lines of the demo with their backorder notes)
    # at the default window size; only longer orders scroll.
    MAX_HEIGHT = 400
    MIN_HEIGHT = 120  # the thank-you line and the first item stay readable in a short window

    def _content_height(self) -> int:
        """The text's height at the width it has: wrapped notes take more than one row."""
        content = self.widget()
        if content is None:
            return 0
        width = self.width()
        if content.hasHeightForWidth() and width > 0:
            return content.heightForWidth(width) + 2
        return content.sizeHint().height() + 2

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # narrower wraps more lines: ask for the height they need

    def sizeHint(self) -> QSize:
        return QSize(240, min(self._content_height(), self.MAX_HEIGHT))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, min(self._content_height(), self.MIN_HEIGHT))


class CartPanel(QWidget):
    """Shows a CartView and the last Order; asks the pane to remove lines or check out.

    Signals:
        removeRequested(int)   the shopper removes the cart line at this row
        checkoutRequested()    the shopper clicks Checkout
    """

    removeRequested = Signal(int)
    checkoutRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cartPanel")
        title = QLabel("Cart")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        title.setFont(font)

        self.model = QStandardItemModel(self)
        self.view = _CartList()
        self.view.setObjectName("cartView")
        accessibility.name(self.view, "Cart", "Delete removes the selected line")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.setMinimumHeight(_CartList.MIN_HEIGHT)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._remove_current)

        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeCartLineButton")
        self.remove_button.setToolTip("Remove the selected cart line (Delete)")
        self.remove_button.clicked.connect(self._remove_current)
        self.subtotal = QLabel()
        self.subtotal.setObjectName("subtotalLabel")
        self.subtotal.setTextFormat(Qt.TextFormat.PlainText)
        self.subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # In a narrow pane the amount goes under "Subtotal:" instead of being cut off.
        self.subtotal.setWordWrap(True)
        bold = self.subtotal.font()
        bold.setBold(True)
        self.subtotal.setFont(bold)
        self.checkout_button = QPushButton("Checkout")
        self.checkout_button.setObjectName("checkoutButton")
        self.checkout_button.setToolTip(texts.CHECKOUT_TIP)
        self.checkout_button.clicked.connect(self.checkoutRequested)

        self.order = QLabel()
        self.order.setObjectName("orderConfirmation")
        self.order.setTextFormat(Qt.TextFormat.PlainText)
        self.order.setWordWrap(True)
        # Reachable with Tab after an order, to read or copy it by keyboard too.
        self.order.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.order.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        accessibility.name(self.order, "Order confirmation")
        self.order_box = QFrame()
        self.order_box.setObjectName("orderBox")
        palette.follow(self.order_box, self._style_order_box)
        box_layout = QVBoxLayout(self.order_box)
        box_layout.setContentsMargins(10, 8, 10, 8)
        box_layout.addWidget(self.order)
        self.order_area = _OrderArea()
        self.order_area.setObjectName("orderArea")
        self.order_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its text takes the focus
        self.order_area.setWidget(self.order_box)
        self.order_area.setWidgetResizable(True)
        self.order_area.setFrameShape(QFrame.Shape.NoFrame)
        self.order_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.order_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.order_area.hide()

        # The subtotal sits beside the title, so Remove and Checkout alone set how narrow
        # the cart (and with it the preview) may become.
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.subtotal)
        for button in (self.remove_button, self.checkout_button):
            button.setMinimumWidth(64)  # below the style's 80 px, so a narrow window fits
        actions = QHBoxLayout()
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        actions.addWidget(self.checkout_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.order_area)
        self.show_cart(None, "", DEFAULT_FORMAT)

    def show_cart(self, cart: CartView | None, product: str, price_format: PriceFormat) -> None:
        """Rewrite the lines in place (the cart is small), keeping the current row."""
        lines = cart.lines if cart is not None else ()
        current = self.view.currentIndex().row()
        while self.model.rowCount() > len(lines):
            self.model.removeRow(self.model.rowCount() - 1)
        for row, line in enumerate(lines):
            text = line_text(line, product, price_format)
            item = self.model.item(row)
            if item is None:
                item = QStandardItem(text)
                item.setEditable(False)
                self.model.appendRow(item)
            elif item.text() != text:
                item.setText(text)
            self._mark(item, line)
        if 0 <= current < len(lines):
            self.view.setCurrentIndex(self.model.index(current, 0))
        subtotal = cart.subtotal if cart is not None else None
        self.subtotal.setText(
            f"Subtotal: {price_format.format(subtotal)}" if subtotal is not None else ""
        )
        # A cart that cannot be placed keeps Checkout disabled, and says why in its tooltip
        # (the pane's message area says it too): a click never silently does nothing.
        refusal = checkout_refusal(cart) if cart is not None else ""
        self.checkout_button.setEnabled(bool(lines) and not refusal)
        tip = refusal or texts.CHECKOUT_TIP
        if self.checkout_button.toolTip() != tip:
            self.checkout_button.setToolTip(tip)
        self.view.updateGeometry()  # its height follows its lines
        self._update_buttons()

    def show_order(self, order: Order | None, product: str, price_format: PriceFormat) -> None:
        text = order_text(order, product, price_format) if order is not None else ""
        self.order.setText(text)
        self.order_area.setVisible(order is not None)
        self.order_area.verticalScrollBar().setValue(0)  # a new order reads from its top
        self.order_area.updateGeometry()

    @staticmethod
    def _mark(item: QStandardItem, line: CartLineView) -> None:
        """A line that can no longer be bought reads in the warning colour, its reason also
        in the tooltip and, for screen readers, in its accessible description."""
        tip = "\n".join(line.shortages)
        if item.toolTip() != tip:
            item.setToolTip(tip)
            item.setData(tip or None, Qt.ItemDataRole.AccessibleDescriptionRole)
            # No colour at all (not an empty brush, which would paint no text) when buyable.
            item.setData(palette.color(Tone.ERROR) if tip else None, Qt.ItemDataRole.ForegroundRole)

    def _style_order_box(self) -> None:
        frame, fill = palette.color(Tone.SUCCESS), palette.tint(Tone.SUCCESS, alpha=22)
        self.order_box.setStyleSheet(
            f"#orderBox {{ background: {palette.css(fill)};"
            f" border: 1px solid {palette.css(frame)}; border-radius: 6px; }}"
        )

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.view.currentIndex().isValid())

    def _remove_current(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.removeRequested.emit(row)
