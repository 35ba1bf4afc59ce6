"""The preview's order panel, shopper switch and Notifications tab (docs/orders.md): driven by
their objectNames and ordinary methods, as QA scripts drive them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabBar,
)

from desktop.domain import texts
from desktop.domain.model import Backorders
from desktop.ui.preview import PreviewPane

from .conftest import Shop, cart_texts, controller, make_shop, widget

RED, YELLOW = "Grip Color/Metallic Red", "Grip Color/Metallic Yellow"


def shop_with(qtbot, db_path: Path, backorders: Backorders, red: int) -> Shop:  # type: ignore[no-untyped-def]
    cfg = controller(backorders)
    found = cfg.find_path(RED)
    assert found is not None
    found.stock.quantity = red
    return make_shop(qtbot, db_path, cfg)


@pytest.fixture
def no_backorders(qtbot, db_path: Path, images: Path) -> Iterator[Shop]:  # type: ignore[no-untyped-def]
    """Backorders off, Metallic Red with one unit left: two shoppers, one unit."""
    shop = shop_with(qtbot, db_path, Backorders.NO, red=1)
    yield shop
    shop.document.database.close()


def button(pane: PreviewPane, name: str) -> QPushButton:
    return widget(pane, QPushButton, name)


def buy(pane: PreviewPane, path: str, units: int = 1) -> None:
    control = pane.option_control(path)
    assert control is not None and control.isEnabled(), path
    control.click()
    pane.quantity.setValue(units)
    button(pane, "addToCartButton").click()
    button(pane, "checkoutButton").click()


def orders_shown(pane: PreviewPane) -> list[tuple[str, str, str]]:
    """(number, shopper, status) of each row of `orderList`."""
    model = widget(pane, QAbstractItemView, "orderList").model()
    return [
        tuple(model.index(row, column).data() for column in range(3))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def details(pane: PreviewPane) -> str:
    return widget(pane, QLabel, "orderDetails").text()


def message(pane: PreviewPane) -> str:
    return widget(pane, QLabel, "previewMessage").text()


def select_order(pane: PreviewPane, number: int) -> None:
    pane.shop_tabs.orders.select_order(number)


def wait(pane: PreviewPane, minutes: int) -> None:
    widget(pane, QSpinBox, "waitMinutesSpin").setValue(minutes)
    button(pane, "waitButton").click()


def new_shopper(qtbot, pane: PreviewPane, name: str) -> None:  # type: ignore[no-untyped-def]
    widget(pane, QAbstractButton, "addShopperButton").click()
    dialog = pane.shopper_switch.dialog  # the one just opened
    assert dialog is not None and dialog.objectName() == "shopperNameDialog"
    qtbot.waitUntil(dialog.isVisible)
    widget(dialog, QLineEdit, "shopperNameEdit").setText(name)  # type: ignore[arg-type]
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_two_shoppers_one_unit_a_pending_hold_and_its_expiry(qtbot, no_backorders: Shop) -> None:  # type: ignore[no-untyped-def]
    pane = no_backorders.pane
    widget(pane, QComboBox, "paymentCombo").setCurrentText("Pending payment")
    assert widget(pane, QSpinBox, "holdMinutesSpin").value() == 60
    buy(pane, RED)
    assert orders_shown(pane) == [("#1", "default", "Pending payment")]
    assert button(pane, "payOrderButton").isEnabled()
    assert button(pane, "cancelOrderButton").isEnabled()
    complete = button(pane, "completeOrderButton")
    assert not complete.isEnabled()
    assert complete.toolTip() == "Order #1 cannot be completed: it is Pending payment."
    assert not button(pane, "refundOrderButton").isEnabled()
    assert "Holds Metallic Red × 1" in details(pane)

    # A second shopper: their own empty cart, the same stock, and the unit is held.
    new_shopper(qtbot, pane, "second")
    switch = widget(pane, QComboBox, "shopperSwitch")
    assert [switch.itemText(i) for i in range(switch.count())] == ["default", "second"]
    assert switch.currentText() == "second" and cart_texts(pane) == []
    red = pane.option_control(RED)
    assert red is not None and not red.isEnabled()
    assert red.property("availability") == "out_of_stock"
    assert red.property("notice") == "1 left, 1 held by another order"
    pane.choose(no_backorders.layer(RED))
    assert message(pane) == '"Metallic Red" is out of stock and cannot be selected.'

    # Simulated time: the hold runs out after 60 minutes and the unpaid order is cancelled.
    wait(pane, 59)
    assert orders_shown(pane)[0][2] == "Pending payment"
    wait(pane, 1)
    assert orders_shown(pane)[0][2] == "Cancelled"
    assert message(pane) == texts.waited(1, [1])
    assert widget(pane, QLabel, "simulatedTimeLabel").text() == "Simulated time: 1 h 00 min"
    select_order(pane, 1)
    assert "• Unpaid order cancelled - time limit reached." in details(pane)
    assert not button(pane, "payOrderButton").isEnabled()
    red = pane.option_control(RED)
    assert red is not None and red.isEnabled() and red.property("notice") == ""

    buy(pane, RED)  # the second shopper's order, pending, now holds the unit
    assert orders_shown(pane)[1] == ("#2", "second", "Pending payment")
    button(pane, "payOrderButton").click()
    assert orders_shown(pane)[1][2] == "Processing"
    assert message(pane) == "Order #2 is now Processing."
    assert "• Stock levels reduced: Metallic Red 1→0" in details(pane)
    tabs = widget(pane, QTabBar, "previewTabs")
    assert tabs.tabText(1) == "Orders (2)" and tabs.tabText(2) == "Notifications (1)"

    # Back to the first shopper: their cart and their order's confirmation.
    switch.setCurrentText("default")
    assert no_backorders.pane.storefront is not None
    assert no_backorders.pane.storefront.shopper == "default"
    assert widget(pane, QLabel, "orderConfirmation").text().startswith("Order #1 placed")
    pane.order_actions.act("pay", 1)  # as a script would: the button is disabled
    assert message(pane) == "Order #1 cannot be paid: it is Cancelled."


def test_cancel_puts_back_exactly_what_was_reduced(qtbot, no_backorders: Shop) -> None:  # type: ignore[no-untyped-def]
    pane = no_backorders.pane
    buy(pane, YELLOW, 3)  # paid: processing, Yellow 5 → 2
    assert orders_shown(pane) == [("#1", "default", "Processing")]
    assert pane.storefront is not None
    yellow = no_backorders.layer(YELLOW)
    assert pane.storefront.quantity_left(yellow) == 2
    button(pane, "completeOrderButton").click()
    assert orders_shown(pane)[0][2] == "Completed"
    button(pane, "cancelOrderButton").click()
    assert orders_shown(pane)[0][2] == "Cancelled"
    assert pane.storefront.quantity_left(yellow) == 5
    assert "• Stock levels increased: Metallic Yellow 2→5" in details(pane)
    for name in ("payOrderButton", "completeOrderButton", "cancelOrderButton"):
        assert not button(pane, name).isEnabled(), name


def test_refund_with_and_without_restock(qtbot, no_backorders: Shop) -> None:  # type: ignore[no-untyped-def]
    pane = no_backorders.pane
    buy(pane, YELLOW, 2)  # Yellow 5 → 3; the order lists Yellow and Black Buttons
    assert pane.storefront is not None
    yellow = no_backorders.layer(YELLOW)

    def refund(units: dict[str, int], restock: bool) -> None:
        button(pane, "refundOrderButton").click()
        dialog = pane.order_actions.refund_dialog  # the one just opened (findChild may
        assert dialog is not None and dialog.objectName() == "refundDialog"  # see the last)
        qtbot.waitUntil(dialog.isVisible)
        for spin in dialog.findChildren(QSpinBox, "refundUnitsSpin"):
            spin.setValue(units.get(spin.property("layerName"), 0))
        check = widget(dialog, QCheckBox, "restockCheck")  # type: ignore[arg-type]
        assert check.text() == texts.RESTOCK_REFUNDED_ITEMS
        check.setChecked(restock)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not dialog.isVisible())

    refund({"Metallic Yellow": 1}, restock=False)
    assert pane.storefront.quantity_left(yellow) == 3  # not restocked
    assert orders_shown(pane)[0][2] == "Processing"
    assert "Refunded: Metallic Yellow × 1" in details(pane)
    assert message(pane) == "Order #1: Metallic Yellow × 1 refunded."
    refund({"Metallic Yellow": 1, "Black Buttons": 2}, restock=True)
    assert pane.storefront.quantity_left(yellow) == 4  # only this refund's unit
    # Black Buttons (stock not managed) got nothing back: the message does not say it did.
    assert message(pane) == (
        "Order #1: Metallic Yellow × 1, Black Buttons × 2 refunded; restocked: Metallic Yellow × 1."
    )
    assert orders_shown(pane)[0][2] == "Refunded"
    assert "• Item Metallic Yellow stock increased from 3 to 4." in details(pane)
    refund_button = button(pane, "refundOrderButton")
    assert not refund_button.isEnabled()
    assert refund_button.toolTip() == "Order #1 cannot be refunded: it is Refunded."


def test_a_refund_says_restocked_only_for_what_went_back(qtbot, no_backorders: Shop) -> None:  # type: ignore[no-untyped-def]
    """Asked to restock an option whose stock is not managed, the order took none of it from
    stock: nothing goes back and the message says so, not "restocked" (docs/orders.md)."""
    pane = no_backorders.pane
    buy(pane, YELLOW, 2)  # Yellow 5 → 3; Black Buttons not managed
    yellow = no_backorders.layer(YELLOW)
    assert pane.storefront is not None

    def refund(units: dict[str, int]) -> None:
        button(pane, "refundOrderButton").click()
        dialog = pane.order_actions.refund_dialog
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible)
        for spin in dialog.findChildren(QSpinBox, "refundUnitsSpin"):
            spin.setValue(units.get(spin.property("layerName"), 0))
        assert widget(dialog, QCheckBox, "restockCheck").isChecked()  # type: ignore[arg-type]
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not dialog.isVisible())

    refund({"Black Buttons": 1})
    assert pane.storefront.quantity_left(yellow) == 3
    assert message(pane) == (
        "Order #1: Black Buttons × 1 refunded; nothing to restock: the order took none of it "
        "from stock."
    )
    refund({"Metallic Yellow": 2})
    assert pane.storefront.quantity_left(yellow) == 5
    assert message(pane) == "Order #1: Metallic Yellow × 2 refunded, restocked."


def test_the_notifications_tab_lists_what_the_shop_would_send(
    qtbot, db_path: Path, images: Path
) -> None:  # type: ignore[no-untyped-def]
    shop = shop_with(qtbot, db_path, Backorders.NOTIFY, red=2)
    try:
        pane = shop.pane
        tab = widget(pane, QAbstractItemView, "notificationsList")
        assert tab.model().rowCount() == 0
        buy(pane, YELLOW, 3)  # 5 → 2: low (the threshold is 2)
        buy(pane, "Grip Color/Metallic Purple", 2)  # 0 → -2: out, and backordered
        notifications = pane.shop_tabs.notifications
        assert notifications.messages() == [
            "Metallic Yellow is low in stock. There are 2 left.",
            "Metallic Purple is out of stock.",
            "2 units of Metallic Purple have been backordered in order #2.",
        ]
        model = tab.model()
        assert [model.index(row, 1).data() for row in range(3)] == [
            "Product low in stock",
            "Product out of stock",
            "Product backorder",
        ]
        assert [model.index(row, 0).data() for row in range(3)] == ["#1", "#2", "#2"]
        tabs = widget(pane, QTabBar, "previewTabs")
        assert tabs.tabText(2) == "Notifications (3)"
        tabs.setCurrentIndex(2)
        assert widget(pane, type(notifications), "notificationsTab").isVisible()
        # Reset starts afresh: no orders, no notifications, the default shopper alone.
        button(pane, "resetSimulationButton").click()
        assert tab.model().rowCount() == 0 and orders_shown(pane) == []
        assert tabs.tabText(2) == "Notifications"
    finally:
        shop.document.database.close()


def test_a_shopper_name_is_held_to_the_name_rules(qtbot, no_backorders: Shop) -> None:  # type: ignore[no-untyped-def]
    pane = no_backorders.pane
    widget(pane, QAbstractButton, "addShopperButton").click()
    dialog = pane.shopper_switch.dialog  # the one just opened
    assert dialog is not None and dialog.objectName() == "shopperNameDialog"
    qtbot.waitUntil(dialog.isVisible)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    error = widget(dialog, QLabel, "shopperNameError")  # type: ignore[arg-type]
    widget(dialog, QLineEdit, "shopperNameEdit").setText("   ")  # type: ignore[arg-type]
    ok.click()
    assert dialog.isVisible() and error.text() == "Shopper's name must not be empty."
    widget(dialog, QLineEdit, "shopperNameEdit").setText("default")  # type: ignore[arg-type]
    ok.click()
    assert dialog.isVisible() and "already" in error.text()
    widget(dialog, QLineEdit, "shopperNameEdit").setText("  <b>Zoë</b>  ")  # type: ignore[arg-type]
    ok.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert widget(pane, QComboBox, "shopperSwitch").currentText() == "<b>Zoë</b>"  # plain text


def test_what_an_order_action_did_shows_on_the_orders_page(qtbot, no_backorders: Shop) -> None:  # type: ignore[no-untyped-def]
    """The message line is seen on the page the merchant acts on: a Wait or a Pay pressed on
    the Orders page said its outcome only in the hidden storefront page (docs/orders.md)."""
    pane = no_backorders.pane
    widget(pane, QComboBox, "paymentCombo").setCurrentText("Pending payment")
    buy(pane, RED)
    tabs = widget(pane, QTabBar, "previewTabs")
    tabs.setCurrentIndex(1)  # Orders
    line = widget(pane, QLabel, "previewMessage")
    wait(pane, 60)
    assert (
        line.text() == "60 simulated minutes passed. Unpaid order #1 cancelled: its hold ran out."
    )
    qtbot.waitUntil(line.isVisible)
    tabs.setCurrentIndex(2)  # Notifications: still the one message line
    assert line.isVisible()
    tabs.setCurrentIndex(0)
    assert line.isVisible()
