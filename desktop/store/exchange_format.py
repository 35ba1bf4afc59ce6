"""The exchange format `configurator-editor/1` (SPEC §7): domain objects to JSON data and back.

Pure conversion, no database: `to_dict` writes the shape, `from_dict` is the whole validation
(so an import refuses anything wrong before it writes a row), and `loads`/`read_json` parse text.
Every refusal names the offending field, e.g.
`configurator.layers[0].children[2].stock.quantity: expected an integer`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from ..domain.model import (
    MAX_STOCK_QUANTITY,
    MIN_STOCK_QUANTITY,
    Backorders,
    Configurator,
    Layer,
    LayerType,
    Stock,
    StockStatus,
    can_hold,
)
from ..domain.money import MoneyError, checked_amount, money_str
from .media import relative_path_problem

FORMAT = "configurator-editor/1"

# Plain digits: the number forms Decimal would also take (" 1", "1e3", "NaN") are refused.
_MONEY = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_T = TypeVar("_T")


class ExchangeError(ValueError):
    """An exchange file we refuse; `path` is the offending field ('' for the file as a whole)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


# --- export -------------------------------------------------------------------------------------
def to_dict(cfg: Configurator) -> dict[str, Any]:
    """The exchange form of a configurator (no ids: they belong to one database)."""
    return {
        "format": FORMAT,
        "configurator": {
            "name": cfg.name,
            "product": {"name": cfg.product_name, "woocommerce_id": cfg.woocommerce_id},
            "base_price": money_str(cfg.base_price),
            "currency": cfg.currency,
            "settings": {"backorders": cfg.backorders.value},
            "layers": [_layer_to_dict(layer) for layer in cfg.layers],
        },
    }


def _layer_to_dict(layer: Layer) -> dict[str, Any]:
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
        },
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- parsing ----------------------------------------------------------------------------------
def read_json(path: Path) -> Any:
    """Parse a file as JSON; refusals say where the text went wrong (the caller names the file)."""
    path = Path(path)
    try:
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
        return json.loads(text, object_pairs_hook=_JsonObject.from_pairs)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            "", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ExchangeError("", "invalid JSON: nested too deeply") from None


