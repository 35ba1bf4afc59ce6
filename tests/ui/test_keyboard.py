"""Keyboard only: Tab follows the screen and the task, each option group is one stop with the
arrows moving inside it, the main actions have shortcuts (shown in tooltips and in Help ▸
Keyboard shortcuts) and every menu item has its own access key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from desktop.ui.preview.option_control import OptionControl
from desktop.ui.window import keyboard
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.shortcuts_dialog import ShortcutsDialog

from .focus import label, tab_walk
from .helpers import find, select, visible_dialog

SETTINGS = [
    "layerNameEdit",
    "layerPriceEdit",
    "layerSalePriceEdit",
    "layerImageEdit",
    "chooseImageButton",  # (Clear is disabled: the option has no image)
    "activeOnLoadCheck",
    "hiddenCheck",
    "manageStockCheck",
    "skuEdit",
    "stockQuantitySpin",
    "stockStatusCombo",
    "lowStockAmountEdit",
]


@pytest.fixture
def busy(window: MainWindow, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    select(window, "Grip Color/Red")
    qtbot.waitUntil(lambda: find(window, QWidget, "skuEdit").isVisible())
    window.preview.add_to_cart()
    window.preview.cart.view.setCurrentIndex(window.preview.cart.model.index(0, 0))
    return window


def _option(window: MainWindow, path: str) -> OptionControl:
    control = window.preview.option_control(path)
    assert isinstance(control, OptionControl)
    return control


def test_tab_follows_the_screen_and_the_task(busy: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    stops = tab_walk(qtbot, busy, find(busy, QWidget, "configuratorList"))
    names = label(stops)
    expected = [
        "configuratorList",
        "layerFilterEdit",
        "layersTree",
        *["optionControl"] * 4,
        "quantitySpin",
        "addToCartButton",
        "cartView",
        "removeCartLineButton",
        "checkoutButton",
        "resetSimulationButton",
        "shopperSwitch",
        "addShopperButton",
        "previewTabs",
        *SETTINGS,
    ]
    # Then other docks (scenario results, when tabbed with the settings: their tab bar).
    assert names[: len(expected)] == expected
    # One stop per group: the chosen option, else the first a shopper can choose.
    options = [w.property("layerName") for w in stops if isinstance(w, OptionControl)]
    assert options == ["Yellow", "Upper", "Stickers", "Black"]


def test_shift_tab_goes_back_the_same_way(busy: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    forward = tab_walk(qtbot, busy, find(busy, QWidget, "configuratorList"))
    start = forward[0]
    start.setFocus(Qt.FocusReason.BacktabFocusReason)
    back = [start]
    for _ in range(len(forward) + 5):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        if QApplication.focusWidget() is start:
            break
        back.append(QApplication.focusWidget())
    assert label([back[0], *reversed(back[1:])]) == label(forward)


def test_arrows_move_within_a_group_and_skip_what_cannot_be_chosen(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yellow = _option(window, "Grip Color/Yellow")
    yellow.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(yellow.hasFocus)
    QTest.keyClick(yellow, Qt.Key.Key_Down)
    red = _option(window, "Grip Color/Red")
    assert red.hasFocus()
    assert not _option(window, "Grip Color/Purple").isEnabled()  # out of stock
    QTest.keyClick(red, Qt.Key.Key_Down)  # nothing choosable below: stays
    assert red.hasFocus()
    QTest.keyClick(red, Qt.Key.Key_Space)  # Space chooses
    assert red.isChecked() and not yellow.isChecked()
    QTest.keyClick(red, Qt.Key.Key_Up)
    assert yellow.hasFocus()
    QTest.keyClick(yellow, Qt.Key.Key_Down)
    # The group's Tab stop is where the arrows left it: Tab leaves the group at once.
    QTest.keyClick(red, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is _option(window, "Extras/Paddles/Upper")


def test_the_main_actions_have_shortcuts_shown_in_tooltips_and_help(
    window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    for name, keys in keyboard.SHORTCUTS.items():
        action = find(window, QAction, name)
        assert action.shortcut().toString() == keys, name
        assert action.toolTip().endswith(f"({keyboard.keys_text(action)})"), name
    find(window, QAction, "keyboardShortcutsAction").trigger()
    dialog = visible_dialog(qtbot, ShortcutsDialog, "keyboardShortcutsDialog")
    rows = dict(dialog.rows())
    assert "arrow keys" in dialog.notes.text()
    assert rows["Add group"] == "Ctrl+G"
    assert rows["Add option"] == "Ctrl+Shift+O"
    assert rows["Global Settings"] == "Ctrl+,"
    assert rows["Stock Management add-on"] == "Ctrl+Shift+M"


def test_ctrl_shift_m_switches_the_add_on(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.layers_panel.tree.setFocus()
    qtbot.waitUntil(window.layers_panel.tree.hasFocus)
    assert window.document.addon_active
    QTest.keyClick(
        window.layers_panel.tree,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not window.document.addon_active


def _key(text: str) -> str:
    at = text.replace("&&", "  ").find("&")
    return text[at + 1].lower() if 0 <= at < len(text) - 1 else ""


def test_every_menu_item_has_its_own_access_key(window: MainWindow) -> None:
    bar = [a for a in window.menuBar().actions() if a.menu()]
    bar_keys = [_key(a.text()) for a in bar]
    assert all(bar_keys) and len(set(bar_keys)) == len(bar_keys)
    for title in bar:
        menu = title.menu()
        assert isinstance(menu, QMenu)
        items = [a for a in menu.actions() if not a.isSeparator()]
        keys = [_key(a.text()) for a in items]
        assert all(keys), (title.text(), [a.text() for a in items])
        assert len(set(keys)) == len(keys), (title.text(), [a.text() for a in items])
    # The settings' labels jump to their fields with Alt+letter: none is a menu's letter.
    labels = [
        w for w in window.findChildren(QLabel) if w.buddy() is not None and w.window() is window
    ]
    label_keys = [_key(w.text()) for w in labels if _key(w.text())]
    assert len(label_keys) >= 7
    assert not set(label_keys) & set(bar_keys)
    assert len(set(label_keys)) == len(label_keys)


def test_after_checkout_the_order_is_read_before_reset(busy: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    busy.preview.checkout()
    names = label(tab_walk(qtbot, busy, find(busy, QWidget, "configuratorList")))
    at = names.index("orderConfirmation")
    assert names[at + 1] == "resetSimulationButton"
    assert "orderArea" not in names
