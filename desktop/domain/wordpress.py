"""What the editor keeps of a configurator that came from WordPress, to write it back whole.

WP Configurator stores far more than the editor edits: layer uids, the editor's UI state,
settings the editor has no field for, other views, every other post meta (docs/wordpress.md).
A configurator or layer read from a WordPress export carries one of these records: the data as
it was read, opaque to the editor, and the values the editor's own fields had when it was read.
On export, a field whose value still equals the one read is written back as the file had it
(`"120"` stays `"120"`, `"true"` stays a string); a field the user changed is written in the
plugin's conventions.

Frozen and never changed in place: a copy of a layer (undo, redo, duplicate) shares its record.
"""

from __future__ import annotations

import dataclasses
import secrets
import string
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .php_value import PhpArray
from .values import Backorders, StockStatus

ComponentsForm = Literal["serialized", "json"]


@dataclass(frozen=True, slots=True)
class LayerRead:
    """A layer's editable fields as the editor read them from its node."""

    name: str
    required: bool = False
    multiple: bool = False
    price: Decimal = Decimal("0.00")
    sale_price: Decimal | None = None
    image: str = ""
    active_on_load: bool = False
    hidden: bool = False
    manage: bool = False
    sku: str = ""
    quantity: int | None = None
    status: StockStatus = StockStatus.IN_STOCK
    low_amount: int | None = None
    backorders: Backorders | None = None  # the option's own; None: the configurator's


@dataclass(frozen=True, slots=True)
class WordPressNode:
    """One node of `_wpc_components` as read: every key (its `children` emptied, kept for its
    place among the keys), with the fields the editor read from it."""

    node: PhpArray
    read: LayerRead

    @property
    def uid(self) -> str | None:
        uid = self.node.get("uid")
        return uid if isinstance(uid, str) else None


@dataclass(frozen=True, slots=True)
class ConfiguratorRead:
    """A configurator's editable fields as the editor read them from its post."""

    name: str
    base_price: Decimal = Decimal("0.00")
    woocommerce_id: int | None = None
    backorders: Backorders = Backorders.NO


@dataclass(frozen=True, slots=True)
class WordPressPost:
    """An `amz_configurator` item as read. `meta` is every post meta row in file order, its
    raw text, but `_wpc_components`, whose text is rebuilt from the layers (its row keeps its
    place with an empty text); `components` is the form that meta was read in."""

    title: str
    status: str
    post_id: int | None
    fields: tuple[tuple[str, str], ...]
    meta: tuple[tuple[str, str], ...]
    components: ComponentsForm
    read: ConfiguratorRead


_UID_ALPHABET = string.digits + string.ascii_letters


def fresh_uid(taken: set[str]) -> str:
    """A layer uid as the plugin makes them (`XXXX-XXXX` of letters and digits) that is not in
    taken; it is added to taken."""
    while True:
        uid = "".join(secrets.choice(_UID_ALPHABET) for _ in range(4))
        uid += "-" + "".join(secrets.choice(_UID_ALPHABET) for _ in range(4))
        if uid not in taken:
            taken.add(uid)
            return uid


def with_uid(record: WordPressNode, uid: str) -> WordPressNode:
    """The same node under another uid (a copy's), in the same place among its keys."""
    node = dict(record.node)
    node["uid"] = uid
    return WordPressNode(node, record.read)


def for_copy(post: WordPressPost) -> WordPressPost:
    """The post of a duplicate: a new post on the site, so without the original's id."""
    return dataclasses.replace(post, post_id=None)


def renamed(post: WordPressPost, name: str) -> WordPressPost:
    """The post of a configurator that got another name here on its way in (a name taken
    already, or one given at import): that name reads as the post's title, unedited."""
    if post.read.name != post.title.strip() and post.read.name != "(no title)":
        return post
    return dataclasses.replace(post, read=dataclasses.replace(post.read, name=name))
