"""A 1024×640 window (docs/preview-and-scenarios.md): the side docks yield width to the
preview down to what their own fields need, so option names and the notice badge show whole;
the layer settings' check boxes start in one line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from desktop.domain import texts
from desktop.ui.preview.option_control import OptionControl
from desktop.ui.window.main_window import LAYERS_MIN_COMFORT

from .conftest import WindowFactory

PURPLE = "Grip Color/Metallic Purple"


def test_docks_yield_to_the_preview_in_a_narrow_window(
    qtbot, make_window: WindowFactory, demo_db: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024 and not window.dock_yield._timer.isActive())
    settings, layers = window.settings_dock, window.layers_dock
    floor = window.settings_panel.comfortable_width()
    # As the wide-screen layout left them: Layers about 280 px, Layer settings about 360.
    window.resizeDocks([layers, settings], [280, 360], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: settings.width() >= 350 and window.preview.width() < 400)
    window.dock_yield.fit()  # as after the window's next resize
    qtbot.waitUntil(lambda: settings.width() <= floor + 2 and layers.width() <= LAYERS_MIN_COMFORT)
    assert settings.width() >= floor - 2  # never below what the fields need
    assert layers.width() >= LAYERS_MIN_COMFORT - 2
    assert window.preview.width() >= 450  # it was 378, its bare minimum
    for path in ("Grip Color/Metallic Red", PURPLE):
        control = window.preview.option_control(path)
        assert isinstance(control, OptionControl)
        shown = control.shown_layout()
        assert shown is not None
        assert shown.name == control.property("layerName"), path  # not "Metallic R…"
    purple = window.preview.option_control(PURPLE)
    assert purple is not None and purple.shown_layout().notice == texts.NOTICE_BACKORDER  # type: ignore[union-attr]


def test_a_wide_window_keeps_its_docks(qtbot, make_window: WindowFactory, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.preview.width() > 700)
    before = window.settings_dock.width()
    window.dock_yield.fit()
    assert window.settings_dock.width() == before


def test_the_check_boxes_of_the_layer_settings_start_in_one_line(
    qtbot, make_window: WindowFactory, demo_db: Path
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(demo_db)
    cfg = window.document.configurator
    assert cfg is not None
    window.layers_panel.select_layer(cfg.find_path(PURPLE))
    panel = window.settings_panel
    qtbot.waitUntil(lambda: panel.hidden_check.isVisible() and panel.active_check.isVisible())
    for width in (300, 360, 600):
        panel.resize(width, panel.height())
        panel.widget().layout().activate()
        panel.general.layout().activate()
        left = {
            check.objectName(): check.mapTo(panel, QPoint(0, 0)).x()
            for check in (panel.active_check, panel.hidden_check)
        }
        assert len(set(left.values())) == 1, (width, left)
