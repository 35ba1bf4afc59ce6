"""The benchmark's arithmetic and table: growth ratios between consecutive sizes, the
superlinear flag, and the verdicts against the budgets."""

from __future__ import annotations

import itertools
from typing import Any

MEASURES = [
    "open", "select", "edit_preview", "filter", "filter_enter", "commit", "storefront",
    "cli_storefront",
    "export", "import", "delete_group", "undo_delete_group", "move_group",
    "duplicate_configurator", "delete_configurator", "undo_delete_configurator",
    "raw_select", "peak_rss_mb",
    # Stock at catalogue scale (issue 9), measured by desktop/bench/stock.py.
    "stock_table_open", "bulk_edit_all", "sheet_export", "sheet_import_preview",
    "sheet_import_apply", "sheet_import_total",
    # QA scenarios (issue 10), measured by desktop/bench/scenarios.py.
    "scenario_step", "scenario_step_max", "scenario_run",
    # The WordPress round trip (issue 22), measured by desktop/bench/wordpress.py.
    "wordpress_export", "wordpress_import",
]  # fmt: skip

# Budgets (ms, or MB for peak RSS) at a size; GROUP_BUDGETS hold at every size.
BUDGETS: dict[int, dict[str, float]] = {
    10_000: {
        "open": 400, "select": 16, "edit_preview": 16, "commit": 10, "storefront": 200,
        "export": 2000, "import": 2000, "peak_rss_mb": 250,
        "stock_table_open": 300, "bulk_edit_all": 500, "sheet_export": 1000,
        "sheet_import_total": 2000, "scenario_step": 5, "scenario_step_max": 5,
        "wordpress_export": 2000, "wordpress_import": 2000,
    },
    100_000: {
        "open": 1000, "import": 4000, "cli_storefront": 1500, "duplicate_configurator": 2000,
        "delete_configurator": 2000, "undo_delete_configurator": 2000,
        "filter": 200,
    },
}  # fmt: skip
GROUP_BUDGETS = {"delete_group": 100, "undo_delete_group": 100, "move_group": 100}
COLD_START_BUDGET = 1000
FLOOR_BUDGET = 5.0  # open at most this many times the raw SELECT of the same rows, at 100,000
EDIT_PREVIEW_RATIO = 2.0  # edit → preview at 10,000 at most twice its time at 100
SUPERLINEAR = 1.5  # a ratio above 1.5 × the size step (15 for a 10× step) is flagged
NOISE_MS = 1.0  # below a millisecond the timer's noise decides the ratio: not flagged
UNITS = {"peak_rss_mb": "MB"}
# Measures that include a deliberate wait: above 2,000 layers the layers filter waits for the
# typing to pause (150 ms), so its growth from 1,000 to 10,000 is that pause, not a cost.
# filter_enter (the same filter without the pause) is the one whose growth is flagged.
PACED = frozenset({"filter"})


def _step(a: int, b: int) -> str:
    return f"{b:,}/{a:,}"


def growth(results: dict[str, dict[str, float]], sizes: list[int]) -> dict[str, dict[str, float]]:
    """Each measure's ratio between consecutive sizes, keyed "1,000/100"."""
    ratios: dict[str, dict[str, float]] = {}
    for m in MEASURES:
        for a, b in itertools.pairwise(sizes):
            lo, hi = results[str(a)].get(m), results[str(b)].get(m)
            if lo and hi is not None:
                ratios.setdefault(m, {})[_step(a, b)] = hi / lo
    return ratios


def superlinear(
    results: dict[str, dict[str, float]], ratios: dict[str, dict[str, float]], sizes: list[int]
) -> list[dict[str, Any]]:
    """The (measure, step) pairs that grew faster than SUPERLINEAR × the size step (timings
    under NOISE_MS at both sizes aside)."""
    flagged = []
    for m, steps in ratios.items():
        if m in PACED:
            continue
        for a, b in itertools.pairwise(sizes):
            ratio = steps.get(_step(a, b))
            limit = SUPERLINEAR * b / a
            if ratio is not None and ratio > limit and not _noise(results, m, a, b):
                flagged.append({"measure": m, "step": _step(a, b), "ratio": ratio, "limit": limit})
    return flagged


def _noise(results: dict[str, dict[str, float]], m: str, a: int, b: int) -> bool:
    return m not in UNITS and max(results[str(a)][m], results[str(b)][m]) < NOISE_MS


