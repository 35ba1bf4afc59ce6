"""The preview follows every kind of edit, and its undo, before the event loop turns."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from desktop.domain import texts
from desktop.domain.model import Backorders, StockStatus
from desktop.ui.editing.commands import (
    InsertLayer,
    MoveLayer,
    RemoveLayer,
    SetAddon,
    SetConfiguratorFields,
    SetLayerFields,
)

from .conftest import Shop, cart_texts, controls, group, option, widget


def look(shop: Shop, name: str) -> tuple[str, str, bool]:
    """(availability, notice, enabled) of an option's control."""
    button = shop.pane.option_control(name)
    assert button is not None, name
    return button.property("availability"), button.property("notice"), button.isEnabled()


def set_layer(shop: Shop, path: str, **fields: object) -> None:
    shop.stack.push(SetLayerFields(shop.document, shop.layer_id(path), fields, "edit"))


def set_settings(shop: Shop, **fields: object) -> None:
    cfg = shop.document.configurator
    assert cfg is not None and cfg.id is not None
    shop.stack.push(SetConfiguratorFields(shop.document, cfg.id, fields, "settings"))


BACKORDER = ("backorder", texts.NOTICE_BACKORDER, True)
OUT = ("out_of_stock", texts.NOTICE_OUT_OF_STOCK, False)
IN_STOCK = ("in_stock", "", True)
AVAILABLE = ("available", "", True)


def test_stock_status_edit_and_undo(shop: Shop) -> None:
    assert look(shop, "Metallic Red") == IN_STOCK
    set_layer(shop, "Grip Color/Metallic Red", stock_status=StockStatus.OUT_OF_STOCK)
    assert look(shop, "Metallic Red") == BACKORDER
    shop.stack.undo()
    assert look(shop, "Metallic Red") == IN_STOCK
    shop.stack.redo()
    assert look(shop, "Metallic Red") == BACKORDER


def test_stock_quantity_and_manage_stock_edits(shop: Shop) -> None:
    set_layer(shop, "Grip Color/Metallic Yellow", stock_quantity=0)
    assert look(shop, "Metallic Yellow") == BACKORDER
    set_layer(shop, "Grip Color/Metallic Purple", manage_stock=False)
    assert look(shop, "Metallic Purple") == AVAILABLE
    shop.stack.undo()
    assert look(shop, "Metallic Purple") == BACKORDER
    shop.stack.undo()
    assert look(shop, "Metallic Yellow") == IN_STOCK


def test_backorder_setting_edit_and_undo(shop: Shop) -> None:
    set_settings(shop, backorders=Backorders.NO)
    assert look(shop, "Metallic Purple") == OUT
    set_settings(shop, backorders=Backorders.YES)
    assert look(shop, "Metallic Purple") == ("backorder", "", True)
    shop.stack.undo()
    assert look(shop, "Metallic Purple") == OUT
    shop.stack.undo()
    assert look(shop, "Metallic Purple") == BACKORDER


def test_addon_off_lifts_every_rule(shop: Shop) -> None:
    shop.stack.push(SetAddon(shop.document, False))
    shown = controls(shop.pane)
    assert {button.property("availability") for button in shown.values()} == {"available"}
    assert all(button.isEnabled() and button.property("notice") == "" for button in shown.values())
    shop.stack.undo()
    assert look(shop, "Metallic Purple") == BACKORDER
    assert look(shop, "Metallic Yellow") == IN_STOCK


def test_cart_labels_follow_edits(shop: Shop) -> None:
    controls(shop.pane)["Metallic Purple"].click()
    shop.pane.add_to_cart()
    assert "Metallic Purple (Available Backorder)" in cart_texts(shop.pane)[0]
    set_settings(shop, backorders=Backorders.YES)  # silent: no label
    assert "(Available Backorder)" not in cart_texts(shop.pane)[0]
    assert "Metallic Purple" in cart_texts(shop.pane)[0]
    shop.stack.undo()
    assert "Metallic Purple (Available Backorder)" in cart_texts(shop.pane)[0]
    set_layer(shop, "Grip Color/Metallic Purple", stock_quantity=3)  # restocked
    assert "(Available Backorder)" not in cart_texts(shop.pane)[0]
    shop.stack.undo()
    assert "Metallic Purple (Available Backorder)" in cart_texts(shop.pane)[0]
    shop.stack.push(SetAddon(shop.document, False))
    assert "(Available Backorder)" not in cart_texts(shop.pane)[0]
    shop.stack.undo()
    assert "(Available Backorder)" in cart_texts(shop.pane)[0]


def test_rename_shows_in_control_summary_and_cart(shop: Shop) -> None:
    shop.pane.add_to_cart()
    set_layer(shop, "Grip Color/Metallic Yellow", name="Sunny Yellow")
    assert "Sunny Yellow" in controls(shop.pane)
    assert "Sunny Yellow: $0.00" in shop.pane.summary.text()
    assert "Sunny Yellow" in cart_texts(shop.pane)[0]
    shop.stack.undo()
    assert "Metallic Yellow" in controls(shop.pane)
    assert "Metallic Yellow" in cart_texts(shop.pane)[0]


