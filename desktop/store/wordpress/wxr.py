"""WordPress export files (WXR 1.2): read with a hardened parser, written as `export_wp()` does.

A WXR file is an RSS 2.0 document whose `<channel>` holds `wp:wxr_version`, the site's
addresses, its authors and one `<item>` per post; each post's meta rows are
`<wp:postmeta>` pairs whose value is the raw database text (PHP-serialized for arrays).
The reader keeps every child of an item as (tag, text) in file order so that writing back
reproduces the item, and the meta values exactly as the file has them; the writer lays the
file out as WordPress core's exporter does, so WordPress's importer reads it as one of its
own (docs/wordpress-format.md).

XML is parsed with defusedxml: no DOCTYPE (WordPress's importer refuses one too), hence no
entity expansion and no external references.
"""

from __future__ import annotations

import io
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.utils import formatdate

import defusedxml.ElementTree as SafeET
from defusedxml.common import DefusedXmlException, DTDForbidden

__all__ = [
    "WxrChannel",
    "WxrError",
    "WxrFile",
    "WxrPost",
    "looks_like_wxr",
    "read_wxr",
    "write_wxr",
]

WXR_VERSION = "1.2"
# The namespaces export_wp() declares, by the prefixes it gives them.
NAMESPACES = {
    "excerpt": f"http://wordpress.org/export/{WXR_VERSION}/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": f"http://wordpress.org/export/{WXR_VERSION}/",
}
# The importer's namespace for `wp` when a file declares none.
_DEFAULT_WP = "http://wordpress.org/export/1.1/"
_VERSION = re.compile(r"\d+\.\d+\Z")
_CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.DOTALL)
_CR_OUTSIDE = b"]]>&#13;<![CDATA["
# A line of markup ending in \r\n: the file's line ends were converted after export.
_CONVERTED = re.compile(rb">\r\n")

# The item children export_wp() writes, in its order. Title, id, status and type live on
# WxrPost itself; the rest come from WxrPost.fields, with these defaults when absent.
_ITEM_FIELDS = (
    *("link", "pubDate", "dc:creator", "guid", "description", "content:encoded"),
    *("excerpt:encoded", "wp:post_id", "wp:post_date", "wp:post_date_gmt", "wp:post_modified"),
    *("wp:post_modified_gmt", "wp:comment_status", "wp:ping_status", "wp:post_name"),
    *("wp:status", "wp:post_parent", "wp:menu_order", "wp:post_type", "wp:post_password"),
    "wp:is_sticky",
)
_OWN_FIELDS = frozenset({"title", "wp:post_id", "wp:status", "wp:post_type", "wp:postmeta"})
# Written as escaped text rather than CDATA, as export_wp() writes them.
_PLAIN_FIELDS = frozenset(
    {"link", "pubDate", "guid", "description", "wp:post_id", "wp:post_parent"}
    | {"wp:menu_order", "wp:is_sticky", "wp:author_id", "wp:comment_id"}
)
# Item children with child elements of their own: kept as their inner XML, written back as is.
_STRUCTURED_FIELDS = frozenset({"wp:comment"})
# XML 1.0 cannot hold these characters at all, not even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class WxrError(ValueError):
    """A file that is not a WordPress export the editor can read (one line)."""


@dataclass
class WxrPost:
    """One `<item>`: a post with its meta rows exactly as the file holds them.

    `fields` are the item's children other than `title`, `wp:post_id`, `wp:status`,
    `wp:post_type` and `wp:postmeta` (tag with its namespace prefix, e.g. `wp:post_date`, and
    text) in file order; an element's attributes other than the guid's `isPermaLink` are part
    of its tag (`category domain="x" nicename="y"`), as the start tag reads, and a
    `wp:comment` keeps its inner XML. `meta` is (meta_key, raw meta_value) in file order.
    """

    title: str
    post_type: str
    status: str
    post_id: int | None
    fields: list[tuple[str, str]] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class WxrChannel:
    """What the writer needs of the `<channel>`: the site, its language and its authors.

    `authors` holds each `<wp:author>` as its (tag, text) children in order.
    """

    title: str = "Configurator Editor"
    link: str = ""
    description: str = ""
    language: str = "en-US"
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: list[list[tuple[str, str]]] = field(default_factory=list)


