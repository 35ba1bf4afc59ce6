"""The option controls as a shopper first sees them: states, notices, defaults, prices."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel

from desktop.domain import texts
from desktop.domain.model import Backorders, StockStatus
from desktop.ui.preview import PreviewPane

from .conftest import (
    Shop,
    cart_texts,
    controller,
    controls,
    group,
    make_shop,
    option,
    widget,
)


def test_controls_show_the_stock_rules(shop: Shop) -> None:
    shown = controls(shop.pane)
    assert set(shown) == {
        "Metallic Yellow",
        "Metallic Red",
        "Metallic Purple",
        "Black Buttons",
        "Blue Buttons",
        "Gold Buttons",
    }
    assert shown["Metallic Yellow"].property("availability") == "in_stock"
    assert shown["Metallic Purple"].property("availability") == "backorder"
    assert shown["Metallic Purple"].property("notice") == texts.NOTICE_BACKORDER
    assert shown["Metallic Purple"].isEnabled()
    assert shown["Black Buttons"].property("availability") == "available"
    assert shown["Black Buttons"].property("notice") == ""
    assert all(button.isCheckable() for button in shown.values())


def test_defaults_are_preselected(shop: Shop) -> None:
    shown = controls(shop.pane)
    checked = {name for name, button in shown.items() if button.isChecked()}
    assert checked == {"Metallic Yellow", "Black Buttons"}


def test_an_unselectable_default_is_not_preselected(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = controller(Backorders.NO)
    grip = cfg.layers[0]
    grip.children[0].active_on_load = False
    grip.children[2].active_on_load = True  # Metallic Purple: 0 in stock, backorders off
    shop = make_shop(qtbot, tmp_path / "s.db", cfg)
    shown = controls(shop.pane)
    assert shown["Metallic Purple"].property("notice") == texts.NOTICE_OUT_OF_STOCK
    assert not shown["Metallic Purple"].isEnabled()
    # Nothing is chosen in its place: the shopper chooses, and until then no cart.
    grip_choices = ("Metallic Yellow", "Metallic Red", "Metallic Purple")
    assert not any(shown[name].isChecked() for name in grip_choices)
    assert "Metallic" not in shop.pane.summary.text()
    assert "Expected Total: $49.00" in shop.pane.summary.text()
    widget(shop.pane, QAbstractButton, "addToCartButton").click()
    message = widget(shop.pane, QLabel, "previewMessage")
    assert message.text() == texts.choose_option("Grip Color")
    assert cart_texts(shop.pane) == []
    shown["Metallic Red"].click()  # the shopper chooses: now it goes in the cart
    widget(shop.pane, QAbstractButton, "addToCartButton").click()
    assert "Metallic Red" in cart_texts(shop.pane)[0]


def test_single_choice_is_exclusive_and_required_choice_stays(shop: Shop) -> None:
    shown = controls(shop.pane)
    shown["Metallic Red"].click()
    assert shown["Metallic Red"].isChecked()
    assert not shown["Metallic Yellow"].isChecked()
    shown["Metallic Red"].click()  # a required group's radio cannot be unchecked
    assert shown["Metallic Red"].isChecked()
    shown["Metallic Red"].setChecked(False)
    assert shown["Metallic Red"].isChecked()


def test_optional_single_choice_may_be_emptied(shop: Shop) -> None:
    shown = controls(shop.pane)
    shown["Black Buttons"].click()
    assert not shown["Black Buttons"].isChecked()
    assert "Black Buttons" not in shop.pane.summary.text()


def test_multiple_groups_use_check_boxes(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = controller()
    cfg.layers.append(
        group(
            "Stickers", option("Stars", price="1.00"), option("Flames", price="2.00"), multiple=True
        )
    )
    shop = make_shop(qtbot, tmp_path / "m.db", cfg)
    shown = controls(shop.pane)
    shown["Stars"].click()
    shown["Flames"].click()
    assert shown["Stars"].isChecked() and shown["Flames"].isChecked()
    assert "Expected Total: $52.00" in shop.pane.summary.text()
    shown["Stars"].click()
    assert not shown["Stars"].isChecked()
    assert "Expected Total: $51.00" in shop.pane.summary.text()


def test_summary_lists_base_price_options_and_expected_total(shop: Shop) -> None:
    controls(shop.pane)["Blue Buttons"].click()
    text = shop.pane.summary.text()
    assert text.splitlines() == [
        "Base Price: $49.00",
        "Metallic Yellow: $0.00",
        "Blue Buttons: $4.00",
        "Expected Total: $53.00",
    ]
    controls(shop.pane)["Gold Buttons"].click()  # on sale: 6.00 instead of 9.00
    assert "Expected Total: $55.00" in shop.pane.summary.text()


def test_hidden_layers_are_not_shown(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = controller()
    cfg.layers[1].children[1].hidden = True
    hidden_group = group("Internal", option("Shadow", default=True))
    hidden_group.hidden = True
    cfg.layers.append(hidden_group)
    shop = make_shop(qtbot, tmp_path / "h.db", cfg)
    shown = controls(shop.pane)
    assert "Blue Buttons" not in shown
    assert "Shadow" not in shown
    assert shop.pane.option_control("Internal/Shadow") is None
    # A hidden default still applies (WP Configurator's hidden layers): priced and bought.
    assert "Shadow: $0.00" in shop.pane.summary.text()
    widget(shop.pane, QAbstractButton, "addToCartButton").click()
    assert "Shadow" in cart_texts(shop.pane)[0]


def test_names_are_plain_text(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = controller()
    cfg.product_name = "<i>Pad</i>"
    cfg.layers[1].children[0].name = "<b>Bold</b>"
    shop = make_shop(qtbot, tmp_path / "p.db", cfg)
    button = controls(shop.pane)["<b>Bold</b>"]
    assert button.text() == "<b>Bold</b>"
    assert "<b>Bold</b>: $0.00" in shop.pane.summary.text()
    heading = widget(shop.pane, QLabel, "productHeading")
    assert heading.text() == "<i>Pad</i>"
    assert heading.textFormat().name == "PlainText"


def test_option_control_finds_by_path_or_name(shop: Shop) -> None:
    pane: PreviewPane = shop.pane
    by_path = pane.option_control("Grip Color/Metallic Red")
    by_name = pane.option_control("Metallic Red")
    assert isinstance(by_path, QAbstractButton)
    assert by_path is by_name
    assert by_path.property("layerName") == "Metallic Red"
    assert pane.option_control("Grip Color") is None
    assert pane.option_control("Nope") is None


def test_out_of_stock_status_disables_when_backorders_off(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = controller(Backorders.NO)
    cfg.layers[0].children[1].stock.status = StockStatus.OUT_OF_STOCK
    shop = make_shop(qtbot, tmp_path / "o.db", cfg)
    red = controls(shop.pane)["Metallic Red"]
    assert red.property("availability") == "out_of_stock"
    assert red.property("notice") == texts.NOTICE_OUT_OF_STOCK
    assert not red.isEnabled()
    red.setChecked(True)  # scripted past the disabled state: the storefront refuses
    assert not red.isChecked()
    assert widget(shop.pane, QLabel, "previewMessage").text() == texts.not_selectable(
        "Metallic Red"
    )


def test_no_configurator_open(shop: Shop) -> None:
    shop.document.open_configurator(None)
    assert controls(shop.pane) == {}
    assert widget(shop.pane, QLabel, "productHeading").text() == "No configurator open"
    assert not widget(shop.pane, QAbstractButton, "addToCartButton").isEnabled()
    assert shop.pane.option_control("Metallic Red") is None
    shop.pane.grab()


def test_tab_follows_the_rows(shop: Shop) -> None:
    yellow = shop.pane.option_control("Metallic Yellow")
    red = shop.pane.option_control("Metallic Red")
    assert yellow is not None and red is not None
    assert yellow.nextInFocusChain() is red
