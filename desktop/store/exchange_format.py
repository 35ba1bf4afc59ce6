"""The exchange format `configurator-editor/1` (docs/exchange-format.md): domain objects to JSON
data and back.

Pure conversion, no database. `to_dict` writes the shape; `from_dict` validates with pydantic
models (unknown keys refused, strict types) whose fields run the domain's field rules, then the
domain's tree rules; `loads`/`read_json` parse text. Every refusal names the offending field, e.g.
`configurator.layers[0].children[2].stock.quantity: expected an integer`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, NotRequired

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Tag,
    ValidationError,
    ValidationInfo,
    with_config,
)
from pydantic_core import ErrorDetails, PydanticCustomError
from typing_extensions import TypedDict  # pydantic reads typing's only from Python 3.12

from ..domain import rules
from ..domain.fields import TreeError, check_layers, misplaced
from ..domain.model import (
    ALLOWED_CHILDREN,
    DEFAULT_LOW_STOCK_THRESHOLD,
    Backorders,
    Configurator,
    Layer,
    LayerType,
    Stock,
    StockDisplay,
    StockStatus,
)
from ..domain.money import money_str
from ..domain.rules import RuleError
from . import open_files
from .wordpress_json import RecordError, node_from_json, node_to_json, post_from_json, post_to_json

FORMAT = "configurator-editor/1"
# Far above any real configurator (100,000 options export to about 40 MB).
MAX_FILE_BYTES = 200 * 2**20


class ExchangeError(ValueError):
    """An exchange file we refuse; `path` is the offending field ('' for the file as a whole)."""

    def __init__(self, path: str, problem: str) -> None:
        path, problem = _printable(path), _printable(problem)
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


def _printable(text: str) -> str:
    """text with what cannot be written as UTF-8 (a lone surrogate from a crafted key or
    value) spelled as an escape, so the message can be printed and shown anywhere."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --- export -------------------------------------------------------------------------------------
def to_dict(cfg: Configurator) -> dict[str, Any]:
    """The exchange form of a configurator (no ids: they belong to one database)."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "configurator": {
            "name": cfg.name,
            "product": {"name": cfg.product_name, "woocommerce_id": cfg.woocommerce_id},
            "base_price": money_str(cfg.base_price),
            "currency": cfg.currency,
            "settings": {
                "backorders": cfg.backorders.value,
                "low_stock_threshold": cfg.low_stock_threshold,
                "stock_display": cfg.stock_display.value,
            },
            "layers": [_layer_to_dict(layer) for layer in cfg.layers],
        },
    }
    if cfg.wordpress is not None:  # only a configurator read from WordPress has one
        data["configurator"]["wordpress"] = post_to_json(cfg.wordpress)
    return data


def _layer_to_dict(layer: Layer) -> dict[str, Any]:
    data = _layer_fields(layer)
    if layer.wordpress is not None:
        data["wordpress"] = node_to_json(layer.wordpress)
    return data


def _layer_fields(layer: Layer) -> dict[str, Any]:
    if layer.is_group:
        return {
            "name": layer.name,
            "type": layer.type.value,
            "required": layer.required,
            "multiple": layer.multiple,
            "hidden": layer.hidden,
            "children": [_layer_to_dict(child) for child in layer.children],
        }
    return {
        "name": layer.name,
        "type": layer.type.value,
        "price": money_str(layer.price),
        "sale_price": None if layer.sale_price is None else money_str(layer.sale_price),
        "image": layer.image,
        "active_on_load": layer.active_on_load,
        "hidden": layer.hidden,
        "stock": {
            "manage": layer.stock.manage,
            "sku": layer.stock.sku,
            "quantity": layer.stock.quantity,
            "status": layer.stock.status.value,
            "low_stock_amount": layer.stock.low_amount,
        },
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- parsing ----------------------------------------------------------------------------------
def read_json(path: Path) -> Any:
    """Parse a file as JSON; refusals say where the text went wrong (the caller names the file)."""
    path = Path(path)
    try:
        # A pipe or a device (/dev/zero) would block or never end; a huge file is no export.
        if path.exists() and not path.is_file():
            raise ExchangeError("", "not a regular file")
        if (own := open_files.refusal(path)) is not None:
            raise ExchangeError("", own)
        if path.exists() and path.stat().st_size > MAX_FILE_BYTES:
            raise ExchangeError("", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExchangeError("", "file not found") from None
    except UnicodeDecodeError:
        raise ExchangeError("", "the file is not UTF-8 text") from None
    except OSError as exc:
        raise ExchangeError("", f"cannot read the file: {exc.strerror or exc}") from None
    return loads(text)


def loads(text: str) -> Any:
    try:
        return _decode(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            "", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ExchangeError("", "invalid JSON: nested too deeply") from None
    except ValueError:  # Python converts integers of at most 4,300 digits from text
        raise ExchangeError("", "invalid JSON: a number has more than 4,300 digits") from None


class _JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers keys the text repeated (json keeps the last).
    Only such an object, and the outermost one, is of this class: the others are plain dicts,
    which pydantic reads much faster than a subclass (a third of a second for a large file).
    The outermost object says whether the text repeated any key (`unique_keys`), which spares
    the check of every object for them."""

    duplicates: tuple[str, ...] = ()
    unique_keys = False

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> _JsonObject:
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated: list[str] = []
            for key, _ in pairs:
                if key in seen:
                    repeated.append(key)
                seen.add(key)
            obj.duplicates = tuple(repeated)
        return obj


