"""The WordPress records (docs/wordpress.md) as JSON: the exchange file's `wordpress` objects
and the team database's `wordpress` columns hold the same text.

PHP values need more than JSON says: an array's keys are ints or strings (`1` and `"1"` are
two keys), its order matters, and a float may be INF or NAN. So a PHP array is written
`{"array": [[key, value], ...]}` and a float `{"float": "1.5"}` (Python's shortest exact form,
or "INF", "-INF", "NAN"); null, booleans, integers and strings are themselves. Reading it back
gives the very values read from WordPress, so PHP's `serialize` of them is the same text.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

from ..domain import rules
from ..domain.model import Backorders, StockStatus
from ..domain.money import money_str
from ..domain.php_value import PhpArray, PhpValue
from ..domain.rules import RuleError
from ..domain.wordpress import ConfiguratorRead, LayerRead, WordPressNode, WordPressPost

PHP_INT_MIN, PHP_INT_MAX = -(2**63), 2**63 - 1
_FORMS = ("serialized", "json")


class RecordError(ValueError):
    """A `wordpress` object we refuse; `path` is where in it (e.g. `node.settings`)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


# --- PHP values ---------------------------------------------------------------------------------
def php_to_json(value: PhpValue) -> Any:
    if type(value) is dict:
        # Scalars other than floats are themselves: no call for each (most values are).
        return {
            "array": [
                [key, php_to_json(item) if type(item) in _TAGGED else item]
                for key, item in value.items()
            ]
        }
    if type(value) is float:
        if math.isnan(value):
            return {"float": "NAN"}
        if math.isinf(value):
            return {"float": "INF" if value > 0 else "-INF"}
        return {"float": repr(value)}
    return value


_TAGGED = (dict, float)


_SPECIAL = {"NAN": math.nan, "INF": math.inf, "-INF": -math.inf}


def php_from_json(data: Any, path: str = "") -> PhpValue:
    try:
        return _php(data, path)
    except RecursionError:
        raise RecordError(path, "nested too deeply") from None


def _php(data: Any, path: str) -> PhpValue:
    if data is None or type(data) in (bool, str):
        return data
    if type(data) is int:
        if not PHP_INT_MIN <= data <= PHP_INT_MAX:
            raise RecordError(path, "an integer beyond PHP's 64 bits")
        return data
    if type(data) is dict and len(data) == 1:
        if "float" in data:
            return _float(data["float"], path)
        if "array" in data and type(data["array"]) is list:
            return _array(data["array"], path)
    raise RecordError(
        path,
        'expected null, true, false, an integer, a string, {"float": "…"} or {"array": [...]}',
    )


def _float(text: Any, path: str) -> float:
    if type(text) is not str:
        raise RecordError(path, 'expected a float as a string, such as {"float": "1.5"}')
    special = _SPECIAL.get(text)
    if special is not None:
        return special
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise RecordError(path, f"{json.dumps(text)[:40]} is not a float")
    return value


def _array(pairs: list[Any], path: str) -> PhpArray:
    array: PhpArray = {}
    for i, pair in enumerate(pairs):
        where = f"{path}[{i}]"
        if type(pair) is not list or len(pair) != 2:
            raise RecordError(where, "expected a [key, value] pair")
        key, value = pair
        if type(key) is int:
            if not PHP_INT_MIN <= key <= PHP_INT_MAX:
                raise RecordError(where, "a key beyond PHP's 64-bit integers")
        elif type(key) is not str:
            raise RecordError(where, "a key is an integer or a string")
        if key in array:
            raise RecordError(where, f"the key {json.dumps(key)} appears more than once")
        array[key] = _php(value, f"{where}[1]")
    return array


# --- fields as read -----------------------------------------------------------------------------
def _layer_read_to_json(read: LayerRead) -> dict[str, Any]:
    return {
        "name": read.name,
        "required": read.required,
        "multiple": read.multiple,
        "price": _money_text(read.price),
        "sale_price": None if read.sale_price is None else _money_text(read.sale_price),
        "image": read.image,
        "active_on_load": read.active_on_load,
        "hidden": read.hidden,
        "stock": {
            "manage": read.manage,
            "sku": read.sku,
            "quantity": read.quantity,
            "status": read.status.value,
            "low_stock_amount": read.low_amount,
            # Only where the option had its own: records written before it existed read alike.
            **({} if read.backorders is None else {"backorders": read.backorders.value}),
        },
    }


