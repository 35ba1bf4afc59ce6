"""The seed's walk-through, driven through the editor's widgets by objectName: Global Settings
→ Stock Management → the layer's Stock Management section → preview → cart → checkout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeView,
)

from desktop.domain import texts
from desktop.domain.model import Backorders, Layer
from desktop.store.database import open_database
from desktop.store.repository import (
    insert_configurator,
    list_configurators,
    load_configurator,
)
from desktop.ui.editing.document import Document
from desktop.ui.window.main_window import MainWindow

from ..helpers import EVENTUALLY_MS
from .conftest import cart_texts, controller


@pytest.fixture
def window(qtbot, db_path: Path, images: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    database = open_database(db_path)
    with database.session() as session:
        configurator_id = insert_configurator(session, controller(Backorders.NO))
        session.commit()
    document = Document(database)
    window = MainWindow(document)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    document.open_configurator(configurator_id)
    yield window
    database.close()


def find(window: MainWindow, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def trigger(window: MainWindow, name: str) -> None:
    find(window, QAction, name).trigger()


def global_settings(window: MainWindow, qtbot, backorder: bool) -> None:  # type: ignore[no-untyped-def]
    trigger(window, "globalSettingsAction")
    dialog = find(window, QDialog, "globalSettingsDialog")
    qtbot.waitUntil(dialog.isVisible, timeout=EVENTUALLY_MS)
    check = find(dialog, QCheckBox, "backorderCheck")
    assert check.isEnabled()
    check.setChecked(backorder)
    buttons = dialog.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()


def select_layer(window: MainWindow, *names: str) -> None:
    tree = find(window, QTreeView, "layersTree")
    model = tree.model()
    parent = QModelIndex()
    index = QModelIndex()
    for name in names:
        rows = (model.index(r, 0, parent) for r in range(model.rowCount(parent)))
        index = next(i for i in rows if i.data() == name)
        parent = index
    tree.setCurrentIndex(index)


def option(window: MainWindow, name: str) -> QAbstractButton:
    control = window.preview.option_control(name)
    assert control is not None
    return control


def click(window: MainWindow, name: str) -> None:
    find(window, QAbstractButton, name).click()


def test_seed_walkthrough(window: MainWindow, qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Backorders are off: Metallic Purple (0 in stock) is out of stock and cannot be chosen.
    assert not option(window, "Metallic Purple").isEnabled()

    # Step 2: Global Settings (gear) → Stock Management → Enable Backorder.
    global_settings(window, qtbot, True)
    purple = option(window, "Metallic Purple")
    assert purple.property("notice") == texts.NOTICE_BACKORDER and purple.isEnabled()

    # Steps 3-4: select Metallic Red in the Layers panel, set its Stock Status to Out of Stock.
    select_layer(window, "Grip Color", "Metallic Red")
    assert find(window, QCheckBox, "manageStockCheck").isChecked()
    find(window, QComboBox, "stockStatusCombo").setCurrentText(texts.STATUS_OUT_OF_STOCK)

    # Front end: the option shows the notice, can be chosen and added to the cart.
    red = option(window, "Metallic Red")
    qtbot.waitUntil(lambda: red.property("notice") == texts.NOTICE_BACKORDER, timeout=EVENTUALLY_MS)
    assert red.property("availability") == "backorder" and red.isEnabled()
    red.click()
    assert red.isChecked()
    click(window, "addToCartButton")
    line = cart_texts(window.preview)[0]
    assert "Metallic Red (Available Backorder)" in line
    # Priced normally: base 49.00 + Metallic Red 0.00 + Black Buttons 0.00.
    assert find(window, QLabel, "subtotalLabel").text() == "Subtotal: $49.00"

    click(window, "checkoutButton")
    order = find(window, QLabel, "orderConfirmation").text()
    assert "Metallic Red (Available Backorder)" in order
    assert "Metallic Red: Backordered: 1 — will be shipped once restocked" in order

    # The simulation never touched the stored stock.
    stored = stored_layer(db_path, "Grip Color/Metallic Red")
    assert stored.stock.quantity == 2
    assert stored.stock.status.value == "out_of_stock"  # the merchant's edit, saved


def test_backorders_off_again_disables_the_option(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    global_settings(window, qtbot, True)
    option(window, "Metallic Purple").click()
    global_settings(window, qtbot, False)
    purple = option(window, "Metallic Purple")
    assert not purple.isEnabled() and not purple.isChecked()
    assert purple.property("notice") == texts.NOTICE_OUT_OF_STOCK
    click(window, "addToCartButton")
    assert find(window, QLabel, "previewMessage").text() == texts.choose_option("Grip Color")
    assert cart_texts(window.preview) == []
    # Undo (Edit menu) brings the backorder back at once.
    trigger(window, "undoAction")
    assert option(window, "Metallic Purple").property("notice") == texts.NOTICE_BACKORDER


def test_silent_backorders_through_the_dialog(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    trigger(window, "globalSettingsAction")
    dialog = find(window, QDialog, "globalSettingsDialog")
    find(dialog, QCheckBox, "backorderCheck").setChecked(True)
    find(dialog, QCheckBox, "backorderNoticeCheck").setChecked(False)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    purple = option(window, "Metallic Purple")
    assert purple.isEnabled() and purple.property("notice") == ""
    purple.click()
    click(window, "addToCartButton")
    line = cart_texts(window.preview)[0]
    assert "Metallic Purple" in line and "(Available Backorder)" not in line


def test_addon_off_lifts_the_rules_and_the_setting(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    find(window, QAction, "stockAddonAction").setChecked(False)
    purple = option(window, "Metallic Purple")
    assert purple.isEnabled() and purple.property("availability") == "available"
    assert purple.property("notice") == ""
    trigger(window, "globalSettingsAction")
    dialog = find(window, QDialog, "globalSettingsDialog")
    assert not find(dialog, QCheckBox, "backorderCheck").isEnabled()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    find(window, QAction, "stockAddonAction").setChecked(True)
    assert not option(window, "Metallic Purple").isEnabled()


def stored_layer(db_path: Path, path: str) -> Layer:
    """The layer as a fresh connection reads it from the file."""
    database = open_database(db_path)
    try:
        with database.session() as session:
            summary = list_configurators(session)[0]
            cfg = load_configurator(session, summary.id)
    finally:
        database.close()
    found = cfg.find_path(path)
    assert found is not None
    return found