def _decode(text: str) -> Any:
    repeated = False

    def from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        repeated = True
        return _JsonObject.from_pairs(pairs)

    data = json.loads(text, object_pairs_hook=from_pairs)
    if isinstance(data, dict):
        if not isinstance(data, _JsonObject):
            data = _JsonObject(data)
        data.unique_keys = not repeated
    return data


# --- the shape, as pydantic models over the domain's field rules --------------------------------
def _refused(exc: RuleError) -> PydanticCustomError:
    # pydantic renders the message as UTF-8: a lone surrogate quoted from the file must not
    # reach it unescaped.
    return PydanticCustomError("rule", "{problem}", {"problem": _printable(exc.problem)})


def _rule(check: Callable[[Any], Any], *, repeated: bool = False) -> BeforeValidator:
    """A domain field rule as a pydantic validator whose message is the rule's own.

    repeated: the field's texts repeat across a file (a stock status, a price, an image path
    among 100,000 options): each distinct text is checked once, and the rule's answer (an
    immutable value) is reused. Anything but a text, and every refusal, is the rule's alone."""
    remembered = lru_cache(maxsize=4096)(check) if repeated else check

    def validate(value: Any) -> Any:
        try:
            return remembered(value) if repeated and type(value) is str else check(value)
        except RuleError as exc:
            raise _refused(exc) from None

    return BeforeValidator(validate)


def _money_text(value: Any) -> Decimal:
    # Files write money as strings so that no amount passes through a binary float.
    if not isinstance(value, str):
        raise RuleError('expected an amount as a string, such as "12.50"')
    return rules.amount(value)


def _format(value: Any) -> str:
    if value != FORMAT:
        raise RuleError(f'expected "{FORMAT}", not {json.dumps(value)[:60]}')
    return FORMAT


Name = Annotated[str, _rule(rules.name)]
# A flag is pydantic's strict bool, checked without a call into Python per value (a large file
# has hundreds of thousands of them); a refusal is worded by rules.flag all the same.
Flag = bool
Money = Annotated[Decimal, _rule(_money_text, repeated=True)]
_ZERO = Decimal("0.00")