def test_prices_follow_edits(shop: Shop) -> None:
    controls(shop.pane)["Blue Buttons"].click()
    shop.pane.add_to_cart()
    subtotal = widget(shop.pane, QLabel, "subtotalLabel")
    assert subtotal.text() == "Subtotal: $53.00"
    set_layer(shop, "Buttons/Blue Buttons", price=Decimal("7.50"))
    assert "Expected Total: $56.50" in shop.pane.summary.text()
    assert subtotal.text() == "Subtotal: $56.50"
    set_settings(shop, base_price=Decimal("40.00"))
    assert "Base Price: $40.00" in shop.pane.summary.text()
    assert subtotal.text() == "Subtotal: $47.50"
    shop.stack.undo()
    shop.stack.undo()
    assert "Expected Total: $53.00" in shop.pane.summary.text()
    assert subtotal.text() == "Subtotal: $53.00"


def test_a_selected_option_that_becomes_unselectable_is_dropped(shop: Shop) -> None:
    set_settings(shop, backorders=Backorders.NO)
    controls(shop.pane)["Metallic Red"].click()
    set_layer(shop, "Grip Color/Metallic Red", stock_status=StockStatus.OUT_OF_STOCK)
    red = shop.pane.option_control("Metallic Red")
    assert red is not None and not red.isChecked() and not red.isEnabled()
    assert "Metallic Red" not in shop.pane.summary.text()
    shop.pane.add_to_cart()
    message = widget(shop.pane, QLabel, "previewMessage")
    assert message.text() == texts.choose_option("Grip Color")


def test_insert_and_remove_with_undo(shop: Shop) -> None:
    buttons_id = shop.layer_id("Buttons")
    new = option("Chrome Buttons", price="5.00")
    shop.stack.push(InsertLayer(shop.document, buttons_id, 1, new, "add"))
    assert "Chrome Buttons" in controls(shop.pane)
    shop.stack.undo()
    assert "Chrome Buttons" not in controls(shop.pane)

    sticks = group("Sticks", option("White Sticks", default=True), required=True)
    shop.stack.push(InsertLayer(shop.document, None, 2, sticks, "add group"))
    assert controls(shop.pane)["White Sticks"].isChecked()
    shop.stack.undo()
    assert "White Sticks" not in controls(shop.pane)


def test_removing_a_selected_option_and_undoing_restores_it(shop: Shop) -> None:
    controls(shop.pane)["Blue Buttons"].click()
    shop.pane.add_to_cart()
    shop.stack.push(RemoveLayer(shop.document, shop.layer_id("Buttons/Blue Buttons")))
    assert "Blue Buttons" not in controls(shop.pane)
    assert "Blue Buttons" not in shop.pane.summary.text()
    assert "Blue Buttons" not in cart_texts(shop.pane)[0]
    shop.stack.undo()
    assert controls(shop.pane)["Blue Buttons"].isChecked()
    assert "Blue Buttons: $4.00" in shop.pane.summary.text()
    assert "Blue Buttons" in cart_texts(shop.pane)[0]


def test_move_between_groups_and_undo(shop: Shop) -> None:
    blue_id = shop.layer_id("Buttons/Blue Buttons")
    grip_id = shop.layer_id("Grip Color")
    shop.stack.push(MoveLayer(shop.document, blue_id, grip_id, 0))
    blue = shop.pane.option_control("Grip Color/Blue Buttons")
    yellow = shop.pane.option_control("Metallic Yellow")
    assert blue is not None and yellow is not None
    assert blue.y() < yellow.y()  # now first in Grip Color
    blue.click()  # one choice in Grip Color now includes it
    assert not yellow.isChecked()
    shop.stack.undo()
    black = shop.pane.option_control("Black Buttons")
    blue = shop.pane.option_control("Buttons/Blue Buttons")
    assert blue is not None and black is not None
    assert blue.y() > black.y()
    # Moved back into Buttons, where Black Buttons is still the choice: that stays.
    assert black.isChecked() and not blue.isChecked()


def test_hiding_a_layer_or_group(shop: Shop) -> None:
    set_layer(shop, "Buttons/Blue Buttons", hidden=True)
    assert "Blue Buttons" not in controls(shop.pane)
    set_layer(shop, "Grip Color", hidden=True)
    assert "Metallic Red" not in controls(shop.pane)
    shop.stack.undo()
    shop.stack.undo()
    assert {"Blue Buttons", "Metallic Red"} <= set(controls(shop.pane))


def test_group_becomes_multiple_and_back(shop: Shop) -> None:
    set_layer(shop, "Buttons", multiple=True)
    shown = controls(shop.pane)
    shown["Blue Buttons"].click()
    assert shown["Black Buttons"].isChecked() and shown["Blue Buttons"].isChecked()
    shop.stack.undo()
    shown = controls(shop.pane)
    assert sum(shown[name].isChecked() for name in ("Black Buttons", "Blue Buttons")) == 1


def test_marking_a_default_selects_it(shop: Shop) -> None:
    set_layer(shop, "Buttons/Blue Buttons", active_on_load=True)
    assert controls(shop.pane)["Blue Buttons"].isChecked()
    assert not controls(shop.pane)["Black Buttons"].isChecked()


def test_product_name_and_base_price_in_heading(shop: Shop) -> None:
    set_settings(shop, product_name="Pro Pad")
    heading = widget(shop.pane, QLabel, "productHeading")
    assert heading.text() == "Pro Pad"
    shop.stack.undo()
    assert heading.text() == "Game Controller"
