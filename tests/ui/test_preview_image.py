"""Preview images (docs/preview-and-scenarios.md): `configurator-editor preview` draws the
storefront offscreen at the width asked and as tall as every option, the summary and the cart
need, pixel for pixel as the window's own pane draws it so; only what a shopper sees (no Reset
simulation, no Remove/Checkout, no note on the simulation); exportPreviewAction saves the
window's preview the same way and leaves the pane as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage

from desktop.cli import main
from desktop.domain import texts
from desktop.ui.preview import PreviewPane
from desktop.ui.preview.image_render import render_storefront, shopper_only, storefront_size

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


def editor_only(pane: PreviewPane) -> list[object]:
    grip = pane.body.handle(1)
    return [pane.reset_button, pane.cart.remove_button, pane.cart.checkout_button, grip]


def assert_holds_every_option(pane: PreviewPane) -> None:
    """Every option a shopper can see has its control, wholly inside the pane's rectangle,
    and nothing scrolls."""
    cfg = pane.configurator
    assert cfg is not None
    area = QRect(QPoint(0, 0), pane.size())
    shown = [o for o in cfg.options() if not o.hidden_in_controls()]
    assert len(shown) >= 11  # the demo: Grip Color to Lower Paddles
    controls = {c.property("layerName"): c for c in pane.findChildren(object, "optionControl")}
    for option in shown:
        control = controls.get(option.name)
        assert control is not None and control.isVisibleTo(pane), option.path
        box = QRect(control.mapTo(pane, QPoint(0, 0)), control.size())
        assert area.contains(box), (option.path, box, area)
    assert not pane.options.verticalScrollBar().isVisibleTo(pane)
    assert pane.summary_area.viewport().height() >= pane.summary.sizeHint().height()


@pytest.mark.parametrize("width", [600, 1000, 1600])
def test_the_image_holds_every_option_summary_and_cart_and_no_editor_control(
    qtbot, make_window: WindowFactory, demo_db: Path, width: int
) -> None:  # type: ignore[no-untyped-def]
    pane = make_window(demo_db).preview
    cart_row = pane.option_control(PURPLE)
    assert cart_row is not None
    pane.choose(cart_row.layer)  # type: ignore[arg-type]
    pane.quantity.setValue(2)
    pane.add_to_cart()
    before = pane.size()
    with shopper_only(pane):
        size = storefront_size(pane, width)
        assert size.width() == width
        assert size.height() >= round(width * 0.7)
        assert_holds_every_option(pane)
        assert all(not w.isVisibleTo(pane) for w in editor_only(pane))  # type: ignore[attr-defined]
        assert "simulated shopper" not in pane.subheading.text()
        cart = pane.cart.view
        assert cart.model().rowCount() == 1
        line = cart.visualRect(cart.model().index(0, 0))
        assert cart.viewport().rect().contains(line)  # the cart line is drawn whole
    # Put back as the window had it.
    assert pane.size() == before
    assert all(w.isVisibleTo(pane) for w in editor_only(pane))  # type: ignore[attr-defined]
    assert "simulated shopper" in pane.subheading.text()


def test_the_png_has_the_width_asked_and_the_height_the_storefront_needs(
    qtbot, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for width in (600, 1000, 1600):
        out = tmp_path / f"w{width}.png"
        image = preview_png(demo_db, out, "--width", str(width))
        assert image.width() == width
        assert capsys.readouterr().out == f"{out}\t{image.width()}x{image.height()}\n"
    # At 1000 px the demo's 11 options need more than the old 0.7 × width (700 px, which
    # showed Grip Color, Buttons and half of Thumbsticks).
    assert QImage(str(tmp_path / "w1000.png")).height() > 700


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
    own = render_storefront(pane, 900)
    assert (own.width(), own.height()) == (image.width(), image.height())
    assert differing_pixels(image, own) == 0


def test_export_preview_action_saves_the_whole_storefront(
    qtbot, make_window: WindowFactory, demo_db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    action = window.findChild(type(window.preview_export.action), "exportPreviewAction")
    assert action is window.preview_export.action and action.isEnabled()
    pane = window.preview
    before = pane.size()
    # The window's centre is short: the live pane scrolls its options.
    assert pane.options.layout_.height > pane.options.viewport().height()
    action.trigger()
    dialog = window.findChild(object, "exportPreviewDialog")
    assert dialog is not None
    target = tmp_path / "shot.png"
    dialog.fileSelected.emit(str(target))
    dialog.close()
    saved = QImage(str(target))
    assert saved.width() == before.width()
    assert saved.height() > before.height()  # it grew to hold Lower Paddles and the rest
    assert differing_pixels(saved, render_storefront(pane)) == 0
    assert pane.size() == before
    assert str(target) in window.statusBar().currentMessage()


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--select", "Grip Color/Gold"], 'no option "Grip Color/Gold"'),
        (["--width", "12"], "expected a width in pixels from 320"),
        (["--qty", "0"], "expected a whole number from 1"),
        (["-o", "shot.jpg"], "the image is written as PNG"),
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


def test_theme_is_accepted_after_the_command_too(
    qtbot, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    palette, style = app.palette(), app.style().name()  # type: ignore[union-attr]
    try:
        out = tmp_path / "dark.png"
        argv = ["--db", str(demo_db), "preview", DEMO, "--width", "640", "--theme", "dark"]
        assert main([*argv, "-o", str(out)]) == 0
        assert QColor(QImage(str(out)).pixel(2, 2)).lightness() < 100
    finally:
        app.setPalette(palette)  # type: ignore[union-attr]
        app.setStyle(style)  # type: ignore[union-attr]
    with pytest.raises(SystemExit):
        main(["--db", str(demo_db), "preview", DEMO, "-o", str(out), "--theme", "sepia"])
    assert "invalid choice: 'sepia'" in capsys.readouterr().err
