"""The preview's one message area: one current message, gone once its cause is; a cart line
that can no longer be bought is marked, and Checkout says why (issue 15)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QSpinBox

from desktop.domain import texts
from desktop.domain.model import Backorders, StockStatus
from desktop.ui.editing.commands import SetAddon
from desktop.ui.preview.message import MessageArea

from .conftest import Shop, cart_texts, controller, controls, make_shop, widget
from .test_live import set_layer, set_settings

YELLOW = "Grip Color/Metallic Yellow"
YELLOW_SHORT = texts.not_enough_stock("Metallic Yellow", 5)


def message(shop: Shop) -> MessageArea:
    found = widget(shop.pane, QLabel, "previewMessage")
    assert isinstance(found, MessageArea)
    return found


def shown_messages(shop: Shop) -> list[str]:
    """Every visible label of the pane that speaks of the cart or stock: one at most."""
    words = ("Not enough stock", "Added to cart", "Checkout", "Order #")
    return [
        label.text()
        for label in shop.pane.findChildren(QLabel)
        if label.isVisible()
        and any(w in label.text() for w in words)
        and label.objectName() != "orderConfirmation"
    ]


def checkout_button(shop: Shop) -> QAbstractButton:
    return widget(shop.pane, QAbstractButton, "checkoutButton")


def add(shop: Shop, quantity: int) -> None:
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(quantity)
    widget(shop.pane, QAbstractButton, "addToCartButton").click()


def set_addon(shop: Shop, active: bool) -> None:
    shop.stack.push(SetAddon(shop.document, active))


def no_backorders(qtbot, tmp_path: Path) -> Shop:  # type: ignore[no-untyped-def]
    return make_shop(qtbot, tmp_path / "no.db", controller(Backorders.NO))


def test_addon_off_add_six_of_five_then_addon_on(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The issue's case verbatim: add-on off, 6 of Metallic Yellow (5 in stock), add-on on."""
    shop = no_backorders(qtbot, tmp_path)
    set_addon(shop, False)
    add(shop, 6)
    assert message(shop).text() == "Added to cart: Game Controller × 6."
    assert not message(shop).is_error
    assert checkout_button(shop).isEnabled()

    set_addon(shop, True)
    blocked = texts.checkout_blocked([YELLOW_SHORT], 1)
    # One message, the refusal: the success note it contradicts is gone.
    assert message(shop).text() == blocked and message(shop).is_error
    assert shown_messages(shop) == [blocked]
    # The line stays, marked with why it can no longer be bought.
    (line,) = cart_texts(shop.pane)
    assert line.endswith(f"\n⚠ {YELLOW_SHORT}")
    model = widget(shop.pane, QAbstractItemView, "cartView").model()
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == YELLOW_SHORT
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleDescriptionRole) == YELLOW_SHORT
    # Checkout waits and says why, in its tooltip and in the message area.
    assert not checkout_button(shop).isEnabled()
    assert checkout_button(shop).toolTip() == blocked
    shop.pane.checkout()  # as a script or shortcut would: it explains, it places nothing
    assert message(shop).text() == blocked
    assert shop.pane.storefront is not None and shop.pane.storefront.orders == []

    set_addon(shop, False)  # no rule applies any more: line, Checkout and message follow
    assert message(shop).text() == ""
    assert "⚠" not in cart_texts(shop.pane)[0]
    model = widget(shop.pane, QAbstractItemView, "cartView").model()
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleDescriptionRole) is None
    assert checkout_button(shop).isEnabled()
    assert checkout_button(shop).toolTip() == texts.CHECKOUT_TIP
    checkout_button(shop).click()
    assert message(shop).text() == "Order #1 placed."


