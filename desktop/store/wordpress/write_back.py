"""An editor configurator as an `amz_configurator` item, in the plugin's conventions
(docs/wordpress.md).

Whatever the configurator's records kept is written back as it was read; of the editor's own
fields, each one still equal to the value read is written as the file had it, and each one
changed is written as the plugin's editor writes it: prices as strings with a dot, an emptied
value removes its key, a checked flag is `true` and an unchecked one removes the key. New
layers get a fresh uid and the editor's default `actions`; deleted layers are simply absent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from ...domain.model import Backorders, Configurator, Layer, LayerType, StockStatus
from ...domain.money import money_str
from ...domain.php_value import PhpArray, PhpValue
from ...domain.wordpress import LayerRead, fresh_uid
from . import keys as k
from .components import write_components
from .php_serialize import is_serialized, loads
from .wxr import WxrPost


@dataclass(frozen=True, slots=True)
class Upload:
    """An image chosen in the editor: no attachment on the site has it yet."""

    path: str  # the option, "Group/Option"
    image: str  # its file, relative to the media folder


@dataclass(slots=True)
class WrittenItem:
    post: WxrPost
    uploads: list[Upload] = field(default_factory=list)


def price_text(value: Decimal) -> str:
    """A price as the plugin's text field holds one: digits, a dot, no thousands separator."""
    return money_str(value)


def write_item(cfg: Configurator) -> WrittenItem:
    written = WrittenItem(WxrPost(title=cfg.name, post_type=k.POST_TYPE, status="", post_id=None))
    writer = _Writer(cfg, written)
    tree: PhpArray = {i: writer.node(layer) for i, layer in enumerate(cfg.layers)}
    post = written.post
    record = cfg.wordpress
    if record is None:
        post.status = k.NEW_STATUS
        post.meta = [
            (k.BASE_PRICE, price_text(cfg.base_price)),
            (k.PRODUCT_ID, "" if cfg.woocommerce_id is None else str(cfg.woocommerce_id)),
            (k.COMPONENTS, write_components(tree, "serialized")),
            *([(k.BACKORDERS, cfg.backorders.value)] if cfg.backorders is not Backorders.NO
              else []),
            *k.NEW_CONFIGURATOR_META,
        ]  # fmt: skip
        return written
    read = record.read
    post.title = record.title if cfg.name == read.name else cfg.name
    post.status, post.post_id, post.fields = record.status, record.post_id, list(record.fields)
    changed: dict[str, str] = {}
    if cfg.base_price != read.base_price:
        changed[k.BASE_PRICE] = price_text(cfg.base_price)
    if cfg.woocommerce_id != read.woocommerce_id:
        changed[k.PRODUCT_ID] = "" if cfg.woocommerce_id is None else str(cfg.woocommerce_id)
    if cfg.backorders != read.backorders:
        changed[k.BACKORDERS] = cfg.backorders.value
    meta: list[tuple[str, str]] = []
    tree_written = False
    for key, text in record.meta:
        if key == k.COMPONENTS and not tree_written:
            meta.append((key, write_components(tree, record.components, text)))
            tree_written = True
        else:
            meta.append((key, changed.pop(key, text)))
    if not tree_written:
        meta.append((k.COMPONENTS, write_components(tree, record.components)))
    meta.extend(changed.items())
    post.meta = meta
    return written


_T = TypeVar("_T")


# Each field of LayerRead the editor edits: how to read it off a layer, and how a changed value
# is written into the settings.
def _set_flag(key: str) -> Callable[[PhpArray, object], None]:
    def put(settings: PhpArray, value: object) -> None:
        if value:
            settings[key] = True
        else:
            settings.pop(key, None)

    return put


def _set_text(
    key: str, empty: _T | None, text: Callable[[_T], PhpValue]
) -> Callable[[PhpArray, _T | None], None]:
    def put(settings: PhpArray, value: _T | None) -> None:
        if value == empty or value is None:
            settings.pop(key, None)
        else:
            settings[key] = text(value)

    return put


def _set_quantity(settings: PhpArray, value: int | None) -> None:
    # Not tracked is `null` (WooCommerce's stock_quantity), not an absent key.
    settings[k.STOCK_KEYS["quantity"]] = value


def _set_status(settings: PhpArray, value: StockStatus) -> None:
    settings[k.STOCK_KEYS["status"]] = k.STOCK_STATUS_WRITTEN[value]


# A setter is handed its field's value as getattr reads it off a LayerRead: of that field's type.
_Setter = Callable[[PhpArray, Any], None]