@dataclass
class WxrFile:
    """A whole export: its channel, its WXR version and every item, in file order."""

    channel: WxrChannel
    posts: list[WxrPost]
    version: str = WXR_VERSION


def looks_like_wxr(data: bytes) -> bool:
    """Whether `data` reads as a WordPress export: an `rss` document with `wp:wxr_version`.

    A cheap look at the head of the file (export_wp() writes the version before any item),
    to tell a WXR file from an exchange JSON file; read_wxr() does the real checks.
    """
    head = data[:65536]
    return re.search(rb"<rss[\s>]", head) is not None and b":wxr_version>" in head


def read_wxr(data: bytes) -> WxrFile:
    """Parse a WXR file; raise WxrError with one line when it is not one."""
    prefixes: dict[str, str] = {}  # namespace URI -> the file's prefix for it
    uris: dict[str, str] = {}  # and back
    try:
        source = io.BytesIO(_keep_carriage_returns(data))
        events = SafeET.iterparse(source, events=("start-ns",), forbid_dtd=True)
        for _event, (prefix, uri) in events:
            prefixes.setdefault(uri, prefix)
            uris.setdefault(prefix, uri)
        root = events.root  # type: ignore[attr-defined]  # set once parsed; typeshed omits it
    except DTDForbidden:
        raise WxrError("a DOCTYPE is not allowed in a WordPress export") from None
    except DefusedXmlException as exc:
        raise WxrError(f"refused XML: {type(exc).__name__}") from None
    except ET.ParseError as exc:
        raise WxrError(f"not XML: {exc}") from None
    if root.tag != "rss":
        raise WxrError(f"not a WordPress export (the root element is <{_local(root.tag)}>)")
    channel = root.find("channel")
    wp = uris.get("wp", _DEFAULT_WP)
    version = channel.find(f"{{{wp}}}wxr_version") if channel is not None else None
    if channel is None or version is None:
        raise WxrError("not a WordPress export (no wp:wxr_version)")
    version_text = (version.text or "").strip()
    if not _VERSION.match(version_text):
        raise WxrError(f"not a WordPress export (wp:wxr_version {version_text!r})")
    names = _Names(prefixes)
    return WxrFile(
        channel=_read_channel(channel, names, wp),
        posts=[_read_item(item, names) for item in channel.findall("item")],
        version=version_text,
    )


def _keep_carriage_returns(data: bytes) -> bytes:
    """Carriage returns inside CDATA turned into character references, which XML keeps.

    export_wp() writes a value's `\r` raw inside CDATA, where every XML parser reads it as a
    line feed: a serialized string holding `\r\n` then no longer matches its byte count, and
    WordPress's own importer stores nothing for it. Kept as `&#13;`, the value reads exactly as
    WordPress stored it. A file whose own lines end in `\r\n` was converted after export (its
    values' line feeds too), so there the parser's reading is the right one.
    """
    if b"\r" not in data or _CONVERTED.search(data, 0, 4096):
        return data
    return _CDATA.sub(lambda section: section.group().replace(b"\r", _CR_OUTSIDE), data)


