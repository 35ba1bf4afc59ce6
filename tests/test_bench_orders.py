"""The benchmark's after-checkout scenario (desktop/bench/orders.py): 10,000 valid steps
across three shoppers whose every expectation passes, so the row it times is a real run."""

from __future__ import annotations

from desktop.bench.orders import SHOPPERS, shoppers_run, shoppers_scenario, shoppers_verdict
from desktop.store.scenario_format import from_data


def test_the_shoppers_scenario_is_10000_valid_steps_across_three_shoppers() -> None:
    scenario = from_data(shoppers_scenario())
    assert len(scenario.steps) == 10_000
    kinds = {step.kind for step in scenario.steps}
    assert {"shopper", "checkout", "pay", "cancel", "refund", "wait", "expect"} <= kinds
    assert {step.value for step in scenario.steps if step.kind == "shopper"} == set(SHOPPERS)


def test_every_expectation_of_the_shoppers_scenario_passes() -> None:
    run = shoppers_run()  # SystemExit naming the step when one fails
    assert (run["steps"], run["orders"]) == (10_000, 1_072)
    verdict = shoppers_verdict(run)
    assert verdict["value"] == run["step_p99_ms"] and verdict["budget"] == 5.0
