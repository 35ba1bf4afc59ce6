"""The fields an edit can change, typed, with the rule each obeys.

`LayerField` and `ConfiguratorField` name them (a renamed field fails in mypy, not in use);
`check_layer_changes` / `check_configurator_changes` run the field rules of `rules` on a set of
changes, cross-field rules included; `check_configurator` runs every rule on a whole
configurator (what an import or a duplicate inserts). The store calls these before it writes,
so what it holds is exactly what the rules accept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from typing import Any

from . import rules, texts
from .model import Configurator, Layer, LayerType, can_hold
from .rules import RuleError


class LayerField(StrEnum):
    """A layer field the editor may set (the value is its column name)."""

    NAME = "name"
    REQUIRED = "required"
    MULTIPLE = "multiple"
    PRICE = "price"
    SALE_PRICE = "sale_price"
    IMAGE = "image"
    ACTIVE_ON_LOAD = "active_on_load"
    HIDDEN = "hidden"
    MANAGE_STOCK = "manage_stock"
    SKU = "sku"
    STOCK_QUANTITY = "stock_quantity"
    STOCK_STATUS = "stock_status"
    LOW_STOCK_AMOUNT = "low_stock_amount"
    BACKORDERS = "backorders"


class ConfiguratorField(StrEnum):
    """A configurator field: its name, product link, base price and global settings."""

    NAME = "name"
    PRODUCT_NAME = "product_name"
    WOOCOMMERCE_ID = "woocommerce_id"
    BASE_PRICE = "base_price"
    CURRENCY = "currency"
    BACKORDERS = "backorders"
    LOW_STOCK_THRESHOLD = "low_stock_threshold"
    STOCK_DISPLAY = "stock_display"
    CURRENCY_POSITION = "currency_position"
    THOUSAND_SEPARATOR = "thousand_separator"
    DECIMAL_SEPARATOR = "decimal_separator"
    PRICE_DECIMALS = "price_decimals"
    PAYMENT = "payment"
    HOLD_MINUTES = "hold_minutes"
    NOTIFY_NO_STOCK_AT = "notify_no_stock_at"


# The price format's fields (docs/price-format.md): a change of any is a change of every
# amount a shopper sees.
PRICE_FORMAT_FIELDS = frozenset(
    {
        ConfiguratorField.CURRENCY,
        ConfiguratorField.CURRENCY_POSITION,
        ConfiguratorField.THOUSAND_SEPARATOR,
        ConfiguratorField.DECIMAL_SEPARATOR,
        ConfiguratorField.PRICE_DECIMALS,
    }
)
# The order settings (docs/orders.md), which the simulation reads when an order needs them.
ORDER_SETTING_FIELDS = frozenset(
    {
        ConfiguratorField.PAYMENT,
        ConfiguratorField.HOLD_MINUTES,
        ConfiguratorField.NOTIFY_NO_STOCK_AT,
    }
)


# The configurator settings the stock rules read: a change to one may change what every option
# shows.
STOCK_SETTINGS = frozenset(
    {
        ConfiguratorField.BACKORDERS,
        ConfiguratorField.LOW_STOCK_THRESHOLD,
        ConfiguratorField.STOCK_DISPLAY,
    }
)

# The stock fields that decide what shoppers see of an option (docs/stock-rules.md): a change
# of one changes its availability, notice or low mark. These are also the fields a write of many
# layers at once may set (bulk edits, stock sheets). Every screen and the store use this set.
AVAILABILITY_ORDER = (
    LayerField.MANAGE_STOCK,
    LayerField.STOCK_QUANTITY,
    LayerField.STOCK_STATUS,
    LayerField.LOW_STOCK_AMOUNT,
    LayerField.BACKORDERS,
)  # in the order files write them (a scenario's stock, a sheet's columns)
AVAILABILITY_FIELDS = frozenset(AVAILABILITY_ORDER)
# Every field of an option's Stock Management section: the above and its SKU.
STOCK_FIELDS = AVAILABILITY_FIELDS | {LayerField.SKU}

# How each field is named in messages ("Sale price: must be below the price").
LAYER_LABELS: dict[LayerField, str] = {
    LayerField.NAME: "Name",
    LayerField.REQUIRED: "Required",
    LayerField.MULTIPLE: "Multiple selection",
    LayerField.PRICE: "Price",
    LayerField.SALE_PRICE: "Sale price",
    LayerField.IMAGE: "Image",
    LayerField.ACTIVE_ON_LOAD: "Default choice",
    LayerField.HIDDEN: "Hidden",
    LayerField.MANAGE_STOCK: "Manage Stock",
    LayerField.SKU: "SKU",
    LayerField.STOCK_QUANTITY: "Stock quantity",
    LayerField.STOCK_STATUS: "Stock status",
    LayerField.LOW_STOCK_AMOUNT: "Low stock amount",
    LayerField.BACKORDERS: "Backorders",
}
CONFIGURATOR_LABELS: dict[ConfiguratorField, str] = {
    ConfiguratorField.NAME: "Name",
    ConfiguratorField.PRODUCT_NAME: "Product name",
    ConfiguratorField.WOOCOMMERCE_ID: "WooCommerce product id",
    ConfiguratorField.BASE_PRICE: "Base price",
    ConfiguratorField.CURRENCY: "Currency",
    ConfiguratorField.BACKORDERS: "Backorders",
    ConfiguratorField.LOW_STOCK_THRESHOLD: "Low stock threshold",
    ConfiguratorField.STOCK_DISPLAY: "Stock display",
    ConfiguratorField.CURRENCY_POSITION: texts.CURRENCY_POSITION,
    ConfiguratorField.THOUSAND_SEPARATOR: texts.THOUSAND_SEPARATOR,
    ConfiguratorField.DECIMAL_SEPARATOR: texts.DECIMAL_SEPARATOR,
    ConfiguratorField.PRICE_DECIMALS: texts.PRICE_DECIMALS,
    ConfiguratorField.PAYMENT: texts.PAYMENT_AT_CHECKOUT,
    ConfiguratorField.HOLD_MINUTES: texts.HOLD_STOCK_MINUTES,
    ConfiguratorField.NOTIFY_NO_STOCK_AT: texts.NOTIFY_NO_STOCK_AT,
}


class FieldError(ValueError):
    """A value refused by a field rule, with the field it was meant for."""

    def __init__(self, field: LayerField | ConfiguratorField, problem: str) -> None:
        labels: Mapping[Any, str] = (
            LAYER_LABELS if isinstance(field, LayerField) else CONFIGURATOR_LABELS
        )
        super().__init__(f"{labels[field]}: {problem}")
        self.field = field
        self.problem = problem


# The price is checked on its own; the sale price against it (check_layer_changes).
_LAYER_RULES: dict[LayerField, Callable[[object], Any]] = {
    LayerField.NAME: rules.name,
    LayerField.REQUIRED: rules.flag,
    LayerField.MULTIPLE: rules.flag,
    LayerField.PRICE: rules.amount,
    LayerField.IMAGE: rules.image,
    LayerField.ACTIVE_ON_LOAD: rules.flag,
    LayerField.HIDDEN: rules.flag,
    LayerField.MANAGE_STOCK: rules.flag,
    LayerField.SKU: rules.sku,
    LayerField.STOCK_QUANTITY: rules.quantity,
    LayerField.STOCK_STATUS: rules.stock_status,
    LayerField.LOW_STOCK_AMOUNT: rules.low_stock_amount,
    LayerField.BACKORDERS: rules.option_backorders,
}
_CONFIGURATOR_RULES: dict[ConfiguratorField, Callable[[object], Any]] = {
    ConfiguratorField.NAME: rules.name,
    ConfiguratorField.PRODUCT_NAME: rules.product_name,
    ConfiguratorField.WOOCOMMERCE_ID: rules.product_id,
    ConfiguratorField.BASE_PRICE: rules.amount,
    ConfiguratorField.CURRENCY: rules.currency,
    ConfiguratorField.BACKORDERS: rules.backorders,
    ConfiguratorField.LOW_STOCK_THRESHOLD: rules.low_stock_threshold,
    ConfiguratorField.STOCK_DISPLAY: rules.stock_display,
    ConfiguratorField.CURRENCY_POSITION: rules.currency_position,
    ConfiguratorField.THOUSAND_SEPARATOR: rules.thousand_separator,
    ConfiguratorField.DECIMAL_SEPARATOR: rules.decimal_separator,
    ConfiguratorField.PRICE_DECIMALS: rules.price_decimals,
    ConfiguratorField.PAYMENT: rules.payment,
    ConfiguratorField.HOLD_MINUTES: rules.hold_minutes,
    ConfiguratorField.NOTIFY_NO_STOCK_AT: rules.notify_no_stock_at,
}

# Where each layer field sits on the domain Layer.
_LAYER_ATTRS: dict[LayerField, tuple[str, ...]] = {
    f: (("stock", f.value.removeprefix("stock_")) if f in STOCK_FIELDS else (f.value,))
    for f in LayerField
}
_LAYER_ATTRS[LayerField.MANAGE_STOCK] = ("stock", "manage")
_LAYER_ATTRS[LayerField.SKU] = ("stock", "sku")
_LAYER_ATTRS[LayerField.LOW_STOCK_AMOUNT] = ("stock", "low_amount")


def stock_attr(field: LayerField) -> str:
    """The attribute of `Stock` a stock field sets ("quantity" for STOCK_QUANTITY)."""
    holder, attr = _LAYER_ATTRS[field]
    assert holder == "stock", field
    return attr


# One C-level getter per field: a stock sheet of 100,000 rows reads four fields of each.
_LAYER_GETTERS = {f: attrgetter(".".join(path)) for f, path in _LAYER_ATTRS.items()}


def get_layer_field(layer: Layer, field: LayerField) -> Any:
    return _LAYER_GETTERS[field](layer)


def set_layer_field(layer: Layer, field: LayerField, value: Any) -> None:
    *path, last = _LAYER_ATTRS[field]
    target: Any = layer
    for part in path:
        target = getattr(target, part)
    setattr(target, last, value)


def get_configurator_field(cfg: Configurator, field: ConfiguratorField) -> Any:
    return getattr(cfg, ConfiguratorField(field).value)


def set_configurator_field(cfg: Configurator, field: ConfiguratorField, value: Any) -> None:
    setattr(cfg, ConfiguratorField(field).value, value)


def check_layer_changes(
    changes: Mapping[LayerField, object], price: Decimal, sale: Decimal | None
) -> dict[LayerField, Any]:
    """The changes as they are stored, or FieldError for the first refused one. `price` and
    `sale` are the layer's stored prices, for the sale-below-price rule when only one changes."""
    checked: dict[LayerField, Any] = {}
    for field, value in changes.items():
        if not isinstance(field, LayerField):  # a plain column name; enum lookups are slow
            field = LayerField(field)
        if field is LayerField.SALE_PRICE:
            continue
        try:
            checked[field] = _LAYER_RULES[field](value)
        except RuleError as exc:
            raise FieldError(field, exc.problem) from None
    if LayerField.SALE_PRICE in changes or LayerField.PRICE in changes:
        new_price = checked.get(LayerField.PRICE, price)
        new_sale = changes.get(LayerField.SALE_PRICE, sale)
        try:
            stored_sale = rules.sale_price(new_sale, new_price)
        except RuleError as exc:
            raise FieldError(LayerField.SALE_PRICE, exc.problem) from None
        if LayerField.SALE_PRICE in changes:
            checked[LayerField.SALE_PRICE] = stored_sale
    return checked


