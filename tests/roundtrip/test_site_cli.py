"""`import SITE.xml` and `export --format wordpress` on the sample export (docs/wordpress.md):
what is imported and warned about, every refusal's line, and the round trip with and without
an edit."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.fields import LayerField
from desktop.domain.model import Layer, LayerType, StockStatus
from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.demo import open_store
from tests.roundtrip.helpers import DEMO_IMAGES, SAMPLE, diff, meta_values, posts, run

NO_MEDIA = "not copied in (no --media folder given)"
KEEPS = "the option keeps its WordPress image, shown as a placeholder"


def _names(db: Path) -> list[str]:
    store = open_store(db)
    try:
        with store.session() as session:
            return [c.name for c in repository.list_configurators(session)]
    finally:
        store.close()


def test_the_sample_imports_both_configurators_and_warns_per_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    code, out, err = run(["--db", db, "import", SAMPLE, "--media", DEMO_IMAGES], capsys)
    assert code == 0
    assert out == "2\tCustom Game Controller (2)\n3\tDesk Lamp\n"
    missing = f"not found in {DEMO_IMAGES}"
    assert err.splitlines() == [
        f'configurator-editor: warning: "Custom Game Controller", Body/Controller Shell: image '
        f'"shell.png" (attachment 2001) {missing}; {KEEPS}',
        f'configurator-editor: warning: "Desk Lamp", Shade/Linen: image "linen-front.png" '
        f"(attachment 2101) {missing}; {KEEPS}",
        f'configurator-editor: warning: "Desk Lamp", Shade/Brass "Antique" <b>finish<\\/b>: image '
        f'"brass-front.png" (attachment 2103) {missing}; {KEEPS}',
    ]
    store = open_database(db)
    try:
        with store.session() as session:
            controller = repository.load_configurator(session, 2)
            lamp = repository.load_configurator(session, 3)
    finally:
        store.close()
    assert (sum(1 for _ in controller.options()), sum(1 for _ in lamp.options())) == (8, 4)
    assert controller.base_price == Decimal("49.00") and controller.backorders.value == "notify"
    yellow = controller.find_path("Grip Color/Metallic Yellow")
    assert yellow is not None and yellow.image == "images/grip-yellow.png"
    assert (yellow.stock.manage, yellow.stock.sku, yellow.stock.quantity) == (
        True,
        "CASE-YELLOW-METALLIC",
        5,
    )
    assert (tmp_path / "shop-media" / "images" / "grip-yellow.png").is_file()
    chrome = controller.find_path("Buttons/Chrome")
    assert chrome is not None and (chrome.price, chrome.sale_price) == (Decimal(6), Decimal("4.5"))
    paddles = controller.find_path("Extras/Back Paddles")
    assert paddles is not None and paddles.type is LayerType.SUB_GROUP and paddles.multiple
    smart = lamp.find_path("Bulb/Smart bulb")
    assert smart is not None and smart.hidden
    # An image the copy of the uploads lacks keeps a path naming its file.
    shell = controller.find_path("Body/Controller Shell")
    assert shell is not None and shell.image == "images/shell.png"


def test_without_media_every_image_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["--db", tmp_path / "shop.db", "import", SAMPLE], capsys)
    assert code == 0 and len(out.splitlines()) == 2
    assert len(err.splitlines()) == 6 and all(NO_MEDIA in line for line in err.splitlines())


def test_no_edit_writes_back_every_meta_value_as_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out_file = tmp_path / "shop.db", tmp_path / "out" / "site.xml"
    run(["--db", db, "import", SAMPLE, "--media", DEMO_IMAGES], capsys)
    code, out, err = run(
        ["--db", db, "export", "2", "Desk Lamp", "--format", "wordpress", "-o", out_file], capsys
    )
    assert (code, out, err) == (0, "", "")
    for before, after in zip(posts(SAMPLE), posts(out_file), strict=True):
        assert after.meta == before.meta  # the raw text, byte for byte
        assert (after.title, after.status, after.post_id) == (
            before.title,
            before.status,
            before.post_id,
        )
        assert after.fields == before.fields


def test_an_edit_changes_exactly_that(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, out_file = tmp_path / "shop.db", tmp_path / "site.xml"
    run(["--db", db, "import", SAMPLE, "--media", DEMO_IMAGES], capsys)
    store = open_database(db)
    try:
        with store.session() as session:
            cfg = repository.load_configurator(session, 2)
            red = cfg.find_path("Grip Color/Metallic Red")
            chrome = cfg.find_path("Buttons/Chrome")
            lower = cfg.find_path("Extras/Back Paddles/Lower Paddles")
            buttons = cfg.find_path("Buttons")
            assert red and chrome and lower and buttons and red.id and chrome.id and lower.id
            assert cfg.id is not None and cfg.layers[2].id is not None
            repository.update_layer(
                session,
                red.id,
                {LayerField.PRICE: Decimal("1250.75"), LayerField.STOCK_QUANTITY: 7},
            )
            repository.update_layer(session, chrome.id, {LayerField.SALE_PRICE: None})
            repository.update_layer(
                session, lower.id, {LayerField.STOCK_STATUS: StockStatus.OUT_OF_STOCK}
            )
            purple = cfg.find_path("Grip Color/Metallic Purple")
            assert purple and purple.id
            repository.delete_layer(session, purple.id)
            new = Layer("Retro", LayerType.IMAGE, price=Decimal("2.50"), active_on_load=False)
            repository.insert_layer(session, cfg.id, cfg.layers[2].id, None, new)
    finally:
        store.close()
    code, _out, err = run(
        ["--db", db, "export", "2", "--format", "wordpress", "-o", out_file], capsys
    )
    assert (code, err) == (0, "")
    (before,) = [p for p in posts(SAMPLE) if p.title == "Custom Game Controller"]
    (after,) = posts(out_file)
    old, new_meta = meta_values(before), meta_values(after)
    assert [k for k, _ in after.meta] == [k for k, _ in before.meta]
    assert {k: v for k, v in old.items() if k != "_wpc_components"} == {
        k: v for k, v in new_meta.items() if k != "_wpc_components"
    }
    changes = diff(old["_wpc_components"], new_meta["_wpc_components"])
    # PHP values read back, whose shape the assertions below check.
    old_tree: Any = old["_wpc_components"]
    new_tree: Any = new_meta["_wpc_components"]
    added = new_tree[2]["children"][2]
    uid = added["uid"]
    assert re.fullmatch(r"[0-9A-Za-z]{4}-[0-9A-Za-z]{4}", uid)
    purple_node = old_tree[1]["children"][2]
    expected = {
        # Metallic Red: price as the plugin's text, quantity as an integer
        "[1]['children'][1]['settings']['price']": (("str", "3"), ("str", "1250.75")),
        "[1]['children'][1]['settings']['stock_quantity']": (("int", 2), ("int", 7)),
        # Chrome's sale price emptied: its key gone
        "[2]['children'][1]['settings']#keys": (
            [("str", "price"), ("str", "sale_price")],
            [("str", "price")],
        ),
        "[2]['children'][1]['settings']['sale_price']": (("str", "4.50"), None),
        # Lower Paddles out of stock
        "[3]['children'][0]['children'][1]['settings']#keys": (
            [("str", "price")],
            [("str", "price"), ("str", "stock_status")],
        ),
        "[3]['children'][0]['children'][1]['settings']['stock_status']": (
            None,
            ("str", "outofstock"),
        ),
        # Metallic Purple deleted
        "[1]['children']#keys": ([("int", 0), ("int", 1), ("int", 2)], [("int", 0), ("int", 1)]),
        # a new option in Buttons with a fresh uid and the editor's default actions
        "[2]['children']#keys": ([("int", 0), ("int", 1)], [("int", 0), ("int", 1), ("int", 2)]),
    }
    purple_paths = {p for p in changes if p.startswith("[1]['children'][2]")}
    added_paths = {p for p in changes if p.startswith("[2]['children'][2]")}
    assert {p: changes[p] for p in changes if p not in purple_paths | added_paths} == expected
    assert all(changes[p][1] is None for p in purple_paths)
    assert purple_node["name"] == "Metallic Purple"
    assert added == {
        "name": "Retro",
        "uid": uid,
        "type": "image",
        "actions": {"open": False, "show": True},
        "settings": {"price": "2.50"},
    }


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (
            's:5:"price";s:1:"3";',
            's:5:"price";s:8:"1,250.75";',
            '_wpc_components: [1].children[1].settings.price: "1,250.75" is not a price WP '
            "Configurator reads as written (it reads 1); write digits with a dot for decimals "
            "and no thousands separator, such as 1250.75",
        ),
        (
            's:5:"price";s:1:"3";',
            's:5:"price";s:3:"abc";',
            '_wpc_components: [1].children[1].settings.price: "abc" is not a price WP '
            "Configurator reads as written (it reads 0); write digits with a dot for decimals "
            "and no thousands separator, such as 1250.75",
        ),
        (
            'a:1:{s:5:"front";s:5:"Front";}',
            'a:1:{s:5:"front";s:6:"Front";}',
            "_wpc_views: does not unserialize",
        ),
        (
            'a:1:{s:5:"front";s:5:"Front";}',
            'O:8:"stdClass":0:{}',
            "_wpc_views: does not unserialize",
        ),
        (
            's:17:"CASE-RED-METALLIC"',
            's:20:"CASE-YELLOW-METALLIC"',
            '_wpc_components: [1].children[1].settings.sku: "CASE-YELLOW-METALLIC" is also the '
            "SKU of [1].children[0] (the editor needs each SKU once per configurator)",
        ),
        (
            's:3:"sku";s:17:"CASE-RED-METALLIC"',
            's:10:"backorders";s:5:"maybe"',
            '_wpc_components: [1].children[1].settings.backorders: "maybe" is not one of "no", '
            '"notify", "yes"',
        ),
        (
            "R3d0-im03",
            "Ye11-im02",
            '_wpc_components: [1].children[1].uid: "Ye11-im02" is also the uid of '
            "[1].children[0] (uids are unique)",
        ),
        (
            's:4:"type";s:5:"image";s:7:"actions";a:2:{s:4:"open";b:0;s:4:"show";b:1;}'
            's:8:"settings";a:3:{s:5:"price";s:1:"0";s:6:"active";b:1;s:5:"views";a:1:'
            '{s:5:"front";a:1:{s:5:"image";i:2001;}}}',
            's:4:"type";s:7:"hotspot";s:7:"actions";a:2:{s:4:"open";b:0;s:4:"show";b:1;}'
            's:8:"settings";a:3:{s:5:"price";s:1:"0";s:6:"active";b:1;s:5:"views";a:1:'
            '{s:5:"front";a:1:{s:5:"image";i:2001;}}}',
            '_wpc_components: [0].children[0].type: "hotspot" is not a layer type (expected '
            '"group", "sub_group", "image")',
        ),
    ],
)
def test_a_refused_item_names_its_title_and_meta_key_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, line: str
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "site.xml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    db = tmp_path / "shop.db"
    before = _names(db)
    code, out, err = run(["--db", db, "import", bad], capsys)
    assert (code, out) == (2, "")
    prefix = f'configurator-editor: error: cannot import {bad}: item "Custom Game Controller", '
    assert err.startswith(prefix + line), err
    assert len(err.splitlines()) == 1
    assert _names(db) == before  # nothing imported, "Desk Lamp" neither


def test_a_tree_that_is_not_a_list_of_nodes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index('<![CDATA[a:2:{i:0;a:6:{s:4:"name";s:5:"Shade"')
    end = text.index("]]>", start)
    bad = tmp_path / "site.xml"
    bad.write_text(text[:start] + '<![CDATA[a:1:{s:4:"name";s:5:"Shade";}' + text[end:])
    code, _, err = run(["--db", tmp_path / "shop.db", "import", bad], capsys)
    assert code == 2
    assert err == (
        f'configurator-editor: error: cannot import {bad}: item "Desk Lamp", _wpc_components: '
        "the tree: is not a list of nodes\n"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not xml", None),  # an exchange file's own refusal
        (b"<rss><channel></channel>", "not XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss><channel>'
            b"<wp:wxr_version>1.2</wp:wxr_version></channel></rss>",
            "a DOCTYPE is not allowed in a WordPress export",
        ),
        (
            b'<?xml version="1.0"?><html><body/></html>',
            "not a WordPress export (the root element is <html>)",
        ),
        (b"<b>not json</b>", "invalid JSON at line 1"),  # not XML enough: an exchange file
    ],
)
def test_files_that_are_no_wordpress_export_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, problem: str | None
) -> None:
    bad = tmp_path / "site.xml"
    bad.write_bytes(content)
    code, out, err = run(["--db", tmp_path / "shop.db", "import", bad], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"configurator-editor: error: cannot import {bad}: ")
    if problem is not None:
        assert problem in err


def test_a_file_without_configurators_and_skipped_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    only_pages = text.replace("amz_configurator]]", "page]]")
    bad = tmp_path / "pages.xml"
    bad.write_text(only_pages, encoding="utf-8")
    code, _, err = run(["--db", tmp_path / "shop.db", "import", bad], capsys)
    assert code == 2
    assert err == (
        f"configurator-editor: error: cannot import {bad}: "
        f"no WP Configurator configurators in {bad}\n"
    )
    one_page = tmp_path / "mixed.xml"
    one_page.write_text(text.replace("amz_configurator]]", "page]]", 1), encoding="utf-8")
    code, out, err = run(["--db", tmp_path / "shop.db", "import", one_page, "--name", "Lamp"],
                         capsys)  # fmt: skip
    assert (code, out) == (0, "2\tLamp\n")
    assert err.splitlines()[0] == (
        "configurator-editor: skipped 1 item that is not a configurator (page: 1)"
    )


def test_name_applies_to_one_configurator_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["--db", tmp_path / "shop.db", "import", SAMPLE, "--name", "X"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"configurator-editor: error: cannot import {SAMPLE}: --name applies to a file of one "
        "configurator; this one has 2\n"
    )


def test_images_chosen_here_are_written_beside_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, out_file = tmp_path / "shop.db", tmp_path / "site.xml"
    run(["--db", db, "import", SAMPLE, "--media", DEMO_IMAGES], capsys)
    store = open_database(db)
    try:
        with store.session() as session:
            cfg = repository.load_configurator(session, 2)
            red = cfg.find_path("Grip Color/Metallic Red")
            assert red is not None and red.id is not None
            repository.update_layer(session, red.id, {LayerField.IMAGE: "images/grip-purple.png"})
    finally:
        store.close()
    code, out, err = run(
        ["--db", db, "export", "2", "--format", "wordpress", "-o", out_file], capsys
    )
    assert (code, err) == (0, "")
    upload = tmp_path / "site-images" / "grip-purple.png"
    assert out == (
        f"upload {upload} to the Media Library and choose it for Grip Color/Metallic Red in "
        '"Custom Game Controller (2)"\n'
    )
    assert upload.read_bytes() == (DEMO_IMAGES / "grip-purple.png").read_bytes()
    (after,) = posts(out_file)
    tree = meta_values(after)["_wpc_components"]
    red_settings = tree[1]["children"][1]["settings"]  # type: ignore[index]
    assert isinstance(red_settings, dict)
    assert "views" not in red_settings  # no attachment on the site holds it yet


def test_without_a_file_the_export_goes_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    run(["--db", db, "import", SAMPLE], capsys)
    code, out, err = run(["--db", db, "export", "Desk Lamp", "--format", "wordpress"], capsys)
    assert (code, err) == (0, "")
    written = tmp_path / "out.xml"
    written.write_text(out, encoding="utf-8")
    (lamp,) = [p for p in posts(SAMPLE) if p.title == "Desk Lamp"]
    assert posts(written)[0].meta == lamp.meta
    # The demo's images were chosen here: they must go beside a file.
    code, out, err = run(["--db", db, "export", "1", "--format", "wordpress"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        'configurator-editor: error: cannot export: "Custom Game Controller", Body/Controller '
        "Shell: an image chosen here must be uploaded beside the export; write it to a file "
        "with -o FILE.xml\n"
    )
