"""Screen readers: every widget Tab reaches has a name, labels are linked to their fields,
and the layers tree and the preview say each option's availability in words, not only by
colour; the availability marks differ in shape and stay apart for colour-blind eyes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QLabel, QWidget

from desktop.domain import texts
from desktop.domain.fields import ConfiguratorField
from desktop.domain.model import Availability, Backorders
from desktop.ui.theme import availability_style, palette, svg_icons
from desktop.ui.theme.availability_style import availability_icon, low_stock_icon
from desktop.ui.widgets import accessibility
from desktop.ui.window.main_window import MainWindow

from .focus import focusable, label, spoken_name, tab_walk
from .helpers import find, select, tree_index

SPOKEN = Qt.ItemDataRole.AccessibleTextRole
DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole


@pytest.fixture
def busy(window: MainWindow, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window with an option selected (its stock fields shown) and a cart line (Checkout
    and Remove enabled): the most widgets Tab can reach."""
    select(window, "Grip Color/Red")
    qtbot.waitUntil(lambda: find(window, QWidget, "skuEdit").isVisible())
    window.preview.add_to_cart()
    window.preview.cart.view.setCurrentIndex(window.preview.cart.model.index(0, 0))
    return window


def test_every_widget_tab_reaches_has_a_name(busy: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = find(busy, QWidget, "configuratorList")
    stops = tab_walk(qtbot, busy, start)
    unnamed = [w for w in stops if not spoken_name(w)]
    assert unnamed == [], label(unnamed)
    # The ten the issue named, each by the words of its label.
    expected = {
        "configuratorList": "Configurators",
        "layerFilterEdit": "Filter layers by name or SKU",
        "layersTree": "Layers",
        "layerNameEdit": "Name",
        "layerPriceEdit": "Price",
        "layerSalePriceEdit": "Sale price",
        "layerImageEdit": "Image",
        "skuEdit": texts.SKU,
        "stockQuantitySpin": texts.STOCK_QUANTITY,
        "stockStatusCombo": texts.STOCK_STATUS,
        "quantitySpin": "Quantity",
        "cartView": "Cart",
    }
    named = {w.objectName(): spoken_name(w) for w in stops if w.objectName() in expected}
    assert named == expected
    # Not one focusable widget is left out of the walk or unnamed.
    everything = focusable(busy)
    assert [w for w in everything if not spoken_name(w)] == []


def test_tab_has_no_idle_stops(busy: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    stops = tab_walk(qtbot, busy, find(busy, QWidget, "configuratorList"))
    idle = [
        w
        for w in stops
        if isinstance(w, QAbstractScrollArea) and not isinstance(w, QAbstractItemView)
    ]
    assert idle == [], label(idle)


def test_labels_are_buddies_of_their_fields(busy: MainWindow) -> None:
    panel = busy.settings_panel
    buddies = {
        label.buddy().objectName(): accessibility.spoken(label.text())
        for label in panel.findChildren(QLabel)
        if label.buddy() is not None
    }
    for name in ("layerNameEdit", "layerPriceEdit", "skuEdit", "stockStatusCombo"):
        assert buddies[name] == find(busy, QWidget, name).accessibleName()


def test_global_settings_fields_are_told_apart(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = window.global_settings_dialog
    dialog.open()
    qtbot.waitExposed(dialog)
    names = {w.objectName(): spoken_name(w) for w in focusable(dialog) if w.objectName()}
    assert names["productNameEdit"] == "Product name"
    assert names["woocommerceIdEdit"] == "WooCommerce product id"
    assert names["basePriceEdit"] == "Base price"
    assert all(names.values())
    dialog.reject()


def test_tree_rows_say_their_availability(window: MainWindow) -> None:
    assert tree_index(window, "Grip Color/Yellow").data(SPOKEN) == "Yellow, In Stock"
    assert tree_index(window, "Grip Color/Red").data(SPOKEN) == f"Red, {texts.LOW_STOCK}"
    assert tree_index(window, "Grip Color/Purple").data(SPOKEN) == "Purple, Out of Stock"
    stickers = tree_index(window, "Extras/Stickers")
    assert stickers.data(SPOKEN) == f"Stickers, {texts.AVAILABILITY_WORDS['available']}"
    assert tree_index(window, "Grip Color").data(SPOKEN) == "Grip Color, group"
    assert "SKU: P-1" in tree_index(window, "Grip Color/Purple").data(DESCRIPTION)

    cfg = window.document.configurator
    assert cfg is not None and cfg.id is not None
    window.document.set_configurator_fields(
        cfg.id, {ConfiguratorField.BACKORDERS: Backorders.NOTIFY}
    )
    purple = tree_index(window, "Grip Color/Purple")
    assert purple.data(SPOKEN) == "Purple, On Backorder"
    assert purple.data(DESCRIPTION).startswith("On Backorder — 0 left")


def test_preview_options_say_their_availability(window: MainWindow) -> None:
    purple = window.preview.option_control("Grip Color/Purple")
    assert purple is not None
    assert purple.accessibleName() == "Purple"
    assert purple.accessibleDescription() == "Out of Stock, +$5.00"
    red = window.preview.option_control("Grip Color/Red")
    assert red is not None and red.accessibleDescription() == f"{texts.LOW_STOCK}, +$3.00"


def test_availability_marks_differ_in_shape(qapp) -> None:  # type: ignore[no-untyped-def]
    # The same ink for every mark: only the shapes are compared.
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    names = [*availability_style.ICON_NAMES.values(), availability_style.LOW_ICON]
    drawn = [svg_icons.render(name, black, white, 32).toImage() for name in names]
    shapes = {bytes(image.constBits()) for image in drawn}
    assert len(shapes) == len(names) == 5
    for availability in Availability:  # each state's icon is its own shape
        assert not availability_icon(availability).isNull()
    assert not low_stock_icon().isNull()


def _simulate(color: QColor, kind: str) -> tuple[float, float, float]:
    """Viénot, Brettel & Mollon (1999) dichromat simulation in linear RGB."""

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = linear(color.redF()), linear(color.greenF()), linear(color.blueF())
    if kind == "protan":
        return (0.11238 * r + 0.88762 * g, 0.11238 * r + 0.88762 * g, 0.00401 * r - 0.00401 * g + b)
    return (0.29275 * r + 0.70725 * g, 0.29275 * r + 0.70725 * g, -0.02234 * r + 0.02234 * g + b)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["protan", "deutan"])
def test_availability_colours_stay_apart_for_colour_blind_eyes(qapp, kind: str, theme: str) -> None:  # type: ignore[no-untyped-def]
    marks = [Availability.IN_STOCK, Availability.BACKORDER, Availability.OUT_OF_STOCK]
    pal = palette.theme_palette(theme)
    seen = [_simulate(palette.color(palette.AVAILABILITY_TONES[a], pal), kind) for a in marks]
    for i in range(len(seen)):
        for j in range(i + 1, len(seen)):
            distance = sum((x - y) ** 2 for x, y in zip(seen[i], seen[j], strict=True)) ** 0.5
            assert distance > 0.15, (marks[i], marks[j], distance)


def test_the_other_docks_are_named_too(busy: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    find(busy, QAction, "stockTableAction").trigger()
    busy.scenario_dock.show()
    qtbot.waitUntil(lambda: find(busy, QWidget, "stockTable").isVisible())
    unnamed = [w for w in focusable(busy) if w.window() is busy and not spoken_name(w)]
    assert unnamed == [], label(unnamed)
    assert spoken_name(find(busy, QWidget, "stockTable")) == "Stock table"