def verdicts(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Every budget that applies to the sizes measured, with its value and whether it held."""
    sizes: list[int] = report["sizes"]
    results = report["results"]
    found: list[dict[str, Any]] = []

    def check(name: str, size: int | None, value: float, budget: float) -> None:
        found.append(
            {"measure": name, "size": size, "value": value, "budget": budget,
             "ok": value <= budget}
        )  # fmt: skip

    for n in sizes:
        at = results[str(n)]
        for name, budget in {**BUDGETS.get(n, {}), **GROUP_BUDGETS}.items():
            if name in at:
                check(name, n, at[name], budget)
    if 100_000 in sizes and "100000" in report["floor"]:
        check("open / raw SELECT", 100_000, report["floor"]["100000"], FLOOR_BUDGET)
    if report["cold_start_ms"] is not None:
        check("cold_start", None, report["cold_start_ms"], COLD_START_BUDGET)
    if {100, 10_000} <= set(sizes) and "edit_preview" in results["100"]:
        ratio = results["10000"]["edit_preview"] / results["100"]["edit_preview"]
        check("edit_preview 10,000/100", None, ratio, EDIT_PREVIEW_RATIO)
    return found


DEMO_SCENARIOS_BUDGET_S = 10.0  # 1,000 demo scenarios in one `scenario run`


def demo_verdict(demo: dict[str, Any]) -> dict[str, Any]:
    """The demo scenarios' run (docs/preview-and-scenarios.md: 1,000 of them in under 10 s)."""
    return {
        "measure": f"{demo['count']:,} demo scenarios (s)", "size": None,
        "value": demo["seconds"], "budget": DEMO_SCENARIOS_BUDGET_S,
        "ok": demo["seconds"] <= DEMO_SCENARIOS_BUDGET_S,
    }  # fmt: skip


LONG_SCENARIO_BUDGET_S = 10.0  # one scenario of 10,000 steps in one `scenario run` (about 55 s
# when its time grew with the square of its steps; 5 s on 2 busy cores, start-up included)


def long_verdict(long: dict[str, Any]) -> dict[str, Any]:
    """One scenario of many steps (README, "QA scenarios": time linear in its steps)."""
    return {
        "measure": f"scenario of {long['steps']:,} steps (s)", "size": None,
        "value": long["seconds"], "budget": LONG_SCENARIO_BUDGET_S,
        "ok": long["seconds"] <= LONG_SCENARIO_BUDGET_S,
    }  # fmt: skip


def table(report: dict[str, Any]) -> str:
    sizes: list[int] = report["sizes"]
    results = report["results"]
    steps = list(itertools.pairwise(sizes))
    flagged = {(f["measure"], f["step"]) for f in report["superlinear"]}
    header = ["measure", *[f"N={n:,}" for n in sizes], *[f"×{_step(a, b)}" for a, b in steps]]
    rows = [header]
    for m in MEASURES:
        if m not in results[str(sizes[0])]:
            continue
        cells = [f"{results[str(n)][m]:.2f}" for n in sizes]
        for a, b in steps:
            ratio = report["ratios"].get(m, {}).get(_step(a, b))
            mark = " SUPERLINEAR" if (m, _step(a, b)) in flagged else ""
            cells.append("" if ratio is None else f"{ratio:.2f}{mark}")
        rows.append([f"{m} ({UNITS.get(m, 'ms')})", *cells])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in rows]
    if "load_average" in report:
        before, after = report["load_average"]
        lines.append(f"machine load (1-minute average): {before:.2f} before, {after:.2f} after")
    if report["cold_start_ms"] is not None:
        lines.append(f"cold_start (ms): {report['cold_start_ms']:.0f}")
    for n, floor in report["floor"].items():
        lines.append(f"open / raw SELECT at N={int(n):,}: {floor:.1f}x")
    lines.append("")
    lines.append("budgets:")
    for v in report["budgets"]:
        where = f" at N={v['size']:,}" if v["size"] else ""
        unit = (
            ""
            if "/" in v["measure"] or "(" in v["measure"]
            else f" {UNITS.get(v['measure'], 'ms')}"
        )
        lines.append(
            f"  {v['measure']}{where}: {v['value']:.2f}{unit} (≤ {v['budget']:g}) "
            + ("ok" if v["ok"] else "MISSED")
        )
    flags = report["superlinear"]
    lines.append(
        "superlinear: "
        + (", ".join(f"{f['measure']} ×{f['ratio']:.1f} ({f['step']})" for f in flags) or "none")
    )
    return "\n".join(lines)