_ZERO = Decimal("0.00")
_GROUP_FIELDS: tuple[tuple[str, _Setter], ...] = (
    ("required", _set_flag(k.REQUIRED)),
    ("multiple", _set_flag(k.MULTIPLE)),
    ("hidden", _set_flag(k.HIDE_CONTROL)),
)
_OPTION_FIELDS: tuple[tuple[str, _Setter], ...] = (
    ("price", _set_text(k.PRICE, _ZERO, price_text)),
    ("sale_price", _set_text(k.SALE_PRICE, None, price_text)),
    ("active_on_load", _set_flag(k.ACTIVE)),
    ("hidden", _set_flag(k.HIDE_CONTROL)),
    ("manage", _set_flag(k.STOCK_KEYS["manage"])),
    ("sku", _set_text(k.STOCK_KEYS["sku"], "", str)),
    ("quantity", _set_quantity),
    ("status", _set_status),
    ("low_amount", _set_text(k.STOCK_KEYS["low_amount"], None, int)),
    ("backorders", _set_text(k.STOCK_KEYS["backorders"], None, str)),
)


def _now(layer: Layer) -> LayerRead:
    s = layer.stock
    return LayerRead(
        layer.name, layer.required, layer.multiple, layer.price, layer.sale_price, layer.image,
        layer.active_on_load, layer.hidden, s.manage, s.sku, s.quantity, s.status, s.low_amount,
        s.backorders,
    )  # fmt: skip


class _Writer:
    def __init__(self, cfg: Configurator, written: WrittenItem) -> None:
        self.written = written
        self.view = _first_view(cfg)
        self.written_uids: set[str] = set()
        # Uids the configurator's records hold are theirs; a new layer's must differ from all
        # of them, and from each one given so far (fresh_uid adds it here).
        self.taken = {
            layer.wordpress.uid
            for layer in cfg.walk()
            if layer.wordpress is not None and layer.wordpress.uid is not None
        }

    def node(self, layer: Layer) -> PhpArray:
        record = layer.wordpress
        now = _now(layer)
        if record is None:
            node: PhpArray = {
                k.NAME: layer.name,
                k.UID: fresh_uid(self.taken),
                k.TYPE: layer.type.value,
                k.ACTIONS: k.new_actions(),
                k.SETTINGS: {},
                **({k.CHILDREN: {}} if layer.type is not LayerType.IMAGE else {}),
            }
            read = LayerRead(name=layer.name)  # every other field: what a new node leaves out
        else:
            node = dict(record.node)
            read = record.read
            uid = record.uid
            if uid is not None:
                if uid in self.written_uids:  # a copy of a layer within the configurator
                    uid = fresh_uid(self.taken)
                    node[k.UID] = uid
                self.written_uids.add(uid)
            if now.name != read.name:
                node[k.NAME] = layer.name
        fields = _GROUP_FIELDS if layer.type is not LayerType.IMAGE else _OPTION_FIELDS
        changes = [(put, getattr(now, name)) for name, put in fields
                   if getattr(now, name) != getattr(read, name)]  # fmt: skip
        image_changed = layer.type is LayerType.IMAGE and now.image != read.image
        if changes or image_changed:
            raw = node.get(k.SETTINGS)
            settings: PhpArray = dict(raw) if isinstance(raw, dict) else {}
            for put, value in changes:
                put(settings, value)
            if image_changed:
                self._image(settings, layer)
            node = _with_settings(node, settings)
        if layer.type is not LayerType.IMAGE and (layer.children or k.CHILDREN in node):
            node[k.CHILDREN] = {i: self.node(child) for i, child in enumerate(layer.children)}
        return node

    def _image(self, settings: PhpArray, layer: Layer) -> None:
        """The first view's attachment goes (no attachment on the site holds the image chosen
        here); the file is listed for the merchant to upload and choose."""
        views = settings.get(k.VIEW_SETTINGS)
        views = dict(views) if isinstance(views, dict) else {}
        view = views.get(self.view)
        view = dict(view) if isinstance(view, dict) else {}
        view.pop(k.VIEW_IMAGE, None)
        if view:
            views[self.view] = view
        else:
            views.pop(self.view, None)
        if views:
            settings[k.VIEW_SETTINGS] = views
        else:
            settings.pop(k.VIEW_SETTINGS, None)
        if layer.image:
            self.written.uploads.append(Upload(layer.path, layer.image))


def _with_settings(node: PhpArray, settings: PhpArray) -> PhpArray:
    if k.SETTINGS in node:
        node[k.SETTINGS] = settings
        return node
    # A node that had none: its settings go where the plugin puts them, before the children.
    rebuilt: PhpArray = {}
    for key, value in node.items():
        if key == k.CHILDREN:
            rebuilt[k.SETTINGS] = settings
        rebuilt[key] = value
    rebuilt.setdefault(k.SETTINGS, settings)
    return rebuilt


def _first_view(cfg: Configurator) -> str:
    record = cfg.wordpress
    if record is None:
        return k.DEFAULT_VIEW
    for key, text in record.meta:
        if key == k.VIEWS and is_serialized(text):
            views = loads(text)
            if isinstance(views, dict) and views:
                first = next(iter(views))
                return first if isinstance(first, str) else str(first)
            break
    return k.DEFAULT_VIEW
