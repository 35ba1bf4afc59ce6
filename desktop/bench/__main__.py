"""Run the benchmark: `python3 -m desktop.bench [--sizes 100,1000,10000] [--all-sizes]
[--trials 7]`.

One catalogue database holds a configurator of every size measured (as a shop's would); each
size then runs in its own process on a copy of it. The table gives every measure at each size,
its growth ratio between consecutive sizes (flagged superlinear when it grows more than 1.5
times as fast as the size), and the verdicts against the budgets at N = 10,000 and 100,000.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import orders as order_measures
from . import scenarios as scenario_measures
from . import team as team_measures
from .report import MEASURES, demo_verdict, growth, long_verdict, superlinear, table, verdicts

DEFAULT_SIZES = "100,1000,10000"
ALL_SIZES = "100,1000,10000,100000"  # 100,000 takes minutes on 2 cores: opt-in
STARTUP_PROBE = "CONFIGURATOR_EDITOR_STARTUP_PROBE"


def _run_windows(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """command, offscreen, with a settings folder of its own: its windows start with the
    default layout (the Stock dock closed), as on a first start, and save their layout there,
    never reading or writing yours."""
    with tempfile.TemporaryDirectory(prefix="cfg-bench-") as settings:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": settings}
        return subprocess.run(
            [sys.executable, "-m", *command],
            capture_output=True, text=True, env=env, check=False, timeout=timeout,
        )  # fmt: skip


def _as_installed() -> None:
    """The measured processes find the app's bytecode compiled, as an installed copy has it
    (pip compiles it when it installs; a first start writes it). Where the environment
    forbids writing it (PYTHONDONTWRITEBYTECODE), every start would compile the app's
    modules again (a quarter of a second on this machine), a cost no merchant pays."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(Path(__file__).resolve().parents[1], quiet=1)


def _worker(*args: str, timeout: float = 3600) -> dict[str, float]:
    out = _run_windows(["desktop.bench.worker", *args], timeout)
    if out.returncode != 0:
        raise SystemExit(f"benchmark worker {' '.join(args)} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_start(trials: int) -> float:
    """Process start to the window's first paint, offscreen, on a seeded database."""
    samples: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cfg-cold-") as tmp:
        # The probe closes the window as a user would, which saves its layout: not in yours.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", STARTUP_PROBE: "1",
               "XDG_CONFIG_HOME": tmp}  # fmt: skip
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


def _team(sizes: list[int], trials: int) -> dict[str, Any]:
    """The team database measures (desktop/bench/team.py), both engines, in a process of
    their own; PostgreSQL's rows are left out, saying why, when no server can be started."""
    team_sizes = [n for n in sizes if n <= team_measures.MAX_SIZE] or [min(sizes)]
    print("measuring the team database (SQLite and PostgreSQL) …", file=sys.stderr, flush=True)
    sizes_text = ",".join(map(str, team_sizes))
    command = ["desktop.bench.team", "--json", "--trials", str(trials), "--sizes", sizes_text]
    out = _run_windows(command, 3600)
    if out.returncode != 0:
        raise SystemExit(f"team database measures failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m desktop.bench", description=__doc__)
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="image layer counts")
    parser.add_argument(
        "--all-sizes", action="store_true", help=f"measure {ALL_SIZES} (takes minutes)"
    )
    parser.add_argument("--trials", type=int, default=7, help="repetitions per measure")
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"))
    parser.add_argument("--headless", action="store_true", help="skip the window measures")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in (ALL_SIZES if args.all_sizes else args.sizes).split(",")})
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 100:
        parser.error("every size must be at least 100 (the group edits need 100 options)")
    gui = not args.headless

    print("compiling the app's bytecode, as an install has it …", file=sys.stderr, flush=True)
    _as_installed()
    load_before = os.getloadavg()[0]  # other work on the machine slows every figure
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="cfg-catalogue-") as tmp:
        catalogue = Path(tmp) / "catalogue.db"
        print(f"building a catalogue of {sum(sizes):,} options …", file=sys.stderr, flush=True)
        _worker("build", str(catalogue), ",".join(map(str, sizes)))
        for n in sizes:
            print(f"measuring N={n:,} …", file=sys.stderr, flush=True)
            mode = "gui" if gui else "headless"
            results[str(n)] = _worker(str(catalogue), str(n), str(args.trials), mode)
    startup = cold_start(max(3, args.trials // 2)) if gui else None
    print("running the demo scenarios …", file=sys.stderr, flush=True)
    demo = scenario_measures.demo_run()
    print("running the 10,000-step scenario of 3 shoppers …", file=sys.stderr, flush=True)
    shoppers = order_measures.shoppers_run()
    print("running a scenario of 10,000 steps …", file=sys.stderr, flush=True)
    long = scenario_measures.long_run()
    team = _team(sizes, args.trials) if gui else None

    report = {
        "sizes": sizes,
        "trials": args.trials,
        "results": results,
        "cold_start_ms": startup,
        "demo_scenarios": demo,
        "shoppers_scenario": shoppers,
        "long_scenario": long,
        "load_average": [load_before, os.getloadavg()[0]],
        "ratios": growth(results, sizes),
        "floor": {
            str(n): results[str(n)]["open"] / results[str(n)]["raw_select"]
            for n in sizes
            if "open" in results[str(n)]
        },
    }
    report["superlinear"] = superlinear(results, report["ratios"], sizes)
    report["budgets"] = verdicts(report)
    report["budgets"].append(demo_verdict(demo))
    report["budgets"].append(order_measures.shoppers_verdict(shoppers))
    report["budgets"].append(long_verdict(long))
    if team is not None:
        report["team"] = team
        report["budgets"].extend(team["budgets"])
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(table(report))
    print(order_measures.shoppers_line(shoppers))
    if team is not None:
        print(f"\n{team_measures.table(team)}")
    print(f"\nJSON written to {args.json}")
    return 0


__all__ = ["MEASURES", "main"]

if __name__ == "__main__":
    raise SystemExit(main())
