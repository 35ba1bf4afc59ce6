"""The scenario file format `configurator-editor-scenario/1` (docs/preview-and-scenarios.md): JSON
to a domain `Scenario` and back.

Validated like the exchange format: the pydantic models of `scenario_models` (strict mode,
unknown keys refused, each field running the domain's field rules); an inline configurator
goes through the exchange format's own validation. Every refusal names the field path, e.g.
`steps[7].expect.stock["Grip Color/Metallic Purple"]: expected an integer`; positions in a
scenario file count from 1, as the run's "step 7" does (docs/preview-and-scenarios.md), and
an unknown key gets "did you mean …?".
"""

from __future__ import annotations

import re
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import (
    BaseModel,
    ValidationError,
)
from pydantic_core import ErrorDetails

from ..domain.model import Availability, Backorders, StockDisplay, StockStatus
from ..domain.money import money_str
from ..domain.orders import OrderStatus, Payment
from ..domain.scenario import Expectation, Refund, Scenario, Setup, Step
from ..domain.suggest import did_you_mean
from .exchange_format import FORMAT as EXCHANGE_FORMAT
from .exchange_format import ExchangeError, dumps, from_dict, loads, read_json, to_dict
from .scenario_models import FORMAT, FileModel, SetupModel, StepModel


class ScenarioFileError(ValueError):
    """A scenario file we refuse: `where` is the field path ('' for the file as a whole)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


# --- reading ------------------------------------------------------------------------------------
def read_scenario(path: Path) -> Scenario:
    """Parse and validate a scenario file; ScenarioFileError names the field at fault."""
    try:
        data = read_json(Path(path))
    except ExchangeError as exc:
        raise ScenarioFileError("", exc.problem) from None
    return from_data(data)


def from_data(data: Any) -> Scenario:
    _no_duplicates(data, "")
    try:
        parsed = FileModel.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc) from None
    configurator = parsed.configurator
    if isinstance(configurator, dict):
        configurator = _inline(configurator)
    return Scenario(
        name=parsed.name,
        configurator=configurator,
        setup=_setup(parsed.setup),
        steps=tuple(_step(step) for step in parsed.steps),
    )


def _inline(value: dict[str, Any]) -> Any:
    """An inline configurator: the exchange format's `configurator` object, or a whole
    exchange file as `export` writes it (`{"format": …, "configurator": …}`), pasted in."""
    document = value if "format" in value else {"format": EXCHANGE_FORMAT, "configurator": value}
    try:
        return from_dict(document)
    except ExchangeError as exc:
        if "format" in value:  # the paths are the exchange file's own: under `configurator`
            where = f"configurator.{exc.path}" if exc.path else "configurator"
        else:
            where = exc.path or "configurator"
        raise ScenarioFileError(_from_one(where), exc.problem) from None


# Positions in brackets, outside quoted keys (an option path may hold "[2]").
_POSITION = re.compile(r'"(?:[^"\\]|\\.)*"|\[(\d+)\]')


def _from_one(path: str) -> str:
    """An exchange path counted from 0 (`layers[0]`) as a scenario file counts: from 1."""
    return _POSITION.sub(
        lambda m: f"[{int(m.group(1)) + 1}]" if m.group(1) is not None else m.group(0), path
    )


# A stock key in the file → the domain Stock attribute it sets.
_STOCK_ATTRS = {
    "manage": "manage",
    "quantity": "quantity",
    "status": "status",
    "low_stock_amount": "low_amount",
    "backorders": "backorders",
}
_STOCK_KEYS = {attr: key for key, attr in _STOCK_ATTRS.items()}


def _setup(raw: SetupModel) -> Setup:
    stock = {
        path: {_STOCK_ATTRS[key]: getattr(change, key) for key in change.model_fields_set}
        for path, change in raw.stock.items()
    }
    return Setup(
        addon=raw.addon,
        backorders=raw.backorders,
        stock_display=raw.stock_display,
        stock=stock,
        payment=raw.payment,
        hold_minutes=raw.hold_minutes,
        notify_no_stock_at=raw.notify_no_stock_at,
    )


def _step(raw: StepModel) -> Step:
    (kind,) = raw.model_fields_set
    value = getattr(raw, kind)
    if kind == "set":
        value = _setup(value)
    elif kind == "expect":
        fields = {key: getattr(value, key) for key in value.model_fields_set}
        if "selection" in fields:
            fields["selection"] = tuple(fields["selection"])
        if "order_status" in fields:
            fields["order_status"] = {int(n): s for n, s in fields["order_status"].items()}
        value = Expectation(**fields)
    elif kind == "refund":
        value = Refund(value.order, dict(value.lines), value.restock)
    return Step(kind, value)


def _no_duplicates(value: Any, path: str) -> None:
    """Keys the text repeated (JSON keeps the last one silently): refused, named."""
    if isinstance(value, dict):
        for key in getattr(value, "duplicates", ()):
            raise ScenarioFileError(_join(path, key), "appears more than once")
        for key, item in value.items():
            _no_duplicates(item, _join(path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value, start=1):
            _no_duplicates(item, f"{path}[{i}]")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _first_error(exc: ValidationError) -> ScenarioFileError:
    error = exc.errors(include_url=False)[0]
    where, model = _where(error["loc"])
    return ScenarioFileError(where or "top level", _problem(error, model))


def _problem(error: ErrorDetails, model: type[BaseModel] | None) -> str:
    kind = error["type"]
    if kind == "rule":
        return str((error.get("ctx") or {}).get("problem", error["msg"]))
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        allowed = list(model.model_fields) if model is not None else []
        hint = did_you_mean(str(error["loc"][-1]), allowed)
        return f"unknown key{', ' + hint if hint else ''} (allowed here: {', '.join(allowed)})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "expected an object"
    if kind == "list_type":
        return "expected a list"
    if kind == "string_type":
        return "expected a string"
    return error["msg"]


def _where(loc: tuple[int | str, ...]) -> tuple[str, type[BaseModel] | None]:
    """A pydantic location as a field path (`steps[3].expect.stock["A/B"]`, positions from
    1), and the model that holds the last key (for an unknown key, the keys allowed there)."""
    parts: list[str] = []
    current: Any = FileModel
    holder: type[BaseModel] | None = FileModel
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
            current = typing.get_args(current)[0] if typing.get_args(current) else Any
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            holder = current
            parts.append(f".{part}" if parts else part)
            info = current.model_fields.get(part)
            current = info.annotation if info is not None else Any
        else:  # a key of a mapping: an option path
            parts.append(f'["{part}"]')
            args = typing.get_args(current)
            current = args[1] if len(args) == 2 else Any
    return "".join(parts), holder


def _unwrap(annotation: Any) -> Any:
    """The type inside Optional[...] and Annotated[...]; dict and list kept with their args."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else Any
        else:
            return annotation


