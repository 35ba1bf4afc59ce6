"""The window's Tab order: the way the screen reads and the task goes.

Configurators → layers (filter, tree) → the preview as a shopper uses it (each option group
once, arrows within it; quantity, Add to cart, the cart, Remove, Checkout, Reset) → the
selected layer's settings → any other dock. Qt's own order follows construction, which ran
through the right-hand settings before the centre and reached Checkout before Add to cart.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

from ..preview import PreviewPane
from ..widgets.tab_chain import chain, in_chain_order


def preview_order(pane: PreviewPane) -> list[QWidget]:
    """The preview's own stops after its options: buy, cart, the order, start again, the
    shopper and the pages; then any other (on the Orders page, the order panel's)."""
    listed: list[QWidget] = [
        pane.quantity,
        pane.add_button,
        pane.cart.view,
        pane.cart.remove_button,
        pane.cart.checkout_button,
        pane.cart.order,  # the order confirmation, once there is one
        pane.reset_button,
        # The simulation's shoppers and its pages: Orders and Notifications (docs/orders.md).
        pane.shopper_switch.combo,
        pane.shopper_switch.add_button,
        pane.shop_tabs.bar,
    ]
    options = pane.options
    rest = [
        w
        for w in in_chain_order(pane)
        if w not in listed
        and not any(x.isAncestorOf(w) for x in listed)
        and not options.isAncestorOf(w)
        and w is not options
    ]
    return [*listed, *rest]


def apply(window: QMainWindow, docks: list[QDockWidget], preview: PreviewPane) -> None:
    """Set the Tab order: docks[:2] (left) → preview → docks[2:] → the window's other docks.

    The preview's option controls are a pool bound to whatever rows are on screen; the option
    list keeps them between its two neighbours whenever it places them."""
    left, right = docks[:2], docks[2:]
    others = [d for d in window.findChildren(QDockWidget) if d not in docks]
    before: list[QWidget] = []
    for dock in left:
        before += in_chain_order(dock)
    after = preview_order(preview)
    for dock in [*right, *others]:
        after += in_chain_order(dock)
    chain([*before, *after])
    # The tabs QMainWindow puts under docks sharing a place switch between those docks.
    for bar in window.findChildren(QTabBar):
        if bar.parentWidget() is window and not bar.accessibleName():
            bar.setAccessibleName("Docked panels")
    if before and after:
        preview.options.set_tab_neighbours(before[-1], after[0])
