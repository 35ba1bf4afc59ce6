"""Scenarios set an option's own backorder setting in `setup` and `set` (docs/stock-rules.md):
`"backorders"` per option, `null` back to the configurator's; files without it run as before."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop.domain.model import Backorders
from desktop.domain.scenario import Player
from desktop.domain.storefront import Storefront
from desktop.store.demo import load_demo
from desktop.store.scenario_format import ScenarioFileError, from_data, loads, to_data

PURPLE = "Grip Color/Metallic Purple"


def scenario(setup: dict[str, Any], steps: list[Any]) -> dict[str, Any]:
    return {
        "format": "configurator-editor-scenario/1",
        "name": "Per option",
        "configurator": "Custom Game Controller",
        "setup": setup,
        "steps": steps,
    }


def test_setup_and_set_change_an_options_own_setting_and_write_it_back() -> None:
    data = scenario(
        {"addon": True, "backorders": "yes", "stock": {PURPLE: {"backorders": "no"}}},
        [
            {"expect": {"option": PURPLE, "availability": "out_of_stock", "selectable": False}},
            {"set": {"stock": {PURPLE: {"backorders": "notify"}}}},
            {"expect": {"option": PURPLE, "notice": "Available on Backorder"}},
            {"set": {"stock": {PURPLE: {"backorders": None}}}},
            {"expect": {"option": PURPLE, "availability": "backorder", "notice": ""}},
        ],
    )
    cfg = load_demo()
    purple = cfg.find_path(PURPLE)
    assert purple is not None and purple.stock.backorders is None
    parsed = from_data(loads(json.dumps(data)))
    player = Player(Storefront(cfg), parsed)
    assert purple.stock.backorders is Backorders.NO
    results = player.play_all()
    assert all(r.passed for r in results), [r.failure for r in results]
    player.restore()
    assert purple.stock.backorders is None  # the scenario's copy only
    assert to_data(parsed) == data


def test_an_unknown_setting_is_refused_by_its_path() -> None:
    data = scenario({"stock": {PURPLE: {"backorders": "maybe"}}}, [{"quantity": 1}])
    with pytest.raises(ScenarioFileError) as caught:
        from_data(loads(json.dumps(data)))
    assert caught.value.where == f'setup.stock["{PURPLE}"].backorders'
    assert caught.value.problem == 'expected one of "no", "notify", "yes"'