# --- writing ------------------------------------------------------------------------------------
def to_data(scenario: Scenario) -> dict[str, Any]:
    """The file form of a scenario (what a recording saves)."""
    cfg = scenario.configurator
    data: dict[str, Any] = {
        "format": FORMAT,
        "name": scenario.name,
        "configurator": cfg if isinstance(cfg, (str, int)) else to_dict(cfg)["configurator"],
    }
    setup = _setup_data(scenario.setup)
    if setup:
        data["setup"] = setup
    data["steps"] = [_step_data(step) for step in scenario.steps]
    return data


def _setup_data(setup: Setup) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if setup.addon is not None:
        data["addon"] = setup.addon
    if setup.backorders is not None:
        data["backorders"] = setup.backorders.value
    if setup.stock_display is not None:
        data["stock_display"] = setup.stock_display.value
    for key in ("payment", "hold_minutes", "notify_no_stock_at"):
        if getattr(setup, key) is not None:
            data[key] = _plain(getattr(setup, key))
    if setup.stock:
        data["stock"] = {
            path: {_STOCK_KEYS[attr]: _plain(value) for attr, value in changes.items()}
            for path, changes in setup.stock.items()
        }
    return data


def _step_data(step: Step) -> dict[str, Any]:
    if step.kind == "set":
        return {"set": _setup_data(step.value)}
    if step.kind == "expect":
        e: Expectation = step.value
        fields = {
            key: _plain(getattr(e, key))
            for key in Expectation.__dataclass_fields__
            if getattr(e, key) is not None
        }
        return {"expect": fields}
    if step.kind == "refund":
        refund: Refund = step.value
        return {
            "refund": {
                "order": refund.order,
                "lines": dict(refund.lines),
                "restock": refund.restock,
            }
        }
    return {step.kind: step.value}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return money_str(value)
    if isinstance(value, (Availability, StockStatus, Backorders, StockDisplay)):
        return value.value
    if isinstance(value, (Payment, OrderStatus)):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def write_scenario(scenario: Scenario, path: Path) -> None:
    Path(path).write_text(dumps(to_data(scenario)), encoding="utf-8")


__all__ = [
    "FORMAT",
    "ScenarioFileError",
    "from_data",
    "loads",
    "read_scenario",
    "to_data",
    "write_scenario",
]
