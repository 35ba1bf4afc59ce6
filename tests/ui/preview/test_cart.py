"""Cart, checkout and the simulation's stock: the seed's behaviour and its negative twins."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QSpinBox

from desktop.domain import texts
from desktop.domain.model import Backorders, StockStatus
from desktop.store.repository import load_configurator
from desktop.ui.editing.commands import SetLayerFields

from .conftest import Shop, cart_texts, controller, controls, make_shop, widget


def click(shop: Shop, name: str) -> None:
    widget(shop.pane, QAbstractButton, name).click()


def message(shop: Shop) -> str:
    return widget(shop.pane, QLabel, "previewMessage").text()


def order_text(shop: Shop) -> str:
    return widget(shop.pane, QLabel, "orderConfirmation").text()


def stored_quantity(shop: Shop, path: str) -> int | None:
    cfg = shop.document.configurator
    assert cfg is not None and cfg.id is not None
    with shop.document.database.session() as session:
        fresh = load_configurator(session, cfg.id)
    found = fresh.find_path(path)
    assert found is not None
    return found.stock.quantity


def test_backordered_item_in_cart_subtotal_and_order(shop: Shop) -> None:
    controls(shop.pane)["Metallic Purple"].click()
    controls(shop.pane)["Blue Buttons"].click()
    click(shop, "addToCartButton")
    line = cart_texts(shop.pane)[0]
    assert "Metallic Purple (Available Backorder)" in line
    assert "Blue Buttons" in line
    assert "× 1" in line and "$53.00" in line
    assert widget(shop.pane, QLabel, "subtotalLabel").text() == "Subtotal: $53.00"
    click(shop, "checkoutButton")
    order = order_text(shop)
    assert "Order #1" in order
    assert "Metallic Purple (Available Backorder)" in order
    assert "Subtotal: $53.00" in order
    assert "Metallic Purple: Backordered: 1 — will be shipped once restocked" in order
    assert cart_texts(shop.pane) == []
    assert widget(shop.pane, QLabel, "subtotalLabel").text() == "Subtotal: $0.00"


def test_silent_backorders_have_no_notice_and_no_label(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = make_shop(qtbot, tmp_path / "y.db", controller(Backorders.YES))
    purple = controls(shop.pane)["Metallic Purple"]
    assert purple.isEnabled() and purple.property("notice") == ""
    assert purple.property("availability") == "backorder"
    purple.click()
    click(shop, "addToCartButton")
    assert "Metallic Purple" in cart_texts(shop.pane)[0]
    assert "(Available Backorder)" not in cart_texts(shop.pane)[0]
    click(shop, "checkoutButton")
    assert "will be shipped once restocked" not in order_text(shop)
    assert "Order #1" in order_text(shop)


def test_no_backorders_disable_the_option_and_refuse_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = make_shop(qtbot, tmp_path / "n.db", controller(Backorders.NO))
    purple = controls(shop.pane)["Metallic Purple"]
    assert not purple.isEnabled()
    assert purple.property("notice") == texts.NOTICE_OUT_OF_STOCK
    purple.click()  # a disabled button ignores clicks
    assert not purple.isChecked()
    click(shop, "addToCartButton")
    assert "Metallic Purple" not in cart_texts(shop.pane)[0]


def test_addon_off_means_no_stock_rules(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = make_shop(qtbot, tmp_path / "a.db", controller(Backorders.NO))
    shop.document.set_addon(False)
    shown = controls(shop.pane)
    assert {b.property("availability") for b in shown.values()} == {"available"}
    shown["Metallic Purple"].click()
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(9)
    click(shop, "addToCartButton")
    assert "Metallic Purple" in cart_texts(shop.pane)[0]
    assert "(Available Backorder)" not in cart_texts(shop.pane)[0]


def test_not_enough_stock_is_refused_with_the_domain_text(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = make_shop(qtbot, tmp_path / "r.db", controller(Backorders.NO))
    controls(shop.pane)["Metallic Red"].click()
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(3)
    click(shop, "addToCartButton")
    assert message(shop) == texts.not_enough_stock("Metallic Red", 2)
    assert cart_texts(shop.pane) == []
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(2)
    click(shop, "addToCartButton")
    assert len(cart_texts(shop.pane)) == 1
    assert message(shop) != texts.not_enough_stock("Metallic Red", 2)
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(1)
    click(shop, "addToCartButton")  # the cart already holds both units
    assert message(shop) == texts.not_enough_stock("Metallic Red", 0)


def test_required_group_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = make_shop(qtbot, tmp_path / "q.db", controller(Backorders.NO))
    yellow_id = shop.layer_id("Grip Color/Metallic Yellow")
    fields = {"stock_status": StockStatus.OUT_OF_STOCK}
    shop.stack.push(SetLayerFields(shop.document, yellow_id, fields, "edit"))
    assert not controls(shop.pane)["Metallic Yellow"].isChecked()
    click(shop, "addToCartButton")
    assert message(shop) == texts.choose_option("Grip Color")
    controls(shop.pane)["Metallic Red"].click()
    assert message(shop) == ""  # a new choice clears the old refusal


@pytest.mark.parametrize(
    ("backorders", "sixth"),
    [
        (Backorders.NOTIFY, ("backorder", texts.NOTICE_BACKORDER, True)),
        (Backorders.NO, ("out_of_stock", texts.NOTICE_OUT_OF_STOCK, False)),
    ],
)
def test_five_in_stock_meets_the_sixth_order(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    backorders: Backorders,
    sixth: tuple[str, str, bool],
) -> None:
    shop = make_shop(qtbot, tmp_path / "six.db", controller(backorders))
    for order in range(1, 6):
        yellow = shop.pane.option_control("Metallic Yellow")
        assert yellow is not None
        assert yellow.property("availability") == "in_stock", order
        yellow.setChecked(True)
        click(shop, "addToCartButton")
        click(shop, "checkoutButton")
        assert f"Order #{order}" in order_text(shop)
    yellow = shop.pane.option_control("Metallic Yellow")
    assert yellow is not None
    state = (yellow.property("availability"), yellow.property("notice"), yellow.isEnabled())
    assert state == sixth
    yellow.setChecked(True)
    click(shop, "addToCartButton")
    if backorders is Backorders.NOTIFY:
        assert "Metallic Yellow (Available Backorder)" in cart_texts(shop.pane)[0]
        click(shop, "checkoutButton")
        assert "Metallic Yellow: Backordered: 1 — will be shipped once restocked" in (
            order_text(shop)
        )
    else:
        assert not yellow.isChecked()
        assert cart_texts(shop.pane) == []
        assert message(shop) == texts.choose_option("Grip Color")
    assert stored_quantity(shop, "Grip Color/Metallic Yellow") == 5

    click(shop, "resetSimulationButton")
    yellow = shop.pane.option_control("Metallic Yellow")
    assert yellow is not None
    assert (yellow.property("availability"), yellow.isEnabled()) == ("in_stock", True)
    assert yellow.isChecked()  # the default choice is back
    assert order_text(shop) == ""
    assert cart_texts(shop.pane) == []
    assert stored_quantity(shop, "Grip Color/Metallic Yellow") == 5


def test_remove_a_cart_line(shop: Shop) -> None:
    click(shop, "addToCartButton")
    controls(shop.pane)["Blue Buttons"].click()
    click(shop, "addToCartButton")
    assert len(cart_texts(shop.pane)) == 2
    view = shop.pane.cart.view
    view.setCurrentIndex(view.model().index(0, 0))
    click(shop, "removeCartLineButton")
    assert len(cart_texts(shop.pane)) == 1
    assert "Blue Buttons" in cart_texts(shop.pane)[0]
    assert widget(shop.pane, QLabel, "subtotalLabel").text() == "Subtotal: $53.00"


def test_quantity_multiplies_the_line(shop: Shop) -> None:
    widget(shop.pane, QSpinBox, "quantitySpin").setValue(3)
    assert "For 3: $147.00" in shop.pane.summary.text()
    click(shop, "addToCartButton")
    assert "× 3 — $147.00" in cart_texts(shop.pane)[0]
    assert widget(shop.pane, QSpinBox, "quantitySpin").minimum() == 1