def check_configurator_changes(
    changes: Mapping[ConfiguratorField, object], separators: tuple[str, str] | None = None
) -> dict[ConfiguratorField, Any]:
    """The changes as they are stored, or FieldError for the first refused one. separators:
    the stored thousand and decimal separators, for the rule that they differ when only one
    of them changes (None: the rule is checked when both do)."""
    checked: dict[ConfiguratorField, Any] = {}
    for field, value in changes.items():
        if not isinstance(field, ConfiguratorField):
            field = ConfiguratorField(field)
        try:
            checked[field] = _CONFIGURATOR_RULES[field](value)
        except RuleError as exc:
            raise FieldError(field, exc.problem) from None
    thousand = checked.get(ConfiguratorField.THOUSAND_SEPARATOR)
    decimal = checked.get(ConfiguratorField.DECIMAL_SEPARATOR)
    if separators is None and (thousand is None or decimal is None):
        return checked
    if thousand is not None or decimal is not None:
        stored_thousand, stored_decimal = separators or ("", "")
        try:
            rules.separators_differ(
                stored_thousand if thousand is None else thousand,
                stored_decimal if decimal is None else decimal,
            )
        except RuleError as exc:
            changed = ConfiguratorField.THOUSAND_SEPARATOR
            if thousand is None:
                changed = ConfiguratorField.DECIMAL_SEPARATOR
            raise FieldError(changed, exc.problem) from None
    return checked


