"""Dark theme marks (issue 25): a disabled toolbar icon is dimmer than an enabled one, a
stock mark on a selected tree row stays visible on the highlight, and file dialogs take the
window's palette and room for their columns. Colours come from desktop/ui/theme/palette.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.ui.theme import palette, svg_icons
from desktop.ui.theme.apply import apply_theme
from desktop.ui.theme.palette import Tone
from desktop.ui.widgets.file_dialogs import file_dialog


@pytest.fixture(params=["dark", "light"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    before, style = qapp.palette(), qapp.style().name()
    apply_theme(qapp, request.param)
    try:
        yield qapp.palette()
    finally:
        qapp.setPalette(before)
        qapp.setStyle(style)


def ink(icon: QIcon, mode: QIcon.Mode) -> QColor:
    """The icon's most used opaque colour at 32 px in that mode."""
    image = icon.pixmap(32, mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    counts: Counter[int] = Counter()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                counts[pixel.rgb()] += 1
    assert counts, "nothing drawn"
    return QColor.fromRgb(counts.most_common(1)[0][0])


def test_a_disabled_toolbar_icon_is_dimmer_than_an_enabled_one(theme: QPalette) -> None:
    window = theme.color(QPalette.ColorRole.Window)
    for name in ("move-down", "undo", "redo"):
        icon = svg_icons.icon(name)
        normal = ink(icon, QIcon.Mode.Normal)
        disabled = ink(icon, QIcon.Mode.Disabled)
        assert disabled.rgb() == palette.disabled_icon_ink(theme).rgb()
        # Before: Qt's generated grey was as bright as the enabled white on dark.
        assert palette.contrast(disabled, window) < palette.contrast(normal, window) * 0.6
        assert palette.contrast(disabled, window) >= 1.5  # still seen


def test_a_stock_mark_on_a_selected_row_stands_out_from_the_highlight(theme: QPalette) -> None:
    highlight = theme.color(QPalette.ColorRole.Highlight)
    for name, tone in (("availability-in-stock", Tone.IN_STOCK), ("availability-low", Tone.LOW)):
        selected = ink(svg_icons.icon(name, tone), QIcon.Mode.Selected)
        # Before: the blue tick was drawn as is on the blue highlight (about 1.3:1).
        assert palette.contrast(selected, highlight) >= palette.MARK_CONTRAST, name


def test_file_dialogs_follow_the_window_and_show_their_columns(qtbot, theme: QPalette) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 640)
    dialog = file_dialog(window, "testDialog", "Import", "", "JSON (*.json)")
    qtbot.addWidget(dialog)
    assert dialog.width() >= 860  # Qt's own default was about 630 px: dates were cut
    assert dialog.height() <= 640
    assert dialog.palette().color(QPalette.ColorRole.Window) == theme.color(
        QPalette.ColorRole.Window
    )
