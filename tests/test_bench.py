"""The benchmark runs end to end at N = 100 and reports every measure (not how fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.bench.__main__ import MEASURES


def test_benchmark_produces_every_measure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "desktop.bench", "--sizes", "100", "--trials", "1",
         "--json", str(out)],
        capture_output=True, text=True, env=os.environ.copy(), timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    measured = report["results"]["100"]
    for name in MEASURES:
        assert measured[name] > 0, name
    assert report["cold_start_ms"] > 0
    assert report["floor"]["100"] > 0
    assert set(report["ratios"]) == set(MEASURES)
    for name in ("open", "edit_preview", "cold_start"):
        assert name in result.stdout
