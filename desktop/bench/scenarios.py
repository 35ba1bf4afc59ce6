"""Scenario measures (issue 10): one scenario's steps on a configurator of N options, and
1,000 demo scenarios run end to end by `configurator-editor scenario run` in one process.

`measure` runs in the worker of each size: `scenario_step` is the mean time of a step,
`scenario_step_max` the slowest step (each step's median over the trials), `scenario_run` a
whole scenario (setup, fresh simulation, every step, restore). Like `scenario run`, which loads
each configurator once and takes its outline once for all the scenarios on it, the scenarios
here share the configurator and its outline: neither is a scenario's cost. `demo_run` is the
goal of docs/preview-and-scenarios.md: 1,000 demo scenarios under 10 s. `long_run` plays one demo
scenario of
10,000 steps whose cart keeps growing: its time must grow with the steps, not their square.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ..domain.model import Configurator
from ..domain.outline import Outline
from ..domain.scenario import Player
from ..domain.storefront import Storefront
from ..store.scenario_format import from_data
from .timing import median_ms

DEMO_SCENARIOS = Path(__file__).resolve().parents[2] / "resources" / "scenarios"
DEMO_COUNT = 1000
LONG_STEPS = 10_000
RED = "Grip Color/Metallic Red"  # a demo option: $3 over the demo's $49 base


def long_scenario(steps: int) -> dict[str, Any]:
    """A demo scenario of `steps` steps (at least 12), each kind of step in turn, whose cart
    grows by one line every ten steps until the checkout at the end: the case where looking
    at the cart after each add made a scenario's time grow with the square of its steps."""
    made: list[dict[str, Any]] = []
    lines = units = 0
    for i in range(max(steps, 12) - 2):
        n, at = divmod(i, 10)
        quantity = 1 + n % 3
        if at == 3:
            lines, units = lines + 1, units + quantity
        kinds: list[dict[str, Any]] = [
            {"select": RED},
            {"expect": {"option": RED, "selectable": True, "unit_price": "52.00"}},
            {"quantity": quantity},
            {"add_to_cart": True},
            {"expect": {"cart_lines": lines, "cart_contains": "Metallic Red",
                        "subtotal": f"{52 * units}.00", "no_message": True}},
            {"deselect": RED},
            {"expect": {"option": RED, "availability": "in_stock"}},
            {"set": {"stock": {RED: {"quantity": 100_000}}}},
            {"expect": {"stock": {RED: 100_000}}},
            {"expect": {"order_placed": False}},
        ]  # fmt: skip
        made.append(kinds[at])
    made.append({"checkout": True})
    made.append({"expect": {"order_placed": True, "stock": {RED: 100_000 - units}}})
    return {
        "format": "configurator-editor-scenario/1",
        "name": f"{len(made):,} steps",
        "configurator": "Custom Game Controller",
        "setup": {
            "addon": True,
            "backorders": "no",
            "stock": {RED: {"manage": True, "quantity": 100_000, "status": "in_stock"}},
        },
        "steps": made,
    }


def bench_scenario(cfg: Configurator) -> dict[str, Any]:
    """A restock-and-reorder scenario on the last group of a synthetic configurator (paths
    deep in the tree), every kind of step included."""
    last = cfg.layers[-1]
    option = next(o for o in last.children if not o.active_on_load)
    path = option.path
    return {
        "format": "configurator-editor-scenario/1",
        "name": f"bench N={sum(1 for _ in cfg.options())}",
        "configurator": cfg.name,
        "setup": {
            "addon": True,
            "stock": {path: {"manage": True, "quantity": 3, "status": "in_stock"}},
        },
        "steps": [
            {"select": path},
            {"expect": {"option": path, "availability": "in_stock", "selectable": True}},
            {"quantity": 2},
            {"add_to_cart": True},
            {"expect": {"cart_lines": 1, "no_message": True}},
            {"checkout": True},
            {"expect": {"order_placed": True, "stock": {path: 1}}},
            {"set": {"stock": {path: {"quantity": 10}}}},
            {"select": path},
            {"add_to_cart": True},
            {"expect": {"cart_contains": option.name, "stock": {path: 10}}},
            {"deselect": path},
            {"reset": True},
            {"expect": {"cart_lines": 0}},
        ],
    }


