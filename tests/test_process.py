"""The process `configurator-editor` starts: the cycle collector stays off for the commands
that build one configurator and exit, and comes back for everything else."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main

DEMO = "Custom Game Controller"


@pytest.mark.parametrize(
    ("argv", "stays_off"),
    [
        (["storefront", DEMO, "--checkout"], True),
        (["export", DEMO], True),
        (["addons"], False),
        (["stock", "report"], False),
    ],
)
def test_only_one_configurator_commands_keep_the_collector_off(
    demo_db: Path,
    collector_off: None,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stays_off: bool,
) -> None:
    assert main(["--db", str(demo_db), *argv], short_lived=True) == 0
    capsys.readouterr()
    assert gc.isenabled() is not stays_off


def test_in_process_callers_keep_their_collector(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert gc.isenabled()
    assert main(["--db", str(demo_db), "storefront", DEMO]) == 0
    capsys.readouterr()
    assert gc.isenabled()


def test_python_m_desktop_runs_a_command(demo_db: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(demo_db), "storefront", DEMO, "--json"],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert '"unit_price"' in out.stdout
