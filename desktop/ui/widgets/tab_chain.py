"""Moving widgets in Qt's focus chain (the order Tab follows) without splitting a compound
widget: a spin box's own line edit (its focus proxy) follows the spin box wherever it goes;
left behind, Shift+Tab would jump from it back to the spin box, skipping what lies between."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

_MAX_CHAIN = 100_000  # a guard: the focus chain is a ring, but never loop for ever


def _inner_proxy(widget: QWidget) -> QWidget | None:
    """The child that takes widget's focus (a spin box's line edit), if any."""
    proxy = widget.focusProxy()
    return proxy if proxy is not None and widget.isAncestorOf(proxy) else None


def place_after(first: QWidget, second: QWidget) -> None:
    """Put second right after first in the focus chain, keeping each one's inner focus proxy
    (a spin box's line edit) right behind it."""
    QWidget.setTabOrder(_inner_proxy(first) or first, second)
    proxy = _inner_proxy(second)
    if proxy is not None:
        QWidget.setTabOrder(second, proxy)


def in_chain_order(root: QWidget) -> list[QWidget]:
    """root's descendants that Tab can stop on, in the order of the focus chain now (a
    compound widget's own children are left to follow it)."""
    found: list[QWidget] = []
    widget = root.nextInFocusChain()
    for _ in range(_MAX_CHAIN):
        if widget is None or widget is root:
            break
        if (
            root.isAncestorOf(widget)
            and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not any(w.isAncestorOf(widget) for w in found)
        ):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def chain(widgets: Iterable[QWidget]) -> None:
    """Make Tab go through widgets in this order."""
    previous: QWidget | None = None
    for widget in widgets:
        if previous is not None:
            place_after(previous, widget)
        previous = widget
