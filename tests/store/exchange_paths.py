"""Field paths into the demo's exchange data, shared by the exchange format's tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from desktop.store.demo import demo_path
from desktop.store.exchange import read_json

DEMO: dict[str, Any] = read_json(demo_path())
GRIP = "configurator.layers[1]"
YELLOW = f"{GRIP}.children[0]"


def at(data: dict[str, Any], path: str) -> Any:
    """The object at a field path such as 'configurator.layers[1].children[0].stock'."""
    node: Any = data
    for part in path.replace("[", ".").replace("]", "").split(".") if path else ():
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def setter(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    parent, _, key = path.rpartition(".")

    def apply(data: dict[str, Any]) -> None:
        at(data, parent)[key] = value

    return apply


def deleter(path: str) -> Callable[[dict[str, Any]], None]:
    parent, _, key = path.rpartition(".")
    return lambda data: at(data, parent).pop(key)


def image_layer(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(at(data, YELLOW))