def test_refusal_goes_when_the_addon_is_turned_off(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = no_backorders(qtbot, tmp_path)
    add(shop, 6)
    assert message(shop).text() == YELLOW_SHORT and message(shop).is_error
    assert cart_texts(shop.pane) == []
    set_addon(shop, False)
    assert message(shop).text() == ""
    assert shown_messages(shop) == []
    shop.stack.undo()  # the add-on is back, but nobody asked again: no message appears
    assert message(shop).text() == ""


def test_refusal_goes_when_the_stock_is_raised(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = no_backorders(qtbot, tmp_path)
    add(shop, 6)
    assert message(shop).text() == YELLOW_SHORT
    set_layer(shop, YELLOW, stock_quantity=4)  # still short: the text says what is left now
    assert message(shop).text() == texts.not_enough_stock("Metallic Yellow", 4)
    set_layer(shop, YELLOW, stock_quantity=10)
    assert message(shop).text() == ""
    add(shop, 6)
    assert message(shop).text() == "Added to cart: Game Controller × 6."


def test_refusal_goes_when_backorders_are_allowed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = no_backorders(qtbot, tmp_path)
    add(shop, 6)
    assert message(shop).text() == YELLOW_SHORT
    set_settings(shop, backorders=Backorders.NOTIFY)
    assert message(shop).text() == ""


def test_refusal_goes_when_fewer_units_are_asked_for(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = no_backorders(qtbot, tmp_path)
    add(shop, 6)
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(7)  # still too many: it stays
    assert message(shop).text() == YELLOW_SHORT
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(5)
    assert message(shop).text() == ""


def test_unselectable_refusal_goes_when_the_option_can_be_chosen(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = no_backorders(qtbot, tmp_path)
    purple = controls(shop.pane)["Metallic Purple"]
    purple.setChecked(True)  # scripted past the disabled state
    assert message(shop).text() == texts.not_selectable("Metallic Purple")
    set_layer(shop, "Grip Color/Metallic Purple", stock_quantity=3)
    assert message(shop).text() == ""


def test_a_success_note_is_replaced_by_the_next_message(shop: Shop) -> None:
    add(shop, 1)
    assert message(shop).text() == "Added to cart: Game Controller × 1."
    set_layer(shop, "Buttons/Blue Buttons", price="5.00")  # an edit: a note is not a refusal
    assert message(shop).text() == "Added to cart: Game Controller × 1."
    checkout_button(shop).click()
    assert message(shop).text() == "Order #1 placed."
    controls(shop.pane)["Blue Buttons"].click()
    assert message(shop).text() == ""
    assert shown_messages(shop) == []


def test_stock_lowered_under_the_cart_marks_the_lines(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = no_backorders(qtbot, tmp_path)
    add(shop, 3)
    add(shop, 2)
    set_layer(shop, YELLOW, stock_quantity=4)  # the first line takes 3, the second meets 1
    first, second = cart_texts(shop.pane)
    short = texts.not_enough_stock("Metallic Yellow", 1)
    assert "⚠" not in first and second.endswith(f"\n⚠ {short}")
    assert message(shop).text() == texts.checkout_blocked([short], 1)
    assert "Remove the marked cart line to check out." in message(shop).text()
    set_layer(shop, YELLOW, stock_quantity=2)
    assert all("⚠" in line for line in cart_texts(shop.pane))
    assert "Remove the 2 marked cart lines to check out." in message(shop).text()
    assert not checkout_button(shop).isEnabled()
    # Removing the lines that cannot be bought lets the rest check out.
    view = widget(shop.pane, QAbstractItemView, "cartView")
    view.setCurrentIndex(view.model().index(1, 0))
    widget(shop.pane, QAbstractButton, "removeCartLineButton").click()
    assert "Remove the marked cart line to check out." in message(shop).text()
    set_layer(shop, YELLOW, stock_quantity=3)
    assert message(shop).text() == ""
    assert checkout_button(shop).isEnabled()
    checkout_button(shop).click()
    assert message(shop).text() == "Order #1 placed."


def test_out_of_stock_status_blocks_a_line_until_backorders_are_allowed(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    shop = no_backorders(qtbot, tmp_path)
    add(shop, 1)
    set_layer(shop, YELLOW, stock_status=StockStatus.OUT_OF_STOCK)
    short = texts.not_enough_stock("Metallic Yellow", 0)
    assert message(shop).text() == texts.checkout_blocked([short], 1)
    set_settings(shop, backorders=Backorders.NOTIFY)
    assert message(shop).text() == ""
    assert "Metallic Yellow (Available Backorder)" in cart_texts(shop.pane)[0]


def test_a_newer_refusal_wins_and_the_cart_condition_comes_back(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = no_backorders(qtbot, tmp_path)
    add(shop, 5)
    set_layer(shop, YELLOW, stock_quantity=4)
    blocked = texts.checkout_blocked([texts.not_enough_stock("Metallic Yellow", 4)], 1)
    assert message(shop).text() == blocked
    controls(shop.pane)["Metallic Red"].click()
    assert message(shop).text() == blocked  # nothing newer to say: the cart's word stands
    add(shop, 3)
    assert message(shop).text() == texts.not_enough_stock("Metallic Red", 2)  # one message
    add(shop, 1)
    assert message(shop).text() == "Added to cart: Game Controller × 1."  # the newest word
    controls(shop.pane)["Blue Buttons"].click()
    assert message(shop).text() == blocked  # then the cart's condition again
