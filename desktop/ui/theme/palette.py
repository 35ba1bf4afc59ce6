"""Every colour of the window, derived from the application palette (the one place for colours).

A few hues are named here (the only colour literals in desktop/ui); each is made light or dark
enough for the palette it is shown on: text colours until they reach WCAG AA's 4.5:1 against
both the window and the field background, marks and icons until 3:1 (WCAG 1.4.11). So the same
code reads well on a light, a dark and a high-contrast palette. The availability hues are the
Okabe–Ito blue, orange and grey with a deep crimson (ColorBrewer), which colour-blind eyes
tell apart (a test simulates protanopia and deuteranopia); the shapes
of the availability icons carry the meaning as well.

Themes: `theme_palette("dark")` is a dark Fusion palette (likewise "light" and
"high-contrast"), which `apply.apply_theme` puts on the application with the Fusion style.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import cache

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from ...domain.model import Availability

TEXT_CONTRAST = 4.5  # WCAG 2.x AA, normal text
MARK_CONTRAST = 3.0  # WCAG 2.x AA, graphical objects and large text
BOX_ALPHA = 28  # how strongly a message box is tinted
BADGE_ALPHA = 38  # how strongly a notice badge is tinted


class Tone(Enum):
    """What a colour is for; its value is the hue it starts from."""

    MUTED = "muted"  # secondary text: hints, kinds, empty states, notes
    ERROR = "#c5221f"  # refusals and field errors
    SUCCESS = "#188038"  # a success note, the order confirmation's frame
    WARNING = "#b06000"  # a warning's text and frame (needs the add-on, a contradiction)
    # Availability marks: blue, orange, crimson, grey; never red against green.
    AVAILABLE = "#8a8a8a"
    IN_STOCK = "#0072b2"
    LOW = "#56b4e9"
    BACKORDER = "#e69f00"
    OUT_OF_STOCK = "#b2182b"
    # Icons: ink follows the text; accent and folder hues stay recognisable.
    ACCENT = "#1a73e8"
    FOLDER = "#e0a526"
    SUB_FOLDER = "#7baaf7"


AVAILABILITY_TONES = {
    Availability.AVAILABLE: Tone.AVAILABLE,
    Availability.IN_STOCK: Tone.IN_STOCK,
    Availability.BACKORDER: Tone.BACKORDER,
    Availability.OUT_OF_STOCK: Tone.OUT_OF_STOCK,
}
# Tones used for text (checked at 4.5:1); the others are marks (3:1).
TEXT_TONES = (Tone.MUTED, Tone.ERROR, Tone.SUCCESS, Tone.WARNING)


# --- WCAG arithmetic ---------------------------------------------------------------------
def luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of a and b, from 1 to 21."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """a blended towards b (0: a, 1: b), opaque."""
    t = min(max(share_of_b, 0.0), 1.0)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable(color: QColor, backgrounds: list[QColor], ratio: float) -> QColor:
    """color moved towards black or white (whichever the backgrounds oppose) only as far as
    needed to reach ratio against every background."""
    dark_ground = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.18
    target = QColor(255, 255, 255) if dark_ground else QColor(0, 0, 0)
    for step in range(41):
        candidate = mix(color, target, step / 40)
        if all(contrast(candidate, b) >= ratio for b in backgrounds):
            return candidate
    return target


# How far a disabled icon's ink goes from the disabled text colour towards the window: a
# greyed glyph must read as off beside an enabled one, on a dark palette too (Qt's own
# disabled icon is a light grey there, as bright as the enabled white).
DISABLED_ICON_FADE = 0.35


def disabled_icon_ink(palette: QPalette) -> QColor:
    """The one colour a disabled icon is drawn in: the disabled text, faded towards the
    window, so it is dimmer than any enabled icon on light and dark palettes alike."""
    text = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return mix(text, palette.color(QPalette.ColorRole.Window), DISABLED_ICON_FADE)


def selected_icon_ink(palette: QPalette) -> QColor:
    """A mark on a selected row: drawn in the selection's text colour, so a blue tick never
    vanishes on a blue highlight; its shape still tells the state."""
    return palette.color(QPalette.ColorRole.HighlightedText)


def _grounds(palette: QPalette) -> list[QColor]:
    return [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]


def color(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The colour of tone on palette (the application's by default)."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return QColor(
        _color(
            tone,
            pal.color(QPalette.ColorRole.Window).rgba(),
            pal.color(QPalette.ColorRole.Base).rgba(),
            pal.color(QPalette.ColorRole.WindowText).rgba(),
        )
    )


@cache
def _color(tone: Tone, window: int, base: int, text: int) -> QColor:
    grounds = [QColor.fromRgba(window), QColor.fromRgba(base)]
    ink = QColor.fromRgba(text)
    ratio = TEXT_CONTRAST if tone in TEXT_TONES else MARK_CONTRAST
    if tone is Tone.MUTED:
        # Halfway from the text to the ground, then back towards the text as far as needed.
        start = mix(ink, grounds[0], 0.45)
        return _towards(start, ink, grounds, ratio)
    hue = QColor(tone.value)
    if all(luminance(g) < 0.18 for g in grounds):
        hue = hue.lighter(135)  # a dark ground: start from the lighter variant of the hue
    return readable(hue, grounds, ratio)


def _towards(start: QColor, ink: QColor, grounds: list[QColor], ratio: float) -> QColor:
    for step in range(21):
        candidate = mix(start, ink, step / 20)
        if all(contrast(candidate, g) >= ratio for g in grounds):
            return candidate
    return ink


def tint(tone: Tone, palette: QPalette | None = None, alpha: int = 40) -> QColor:
    """tone as a translucent fill (badges, boxes); text on it uses color(tone)."""
    fill = QColor(color(tone, palette))
    fill.setAlpha(alpha)
    return fill


def on_tint(tone: Tone, palette: QPalette | None = None, alpha: int = 38) -> QColor:
    """Text in tone on a box or badge filled with tint(tone, alpha), at 4.5:1 against that
    fill over the window and over a field."""
    pal = palette if palette is not None else QGuiApplication.palette()
    hue = color(tone, pal)
    fills = [mix(ground, hue, alpha / 255) for ground in _grounds(pal)]
    return readable(hue, fills, TEXT_CONTRAST)


def css(c: QColor) -> str:
    """A colour for a style sheet, alpha included."""
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {c.alpha()})"


def text_style(tone: Tone, palette: QPalette | None = None) -> str:
    return f"color: {css(color(tone, palette))};"


def box_style(tone: Tone, palette: QPalette | None = None) -> str:
    """A framed message box in tone: readable text on a faint fill of the same hue."""
    return (
        f"color: {css(on_tint(tone, palette, BOX_ALPHA))};"
        f" background: {css(tint(tone, palette, BOX_ALPHA))};"
        f" border: 1px solid {css(color(tone, palette))}; border-radius: 3px; padding: 4px;"
    )


# --- following palette changes -----------------------------------------------------------
class _Follower(QObject):
    """Re-applies a widget's colours when the application palette changes (a theme switch)."""

    def __init__(self, widget: QWidget, apply: Callable[[], None]) -> None:
        super().__init__(widget)
        self._apply = apply
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._apply()
        return False


