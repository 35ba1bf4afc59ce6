"""Scenario files mutated at random (seeded): each one is read and played, or refused with a
ScenarioFileError / ScenarioError naming a field — never another exception."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.scenario import Player, ScenarioError
from desktop.domain.storefront import Storefront
from desktop.store.demo import load_demo
from desktop.store.exchange_format import to_dict
from desktop.store.scenario_format import ScenarioFileError, from_data, loads

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "scenarios").glob("*.json"))
VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2**70, 1.5, "", " ", "x", "in_stock", "backorder", "notify",
    "Grip Color/Metallic Purple", "Grip Color", "\ud800", "a\nb", "12.5", "-3.00", [], [1],
    {}, {"x": 1}, {"quantity": 2},
]  # fmt: skip
KEYS = ["select", "expect", "stock", "quantity", "option", "low", "colour", "setup", "set"]


def nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += nodes(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += nodes(item, (*path, i))
    return found


def mutate(data: Any, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    path = rng.choice(nodes(data)[1:])
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    action = rng.randrange(3)
    if action == 0:
        parent[last] = copy.deepcopy(rng.choice(VALUES))
    elif action == 1 and isinstance(parent, dict):
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][rng.choice(KEYS)] = copy.deepcopy(rng.choice(VALUES))
    elif isinstance(parent[last], list):
        parent[last].append(copy.deepcopy(rng.choice(VALUES)))
    else:
        parent[last] = copy.deepcopy(rng.choice(VALUES))
    return data


def check(data: Any) -> None:
    try:
        scenario = from_data(loads(json.dumps(data)))
    except ScenarioFileError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    try:
        player = Player(Storefront(load_demo(), addon_active=True), scenario)
    except ScenarioError as exc:
        assert exc.where.startswith(("setup", "steps"))
        return
    for result in player.play_all():
        for mismatch in result.mismatches:
            assert mismatch.text  # every failure can be said


@pytest.mark.parametrize("seed", range(4))
def test_mutated_scenarios_are_played_or_refused_in_words(seed: int) -> None:
    rng = random.Random(seed)
    for example in EXAMPLES:
        data = json.loads(example.read_text(encoding="utf-8"))
        if seed == 3:  # the same scenarios with the configurator inline
            data["configurator"] = to_dict(load_demo())["configurator"]
        for _ in range(12):
            mutated = data
            for _ in range(rng.randint(1, 3)):
                mutated = mutate(mutated, rng)
            check(mutated)
