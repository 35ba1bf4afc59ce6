"""The WXR reader and writer against a real WordPress (tests/wordpress_site.py): configurators
stored as WP Configurator stores them, exported by core's export_wp(), read, written back,
loaded as the WordPress Importer loads a file, and compared meta by meta with get_post_meta."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.store.wordpress.php_serialize import dumps, is_serialized, loads
from desktop.store.wordpress.wxr import WxrPost, read_wxr, write_wxr
from tests.wordpress_site import Site, StoredPost, php_literal

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "wordpress-export.xml"

TRICKY = "Q \"quoted\" 'single' back\\slash \\\\ ]]> <b>tag</b> & amp ✦ 😀 ; } {"


def chair_tree() -> list[dict[str, object]]:
    """A layer tree as the plugin stores it, with every PHP type and the awkward text."""
    return [
        {
            "name": f"Colour {TRICKY}",
            "uid": "C0l0-ur01",
            "type": "group",
            "actions": {"open": True, "show": True},
            "settings": {"required": True, "description": "a]]>b\nline two", "tags": ["x"]},
            "children": [
                {
                    "name": "Red ]]>",
                    "uid": "R3d0-im01",
                    "type": "image",
                    "actions": {"open": False, "show": True, "lock": False},
                    "settings": {
                        "price": "5",
                        "sale_price": "",
                        "active": True,
                        "stock_quantity": None,
                        "manage_stock": "true",
                        "weight": 1.5,
                        "zero": -0.0,
                        "big": 1e25,
                        "count": 7,
                        "views": {"front": {"image": 2001, "offset_x": -12.5}},
                    },
                },
            ],
        }
    ]


def chair_meta() -> dict[str, object]:
    return {
        "_wpc_components": chair_tree(),
        "_wpc_editor_images": {2001: {"uid": "R3d0-im01", "key": "image", "src": "http://x/a.png"}},
        "_wpc_views": {"front": "Front", "side-Ab12-cD34": "Side ✦"},
        "_wpc_base_price": "49",
        "_wpc_product_id": "",
        "_wpc_description": f"<p>{TRICKY}</p>",
        "_wpc_custom_css": ".a > .b { content: ']]>'; }",
        "_wpc_data_version": "3.4",
        "_wpc_config_style": "accordion",
    }


def round_trip(site: Site, exported: bytes) -> tuple[list[WxrPost], list[StoredPost]]:
    """read_wxr → write_wxr → the importer into an emptied site; what was read, and the
    posts WordPress made from the written file."""
    wxr = read_wxr(exported)
    written = write_wxr(wxr.posts, wxr.channel)
    site.delete_configurators()
    return wxr.posts, site.posts(site.import_wxr(written))


def test_export_read_write_import_gives_back_every_meta_value(wordpress: Site) -> None:
    ids = wordpress.store_configurators(
        [
            (f"Chair ✦ {TRICKY}", chair_meta(), "publish"),
            ("Lamp", {"_wpc_components": [], "_wpc_base_price": "0"}, "draft"),
        ]
    )
    before = wordpress.posts(ids)
    exported = wordpress.export()
    read, after = round_trip(wordpress, exported)
    # What the reader saw is exactly the stored text, and loads reads it as the value stored.
    assert [dict(post.meta) for post in read] == [dict(post["meta"]) for post in before]
    assert loads(dict(read[0].meta)["_wpc_components"]) == {
        0: loads(dumps(chair_tree()))[0]  # type: ignore[index]
    }
    assert [(p.title, p.status, p.post_type) for p in read] == [
        (p["title"], p["status"], "amz_configurator") for p in before
    ]
    # And WordPress, importing the written file, holds the same posts and meta rows.
    assert [(p["title"], p["status"], p["meta"]) for p in after] == [
        (p["title"], p["status"], p["meta"]) for p in before
    ]


def test_the_sample_export_is_what_wordpress_stores(wordpress: Site) -> None:
    sample = read_wxr(SAMPLE.read_bytes())
    ids = wordpress.import_wxr(SAMPLE.read_bytes())
    stored = wordpress.posts(ids)
    assert [p["meta"] for p in stored] == [p.meta for p in sample.posts]
    assert [p["status"] for p in stored] == ["publish", "draft"]
    read, after = round_trip(wordpress, wordpress.export())
    assert [p.meta for p in read] == [p.meta for p in sample.posts]
    assert [p["meta"] for p in after] == [p.meta for p in sample.posts]


def test_a_configurator_made_from_scratch_imports(wordpress: Site) -> None:
    meta = [
        ("_wpc_components", dumps(chair_tree())),
        ("_wpc_custom_css", "a {\r\n  color: red;\r\n}\r"),
        ("_wpc_description", dumps({"note": "windows\r\nline ✦"})),
        ("_wpc_data_version", "3.4"),
        ("_wpc_config_style", "accordion"),
    ]
    posts = [
        WxrPost(f"New ✦ {TRICKY}", "amz_configurator", "draft", None, meta=meta),
        WxrPost("Second", "amz_configurator", "draft", None, meta=meta[:1]),
    ]
    wordpress.delete_configurators()
    made = wordpress.posts(wordpress.import_wxr(write_wxr(posts)))
    assert [(p["title"], p["status"], p["meta"]) for p in made] == [
        (f"New ✦ {TRICKY}", "draft", meta),
        ("Second", "draft", meta[:1]),
    ]


def test_carriage_returns_come_back_though_wordpress_alone_loses_them(wordpress: Site) -> None:
    meta = {"_wpc_views": {"front": "Front\r\nline"}, "_wpc_custom_css": "a {\r\n}\r"}
    before = wordpress.posts(wordpress.store_configurators([("CR", meta, "draft")]))
    exported = wordpress.export()
    read, after = round_trip(wordpress, exported)
    assert read[0].meta == before[0]["meta"]
    assert after[0]["meta"] == before[0]["meta"]
    # WordPress's own importer reads the \r as \n: the serialized value no longer matches its
    # byte count and is stored as nothing.
    wordpress.delete_configurators()
    alone = dict(wordpress.posts(wordpress.import_wxr(exported))[0]["meta"])
    assert (alone["_wpc_views"], alone["_wpc_custom_css"]) == ("", "a {\n}\n")


def test_titles_equal_to_mysql_are_one_post_to_the_importer_unless_dates_differ(
    wordpress: Site,
) -> None:
    titles = ["Chair", "chair", "Chäir"]
    ids = wordpress.store_configurators([(t, {"k": str(n)}, "draft") for n, t in enumerate(titles)])
    exported = wordpress.export()
    wordpress.delete_configurators()
    # Stored in one second: WordPress's importer adds all three to the first post.
    assert len(set(wordpress.import_wxr(exported))) == 1 < len(ids)
    wordpress.delete_configurators()
    # Made in the editor, each gets its own date and imports as its own post.
    posts = [WxrPost(t, "amz_configurator", "draft", None, meta=[("k", t)]) for t in titles]
    made = wordpress.posts(wordpress.import_wxr(write_wxr(posts)))
    assert [(p["title"], p["meta"]) for p in made] == [(t, [("k", t)]) for t in titles]


def test_a_wrong_byte_count_is_what_wordpress_would_store_as_nothing(wordpress: Site) -> None:
    # The reason the editor refuses such a value: WordPress's importer silently stores ''.
    broken = dumps(["Side ✦"]).replace("s:8:", "s:6:")
    post = WxrPost("Broken", "amz_configurator", "draft", None, meta=[("_wpc_views", broken)])
    made = wordpress.posts(wordpress.import_wxr(write_wxr([post])))
    assert made[0]["meta"] == [("_wpc_views", "")]


KEY = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=6)
TEXT = st.lists(
    st.one_of(
        st.characters(exclude_categories=("Cs", "Cc")),
        st.sampled_from(["]]>", '"', "\\", "'", "\n", "\t", "✦", ";", "}", 's:1:"']),
    ),
    max_size=8,
).map("".join)
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    TEXT,
    st.sampled_from(["true", "0", "", "1,250.75"]),
)
SETTINGS = st.dictionaries(
    st.one_of(st.sampled_from(["price", "sale_price", "active", "required", "views"]), KEY),
    st.one_of(ODD, st.dictionaries(KEY, ODD, max_size=3)),
    max_size=5,
)


def node(
    children: st.SearchStrategy[list[dict[str, object]]] | None,
) -> st.SearchStrategy[dict[str, object]]:
    """A layer node; a leaf may or may not have an empty `children`, a parent has some."""
    optional: dict[str, st.SearchStrategy[object]] = {
        "actions": st.fixed_dictionaries({"open": st.booleans(), "show": st.booleans()}),
        "settings": SETTINGS,
    }
    required: dict[str, st.SearchStrategy[object]] = {
        "name": TEXT,
        "uid": st.from_regex(r"[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}", fullmatch=True),
        "type": st.sampled_from(["group", "sub_group", "image"]),
    }
    if children is None:
        optional["children"] = st.just([])
    else:
        required["children"] = children
    return st.fixed_dictionaries(required, optional=optional)


TREES = st.lists(
    st.recursive(node(None), lambda inner: node(st.lists(inner, max_size=3)), max_leaves=12),
    max_size=4,
)
CONFIGURATORS = st.lists(
    st.tuples(
        TEXT.map(lambda t: t.strip() or "Configurator"),
        TREES,
        TEXT,
        st.sampled_from(["publish", "draft", "private"]),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda c: c[0],
)


@settings(
    max_examples=8,
    # The WordPress fixture is shared by the examples on purpose (each empties it first);
    # listing a check replaces the profile's list (conftest.py), so too_slow is named again.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(CONFIGURATORS)
def test_any_tree_the_plugin_could_store_round_trips_exactly(
    wordpress: Site, configurators: list[tuple[str, list, str, str]]
) -> None:
    wordpress.delete_configurators()
    # Numbered titles: stored in the same second, titles MySQL finds equal (case, accents)
    # would be one post to the importer (test_titles_equal_to_mysql_...).
    stored = [
        (f"{number} {title}", {"_wpc_components": tree, "_wpc_description": text}, status)
        for number, (title, tree, text, status) in enumerate(configurators)
    ]
    before = wordpress.posts(wordpress.store_configurators(stored))
    read, after = round_trip(wordpress, wordpress.export())
    for post in read:
        tree = dict(post.meta)["_wpc_components"]
        assert dumps(loads(tree)) == tree
    assert [(p["title"], p["status"], p["meta"]) for p in after] == [
        (p["title"], p["status"], p["meta"]) for p in before
    ]


@settings(max_examples=5)
@given(
    st.lists(
        st.one_of(TEXT, st.builds(dumps, ODD), st.sampled_from(["i:5", " N; ", "b:1;x", "a:1:{"])),
        min_size=20,
        max_size=60,
    )
)
def test_is_serialized_agrees_with_wordpress(wordpress_site: Site, texts: list[str]) -> None:
    answers = wordpress_site.php(
        f"foreach ({php_literal(texts)} as $t) {{ echo is_serialized($t) ? 1 : 0; }}"
    )
    assert answers == "".join("1" if is_serialized(t) else "0" for t in texts)