def follow(widget: QWidget, apply: Callable[[], None]) -> None:
    """Call apply now and after every application palette change."""
    apply()
    _Follower(widget, apply)


def style_text(widget: QWidget, tone: Tone, extra: str = "") -> None:
    """widget's text in tone (plus extra style-sheet rules), following the palette."""
    follow(widget, lambda: widget.setStyleSheet(f"{text_style(tone)} {extra}".strip()))


def style_box(widget: QWidget, tone: Tone) -> None:
    """widget as a framed box in tone, following the palette."""
    follow(widget, lambda: widget.setStyleSheet(box_style(tone)))


# --- themes ------------------------------------------------------------------------------
THEMES = ("system", "light", "dark", "high-contrast")

_THEME_COLORS: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {
        QPalette.ColorRole.Window: "#efefef",
        QPalette.ColorRole.WindowText: "#1f1f1f",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f5f5f5",
        QPalette.ColorRole.Text: "#1f1f1f",
        QPalette.ColorRole.Button: "#efefef",
        QPalette.ColorRole.ButtonText: "#1f1f1f",
        QPalette.ColorRole.Highlight: "#1a73e8",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffdc",
        QPalette.ColorRole.ToolTipText: "#1f1f1f",
        QPalette.ColorRole.PlaceholderText: "#6b6b6b",
        QPalette.ColorRole.Link: "#1a5fb4",
        QPalette.ColorRole.Mid: "#a0a0a0",
    },
    "dark": {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#404040",
        QPalette.ColorRole.Mid: "#6a6a6a",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.BrightText: "#ffffff",
    },
    "high-contrast": {
        QPalette.ColorRole.Window: "#000000",
        QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#000000",
        QPalette.ColorRole.AlternateBase: "#141414",
        QPalette.ColorRole.Text: "#ffffff",
        QPalette.ColorRole.Button: "#000000",
        QPalette.ColorRole.ButtonText: "#ffffff",
        QPalette.ColorRole.Highlight: "#ffff00",
        QPalette.ColorRole.HighlightedText: "#000000",
        QPalette.ColorRole.ToolTipBase: "#000000",
        QPalette.ColorRole.ToolTipText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#c0c0c0",
        QPalette.ColorRole.Link: "#ffff00",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#c0c0c0",
        QPalette.ColorRole.Mid: "#ffffff",
        QPalette.ColorRole.Dark: "#ffffff",
        QPalette.ColorRole.Shadow: "#ffffff",
        QPalette.ColorRole.BrightText: "#ffffff",
    },
}
# Disabled text: dimmed, still 3:1 (it is not meant to be read as active).
_DISABLED = {"light": "#8c8c8c", "dark": "#8a8a8a", "high-contrast": "#9a9a9a"}


def theme_palette(theme: str) -> QPalette:
    """The palette of a named theme ("light", "dark" or "high-contrast")."""
    palette = QPalette()
    for role, value in _THEME_COLORS[theme].items():
        palette.setColor(role, QColor(value))
    disabled = QColor(_DISABLED[theme])
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette
