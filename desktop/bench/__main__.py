"""Run the benchmark: `python3 -m desktop.bench [--sizes 100,1000,10000] [--trials 7]`.

Each size runs in its own process; the table compares the N=10,000 figures with the budgets of
the performance issue and prints the growth ratio N_max/N_min of every measure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import scenarios as scenario_measures

# Budgets at N = 10,000 (ms, or MB for peak RSS).
BUDGETS: dict[str, float] = {
    "open": 400,
    "select": 16,
    "edit_preview": 16,
    "commit": 10,
    "storefront": 200,
    "export": 2000,
    "import": 2000,
    "peak_rss_mb": 250,
    "cold_start": 1500,
}
# Stock at catalogue scale (issue 9), measured by desktop/bench/stock.py.
BUDGETS |= {
    "stock_table_open": 300,
    "bulk_edit_all": 500,
    "sheet_export": 1000,
    "sheet_import_total": 2000,
}
# QA scenarios (issue 10), measured by desktop/bench/scenarios.py.
BUDGETS |= {"scenario_step": 5, "scenario_step_max": 5}
DEMO_SCENARIOS_BUDGET_S = 10.0  # 1,000 demo scenarios in one `scenario run`
RATIO_BUDGETS = {"edit_preview": 2.0}
MEASURES = [
    "open", "select", "edit_preview", "commit", "storefront", "export", "import",
    "raw_select", "peak_rss_mb",
]  # fmt: skip
MEASURES += [
    "stock_table_open", "bulk_edit_all", "sheet_export", "sheet_import_preview",
    "sheet_import_apply", "sheet_import_total",
]  # fmt: skip
MEASURES += ["scenario_step", "scenario_step_max", "scenario_run"]
STARTUP_PROBE = "CONFIGURATOR_EDITOR_STARTUP_PROBE"


def run_size(options: int, trials: int, gui: bool) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "desktop.bench.worker", str(options), str(trials),
         "gui" if gui else "headless"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"benchmark worker for N={options} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_start(trials: int) -> float:
    """Process start to first window shown, offscreen, on a seeded database."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", STARTUP_PROBE: "1"}
    samples: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cfg-cold-") as tmp:
        db = Path(tmp) / "cold.db"
        for attempt in range(trials + 1):  # the first run creates and seeds the database
            start = time.time()
            out = subprocess.run(
                [sys.executable, "-m", "desktop", "--db", str(db)],
                capture_output=True, text=True, env=env, check=False, timeout=120,
            )  # fmt: skip
            shown = [line for line in out.stdout.splitlines() if line.startswith("shown ")]
            if out.returncode != 0 or not shown:
                raise SystemExit(f"cold start probe failed:\n{out.stdout}\n{out.stderr}")
            if attempt:
                samples.append((float(shown[0].split()[1]) - start) * 1000.0)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m desktop.bench", description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000", help="image layer counts")
    parser.add_argument("--trials", type=int, default=7, help="repetitions per measure")
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"))
    parser.add_argument("--headless", action="store_true", help="skip the window measures")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    gui = not args.headless

    results: dict[str, dict[str, float]] = {}
    for n in sizes:
        print(f"measuring N={n} …", file=sys.stderr, flush=True)
        results[str(n)] = run_size(n, args.trials, gui)
    startup = cold_start(max(3, args.trials // 2)) if gui else None
    print("running the demo scenarios …", file=sys.stderr, flush=True)
    demo = scenario_measures.demo_run()

    report = {
        "sizes": sizes,
        "trials": args.trials,
        "results": results,
        "cold_start_ms": startup,
        "demo_scenarios": demo,
        "ratios": _ratios(results, sizes),
        "floor": {
            str(n): results[str(n)]["open"] / results[str(n)]["raw_select"]
            for n in sizes
            if "open" in results[str(n)]
        },
    }
    report["budgets"] = _verdicts(report, sizes)
    report["budgets"]["demo_scenarios"] = {
        "value": demo["seconds"],
        "budget": DEMO_SCENARIOS_BUDGET_S,
        "ok": demo["seconds"] <= DEMO_SCENARIOS_BUDGET_S,
    }
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(_table(report, sizes))
    print(f"\nJSON written to {args.json}")
    return 0


def _ratios(results: dict[str, dict[str, float]], sizes: list[int]) -> dict[str, float]:
    lo, hi = results[str(min(sizes))], results[str(max(sizes))]
    return {m: hi[m] / lo[m] for m in MEASURES if m in hi and m in lo and lo[m] > 0}


def _verdicts(report: dict, sizes: list[int]) -> dict[str, dict[str, object]]:
    if 10000 not in sizes:
        return {}
    at = dict(report["results"]["10000"])
    if report["cold_start_ms"] is not None:
        at["cold_start"] = report["cold_start_ms"]
    verdicts: dict[str, dict[str, object]] = {}
    for name, limit in BUDGETS.items():
        if name in at:
            verdicts[name] = {"value": at[name], "budget": limit, "ok": at[name] <= limit}
    for name, limit in RATIO_BUDGETS.items():
        if name in report["ratios"] and min(sizes) == 100:
            ratio = report["ratios"][name]
            verdicts[f"{name}_ratio"] = {"value": ratio, "budget": limit, "ok": ratio <= limit}
    return verdicts


def _table(report: dict, sizes: list[int]) -> str:
    unit = {"peak_rss_mb": "MB"}
    header = ["measure", *[f"N={n:,}" for n in sizes], "ratio", "budget@10k", ""]
    rows = [header]
    for m in MEASURES:
        if m not in report["results"][str(sizes[0])]:
            continue
        cells = [f"{report['results'][str(n)][m]:.2f}" for n in sizes]
        ratio = report["ratios"].get(m)
        verdict = report["budgets"].get(m)
        budget = f"≤ {BUDGETS[m]:g} {unit.get(m, 'ms')}" if m in BUDGETS else "floor"
        ok = "" if verdict is None else ("ok" if verdict["ok"] else "MISSED")
        rows.append([f"{m} ({unit.get(m, 'ms')})", *cells, f"{ratio:.2f}" if ratio else "",
                     budget, ok])  # fmt: skip
    if report["cold_start_ms"] is not None:
        verdict = report["budgets"].get("cold_start")
        ok = "" if verdict is None else ("ok" if verdict["ok"] else "MISSED")
        rows.append(["cold_start (ms)", f"{report['cold_start_ms']:.0f}", *[""] * len(sizes),
                     "≤ 1500 ms", ok])  # fmt: skip
    demo = report["demo_scenarios"]
    verdict = report["budgets"]["demo_scenarios"]
    rows.append([f"{demo['count']:,} demo scenarios (s)", f"{demo['seconds']:.2f}",
                 f"{demo['per_second']:.0f}/s", *[""] * (len(sizes) - 1),
                 f"≤ {DEMO_SCENARIOS_BUDGET_S:g} s",
                 "ok" if verdict["ok"] else "MISSED"])  # fmt: skip
    for n, floor in report["floor"].items():
        rows.append([f"open / raw SELECT, N={int(n):,}", f"{floor:.1f}x"] + [""] * (len(sizes) + 2))
    ratio_verdict = report["budgets"].get("edit_preview_ratio")
    if ratio_verdict:
        ok = "ok" if ratio_verdict["ok"] else "MISSED"
        rows.append(["edit_preview ratio 10k/100", f"{ratio_verdict['value']:.2f}"]
                    + [""] * (len(sizes) - 1) + ["", "≤ 2", ok])  # fmt: skip
    widths = [max(len(str(r[i])) for r in rows if i < len(r)) for i in range(len(header))]
    return "\n".join(
        "  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows
    )


if __name__ == "__main__":
    raise SystemExit(main())