def measure(cfg: Configurator, trials: int) -> dict[str, float]:
    scenario = from_data(bench_scenario(cfg))
    outline = Outline.of(
        cfg
    )  # as desktop/application/scenario_run.py takes it: once per configurator
    per_step: list[list[float]] = [[] for _ in scenario.steps]  # each step's time, per trial
    for _ in range(max(trials, 5)):
        player = Player(Storefront(cfg, addon_active=True, outline=outline), scenario)
        while not player.done:
            start = time.perf_counter()
            result = player.play_next()
            per_step[result.number - 1].append((time.perf_counter() - start) * 1000.0)
            if not result.passed:
                raise SystemExit(f"bench scenario failed: {result.failure}")
        player.restore()
    # Medians over trials, so a garbage-collector pause in one trial is not a step's cost.
    medians = [statistics.median(times) for times in per_step]

    def whole() -> None:
        player = Player(Storefront(cfg, addon_active=True, outline=outline), scenario)
        player.play_all()
        player.restore()

    return {
        "scenario_step": sum(medians) / len(medians),
        "scenario_step_max": max(medians),
        "scenario_run": median_ms(trials, whole),
    }


def demo_run(count: int = DEMO_COUNT) -> dict[str, float]:
    """`count` demo scenarios (the example folder's, repeated) through the real command, in
    one process, process start and database copy included."""
    examples = sorted(DEMO_SCENARIOS.glob("*.json"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="cfg-scenarios-") as tmp:
        folder = Path(tmp) / "suite"
        folder.mkdir()
        for i in range(count):
            data = json.loads(examples[i % len(examples)].read_text(encoding="utf-8"))
            data["name"] = f"{i:04d} {data['name']}"
            (folder / f"{i:04d}.json").write_text(json.dumps(data), encoding="utf-8")
        db = Path(tmp) / "demo.db"
        command = [sys.executable, "-m", "desktop", "--db", str(db)]
        subprocess.run([*command, "addons"], capture_output=True, env=env, check=True)
        start = time.perf_counter()
        out = subprocess.run(
            [*command, "scenario", "run", str(folder)],
            capture_output=True, text=True, env=env, check=False, timeout=600,
        )  # fmt: skip
        seconds = time.perf_counter() - start
    last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    if out.returncode != 0 or last != f"{count} passed, 0 failed":
        raise SystemExit(f"demo scenarios failed ({last}):\n{out.stderr}")
    return {"count": count, "seconds": seconds, "per_second": count / seconds}


def long_run(steps: int = LONG_STEPS) -> dict[str, float]:
    """One demo scenario of `steps` steps (`long_scenario`) through the real command, process
    start and database copy included: a scenario's time must grow with its steps."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="cfg-long-scenario-") as tmp:
        file = Path(tmp) / "long.json"
        file.write_text(json.dumps(long_scenario(steps)), encoding="utf-8")
        db = Path(tmp) / "demo.db"
        command = [sys.executable, "-m", "desktop", "--db", str(db)]
        subprocess.run([*command, "addons"], capture_output=True, env=env, check=True)
        start = time.perf_counter()
        out = subprocess.run(
            [*command, "scenario", "run", str(file)],
            capture_output=True, text=True, env=env, check=False, timeout=600,
        )  # fmt: skip
        seconds = time.perf_counter() - start
    last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    if out.returncode != 0 or last != "1 passed, 0 failed":
        raise SystemExit(f"the long scenario failed ({last}):\n{out.stdout[-500:]}{out.stderr}")
    return {"steps": steps, "seconds": seconds, "per_second": steps / seconds}
