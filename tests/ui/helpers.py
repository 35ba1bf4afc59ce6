"""Builders for the editor window tests and helpers that drive the window as a user would
and read back what the database holds through a fresh database and session."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from desktop.domain.model import Backorders, Configurator, Layer, LayerType, Stock, StockStatus
from desktop.store import repository
from desktop.store.database import open_database
from desktop.ui.window.main_window import MainWindow

# How long a test waits for something that must happen (a change made elsewhere showing, a
# notice following an edit). Generous on purpose: tests check that it happens, and how fast is
# the benchmark's business (a busy machine must not fail a correct test).
EVENTUALLY_MS = 30_000


def image(
    name: str,
    price: str = "0.00",
    *,
    sku: str = "",
    qty: int | None = None,
    manage: bool = False,
    status: StockStatus = StockStatus.IN_STOCK,
    active: bool = False,
) -> Layer:
    return Layer(
        name=name,
        type=LayerType.IMAGE,
        price=Decimal(price),
        active_on_load=active,
        stock=Stock(manage, sku, qty, status),
    )


def group(name: str, *children: Layer, kind: LayerType = LayerType.GROUP, **fields: bool) -> Layer:
    layer = Layer(name=name, type=kind, **fields)
    for child in children:
        child.parent = layer
        layer.children.append(child)
    return layer


def controller() -> Configurator:
    """Grip Color (managed stock: Yellow 5, Red 2, Purple 0), Extras with a sub-group, Buttons."""
    return Configurator(
        name="Controller",
        product_name="Game Controller",
        woocommerce_id=123,
        base_price=Decimal("49.00"),
        backorders=Backorders.NO,
        layers=[
            group(
                "Grip Color",
                image("Yellow", sku="Y-1", qty=5, manage=True, active=True),
                image("Red", "3.00", sku="R-1", qty=2, manage=True),
                image("Purple", "5.00", sku="P-1", qty=0, manage=True),
                required=True,
            ),
            group(
                "Extras",
                group(
                    "Paddles",
                    image("Upper", "4.00"),
                    image("Lower", "4.00"),
                    kind=LayerType.SUB_GROUP,
                ),
                image("Stickers", "1.00"),
                multiple=True,
            ),
            group("Buttons", image("Black", active=True), image("Chrome", "6.00")),
        ],
    )


def second() -> Configurator:
    return Configurator(
        name="Second",
        product_name="Mouse",
        layers=[group("Wheel", image("Plain", active=True))],
    )


def read_configurator(path: Path, name: str = "Controller") -> Configurator:
    """What the file holds now, through a fresh database and session."""
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            found = repository.find_configurator(session, name)
            assert found is not None, f"no configurator {name!r} in the database"
            return repository.load_configurator(session, found)
    finally:
        database.close()


def read_names(path: Path) -> list[str]:
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            return [s.name for s in repository.list_configurators(session)]
    finally:
        database.close()


def read_addon(path: Path) -> bool:
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            return repository.addon_active(session)
    finally:
        database.close()


def names(layers: list[Layer]) -> list[str]:
    return [layer.name for layer in layers]


# --- driving the window ----------------------------------------------------------------------
def find(window: QWidget, cls: type, name: str):  # type: ignore[no-untyped-def]
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r}"
    return widget


def tree_index(window: MainWindow, path: str) -> QModelIndex:
    """The layersTree (proxy) index of 'Group/Sub/Option'."""
    model = window.layers_panel.tree.model()
    index = QModelIndex()
    for part in path.split("/"):
        for row in range(model.rowCount(index)):
            candidate = model.index(row, 0, index)
            if candidate.data() == part:
                index = candidate
                break
        else:
            raise AssertionError(f"{part!r} of {path!r} is not shown in the layers tree")
    return index


def select(window: MainWindow, path: str) -> None:
    tree = window.layers_panel.tree
    tree.setCurrentIndex(tree_index(window, path))


def shown_children(window: MainWindow, path: str | None = None) -> list[str]:
    model = window.layers_panel.tree.model()
    parent = tree_index(window, path) if path else QModelIndex()
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def visible_dialog(qtbot, cls: type, name: str):  # type: ignore[no-untyped-def]
    """The open dialog of that class and name (dialogs open with open(), never exec())."""
    found: list[QWidget] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, cls) and w.objectName() == name and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def answer(qtbot, name: str, button: QMessageBox.StandardButton) -> None:  # type: ignore[no-untyped-def]
    box = visible_dialog(qtbot, QMessageBox, name)
    box.button(button).click()
    qtbot.waitUntil(lambda: not box.isVisible())


def shown_dialog(qtbot, window: QWidget, cls: type, name: str):  # type: ignore[no-untyped-def]
    """The visible dialog of that class and name that this window opened."""
    found: list[QWidget] = []

    def shown() -> bool:
        found[:] = [w for w in window.findChildren(cls, name) if w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[-1]


def choose_file(qtbot, window: QWidget, action: str, dialog: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Trigger the window's action named `action` and answer its file dialog with path."""
    find(window, QAction, action).trigger()
    chooser = shown_dialog(qtbot, window, QFileDialog, dialog)
    chooser.fileSelected.emit(str(path))
    chooser.close()
