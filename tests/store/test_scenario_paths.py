"""Scenarios name options as sheets and `--select` do (docs/stock-sheets.md, "Option paths"):
a "/" inside a name written "\\/" names that option alone; the plain spelling still works where
it can mean nothing else; a recorded `selection` plays back whichever way it is spelled."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.domain.model import Configurator
from desktop.domain.scenario import Player, ScenarioError
from desktop.domain.storefront import Storefront
from desktop.store.scenario_format import from_data
from tests.builders import configurator, group, option


def shirt() -> Configurator:
    return configurator(
        group(
            "Color",
            option("Black/White", manage=True, qty=3),
            group("Black", option("White", manage=True, qty=5), sub=True),
        ),
        group("Size/Fit", option("Slim/S")),
        name="Shirt",
    )


def play(steps: list[dict[str, Any]], setup: dict[str, Any] | None = None) -> list[str]:
    data = {
        "format": "configurator-editor-scenario/1",
        "name": "paths",
        "configurator": "Shirt",
        "setup": setup or {},
        "steps": steps,
    }
    results = Player(Storefront(shirt()), from_data(data)).play_all()
    return [r.failure for r in results if not r.passed]


def test_each_spelling_names_its_own_option() -> None:
    assert (
        play(
            [
                {"select": "Color/Black\\/White"},
                {
                    "expect": {
                        "selection": ["Color/Black\\/White"],
                        "stock": {"Color/Black\\/White": 3},
                    }
                },
                {"select": "Color/Black/White"},
                {"expect": {"option": "Color/Black/White", "low": False}},
                {"expect": {"stock": {"Color/Black/White": 5}}},
            ]
        )
        == []
    )


def test_the_plain_spelling_works_where_it_can_mean_one_option() -> None:
    # "Size/Fit/Slim/S" has no exact reading; with a "/" inside names it reads one way only.
    assert (
        play(
            [
                {"select": "Size/Fit/Slim/S"},
                {"expect": {"selection": ["Size/Fit/Slim/S"]}},  # compared as the option it names
                {"expect": {"selection": ["Size\\/Fit/Slim\\/S"]}},
            ],
            setup={"stock": {"Size/Fit/Slim/S": {"manage": True, "quantity": 4}}},
        )
        == []
    )


def test_a_selection_that_differs_still_fails() -> None:
    failures = play([{"select": "Color/Black/White"}, {"expect": {"selection": []}}])
    assert failures == ['step 2: selection: expected [], got ["Color/Black/White"]']


def test_a_path_of_nothing_is_refused_naming_it() -> None:
    with pytest.raises(ScenarioError, match=r'no option "Color/Grey" in "Shirt"'):
        play([{"select": "Color/Grey"}])
