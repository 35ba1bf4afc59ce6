"""Backorders per option in the stock table (a column edited like the others: chosen in the
cell, typed, pasted, sorted, found by the filter) and in bulk edit; one undo step each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from desktop.domain.model import Backorders
from desktop.ui.stock.table_model import BACKORDERS, HEADERS, OPTION, QUANTITY, SHOWN
from desktop.ui.window.main_window import MainWindow

from .test_bulk_edit import GRIPS, open_bulk, stocks
from .test_stock_table import cell, panel_of, row_of

YELLOW, RED, PURPLE = GRIPS


def own(window: MainWindow) -> list[Backorders | None]:
    found = stocks(window)
    return [found[path].backorders for path in GRIPS]


def test_the_column_is_chosen_in_its_cell_and_the_row_follows(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_of(window)
    assert HEADERS[BACKORDERS] == "Backorders"
    assert cell(panel, PURPLE, BACKORDERS) == "Use the configurator's setting"
    assert cell(panel, PURPLE, SHOWN) == "Out of Stock"
    view = panel.view
    index = panel.proxy.index(row_of(panel, PURPLE), BACKORDERS)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QComboBox, "stockBackordersEditor")
    assert editor is not None and editor.currentText() == "Use the configurator's setting"
    editor.setCurrentText("Allow, but notify customer")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: own(window)[2] is Backorders.NOTIFY)
    assert cell(panel, PURPLE, BACKORDERS) == "Allow, but notify customer"
    assert cell(panel, PURPLE, SHOWN) == "Available on Backorder"
    assert window.undo_stack.undoText() == 'Set backorders of "Purple"'
    # Typed as a stock sheet writes it, or as a setting.
    assert panel.proxy.setData(panel.proxy.index(row_of(panel, RED), BACKORDERS), "0")
    assert own(window)[1] is Backorders.NO
    assert not panel.proxy.setData(panel.proxy.index(row_of(panel, RED), BACKORDERS), "maybe")
    assert "Backorders: expected 1 (allow), 0 (do not allow)" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert own(window) == [None, None, None]


def test_pasting_into_the_column_sets_the_selected_rows_in_one_step(window: MainWindow) -> None:
    panel = panel_of(window)
    view = panel.view
    view.setCurrentIndex(panel.proxy.index(row_of(panel, YELLOW), BACKORDERS))
    QGuiApplication.clipboard().setText("0\r\nnotify\r\nAllow\r\n")
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert own(window) == [Backorders.NO, Backorders.NOTIFY, Backorders.YES]
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Paste backorders into 3 options"
    # A blank line is the configurator's setting again.
    view.setCurrentIndex(panel.proxy.index(row_of(panel, PURPLE), BACKORDERS))
    assert panel.paste("\n")
    assert own(window)[2] is None
    # In the Quantity column a paste still sets quantities.
    view.setCurrentIndex(panel.proxy.index(row_of(panel, YELLOW), QUANTITY))
    assert panel.paste("8\n")
    assert stocks(window)[YELLOW].quantity == 8
    window.undo_stack.undo()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert own(window) == [None, None, None]


def test_the_column_sorts_and_the_filter_finds_an_options_own_words(window: MainWindow) -> None:
    panel = panel_of(window)
    assert panel.proxy.setData(panel.proxy.index(row_of(panel, RED), BACKORDERS), "Do not allow")
    panel.view.sortByColumn(BACKORDERS, Qt.SortOrder.AscendingOrder)
    assert panel.column_data(BACKORDERS)[0] == "Do not allow"
    assert panel.column_data(OPTION)[0] == RED
    panel.filter_edit.setText("do not allow")
    assert panel.column_data(OPTION) == [RED]
    panel.filter_edit.setText("")
    assert len(panel.column_data(OPTION)) > 1


def test_bulk_edit_sets_the_setting_of_the_chosen_options_only(window: MainWindow) -> None:
    before = stocks(window)
    dialog = open_bulk(window, (RED, PURPLE))
    assert dialog.backorders_combo.objectName() == "bulkBackordersCombo"
    assert not dialog.backorders_combo.isEnabled()
    dialog.backorders_check.setChecked(True)
    dialog.backorders_combo.setCurrentText("Do not allow")
    dialog.buttons.accepted.emit()
    after = stocks(window)
    assert own(window) == [None, Backorders.NO, Backorders.NO]
    assert after[RED].quantity == before[RED].quantity  # nothing else changed
    assert window.undo_stack.undoText() == "Set backorders of 2 options"
    dialog = open_bulk(window, (RED,))
    dialog.backorders_check.setChecked(True)
    dialog.backorders_combo.setCurrentText("Use the configurator's setting")
    dialog.buttons.accepted.emit()
    assert own(window) == [None, None, Backorders.NO]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert stocks(window) == before
