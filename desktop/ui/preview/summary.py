"""The price summary under the options: Base Price, each selected option, Expected Total."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

from ...domain.model import Layer
from ...domain.price_format import PriceFormat
from ...domain.texts import BASE_PRICE, EXPECTED_TOTAL
from ..theme import palette as colors
from ..theme.palette import Tone


class SummaryView(QWidget):
    """Painted lines of label and amount (drawText: option names stay plain text).

    `text()` gives the same lines as plain text for tests and accessibility.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryView")
        self.setAccessibleName("Price summary")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._lines: list[tuple[str, str, bool]] = []  # label, amount, emphasised

    def show_summary(
        self, base: Decimal, options: Sequence[Layer], quantity: int, price_format: PriceFormat
    ) -> None:
        money = price_format.format
        lines = [(BASE_PRICE, money(base), False)]
        total = base
        for option in options:
            lines.append((option.name, money(option.effective_price), False))
            total += option.effective_price
        lines.append((EXPECTED_TOTAL, money(total), True))
        if quantity > 1:
            lines.append((f"For {quantity}", money(total * quantity), True))
        self._lines = lines
        self.setAccessibleDescription(self.text())
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self._lines = []
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return "\n".join(f"{label}: {amount}" for label, amount, _ in self._lines)

    def _line_height(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        strong = sum(1 for line in self._lines if line[2])
        return QSize(240, len(self._lines) * self._line_height() + 4 * strong + 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = colors.color(Tone.MUTED, palette)
        height = self._line_height()
        y = 4
        width = self.width()
        # A thousand groups selected make a thousand lines, of which the area shows a dozen:
        # only the lines in the exposed rectangle are drawn.
        top, bottom = event.rect().top(), event.rect().bottom()
        for label, amount, strong in self._lines:
            if y + height + 4 < top or y > bottom:
                y += height + (4 if strong else 0)
                continue
            font = QFont(self.font())
            if strong:
                font.setWeight(QFont.Weight.Bold)
                rule = QColor(text)
                rule.setAlpha(50)
                painter.setPen(rule)
                painter.drawLine(0, y + 1, width, y + 1)
                y += 4
            painter.setFont(font)
            metrics = QFontMetrics(font)
            amount_width = metrics.horizontalAdvance(amount)
            row = QRect(0, y, width, height)
            painter.setPen(text if strong else muted)
            shown = metrics.elidedText(
                label, Qt.TextElideMode.ElideRight, width - amount_width - 12
            )
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(row, align | Qt.AlignmentFlag.AlignLeft, shown)
            painter.setPen(text)
            painter.drawText(row, align | Qt.AlignmentFlag.AlignRight, amount)
            y += height
        painter.end()


class SummaryArea(QScrollArea):
    """Holds the summary: as tall as its lines up to a limit, then it scrolls (hundreds of
    groups). Its minimum stays constant so the window's size constraints never change."""

    MAX_HEIGHT = 200

    def __init__(self, summary: SummaryView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryArea")
        self.setWidget(summary)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Nothing to act on: Tab passes by (the wheel still scrolls a long summary).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:
        widget = self.widget()
        inner = widget.sizeHint() if widget is not None else QSize(240, 0)
        return QSize(inner.width(), min(inner.height(), self.MAX_HEIGHT))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 48)
