"""WXR files without WordPress: the real sample export reads, writes back to the same items,
and what is not a WordPress export is refused with one line. WordPress's own reading of what
the writer writes is checked in test_wordpress_round_trip.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.store.wordpress.php_serialize import dumps, is_serialized, loads
from desktop.store.wordpress.wxr import (
    WxrChannel,
    WxrError,
    WxrPost,
    looks_like_wxr,
    read_wxr,
    write_wxr,
)

SAMPLE = Path(__file__).resolve().parents[2] / "store" / "data" / "wordpress-export.xml"


def sample() -> bytes:
    return SAMPLE.read_bytes()


def test_the_sample_export_reads() -> None:
    wxr = read_wxr(sample())
    assert wxr.version == "1.2"
    assert wxr.channel.title == "Example Shop"
    assert wxr.channel.base_site_url == "http://localhost"
    assert wxr.channel.authors[0][:2] == [("wp:author_id", "1"), ("wp:author_login", "admin")]
    assert [(p.title, p.post_type, p.status, p.post_id) for p in wxr.posts] == [
        ("Custom Game Controller", "amz_configurator", "publish", 2104),
        ("Desk Lamp", "amz_configurator", "draft", 2105),
    ]
    lamp = wxr.posts[1]
    assert dict(lamp.fields)["link"] == "http://localhost/?post_type=amz_configurator&p=2105"
    assert dict(lamp.fields)["wp:post_date_gmt"] == "0000-00-00 00:00:00"
    assert [key for key, _ in lamp.meta][:3] == [
        "_wpc_base_price",
        "_wpc_product_id",
        "_wpc_components",
    ]
    for post in wxr.posts:
        for _key, value in post.meta:
            if is_serialized(value):
                assert dumps(loads(value)) == value


def test_writing_the_sample_back_gives_the_same_items_and_channel() -> None:
    wxr = read_wxr(sample())
    written = write_wxr(wxr.posts, wxr.channel)
    again = read_wxr(written)
    assert again.posts == wxr.posts
    assert again.channel == wxr.channel
    # The item lines are export_wp()'s own, up to the template's indentation.
    original = {line.strip() for line in sample().decode().splitlines()}
    items = written.decode().split("<item>", 1)[1]
    assert {line.strip() for line in items.splitlines()} <= original | {"<item>", ""}


def test_text_is_cdata_with_the_end_marker_split_as_wordpress_does() -> None:
    post = WxrPost("A ]]> title ✦", "amz_configurator", "draft", None, meta=[("k", "a]]>b")])
    written = write_wxr([post]).decode()
    assert "<title><![CDATA[A ]]]]><![CDATA[> title ✦]]></title>" in written
    assert "<wp:meta_value><![CDATA[a]]]]><![CDATA[>b]]></wp:meta_value>" in written
    assert read_wxr(written.encode()).posts[0].meta == [("k", "a]]>b")]


def test_carriage_returns_survive_the_xml_parser() -> None:
    value = dumps({"css": "a {\r\n}\r"})
    written = write_wxr([WxrPost("T", "amz_configurator", "draft", 7, meta=[("k", value)])])
    assert read_wxr(written).posts[0].meta == [("k", value)]


def test_raw_carriage_returns_in_cdata_are_read_as_written() -> None:
    # export_wp() writes a value's \r raw inside CDATA; XML alone would read it as \n.
    value = dumps({"css": "a {\r\n}"})
    data = sample().replace(b"<![CDATA[49]]>", f"<![CDATA[{value}]]>".encode(), 1)
    assert dict(read_wxr(data).posts[0].meta)["_wpc_base_price"] == value


def test_a_file_whose_line_ends_were_converted_reads_as_xml_reads_it() -> None:
    value = dumps({"css": "a {\n}"})
    data = sample().replace(b"<![CDATA[49]]>", f"<![CDATA[{value}]]>".encode(), 1)
    converted = data.replace(b"\n", b"\r\n")
    assert dict(read_wxr(converted).posts[0].meta)["_wpc_base_price"] == value


def test_a_post_made_from_scratch_gets_what_the_importer_needs() -> None:
    written = write_wxr([WxrPost("New", "amz_configurator", "draft", None)])
    post = read_wxr(written).posts[0]
    fields = dict(post.fields)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", fields["wp:post_date"])
    assert post.post_id is None or post.post_id == 0
    assert b'<guid isPermaLink="false"></guid>' in written
    assert looks_like_wxr(written)


def test_a_character_xml_cannot_carry_is_refused_naming_the_post_and_key() -> None:
    post = WxrPost("Lamp", "amz_configurator", "draft", 1, meta=[("_wpc_description", "a\x01")])
    with pytest.raises(WxrError) as caught:
        write_wxr([post])
    assert str(caught.value) == (
        "the post 'Lamp', meta '_wpc_description' holds the character U+0001, "
        "which XML cannot carry"
    )


def test_attributes_and_comments_are_kept() -> None:
    text = (
        sample()
        .decode()
        .replace(
            "<wp:is_sticky>0</wp:is_sticky>",
            '<wp:is_sticky>0</wp:is_sticky>\n<category domain="tag" nicename="a-b"><![CDATA[A&B]]>'
            "</category>\n<wp:comment><wp:comment_id>3</wp:comment_id>"
            "<wp:comment_content><![CDATA[Hi]]></wp:comment_content><wp:commentmeta>"
            "<wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:commentmeta>"
            "</wp:comment>",
            1,
        )
    )
    post = read_wxr(text.encode()).posts[0]
    assert ('category domain="tag" nicename="a-b"', "A&B") in post.fields
    again = read_wxr(write_wxr([post])).posts[0]
    assert again == post


REFUSED = [
    (b"{}", r"^not XML: not well-formed \(invalid token\): line 1, column 0$"),
    (b"<rss><channel>", r"^not XML: no element found: line 1, column 14$"),
    (
        b'<?xml version="1.0"?><!DOCTYPE rss><rss/>',
        r"^a DOCTYPE is not allowed in a WordPress export$",
    ),
    (b"<feed/>", r"^not a WordPress export \(the root element is <feed>\)$"),
    (b"<rss><channel/></rss>", r"^not a WordPress export \(no wp:wxr_version\)$"),
    (
        b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        b"<wp:wxr_version>one</wp:wxr_version></channel></rss>",
        r"^not a WordPress export \(wp:wxr_version 'one'\)$",
    ),
]


@pytest.mark.parametrize(("data", "message"), REFUSED)
def test_what_is_not_a_wordpress_export_is_refused_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(WxrError, match=message):
        read_wxr(data)


def test_billion_laughs_is_refused_before_any_expansion() -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">' + lol + "]>"
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><title>&l9;</title></channel></rss>"
    ).encode()
    assert looks_like_wxr(data)
    with pytest.raises(WxrError, match=r"^a DOCTYPE is not allowed in a WordPress export$"):
        read_wxr(data)


def test_external_entities_are_refused() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><title>&x;</title></channel></rss>"
    )
    with pytest.raises(WxrError, match=r"^a DOCTYPE is not allowed"):
        read_wxr(data)


def test_looks_like_wxr_tells_an_export_from_exchange_json() -> None:
    assert looks_like_wxr(sample())
    assert not looks_like_wxr(b'{"format": "configurator-editor", "version": 1}')
    assert not looks_like_wxr(b"<rss><channel><title>a feed</title></channel></rss>")


TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00\ufffe\uffff").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    )
)


@given(title=TEXT, key=TEXT, value=TEXT, status=TEXT)
def test_any_text_reads_back_exactly(title: str, key: str, value: str, status: str) -> None:
    post = WxrPost(title, "amz_configurator", status.strip(), 12, [("wp:post_name", value)])
    post.meta = [(key, value), ("_wpc_components", dumps([{"name": value}]))]
    channel = WxrChannel(title=title, link=value)
    again = read_wxr(write_wxr([post], channel))
    back = again.posts[0]
    assert (back.title, back.status, back.post_id, back.meta) == (title, post.status, 12, post.meta)
    assert dict(back.fields)["wp:post_name"] == value
    assert again.channel.title == title and again.channel.link == value
