"""How each availability looks and reads, shared by the layers tree, the stock section and
the preview: a shape (SVG icon) and a word as well as a colour-blind-safe colour."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon

from ...domain import texts
from ...domain.model import Availability
from ...domain.stock import OptionState
from . import palette, svg_icons
from .palette import AVAILABILITY_TONES, Tone

ICON_NAMES = {
    Availability.AVAILABLE: "availability-available",
    Availability.IN_STOCK: "availability-in-stock",
    Availability.BACKORDER: "availability-backorder",
    Availability.OUT_OF_STOCK: "availability-out-of-stock",
}
LOW_ICON = "availability-low"


def availability_color(availability: Availability) -> QColor:
    """The availability's colour on the application palette (3:1 at least, as a mark)."""
    return palette.color(AVAILABILITY_TONES[availability])


def availability_icon(availability: Availability) -> QIcon:
    """The availability's shape in its colour: ring with a dash (not managed), disc with a
    tick (in stock), clock (on backorder), square with a cross (out of stock)."""
    return svg_icons.icon(ICON_NAMES[availability], AVAILABILITY_TONES[availability])


def low_stock_icon() -> QIcon:
    """A gauge filled at the bottom: in stock, but at or below its low-stock threshold."""
    return svg_icons.icon(LOW_ICON, Tone.LOW)


def state_icon(state: OptionState) -> QIcon:
    """The icon of an option's state: its availability's shape, the gauge when low."""
    return low_stock_icon() if state.low else availability_icon(state.availability)


def state_words(state: OptionState) -> str:
    """The state in a few words, for screen readers and beside the mark: 'In Stock',
    'Low stock', 'On Backorder', 'Out of Stock', 'Available — stock not managed'."""
    if state.low:
        return texts.LOW_STOCK
    return texts.AVAILABILITY_WORDS[state.availability.value]
