"""One option of the storefront: a checkable button drawing indicator, name, notice and price.

The option list keeps a small pool of these and binds each to whichever option row is on
screen, so a configurator of thousands of options still has only a few dozen of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractButton, QStyle, QStyleOptionButton, QWidget

from ...domain import texts
from ...domain.model import Availability, Layer
from ...domain.price_format import DEFAULT_FORMAT, PriceFormat
from ...domain.stock import OptionState
from ..theme import palette
from ..theme.availability_style import state_words
from ..theme.palette import AVAILABILITY_TONES, Tone
from ..widgets.plain_text import plain_tooltip

OBJECT_NAME = "optionControl"
_STEPS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1}
_PAD = 10
_GAP = 8
_LEFT = Qt.AlignmentFlag.AlignLeft


@dataclass(frozen=True, slots=True)
class OptionLayout:
    """Where an option control draws each part (shown_layout); the parts never overlap."""

    indicator: QRect
    name: str  # as shown: elided when the row is too narrow
    name_rect: QRect
    line: QRect  # the line the name and price share
    price: QRect  # empty when the option costs nothing
    notice: str  # as shown: elided when even its own line is too narrow
    pill: QRectF | None
    one_line: bool


def option_height(metrics: QFontMetrics) -> int:
    """Room for the name and, when the row is narrow, the notice badge under it."""
    return max(38, metrics.height() * 2 + 8)


def price_text(amount: Decimal, price_format: PriceFormat) -> str:
    """'+$4.00' as a storefront shows an option's surcharge, in the shop's price format."""
    return "+" + price_format.format(amount)


class OptionControl(QAbstractButton):
    """A checkable button standing for one option (radio-like or checkbox-like).

    Emits QAbstractButton's toggled/clicked, which the option list turns into selections,
    and focusEntered() so the list can scroll a control reached with Tab into view.
    Dynamic properties `layerName`, `availability` and `notice` follow the bound option.
    The layer name is drawn with drawText, so it is never read as markup.
    """

    focusEntered = Signal()
    # An arrow key: -1 for the option above (Up/Left), +1 for the one below (Down/Right).
    stepRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.layer: Layer | None = None
        self.multiple = False
        self._state: OptionState | None = None
        self._price_format = DEFAULT_FORMAT
        self._tip = ""

    # --- binding -------------------------------------------------------------------------
    def bind(
        self,
        layer: Layer,
        state: OptionState,
        checked: bool,
        multiple: bool,
        price_format: PriceFormat,
    ) -> None:
        """Show layer as it is now; signals are blocked, this is not a shopper's click."""
        self.layer = layer
        self.multiple = multiple
        self._state = state
        self._price_format = price_format
        was = self.blockSignals(True)
        try:
            self.setObjectName(OBJECT_NAME)
            self.setText(layer.name)
            self.setAccessibleName(layer.name)
            self.setAccessibleDescription(_spoken_state(state, layer, price_format))
            self.setProperty("layerName", layer.name)
            self.setProperty("availability", state.availability.value)
            self.setProperty("notice", state.notice)
            self.setEnabled(state.selectable)
            self.setChecked(checked)
            self._tip = _tooltip(state)
            self.setToolTip(self._tip)
            self._show_full_name_tip()
        finally:
            self.blockSignals(was)
        self.update()

    def release(self) -> None:
        """Back to the spare pool: hidden and no longer found as an option control."""
        self.layer = None
        self.hide()
        self.setObjectName("")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focusEntered.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # The arrows move within the group (Space chooses), as in a group of radio buttons;
        # the option list decides where the next option is.
        step = _STEPS.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.stepRequested.emit(step)
            event.accept()
            return
        super().keyPressEvent(event)

    # --- painting ------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(240, option_height(self.fontMetrics()))

    def shown_layout(self) -> OptionLayout | None:
        """Where the indicator, name, price and notice badge go at the current size."""
        layer, state = self.layer, self._state
        if layer is None or state is None:
            return None
        rect = self.rect().adjusted(1, 1, -1, -1)
        metric = (
            QStyle.PixelMetric.PM_IndicatorWidth
            if self.multiple
            else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
        )
        size = self.style().pixelMetric(metric, None, self)
        indicator = QRect(rect.left() + _PAD, rect.center().y() - size // 2 + 1, size, size)
        left = indicator.right() + _GAP + 2
        right = rect.right() - _PAD
        metrics = QFontMetrics(self.font())
        price_width = self._price_width(layer)
        # No less than nothing: a row too narrow for the name shows "…" and the tooltip.
        room = max(right - left - (price_width + _GAP if price_width else 0) - _GAP, 0)
        name_width = metrics.horizontalAdvance(layer.name)
        pill_width = self._pill_width(state.notice) if state.notice else 0
        one_line = not state.notice or name_width + _GAP + pill_width <= room
        if one_line:
            line = rect
            name = metrics.elidedText(layer.name, Qt.TextElideMode.ElideRight, room - pill_width)
            name_rect = QRect(left, rect.top(), metrics.horizontalAdvance(name) + 1, rect.height())
            pill_x, pill_y, pill_room = name_rect.right() + _GAP, rect.center().y(), 0
        else:
            # Too narrow for name and badge on one line: the name and price keep the top
            # line and the badge gets the whole bottom line, never under the price.
            half = rect.height() // 2
            line = QRect(rect.left(), rect.top() + 2, rect.width(), half - 1)
            name = metrics.elidedText(layer.name, Qt.TextElideMode.ElideRight, room)
            name_rect = QRect(left, line.top(), room, line.height())
            pill_x, pill_y, pill_room = left - 3, rect.top() + half + half // 2, right - left + 3
        price = QRect(right - price_width, line.top(), price_width, line.height())
        pill: QRectF | None = None
        notice = state.notice
        if notice:
            font_metrics = QFontMetrics(self._pill_font())
            height = font_metrics.height() + 2
            width = pill_width
            if pill_room and width > pill_room:
                notice = font_metrics.elidedText(
                    notice, Qt.TextElideMode.ElideRight, pill_room - 14
                )
                width = pill_room
            pill = QRectF(pill_x, pill_y - height / 2 + 1, width, height)
        return OptionLayout(indicator, name, name_rect, line, price, notice, pill, one_line)

    def paintEvent(self, event: QPaintEvent) -> None:
        layer, state, shown = self.layer, self._state, self.shown_layout()
        if layer is None or state is None or shown is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = self.rect().adjusted(1, 1, -1, -1)
        self._paint_frame(painter, QRectF(rect), palette)

        # Indicator: the platform's own radio button or check box.
        option = QStyleOptionButton()
        option.initFrom(self)
        option.rect = shown.indicator
        option.state |= (
            QStyle.StateFlag.State_On if self.isChecked() else QStyle.StateFlag.State_Off
        )
        primitive = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox
            if self.multiple
            else QStyle.PrimitiveElement.PE_IndicatorRadioButton
        )
        self.style().drawPrimitive(primitive, option, painter, self)
        self._outline_indicator(painter, QRectF(option.rect))

        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        text_color = palette.color(group, QPalette.ColorRole.WindowText)
        self._paint_price(
            painter, layer, shown.line, shown.price.x() + shown.price.width(), text_color
        )
        painter.setPen(text_color)
        vertical = Qt.AlignmentFlag.AlignVCenter if shown.one_line else Qt.AlignmentFlag.AlignBottom
        painter.drawText(shown.name_rect, _LEFT | vertical, shown.name)
        if shown.pill is not None:
            self._paint_pill(painter, state, shown.pill, shown.notice)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_full_name_tip()

    def _outline_indicator(self, painter: QPainter, rect: QRectF) -> None:
        """A ring (or box) round the style's indicator in a colour that stands out from the
        field: some styles draw it in a shade of the window, invisible on a dark palette."""
        if not self.isEnabled():
            return
        painter.save()
        painter.setPen(QPen(palette.color(Tone.AVAILABLE, self.palette()), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = rect.adjusted(0.6, 0.6, -0.6, -0.6)
        if self.multiple:
            painter.drawRoundedRect(box, 2, 2)
        else:
            painter.drawEllipse(box)
        painter.restore()

    def _paint_frame(self, painter: QPainter, rect: QRectF, palette: QPalette) -> None:
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if self.isChecked():
            fill = QColor(highlight)
            fill.setAlpha(28)
            border = QColor(highlight)
            border.setAlpha(150)
        elif self.underMouse() and self.isEnabled():
            fill = QColor(palette.color(QPalette.ColorRole.Text))
            fill.setAlpha(12)
            border = QColor(palette.color(QPalette.ColorRole.Mid))
        else:
            fill = QColor(Qt.GlobalColor.transparent)
            border = QColor(palette.color(QPalette.ColorRole.Mid))
            border.setAlpha(90)
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        if self.hasFocus():
            focus = QColor(highlight)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 5, 5)

    def _price_width(self, layer: Layer) -> int:
        """How wide the price (and a struck regular price) is drawn, with its gap; 0 if none."""
        if layer.sale_price is None and layer.price == 0:
            return 0
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        width = QFontMetrics(bold).horizontalAdvance(
            price_text(layer.effective_price, self._price_format)
        )
        if layer.sale_price is not None and layer.sale_price != layer.price:
            struck = QFont(self.font())
            struck.setStrikeOut(True)
            regular = self._price_format.format(layer.price)
            width += _GAP + QFontMetrics(struck).horizontalAdvance(regular)
        return width

    def _show_full_name_tip(self) -> None:
        """A name cut short by the width shows whole in the tooltip (as plain text)."""
        shown, layer = self.shown_layout(), self.layer
        if shown is None or layer is None:
            return
        elided = shown.name != layer.name
        tip = plain_tooltip(f"{layer.name}\n{self._tip}") if elided else self._tip
        if self.toolTip() != tip:
            self.setToolTip(tip)

    def _paint_price(
        self, painter: QPainter, layer: Layer, rect: QRect, right: int, color: QColor
    ) -> int:
        """Draw the price right-aligned in rect (a sale shows the regular price struck);
        returns the x where the name must stop."""
        if layer.sale_price is None and layer.price == 0:
            return right
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(color)
        shown = price_text(layer.effective_price, self._price_format)
        width = QFontMetrics(bold).horizontalAdvance(shown)
        painter.drawText(QRect(right - width, rect.top(), width, rect.height()), align, shown)
        right -= width + _GAP
        if layer.sale_price is not None and layer.sale_price != layer.price:
            struck = QFont(self.font())
            struck.setStrikeOut(True)
            painter.setFont(struck)
            painter.setPen(palette.color(Tone.MUTED, self.palette()))
            regular = self._price_format.format(layer.price)
            width = QFontMetrics(struck).horizontalAdvance(regular)
            painter.drawText(QRect(right - width, rect.top(), width, rect.height()), align, regular)
            right -= width + _GAP
        painter.setFont(self.font())
        return right

    def _pill_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.85, 7.0))
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _pill_width(self, notice: str) -> int:
        return QFontMetrics(self._pill_font()).horizontalAdvance(notice) + 14

    def _paint_pill(self, painter: QPainter, state: OptionState, box: QRectF, notice: str) -> None:
        """The notice as a badge, tinted in the availability's colour (orange for backorder,
        crimson for out); its text in that colour at 4.5:1 on the badge."""
        tone = AVAILABILITY_TONES[state.availability]
        pal = self.palette()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.tint(tone, pal, palette.BADGE_ALPHA))
        radius = box.height() / 2
        painter.drawRoundedRect(box, radius, radius)
        painter.setFont(self._pill_font())
        painter.setPen(palette.on_tint(tone, pal, palette.BADGE_ALPHA))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, notice)
        painter.setFont(self.font())


def _spoken_state(state: OptionState, layer: Layer, price_format: PriceFormat) -> str:
    """The words a screen reader adds to the name: state, notice and price."""
    parts = [state_words(state)]
    if state.notice and state.notice not in parts:
        parts.append(state.notice)
    if layer.sale_price is not None or layer.price != 0:
        parts.append(price_text(layer.effective_price, price_format))
    return ", ".join(parts)


def _tooltip(state: OptionState) -> str:
    # No user text here: tooltips guess at rich text, and names must never be read as markup.
    if state.availability is Availability.OUT_OF_STOCK:
        return f"{texts.NOTICE_OUT_OF_STOCK}: shoppers cannot choose this option."
    if state.availability is Availability.BACKORDER:
        return texts.AVAILABILITY_WORDS[Availability.BACKORDER.value]
    return texts.AVAILABILITY_WORDS[state.availability.value]
