"""Every edit is in the file when it is made: a new window on the same database shows it all,
reopens the configurator opened last, and the window layout comes back from QSettings."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QDockWidget, QLineEdit, QListView, QSpinBox

from desktop.domain.model import StockStatus
from desktop.ui.preview.option_list import MIN_WIDTH
from desktop.ui.window.main_window import window_settings

from .conftest import WindowFactory
from .helpers import find, select, shown_children


def _edit(edit: QLineEdit, text: str) -> None:
    edit.setText(text)
    edit.editingFinished.emit()


def test_restart_shows_every_edit(make_window: WindowFactory) -> None:
    window = make_window()
    select(window, "Grip Color/Red")
    _edit(find(window, QLineEdit, "layerNameEdit"), "Crimson")
    _edit(find(window, QLineEdit, "layerPriceEdit"), "3.50")
    _edit(find(window, QLineEdit, "skuEdit"), "CRIMSON-1")
    find(window, QSpinBox, "stockQuantitySpin").setValue(-2)
    find(window, QComboBox, "stockStatusCombo").setCurrentText("Out of Stock")
    find(window, QAction, "moveLayerUpAction").trigger()
    select(window, "Buttons")
    find(window, QAction, "addLayerAction").trigger()
    find(window, QAction, "stockAddonAction").trigger()
    view = find(window, QListView, "configuratorList")
    view.model().setData(view.model().index(1, 0), "Mouse")
    window.close()

    again = make_window()
    assert again.windowTitle().startswith("Controller")  # the last one opened
    assert shown_children(again, "Grip Color") == ["Crimson", "Yellow", "Purple"]
    assert shown_children(again, "Buttons") == ["Black", "Chrome", "New option"]
    assert not find(again, QAction, "stockAddonAction").isChecked()
    select(again, "Grip Color/Crimson")
    assert find(again, QLineEdit, "layerPriceEdit").text() == "3.50"
    assert find(again, QLineEdit, "skuEdit").text() == "CRIMSON-1"
    assert find(again, QSpinBox, "stockQuantitySpin").value() == -2
    assert find(again, QComboBox, "stockStatusCombo").currentText() == "Out of Stock"
    layer = again.layers_panel.current_layer()
    assert layer is not None
    assert (layer.price, layer.stock.status) == (Decimal("3.50"), StockStatus.OUT_OF_STOCK)
    names = find(again, QListView, "configuratorList").model()
    assert [names.index(r, 0).data() for r in range(names.rowCount())] == ["Controller", "Mouse"]


def test_last_opened_configurator_reopens(make_window: WindowFactory) -> None:
    window = make_window()
    view = find(window, QListView, "configuratorList")
    view.activated.emit(view.model().index(1, 0))
    window.close()
    assert make_window().windowTitle().startswith("Second")


def test_a_field_being_typed_in_is_saved_on_close(make_window: WindowFactory, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.activateWindow()
    select(window, "Grip Color/Red")
    price = find(window, QLineEdit, "layerPriceEdit")
    price.setFocus()
    qtbot.waitUntil(price.hasFocus)
    price.setText("8.25")
    price.setModified(True)
    window.close()
    again = make_window()
    select(again, "Grip Color/Red")
    assert find(again, QLineEdit, "layerPriceEdit").text() == "8.25"


def test_geometry_and_docks_are_remembered(make_window: WindowFactory, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.resize(701, 603)
    find(window, QDockWidget, "configuratorsDock").hide()
    qtbot.waitUntil(lambda: window.size().width() == 701)
    window.close()
    assert window_settings().value("mainWindow/geometry") is not None
    again = make_window()
    assert (again.width(), again.height()) == (701, 603)
    assert find(again, QDockWidget, "configuratorsDock").isHidden()
    assert find(again, QCheckBox, "manageStockCheck") is not None


def test_a_squeezed_dock_is_widened_on_start(make_window: WindowFactory, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A layout saved on a smaller screen must not leave the settings clipped."""
    window = make_window()
    dock = find(window, QDockWidget, "layerSettingsDock")
    window.resizeDocks([dock], [90], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() < 150)
    window.close()
    again = make_window()
    dock = find(again, QDockWidget, "layerSettingsDock")
    # The offscreen screen is 800 px wide: too narrow for every pane's comfortable width.
    # The settings dock gets back most of its room, and not at the cost of the preview's
    # options, which keep a readable width.
    qtbot.waitUntil(lambda: dock.width() >= 240)
    assert again.preview.options.width() >= MIN_WIDTH