_MONEY_TEXTS: dict[Decimal, str] = {}


def _money_text(value: Decimal) -> str:
    # A catalogue repeats a few prices: each is written out once.
    text = _MONEY_TEXTS.get(value)
    if text is None:
        if len(_MONEY_TEXTS) > 4096:
            _MONEY_TEXTS.clear()
        text = _MONEY_TEXTS[value] = money_str(value)
    return text


def _checked(data: dict[str, Any], key: str, rule: Any, path: str, default: Any) -> Any:
    if key not in data:
        return default
    try:
        return rule(data[key])
    except RuleError as exc:
        raise RecordError(f"{path}.{key}", exc.problem) from None


def _money(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise RuleError('expected an amount as a string, such as "12.50"')
    return rules.amount(value)


def _object(data: Any, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if type(data) is not dict:
        raise RecordError(path, "expected an object")
    for key in data:
        if key not in keys:
            raise RecordError(
                f"{path}.{key}" if path else key, f"unknown key (allowed here: {', '.join(keys)})"
            )
    return data


_LAYER_READ_KEYS = (
    "name", "required", "multiple", "price", "sale_price", "image", "active_on_load", "hidden",
    "stock",
)  # fmt: skip
_STOCK_KEYS = ("manage", "sku", "quantity", "status", "low_stock_amount", "backorders")


def _layer_read(data: Any, path: str) -> LayerRead:
    data = _object(data, path, _LAYER_READ_KEYS)
    if "name" not in data:
        raise RecordError(f"{path}.name", "required key is missing")
    stock = _object(data.get("stock", {}), f"{path}.stock", _STOCK_KEYS)
    spath = f"{path}.stock"
    sale = data.get("sale_price")
    return LayerRead(
        name=_checked(data, "name", rules.name, path, ""),
        required=_checked(data, "required", rules.flag, path, False),
        multiple=_checked(data, "multiple", rules.flag, path, False),
        price=_checked(data, "price", _money, path, Decimal("0.00")),
        sale_price=None if sale is None else _checked(data, "sale_price", _money, path, None),
        image=_checked(data, "image", rules.image, path, ""),
        active_on_load=_checked(data, "active_on_load", rules.flag, path, False),
        hidden=_checked(data, "hidden", rules.flag, path, False),
        manage=_checked(stock, "manage", rules.flag, spath, False),
        sku=_checked(stock, "sku", rules.sku, spath, ""),
        quantity=_checked(stock, "quantity", rules.quantity, spath, None),
        status=_checked(stock, "status", rules.stock_status, spath, StockStatus.IN_STOCK),
        low_amount=_checked(stock, "low_stock_amount", rules.low_stock_amount, spath, None),
        backorders=_checked(stock, "backorders", rules.option_backorders, spath, None),
    )


# --- records ------------------------------------------------------------------------------------
def node_to_json(record: WordPressNode) -> dict[str, Any]:
    return {"node": php_to_json(record.node), "read": _layer_read_to_json(record.read)}


def node_from_json(data: Any, path: str = "") -> WordPressNode:
    data = _object(data, path, ("node", "read"))
    where = f"{path}.node" if path else "node"
    if "node" not in data or "read" not in data:
        missing = "node" if "node" not in data else "read"
        raise RecordError(f"{path}.{missing}" if path else missing, "required key is missing")
    node = php_from_json(data["node"], where)
    if type(node) is not dict:
        raise RecordError(where, "expected an array")
    return WordPressNode(node, _layer_read(data["read"], f"{path}.read" if path else "read"))


def post_to_json(post: WordPressPost) -> dict[str, Any]:
    read = post.read
    return {
        "title": post.title,
        "status": post.status,
        "post_id": post.post_id,
        "fields": [list(pair) for pair in post.fields],
        "meta": [list(pair) for pair in post.meta],
        "components": post.components,
        "read": {
            "name": read.name,
            "base_price": money_str(read.base_price),
            "woocommerce_id": read.woocommerce_id,
            "backorders": read.backorders.value,
        },
    }


_POST_KEYS = ("title", "status", "post_id", "fields", "meta", "components", "read")


def post_from_json(data: Any, path: str = "") -> WordPressPost:
    data = _object(data, path, _POST_KEYS)

    def at(key: str) -> str:
        return f"{path}.{key}" if path else key

    for key in _POST_KEYS:
        if key not in data:
            raise RecordError(at(key), "required key is missing")
    for key in ("title", "status"):
        if type(data[key]) is not str:
            raise RecordError(at(key), "expected a string")
    post_id = data["post_id"]
    if post_id is not None and (type(post_id) is not int or not 0 <= post_id <= PHP_INT_MAX):
        raise RecordError(at("post_id"), "expected a post id (an integer) or null")
    if data["components"] not in _FORMS:
        raise RecordError(at("components"), 'expected "serialized" or "json"')
    read = _object(data["read"], at("read"), ("name", "base_price", "woocommerce_id", "backorders"))
    if "name" not in read:
        raise RecordError(at("read.name"), "required key is missing")
    return WordPressPost(
        title=data["title"],
        status=data["status"],
        post_id=post_id,
        fields=_pairs(data["fields"], at("fields")),
        meta=_pairs(data["meta"], at("meta")),
        components=data["components"],
        read=ConfiguratorRead(
            name=_checked(read, "name", rules.name, at("read"), ""),
            base_price=_checked(read, "base_price", _money, at("read"), Decimal("0.00")),
            woocommerce_id=_checked(read, "woocommerce_id", rules.product_id, at("read"), None),
            backorders=_checked(read, "backorders", rules.backorders, at("read"), Backorders.NO),
        ),
    )


def _pairs(data: Any, path: str) -> tuple[tuple[str, str], ...]:
    if type(data) is not list:
        raise RecordError(path, "expected a list")
    pairs: list[tuple[str, str]] = []
    for i, pair in enumerate(data):
        if type(pair) is not list or len(pair) != 2 or not all(type(p) is str for p in pair):
            raise RecordError(f"{path}[{i}]", "expected a [name, text] pair of strings")
        pairs.append((pair[0], pair[1]))
    return tuple(pairs)


# --- the database columns -----------------------------------------------------------------------
def record_text(record: WordPressNode | WordPressPost | None) -> str | None:
    """The column's text for a record (None: the row has none)."""
    if record is None:
        return None
    data = node_to_json(record) if isinstance(record, WordPressNode) else post_to_json(record)
    return _ENCODER.encode(data)


# Made once: json.dumps and json.loads build a new encoder or decoder for each call that
# passes options, which at one call per layer cost more than the encoding itself.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def node_from_text(text: str) -> WordPressNode:
    """A layer's record from its column, as one of our writes stored it; RecordError (a
    ValueError) for a text none of them could have stored.

    Read without the exchange's checks: opening a configurator decodes one per layer, and
    the checked reading cost seconds at 10,000 layers. A tagged object becomes its PHP value
    as the decoder meets it (`_tagged`), in one pass of the C parser."""
    try:
        return _node(_DECODER.decode(text))
    except (KeyError, TypeError, AttributeError, IndexError, RecursionError):
        raise RecordError("", "not a layer's WordPress record") from None


def _node(data: Any) -> WordPressNode:
    node, read = data["node"], data["read"]
    if type(node) is not dict:
        raise TypeError("node")
    stock = read["stock"]
    sale = read["sale_price"]
    return WordPressNode(
        node,
        LayerRead(
            read["name"], read["required"], read["multiple"], _decimal(read["price"]),
            None if sale is None else _decimal(sale), read["image"], read["active_on_load"],
            read["hidden"], stock["manage"], stock["sku"], stock["quantity"],
            _STATUSES[stock["status"]], stock["low_stock_amount"],
            _BACKORDERS[stock.get("backorders")],
        ),
    )  # fmt: skip


_STATUSES = {status.value: status for status in StockStatus}
_BACKORDERS: dict[str | None, Backorders | None] = {None: None, **{b.value: b for b in Backorders}}
_DECIMALS: dict[str, Decimal] = {}


def _decimal(text: str) -> Decimal:
    found = _DECIMALS.get(text)
    if found is None:
        if len(_DECIMALS) > 4096:
            _DECIMALS.clear()
        found = _DECIMALS[text] = Decimal(text)
    return found


def _tagged(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        pairs = obj.get("array")
        if pairs is not None:
            return {key: value for key, value in pairs}
        text = obj.get("float")
        if text is not None:
            return _SPECIAL[text] if text in _SPECIAL else float(text)
    return obj


_DECODER = json.JSONDecoder(object_hook=_tagged)


def post_from_text(text: str) -> WordPressPost:
    return post_from_json(_json(text))


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise RecordError("", "not JSON") from None