def _record(read: Callable[[Any], Any]) -> BeforeValidator:
    """A WordPress record (docs/wordpress.md) checked whole by its reader, whose message
    names where in it the problem is."""

    def validate(value: Any) -> Any:
        try:
            return read(value)
        except RecordError as exc:
            problem = f"{exc.path}: {exc.problem}" if exc.path else exc.problem
            details = {"problem": _printable(problem)}
            raise PydanticCustomError("rule", "{problem}", details) from None

    return BeforeValidator(validate)


WordPressNodeJson = Annotated[Any, _record(node_from_json)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Product(_Strict):
    name: Annotated[str, _rule(rules.product_name)] = ""
    woocommerce_id: Annotated[int | None, _rule(rules.product_id)] = None


class _Settings(_Strict):
    backorders: Annotated[Backorders, _rule(rules.backorders)] = Backorders.NO
    low_stock_threshold: Annotated[int, _rule(rules.low_stock_threshold)] = (
        DEFAULT_LOW_STOCK_THRESHOLD
    )
    stock_display: Annotated[StockDisplay, _rule(rules.stock_display)] = StockDisplay.NEVER


# The layers are typed dicts, not models: pydantic validates a dict into a dict several times
# faster than into a model instance, and a 100,000-option file has 200,000 of them (layers and
# their stock). Keys a layer leaves out keep their defaults (`_layers`).
_LAYER_CONFIG = ConfigDict(extra="forbid", strict=True)


@with_config(_LAYER_CONFIG)
class _Stock(TypedDict):
    manage: NotRequired[Flag]
    sku: NotRequired[Annotated[str, _rule(rules.sku)]]
    quantity: NotRequired[Annotated[int | None, _rule(rules.quantity)]]
    status: NotRequired[Annotated[StockStatus, _rule(rules.stock_status, repeated=True)]]
    low_stock_amount: NotRequired[Annotated[int | None, _rule(rules.low_stock_amount)]]


@with_config(_LAYER_CONFIG)
class _Group(TypedDict):
    name: Name
    type: Literal["group", "sub_group"]
    required: NotRequired[Flag]
    multiple: NotRequired[Flag]
    hidden: NotRequired[Flag]
    children: NotRequired[list[_AnyLayer]]
    wordpress: NotRequired[WordPressNodeJson]


@with_config(_LAYER_CONFIG)
class _SubGroup(_Group):
    pass


def _sale_below_price(value: Any, info: ValidationInfo) -> Decimal | None:
    # The price comes first: a price the file leaves out is its default, and one refused
    # itself is the refusal named (pydantic reports the fields in their order).
    if value is None:
        return None
    try:
        return rules.sale_price(_money_text(value), info.data.get("price", _ZERO))
    except RuleError as exc:
        raise _refused(exc) from None


@with_config(_LAYER_CONFIG)
class _Image(TypedDict):
    name: Name
    type: Literal["image"]
    price: NotRequired[Money]
    sale_price: NotRequired[Annotated[Decimal | None, BeforeValidator(_sale_below_price)]]
    image: NotRequired[Annotated[str, _rule(rules.image, repeated=True)]]
    active_on_load: NotRequired[Flag]
    hidden: NotRequired[Flag]
    stock: NotRequired[_Stock]
    wordpress: NotRequired[WordPressNodeJson]


def _layer_tag(value: Any) -> str | None:
    type_ = value.get("type") if isinstance(value, dict) else None
    return type_ if isinstance(type_, str) or type_ is None else repr(type_)


_AnyLayer = Annotated[
    Annotated[_Group, Tag("group")]
    | Annotated[_SubGroup, Tag("sub_group")]
    | Annotated[_Image, Tag("image")],
    Discriminator(_layer_tag),
]


class _Configurator(_Strict):
    name: Name
    product: _Product = _Product()
    base_price: Money = Decimal("0.00")
    currency: Annotated[str, _rule(rules.currency)] = "$"
    settings: _Settings = _Settings()
    layers: list[_AnyLayer] = []
    wordpress: Annotated[Any, _record(post_from_json)] = None


class _File(_Strict):
    format: Annotated[str, _rule(_format)]
    configurator: _Configurator


_TAG_MODELS: dict[str, type] = {"group": _Group, "sub_group": _SubGroup, "image": _Image}
_NESTED: dict[tuple[type, str], type] = {
    (_File, "configurator"): _Configurator,
    (_Configurator, "product"): _Product,
    (_Configurator, "settings"): _Settings,
    (_Image, "stock"): _Stock,
}
_LAYER_TYPES = tuple(t.value for t in LayerType)


# --- validation ---------------------------------------------------------------------------------
def from_dict(data: Any) -> Configurator:
    """Validate exchange data into a new Configurator (no ids); raises ExchangeError."""
    if getattr(data, "unique_keys", False):
        _check_placement(data)
    else:
        _check_raw(data, "", None)
    try:
        parsed = _File.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc) from None
    cfg = _configurator(parsed.configurator)
    try:
        # The models ran every field rule; the tree's own rules (shape, names, SKUs) remain.
        check_layers(cfg.layers, None, "configurator.layers", values=False)
    except TreeError as exc:
        raise ExchangeError(exc.where, exc.problem) from None
    return cfg


