"""The Stock Quantity field never saves a value the user did not type: another option's
quantity is never offered, and a number out of range is refused whole, as the stock table
refuses it (docs/editing.md)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSpinBox

from desktop.ui.window.main_window import MainWindow

from .helpers import find, read_configurator, select

REFUSED = "Stock quantity: expected a whole number from -99999 to 999999; the value was kept."


def _quantity(window: MainWindow, path: str) -> int | None:
    found = read_configurator(window.document.db_path).find_path(path)  # type: ignore[arg-type]
    assert found is not None, path
    return found.stock.quantity


def _type(qtbot, spin: QSpinBox, text: str) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def test_an_untracked_option_never_gets_the_quantity_viewed_before(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    select(window, "Grip Color/Yellow")  # 5 units
    select(window, "Extras/Stickers")  # no quantity, not managed
    spin = find(window, QSpinBox, "stockQuantitySpin")
    assert spin.text() == "not tracked"
    start = window.undo_stack.count()
    spin.setFocus()
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)  # nothing typed: nothing saved
    assert _quantity(window, "Extras/Stickers") is None
    assert window.undo_stack.count() == start
    _type(qtbot, spin, "4")
    assert _quantity(window, "Extras/Stickers") == 4
    assert _quantity(window, "Grip Color/Yellow") == 5


@pytest.mark.parametrize("typed", ["100000000000000000000", "1234567", "-100000", "-99999999"])
def test_a_number_out_of_range_is_refused_whole_and_the_value_kept(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
    typed: str,
) -> None:
    select(window, "Grip Color/Red")  # 2 units
    spin = find(window, QSpinBox, "stockQuantitySpin")
    error = find(window, QLabel, "stockQuantityError")
    start = window.undo_stack.count()
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), typed)
    assert spin.lineEdit().text() == typed  # no keystroke dropped while typing
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert _quantity(window, "Grip Color/Red") == 2
    assert window.undo_stack.count() == start
    assert spin.value() == 2
    # Said at the field after Enter, whole, in the stock table's words.
    assert error.isVisible() and error.message() == REFUSED
    assert window.statusBar().currentMessage() == REFUSED


def test_a_refusal_stays_until_a_good_value_is_saved(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    select(window, "Grip Color/Red")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    error = find(window, QLabel, "stockQuantityError")
    _type(qtbot, spin, "lots")
    assert error.message() == REFUSED.replace(
        "expected a whole number from -99999 to 999999", "expected a whole number, not 'lots'"
    )
    assert _quantity(window, "Grip Color/Red") == 2
    _type(qtbot, spin, "7")
    assert _quantity(window, "Grip Color/Red") == 7
    assert not error.isVisible()


def test_the_largest_and_smallest_quantities_are_saved_as_typed(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    select(window, "Grip Color/Red")
    spin = find(window, QSpinBox, "stockQuantitySpin")
    _type(qtbot, spin, "999999")
    assert _quantity(window, "Grip Color/Red") == 999999
    _type(qtbot, spin, "-99999")
    assert _quantity(window, "Grip Color/Red") == -99999
