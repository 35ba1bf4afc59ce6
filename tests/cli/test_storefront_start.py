"""A storefront run loads what it uses: the other commands' modules (exchange files, stock
sheets, scenarios, the demo) wait until their command runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store.exchange_format import ExchangeError

from ..files import run

DEMO = "Custom Game Controller"

# Modules of other commands, each costing milliseconds at every start if loaded eagerly.
OTHER_COMMANDS = (
    "desktop.store.exchange",
    "desktop.store.exchange_format",
    "desktop.store.demo",
    "desktop.store.stock_sheets",
    "desktop.domain.stock_sheet",
    "desktop.domain.restock",
    "desktop.application.scenario_run",
    "desktop.store.scenario_format",
    "desktop.application.junit",
    "desktop.application.missing_images",
    "PySide6",
)

_PROBE = """
import contextlib, io, json, sys
from desktop.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def _loaded_by(*argv: str) -> tuple[int, set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    result = json.loads(out.stdout)
    return result["status"], set(result["modules"])


def test_a_storefront_run_loads_no_module_of_another_command(demo_db: Path) -> None:
    status, modules = _loaded_by("--db", str(demo_db), "storefront", DEMO, "--checkout", "--json")
    assert status == 0
    assert "desktop.application.headless" in modules  # the probe saw the run
    assert sorted(m for m in modules if m.split(".")[0] == "PySide6" or m in OTHER_COMMANDS) == []


def test_an_error_of_the_exchange_format_is_still_one_line(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The exchange format's error is looked up when an error is handled, not at start."""
    from desktop.store import exchange

    def refuse(*_args: object) -> None:
        raise ExchangeError("configurator.layers[0].name", "must not be empty")

    monkeypatch.setattr(exchange, "export_configurator", refuse)
    status, out, err = run(["--db", str(demo_db), "export", DEMO], capsys)
    assert (status, out) == (2, "")
    assert err == ("configurator-editor: error: configurator.layers[0].name: must not be empty\n")
