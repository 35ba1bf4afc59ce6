"""Preview images for designers (docs/preview-and-scenarios.md): the storefront drawn to a
PNG as a shopper sees it — composed product image, every option with its notice, summary and
cart — tall enough to hold all of it, without the editor's own controls.

`render_storefront` draws any PreviewPane (the window's own for `exportPreviewAction`, put
back as it was afterwards); `render_offscreen` builds one over a read-only copy of the database
for the `preview` command.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLayout, QVBoxLayout, QWidget

from ...domain.model import Layer
from ...store.database import Database
from ..editing.document import Document
from . import PreviewPane
from .shop_tabs import STOREFRONT

# Height for a width: the preview's landscape shape, as the editor's centre usually has it;
# the image grows taller when the options, summary or cart need more.
ASPECT = 0.7
# A catalogue of thousands of options would make an image no viewer opens: past this height
# the options are cut there (the `preview` command says so).
MAX_HEIGHT = 16_000
_UNCAPPED = 1_000_000


def size_for(pane: QWidget, width: int) -> QSize:
    """The image size for a width: the pane's own proportion, never below what it needs."""
    return QSize(width, max(round(width * ASPECT), pane.minimumSizeHint().height()))


class _Capped(Protocol):
    """A part of the pane as tall as its text up to MAX_HEIGHT (the summary, cart, order)."""

    MAX_HEIGHT: int

    def updateGeometry(self) -> None: ...


@contextmanager
def shopper_only(pane: PreviewPane) -> Iterator[None]:
    """While drawing an image: the pane without the editor's controls (Reset simulation,
    the simulated-shopper note, the cart's Remove and Checkout, the split's grip), its
    summary, cart and order as tall as their text, and the product image square at the top
    of its column. All is put back afterwards, size included, so the window's own pane can
    be drawn this way."""
    # The split between image and options is the editor's too: its grip is not drawn.
    hidden: list[QWidget] = [pane.reset_button, pane.cart.remove_button, pane.cart.checkout_button]
    hidden += [pane.body.handle(i) for i in range(1, pane.body.count())]
    # The shopper switch and the shop's orders and notifications are the editor's too.
    hidden += [pane.shopper_switch, pane.shop_tabs.bar]
    page = pane.shop_tabs.bar.currentIndex()
    pane.shop_tabs.show_page(STOREFRONT)
    visible = [w for w in hidden if not w.isHidden()]
    capped: list[_Capped] = [pane.summary_area, pane.cart.view, pane.cart.order_area]
    caps = [w.MAX_HEIGHT for w in capped]
    old_size = pane.size()
    scroll = pane.options.verticalScrollBar().value()
    image = pane.image
    pane.shopper_only = True
    # Every option is drawn: no scroll bar (past MAX_HEIGHT the image is cut, as said). The
    # capped areas grow to their text too; their bars are off as well, since a scroll area
    # shows or hides its bar only once events run, which drawing here never lets happen.
    scrolled: list[QAbstractScrollArea] = [
        pane.options,
        pane.summary_area,
        pane.cart.view,
        pane.cart.order_area,
    ]
    bar_policies = [area.verticalScrollBarPolicy() for area in scrolled]
    for area in scrolled:
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for widget in visible:
        widget.hide()
    for part in capped:
        part.MAX_HEIGHT = _UNCAPPED
        part.updateGeometry()
    pane.left_layout.setStretchFactor(image, 0)
    pane.left_layout.addStretch(1)
    pane.show_heading()
    try:
        yield
    finally:
        pane.shopper_only = False
        for area, policy in zip(scrolled, bar_policies, strict=True):
            area.setVerticalScrollBarPolicy(policy)
        spacer = pane.left_layout.takeAt(pane.left_layout.count() - 1)
        del spacer
        pane.left_layout.setStretchFactor(image, 1)
        image.setMinimumSize(120, 120)
        image.setMaximumHeight(16_777_215)
        for part, cap in zip(capped, caps, strict=True):
            part.MAX_HEIGHT = cap
            part.updateGeometry()
        for widget in visible:
            widget.show()
        pane.shop_tabs.show_page(page)
        pane.show_heading()
        pane.resize(old_size)
        _settle(pane)
        pane.options.verticalScrollBar().setValue(scroll)


def _missing_height(pane: PreviewPane) -> int:
    """How many more pixels the pane needs for every option, summary line and cart line."""
    options = pane.options
    short = options.layout_.height - options.viewport().height()
    summary = pane.summary.sizeHint().height() - pane.summary_area.viewport().height()
    cart = pane.cart.sizeHint().height() - pane.cart.height()
    return max(short, summary, cart, 0)


