"""Fixtures for the preview tests: a Grip Color configurator in a temporary database, its
Document, an undo stack driving edits the way the editor does, and test images."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtGui import QColor, QImage, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from desktop.domain.model import (
    Backorders,
    Configurator,
    Layer,
)
from desktop.store.database import open_database
from desktop.store.media import media_dir
from desktop.store.repository import insert_configurator
from desktop.ui.editing.document import Document
from desktop.ui.preview import PreviewPane
from tests.builders import group, option

# The offscreen platform says this whenever a window with a layout is shown; it is not ours.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"

IMAGE_SIZE = (40, 30)
W = TypeVar("W", bound=QWidget)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def controller(backorders: Backorders = Backorders.NOTIFY) -> Configurator:
    """WP Configurator's example: grip colours with 5, 2 and 0 in stock, plus an unmanaged
    group of buttons with a surcharge."""
    return Configurator(
        name="Custom Game Controller",
        product_name="Game Controller",
        base_price=Decimal("49.00"),
        backorders=backorders,
        layers=[
            group(
                "Grip Color",
                option(
                    "Metallic Yellow",
                    image="images/yellow.png",
                    default=True,
                    manage=True,
                    qty=5,
                ),
                option("Metallic Red", image="images/red.png", manage=True, qty=2),
                option("Metallic Purple", image="images/purple.png", manage=True, qty=0),
                required=True,
            ),
            group(
                "Buttons",
                option("Black Buttons", image="images/black.png", default=True),
                option("Blue Buttons", price="4.00", image="images/blue.png"),
                option("Gold Buttons", price="9.00", sale="6.00"),
            ),
        ],
    )


def draw_image(path: Path, color: str, rect: tuple[int, int, int, int] | None = None) -> None:
    """A transparent PNG with one solid rectangle (the whole image by default)."""
    image = QImage(*IMAGE_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    x, y, w, h = rect or (0, 0, *IMAGE_SIZE)
    for px in range(x, x + w):
        for py in range(y, y + h):
            image.setPixelColor(px, py, QColor(color))
    path.parent.mkdir(parents=True, exist_ok=True)
    assert image.save(str(path))


class Shop:
    """What a test needs: the document, the pane, the undo stack and lookups by name."""

    def __init__(self, document: Document, pane: PreviewPane, stack: QUndoStack) -> None:
        self.document = document
        self.pane = pane
        self.stack = stack

    def layer(self, path: str) -> Layer:
        assert self.document.configurator is not None
        found = self.document.configurator.find_path(path)
        assert found is not None, path
        return found

    def layer_id(self, path: str) -> int:
        layer_id = self.layer(path).id
        assert layer_id is not None
        return layer_id


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.db"


@pytest.fixture
def images(db_path: Path) -> Path:
    """Test PNGs in the media folder beside the database, where resolve_image looks."""
    folder = media_dir(db_path) / "images"
    draw_image(folder / "yellow.png", "#ffd400")
    draw_image(folder / "red.png", "#d00000")
    draw_image(folder / "purple.png", "#7a1fa2")
    draw_image(folder / "black.png", "#101010", (10, 10, 8, 8))
    draw_image(folder / "blue.png", "#1040ff", (10, 10, 8, 8))
    return folder


def make_shop(qtbot, db_path: Path, configurator: Configurator) -> Shop:  # type: ignore[no-untyped-def]
    database = open_database(db_path)
    with database.session() as session:
        configurator_id = insert_configurator(session, configurator)
        session.commit()
    document = Document(database)
    document.open_configurator(configurator_id)
    pane = PreviewPane(document)
    qtbot.addWidget(pane)
    pane.resize(1100, 800)
    pane.show()
    qtbot.waitExposed(pane)
    return Shop(document, pane, QUndoStack(document))


@pytest.fixture
def shop(qtbot, db_path: Path, images: Path) -> Iterator[Shop]:  # type: ignore[no-untyped-def]
    shop = make_shop(qtbot, db_path, controller())
    yield shop
    shop.document.database.close()


def controls(pane: PreviewPane) -> dict[str, QAbstractButton]:
    """The option controls on screen, by layer name."""
    return {
        button.property("layerName"): button
        for button in pane.findChildren(QAbstractButton, "optionControl")
    }


def widget(pane: PreviewPane, kind: type[W], name: str) -> W:
    found = pane.findChild(kind, name)
    assert found is not None, name
    return found


def cart_texts(pane: PreviewPane) -> list[str]:
    view = widget(pane, QAbstractItemView, "cartView")
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]