class _Names:
    """Clark names (`{uri}local`) back to the file's prefixed names (`wp:post_id`)."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        known = {uri: prefix for prefix, uri in NAMESPACES.items()}
        self._prefixes = {**known, **prefixes}

    def name(self, tag: str) -> str:
        if not tag.startswith("{"):
            return tag
        uri, local = tag[1:].split("}", 1)
        prefix = self._prefixes.get(uri)
        if prefix is None and re.fullmatch(r"http://wordpress\.org/export/\d+\.\d+/", uri):
            prefix = "wp"
        return f"{prefix}:{local}" if prefix else local


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _read_channel(channel: ET.Element, names: _Names, wp: str) -> WxrChannel:
    def text(tag: str) -> str:
        found = channel.find(tag)
        return (found.text or "") if found is not None else ""

    return WxrChannel(
        title=text("title"),
        link=text("link"),
        description=text("description"),
        language=text("language"),
        base_site_url=text(f"{{{wp}}}base_site_url"),
        base_blog_url=text(f"{{{wp}}}base_blog_url"),
        authors=[
            [(names.name(child.tag), child.text or "") for child in author]
            for author in channel.findall(f"{{{wp}}}author")
        ],
    )


def _read_item(item: ET.Element, names: _Names) -> WxrPost:
    post = WxrPost(title="", post_type="", status="", post_id=None)
    for child in item:
        tag = names.name(child.tag)
        text = child.text or ""
        if tag == "title":
            post.title = text
        elif tag == "wp:post_type":
            post.post_type = text.strip()
        elif tag == "wp:status":
            post.status = text.strip()
        elif tag == "wp:post_id":
            post.post_id = int(text) if text.strip().isdigit() else None
        elif tag == "wp:postmeta":
            namespace = child.tag[: -len("postmeta")]
            key = child.findtext(f"{namespace}meta_key", "")
            post.meta.append((key, child.findtext(f"{namespace}meta_value", "")))
        elif tag in _STRUCTURED_FIELDS:
            post.fields.append((tag, "".join(_element_xml(part, names) for part in child)))
        else:
            attributes = "".join(
                f' {names.name(name)}="{_escape(value)}"'
                for name, value in child.attrib.items()
                if not (tag == "guid" and name == "isPermaLink")
            )
            post.fields.append((tag + attributes, text))
    return post


def _element_xml(element: ET.Element, names: _Names) -> str:
    """An element written back as export_wp() writes its kind (text in CDATA)."""
    tag = names.name(element.tag)
    inner = "".join(_element_xml(part, names) for part in element)
    return f"<{tag}>{inner or _cdata(element.text or '')}</{tag}>"


def write_wxr(posts: list[WxrPost], channel: WxrChannel | None = None) -> bytes:
    """A WXR 1.2 file holding `posts`, laid out as WordPress core's `export_wp()` writes it.

    `channel` defaults to a file made from scratch (configurators created in the editor).
    Raises WxrError when a text holds a character XML cannot carry.
    """
    channel = channel or WxrChannel()
    now = time.time()
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
    out.write(
        "<!-- This is a WordPress eXtended RSS file generated by Configurator Editor "
        "as an export of WP Configurator configurators. -->\n"
        "<!-- Import it with WordPress's Tools: Import > WordPress. -->\n\n"
    )
    out.write('<rss version="2.0"\n')
    for prefix, uri in NAMESPACES.items():
        out.write(f'\txmlns:{prefix}="{uri}"\n')
    out.write(">\n\n<channel>\n")
    out.write(f"\t<title>{_escape(channel.title)}</title>\n")
    out.write(f"\t<link>{_escape(channel.link)}</link>\n")
    out.write(f"\t<description>{_escape(channel.description)}</description>\n")
    # RFC 822 in English whatever the locale, as export_wp() writes it.
    out.write(f"\t<pubDate>{formatdate(now, usegmt=True)[:-3]}+0000</pubDate>\n")
    out.write(f"\t<language>{_escape(channel.language)}</language>\n")
    out.write(f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>\n")
    out.write(f"\t<wp:base_site_url>{_escape(channel.base_site_url)}</wp:base_site_url>\n")
    out.write(f"\t<wp:base_blog_url>{_escape(channel.base_blog_url)}</wp:base_blog_url>\n\n")
    for author in channel.authors:
        children = "".join(f"<{tag}>{_field_text(tag, text)}</{tag}>" for tag, text in author)
        out.write(f"\t<wp:author>{children}</wp:author>\n")
    out.write("\n\t<generator>Configurator Editor</generator>\n\n")
    # A post without a date gets one, each a second earlier than the last: WordPress's
    # importer takes an existing post of the same title and date for the one it imports, and
    # MySQL compares titles without case or accents ("Chair" is "chair" is "Chäir").
    for number, post in enumerate(posts):
        _write_item(out, post, time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now - number)))
    out.write("</channel>\n</rss>\n")
    return out.getvalue().encode("utf-8")


def _write_item(out: io.StringIO, post: WxrPost, stamp: str) -> None:
    given: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    structured: list[tuple[str, str]] = []
    for tag, text in post.fields:
        name = tag.split(" ", 1)[0]
        if name in _OWN_FIELDS:
            continue
        if name in _STRUCTURED_FIELDS:
            structured.append((tag, text))
        elif name in _ITEM_FIELDS and name not in given:
            given[name] = text
        else:
            extra.append((tag, text))
    own = {
        "wp:post_id": str(post.post_id or 0),
        "wp:status": post.status,
        "wp:post_type": post.post_type,
    }
    # A new post needs a date: WordPress's importer would otherwise take any post of the same
    # title for this one (post_exists() without a date) and add the meta to it.
    defaults = {
        "wp:post_date": stamp,
        "wp:post_modified": stamp,
        "wp:post_date_gmt": stamp,
        "wp:post_modified_gmt": stamp,
        "wp:comment_status": "closed",
        "wp:ping_status": "closed",
        "wp:post_parent": "0",
        "wp:menu_order": "0",
        "wp:is_sticky": "0",
    }
    where = f"the post {post.title!r}"
    out.write("\t<item>\n")
    out.write(f"\t\t<title>{_cdata(post.title, where)}</title>\n")
    for name in _ITEM_FIELDS:
        text = own[name] if name in own else given.get(name, defaults.get(name, ""))
        opening = 'guid isPermaLink="false"' if name == "guid" else name
        out.write(f"\t\t<{opening}>{_field_text(name, text, where)}</{name}>\n")
    for tag, text in extra:
        name = tag.split(" ", 1)[0]
        out.write(f"\t\t<{tag}>{_field_text(name, text, where)}</{name}>\n")
    for key, value in post.meta:
        at = f"{where}, meta {key!r}"
        out.write(
            "\t\t<wp:postmeta>\n"
            f"\t\t<wp:meta_key>{_cdata(key, at)}</wp:meta_key>\n"
            f"\t\t<wp:meta_value>{_cdata(value, at)}</wp:meta_value>\n"
            "\t\t</wp:postmeta>\n"
        )
    for tag, inner in structured:
        out.write(f"\t\t<{tag}>{inner}</{tag.split(' ', 1)[0]}>\n")
    out.write("\t</item>\n")


def _field_text(tag: str, text: str, where: str = "the channel") -> str:
    return _escape(text, where) if tag in _PLAIN_FIELDS else _cdata(text, where)


def _cdata(text: str, where: str = "the channel") -> str:
    """WordPress's wxr_cdata(): `]]>` split across two sections.

    A carriage return goes outside the section as `&#13;`: inside one, every XML parser
    (WordPress's importer's too) turns it into a line feed, which would change the text and
    the byte count of a serialized string around it.
    """
    _check(text, where)
    body = text.replace("]]>", "]]]]><![CDATA[>").replace("\r", _CR_OUTSIDE.decode())
    return f"<![CDATA[{body}]]>"


def _escape(text: str, where: str = "the channel") -> str:
    """Text outside CDATA: markup characters escaped, `&` as WordPress writes it (`&#038;`)."""
    _check(text, where)
    return (
        text.replace("&", "&#038;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
    )


def _check(text: str, where: str) -> None:
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise WxrError(
            f"{where} holds the character U+{ord(bad.group()):04X}, which XML cannot carry"
        )
