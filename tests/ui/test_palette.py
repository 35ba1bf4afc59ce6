"""One palette module: no colour written anywhere else in desktop/ui, and every text colour
it gives reaches WCAG AA (4.5:1) on a light, a dark and a high-contrast palette."""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui.theme import palette
from desktop.ui.theme.apply import apply_theme
from desktop.ui.theme.palette import TEXT_TONES, Tone, contrast
from desktop.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .helpers import find, select

UI = Path(palette.__file__).parent
THEMES = ["light", "dark", "high-contrast"]
# A colour written out: "#abc", "#aabbcc", "#aarrggbb", rgb(…)/rgba(…) with numbers, or a
# named Qt colour.
LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\(\s*\d")
NAMED = re.compile(r"GlobalColor\.(?!transparent\b)\w+|QColor\(\s*\d")


def _strings_and_code(path: Path) -> Iterator[tuple[int, str, bool]]:
    """(line, text, is_string) for each token but comments."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    for token in tokens:
        if token.type == tokenize.COMMENT:
            continue
        yield token.start[0], token.string, token.type == tokenize.STRING


def test_no_colour_is_written_outside_the_palette_module() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path == Path(palette.__file__):
            continue
        for line, text, is_string in _strings_and_code(path):
            if (is_string and LITERAL.search(text)) or (not is_string and NAMED.search(text)):
                found.append(f"{path.relative_to(UI)}:{line}: {text}")
    # The whole line is scanned too: NAMED spans tokens (QColor ( 0 …).
    for path in sorted(UI.rglob("*.py")):
        if path == Path(palette.__file__):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0] if not LITERAL.search(line) else line
            if NAMED.search(code):
                found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert found == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = "color: #5f6368;"  # a comment with #fff is fine\n'
        'b = QColor(255, 0, 0)\nc = Qt.GlobalColor.white\nd = "rgba(1, 2, 3, 4)"\n',
        "utf-8",
    )
    strings = [t for _line, t, s in _strings_and_code(sample) if s and LITERAL.search(t)]
    assert strings == ['"color: #5f6368;"', '"rgba(1, 2, 3, 4)"']
    code = sample.read_text("utf-8").splitlines()
    assert [bool(NAMED.search(line)) for line in code] == [False, True, True, False]


@pytest.mark.parametrize("theme", THEMES)
def test_text_colours_reach_aa_on_window_and_fields(theme: str, qapp) -> None:  # type: ignore[no-untyped-def]
    pal = palette.theme_palette(theme)
    grounds = [pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.Base)]
    for tone in TEXT_TONES:
        for ground in grounds:
            ratio = contrast(palette.color(tone, pal), ground)
            assert ratio >= 4.5, (theme, tone, ground.name(), round(ratio, 2))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        assert contrast(pal.color(role), grounds[0]) >= 7


@pytest.mark.parametrize("theme", THEMES)
def test_marks_reach_3_to_1_and_badges_4_5(theme: str, qapp) -> None:  # type: ignore[no-untyped-def]
    pal = palette.theme_palette(theme)
    base = pal.color(QPalette.ColorRole.Base)
    window = pal.color(QPalette.ColorRole.Window)
    for tone in palette.AVAILABILITY_TONES.values():
        assert contrast(palette.color(tone, pal), base) >= 3.0, (theme, tone)
        badge = palette.mix(base, palette.color(tone, pal), palette.BADGE_ALPHA / 255)
        text = palette.on_tint(tone, pal, palette.BADGE_ALPHA)
        assert contrast(text, badge) >= 4.5, (theme, tone)
    # A message box: its text on its own faint fill over the window.
    for tone in TEXT_TONES:
        box = palette.mix(window, palette.color(tone, pal), palette.BOX_ALPHA / 255)
        assert contrast(palette.on_tint(tone, pal, palette.BOX_ALPHA), box) >= 4.5, tone


def test_contrast_is_the_wcag_formula() -> None:
    assert contrast(QColor(0, 0, 0), QColor(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(QColor(119, 119, 119), QColor(255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor(255, 0, 0), QColor(255, 0, 0)) == pytest.approx(1.0)


@pytest.fixture
def dark(qapp) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    """The dark theme for one test, the application's palette and style put back after."""
    before, style = QApplication.palette(), QApplication.style().name()
    apply_theme(qapp, "dark")
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(before)


def _shown(label: QLabel) -> str:
    label.ensurePolished()  # the style sheet's colour is in the label's palette from here
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_the_window_on_a_dark_palette_reads(dark: QApplication, make_window: WindowFactory) -> None:
    window: MainWindow = make_window()
    pal = QApplication.palette()
    select(window, "Grip Color/Purple")
    window.document.set_addon(False)  # its stock section says it needs the add-on
    for name, tone in (
        ("productSubheading", Tone.MUTED),
        ("stockAddonRequiredLabel", Tone.WARNING),
    ):
        assert _shown(find(window, QLabel, name)) == palette.color(tone, pal).name(), name
    window.document.set_addon(True)
    message = find(window, QLabel, "previewMessage")
    window.preview.add_to_cart()  # the default Yellow: added, in the success colour
    assert not message.is_error and _shown(message) == palette.color(Tone.SUCCESS, pal).name()
    window.preview.quantity.setValue(99)  # more than the 5 in stock: refused
    window.preview.add_to_cart()
    assert message.is_error and _shown(message) == palette.color(Tone.ERROR, pal).name()
    # And those colours read on this palette (the figures are checked above).
    for tone in (Tone.MUTED, Tone.WARNING, Tone.SUCCESS, Tone.ERROR):
        assert contrast(palette.color(tone, pal), pal.color(QPalette.ColorRole.Window)) >= 4.5


def test_the_cli_offers_every_theme() -> None:
    from desktop.cli import command_line as cli

    assert cli.THEMES == palette.THEMES
    assert cli.build_parser().parse_args(["--theme", "dark"]).theme == "dark"
    assert cli.build_parser().parse_args([]).theme == "system"


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_apply_theme_sets_the_palette(theme: str, qapp) -> None:  # type: ignore[no-untyped-def]
    before, style = QApplication.palette(), QApplication.style().name()
    try:
        apply_theme(qapp, theme)
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        assert window.name() == palette.theme_palette(theme).color(QPalette.ColorRole.Window).name()
        assert palette.is_dark(QApplication.palette()) == (theme != "light")
    finally:
        qapp.setStyle(style)
        qapp.setPalette(before)


@pytest.mark.parametrize("element", ["PE_IndicatorCheckBox", "PE_IndicatorRadioButton"])
def test_an_empty_check_box_or_radio_button_shows_on_a_dark_palette(dark, element: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    from desktop.ui.theme.outlined_style import OutlinedStyle

    style = QApplication.style()
    assert isinstance(style, OutlinedStyle)
    pal = QApplication.palette()
    base = pal.color(QPalette.ColorRole.Base)
    pixmap = QPixmap(24, 24)
    pixmap.fill(base)
    option = QStyleOptionButton()
    option.palette = pal
    option.rect = QRect(4, 4, 16, 16)
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Off
    painter = QPainter(pixmap)
    style.drawPrimitive(getattr(QStyle.PrimitiveElement, element), option, painter)
    painter.end()
    image = pixmap.toImage()
    best = max(contrast(image.pixelColor(x, y), base) for x in range(24) for y in range(24))
    assert best >= 3.0, best
