"""The demo (docs/data-model.md) and `open_store`, which seeds it into every new database."""

from __future__ import annotations

import struct
from pathlib import Path

from desktop.domain import stock
from desktop.domain.model import Backorders, Layer
from desktop.domain.storefront import Storefront
from desktop.store import repository
from desktop.store.database import default_database_path
from desktop.store.demo import demo_path, load_demo, open_store
from desktop.store.media import media_dir, resolve_image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_header(path: Path) -> tuple[int, int, int]:
    """Width, height and colour type from a PNG's IHDR chunk (no image library needed)."""
    data = path.read_bytes()[:26]
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height, data[25]


def test_the_demo_ships_inside_the_package() -> None:
    path = demo_path()
    assert path.is_file() and path.parent.name == "demo"


def test_the_demo_is_spec_8s_controller() -> None:
    cfg = load_demo()
    assert (cfg.name, str(cfg.base_price), cfg.backorders) == (
        "Custom Game Controller",
        "49.00",
        Backorders.NOTIFY,
    )
    assert (cfg.product_name, cfg.woocommerce_id, cfg.currency) == ("Game Controller", 123, "$")
    grip = cfg.find_path("Grip Color")
    assert grip is not None and grip.required and not grip.multiple
    grips = [(o.name, o.stock.manage, o.stock.sku, o.stock.quantity) for o in grip.children]
    assert grips == [
        ("Metallic Yellow", True, "CASE-YELLOW-METALLIC", 5),
        ("Metallic Red", True, "CASE-RED-METALLIC", 2),
        ("Metallic Purple", True, "CASE-PURPLE-METALLIC", 0),
    ]
    assert grip.children[0].active_on_load
    others = [o for o in cfg.options() if o.parent is not grip]
    assert others and not any(o.stock.manage for o in others)
    assert any(o.sale_price is not None for o in others)
    assert any(layer.multiple and layer.type == "sub_group" for layer in cfg.walk())


def test_the_body_is_hidden_and_composed_first() -> None:
    body = load_demo().layers[0]
    assert body.hidden and [o.active_on_load for o in body.children] == [True]


def test_every_visible_group_has_a_selectable_default() -> None:
    cfg = load_demo()

    def has_default(node: Layer) -> bool:
        return any(
            o.active_on_load and stock.option_state(True, o.stock, cfg.backorders).selectable
            for o in node.walk()
            if not o.is_group
        )

    groups = [n for n in cfg.walk() if n.is_group and not n.hidden_in_controls()]
    assert groups and all(has_default(g) for g in groups)
    front = Storefront(cfg)
    front.select_defaults()
    assert front.add_to_cart(1) == []


def test_the_demo_images_are_same_size_transparent_pngs() -> None:
    cfg = load_demo()
    images = {o.image for o in cfg.options()}
    assert all(images)
    headers = {png_header(demo_path().parent / image) for image in images}
    (width, height, colour_type), *rest = headers
    assert not rest, headers  # one size for all, so they stack
    assert (width, height) == (600, 400)
    assert colour_type == 6  # RGBA: a transparent background


def test_a_new_database_gets_the_demo_once(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = open_store(path)
    try:
        assert db.created
        with db.session() as session:
            (summary,) = repository.list_configurators(session)
            assert repository.last_configurator(session) == summary.id
            cfg = repository.load_configurator(session, summary.id)
            repository.delete_configurator(session, summary.id)
    finally:
        db.close()
    assert all(resolve_image(path, o.image) is not None for o in cfg.options())
    reopened = open_store(path)
    try:
        assert not reopened.created
        with reopened.session() as session:
            assert repository.list_configurators(session) == []  # deleted stays deleted
    finally:
        reopened.close()


def test_the_default_database_lives_in_the_users_data_folder(isolated_user_dirs: Path) -> None:
    db = open_store(None)
    db.close()
    path = default_database_path()
    assert path.is_relative_to(isolated_user_dirs)
    assert db.path == path and path.is_file()
    assert (media_dir(path) / "images" / "body.png").is_file()