def _settle(pane: QWidget) -> None:
    """Lay the pane's own widgets out now, without processing events: a layout request
    posted to the window's layouts would put the window's pane back to its place mid-way."""
    pane.ensurePolished()
    widgets = [pane, *pane.findChildren(QWidget)]
    layouts = [layout for w in widgets if (layout := w.layout()) is not None]
    for _ in range(2):  # the second pass settles heights that follow widths (wrapped text)
        for layout in layouts:
            layout.activate()


def storefront_size(pane: PreviewPane, width: int, outer: QWidget | None = None) -> QSize:
    """Lay the pane (in shopper_only) out at `width` and grow it until it holds everything,
    up to MAX_HEIGHT; `outer` is the widget to resize when the pane sits in a layout of its
    own (the offscreen host). Returns the size the pane ends at."""
    target = outer or pane
    # The minimum as laid out now (the editor's controls just hidden), not as last cached:
    # the same state must start from the same height to give the same pixels.
    _settle(pane)
    height = max(round(width * ASPECT), pane.minimumSizeHint().height())
    for _ in range(8):  # each pass settles what the last one moved (wrapped text, the image)
        target.resize(width, height)
        if outer is not None:
            _settle(outer)
        _settle(pane)
        # The product image as wide as tall: a tall column would leave it floating mid-way.
        side = max(pane.image.width(), 120)
        if pane.image.height() != side:
            pane.image.setFixedHeight(side)
            _settle(pane)
        grow = _missing_height(pane)
        if grow == 0 or height >= MAX_HEIGHT:
            break
        height = min(height + grow, MAX_HEIGHT)
    return pane.size()


def render_storefront(
    pane: PreviewPane, width: int | None = None, outer: QWidget | None = None
) -> QImage:
    """The storefront as a shopper sees it, every option shown: at `width` (default: the
    pane's own), as tall as it needs. The pane is left as it was."""
    with shopper_only(pane):
        storefront_size(pane, width or pane.width(), outer)
        return pane.grab().toImage()


def holds_every_option(pane: PreviewPane) -> bool:
    """Whether the pane as laid out now shows every option row without scrolling."""
    return pane.options.layout_.height <= pane.options.viewport().height()


def render(pane: QWidget, size: QSize | None = None) -> QImage:
    """The pane as it draws itself; at `size` when given (laid out at that size first)."""
    if size is not None and pane.size() != size:
        pane.resize(size)
    _lay_out(pane)
    return pane.grab().toImage()


def _lay_out(widget: QWidget) -> None:
    """Let pending layout and polish run, so what is drawn is what the window would show."""
    widget.ensurePolished()
    for child in widget.findChildren(QWidget):
        layout = child.layout()
        if layout is not None:
            layout.activate()
    own = widget.layout()
    if own is not None:
        own.activate()
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def render_offscreen(
    database: Database,
    configurator_id: int,
    select: Sequence[Layer],
    quantity: int,
    add_to_cart: bool,
    width: int,
) -> tuple[QImage, str]:
    """A fresh preview of one configurator after a shopper's picks (each option in `select`
    is clicked, in order), quantity and optional add to cart; returns the image and the
    message the preview shows ('' when none). Nothing is written: the database is a copy."""
    document = Document(database)
    # A child widget, as in the window: a top-level widget's layout gets wider margins.
    host = QWidget()
    # Shown, never on a screen: its widgets then resize at once, as the window's do.
    host.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    pane = PreviewPane(document)
    layout = QVBoxLayout(host)
    # The image sets the size: the host never takes a minimum from the pane (on a window,
    # a changing minimum makes some platforms warn).
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(pane)
    try:
        document.open_configurator(configurator_id)
        cfg = document.configurator
        assert cfg is not None
        for layer in select:
            # The pane's own configurator objects: the same option by its path.
            own = cfg.find_path(layer.path)
            if own is not None:
                pane.choose(own)
        pane.quantity.setValue(quantity)
        if add_to_cart:
            pane.add_to_cart()
        host.resize(width, round(width * ASPECT))
        host.show()
        _lay_out(host)  # pending updates (the live preview's) run before the drawing
        image = render_storefront(pane, width, host)
        return image, pane.message.text()
    finally:
        host.deleteLater()
        document.deleteLater()


def save_png(image: QImage, path: Path) -> bool:
    # PySide6 takes the format as text ("PNG"; b"PNG" raises ValueError), its stubs as bytes.
    return image.save(str(path), "PNG")  # type: ignore[call-overload]
