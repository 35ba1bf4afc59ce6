"""The after-checkout measure (docs/orders.md): one scenario of 10,000 steps across three
shoppers on the demo configurator, each shopper ordering over and over with payment pending,
paying, cancelling, refunding with and without restock and letting time pass, with its
expectations checked as it goes. `shoppers_run` plays it once and times every step.

Like `scenarios.py`, the configurator and its outline are loaded once; the figures are the
whole run, the mean step, the 99th percentile and the slowest step. The step's budget is the
scenario step's (5 ms), held by 99 % of the steps (a single step may meet a garbage-collector
pause or another process): an order step must not cost more as the orders pile up.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from ..domain.outline import Outline
from ..domain.scenario import Player
from ..domain.storefront import Storefront
from ..store.demo import load_demo
from ..store.scenario_format import from_data

SHOPPERS = ("default", "second", "third")
# Each shopper buys their own grip colour (all three managed), plus the demo's defaults.
GRIPS = ("Grip Color/Metallic Yellow", "Grip Color/Metallic Red", "Grip Color/Metallic Purple")
STEPS = 10_000
START = 900_000  # enough of each grip for every order the run places
STEP_BUDGET_MS = 5.0


def shoppers_scenario(steps: int = STEPS) -> dict[str, Any]:
    """A scenario of exactly `steps` steps, its expectations worked out here as it is built."""
    body: list[dict[str, Any]] = []
    left = dict.fromkeys(GRIPS, START)
    number = 0
    while len(body) < steps:
        shopper = len(body) // 10 % len(SHOPPERS)
        path = GRIPS[shopper]
        number += 1
        n = str(number)
        body += [
            {"shopper": SHOPPERS[shopper]},
            {"select": path},
            {"add_to_cart": True},
            {"checkout": True},
            {"expect": {"order_placed": True, "order_status": {n: "pending"}}},
        ]
        if number % 3 == 0:
            body += [
                {"cancel": number},
                {"wait": 1},
                {"expect": {"order_status": {n: "cancelled"}, "no_message": True}},
                {"quantity": 1},
            ]
        else:
            restock = number % 2 == 0
            left[path] -= 1
            if restock:
                left[path] += 1
            body += [
                {"pay": number},
                {"wait": 1},
                {"refund": {"order": number, "lines": {path: 1}, "restock": restock}},
            ]
        body.append({"expect": {"stock": {path: left[path]}}})
    return {
        "format": "configurator-editor-scenario/1",
        "name": f"{steps:,} steps across {len(SHOPPERS)} shoppers",
        "configurator": "Custom Game Controller",
        "setup": {
            "addon": True,
            "backorders": "no",
            "payment": "pending",
            "hold_minutes": 60,
            "stock": {path: {"manage": True, "quantity": START} for path in GRIPS},
        },
        "steps": body[:steps],
    }


def shoppers_run(steps: int = STEPS) -> dict[str, float]:
    """Play the scenario once: the whole run (s), and the mean, 99th percentile and slowest
    step (ms)."""
    cfg = load_demo()
    scenario = from_data(shoppers_scenario(steps))
    player = Player(Storefront(cfg, addon_active=True, outline=Outline.of(cfg)), scenario)
    times: list[float] = []
    while not player.done:
        before = time.perf_counter()
        result = player.play_next()
        times.append((time.perf_counter() - before) * 1000.0)
        if not result.passed:
            raise SystemExit(f"shoppers scenario failed: {result.failure}")
    player.restore()
    return {
        "steps": steps,
        "orders": len(player.shop.orders),
        "seconds": sum(times) / 1000.0,
        "step_mean_ms": statistics.fmean(times),
        "step_p99_ms": statistics.quantiles(times, n=100)[98],
        "step_max_ms": max(times),
    }


def shoppers_verdict(run: dict[str, float]) -> dict[str, Any]:
    """The run's 99th-percentile step against the scenario step's budget."""
    return {
        "measure": f"{int(run['steps']):,}-step scenario, 3 shoppers: 99 % of steps (ms)",
        "size": None,
        "value": run["step_p99_ms"],
        "budget": STEP_BUDGET_MS,
        "ok": run["step_p99_ms"] <= STEP_BUDGET_MS,
    }


def shoppers_line(run: dict[str, float]) -> str:
    """The benchmark's row for it, as printed under the table."""
    return (
        f"shoppers scenario: {int(run['steps']):,} steps, {int(run['orders']):,} orders, "
        f"{run['seconds']:.2f} s; step mean {run['step_mean_ms']:.3f} ms, "
        f"99 % ≤ {run['step_p99_ms']:.3f} ms, slowest {run['step_max_ms']:.2f} ms"
    )
