"""The stock table dock (docs/stock-sheets.md): the model under Qt's model tester, spreadsheet
editing,
filters, selection in step with the tree, and the table following every other edit."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QComboBox, QSpinBox

from desktop.domain.fields import ConfiguratorField, LayerField
from desktop.domain.model import Layer, LayerType, StockStatus
from desktop.ui.editing.commands import (
    InsertLayer,
    RemoveLayer,
    SetConfiguratorFields,
    SetLayerFields,
    push,
)
from desktop.ui.stock.table import StockTablePanel
from desktop.ui.stock.table_model import LOW, MANAGE, OPTION, QUANTITY, SHOWN, STATES, STATUS
from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_configurator, select


def panel_of(window: MainWindow) -> StockTablePanel:
    window.findChild(QAction, "stockTableAction").trigger()  # the dock starts hidden
    assert window.stock_dock.isVisible()
    return window.stock_actions.panel


def row_of(panel: StockTablePanel, path: str) -> int:
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, OPTION).data() == path:
            return row
    raise AssertionError(f"no row {path!r}")


def cell(panel: StockTablePanel, path: str, column: int) -> object:
    return panel.proxy.index(row_of(panel, path), column).data()


def stored(window: MainWindow, path: str):  # type: ignore[no-untyped-def]
    layer = read_configurator(window.document.db_path).find_path(path)  # type: ignore[arg-type]
    assert layer is not None
    return layer.stock


def test_the_model_passes_qts_model_tester_through_edits(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(window)
    qtmodeltester.check(panel.model)
    # The tester stays attached while the table follows edits, undo and structure changes.
    tester = QAbstractItemModelTester(
        panel.model, QAbstractItemModelTester.FailureReportingMode.Warning
    )
    proxy_tester = QAbstractItemModelTester(
        panel.proxy, QAbstractItemModelTester.FailureReportingMode.Warning
    )
    assert panel.model.setData(panel.model.index(1, QUANTITY), "9")
    window.layer_actions.delete.setEnabled(True)
    select(window, "Extras/Stickers")
    window.layer_actions.delete.trigger()
    window.undo_stack.undo()
    window.undo_stack.undo()
    panel.filter_edit.setText("grip")
    panel.view.sortByColumn(QUANTITY, Qt.SortOrder.DescendingOrder)
    assert [panel.proxy.index(r, QUANTITY).data() for r in range(3)] == ["5", "2", "0"]
    del tester, proxy_tester


def test_every_option_is_a_row_with_its_stock(window: MainWindow) -> None:
    panel = panel_of(window)
    assert panel.column_data(OPTION) == [
        "Grip Color/Yellow",
        "Grip Color/Red",
        "Grip Color/Purple",
        "Extras/Paddles/Upper",
        "Extras/Paddles/Lower",
        "Extras/Stickers",
        "Buttons/Black",
        "Buttons/Chrome",
    ]
    assert cell(panel, "Grip Color/Red", QUANTITY) == "2"
    assert cell(panel, "Grip Color/Red", STATUS) == "In Stock"
    # Red: 2 left at the default threshold 2 is low; Purple 0 without backorders is out.
    assert cell(panel, "Grip Color/Red", SHOWN) == "In Stock · low stock"
    assert cell(panel, "Grip Color/Purple", SHOWN) == "Out of Stock"
    index = panel.proxy.index(row_of(panel, "Grip Color/Red"), MANAGE)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_typing_a_quantity_saves_it_as_one_undo_step_and_the_tree_follows(
    window: MainWindow,
) -> None:
    panel = panel_of(window)
    index = panel.proxy.index(row_of(panel, "Grip Color/Red"), QUANTITY)
    assert panel.proxy.setData(index, " 12 ")
    assert stored(window, "Grip Color/Red").quantity == 12
    assert window.undo_stack.undoText() == 'Set stock quantity of "Red"'
    assert cell(panel, "Grip Color/Red", SHOWN) == "In Stock"  # no longer low
    select(window, "Grip Color/Red")
    assert find(window, QSpinBox, "stockQuantitySpin").value() == 12
    window.undo_stack.undo()
    assert cell(panel, "Grip Color/Red", QUANTITY) == "2"
    assert find(window, QSpinBox, "stockQuantitySpin").value() == 2


def test_a_bad_value_is_refused_in_the_status_bar_and_nothing_changes(window: MainWindow) -> None:
    panel = panel_of(window)
    index = panel.proxy.index(row_of(panel, "Grip Color/Red"), QUANTITY)
    assert not panel.proxy.setData(index, "lots")
    assert "Quantity: expected a whole number" in window.statusBar().currentMessage()
    assert not panel.proxy.setData(panel.proxy.index(index.row(), LOW), "-3")
    assert window.undo_stack.count() == 0
    assert stored(window, "Grip Color/Red").quantity == 2


def test_an_edit_elsewhere_shows_in_the_table(window: MainWindow) -> None:
    panel = panel_of(window)
    doc = window.document
    red = doc.configurator.find_path("Grip Color/Red")  # type: ignore[union-attr]
    push(
        window.undo_stack,
        SetLayerFields(doc, red.id, {LayerField.STOCK_STATUS: StockStatus.OUT_OF_STOCK}, "out"),
    )
    assert cell(panel, "Grip Color/Red", STATUS) == "Out of Stock"
    assert cell(panel, "Grip Color/Red", SHOWN) == "Out of Stock"
    cfg_id = doc.configurator.id  # type: ignore[union-attr]
    push(
        window.undo_stack,
        SetConfiguratorFields(doc, cfg_id, {ConfiguratorField.BACKORDERS: "notify"}, "b"),
    )
    assert cell(panel, "Grip Color/Red", SHOWN) == "Available on Backorder"
    window.findChild(QAction, "stockAddonAction").setChecked(False)
    assert cell(panel, "Grip Color/Red", SHOWN) == "Available — Stock Management add-on is off"


def test_filter_by_text_and_by_state(window: MainWindow) -> None:
    panel = panel_of(window)
    panel.filter_edit.setText("r-1")  # by SKU
    assert panel.column_data(OPTION) == ["Grip Color/Red"]
    panel.filter_edit.clear()
    for key, paths in {
        "low": ["Grip Color/Red"],
        "out_of_stock": ["Grip Color/Purple"],
        "in_stock": ["Grip Color/Yellow"],
    }.items():
        panel.state_combo.setCurrentIndex(panel.state_combo.findData(key))
        assert panel.column_data(OPTION) == paths
    panel.state_combo.setCurrentIndex(panel.state_combo.findData("not_managed"))
    assert len(panel.column_data(OPTION)) == 5


def test_every_filter_shows_the_rows_whose_path_or_sku_holds_the_text_in_that_state(
    window: MainWindow,
) -> None:
    """Qt's regular-expression filter over each row's key lets through exactly the rows the
    rule names, whatever the text holds (characters a pattern would read as syntax, a line
    break that could join a path to a SKU)."""
    panel = panel_of(window)
    model = panel.model
    rows = [model.layer_at(model.index(row, 0)) for row in range(model.rowCount())]
    texts = ["", "r", "GRIP", "r-1", "/", "color/r", "zzz", ".*", "(", "\\", "red\nr-1", "1\ng"]
    for state in ["", *STATES]:
        panel.state_combo.setCurrentIndex(panel.state_combo.findData(state))
        for text in texts:
            panel.filter_edit.setText(text)
            needle = panel.filter_edit.text().strip().casefold()
            expected = [
                layer.path
                for layer in rows
                if layer is not None
                and (needle in layer.path.casefold() or needle in layer.stock.sku.casefold())
                and (not state or model.state_key(layer) == state)
            ]
            assert panel.column_data(OPTION) == expected, (state, text)


def test_selection_follows_the_tree_both_ways(window: MainWindow) -> None:
    panel = panel_of(window)
    panel.view.setCurrentIndex(panel.proxy.index(row_of(panel, "Grip Color/Purple"), QUANTITY))
    assert window.layers_panel.current_layer().name == "Purple"  # type: ignore[union-attr]
    select(window, "Buttons/Chrome")
    assert panel.view.currentIndex().row() == row_of(panel, "Buttons/Chrome")


def test_enter_moves_down_and_typing_edits(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(window)
    view = panel.view
    view.setFocus()
    view.setCurrentIndex(panel.proxy.index(row_of(panel, "Grip Color/Yellow"), QUANTITY))
    QTest.keyClicks(view, "7")  # typing starts the editor with what was typed
    QTest.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, "Grip Color/Yellow").quantity == 7)
    assert view.currentIndex().row() == row_of(panel, "Grip Color/Red")
    QTest.keyClick(view, Qt.Key.Key_Return)  # not editing: Enter moves down too
    assert view.currentIndex().row() == row_of(panel, "Grip Color/Purple")


def test_pasting_a_column_of_numbers_sets_the_selected_quantities(window: MainWindow) -> None:
    panel = panel_of(window)
    view = panel.view
    view.setCurrentIndex(panel.proxy.index(row_of(panel, "Grip Color/Yellow"), QUANTITY))
    QGuiApplication.clipboard().setText("10\r\n20\r\n30\r\n")  # as a spreadsheet copies
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [stored(window, f"Grip Color/{n}").quantity for n in ("Yellow", "Red", "Purple")] == [
        10,
        20,
        30,
    ]
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Paste quantities into 3 options"
    window.undo_stack.undo()
    assert [stored(window, f"Grip Color/{n}").quantity for n in ("Yellow", "Red", "Purple")] == [
        5,
        2,
        0,
    ]
    assert not panel.paste("1\nnope\n")
    assert "Paste: expected a whole number" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 1  # the undone paste, nothing new


def test_a_structure_change_rereads_the_rows(window: MainWindow) -> None:
    panel = panel_of(window)
    select(window, "Extras/Stickers")
    window.layer_actions.delete.trigger()
    assert "Extras/Stickers" not in panel.column_data(OPTION)
    window.undo_stack.undo()
    assert "Extras/Stickers" in panel.column_data(OPTION)
    assert panel.model.index(0, 0, panel.model.index(0, 0)) == QModelIndex()


def test_status_is_chosen_and_manage_is_a_check_box(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(window)
    view = panel.view
    status = panel.proxy.index(row_of(panel, "Grip Color/Yellow"), STATUS)
    view.setCurrentIndex(status)
    view.edit(status)
    editor = view.findChild(QComboBox, "stockStatusEditor")
    assert editor is not None and editor.currentText() == "In Stock"
    editor.setCurrentText("Out of Stock")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, "Grip Color/Yellow").status is StockStatus.OUT_OF_STOCK)
    assert window.undo_stack.undoText() == 'Set stock status of "Yellow"'
    manage = panel.proxy.index(row_of(panel, "Buttons/Chrome"), MANAGE)
    assert panel.proxy.setData(manage, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert stored(window, "Buttons/Chrome").manage is True
    assert cell(panel, "Buttons/Chrome", SHOWN) == "In Stock"


def test_while_the_dock_is_closed_the_table_reads_no_rows_and_shows_them_when_opened(
    window: MainWindow,
) -> None:
    model = window.stock_actions.panel.model
    document = window.document
    cfg = document.configurator
    assert cfg is not None and cfg.id is not None
    # Closed: a configurator opened, an option added and one removed are not followed.
    other = document.duplicate_configurator(cfg.id, "Copy")
    document.open_configurator(other)
    assert model.rowCount() == 0
    grips = document.configurator.find_path("Grip Color")  # type: ignore[union-attr]
    added = Layer(name="Metallic Green", type=LayerType.IMAGE)
    assert push(window.undo_stack, InsertLayer(document, grips.id, 0, added, "Add"))
    red = document.configurator.find_path("Grip Color/Red")  # type: ignore[union-attr]
    assert push(window.undo_stack, RemoveLayer(document, red.id))  # type: ignore[arg-type]
    assert model.rowCount() == 0
    # Opened: the rows of what is open now, in tree order.
    panel = panel_of(window)
    expected = list(document.configurator.options())  # type: ignore[union-attr]
    assert model.rowCount() == len(expected)
    paths = [panel.proxy.index(row, OPTION).data() for row in range(panel.proxy.rowCount())]
    assert "Grip Color/Metallic Green" in paths and "Grip Color/Red" not in paths
    # Open, it follows edits again.
    green = document.configurator.find_path("Grip Color/Metallic Green")  # type: ignore[union-attr]
    assert push(window.undo_stack, RemoveLayer(document, green.id))  # type: ignore[union-attr,arg-type]
    assert model.rowCount() == len(expected) - 1
