"""The preview's Orders and Notifications pages by keyboard and screen reader (docs/orders.md,
"In the window"): Tab reaches every control of the page on screen, each with a name, and
no idle stop; the arrow keys switch pages on the tab bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QTabBar, QWidget

from desktop.ui.window.main_window import MainWindow

from .focus import focusable, label, spoken_name, tab_walk
from .helpers import find


def test_the_orders_page_is_reached_and_named(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = window.preview
    pane.add_to_cart()
    pane.checkout()
    tabs = find(window, QTabBar, "previewTabs")
    tabs.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tabs.hasFocus)
    QTest.keyClick(tabs, Qt.Key.Key_Right)  # Storefront → Orders, as a tab bar does
    qtbot.waitUntil(lambda: find(window, QWidget, "orderPanel").isVisible())
    stops = tab_walk(qtbot, window, tabs)
    names = label(stops)
    for wanted in (
        "paymentCombo",
        "holdMinutesSpin",
        "waitMinutesSpin",
        "waitButton",
        "orderList",
        "orderDetails",
        "cancelOrderButton",
        "refundOrderButton",
    ):
        assert wanted in names, wanted
    # Pay and Complete do not apply to a paid (processing) order: disabled, not stops.
    assert "payOrderButton" not in names and "completeOrderButton" in names
    panel = find(window, QWidget, "orderPanel")
    unnamed = [w for w in focusable(panel) if not spoken_name(w)]
    assert unnamed == [], label(unnamed)
    idle = [
        w
        for w in stops
        if isinstance(w, QAbstractScrollArea) and not isinstance(w, QAbstractItemView)
    ]
    assert idle == [], label(idle)


def test_the_notifications_page_is_reached_and_named(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    tabs = find(window, QTabBar, "previewTabs")
    tabs.setCurrentIndex(2)
    page = find(window, QWidget, "notificationsTab")
    qtbot.waitUntil(page.isVisible)
    stops = tab_walk(qtbot, window, tabs)
    assert "notificationsList" in label(stops)
    assert [w for w in focusable(page) if not spoken_name(w)] == []
