"""Preview images for designers (SPEC §10): the preview pane drawn to a PNG as the window
draws it — composed product image, option controls with their notices, summary and cart.

`render` draws any PreviewPane (the window's own for `exportPreviewAction`); `render_offscreen`
builds one over a read-only copy of the database for the `preview` command.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from ..domain.model import Layer
from ..store.database import Database
from .document import Document
from .preview import PreviewPane

# Height for a width: the preview's landscape shape, as the editor's centre usually has it.
ASPECT = 0.7


def size_for(pane: QWidget, width: int) -> QSize:
    """The image size for a width: the pane's own proportion, never below what it needs."""
    return QSize(width, max(round(width * ASPECT), pane.minimumSizeHint().height()))


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
    if widget.layout() is not None:
        widget.layout().activate()
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
    pane = PreviewPane(document)
    layout = QVBoxLayout(host)
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
        size = size_for(pane, width)
        host.resize(size)
        image = render(pane, size)
        return image, pane.message.text()
    finally:
        host.deleteLater()
        document.deleteLater()


def save_png(image: QImage, path: Path) -> bool:
    return image.save(str(path), "PNG")
