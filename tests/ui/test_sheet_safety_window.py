"""In the window: the stock table reads typed and pasted numbers by the sheets' rule, a refused
sheet's dialog lists its first problems and a count of the rest, and a sheet exported from a
configurator whose names a spreadsheet would run imports back unchanged
(docs/stock-sheets.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from desktop.domain.fields import LayerField
from desktop.ui.editing.commands import SetLayerFields, push
from desktop.ui.stock.table_model import QUANTITY
from desktop.ui.window.main_window import MainWindow

from .helpers import find
from .test_stock_table import panel_of, row_of, stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("\uff15", "Quantity: expected a whole number in the digits 0-9, not '\uff15'"),
        ("1_000", "Quantity: expected a whole number without separators between digits"),
        ("5.5", "Quantity: expected a whole number; 5.5 has a fraction"),
    ],
)
def test_the_stock_table_refuses_what_a_sheet_refuses(
    window: MainWindow, typed: str, problem: str
) -> None:
    panel = panel_of(window)
    index = panel.proxy.index(row_of(panel, "Grip Color/Red"), QUANTITY)
    assert not panel.proxy.setData(index, typed)
    assert problem in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
    assert not panel.paste(f"{typed}\n")
    assert stored(window, "Grip Color/Red").quantity == 2


def test_the_stock_table_reads_a_spreadsheets_whole_number(window: MainWindow) -> None:
    panel = panel_of(window)
    index = panel.proxy.index(row_of(panel, "Grip Color/Red"), QUANTITY)
    assert panel.proxy.setData(index, " 7.0 ")
    assert stored(window, "Grip Color/Red").quantity == 7


def test_a_refused_sheet_shows_twenty_problems_and_how_many_more(
    window: MainWindow, tmp_path: Path
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("SKU,Stock\n" + "R-1,x\n" * 5_000, encoding="utf-8")
    dialog = window.stock_actions.preview(sheet)
    assert dialog is not None
    lines = dialog.notes.toPlainText().splitlines()
    assert len(lines) == 21
    assert lines[0] == "line 2, Stock: expected a whole number, not 'x'"
    assert lines[-1] == "… and 4,980 more"
    assert "5,000 problems" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()


def test_an_exported_sheet_with_formula_names_imports_unchanged(
    window: MainWindow, tmp_path: Path
) -> None:
    doc = window.document
    red = doc.configurator.find_path("Grip Color/Red")  # type: ignore[union-attr]
    fields = {LayerField.NAME: "=1+1/x", LayerField.SKU: "@R"}
    assert push(window.undo_stack, SetLayerFields(doc, red.id, fields, "hostile"))
    target = tmp_path / "stock.csv"
    assert window.stock_actions.export_to(target)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert ["'@R", "Grip Color/=1+1\\/x", "1", "2", "1", "", ""] in rows
    dialog = window.stock_actions.preview(target)
    assert dialog is not None and dialog.plan is not None
    assert (dialog.plan.changes, dialog.plan.not_found) == ((), ())


def test_the_woocommerce_id_takes_only_digits_0_to_9(window: MainWindow) -> None:
    window.global_settings_action.trigger()
    dialog = window.global_settings_dialog
    woo = find(dialog, QLineEdit, "woocommerceIdEdit")
    woo.setText("\u0663")  # set as a script would: the validator does not see it
    dialog.accept()
    assert dialog.isVisible()  # refused, with the reason at the field
    woo.setText("123")
    dialog.accept()
    assert not dialog.isVisible()
    assert window.document.configurator.woocommerce_id == 123  # type: ignore[union-attr]
