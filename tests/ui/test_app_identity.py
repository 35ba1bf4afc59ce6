"""What tells the application apart on a desktop: its icon (drawn as SVG, rendered to PNG), the
desktop entry, the window title with the configurator and database, About's text (the same as
`--version --verbose`) and the start-up probe that the benchmark and the bundle test use."""

from __future__ import annotations

import configparser
import importlib.util
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QListView

from desktop.application.version import version_text
from desktop.store.server import ServerAddress
from desktop.ui import app
from desktop.ui.theme.app_icon import ICON_NAME, SIZES, app_icon, png_file, svg_file
from desktop.ui.window.main_window import MainWindow, window_title

from .helpers import find

REPO = Path(__file__).resolve().parents[2]
DESKTOP_ENTRY = REPO / "resources" / "app" / f"{ICON_NAME}.desktop"


def _renderer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "render_app_icon", REPO / "tools" / "render_app_icon.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render


@pytest.mark.parametrize("size", SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp: QApplication, size: int) -> None:
    committed = QImage.fromData(png_file(size).read_bytes(), "PNG")
    assert committed.size() == QSize(size, size)
    fresh = _renderer()(svg_file().read_bytes(), size)
    committed = committed.convertToFormat(fresh.format())
    # Antialiasing may differ by a shade between Qt versions; a changed drawing does not.
    worst = max(
        abs(a - b)
        for y in range(size)
        for x in range(size)
        for a, b in zip(
            committed.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb(), strict=True
        )
    )
    assert worst <= 8, "run python3 tools/render_app_icon.py after editing the SVG"


def test_the_icon_has_every_size_and_a_transparent_corner(qapp: QApplication) -> None:
    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(SIZES)
    corner = QImage.fromData(png_file(256).read_bytes(), "PNG").pixelColor(0, 0)
    assert corner.alpha() == 0  # a rounded tile, not a square on the desktop


def test_the_desktop_entry_starts_the_command_with_the_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP_ENTRY, encoding="utf-8")
    fields = entry["Desktop Entry"]
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert fields["Exec"] in scripts  # the command pip installs and the bundle is named
    assert fields["Icon"] == ICON_NAME == Path(str(svg_file())).stem
    assert (fields["Type"], fields["Name"], fields["Terminal"]) == (
        "Application", app.APP_NAME, "false",
    )  # fmt: skip
    assert fields["Categories"].endswith(";")


def test_the_title_names_the_configurator_and_the_database(window: MainWindow) -> None:
    db_name = window.document.db_path.name
    assert window.windowTitle() == f"Controller — {db_name} — Configurator Editor"
    view = find(window, QListView, "configuratorList")
    view.activated.emit(view.model().index(1, 0))
    assert window.windowTitle() == f"Second — {db_name} — Configurator Editor"


def test_about_says_what_version_verbose_says(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = window.show_about()
    qtbot.waitExposed(dialog)
    shown = find(dialog, type(dialog.details), "aboutText").text()
    assert f"{app.APP_NAME}\n{shown}\n" == version_text(window.document.db_path)
    assert f"Database: {window.document.db_path}" in shown
    assert not find(dialog, type(dialog.details), "aboutIcon").pixmap().isNull()
    dialog.reject()


def test_the_start_up_probe_reports_the_first_paint_and_closes_the_window(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(app.STARTUP_PROBE, "1")
    assert app.run(tmp_path / "new.db") == 0  # the event loop ended: the window closed itself
    printed = capsys.readouterr().out.split()
    assert printed[0] == "shown" and float(printed[1]) > 0
    assert qapp.windowIcon().availableSizes()
    assert qapp.desktopFileName() == ICON_NAME
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]


def test_a_server_database_is_named_by_its_address_without_the_password() -> None:
    server = ServerAddress("postgresql+psycopg://shop:s3cret@db.example:5432/catalogue")
    title = window_title(None, server)
    assert "catalogue" in title and "s3cret" not in title
    assert "s3cret" not in version_text(server)
    assert window_title(None, None) == "in memory — Configurator Editor"
