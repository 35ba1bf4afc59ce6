"""The exchange format's shape (docs/exchange-format.md) as pydantic models over the domain's field
rules: unknown keys refused, strict types, each refusal in the rule's own words.

`FileModel` is a whole file; layers are typed dicts (`GroupModel`, `SubGroupModel`,
`ImageModel`), told apart by their `type`. `exchange_format` validates with these and turns
them into domain objects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal, NotRequired

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Tag,
    ValidationInfo,
    with_config,
)
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict  # pydantic reads typing's only from Python 3.12

from ..domain import rules
from ..domain.model import (
    DEFAULT_HOLD_MINUTES,
    DEFAULT_LOW_STOCK_THRESHOLD,
    DEFAULT_NOTIFY_NO_STOCK_AT,
    Backorders,
    LayerType,
    Payment,
    StockDisplay,
    StockStatus,
)
from ..domain.price_format import (
    DEFAULT_DECIMAL_SEPARATOR,
    DEFAULT_DECIMALS,
    DEFAULT_POSITION,
    DEFAULT_THOUSAND_SEPARATOR,
    CurrencyPosition,
)
from ..domain.rules import RuleError
from .exchange_text import printable
from .wordpress_json import RecordError, node_from_json, post_from_json

FORMAT = "configurator-editor/1"


# --- the shape, as pydantic models over the domain's field rules --------------------------------
def _refused(exc: RuleError) -> PydanticCustomError:
    # pydantic renders the message as UTF-8: a lone surrogate quoted from the file must not
    # reach it unescaped.
    return PydanticCustomError("rule", "{problem}", {"problem": printable(exc.problem)})


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
            details = {"problem": printable(problem)}
            raise PydanticCustomError("rule", "{problem}", details) from None

    return BeforeValidator(validate)


WordPressNodeJson = Annotated[Any, _record(node_from_json)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ProductModel(_Strict):
    name: Annotated[str, _rule(rules.product_name)] = ""
    woocommerce_id: Annotated[int | None, _rule(rules.product_id)] = None


class SettingsModel(_Strict):
    backorders: Annotated[Backorders, _rule(rules.backorders)] = Backorders.NO
    low_stock_threshold: Annotated[int, _rule(rules.low_stock_threshold)] = (
        DEFAULT_LOW_STOCK_THRESHOLD
    )
    stock_display: Annotated[StockDisplay, _rule(rules.stock_display)] = StockDisplay.NEVER
    # The order settings (docs/orders.md); a file without them gets WooCommerce's defaults.
    payment: Annotated[Payment, _rule(rules.payment)] = Payment.PAID
    hold_minutes: Annotated[int, _rule(rules.hold_minutes)] = DEFAULT_HOLD_MINUTES
    notify_no_stock_at: Annotated[int, _rule(rules.notify_no_stock_at)] = DEFAULT_NOTIFY_NO_STOCK_AT


class PriceFormatModel(_Strict):
    """The shop's price format (docs/price-format.md); the currency symbol is the
    configurator's `currency`. That the separators differ is checked on the whole."""

    currency_position: Annotated[CurrencyPosition, _rule(rules.currency_position)] = (
        DEFAULT_POSITION
    )
    thousand_separator: Annotated[str, _rule(rules.thousand_separator)] = DEFAULT_THOUSAND_SEPARATOR
    decimal_separator: Annotated[str, _rule(rules.decimal_separator)] = DEFAULT_DECIMAL_SEPARATOR
    decimals: Annotated[int, _rule(rules.price_decimals)] = DEFAULT_DECIMALS


# The layers are typed dicts, not models: pydantic validates a dict into a dict several times
# faster than into a model instance, and a 100,000-option file has 200,000 of them (layers and
# their stock). Keys a layer leaves out keep their defaults (`_layers`).
_LAYER_CONFIG = ConfigDict(extra="forbid", strict=True)


@with_config(_LAYER_CONFIG)
class StockModel(TypedDict):
    manage: NotRequired[Flag]
    sku: NotRequired[Annotated[str, _rule(rules.sku)]]
    quantity: NotRequired[Annotated[int | None, _rule(rules.quantity)]]
    status: NotRequired[Annotated[StockStatus, _rule(rules.stock_status, repeated=True)]]
    low_stock_amount: NotRequired[Annotated[int | None, _rule(rules.low_stock_amount)]]
    backorders: NotRequired[Annotated[Backorders | None, _rule(rules.option_backorders)]]


@with_config(_LAYER_CONFIG)
class GroupModel(TypedDict):
    name: Name
    type: Literal["group", "sub_group"]
    required: NotRequired[Flag]
    multiple: NotRequired[Flag]
    hidden: NotRequired[Flag]
    children: NotRequired[list[_AnyLayer]]
    wordpress: NotRequired[WordPressNodeJson]


@with_config(_LAYER_CONFIG)
class SubGroupModel(GroupModel):
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
class ImageModel(TypedDict):
    name: Name
    type: Literal["image"]
    price: NotRequired[Money]
    sale_price: NotRequired[Annotated[Decimal | None, BeforeValidator(_sale_below_price)]]
    image: NotRequired[Annotated[str, _rule(rules.image, repeated=True)]]
    active_on_load: NotRequired[Flag]
    hidden: NotRequired[Flag]
    stock: NotRequired[StockModel]
    wordpress: NotRequired[WordPressNodeJson]


def _layer_tag(value: Any) -> str | None:
    type_ = value.get("type") if isinstance(value, dict) else None
    return type_ if isinstance(type_, str) or type_ is None else repr(type_)


_AnyLayer = Annotated[
    Annotated[GroupModel, Tag("group")]
    | Annotated[SubGroupModel, Tag("sub_group")]
    | Annotated[ImageModel, Tag("image")],
    Discriminator(_layer_tag),
]


class ConfiguratorModel(_Strict):
    name: Name
    product: ProductModel = ProductModel()
    base_price: Money = Decimal("0.00")
    currency: Annotated[str, _rule(rules.currency)] = "$"
    price_format: PriceFormatModel = PriceFormatModel()
    settings: SettingsModel = SettingsModel()
    layers: list[_AnyLayer] = []
    wordpress: Annotated[Any, _record(post_from_json)] = None


class FileModel(_Strict):
    format: Annotated[str, _rule(_format)]
    configurator: ConfiguratorModel


TAG_MODELS: dict[str, type] = {"group": GroupModel, "sub_group": SubGroupModel, "image": ImageModel}
NESTED: dict[tuple[type, str], type] = {
    (FileModel, "configurator"): ConfiguratorModel,
    (ConfiguratorModel, "product"): ProductModel,
    (ConfiguratorModel, "settings"): SettingsModel,
    (ConfiguratorModel, "price_format"): PriceFormatModel,
    (ImageModel, "stock"): StockModel,
}
LAYER_TYPES = tuple(t.value for t in LayerType)
