"""The promise, against a real WordPress (tests/wordpress_site.py): a configurator stored as WP
Configurator stores it, exported by core's export_wp(), imported into the editor, exported
back and loaded by the importer, gives back every meta value exactly; after an edit, exactly
that edit differs (docs/wordpress.md)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from desktop.domain.fields import LayerField
from desktop.domain.model import Configurator, Layer, LayerType, StockStatus
from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.wordpress.php_serialize import loads
from tests.roundtrip.helpers import diff, run
from tests.wordpress_site import Site, StoredPost

ODD = 'Q "quoted" back\\slash ]]> <b>tag</b> ✦ 😀'


def bench_tree() -> list[dict[str, object]]:
    """A workbench configurator of our own making, with stock, odd PHP types and awkward text."""
    return [
        {
            "name": "Top",
            "uid": "T0p0-gr01",
            "type": "group",
            "actions": {"open": True, "show": True, "lock": False},
            "settings": {"required": True, "description": f"<p>{ODD}</p>"},
            "children": [
                {
                    "name": "Oak",
                    "uid": "Oak0-im01",
                    "type": "image",
                    "actions": {"open": False, "show": True},
                    "settings": {
                        "price": "120",
                        "active": "true",
                        "manage_stock": True,
                        "sku": "BENCH-OAK",
                        "stock_quantity": 4,
                        "stock_status": "instock",
                        "low_stock_amount": 1,
                        "views": {"front": {"image": 3001}, "side": {"image": 3002, "x": -2.5}},
                    },
                },
                {
                    "name": f"Walnut {ODD}",
                    "uid": "Wa1n-im02",
                    "type": "image",
                    "actions": {"open": False, "show": True},
                    "settings": {
                        "price": "180.5",
                        "sale_price": "150",
                        "manage_stock": True,
                        "sku": "BENCH-WALNUT",
                        "stock_quantity": 0,
                        "stock_status": "onbackorder",
                        "weight": 1.5,
                        "nothing": None,
                        "off": False,
                    },
                },
            ],
        },
        {
            "name": "Legs",
            "uid": "Leg5-gr02",
            "type": "group",
            "actions": {"open": True, "show": True},
            "settings": [],
            "children": [
                {
                    "name": "Steel",
                    "uid": "St33-im03",
                    "type": "image",
                    "actions": {"open": False, "show": True},
                    "settings": {"price": "0", "active": True, "tags": ["metal", "cold"]},
                },
                {
                    "name": "Brass",
                    "uid": "Br4s-im04",
                    "type": "image",
                    "actions": {"open": False, "show": True},
                    "settings": {"price": "35", "hide_control": True},
                },
            ],
        },
    ]


def bench_meta() -> dict[str, object]:
    return {
        "_wpc_components": bench_tree(),
        "_wpc_editor_images": {
            3001: {
                "uid": "Oak0-im01",
                "key": "image",
                "src": "http://shop/wp-content/uploads/oak.png",
                "width": 800,
                "height": 600,
            },
        },
        "_wpc_views": {"front": "Front", "side-Ab12-cD34": "Side ✦"},
        "_wpc_base_price": "249",
        "_wpc_product_id": "",
        "_wpc_backorders": "notify",
        "_wpc_description": f"<p>{ODD}</p>",
        "_wpc_custom_css": ".bench > .top { content: ']]>'; }",
        "_wpc_data_version": "3.4",
        "_wpc_config_style": "accordion",
    }


def _through_the_editor(
    wordpress: Site,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[Session, Configurator], None] | None = None,
) -> tuple[list[StoredPost], list[StoredPost]]:
    """Store the bench, export it from WordPress, import into the editor, (edit,) export, load
    into an emptied WordPress; the posts WordPress gives back before and after."""
    ids = wordpress.store_configurators([(f"Workbench {ODD}", bench_meta(), "publish")])
    before = wordpress.posts(ids)
    site_file = tmp_path / "site.xml"
    site_file.write_bytes(wordpress.export())
    db = tmp_path / "shop.db"
    code, out, _ = run(["--db", db, "import", site_file], capsys)
    assert code == 0 and out.endswith(f"\tWorkbench {ODD}\n")
    new_id = int(out.split("\t")[0])
    if edit is not None:
        store = open_database(db)
        try:
            with store.session() as session:
                edit(session, repository.load_configurator(session, new_id))
        finally:
            store.close()
    back = tmp_path / "back.xml"
    code, _, err = run(["--db", db, "export", str(new_id), "--format", "wordpress", "-o", back],
                       capsys)  # fmt: skip
    assert (code, err) == (0, "")
    wordpress.delete_configurators()
    after = wordpress.posts(wordpress.import_wxr(back.read_bytes()))
    return before, after


def test_no_edit_gives_back_every_meta_value(
    wordpress: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = _through_the_editor(wordpress, tmp_path, capsys)
    assert len(before) == len(after) == 1
    assert after[0]["meta"] == before[0]["meta"]
    assert (after[0]["title"], after[0]["status"]) == (before[0]["title"], "publish")


def _stored_id(cfg: Configurator, path: str) -> int:
    layer = cfg.find_path(path)
    assert layer is not None and layer.id is not None
    return layer.id


def _edit(session: Session, cfg: Configurator) -> None:
    assert cfg.id is not None
    price_and_quantity = {LayerField.PRICE: Decimal("125.50"), LayerField.STOCK_QUANTITY: 9}
    repository.update_layer(session, _stored_id(cfg, "Top/Oak"), price_and_quantity)
    repository.update_layer(
        session,
        _stored_id(cfg, f"Top/Walnut {ODD}"),
        {LayerField.STOCK_STATUS: StockStatus.OUT_OF_STOCK, LayerField.MANAGE_STOCK: False},
    )
    repository.delete_layer(session, _stored_id(cfg, "Legs/Brass"))
    added = Layer("Chrome", LayerType.IMAGE, price=Decimal("20.00"))
    repository.insert_layer(session, cfg.id, _stored_id(cfg, "Legs"), None, added)


def test_an_edit_is_exactly_what_differs(
    wordpress: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = _through_the_editor(wordpress, tmp_path, capsys, _edit)
    old = dict(before[0]["meta"])
    new = dict(after[0]["meta"])
    assert {k: v for k, v in old.items() if k != "_wpc_components"} == {
        k: v for k, v in new.items() if k != "_wpc_components"
    }
    old_tree, new_tree = loads(old["_wpc_components"]), loads(new["_wpc_components"])
    # A PHP value read back, whose shape the assertions below check.
    legs: Any = new_tree[1] if isinstance(new_tree, dict) else None
    added = legs["children"][1]
    changes = diff(old_tree, new_tree)
    brass = {p for p in changes if p.startswith("[1]['children'][1]")}
    assert {p: changes[p] for p in changes if p not in brass} == {
        "[0]['children'][0]['settings']['price']": (("str", "120"), ("str", "125.50")),
        "[0]['children'][0]['settings']['stock_quantity']": (("int", 4), ("int", 9)),
        "[0]['children'][1]['settings']#keys": (
            [
                ("str", k)
                for k in (
                    "price",
                    "sale_price",
                    "manage_stock",
                    "sku",
                    "stock_quantity",
                    "stock_status",
                    "weight",
                    "nothing",
                    "off",
                )
            ],
            [
                ("str", k)
                for k in (
                    "price",
                    "sale_price",
                    "sku",
                    "stock_quantity",
                    "stock_status",
                    "weight",
                    "nothing",
                    "off",
                )
            ],
        ),
        "[0]['children'][1]['settings']['manage_stock']": (("bool", True), None),
        "[0]['children'][1]['settings']['stock_status']": (
            ("str", "onbackorder"),
            ("str", "outofstock"),
        ),
    }
    assert added == {
        "name": "Chrome",
        "uid": added["uid"],
        "type": "image",
        "actions": {"open": False, "show": True},
        "settings": {"price": "20.00"},
    }
    assert added["uid"] not in repr(old_tree)
