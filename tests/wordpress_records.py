"""A configurator as read from WordPress, with its records, built by hand (docs/wordpress.md),
and a Hypothesis strategy for the PHP values the plugin could store."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from desktop.domain.model import Backorders, Configurator, Layer, LayerType, Stock
from desktop.domain.php_value import PhpArray, PhpValue
from desktop.domain.wordpress import ConfiguratorRead, LayerRead, WordPressNode, WordPressPost


def wp_option(name: str, uid: str, settings: dict[int | str, PhpValue], **fields: Any) -> Layer:
    stock = Stock(
        fields.pop("manage", False),
        fields.pop("sku", ""),
        fields.pop("quantity", None),
    )
    layer = Layer(name, LayerType.IMAGE, stock=stock, **fields)
    node: dict[int | str, PhpValue] = {
        "name": name,
        "uid": uid,
        "type": "image",
        "actions": {"open": False, "show": True},
        "settings": settings,
    }
    layer.wordpress = WordPressNode(node, _read(layer))
    return layer


def wp_group(name: str, uid: str, *children: Layer, **settings: PhpValue) -> Layer:
    layer = Layer(name, LayerType.GROUP, required=bool(settings.get("required")))
    group_settings: PhpArray = {key: value for key, value in settings.items()}
    for child in children:
        child.parent = layer
        layer.children.append(child)
    node: dict[int | str, PhpValue] = {
        "name": name,
        "uid": uid,
        "type": "group",
        "actions": {"open": True, "show": True, "lock": "true"},
        "settings": group_settings,
        "children": {},
    }
    layer.wordpress = WordPressNode(node, _read(layer))
    return layer


def _read(layer: Layer) -> LayerRead:
    s = layer.stock
    return LayerRead(
        layer.name, layer.required, layer.multiple, layer.price, layer.sale_price, layer.image,
        layer.active_on_load, layer.hidden, s.manage, s.sku, s.quantity, s.status, s.low_amount,
    )  # fmt: skip


def wp_configurator(name: str = "Chair") -> Configurator:
    """A small configurator with the odd PHP values the plugin may hold."""
    cfg = Configurator(
        name=name,
        base_price=Decimal("120.00"),
        backorders=Backorders.NOTIFY,
        layers=[
            wp_group(
                "Colour",
                "C0l0-ur01",
                wp_option(
                    "Red",
                    "R3d0-0001",
                    {
                        "price": "5",
                        "active": True,
                        "odd": {0: "a", "0x": 1.5, "inf": math.inf, "n": None, "f": False},
                        "views": {"front": {"image": 1001}, "side": {"image": 1002}},
                        "manage_stock": True,
                        "sku": "CH-RED",
                        "stock_quantity": 3,
                    },
                    price=Decimal("5.00"),
                    active_on_load=True,
                    manage=True,
                    sku="CH-RED",
                    quantity=3,
                ),
                wp_option('Blue \\ "quoted" ]]>', "B1ue-0002", {"label": "true"}),
                required=True,
            )
        ],
    )
    cfg.wordpress = WordPressPost(
        title=name,
        status="publish",
        post_id=2104,
        fields=(("post_date", "2026-12-05 08:17:55"), ("post_name", "chair")),
        meta=(
            ("_wpc_base_price", "120"),
            ("_wpc_components", ""),
            ("_wpc_views", 'a:1:{s:5:"front";s:5:"Front";}'),
            ("_wpc_backorders", "notify"),
        ),
        components="serialized",
        read=ConfiguratorRead(name, Decimal("120.00"), None, Backorders.NOTIFY),
    )
    return cfg


def records(cfg: Configurator) -> list[tuple[str, object]]:
    """Each layer's path with its record, in tree order, and the post's; records are compared
    with their PHP arrays' order and key types (see exact)."""
    found: list[tuple[str, object]] = [("", cfg.wordpress)]
    for layer in cfg.walk():
        record = layer.wordpress
        found.append((layer.path, None if record is None else (exact(record.node), record.read)))
    return found


def exact(value: PhpValue) -> object:
    """value with its arrays as lists of (key type, key, value) and floats by their bits, so
    that == sees order, int vs str keys and NAN."""
    if isinstance(value, dict):
        return [(type(k).__name__, k, exact(v)) for k, v in value.items()]
    if isinstance(value, float):
        return ("float", value.hex())
    return (type(value).__name__, value)


# --- Hypothesis: what the plugin could store ------------------------------------------------
# Any text XML can carry (WordPress's export could not write the other control characters).
_pieces = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    ["]]>", "\\", '"', "<![CDATA[", ";}", "s:1:", "\n", "\t", "\r\n"]
)
_text = st.lists(_pieces, max_size=8).map("".join)
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | _text
)
_PHP_INT = re.compile(r"-?[1-9][0-9]*|0")


def _arrays(inner: st.SearchStrategy[PhpValue]) -> st.SearchStrategy[PhpValue]:
    # PHP turns a key such as "5" into the integer 5: such a text is never a string key.
    keys = st.integers(-5, 2**63 - 1) | _text.filter(lambda k: not _PHP_INT.fullmatch(k))
    return st.dictionaries(keys, inner, max_size=5)


php_values = st.recursive(_scalars, _arrays, max_leaves=25)
