"""The price summary draws only the lines in the exposed rectangle (a thousand groups chosen
make a thousand lines): what it draws there must be what a whole repaint draws."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QRegion

from desktop.domain.price_format import PriceFormat
from desktop.ui.preview.summary import SummaryView
from tests.builders import option


def _painted(view: SummaryView, rect: QRect) -> QImage:
    """The view painted with only rect exposed (a white image of rect's size)."""
    image = QImage(rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    view.render(image, QPoint(0, 0), QRegion(rect))
    return image


def _differing_pixels(a: QImage, b: QImage) -> int:
    """Pixels whose grey differs by more than glyph rasterisation's rounding (±1 or so)."""
    return sum(
        1
        for y in range(a.height())
        for x in range(a.width())
        if abs(QColor(a.pixel(x, y)).lightness() - QColor(b.pixel(x, y)).lightness()) > 8
    )


def test_a_partly_exposed_summary_draws_what_a_whole_repaint_draws(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = SummaryView()
    qtbot.addWidget(view)
    options = [option(f"Option {i}", price=f"{i}.00") for i in range(300)]
    view.show_summary(Decimal("10.00"), options, 2, PriceFormat("USD"))
    view.resize(320, view.sizeHint().height())
    whole = _painted(view, view.rect())
    # A band in the middle, cutting lines at both edges, and the emphasised lines at the end.
    for band in (QRect(0, 2001, 320, 157), QRect(0, view.height() - 90, 320, 90)):
        part = _painted(view, band)
        assert _differing_pixels(part, whole.copy(band)) == 0
        blank = QImage(band.size(), QImage.Format.Format_ARGB32)
        blank.fill(QColor("white"))
        assert _differing_pixels(part, blank) > 100  # lines were drawn there at all