def _check_raw(value: Any, path: str, layer_type: LayerType | None = None) -> None:
    """What the parsed models cannot see: keys the text repeated, and where a layer's type may
    go (checked before its keys, since the type decides which keys are allowed). layer_type is
    the type of the layer that value is, when it is one."""
    if isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            raise ExchangeError(_key(path, key), "appears more than once")
        for key, item in value.items():
            if not isinstance(item, dict | list):
                continue  # a scalar holds no keys (a large file has a million of them)
            here = _key(path, key)
            top = key == "layers" and path == "configurator"
            if isinstance(item, list) and (top or (key == "children" and layer_type is not None)):
                for i, child in enumerate(item):
                    _check_layer(child, f"{here}[{i}]", layer_type)
            else:
                _check_raw(item, here)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict | list):
                _check_raw(item, f"{path}[{i}]")


def _check_layer(value: Any, path: str, parent: LayerType | None) -> None:
    type_ = value.get("type") if isinstance(value, dict) else None
    if type_ not in _LAYER_TYPES:
        _check_raw(value, path)  # the models name what is wrong with the type
        return
    layer_type = _TYPES[type_]
    if layer_type not in ALLOWED_CHILDREN[parent]:
        raise ExchangeError(_key(path, "type"), misplaced(layer_type, parent))
    _check_raw(value, path, layer_type)


def _check_placement(data: dict[str, Any]) -> None:
    """_check_raw for a text that repeats no key: where each layer's type may go, walking the
    layers alone, depth first in file order as _check_raw does."""
    configurator = data.get("configurator")
    top = configurator.get("layers") if isinstance(configurator, dict) else None
    if isinstance(top, list):
        _check_placed(top, "configurator.layers", None)


def _check_placed(layers: list[Any], path: str, parent: LayerType | None) -> None:
    for i, value in enumerate(layers):
        type_ = value.get("type") if isinstance(value, dict) else None
        if type_ not in _LAYER_TYPES:
            continue  # the models name what is wrong with the type
        layer_type = _TYPES[type_]  # a dict: calling an enum class is slow
        if layer_type not in ALLOWED_CHILDREN[parent]:
            raise ExchangeError(f"{path}[{i}].type", misplaced(layer_type, parent))
        children = value.get("children")
        if isinstance(children, list):
            _check_placed(children, f"{path}[{i}].children", layer_type)


