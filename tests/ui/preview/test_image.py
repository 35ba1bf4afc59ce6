"""The product image: selected layers stacked in layer order, compared pixel by pixel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from desktop.store.media import media_dir
from desktop.ui.editing.commands import MoveLayer, SetLayerFields
from desktop.ui.preview.image_view import ProductImage

from .conftest import Shop, controller, controls, draw_image, make_shop, option

SQUARE = (13, 13)  # inside the buttons' square (10..17)
CORNER = (1, 1)  # only the grip colour there


def shown(shop: Shop) -> QImage:
    """What the image widget draws (scaled to it, at its device pixel ratio)."""
    view = shop.pane.findChild(ProductImage, "productImage")
    assert view is not None
    pixmap = view.pixmap()
    assert not pixmap.isNull()
    return pixmap.toImage()


def pixel(shop: Shop, xy: tuple[int, int]) -> str:
    composed = shop.pane.image.composed()
    assert composed is not None
    return composed.pixelColor(*xy).name()


def test_stack_follows_the_selection(shop: Shop) -> None:
    assert pixel(shop, CORNER) == "#ffd400"
    assert pixel(shop, SQUARE) == "#101010"
    before = shown(shop)
    grabbed_before = shop.pane.grab().toImage()
    controls(shop.pane)["Metallic Red"].click()
    assert pixel(shop, CORNER) == "#d00000"
    after = shown(shop)
    assert after != before
    centre = after.pixelColor(after.width() // 20, after.height() // 20)
    assert centre == QColor("#d00000")
    assert shop.pane.grab().toImage() != grabbed_before
    controls(shop.pane)["Blue Buttons"].click()
    assert pixel(shop, SQUARE) == "#1040ff"


def test_pixmap_is_drawn_at_the_device_pixel_ratio(shop: Shop) -> None:
    view = shop.pane.image
    pixmap = view.pixmap()
    assert pixmap.devicePixelRatio() == view.devicePixelRatioF()
    size = pixmap.deviceIndependentSize()
    assert size.width() <= view.width() and size.height() <= view.height()
    # Aspect ratio of the 40 × 30 layers kept.
    assert abs(size.width() / size.height() - 40 / 30) < 0.05


def test_layer_order_decides_what_is_on_top(shop: Shop) -> None:
    assert pixel(shop, SQUARE) == "#101010"
    buttons_id = shop.layer_id("Buttons")
    shop.stack.push(MoveLayer(shop.document, buttons_id, None, 0))
    # Buttons are now the bottom layer: the opaque grip covers them.
    assert pixel(shop, SQUARE) == "#ffd400"
    shop.stack.undo()
    assert pixel(shop, SQUARE) == "#101010"


def test_image_field_edit_recomposes(shop: Shop, db_path: Path) -> None:
    yellow_id = shop.layer_id("Grip Color/Metallic Yellow")
    shop.stack.push(
        SetLayerFields(shop.document, yellow_id, {"image": "images/purple.png"}, "image")
    )
    assert pixel(shop, CORNER) == "#7a1fa2"
    shop.stack.undo()
    assert pixel(shop, CORNER) == "#ffd400"
    # A file replaced under the same name is read again when the field is set to it.
    draw_image(media_dir(db_path) / "images" / "green.png", "#00a000")
    shop.stack.push(SetLayerFields(shop.document, yellow_id, {"image": "images/green.png"}, "i"))
    assert pixel(shop, CORNER) == "#00a000"
    draw_image(media_dir(db_path) / "images" / "green.png", "#008000")
    shop.stack.push(SetLayerFields(shop.document, yellow_id, {"image": ""}, "i"))
    shop.stack.push(SetLayerFields(shop.document, yellow_id, {"image": "images/green.png"}, "i"))
    assert pixel(shop, CORNER) == "#008000"


def test_missing_and_unreadable_images_are_skipped(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db_path = tmp_path / "m.db"
    folder = media_dir(db_path) / "images"
    folder.mkdir(parents=True)
    (folder / "broken.png").write_bytes(b"not a png")
    (folder / "not-a-folder.png").write_bytes(b"a file where a folder is expected")
    draw_image(folder / "black.png", "#101010", (10, 10, 8, 8))
    cfg = controller()
    grip = cfg.layers[0]
    grip.children[0].image = "images/gone.png"
    grip.children[1].image = "images/broken.png"
    grip.children[2].image = "images/not-a-folder.png/escape.png"
    shop = make_shop(qtbot, db_path, cfg)
    assert pixel(shop, SQUARE) == "#101010"
    for name in ("Metallic Red", "Metallic Purple"):
        controls(shop.pane)[name].click()
        assert pixel(shop, SQUARE) == "#101010"


def test_no_images_at_all(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = controller()
    cfg.layers[0].children.clear()
    cfg.layers[0].children.append(option("Plain", default=True))
    cfg.layers[0].children[0].parent = cfg.layers[0]
    shop = make_shop(qtbot, tmp_path / "none.db", cfg)  # no media folder
    assert shop.pane.image.composed() is None
    assert shop.pane.image.pixmap().isNull()
    shop.pane.grab()  # paints the placeholder without trouble
