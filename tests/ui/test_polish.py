"""Small things a new user tripped over (issue 25, Polish): a SKU in the stock-sheet preview
on one line, the Global Settings title and its evenly spaced rows, the import preview as tall
as its text. (Help ▸ Keyboard shortcuts' rows: tests/ui/test_shortcuts.py.)"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox

from desktop.domain import texts
from desktop.store.exchange import export_file
from desktop.ui.exchange.import_dialog import ImportPreviewDialog, preview_import

from .conftest import WindowFactory

DEMO = "Custom Game Controller"


def test_the_stock_sheet_preview_shows_a_sku_on_one_line(
    qtbot, make_window: WindowFactory, demo_db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    sheet = tmp_path / "stock.csv"
    sheet.write_text("SKU,Stock\nCASE-YELLOW-METALLIC,9\n", encoding="utf-8")
    dialog = window.stock_actions.preview(sheet)
    assert dialog is not None
    view = dialog.changes_view
    model = view.model()
    assert model.index(0, 1).data() == "CASE-YELLOW-METALLIC"
    assert not view.wordWrap()
    metrics = view.fontMetrics()
    # Before: 100 px wide and wrapped, "CASE-YELLOW-" over "METALLIC".
    assert view.columnWidth(1) >= metrics.horizontalAdvance("CASE-YELLOW-METALLIC")
    dialog.reject()


def open_global_settings(window) -> QDialog:  # type: ignore[no-untyped-def]
    window.findChild(QAction, "globalSettingsAction").trigger()
    dialog = window.findChild(QDialog, "globalSettingsDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_global_settings_title_is_short_and_its_rows_even(
    qtbot, make_window: WindowFactory, demo_db: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    dialog = open_global_settings(window)
    # The window manager cut "Global Settings — Custom Game Controller" to "Custom...ler";
    # the name is in the dialog, in full, wrapped when long.
    assert dialog.windowTitle() == texts.GLOBAL_SETTINGS
    assert dialog.configurator_label.text() == DEMO  # type: ignore[attr-defined]
    assert dialog.configurator_label.wordWrap()  # type: ignore[attr-defined]
    product = [
        dialog.findChild(QLineEdit, name)
        for name in ("productNameEdit", "woocommerceIdEdit", "basePriceEdit")
    ]
    # The price format's rows with an error message under them (docs/price-format.md).
    prices = [
        dialog.findChild(QLineEdit, "currencyEdit"),
        dialog.findChild(QComboBox, "currencyPositionCombo"),
        dialog.findChild(QLineEdit, "thousandSeparatorEdit"),
        dialog.findChild(QLineEdit, "decimalSeparatorEdit"),
    ]
    for fields in (product, prices):
        tops = [field.mapTo(dialog, QPoint(0, 0)).y() for field in fields]
        gaps = {b - a for a, b in pairwise(tops)}
        # Before: each field kept two empty lines for its error message (58 px apart here,
        # while the Stock Management rows were 28 apart).
        assert max(gaps) - min(gaps) <= 2, gaps
        assert max(gaps) <= fields[0].height() + 12, gaps
    # The forms of a column share one label column: every field starts in one line (the
    # product and its prices on the left, stock and orders on the right).
    lefts = {field.mapTo(dialog, QPoint(0, 0)).x() for field in product + prices}
    assert len(lefts) == 1
    stock = [
        dialog.threshold_spin,  # type: ignore[attr-defined]
        dialog.findChild(QComboBox, "settingsPaymentCombo"),
        dialog.findChild(QSpinBox, "settingsHoldMinutesSpin"),
    ]
    assert len({field.mapTo(dialog, QPoint(0, 0)).x() for field in stock}) == 1
    # An error still shows under its field, and the dialog grows for it.
    height = dialog.height()
    dialog.price_error.show_message("expected an amount")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.price_error.isVisible())  # type: ignore[attr-defined]
    assert dialog.sizeHint().height() > height - 1
    dialog.reject()


def test_the_import_preview_is_as_tall_as_its_text(
    qtbot, make_window: WindowFactory, demo_db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    target = tmp_path / "controller.json"
    with window.document.database.session() as session:
        export_file(session, window.document.configurator.id, target)  # type: ignore[union-attr]
    dialog = ImportPreviewDialog(preview_import(window.document, target), window)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    layout = dialog.layout()
    assert isinstance(layout.itemAt(0).layout(), QFormLayout)
    needed = layout.totalHeightForWidth(dialog.width())
    # Before: sized for its labels wrapped at 254 px, then shown 520 px wide: 56 px of
    # empty lines above the buttons.
    assert dialog.height() <= needed + 2
