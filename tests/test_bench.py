"""The benchmark runs end to end at two small sizes and reports every measure, its growth
ratio and the budgets that apply (not how fast: speed is the benchmark's job, not the suite's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.bench.report import MEASURES, growth, superlinear, verdicts


@pytest.mark.slow
def test_benchmark_produces_every_measure_and_ratio(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "desktop.bench", "--sizes", "100,1000", "--trials", "1",
         "--json", str(out)],
        capture_output=True, text=True, env=os.environ.copy(), timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    for n in ("100", "1000"):
        for name in MEASURES:
            assert report["results"][n][name] > 0, (n, name)
    assert report["cold_start_ms"] > 0
    assert report["floor"]["1000"] > 0
    assert set(report["ratios"]) == set(MEASURES)
    assert all(set(steps) == {"1,000/100"} for steps in report["ratios"].values())
    assert {v["measure"] for v in report["budgets"]} >= {"delete_group", "cold_start"}
    assert report["long_scenario"]["steps"] == 10_000  # one scenario's steps, end to end
    for name in ("open", "delete_configurator", "×1,000/100", "superlinear:", "10,000 steps"):
        assert name in result.stdout
    # The team database measures, both engines (PostgreSQL's skipped only when, saying why).
    team = report["team"]["results"]
    assert team["sqlite"]["1000"]["visible_elsewhere"] > 0
    assert team["postgresql"].get("1000", {}).get("commit", 0) > 0 or report["team"]["skipped"]
    assert "team database" in result.stdout


def test_a_measure_growing_faster_than_its_size_is_flagged() -> None:
    results = {
        "100": {"open": 10.0, "select": 0.1, "delete_group": 5.0},
        "1000": {"open": 90.0, "select": 0.5, "delete_group": 5.5},
        "10000": {"open": 1600.0, "select": 0.9, "delete_group": 6.0},
    }
    sizes = [100, 1000, 10000]
    ratios = growth(results, sizes)
    assert ratios["open"] == {"1,000/100": 9.0, "10,000/1,000": 1600.0 / 90.0}
    flagged = superlinear(results, ratios, sizes)
    assert [(f["measure"], f["step"]) for f in flagged] == [("open", "10,000/1,000")]
    report = {"sizes": sizes, "results": results, "floor": {}, "cold_start_ms": None}
    checked = {(v["measure"], v["size"]): v["ok"] for v in verdicts(report)}
    assert checked[("open", 10000)] is False  # 1,600 ms against 400
    assert checked[("delete_group", 100)] is True


def test_the_paced_filter_is_not_flagged_but_the_filter_without_its_pause_is() -> None:
    """Above 2,000 layers the filter waits for typing to pause: that wait is no growth."""
    results = {
        "1000": {"filter": 2.0, "filter_enter": 2.0},
        "10000": {"filter": 152.0, "filter_enter": 40.0},
    }
    sizes = [1000, 10000]
    flagged = superlinear(results, growth(results, sizes), sizes)
    assert [(f["measure"], f["step"]) for f in flagged] == [("filter_enter", "10,000/1,000")]
