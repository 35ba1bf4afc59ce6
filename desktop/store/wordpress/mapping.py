"""An `amz_configurator` item of a WordPress export as an editor configurator (docs/wordpress.md).

Each node of `_wpc_components` becomes a layer whose record keeps the node as read; its
fields are read as the plugin reads them, and a value the plugin would misread, or that the
editor cannot hold, is refused with the item's title, the meta key and where in it the value is.
Images are only located here (`ImageRef`); finding their files is the importer's part.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ...domain import rules
from ...domain.fields import misplaced
from ...domain.model import Backorders, Configurator, Layer, LayerType, Stock, can_hold
from ...domain.php_value import PhpArray, PhpValue
from ...domain.rules import RuleError
from ...domain.wordpress import ConfiguratorRead, LayerRead, WordPressNode, WordPressPost
from . import keys as k
from .components import ComponentsError, read_components
from .php_serialize import PhpSerializeError, is_serialized, loads
from .wxr import WxrPost

_ZERO = Decimal("0.00")
_PLAIN_PRICE = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
_INTEGER = re.compile(r"-?[0-9]+")
_TYPES = {t.value: t for t in LayerType}
UNTITLED = "(no title)"


class WordPressError(ValueError):
    """An item refused: the message names its title and the meta key (one line)."""

    def __init__(self, title: str, key: str, problem: str) -> None:
        super().__init__(f'item "{_one_line(title)}", {key}: {_one_line(problem)}')
        self.title = title
        self.key = key
        self.problem = problem


def _one_line(text: str) -> str:
    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in shown)


def _shown(value: PhpValue) -> str:
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:59] + "…"
    if isinstance(value, dict):
        return "an array"
    return json.dumps(value) if not isinstance(value, float) else repr(value)


@dataclass(slots=True)
class ImageRef:
    """An option's picture in the first view: its attachment id and, when the editor's image
    cache has it, its URL."""

    layer: Layer
    attachment: PhpValue
    url: str | None

    @property
    def path(self) -> str:
        return self.layer.path


@dataclass(slots=True)
class ReadItem:
    """One configurator read from an item, with its images to find and what to warn about."""

    configurator: Configurator
    images: list[ImageRef] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def option_count(self) -> int:
        return sum(1 for _ in self.configurator.options())


def set_image(ref: ImageRef, relative: str) -> None:
    """Give the option its image as stored here; its record then reads that as unedited."""
    layer = ref.layer
    layer.image = relative
    record = layer.wordpress
    if record is not None:
        layer.wordpress = WordPressNode(
            record.node, dataclasses.replace(record.read, image=relative)
        )


def read_item(post: WxrPost) -> ReadItem:
    """The configurator of an `amz_configurator` item; WordPressError when it is refused."""
    return _Reader(post).read()


class _Reader:
    def __init__(self, post: WxrPost) -> None:
        self.post = post
        self.title = post.title
        self.uids: dict[str, str] = {}
        self.skus: dict[str, str] = {}
        self.item = ReadItem(Configurator(name=UNTITLED))
        self.view = k.DEFAULT_VIEW
        self.editor_images: PhpArray = {}

    def fail(self, key: str, problem: str) -> WordPressError:
        return WordPressError(self.title, key, problem)

    def tree_fail(self, where: str, problem: str) -> WordPressError:
        return self.fail(k.COMPONENTS, f"{where}: {problem}")

    def read(self) -> ReadItem:
        values: dict[str, PhpValue] = {}
        meta: list[tuple[str, str]] = []
        components: str | None = None
        for key, text in self.post.meta:
            if key == k.COMPONENTS and components is None:
                components = text
                meta.append((key, ""))  # its place; the text is rebuilt from the layers
                continue
            meta.append((key, text))
            values.setdefault(key, self._unserialized(key, text))
        views = values.get(k.VIEWS)
        if isinstance(views, dict) and views:
            first = next(iter(views))
            self.view = first if isinstance(first, str) else str(first)
        images = values.get(k.EDITOR_IMAGES)
        self.editor_images = images if isinstance(images, dict) else {}
        try:
            tree, form = read_components(components or "")
        except ComponentsError as exc:
            raise self.fail(k.COMPONENTS, str(exc)) from None
        if form == "json":
            meta = [(key, components or "") if key == k.COMPONENTS else (key, text)
                    for key, text in meta]  # fmt: skip
        cfg = self.item.configurator
        cfg.name = self._title()
        cfg.base_price = self._price(values.get(k.BASE_PRICE), k.BASE_PRICE, k.BASE_PRICE)
        cfg.woocommerce_id = self._product_id(values.get(k.PRODUCT_ID))
        cfg.backorders = self._backorders(values.get(k.BACKORDERS))
        cfg.layers = self._nodes(tree, "", None, None)
        cfg.wordpress = WordPressPost(
            title=self.post.title,
            status=self.post.status,
            post_id=self.post.post_id,
            fields=tuple(self.post.fields),
            meta=tuple(meta),
            components=form,
            read=ConfiguratorRead(cfg.name, cfg.base_price, cfg.woocommerce_id, cfg.backorders),
        )
        return self.item

    # --- post meta ------------------------------------------------------------------------------
    def _unserialized(self, key: str, text: str) -> PhpValue:
        if not is_serialized(text):
            return text
        try:
            return loads(text)
        except PhpSerializeError as exc:
            raise self.fail(
                key, f"does not unserialize ({exc}); WordPress would store an empty value"
            ) from None

    def _title(self) -> str:
        if not self.title.strip():
            return UNTITLED
        try:
            return rules.name(self.title)
        except RuleError as exc:
            raise self.fail("title", f"the title {exc.problem}") from None

    def _product_id(self, value: PhpValue) -> int | None:
        if value is None or value == "" or value == "0" or value == 0:
            return None
        text = str(value).strip() if isinstance(value, str | int) and value is not True else ""
        if not text.isdigit():
            raise self.fail(k.PRODUCT_ID, f"{_shown(value)} is not a WooCommerce product id")
        try:
            return rules.product_id(int(text))
        except RuleError as exc:
            raise self.fail(k.PRODUCT_ID, exc.problem) from None

    def _backorders(self, value: PhpValue) -> Backorders:
        if value is None or value == "":
            return Backorders.NO
        found = k.BACKORDERS_READ.get(value) if isinstance(value, str) else None
        if found is None:
            listed = ", ".join(f'"{word}"' for word in k.BACKORDERS_READ)
            raise self.fail(k.BACKORDERS, f"{_shown(value)} is not one of {listed}")
        return found

    def _price(self, value: PhpValue, key: str, where: str) -> Decimal:
        """A price as the plugin reads it ((float) of a string); "" or absent is none."""
        if value is None or value is False or value == "":
            return _ZERO
        if isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif isinstance(value, float) and math.isfinite(value):
            text = repr(value)
        elif isinstance(value, str):
            text = value.strip()
            if not _PLAIN_PRICE.fullmatch(text):
                raise self._price_fail(key, where, f"{_shown(value)} is not a price WP "
                    f"Configurator reads as written (it reads {k.php_float_text(value)}); "
                    "write digits with a dot for decimals and no thousands separator, "
                    "such as 1250.75")  # fmt: skip
        else:
            raise self._price_fail(key, where, f"{_shown(value)} is not a price")
        try:
            return rules.amount(text)
        except RuleError as exc:
            raise self._price_fail(key, where, exc.problem) from None

    def _price_fail(self, key: str, where: str, problem: str) -> WordPressError:
        return self.fail(key, problem) if where == key else self.tree_fail(where, problem)

    # --- the layer tree -------------------------------------------------------------------------
    def _nodes(
        self, value: PhpValue, where: str, parent: Layer | None, parent_type: LayerType | None
    ) -> list[Layer]:
        if not isinstance(value, dict) or list(value) != list(range(len(value))):
            raise self.tree_fail(where or "the tree", "is not a list of nodes")
        layers: list[Layer] = []
        names: set[str] = set()
        for i, node in value.items():
            here = f"{where}[{i}]" if where else f"[{i}]"
            if not isinstance(node, dict):
                raise self.tree_fail(here, "is not a node (an array of a layer's keys)")
            layer = self._node(node, here, parent_type)
            layer.parent = parent
            if layer.name in names:
                layer.name = self._free_name(layer, names, here)
            names.add(layer.name)
            layers.append(layer)
        return layers

    def _free_name(self, layer: Layer, names: set[str], where: str) -> str:
        n, name = 2, f"{layer.name} (2)"
        while name in names:
            n += 1
            name = f"{layer.name} ({n})"
        self.item.warnings.append(
            f'item "{_one_line(self.title)}", {k.COMPONENTS}: {where}.name: another layer '
            f'beside it is also named "{layer.name}"; the editor calls it "{name}" (written '
            "back as it was unless you rename it)"
        )
        assert layer.wordpress is not None
        record = layer.wordpress
        layer.wordpress = WordPressNode(record.node, dataclasses.replace(record.read, name=name))
        return name

    def _node(self, node: PhpArray, here: str, parent_type: LayerType | None) -> Layer:
        type_value = node.get(k.TYPE)
        layer_type = _TYPES.get(type_value) if isinstance(type_value, str) else None
        if layer_type is None:
            listed = ", ".join(f'"{t}"' for t in _TYPES)
            raise self.tree_fail(
                f"{here}.type", f"{_shown(type_value)} is not a layer type (expected {listed})"
            )
        if not can_hold(parent_type, layer_type):
            raise self.tree_fail(f"{here}.type", misplaced(layer_type, parent_type))
        uid = node.get(k.UID)
        if isinstance(uid, str):
            if uid in self.uids:
                raise self.tree_fail(
                    f"{here}.uid", f'"{uid}" is also the uid of {self.uids[uid]} (uids are unique)'
                )
            self.uids[uid] = here
        try:
            name = rules.name(node.get(k.NAME))
        except RuleError as exc:
            raise self.tree_fail(f"{here}.name", exc.problem) from None
        raw = node.get(k.SETTINGS)
        settings: PhpArray = raw if isinstance(raw, dict) else {}
        at = f"{here}.settings"
        layer = Layer(name, layer_type, hidden=k.php_truthy(settings.get(k.HIDE_CONTROL, False)))
        if layer_type is LayerType.IMAGE:
            self._option(layer, settings, at)
        else:
            layer.required = k.php_truthy(settings.get(k.REQUIRED, False))
            layer.multiple = k.php_truthy(settings.get(k.MULTIPLE, False))
        children = node.get(k.CHILDREN)
        kept = {key: ({} if key == k.CHILDREN else value) for key, value in node.items()}
        s = layer.stock
        layer.wordpress = WordPressNode(kept, LayerRead(
            name, layer.required, layer.multiple, layer.price, layer.sale_price, "",
            layer.active_on_load, layer.hidden, s.manage, s.sku, s.quantity, s.status,
            s.low_amount, s.backorders,
        ))  # fmt: skip
        if children is not None and children != {}:
            layer.children = self._nodes(children, f"{here}.children", layer, layer_type)
        return layer

    def _option(self, layer: Layer, settings: PhpArray, at: str) -> None:
        layer.price = self._price(settings.get(k.PRICE), k.COMPONENTS, f"{at}.{k.PRICE}")
        sale = self._price(settings.get(k.SALE_PRICE), k.COMPONENTS, f"{at}.{k.SALE_PRICE}")
        if sale:  # the plugin uses a sale price only when it is not zero
            try:
                layer.sale_price = rules.sale_price(sale, layer.price)
            except RuleError as exc:
                raise self.tree_fail(f"{at}.{k.SALE_PRICE}", exc.problem) from None
        layer.active_on_load = k.str_to_bool(settings.get(k.ACTIVE, False))
        layer.stock = self._stock(settings, at)
        self._image(layer, settings, at)

    def _stock(self, settings: PhpArray, at: str) -> Stock:
        names = k.STOCK_KEYS
        stock = Stock(manage=k.php_truthy(settings.get(names["manage"], False)))
        sku = settings.get(names["sku"])
        if isinstance(sku, int) and not isinstance(sku, bool):
            sku = str(sku)
        try:
            stock.sku = rules.sku(sku if sku != "" else None)
        except RuleError as exc:
            raise self.tree_fail(f"{at}.{names['sku']}", exc.problem) from None
        if stock.sku:
            where = f"{at}.{names['sku']}"
            if stock.sku in self.skus:
                raise self.tree_fail(
                    where, f'"{stock.sku}" is also the SKU of {self.skus[stock.sku]} (the '
                    "editor needs each SKU once per configurator)",
                )  # fmt: skip
            self.skus[stock.sku] = at.removesuffix(".settings")
        stock.quantity = self._whole(settings, names["quantity"], at, rules.quantity)
        stock.low_amount = self._whole(settings, names["low_amount"], at, rules.low_stock_amount)
        stock.backorders = self._option_backorders(settings.get(names["backorders"]), at)
        status = settings.get(names["status"])
        if status is not None and status != "":
            found = k.STOCK_STATUS_READ.get(status) if isinstance(status, str) else None
            if found is None:
                listed = ", ".join(f'"{word}"' for word in k.STOCK_STATUS_READ)
                raise self.tree_fail(
                    f"{at}.{names['status']}", f"{_shown(status)} is not one of {listed}"
                )
            stock.status = found
        return stock

    def _option_backorders(self, value: PhpValue, at: str) -> Backorders | None:
        """An option's own backorder setting; absent or empty: the configurator's."""
        if value is None or value == "":
            return None
        found = k.BACKORDERS_READ.get(value) if isinstance(value, str) else None
        if found is None:
            listed = ", ".join(f'"{word}"' for word in k.BACKORDERS_READ)
            raise self.tree_fail(
                f"{at}.{k.STOCK_KEYS['backorders']}", f"{_shown(value)} is not one of {listed}"
            )
        return found

    def _whole(
        self, settings: PhpArray, key: str, at: str, rule: Callable[[int], int | None]
    ) -> int | None:
        value = settings.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.tree_fail(f"{at}.{key}", f"{_shown(value)} is not a whole number")
        try:
            return rule(value)
        except RuleError as exc:
            raise self.tree_fail(f"{at}.{key}", exc.problem) from None

    def _image(self, layer: Layer, settings: PhpArray, at: str) -> None:
        views = settings.get(k.VIEW_SETTINGS)
        view = views.get(self.view) if isinstance(views, dict) else None
        attachment = view.get(k.VIEW_IMAGE) if isinstance(view, dict) else None
        if not attachment or isinstance(attachment, dict | bool):
            return
        entry = self.editor_images.get(attachment) if isinstance(attachment, int | str) else None
        if entry is None and isinstance(attachment, str) and attachment.isdigit():
            entry = self.editor_images.get(int(attachment))
        src = entry.get(k.SRC) if isinstance(entry, dict) else None
        self.item.images.append(
            ImageRef(layer, attachment, src if isinstance(src, str) and src else None)
        )