# --- whole trees --------------------------------------------------------------------------------
class TreeError(ValueError):
    """A rule broken somewhere in a layer tree: `where` locates it as the exchange format
    does (`layers[0].children[2].name`), `problem` says what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


_TYPE_WORDS = {
    LayerType.GROUP: "a group",
    LayerType.SUB_GROUP: "a sub-group",
    LayerType.IMAGE: "an image layer",
}


def misplaced(child: LayerType, parent: LayerType | None) -> str:
    where = "at the top level" if parent is None else f"inside {_TYPE_WORDS[parent]}"
    return f"{_TYPE_WORDS[child]} cannot be placed {where}"


def check_configurator(
    cfg: Configurator, where: str = "", *, layer_values: bool = True, layers: bool = True
) -> None:
    """Every rule on a whole configurator, normalising its values in place (what an import,
    a duplicate or the undo of a delete inserts); TreeError locates the first broken one.
    layer_values=False skips the layers' field values, which an importer's models have just
    produced by these same rules (the tree's shape, names and SKUs are still checked);
    layers=False skips the layers altogether, for a tree check_layers has just passed."""
    prefix = f"{where}." if where else ""
    for field in ConfiguratorField:
        value = get_configurator_field(cfg, field)
        try:
            set_configurator_field(cfg, field, _CONFIGURATOR_RULES[field](value))
        except RuleError as exc:
            raise TreeError(f"{prefix}{_EXCHANGE_KEYS[field]}", exc.problem) from None
    try:
        rules.separators_differ(cfg.thousand_separator, cfg.decimal_separator)
    except RuleError as exc:
        key = _EXCHANGE_KEYS[ConfiguratorField.THOUSAND_SEPARATOR]
        raise TreeError(f"{prefix}{key}", exc.problem) from None
    if layers:
        check_layers(cfg.layers, None, f"{prefix}layers", values=layer_values)


# Where each configurator field sits in the exchange format (for TreeError locations).
_EXCHANGE_KEYS = {
    ConfiguratorField.NAME: "name",
    ConfiguratorField.PRODUCT_NAME: "product.name",
    ConfiguratorField.WOOCOMMERCE_ID: "product.woocommerce_id",
    ConfiguratorField.BASE_PRICE: "base_price",
    ConfiguratorField.CURRENCY: "currency",
    ConfiguratorField.BACKORDERS: "settings.backorders",
    ConfiguratorField.LOW_STOCK_THRESHOLD: "settings.low_stock_threshold",
    ConfiguratorField.STOCK_DISPLAY: "settings.stock_display",
    ConfiguratorField.CURRENCY_POSITION: "price_format.currency_position",
    ConfiguratorField.THOUSAND_SEPARATOR: "price_format.thousand_separator",
    ConfiguratorField.DECIMAL_SEPARATOR: "price_format.decimal_separator",
    ConfiguratorField.PRICE_DECIMALS: "price_format.decimals",
    ConfiguratorField.PAYMENT: "settings.payment",
    ConfiguratorField.HOLD_MINUTES: "settings.hold_minutes",
    ConfiguratorField.NOTIFY_NO_STOCK_AT: "settings.notify_no_stock_at",
}


def check_layers(
    layers: list[Layer], parent: LayerType | None, where: str = "layers", *, values: bool = True
) -> None:
    """Shape, sibling names, field values and SKUs of layers about to be inserted under a
    parent of type `parent` (None: the top level), whole subtrees included. values=False
    skips the field values, for layers whose every field a rule has just produced."""
    skus: dict[str, tuple[str, int]] = {}  # where the layer with that SKU is: its list, index
    for siblings, i, layer, parent_type in _indexed(layers, parent, where):
        if not can_hold(parent_type, layer.type):
            raise TreeError(f"{siblings}[{i}].type", misplaced(layer.type, parent_type))
        if values:
            _check_fields(layer, f"{siblings}[{i}]")
        sku = layer.stock.sku
        if sku:
            if sku in skus:
                first = "{}[{}]".format(*skus[sku])
                raise TreeError(
                    f"{siblings}[{i}].stock.sku", f'"{sku}" is already the SKU of {first}'
                )
            skus[sku] = (siblings, i)
    _check_sibling_names(layers, where)


# Each layer field: the object it sits on (the layer or its stock), its attribute, its rule
# and its key in the exchange format; a whole tree is checked with these, without building a
# change set per layer (an import checks tens of thousands of layers).
_OWN = (
    ("name", rules.name, "name"),
    ("hidden", rules.flag, "hidden"),
)
_GROUP_OWN = (
    ("required", rules.flag, "required"),
    ("multiple", rules.flag, "multiple"),
)
_IMAGE_OWN = (
    ("price", rules.amount, "price"),
    ("image", rules.image, "image"),
    ("active_on_load", rules.flag, "active_on_load"),
)
_STOCK = (
    ("manage", rules.flag, "stock.manage"),
    ("sku", rules.sku, "stock.sku"),
    ("quantity", rules.quantity, "stock.quantity"),
    ("status", rules.stock_status, "stock.status"),
    ("low_amount", rules.low_stock_amount, "stock.low_stock_amount"),
    ("backorders", rules.option_backorders, "stock.backorders"),
)


def _check_fields(layer: Layer, path: str) -> None:
    checks: list[tuple[object, tuple[tuple[str, Callable[[object], Any], str], ...]]] = [
        (layer, _OWN)
    ]
    if layer.is_group:
        checks.append((layer, _GROUP_OWN))
    else:
        checks += [(layer, _IMAGE_OWN), (layer.stock, _STOCK)]
    for target, fields in checks:
        for attr, rule, key in fields:
            try:
                setattr(target, attr, rule(getattr(target, attr)))
            except RuleError as exc:
                raise TreeError(f"{path}.{key}", exc.problem) from None
    if not layer.is_group:
        try:
            layer.sale_price = rules.sale_price(layer.sale_price, layer.price)
        except RuleError as exc:
            raise TreeError(f"{path}.sale_price", exc.problem) from None


def _check_sibling_names(layers: list[Layer], where: str) -> None:
    # Options are addressed by path ("Group/Option"), so siblings need distinct names.
    seen: dict[str, int] = {}
    for i, layer in enumerate(layers):
        if layer.name in seen:
            raise TreeError(
                f"{where}[{i}].name",
                f'"{layer.name}" is already the name of {where}[{seen[layer.name]}]',
            )
        seen[layer.name] = i
        if layer.children:
            _check_sibling_names(layer.children, f"{where}[{i}].children")


def _indexed(
    layers: list[Layer], parent: LayerType | None, where: str
) -> Iterator[tuple[str, int, Layer, LayerType | None]]:
    """Each layer, depth first, with where its list is and its index there, and its parent's
    type. A layer's own path is left for a refusal to spell: a tree of 100,000 options would
    otherwise make 200,000 strings that nothing reads."""
    for i, layer in enumerate(layers):
        yield where, i, layer, parent
        if layer.children:
            yield from _indexed(layer.children, layer.type, f"{where}[{i}].children")
