"""Preview images (SPEC §10): `configurator-editor preview` draws the preview offscreen at the
width asked, pixel for pixel as the window draws the same state; exportPreviewAction saves the
window's own preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from desktop.cli import main
from desktop.domain import texts
from desktop.ui.preview_image import size_for

from .conftest import WindowFactory

DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"


def preview_png(demo_db: Path, out: Path, *args: str) -> QImage:
    argv = ["--db", str(demo_db), "preview", DEMO, "-o", str(out), *args]
    assert main(argv) == 0
    image = QImage(str(out))
    assert not image.isNull()
    return image


def differing_pixels(a: QImage, b: QImage) -> int:
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size()
    return sum(
        1 for y in range(a.height()) for x in range(a.width()) if a.pixel(x, y) != b.pixel(x, y)
    )


def test_the_png_has_the_width_asked_and_a_backordered_option_shows_its_notice(
    qtbot, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "purple.png"
    image = preview_png(demo_db, out, "--select", PURPLE, "--width", "640")
    assert image.width() == 640
    assert image.height() >= round(640 * 0.7)
    assert capsys.readouterr().out == f"{out}\t{image.width()}x{image.height()}\n"
    wide = preview_png(demo_db, tmp_path / "wide.png", "--width", "1400")
    assert (wide.width(), wide.height()) == (1400, 980)


def test_the_png_is_the_windows_own_rendering_of_the_same_state(
    qtbot, make_window: WindowFactory, demo_db: Path, tmp_path: Path
) -> None:
    args = ("--select", PURPLE, "--qty", "2", "--add-to-cart", "--width", "900")
    image = preview_png(demo_db, tmp_path / "cli.png", *args)
    window = make_window(demo_db)
    pane = window.preview
    cfg = window.document.configurator
    assert cfg is not None and cfg.name == DEMO
    purple = cfg.find_path(PURPLE)
    assert purple is not None
    control = pane.option_control(PURPLE)
    assert control is not None and control.property("notice") == texts.NOTICE_BACKORDER
    pane.choose(purple)
    pane.quantity.setValue(2)
    pane.add_to_cart()
    assert "Metallic Purple (Available Backorder)" in pane.cart.view.model().index(0, 0).data()
    size = size_for(pane, 900)
    assert size == QSize(image.width(), image.height())
    pane.setFixedSize(size)
    qtbot.waitUntil(lambda: pane.size() == size)
    assert differing_pixels(image, pane.grab().toImage()) == 0


def test_export_preview_action_saves_the_preview_as_shown(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    action = window.findChild(type(window.preview_export.action), "exportPreviewAction")
    assert action is window.preview_export.action and action.isEnabled()
    action.trigger()
    dialog = window.findChild(object, "exportPreviewDialog")
    assert dialog is not None
    target = tmp_path / "shot.png"
    dialog.fileSelected.emit(str(target))
    dialog.close()
    saved = QImage(str(target))
    assert (saved.width(), saved.height()) == (window.preview.width(), window.preview.height())
    assert differing_pixels(saved, window.preview.grab().toImage()) == 0
    assert str(target) in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--select", "Grip Color/Gold"], 'no option "Grip Color/Gold"'),
        (["--width", "12"], "expected a width in pixels from 320"),
        (["--qty", "0"], "expected a whole number from 1"),
        (["-o", "shot.jpg"], "the image is written as PNG"),
        (["-o", "missing/shot.png"], "there is no folder"),
    ],
)
def test_bad_arguments_exit_2_in_one_line_and_write_nothing(
    qtbot,  # type: ignore[no-untyped-def]
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    problem: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = demo_db.read_bytes()
    argv = ["--db", str(demo_db), "preview", DEMO, "-o", "shot.png", *args]
    try:
        status = main(argv)
    except SystemExit as exc:  # a usage error, reported by argparse
        status = exc.code  # type: ignore[assignment]
    assert status == 2
    err = capsys.readouterr().err
    assert problem in err and len(err.splitlines()) == 1
    assert demo_db.read_bytes() == before
    assert not (tmp_path / "shot.png").exists()


def test_the_windows_theme_option_colours_the_image(
    qtbot, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    palette, style = app.palette(), app.style().name()  # type: ignore[union-attr]
    try:
        argv = ["--db", str(demo_db), "--theme", "dark", "preview", DEMO, "--width", "640"]
        assert main([*argv, "-o", str(tmp_path / "dark.png")]) == 0
        dark = QImage(str(tmp_path / "dark.png"))
        assert dark.width() == 640
        # The window's background is dark: the top left corner is drawn in it.
        assert QColor(dark.pixel(2, 2)).lightness() < 100
    finally:
        app.setPalette(palette)  # type: ignore[union-attr]
        app.setStyle(style)  # type: ignore[union-attr]