# --- validation ---------------------------------------------------------------------------------
class _JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers keys the text repeated (json keeps the last)."""

    duplicates: tuple[str, ...] = ()

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


def _key(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _object(
    value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ExchangeError(path or "top level", "expected an object")
    for key in getattr(value, "duplicates", ()):
        raise ExchangeError(_key(path, key), "appears more than once")
    allowed = required + optional
    for key in value:
        if key not in allowed:
            raise ExchangeError(
                _key(path, key), f"unknown key (allowed here: {', '.join(allowed)})"
            )
    for key in required:
        if key not in value:
            raise ExchangeError(_key(path, key), "required key is missing")
    return value


def _get(
    obj: dict[str, Any], path: str, key: str, check: Callable[[Any, str], _T], default: _T
) -> _T:
    return check(obj[key], _key(path, key)) if key in obj else default


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise ExchangeError(path, "expected a string")
    return value


def _name(value: Any, path: str) -> str:
    """A name, trimmed as the editor trims what the merchant types."""
    name = _string(value, path).strip()
    if not name:
        raise ExchangeError(path, "must not be empty")
    return name


def _sku(value: Any, path: str) -> str:
    return _string(value, path).strip()


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise ExchangeError(path, "expected true or false")
    return value


def _int_or_null(value: Any, path: str) -> int | None:
    # bool is a subclass of int in Python, but `true` is not a quantity.
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ExchangeError(path, "expected an integer")
    return value


def _quantity(value: Any, path: str) -> int | None:
    if _int_or_null(value, path) is not None and not (
        MIN_STOCK_QUANTITY <= value <= MAX_STOCK_QUANTITY
    ):
        raise ExchangeError(
            path, f"expected a whole number from {MIN_STOCK_QUANTITY} to {MAX_STOCK_QUANTITY}"
        )
    return value


def _product_id(value: Any, path: str) -> int | None:
    if _int_or_null(value, path) is not None and value < 1:
        raise ExchangeError(path, "expected a positive integer")
    return value


def _money(value: Any, path: str) -> Decimal:
    if not isinstance(value, str) or not _MONEY.match(value):
        raise ExchangeError(path, 'expected an amount as a string, such as "12.50"')
    try:
        return checked_amount(Decimal(value), f'"{value}"')
    except MoneyError as exc:
        raise ExchangeError(path, str(exc)) from None


def _money_or_null(value: Any, path: str) -> Decimal | None:
    return None if value is None else _money(value, path)


def _choice(value: Any, path: str, choices: tuple[str, ...]) -> str:
    if value not in choices or not isinstance(value, str):
        listed = ", ".join(f'"{c}"' for c in choices)
        raise ExchangeError(path, f"expected one of {listed}")
    return value


def _image(value: Any, path: str) -> str:
    problem = relative_path_problem(_string(value, path))
    if problem:
        raise ExchangeError(path, problem)
    return value


_CONFIGURATOR_KEYS = ("product", "base_price", "currency", "settings", "layers")
_GROUP_KEYS = ("required", "multiple", "hidden", "children")
_IMAGE_KEYS = ("price", "sale_price", "image", "active_on_load", "hidden", "stock")
_STOCK_KEYS = ("manage", "sku", "quantity", "status")
_LAYER_TYPES = tuple(t.value for t in LayerType)


def from_dict(data: Any) -> Configurator:
    """Validate exchange data into a new Configurator (no ids); raises ExchangeError."""
    top = _object(data, "", ("format", "configurator"), ())
    fmt = top["format"]
    if fmt != FORMAT:
        raise ExchangeError("format", f'expected "{FORMAT}", not {json.dumps(fmt)[:60]}')
    path = "configurator"
    raw = _object(top["configurator"], path, ("name",), _CONFIGURATOR_KEYS)
    cfg = Configurator(name=_name(raw["name"], _key(path, "name")))
    if "product" in raw:
        product_path = _key(path, "product")
        product = _object(raw["product"], product_path, (), ("name", "woocommerce_id"))
        cfg.product_name = _get(product, product_path, "name", _string, "")
        cfg.woocommerce_id = _get(product, product_path, "woocommerce_id", _product_id, None)
    cfg.base_price = _get(raw, path, "base_price", _money, Decimal("0.00"))
    cfg.currency = _get(raw, path, "currency", _string, "$")
    if "settings" in raw:
        settings_path = _key(path, "settings")
        settings = _object(raw["settings"], settings_path, (), ("backorders",))
        backorders = tuple(b.value for b in Backorders)
        cfg.backorders = Backorders(
            _get(settings, settings_path, "backorders", _choices(backorders), "no")
        )
    cfg.layers = _layers(raw.get("layers", []), _key(path, "layers"), None)
    _check_unique_skus(cfg)
    return cfg


def _choices(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    return lambda value, path: _choice(value, path, choices)


def _layers(value: Any, path: str, parent: Layer | None) -> list[Layer]:
    if not isinstance(value, list):
        raise ExchangeError(path, "expected a list")
    layers = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        layer = _layer(item, f"{path}[{i}]", parent)
        if layer.name in seen:
            # Options are addressed by path ("Group/Option"), so siblings need distinct names.
            raise ExchangeError(
                f"{path}[{i}].name",
                f'"{layer.name}" is already the name of {path}[{seen[layer.name]}]',
            )
        seen[layer.name] = i
        layer.parent = parent
        layers.append(layer)
    return layers


def _layer(value: Any, path: str, parent: Layer | None) -> Layer:
    if not isinstance(value, dict):
        raise ExchangeError(path, "expected an object")
    if "type" not in value:
        raise ExchangeError(_key(path, "type"), "required key is missing")
    layer_type = LayerType(_choice(value["type"], _key(path, "type"), _LAYER_TYPES))
    parent_type = None if parent is None else parent.type
    if not can_hold(parent_type, layer_type):
        raise ExchangeError(_key(path, "type"), _misplaced(layer_type, parent_type))
    is_group = layer_type is not LayerType.IMAGE
    raw = _object(value, path, ("name", "type"), _GROUP_KEYS if is_group else _IMAGE_KEYS)
    layer = Layer(name=_name(raw["name"], _key(path, "name")), type=layer_type)
    layer.hidden = _get(raw, path, "hidden", _bool, False)
    if is_group:
        layer.required = _get(raw, path, "required", _bool, False)
        layer.multiple = _get(raw, path, "multiple", _bool, False)
        layer.children = _layers(raw.get("children", []), _key(path, "children"), layer)
        return layer
    layer.price = _get(raw, path, "price", _money, Decimal("0.00"))
    layer.sale_price = _get(raw, path, "sale_price", _money_or_null, None)
    layer.image = _get(raw, path, "image", _image, "")
    layer.active_on_load = _get(raw, path, "active_on_load", _bool, False)
    if "stock" in raw:
        layer.stock = _stock(raw["stock"], _key(path, "stock"))
    return layer


def _stock(value: Any, path: str) -> Stock:
    raw = _object(value, path, (), _STOCK_KEYS)
    statuses = tuple(s.value for s in StockStatus)
    return Stock(
        manage=_get(raw, path, "manage", _bool, False),
        sku=_get(raw, path, "sku", _sku, ""),
        quantity=_get(raw, path, "quantity", _quantity, None),
        status=StockStatus(_get(raw, path, "status", _choices(statuses), "in_stock")),
    )


def _misplaced(child: LayerType, parent: LayerType | None) -> str:
    words = {
        LayerType.GROUP: "a group",
        LayerType.SUB_GROUP: "a sub-group",
        LayerType.IMAGE: "an image layer",
    }
    where = "at the top level" if parent is None else f"inside {words[parent]}"
    return f"{words[child]} cannot be placed {where}"


def _check_unique_skus(cfg: Configurator) -> None:
    """SKUs identify stock items, so two options of one configurator cannot share one."""
    owners: dict[str, str] = {}
    for path, layer in _indexed(cfg.layers, "configurator.layers"):
        sku = layer.stock.sku
        if not sku:
            continue
        if sku in owners:
            raise ExchangeError(f"{path}.stock.sku", f'"{sku}" is already the SKU of {owners[sku]}')
        owners[sku] = path


def _indexed(layers: list[Layer], path: str) -> Iterator[tuple[str, Layer]]:
    for i, layer in enumerate(layers):
        here = f"{path}[{i}]"
        yield here, layer
        yield from _indexed(layer.children, f"{here}.children")
