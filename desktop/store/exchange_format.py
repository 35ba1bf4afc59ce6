"""The exchange format `configurator-editor/1` (docs/exchange-format.md): domain objects to JSON
data and back.

Pure conversion, no database. `to_dict` writes the shape; `from_dict` validates with the
pydantic models of `exchange_models` (unknown keys refused, strict types) whose fields run the
domain's field rules, then the domain's tree rules; `loads`/`read_json` (`exchange_text`) parse
text. Every refusal names the offending field, e.g.
`configurator.layers[0].children[2].stock.quantity: expected an integer`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..domain import rules
from ..domain.fields import TreeError, check_layers, misplaced
from ..domain.model import (
    ALLOWED_CHILDREN,
    Configurator,
    Layer,
    LayerType,
    Stock,
    StockStatus,
)
from ..domain.money import money_str
from ..domain.rules import RuleError
from .exchange_models import (
    FORMAT,
    LAYER_TYPES,
    NESTED,
    TAG_MODELS,
    ConfiguratorModel,
    FileModel,
)
from .exchange_text import MAX_FILE_BYTES, ExchangeError, loads, printable, read_json
from .wordpress_json import node_to_json, post_to_json

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "ExchangeError",
    "dumps",
    "from_dict",
    "loads",
    "read_json",
    "to_dict",
]
_ZERO = Decimal("0.00")


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
            "price_format": {
                "currency_position": cfg.currency_position.value,
                "thousand_separator": cfg.thousand_separator,
                "decimal_separator": cfg.decimal_separator,
                "decimals": cfg.price_decimals,
            },
            "settings": {
                "backorders": cfg.backorders.value,
                "low_stock_threshold": cfg.low_stock_threshold,
                "stock_display": cfg.stock_display.value,
                "payment": cfg.payment.value,
                "hold_minutes": cfg.hold_minutes,
                "notify_no_stock_at": cfg.notify_no_stock_at,
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
        "stock": _stock_to_dict(layer.stock),
    }


def _stock_to_dict(stock: Stock) -> dict[str, Any]:
    data = {
        "manage": stock.manage,
        "sku": stock.sku,
        "quantity": stock.quantity,
        "status": stock.status.value,
        "low_stock_amount": stock.low_amount,
    }
    # Written only where the option has its own backorder setting: an option on its
    # configurator's setting is written as files were before (docs/exchange-format.md).
    if stock.backorders is not None:
        data["backorders"] = stock.backorders.value
    return data


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- validation ---------------------------------------------------------------------------------
def from_dict(data: Any) -> Configurator:
    """Validate exchange data into a new Configurator (no ids); raises ExchangeError."""
    if getattr(data, "unique_keys", False):
        _check_placement(data)
    else:
        _check_raw(data, "", None)
    try:
        parsed = FileModel.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc) from None
    cfg = _configurator(parsed.configurator)
    try:
        rules.separators_differ(cfg.thousand_separator, cfg.decimal_separator)
    except RuleError as exc:
        where = "configurator.price_format.thousand_separator"
        raise ExchangeError(where, exc.problem) from None
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
    if type_ not in LAYER_TYPES:
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
        if type_ not in LAYER_TYPES:
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
        listed = ", ".join(f'"{t}"' for t in LAYER_TYPES)
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
        return printable(exc.problem)
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
        if not (after_index and part in TAG_MODELS):
            parts.append(f".{part}" if parts else part)
        after_index = False
    return "".join(parts)


def _allowed_keys(loc: tuple[int | str, ...]) -> list[str]:
    model: type = FileModel
    after_index = False
    for part in loc:
        if isinstance(part, int):
            after_index = True
            continue
        if after_index and part in TAG_MODELS:
            model = TAG_MODELS[part]
        else:
            model = NESTED.get((model, part), model)
        after_index = False
    if issubclass(model, BaseModel):
        return list(model.model_fields)
    return list(model.__annotations__)  # a typed dict's keys, its base's first


# --- models to domain objects -------------------------------------------------------------------
def _configurator(raw: ConfiguratorModel) -> Configurator:
    return Configurator(
        name=raw.name,
        product_name=raw.product.name,
        woocommerce_id=raw.product.woocommerce_id,
        base_price=raw.base_price,
        currency=raw.currency,
        backorders=raw.settings.backorders,
        low_stock_threshold=raw.settings.low_stock_threshold,
        stock_display=raw.settings.stock_display,
        currency_position=raw.price_format.currency_position,
        thousand_separator=raw.price_format.thousand_separator,
        decimal_separator=raw.price_format.decimal_separator,
        price_decimals=raw.price_format.decimals,
        payment=raw.settings.payment,
        hold_minutes=raw.settings.hold_minutes,
        notify_no_stock_at=raw.settings.notify_no_stock_at,
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
        get("backorders"),
    )


_TYPES = {t.value: t for t in LayerType}
_IMAGE = LayerType.IMAGE  # a module constant: an enum member looked up on its class is slow
