"""The order confirmation reads in full at the default window size: a typical order of the
demo (three lines, two of them backordered) needs no scrolling; only a long order scrolls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel

from desktop.store.demo import open_store
from desktop.ui.preview.pane import PreviewPane
from desktop.ui.window.main_window import MainWindow

# What MainWindow._default_geometry gives on the 1440 × 900 screen of the issue.
DEFAULT_SIZE = (1396, 864)
BACKORDER_NOTE = "will be shipped once restocked"


def demo_window(make_window: Callable[..., MainWindow], tmp_path: Path) -> MainWindow:
    path = tmp_path / "demo.db"
    open_store(path).close()  # a new database gets the demo, set to open first
    window = make_window(path)
    window.resize(*DEFAULT_SIZE)
    return window


def place(pane: PreviewPane, lines: list[tuple[str, int]]) -> None:
    for grip, quantity in lines:
        control = pane.option_control(grip)
        assert control is not None, grip
        control.setChecked(True)
        pane.quantity.setValue(quantity)
        pane.add_to_cart()
    pane.cart.checkout_button.click()


def settled(pane: PreviewPane) -> None:
    """Let the layout follow the new text (heights for width are worked out on resize)."""
    for _ in range(3):
        QApplication.processEvents()


def test_a_typical_order_reads_in_full(make_window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = demo_window(make_window, tmp_path).preview
    place(pane, [("Metallic Purple", 2), ("Metallic Yellow", 6), ("Metallic Red", 1)])
    settled(pane)
    order = pane.findChild(QLabel, "orderConfirmation")
    assert order is not None
    assert order.text().count(BACKORDER_NOTE) == 2
    area = pane.cart.order_area
    box = pane.cart.order_box
    qtbot.waitUntil(lambda: area.height() >= box.heightForWidth(area.viewport().width()))
    assert area.verticalScrollBar().maximum() == 0  # nothing hidden below
    assert order.visibleRegion().boundingRect().height() == order.height()
    assert area.height() > 300  # no longer the ~150 px box of before
    assert pane.image.height() >= pane.image.minimumHeight()


def test_a_long_order_scrolls_within_a_limit(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pane = demo_window(make_window, tmp_path).preview
    place(pane, [("Metallic Purple", n) for n in range(1, 9)])
    settled(pane)
    area = pane.cart.order_area
    assert area.verticalScrollBar().maximum() > 0
    assert area.height() <= area.MAX_HEIGHT
    assert area.verticalScrollBar().value() == 0  # it reads from its top
