"""States a merchant meets beyond the happy path: empty views that say what to do next, a big
order in a small window, money shown with two decimals, Undo from a field just committed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QPushButton, QSpinBox

from desktop.domain.model import Configurator
from desktop.store import repository
from desktop.store.database import open_database
from desktop.ui.editing.commands import CreateConfigurator, DeleteConfigurator, push
from desktop.ui.widgets import empty_state
from desktop.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .helpers import find, group, image, select


def test_a_configurator_without_layers_says_how_to_start(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    push(window.undo_stack, CreateConfigurator(window.document, "Blank", product_name="Blank"))
    qtbot.waitUntil(lambda: window.document.configurator.name == "Blank")
    assert window.layers_panel.tree.model().rowCount() == 0
    assert window.layers_panel.empty_text() == empty_state.NO_LAYERS
    assert find(window, QLabel, "layerSettingsEmpty").text() == empty_state.NO_LAYER_TO_EDIT
    qtbot.waitUntil(lambda: window.preview.options.empty_text() == empty_state.NO_OPTIONS)
    window.layers_panel.tree.viewport().grab()  # the hints paint without complaint
    window.preview.options.viewport().grab()

    window.layer_actions.add_group.trigger()  # the next step the hint names
    assert window.preview.options.empty_text() == empty_state.NO_OPTIONS  # a group, no option
    window.layer_actions.add_layer.trigger()
    qtbot.waitUntil(lambda: window.preview.options.empty_text() == "")
    window.undo_stack.undo()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.layers_panel.tree.model().rowCount() == 0)
    assert find(window, QLabel, "layerSettingsEmpty").text() == empty_state.NO_LAYER_TO_EDIT


def test_a_filter_without_match_says_so(window: MainWindow) -> None:
    find(window, QLineEdit, "layerFilterEdit").setText("zzz")
    assert window.layers_panel.tree.model().rowCount() == 0
    assert window.layers_panel.empty_text() == empty_state.no_filter_match("zzz")
    window.layers_panel.tree.viewport().grab()


def test_deleting_every_configurator_points_at_new_configurator(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    for summary in window.document.configurators():
        push(window.undo_stack, DeleteConfigurator(window.document, summary.id, summary.name))
    qtbot.waitUntil(lambda: window.document.configurator is None)
    view = find(window, QListView, "configuratorList")
    assert view.model().rowCount() == 0
    view.viewport().grab()
    assert "New configurator" in find(window, QLabel, "productSubheading").text()
    assert window.layers_panel.empty_text() == empty_state.NO_CONFIGURATOR_OPEN
    assert find(window, QLabel, "layerSettingsEmpty").text() == empty_state.NO_CONFIGURATOR_OPEN
    window.undo_stack.undo()  # one back: the list has a row again
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)


def test_a_large_order_scrolls_instead_of_growing_the_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(780, 560)
    qtbot.waitUntil(lambda: window.height() == 560)
    preview = window.preview
    quantity = find(window, QSpinBox, "quantitySpin")
    for grip, buttons in (("Yellow", "Black"), ("Red", "Black"), ("Yellow", "Chrome")):
        for path in (f"Grip Color/{grip}", f"Buttons/{buttons}"):
            control = preview.option_control(path)
            assert control is not None
            control.click()
        for upper in (False, True):  # four or five item details a line, six lines
            control = preview.option_control("Extras/Paddles/Upper")
            assert control is not None
            control.setChecked(upper)
            quantity.setValue(1)
            find(window, QPushButton, "addToCartButton").click()
    find(window, QPushButton, "checkoutButton").click()
    order = find(window, QLabel, "orderConfirmation")
    qtbot.waitUntil(order.isVisible)
    assert order.text().count("Game Controller ×") == 6
    # All of it is laid out (none cut off), reachable by scrolling, and the window kept
    # its size.
    qtbot.waitUntil(lambda: order.height() >= order.heightForWidth(order.width()))
    assert window.height() == 560
    assert window.minimumSizeHint().height() <= 560


def test_prices_always_show_two_decimals(make_window: WindowFactory, tmp_path: Path) -> None:
    path = tmp_path / "whole.db"
    database = open_database(path)
    try:
        with database.session() as session:
            cfg = Configurator(
                name="Whole",
                base_price=Decimal("49"),
                layers=[group("G", image("Plain", "4", active=True))],
            )
            cfg.layers[0].children[0].sale_price = Decimal("3.5")
            repository.insert_configurator(session, cfg)
    finally:
        database.close()
    window = make_window(path)
    select(window, "G/Plain")
    assert find(window, QLineEdit, "layerPriceEdit").text() == "4.00"
    assert find(window, QLineEdit, "layerSalePriceEdit").text() == "3.50"
    window.global_settings_action.trigger()
    assert find(window.global_settings_dialog, QLineEdit, "basePriceEdit").text() == "49.00"
    window.global_settings_dialog.reject()


def test_undo_keys_reach_the_stack_from_a_committed_field(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    select(window, "Grip Color/Red")
    price = find(window, QLineEdit, "layerPriceEdit")
    red = window.document.configurator.find_path("Grip Color/Red")
    price.setFocus()
    qtbot.waitUntil(price.hasFocus)
    price.selectAll()
    QTest.keyClicks(price, "7")
    QTest.keyClick(price, Qt.Key.Key_Return)
    assert red.price == Decimal("7.00")

    QTest.keySequence(price, QKeySequence(QKeySequence.StandardKey.Undo))
    assert red.price == Decimal("3.00")  # the edit, undone from the field it was made in
    assert price.text() == "3.00"
    QTest.keySequence(price, QKeySequence(QKeySequence.StandardKey.Redo))
    assert red.price == Decimal("7.00")

    QTest.keyClicks(price, "5")  # typing not yet committed: Undo takes back the typing
    QTest.keySequence(price, QKeySequence(QKeySequence.StandardKey.Undo))
    assert price.text() == "7.00"
    assert red.price == Decimal("7.00")