def _key(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _first_error(exc: ValidationError) -> ExchangeError:
    error = exc.errors(include_url=False)[0]
    loc = error["loc"]
    kind = error["type"]
    if kind == "union_tag_not_found":
        if not isinstance(error["input"], dict):
            return ExchangeError(_where(loc), "expected an object")
        return ExchangeError(_where((*loc, "type")), "required key is missing")
    if kind == "union_tag_invalid":
        listed = ", ".join(f'"{t}"' for t in _LAYER_TYPES)
        return ExchangeError(_where((*loc, "type")), f"expected one of {listed}")
    return ExchangeError(_where(loc) or "top level", _problem(error))


def _problem(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "rule":
        return str((error.get("ctx") or {}).get("problem", error["msg"]))
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(error["loc"][:-1])
        return f"unknown key (allowed here: {', '.join(allowed)})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "expected an object"
    if kind == "list_type":
        return "expected a list"
    if kind == "bool_type":
        return _rule_problem(rules.flag, error["input"])
    if kind == "literal_error":
        return f"expected {(error.get('ctx') or {}).get('expected', 'another value')}"
    return error["msg"]


def _rule_problem(rule: Callable[[Any], Any], value: Any) -> str:
    """Why rule refuses value, in the rule's own words."""
    try:
        rule(value)
    except RuleError as exc:
        return _printable(exc.problem)
    raise AssertionError(f"{rule.__name__} accepts what the model refused: {value!r}")


def _where(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as the exchange's field path: list indexes in brackets, the union's
    tag (which follows each layer's index) left out."""
    parts: list[str] = []
    after_index = False
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
            after_index = True
            continue
        if not (after_index and part in _TAG_MODELS):
            parts.append(f".{part}" if parts else part)
        after_index = False
    return "".join(parts)


def _allowed_keys(loc: tuple[int | str, ...]) -> list[str]:
    model: type = _File
    after_index = False
    for part in loc:
        if isinstance(part, int):
            after_index = True
            continue
        if after_index and part in _TAG_MODELS:
            model = _TAG_MODELS[part]
        else:
            model = _NESTED.get((model, part), model)
        after_index = False
    if issubclass(model, BaseModel):
        return list(model.model_fields)
    return list(model.__annotations__)  # a typed dict's keys, its base's first


# --- models to domain objects -------------------------------------------------------------------
def _configurator(raw: _Configurator) -> Configurator:
    return Configurator(
        name=raw.name,
        product_name=raw.product.name,
        woocommerce_id=raw.product.woocommerce_id,
        base_price=raw.base_price,
        currency=raw.currency,
        backorders=raw.settings.backorders,
        low_stock_threshold=raw.settings.low_stock_threshold,
        stock_display=raw.settings.stock_display,
        layers=list(_layers(raw.layers, None)),
        wordpress=raw.wordpress,
    )


def _layers(items: Iterable[Mapping[str, Any]], parent: Layer | None) -> Iterator[Layer]:
    for item in items:
        type_ = _TYPES[item["type"]]
        get = item.get
        if type_ is _IMAGE:
            stock = get("stock")
            layer = Layer(
                item["name"],
                type_,
                None,
                False,
                False,
                get("price", _ZERO),
                get("sale_price"),
                get("image", ""),
                get("active_on_load", False),
                get("hidden", False),
                Stock() if stock is None else _stock(stock),
                parent=parent,
            )
            if "wordpress" in item:
                layer.wordpress = item["wordpress"]
        else:
            layer = Layer(
                item["name"],
                type_,
                required=get("required", False),
                multiple=get("multiple", False),
                hidden=get("hidden", False),
                parent=parent,
                wordpress=get("wordpress"),
            )
            layer.children = list(_layers(get("children", ()), layer))
        yield layer


def _stock(raw: Mapping[str, Any]) -> Stock:
    get = raw.get
    return Stock(
        get("manage", False),
        get("sku", ""),
        get("quantity"),
        get("status", StockStatus.IN_STOCK),
        get("low_stock_amount"),
    )


_TYPES = {t.value: t for t in LayerType}
_IMAGE = LayerType.IMAGE  # a module constant: an enum member looked up on its class is slow
