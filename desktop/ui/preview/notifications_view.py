"""The preview's Notifications tab (`notificationsTab`): the stock emails the simulated shop
would send after each reduction, in WooCommerce's words (docs/orders.md, "Notifications")."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QVBoxLayout, QWidget

from ...domain import texts
from ...domain.orders import Notification
from ..widgets import accessibility
from ..widgets.plain_text import plain_tooltip
from .empty_view import EmptyTreeView


class NotificationsView(QWidget):
    """`notificationsList`: one row per notification (Order, Email, Message), oldest first.
    Emits nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationsTab")
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Order", "Email", "Message"])
        self.view = EmptyTreeView(texts.NO_NOTIFICATIONS)
        self.view.setObjectName("notificationsList")
        accessibility.name(self.view, "Notifications the shop would send")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view)

    def show_notifications(self, sent: list[Notification]) -> None:
        """Append what is new; start again when the list was reset (a new simulation)."""
        rows = self.model.rowCount()
        if rows > len(sent) or any(
            self.model.item(row, 2).text() != sent[row].text for row in range(rows)
        ):
            self.model.removeRows(0, rows)
            rows = 0
        for notification in sent[rows:]:
            cells = [
                QStandardItem(f"#{notification.order}"),
                QStandardItem(texts.NOTIFICATION_KIND_NAMES[notification.kind.value]),
                QStandardItem(notification.text),
            ]
            cells[2].setToolTip(plain_tooltip(notification.text))  # names are user text
            self.model.appendRow(cells)
        if len(sent) > rows:
            self.view.scrollToBottom()

    def messages(self) -> list[str]:
        """Each row's message, oldest first (for QA scripts)."""
        return [self.model.item(row, 2).text() for row in range(self.model.rowCount())]
