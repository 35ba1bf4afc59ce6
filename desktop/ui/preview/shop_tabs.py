"""The preview's pages: the storefront, the simulated shop's Orders (the order panel) and its
Notifications (docs/orders.md). One tab bar (`previewTabs`) switches a stack of the three,
so the back office costs the storefront no room. Editor-only: a preview image shows the
storefront page without the bar."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStackedWidget, QTabBar, QWidget

from ...domain.price_format import PriceFormat
from ...domain.storefront import Storefront
from ..widgets import accessibility
from .notifications_view import NotificationsView
from .orders_panel import OrderPanel

STOREFRONT, ORDERS, NOTIFICATIONS = range(3)


class ShopPages(QObject):
    """`previewTabs` (a QTabBar) over `previewPages` (a QStackedWidget): the storefront page
    given, `orderPanel` and `notificationsTab`; the tabs' titles count orders and
    notifications. Emits nothing of its own."""

    def __init__(self, storefront: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.orders = OrderPanel()
        self.notifications = NotificationsView()
        self.stack = QStackedWidget()
        self.stack.setObjectName("previewPages")
        self.bar = QTabBar()
        self.bar.setObjectName("previewTabs")
        self.bar.setDocumentMode(True)
        self.bar.setDrawBase(False)
        self.bar.setExpanding(False)
        accessibility.name(self.bar, "Preview pages")
        for page, title, tip in (
            (storefront, "Storefront", "The storefront as the shopper in front sees it"),
            (self.orders, "Orders", "Every shopper's simulated orders, their notes and actions"),
            (
                self.notifications,
                "Notifications",
                "The stock emails the shop would send: out of stock, low stock, backorder",
            ),
        ):
            self.stack.addWidget(page)
            index = self.bar.addTab(title)
            self.bar.setTabToolTip(index, tip)
        self.bar.currentChanged.connect(self.stack.setCurrentIndex)

    def show_page(self, index: int) -> None:
        self.bar.setCurrentIndex(index)

    def show_shop(self, shop: Storefront | None, product: str, price_format: PriceFormat) -> None:
        self.orders.show_orders(shop, product, price_format)
        sent = shop.book.notifications if shop is not None else []
        self.notifications.show_notifications(sent)
        orders = len(shop.orders) if shop is not None else 0
        self.bar.setTabText(ORDERS, f"Orders ({orders})" if orders else "Orders")
        self.bar.setTabText(
            NOTIFICATIONS, f"Notifications ({len(sent)})" if sent else "Notifications"
        )
