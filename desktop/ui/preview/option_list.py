"""The storefront's option controls as a virtual list: headers painted, a few buttons reused.

Only the rows near the viewport get an OptionControl; scrolling moves the same few dozen
buttons to the rows that come into view. An edit to one option touches its button only when
that option is on screen, so the cost of an edit does not grow with the configurator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QWidget

from ...domain.model import Configurator, Layer
from ...domain.price_format import DEFAULT_FORMAT, PriceFormat
from ...domain.stock import OptionState
from ..theme import palette as colors
from ..theme.palette import Tone
from ..widgets import empty_state
from ..widgets.tab_chain import place_after
from .option_control import OptionControl, option_height
from .rows import OptionLayout, Row, RowKind

# Rows bound to buttons even when the viewport is smaller (or not shown yet): enough for a
# tall screen, so small configurators have every control from the start.
MIN_REALIZED = 48
OVERSCAN = 4  # rows beyond each edge, so keyboard focus can move without a gap
_INDENT = 18
_MARGIN = 4
_GAP = 12
# Narrower than this, option names and notices no longer fit beside their prices.
MIN_WIDTH = 210


@dataclass(frozen=True, slots=True)
class HeaderParts:
    """A group header as drawn: its name and hint (both as shown) and where they go."""

    name: str
    name_rect: QRect
    hint: str
    hint_rect: QRect
    inner: QRect


class OptionList(QAbstractScrollArea):
    """Group headers and option controls of one configurator, virtualised.

    Signals:
        optionToggled(object, bool)   a shopper checked or unchecked an option (Layer, on)
    """

    optionToggled = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optionList")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(MIN_WIDTH)
        # The options take the focus, one Tab stop per group; the list itself is no stop.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        metrics = self.fontMetrics()
        self.layout_ = OptionLayout(
            {
                # Room for the name and, in a narrow pane, its hint under it.
                RowKind.GROUP: metrics.height() * 2 + 10,
                RowKind.SUB_GROUP: metrics.height() * 2 + 2,
                RowKind.OPTION: option_height(metrics),
            }
        )
        self._state: Callable[[Layer], OptionState] | None = None
        self._checked: Callable[[Layer], bool] = lambda _layer: False
        self._price_format = DEFAULT_FORMAT
        self._bound: dict[Layer, OptionControl] = {}
        self._spare: list[OptionControl] = []
        self._laying_out = False
        # Per group (the options' parent), the option that holds the group's one Tab stop:
        # the last one focused, else the chosen one, else the first that can be chosen.
        self._rover: dict[Layer | None, Layer] = {}  # by group (None: the top level)
        # The widgets Tab reaches just before and after the options (see focus_order).
        self._tab_before: QWidget | None = None
        self._tab_after: QWidget | None = None

    # --- what to show --------------------------------------------------------------------
    def set_source(
        self,
        configurator: Configurator | None,
        state: Callable[[Layer], OptionState] | None,
        checked: Callable[[Layer], bool],
    ) -> None:
        """Show a configurator; state and checked are asked per option as it comes on screen."""
        self._state = state
        self._checked = checked
        self._price_format = (
            configurator.price_format if configurator is not None else DEFAULT_FORMAT
        )
        self.layout_.reset(configurator)
        self._rover.clear()
        for layer in list(self._bound):
            self._release(layer)
        self.verticalScrollBar().setValue(0)
        self._relayout()

    def set_price_format(self, price_format: PriceFormat) -> None:
        self._price_format = price_format
        self.refresh_all()

    def refresh_option(self, layer: Layer) -> None:
        """Re-read one option (its state, name, price, checked); nothing when off screen."""
        button = self._bound.get(layer)
        if button is not None:
            self._bind(button, layer)

    def refresh_all(self) -> None:
        """Re-read every option on screen (add-on, backorders, orders placed)."""
        for layer, button in self._bound.items():
            self._bind(button, layer)
        self._assign_tab_stops()  # the chosen option may have changed
        self.viewport().update()

    def refresh_header(self, layer: Layer) -> None:
        located = self.layout_.locate(layer)
        if located is not None:
            top, row = located
            y = top - self.verticalScrollBar().value()
            self.viewport().update(0, y, self.viewport().width(), row.height)

    def rebuild(self, layer: Layer) -> None:
        """Rows changed inside layer's top-level group (insert, remove, move, hide)."""
        self.layout_.rebuild(layer)
        self._relayout()

    def sync_sections(self) -> None:
        """Top-level groups were added, removed or reordered."""
        self.layout_.sync_sections()
        self._relayout()

    def control(self, layer: Layer) -> OptionControl | None:
        """Scroll layer's row into view and return its button (None when it is not shown)."""
        located = self.layout_.locate(layer)
        if located is None:
            return None
        top, row = located
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        if top < bar.value() or top + row.height > bar.value() + height:
            bar.setValue(max(top - height // 3, 0))
        self._relayout()
        return self._bound.get(layer)

    # --- layout of the pool --------------------------------------------------------------
    def _relayout(self) -> None:
        if self._laying_out:
            return  # setRange below may scroll, which asks again: the outer pass covers it
        self._laying_out = True
        try:
            self._place_controls()
        finally:
            self._laying_out = False

    def _place_controls(self) -> None:
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        bar.setRange(0, max(self.layout_.height - height, 0))
        bar.setPageStep(height)
        bar.setSingleStep(self.layout_.heights[RowKind.OPTION])
        offset = bar.value()
        width = self.viewport().width()
        wanted: dict[Layer, tuple[int, Row]] = {}
        start = max(offset - OVERSCAN * self.layout_.heights[RowKind.OPTION], 0)
        for count, (top, row) in enumerate(self.layout_.rows_from(start)):
            if count >= MIN_REALIZED and top > offset + height + OVERSCAN * row.height:
                break
            if row.kind is RowKind.OPTION:
                wanted[row.layer] = (top, row)
        for layer in [layer for layer in self._bound if layer not in wanted]:
            self._release(layer)
        previous: QWidget | None = self._tab_before
        for layer, (top, row) in wanted.items():
            button = self._bound.get(layer)
            if button is None:
                button = self._spare.pop() if self._spare else self._new_button()
                self._bound[layer] = button
                self._bind(button, layer)
            x = _MARGIN + row.depth * _INDENT - _INDENT + 6
            button.setGeometry(QRect(x, top - offset + 2, width - x - _MARGIN, row.height - 4))
            button.show()
            if previous is not None:  # Tab follows the rows, whatever order the pool is in
                place_after(previous, button)
            previous = button
        if previous is not None and self._tab_after is not None:
            place_after(previous, self._tab_after)
        self._assign_tab_stops()
        self.viewport().update()

    # --- keyboard: one Tab stop per group, arrows within it -------------------------------
    def set_tab_neighbours(self, before: QWidget, after: QWidget) -> None:
        """Tab goes before → the options, in row order → after."""
        self._tab_before, self._tab_after = before, after
        self._relayout()

    def _assign_tab_stops(self) -> None:
        """Give each group's rover the Tab stop; its other options take focus by click or
        arrow only, so Tab passes a group in one step however many options it has."""
        first: dict[Layer | None, Layer] = {}
        chosen: dict[Layer | None, Layer] = {}
        for layer, button in self._bound.items():
            if not button.isEnabled():
                continue
            first.setdefault(layer.parent, layer)
            if button.isChecked():
                chosen.setdefault(layer.parent, layer)
        for layer, button in self._bound.items():
            group = layer.parent
            rover = self._rover.get(group)
            if rover is None or rover not in self._bound or not self._bound[rover].isEnabled():
                rover = chosen.get(group) or first.get(group)
            policy = Qt.FocusPolicy.StrongFocus if layer is rover else Qt.FocusPolicy.ClickFocus
            if button.focusPolicy() != policy:
                button.setFocusPolicy(policy)

    def _step(self, button: OptionControl, step: int) -> None:
        """Focus the next option (step +1) or previous one (-1) of button's group that a
        shopper can choose; nothing at either end."""
        layer = button.layer
        if layer is None or layer.parent is None or self._state is None:
            return
        siblings = [
            option for option in layer.parent.children if not option.is_group and not option.hidden
        ]
        at = siblings.index(layer) if layer in siblings else -1
        index = at + step
        while 0 <= index < len(siblings):
            candidate = siblings[index]
            if self._state(candidate).selectable:
                target = self.control(candidate)
                if target is not None:
                    target.setFocus(Qt.FocusReason.TabFocusReason)
                return
            index += step

    def _new_button(self) -> OptionControl:
        button = OptionControl(self.viewport())
        button.toggled.connect(lambda on, b=button: self._toggled(b, on))
        button.focusEntered.connect(lambda b=button: self._focused(b))
        button.stepRequested.connect(lambda step, b=button: self._step(b, step))
        return button

    def _focused(self, button: OptionControl) -> None:
        if button.layer is not None:
            self._rover[button.layer.parent] = button.layer
            self.control(button.layer)
            self._assign_tab_stops()

    def _toggled(self, button: OptionControl, on: bool) -> None:
        if button.layer is not None:
            self.optionToggled.emit(button.layer, on)

    def _bind(self, button: OptionControl, layer: Layer) -> None:
        if self._state is None:
            return
        group = layer.parent
        multiple = group is not None and group.multiple
        state, checked = self._state(layer), self._checked(layer)
        button.bind(layer, state, checked, multiple, self._price_format)

    def _release(self, layer: Layer) -> None:
        button = self._bound.pop(layer)
        button.release()
        self._spare.append(button)

    # --- events --------------------------------------------------------------------------
    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self._relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the group and sub-group headers of the visible rows (buttons paint
        themselves). Names go through drawText: plain text, never markup."""
        painter = QPainter(self.viewport())
        offset = self.verticalScrollBar().value()
        bottom = offset + self.viewport().height()
        width = self.viewport().width()
        palette = self.palette()
        for top, row in self.layout_.rows_from(offset + event.rect().top()):
            if top > bottom:
                break
            if row.kind is RowKind.OPTION:
                continue
            self._paint_header(painter, row, QRect(0, top - offset, width, row.height), palette)
        painter.end()
        text = self.empty_text()
        if text:
            below = self.viewport().rect().adjusted(0, self.layout_.height - offset, 0, 0)
            empty_state.paint_empty_text(self.viewport(), text, below)

    def empty_text(self) -> str:
        """What the list says under its headers when no option is shown at all."""
        everything_on_screen = self.layout_.height <= self.viewport().height()
        if self._state is None or self._bound or not everything_on_screen:
            return ""
        return empty_state.NO_OPTIONS  # none yet, or all hidden from shoppers

    def _header_fonts(self, row: Row) -> tuple[QFont, QFont]:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        if row.kind is RowKind.GROUP:
            font.setPointSizeF(font.pointSizeF() * 1.1)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        return font, small

    def header_parts(self, row: Row, rect: QRect) -> HeaderParts:
        """Where a group header's name and hint go in rect: side by side when both fit,
        else the hint under the name (the row is tall enough), never dropped."""
        font, small = self._header_fonts(row)
        metrics, small_metrics = QFontMetrics(font), QFontMetrics(small)
        x = _MARGIN + 4 + max(row.depth, 0) * _INDENT
        inner = rect.adjusted(x, 0, -_MARGIN - 4, -4)
        caption = _caption(row.layer)
        caption_width = small_metrics.horizontalAdvance(caption) + _GAP
        name_width = metrics.horizontalAdvance(row.layer.name)
        if name_width <= inner.width() - caption_width:
            hint_rect = QRect(
                inner.right() - caption_width + _GAP + 1,
                inner.bottom() - small_metrics.height() + 1,
                caption_width - _GAP,
                small_metrics.height(),
            )
            return HeaderParts(row.layer.name, inner, caption, hint_rect, inner)
        hint_top = inner.bottom() - small_metrics.height() + 1
        name_rect = QRect(inner.left(), rect.top(), inner.width(), hint_top - rect.top())
        name = metrics.elidedText(row.layer.name, Qt.TextElideMode.ElideRight, inner.width())
        hint_rect = QRect(inner.left(), hint_top, inner.width(), small_metrics.height())
        caption = small_metrics.elidedText(caption, Qt.TextElideMode.ElideRight, inner.width())
        return HeaderParts(name, name_rect, caption, hint_rect, inner)

    def _paint_header(self, painter: QPainter, row: Row, rect: QRect, palette: QPalette) -> None:
        font, small = self._header_fonts(row)
        parts = self.header_parts(row, rect)
        text = palette.color(QPalette.ColorRole.Text)
        bottom_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(parts.name_rect, bottom_left, parts.name)
        painter.setFont(small)
        painter.setPen(colors.color(Tone.MUTED, palette))
        painter.drawText(parts.hint_rect, bottom_left, parts.hint)
        if row.kind is RowKind.GROUP:
            line = QColor(text)
            line.setAlpha(40)
            painter.setPen(line)
            inner = parts.inner
            painter.drawLine(inner.left(), rect.bottom(), inner.right(), rect.bottom())


def _caption(layer: Layer) -> str:
    """A short note on how the group is chosen from (no user text)."""
    words = []
    if layer.required:
        words.append("Required")
    words.append("Choose any" if layer.multiple else "Choose one")
    return " · ".join(words)
