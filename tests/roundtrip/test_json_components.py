"""`_wpc_components` stored as a JSON string (some plugin versions) is read, and written back in
that form: unedited, as the very text read; edited, as JSON again (docs/wordpress.md)."""

from __future__ import annotations

import json
from decimal import Decimal

from desktop.store.wordpress.mapping import read_item
from desktop.store.wordpress.write_back import write_item
from desktop.store.wordpress.wxr import WxrPost

TREE = (
    '[{"name":"Colour","uid":"C0l0-ur01","type":"group","settings":{"required":true},'
    '"children":[{"name":"R\\u00f6d \\/ \\"red\\"","uid":"R3d0-0001","type":"image",'
    '"settings":{"price":"5","weight":1.5,"n":null}}]}]'
)


def _post() -> WxrPost:
    return WxrPost(
        title="Chair",
        post_type="amz_configurator",
        status="publish",
        post_id=7,
        meta=[("_wpc_base_price", "10"), ("_wpc_components", TREE)],
    )


def test_an_unedited_json_tree_is_written_back_as_read() -> None:
    cfg = read_item(_post()).configurator
    option = cfg.layers[0].children[0]
    assert (option.name, option.price, cfg.layers[0].required) == (
        'Röd / "red"',
        Decimal("5.00"),
        True,
    )
    assert write_item(cfg).post.meta == _post().meta


def test_an_edited_json_tree_is_json_again_with_only_the_edit() -> None:
    cfg = read_item(_post()).configurator
    cfg.layers[0].children[0].price = Decimal("6.50")
    meta = dict(write_item(cfg).post.meta)
    expected = json.loads(TREE)
    expected[0]["children"][0]["settings"]["price"] = "6.50"
    assert json.loads(meta["_wpc_components"]) == expected
