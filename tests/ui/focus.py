"""Walking the window as a keyboard user does: Tab from one widget to the next, and what a
screen reader would call each one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

MAX_STOPS = 200


def spoken_name(widget: QWidget) -> str:
    """The accessible name assistive technology gets (set, from a buddy label or the text)."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QComboBox):
        return ""  # on Linux Qt names a combo box by its current value: that is no name
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def tab_walk(qtbot, window: QWidget, start: QWidget) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Every widget Tab stops on, from start round to start again (start first)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    stops = [start]
    for _ in range(MAX_STOPS):
        current = QApplication.focusWidget()
        QTest.keyClick(current, Qt.Key.Key_Tab)
        current = QApplication.focusWidget()
        if current is start or current is None:
            return stops
        stops.append(current)
    raise AssertionError(f"Tab never came back to {start.objectName()}: {label(stops)}")


def focusable(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets under root that Tab can reach (a spin box's or combo box's
    own line edit is part of it, not a widget of its own)."""
    found = []
    for widget in root.findChildren(QWidget):
        parent = widget.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            found.append(widget)
    return found


def label(widgets: list[QWidget]) -> list[str]:
    return [w.objectName() or type(w).__name__ for w in widgets]
