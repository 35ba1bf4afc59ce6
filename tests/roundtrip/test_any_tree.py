"""Any tree WP Configurator could store comes back exactly (docs/wordpress.md): written as a
WordPress export, imported into the editor's database, read back and exported, every meta
value is the text it was (unicode, quotes, backslashes, `]]>`, empty and missing keys, odd PHP
types in settings and node keys)."""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.php_value import PhpArray, PhpValue
from desktop.store import repository
from desktop.store.database import Database, open_database
from desktop.store.exchange import from_dict, to_dict
from desktop.store.wordpress.mapping import read_item
from desktop.store.wordpress.php_serialize import dumps
from desktop.store.wordpress.write_back import write_item
from desktop.store.wordpress.wxr import WxrPost, read_wxr, write_wxr
from tests.wordpress_records import php_values

_uids = itertools.count()

# Keys a node may carry beside the plugin's own (an int among them, as PHP allows).
_EXTRA_KEYS: list[int | str] = ["lock", "hotspot", 7]
# Text a name or a SKU may hold: anything printable, the characters that trouble XML, PHP and
# JSON writers included; never empty once trimmed.
_piece = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    ["]]>", "\\", '"', "'", "<b>", "&amp;", ";}", 's:3:"', " "]
)
_names = st.lists(_piece, min_size=1, max_size=6).map("".join).filter(lambda s: bool(s.strip()))
_flags = st.sampled_from([True, "true", "1", "yes", "off", False, "", "0", "no", 1, 0, None])
_prices = st.sampled_from(["", "0", "5", "12.5", "4.50", "120", "0.99", 7, 3.25, None])
_extra_keys = st.sampled_from(["tags", "color", "control_type", "label", "custom_class", "x y"])


@st.composite
def _settings(draw: st.DrawFn, option: bool) -> PhpValue:
    if draw(st.integers(0, 6)) == 0:
        return draw(st.sampled_from([{}, "", None]))  # empty, or not even an array
    out: PhpArray = {}
    keys = ["hide_control", *(["price", "sale_price", "active", "manage_stock", "sku",
            "stock_quantity", "stock_status", "low_stock_amount"] if option
            else ["required", "multiple"])]  # fmt: skip
    for key in draw(st.permutations(keys)):
        if draw(st.booleans()):
            continue  # a missing key
        if key in ("price",):
            out[key] = draw(_prices)
        elif key == "sale_price":
            out[key] = draw(st.sampled_from(["", "0", None]))
        elif key == "sku":
            out[key] = (
                draw(st.sampled_from(["", None]))
                if draw(st.booleans())
                else (f"SKU-{next(_uids)}-" + draw(_names).strip()[:20])
            )
        elif key == "stock_quantity":
            out[key] = draw(st.sampled_from([None, "", 0, -3, 5, "7", 999_999]))
        elif key == "stock_status":
            out[key] = draw(st.sampled_from(["instock", "outofstock", "onbackorder", ""]))
        elif key == "low_stock_amount":
            out[key] = draw(st.sampled_from([None, "", 2, "4"]))
        else:
            out[key] = draw(_flags)
        if draw(st.integers(0, 3)) == 0:
            out[draw(_extra_keys)] = draw(php_values)
    if option and draw(st.booleans()):
        out["views"] = {"front": {"image": draw(st.integers(1, 9999))}, "side": {"x": -1.5}}
    return out


@st.composite
def _node(draw: st.DrawFn, kind: str, depth: int) -> PhpArray:
    node: PhpArray = {}
    keys = ["name", "uid", "type", "actions", "settings", "children", "extra"]
    for key in draw(st.permutations(keys)):
        if key == "name":
            node["name"] = draw(_names)
        elif key == "uid":
            node["uid"] = f"{next(_uids) % 10000:04d}-{draw(st.sampled_from(['aB1c', 'Zz9z']))}"
        elif key == "type":
            node["type"] = kind
        elif key == "actions" and draw(st.booleans()):
            node["actions"] = draw(php_values)
        elif key == "settings" and draw(st.integers(0, 4)):
            node["settings"] = draw(_settings(kind == "image"))
        elif key == "children" and kind != "image":
            inner = "image" if kind == "sub_group" or depth > 1 else None
            count = draw(st.integers(0, 3))
            node["children"] = {
                i: draw(_node(inner or draw(st.sampled_from(["image", "sub_group"])), depth + 1))
                for i in range(count)
            }
        elif key == "extra" and draw(st.integers(0, 3)) == 0:
            node[draw(st.sampled_from(_EXTRA_KEYS))] = draw(php_values)
    return node


@st.composite
def trees(draw: st.DrawFn) -> PhpArray:
    return {i: draw(_node("group", 0)) for i in range(draw(st.integers(0, 3)))}


@pytest.fixture(scope="module")
def database() -> Iterator[Database]:
    with tempfile.TemporaryDirectory(prefix="wp-any-tree-") as folder:
        db = open_database(Path(folder) / "shop.db")
        yield db
        db.close()


def _post(tree: PhpArray, other: PhpValue, title: str) -> WxrPost:
    return WxrPost(
        title=title,
        post_type="amz_configurator",
        status="publish",
        post_id=42,
        fields=[("wp:post_date", "2026-12-05 08:17:55")],
        meta=[
            ("_wpc_base_price", "49"),
            ("_wpc_components", dumps(tree)),
            ("_wpc_other", dumps(other) if isinstance(other, dict) else str(other)),
            ("_wpc_description", title),
        ],
    )


@given(tree=trees(), other=php_values, title=_names)
@settings(
    max_examples=25,
    # The database fixture is shared by the examples on purpose; listing a check replaces
    # the profile's list (conftest.py), so too_slow is named again.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_tree_comes_back_exactly(
    database: Database, tree: PhpArray, other: PhpValue, title: str
) -> None:
    sent = _post(tree, other, title)
    (read,) = read_wxr(write_wxr([sent])).posts
    item = read_item(read)
    with database.session() as session:
        (new_id,) = repository.insert_configurators(
            session, [item.configurator], free_name=True, layer_values_checked=True
        )
        stored = repository.load_configurator(session, new_id)
    # and through the exchange JSON, as a team mate's file would carry it
    carried = from_dict(json.loads(json.dumps(to_dict(stored))))
    carried.name = stored.name
    for cfg in (stored, carried):
        (back,) = read_wxr(write_wxr([write_item(cfg).post])).posts
        assert back.meta == read.meta
        assert (back.title, back.status, back.post_id) == (read.title, "publish", 42)


def test_a_price_the_editor_changed_is_the_only_difference(database: Database) -> None:
    tree: PhpArray = {
        0: {"name": "G", "uid": "AAAA-0001", "type": "group", "children": {
            0: {"name": "O", "uid": "AAAA-0002", "type": "image",
                "settings": {"price": "5", "odd": "true"}}}},
    }  # fmt: skip
    item = read_item(_post(tree, None, "T"))
    item.configurator.layers[0].children[0].price = Decimal("6.25")
    meta = dict(write_item(item.configurator).post.meta)
    expected = {0: {"name": "G", "uid": "AAAA-0001", "type": "group", "children": {
        0: {"name": "O", "uid": "AAAA-0002", "type": "image",
            "settings": {"price": "6.25", "odd": "true"}}}}}  # fmt: skip
    assert meta["_wpc_components"] == dumps(expected)
