"""The team database budgets of the benchmark (issue 11), checked at 10,000 options."""

from __future__ import annotations

from desktop.bench.team import table, verdicts


def _at(open_ms: float, commit: float, visible: float) -> dict[str, float]:
    return {"open": open_ms, "select": 1.0, "commit": commit, "visible_elsewhere": visible}


def test_the_team_budgets_are_checked_at_ten_thousand() -> None:
    report = {
        "results": {
            "sqlite": {"100": _at(5, 1, 400), "10000": _at(100, 3, 480)},
            "postgresql": {"100": _at(9, 30, 40), "10000": _at(250, 6, 2500)},
        },
        "postgresql": "15.18",
        "skipped": None,
    }
    checked = {v["measure"]: v["ok"] for v in verdicts(report)}
    assert checked == {
        "team_commit_sqlite": True,
        "team_visible_elsewhere_sqlite": True,
        "team_commit_postgresql": True,  # 30 ms at 100 is not checked: the budget is at 10,000
        "team_visible_elsewhere_postgresql": False,  # 2.5 s
        "team_open postgresql/sqlite": False,  # 2.5×
    }
    assert "postgresql     10,000  250.00" in table(report)


def test_without_a_server_the_postgresql_rows_are_skipped_and_said() -> None:
    report = {
        "results": {"sqlite": {"10000": _at(100, 3, 480)}, "postgresql": {}},
        "postgresql": None,
        "skipped": "ClusterUnavailable: no pg_ctl found",
    }
    assert {v["measure"] for v in verdicts(report)} == {
        "team_commit_sqlite",
        "team_visible_elsewhere_sqlite",
    }
    assert "postgresql: not measured (ClusterUnavailable: no pg_ctl found)" in table(report)
