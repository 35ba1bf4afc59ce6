"""The scenario file's shape (docs/preview-and-scenarios.md) as pydantic models in strict mode:
unknown keys refused, each field running the domain's field rules, in their own words.
`scenario_format` validates a file with these, names the field at fault, and turns them into a
domain `Scenario`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..domain import rules
from ..domain.model import Availability, Backorders, StockDisplay, StockStatus
from ..domain.orders import OrderStatus, Payment
from ..domain.rules import RuleError
from ..domain.storefront import MAX_QUANTITY

FORMAT = "configurator-editor-scenario/1"
STEP_KEYS = ("select", "deselect", "quantity", "add_to_cart", "checkout", "reset", "set", "expect")
# After checkout (docs/orders.md).
ORDER_STEP_KEYS = ("pay", "complete", "cancel", "refund", "wait", "shopper")
OPTION_KEYS = ("availability", "selectable", "notice", "low")


# --- field rules as pydantic validators ---------------------------------------------------------
def _rule(check: Callable[[Any], Any]) -> BeforeValidator:
    def validate(value: Any) -> Any:
        try:
            return check(value)
        except RuleError as exc:
            safe = exc.problem.encode("utf-8", "backslashreplace").decode("utf-8")
            raise PydanticCustomError("rule", "{problem}", {"problem": safe}) from None

    return BeforeValidator(validate)


def _format(value: Any) -> str:
    if value != FORMAT:
        raise RuleError(f'expected "{FORMAT}"')
    return FORMAT


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise RuleError("expected a string")
    return value


def _path(value: Any) -> str:
    """An option path: "Group/Option" as the CLI names options."""
    if not isinstance(value, str) or not value.strip():
        raise RuleError('expected an option path such as "Grip Color/Metallic Purple"')
    return value


def _true(value: Any) -> bool:
    if value is not True:
        raise RuleError("expected true")
    return True


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RuleError("expected a whole number, 0 or more")
    return value


def _quantity(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QUANTITY:
        raise RuleError(f"expected a whole number from 1 to {MAX_QUANTITY:,}")
    return value


def _order_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RuleError("expected an order number: a whole number, 1 or more")
    return value


def _choice(kind: type[OrderStatus]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        try:
            return kind(value)
        except ValueError:
            listed = ", ".join(f'"{member.value}"' for member in kind)
            raise RuleError(f"expected one of {listed}") from None

    return check


def _shopper(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RuleError('expected a shopper\'s name, such as "default" or "second"')
    # The rules of every name, as the window's New… shopper holds them: trimmed, so " second"
    # is the shopper "second", and no line break that would split a report line
    # (docs/orders.md).
    return rules.name(value)


def _money(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise RuleError('expected an amount as a string, such as "108.00"')
    return rules.amount(value)


def _availability(value: Any) -> Availability:
    try:
        return Availability(value)
    except ValueError:
        listed = ", ".join(f'"{a.value}"' for a in Availability)
        raise RuleError(f"expected one of {listed}") from None


def _configurator(value: Any) -> Any:
    if isinstance(value, str):
        return rules.name(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= rules.ID_MAX:
        return value
    if isinstance(value, dict):
        return value  # an inline configurator: the exchange format validates it
    raise RuleError(
        "expected a configurator's name, its id, or a configurator object as in an exchange file"
    )


Flag = Annotated[bool | None, _rule(rules.flag)]
Text = Annotated[str | None, _rule(_text)]
OptionPath = Annotated[str | None, _rule(_path)]
Money = Annotated[Decimal | None, _rule(_money)]
Quantity = Annotated[int | None, _rule(rules.quantity)]
TrueFlag = Annotated[bool | None, _rule(_true)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _StockChange(_Strict):
    manage: Flag = None
    quantity: Quantity = None
    status: Annotated[StockStatus | None, _rule(rules.stock_status)] = None
    low_stock_amount: Annotated[int | None, _rule(rules.low_stock_amount)] = None
    # The option's own backorder setting; null: back to the configurator's.
    backorders: Annotated[Backorders | None, _rule(rules.option_backorders)] = None


class SetupModel(_Strict):
    addon: Flag = None
    backorders: Annotated[Backorders | None, _rule(rules.backorders)] = None
    stock_display: Annotated[StockDisplay | None, _rule(rules.stock_display)] = None
    stock: dict[str, _StockChange] = {}
    # The order settings, by the rules the configurator's stored ones obey (docs/orders.md).
    payment: Annotated[Payment | None, _rule(rules.payment)] = None
    hold_minutes: Annotated[int | None, _rule(rules.hold_minutes)] = None
    notify_no_stock_at: Annotated[int | None, _rule(rules.notify_no_stock_at)] = None


class _Refund(_Strict):
    order: Annotated[int, _rule(_order_number)]
    lines: dict[str, Annotated[int, _rule(_quantity)]]
    restock: Annotated[bool, _rule(rules.flag)] = False

    @field_validator("lines")
    @classmethod
    def _has_lines(cls, lines: dict[str, int]) -> dict[str, int]:
        if not lines:
            raise PydanticCustomError("rule", "name at least one option path and its units")
        return lines


class _Expect(_Strict):
    option: OptionPath = None
    availability: Annotated[Availability | None, _rule(_availability)] = None
    selectable: Flag = None
    notice: Text = None
    low: Flag = None
    selection: list[Annotated[str, _rule(_path)]] | None = None
    unit_price: Money = None
    cart_contains: Text = None
    cart_lines: Annotated[int | None, _rule(_count)] = None
    subtotal: Money = None
    message_contains: Text = None
    no_message: TrueFlag = None
    order_placed: Flag = None
    order_backordered: dict[str, Annotated[int, _rule(_count)]] | None = None
    order_note_contains: Text = None
    stock: dict[str, Quantity] | None = None
    order_status: dict[str, Annotated[OrderStatus, _rule(_choice(OrderStatus))]] | None = None
    notification_contains: Text = None

    @field_validator("order_status")
    @classmethod
    def _numbered(cls, statuses: dict[str, OrderStatus] | None) -> Any:
        for key in statuses or {}:
            if not key.isdigit() or int(key) < 1:
                raise PydanticCustomError("rule", f'"{key}" is not an order number (1, 2, …)')
        return statuses

    @model_validator(mode="after")
    def _complete(self) -> _Expect:
        given = self.model_fields_set
        if not given:
            raise PydanticCustomError("rule", "expects nothing; name at least one key to check")
        about_option = [key for key in OPTION_KEYS if key in given]
        if about_option and "option" not in given:
            raise PydanticCustomError(
                "rule", f'{about_option[0]} needs "option": the path of the option it is about'
            )
        if "option" in given and not about_option:
            raise PydanticCustomError(
                "rule", f"option: say what to check of it ({', '.join(OPTION_KEYS)})"
            )
        return self


class StepModel(_Strict):
    select: OptionPath = None
    deselect: OptionPath = None
    quantity: Annotated[int | None, _rule(_quantity)] = None
    add_to_cart: TrueFlag = None
    checkout: TrueFlag = None
    reset: TrueFlag = None
    set: SetupModel | None = None
    expect: _Expect | None = None
    pay: Annotated[int | None, _rule(_order_number)] = None
    complete: Annotated[int | None, _rule(_order_number)] = None
    cancel: Annotated[int | None, _rule(_order_number)] = None
    refund: _Refund | None = None
    wait: Annotated[int | None, _rule(_count)] = None
    shopper: Annotated[str | None, _rule(_shopper)] = None

    @model_validator(mode="after")
    def _one_key(self) -> StepModel:
        keys = (*STEP_KEYS, *ORDER_STEP_KEYS)
        given = [key for key in keys if key in self.model_fields_set]
        if len(given) != 1:
            found = f"this one has {' and '.join(given)}" if given else "this one is empty"
            raise PydanticCustomError(
                "rule", f"a step has exactly one of {', '.join(keys)}; {found}"
            )
        return self


class FileModel(_Strict):
    format: Annotated[str, _rule(_format)]
    name: Annotated[str, _rule(rules.name)]
    configurator: Annotated[Any, _rule(_configurator)]
    setup: SetupModel = SetupModel()
    steps: list[StepModel]

    @field_validator("steps")
    @classmethod
    def _has_steps(cls, steps: list[StepModel]) -> list[StepModel]:
        if not steps:
            raise PydanticCustomError("rule", "a scenario needs at least one step")
        return steps
