"""The preview's order panel (`orderPanel`): the simulated shop's orders as its back office sees
them, with the actions their status allows (docs/orders.md).

It shows what a storefront holds and asks the pane to act; it never changes the simulation
itself. Buttons an order's status does not allow are disabled, their tooltip saying why in
the words the refusal would use.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain import texts
from ...domain.orders import OrderLife, OrderSettings, OrderStatus, Payment
from ...domain.price_format import DEFAULT_FORMAT, PriceFormat
from ...domain.storefront import Order, Storefront
from ..theme import palette
from ..theme.palette import Tone
from ..widgets import accessibility
from .empty_view import EmptyTreeView

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
# Minutes of simulated time a person may ask for at once, and a hold's longest: a week.
MAX_MINUTES = 7 * 24 * 60
STATUS_TONES = {
    OrderStatus.PENDING: Tone.WARNING,
    OrderStatus.PROCESSING: Tone.IN_STOCK,
    OrderStatus.COMPLETED: Tone.SUCCESS,
    OrderStatus.CANCELLED: Tone.MUTED,
    OrderStatus.REFUNDED: Tone.MUTED,
}
_DONE = {"pay": "paid", "complete": "completed", "cancel": "cancelled", "refund": "refunded"}


def clock_text(minutes: int) -> str:
    """'Simulated time: 1 h 05 min' (minutes since the simulation started)."""
    hours, rest = divmod(minutes, 60)
    return f"Simulated time: {hours} h {rest:02d} min" if hours else f"Simulated time: {rest} min"


def order_details(
    order: Order, life: OrderLife | None, product: str, price_format: PriceFormat, now: int
) -> str:
    """The merchant's view of one order: status, lines, subtotal, backorders (always, as
    the merchant sees them), the hold, refunds and the order's notes in WooCommerce's words."""
    status = life.status.value if life is not None else OrderStatus.PROCESSING.value
    parts = [
        f"Order #{order.number} · shopper {order.shopper} · {texts.ORDER_STATUS_NAMES[status]}"
    ]
    for line in order.lines:
        each = price_format.format(line.unit_price)
        total = price_format.format(line.total)
        parts.append(f"{product} × {line.quantity} at {each} — {total}")
        names = life.names if life is not None else {}
        parts.extend(f"    {names.get(item.option, item.option.name)}" for item in line.items)
    parts.append(f"Subtotal: {price_format.format(order.subtotal)}")
    parts.extend(order.merchant_notes)
    if life is None:
        return "\n".join(parts)
    if life.held:
        held = ", ".join(f"{life.names[o]} × {n}" for o, n in life.held.items())
        parts.append(f"Holds {held}")
    if life.expires_at is not None and life.status is OrderStatus.PENDING:
        left = max(life.expires_at - now, 0)
        parts.append(f"Cancelled if unpaid in {left} min (at minute {life.expires_at})")
    refunded = ", ".join(f"{life.names[o]} × {n}" for o, n in life.refunded.items() if n)
    if refunded:
        parts.append(f"Refunded: {refunded}")
    if life.notes:
        parts.append("")
        parts.append("Notes")
        parts.extend(f"• {note}" for note in life.notes)
    return "\n".join(parts)


def _why_not(action: str, number: int, status: OrderStatus) -> str:
    """Why an action's button is disabled, in the words its refusal uses."""
    if action == "refund" and status in (OrderStatus.PROCESSING, OrderStatus.COMPLETED):
        return f"Order #{number}: every unit is refunded already."
    return texts.order_action_refused(number, _DONE[action], status.value)


class OrderPanel(QWidget):
    """Orders list, the selected order's details, its actions, the shop's order settings and
    its clock.

    Signals:
        actionRequested(str, int)   pay, complete or cancel this order
        refundRequested(int)        the Refund… button for this order
        waitRequested(int)          let this many simulated minutes pass
        settingsChosen(object)      the order settings as now chosen (an OrderSettings)
    """

    actionRequested = Signal(str, int)
    refundRequested = Signal(int)
    waitRequested = Signal(int)
    settingsChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderPanel")
        self._shop: Storefront | None = None
        self._product, self._price_format = "", DEFAULT_FORMAT
        self._split_set = False

        self.payment = QComboBox()
        self.payment.setObjectName("paymentCombo")
        self.payment.addItem("Paid", Payment.PAID)
        self.payment.addItem(texts.ORDER_STATUS_NAMES["pending"], Payment.PENDING)
        self.payment.setToolTip(
            "Whether checkout's order is paid at once (Processing) or waits for payment"
            " (Pending payment), holding its stock"
        )
        self.hold = QSpinBox()
        self.hold.setObjectName("holdMinutesSpin")
        self.hold.setRange(0, MAX_MINUTES)
        self.hold.setSuffix(" min")
        self.hold.setToolTip(
            "How long an unpaid order holds its stock before it is cancelled (0: no hold)"
        )
        self.payment.currentIndexChanged.connect(self._settings_edited)
        self.hold.valueChanged.connect(self._settings_edited)
        self.clock = QLabel(clock_text(0))
        self.clock.setObjectName("simulatedTimeLabel")
        palette.style_text(self.clock, Tone.MUTED)
        self.wait_minutes = QSpinBox()
        self.wait_minutes.setObjectName("waitMinutesSpin")
        self.wait_minutes.setRange(1, MAX_MINUTES)
        self.wait_minutes.setValue(60)
        self.wait_minutes.setSuffix(" min")
        accessibility.name(self.wait_minutes, "Minutes to wait")
        self.wait_button = QPushButton("Wait")
        self.wait_button.setObjectName("waitButton")
        self.wait_button.setToolTip(
            "Let simulated time pass: an unpaid order whose hold runs out is cancelled"
        )
        self.wait_button.clicked.connect(lambda: self.waitRequested.emit(self.wait_minutes.value()))

        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(["Order", "Shopper", "Status", "Total"])
        self.view = EmptyTreeView(texts.NO_ORDERS)
        self.view.setObjectName("orderList")
        accessibility.name(self.view, "Orders")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        # A label, reachable with Tab to read or copy by keyboard, in an area that scrolls
        # (the area itself takes no Tab stop: it would be an idle one).
        self.details = QLabel()
        self.details.setObjectName("orderDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # names are user text
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details.setContentsMargins(8, 6, 8, 6)
        accessibility.name(self.details, "Order details and notes")
        details_area = QScrollArea()
        details_area.setObjectName("orderDetailsArea")
        details_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        details_area.setWidget(self.details)
        details_area.setWidgetResizable(True)
        details_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.buttons: dict[str, QPushButton] = {}
        for action, label, name in (
            ("pay", "Pay", "payOrderButton"),
            ("complete", "Complete", "completeOrderButton"),
            ("cancel", "Cancel order", "cancelOrderButton"),
            ("refund", "Refund…", "refundOrderButton"),
        ):
            button = QPushButton(label)
            button.setObjectName(name)
            button.setMinimumWidth(64)
            button.clicked.connect(lambda _=False, a=action: self._act(a))
            self.buttons[action] = button

        # A form of short rows, so the panel is never wider than the storefront page.
        waiting = QHBoxLayout()
        waiting.addWidget(self.wait_minutes)
        waiting.addWidget(self.wait_button)
        waiting.addStretch(1)
        settings = QFormLayout()
        settings.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        settings.addRow(accessibility.labelled("Payment at checkout", self.payment), self.payment)
        settings.addRow(accessibility.labelled("Hold stock", self.hold), self.hold)
        settings.addRow(self.clock, waiting)
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("orderSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(details_area)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(settings)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        palette.follow(self, self._recolour)
        self.show_orders(None, "", DEFAULT_FORMAT)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_set:  # the details get the larger share: notes are long lines
            self._split_set = True
            width = max(self.split.width(), 400)
            self.split.setSizes([width * 2 // 5, width - width * 2 // 5])

    # --- showing -------------------------------------------------------------------------
    def show_orders(self, shop: Storefront | None, product: str, price_format: PriceFormat) -> None:
        """Rewrite the list (the simulation's orders are few), keeping the selected order;
        a newly placed order is selected."""
        self._shop, self._product, self._price_format = shop, product, price_format
        orders = shop.orders if shop is not None else []
        current = self.current_number()
        newest = orders[-1].number if orders else None
        had = self.model.rowCount()
        self.model.removeRows(0, had)
        for order in orders:
            life = shop.book.lives.get(order.number) if shop is not None else None
            status = life.status if life is not None else OrderStatus.PROCESSING
            cells = [
                QStandardItem(f"#{order.number}"),
                QStandardItem(order.shopper),
                QStandardItem(texts.ORDER_STATUS_NAMES[status.value]),
                QStandardItem(price_format.format(order.subtotal)),
            ]
            for cell in cells:
                cell.setData(order.number, NUMBER_ROLE)
            cells[2].setData(status.value, Qt.ItemDataRole.UserRole)
            self.model.appendRow(cells)
        self._recolour()
        keep = newest if len(orders) > had or current is None else current
        self._select(keep)
        self._show_settings(shop.book.settings if shop is not None else OrderSettings())
        self.clock.setText(clock_text(shop.book.now if shop is not None else 0))
        enabled = shop is not None
        for widget in (self.payment, self.hold, self.wait_minutes, self.wait_button):
            widget.setEnabled(enabled)
        self._show_current()

    def current_number(self) -> int | None:
        index = self.view.currentIndex()
        number = index.data(NUMBER_ROLE) if index.isValid() else None
        return int(number) if number is not None else None

    def select_order(self, number: int) -> None:
        self._select(number)

    def _select(self, number: int | None) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(NUMBER_ROLE) == number:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                self.view.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)
                return
        self._show_current()

    def _current_changed(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        """The selected order's details and the buttons its status allows."""
        shop, number = self._shop, self.current_number()
        order = None
        if shop is not None and number is not None:
            order = next((o for o in shop.orders if o.number == number), None)
        if shop is None or order is None:
            self.details.setText("")
            for action, button in self.buttons.items():
                button.setEnabled(False)
                button.setToolTip(self._tip(action, None))
            return
        life = shop.book.lives.get(order.number)
        text = order_details(order, life, self._product, self._price_format, shop.book.now)
        if self.details.text() != text:
            self.details.setText(text)
        allowed = shop.book.allowed(order.number)
        status = life.status if life is not None else OrderStatus.PROCESSING
        for action, button in self.buttons.items():
            on = action in allowed
            button.setEnabled(on)
            button.setToolTip(
                self._tip(action, order.number) if on else _why_not(action, order.number, status)
            )

    @staticmethod
    def _tip(action: str, number: int | None) -> str:
        which = f"order #{number}" if number is not None else "the selected order"
        return {
            "pay": f"Pay {which}: its stock is reduced and its hold released",
            "complete": f"Mark {which} completed",
            "cancel": f"Cancel {which}: what it reduced is put back, its hold released",
            "refund": f"Refund units of {which}, restocking them or not",
        }[action]

    def _show_settings(self, settings: OrderSettings) -> None:
        for widget in (self.payment, self.hold):
            widget.blockSignals(True)
        try:
            self.payment.setCurrentIndex(self.payment.findData(settings.payment))
            self.hold.setValue(settings.hold_minutes)
        finally:
            for widget in (self.payment, self.hold):
                widget.blockSignals(False)

    def _recolour(self) -> None:
        """Each status in its colour on the theme's palette (pending stands out)."""
        for row in range(self.model.rowCount()):
            item = self.model.item(row, 2)
            status = OrderStatus(item.data(Qt.ItemDataRole.UserRole))
            item.setForeground(palette.color(STATUS_TONES[status], self.view.palette()))

    # --- asking the pane -----------------------------------------------------------------
    def _act(self, action: str) -> None:
        number = self.current_number()
        if number is None:
            return
        if action == "refund":
            self.refundRequested.emit(number)
        else:
            self.actionRequested.emit(action, number)

    def _settings_edited(self) -> None:
        payment = self.payment.currentData()
        current = self._shop.book.settings if self._shop is not None else OrderSettings()
        settings = OrderSettings(Payment(payment), self.hold.value(), current.notify_no_stock_at)
        self.settingsChosen.emit(settings)
