"""The process `configurator-editor` starts: the cycle collector stays off for the commands
that build one configurator and exit, and comes back for everything else."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from desktop.cli import main
from desktop.store import repository
from desktop.store.database import open_database

from .files import run

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
    out = _process("--db", str(demo_db), "storefront", DEMO, "--json")
    assert out.returncode == 0, out.stderr
    assert '"unit_price"' in out.stdout


def _process(
    *argv: str, stdout: int | IO[str] = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    # Buffered as a user's shell has it (PYTHONUNBUFFERED would hide a missing flush).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *argv],
        stdout=stdout, stderr=subprocess.PIPE, text=True, env=env, check=False, timeout=60,
    )  # fmt: skip


def test_a_one_configurator_command_ending_at_once_leaves_its_output_whole(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Those commands skip the interpreter's clean-up at exit: what they wrote to a file (a
    fully buffered stream) is still all there, and so is their exit status."""
    for argv in (["storefront", DEMO, "--checkout"], ["export", DEMO]):
        target = tmp_path / "out.txt"
        with target.open("w", encoding="utf-8") as out:
            done = _process("--db", str(demo_db), *argv, stdout=out)
        assert done.returncode == 0, done.stderr
        status, in_process, _ = run(["--db", str(demo_db), *argv], capsys)
        assert status == 0
        assert target.read_text("utf-8") == in_process
    missing = _process("--db", str(demo_db), "storefront", "No such thing")
    assert missing.returncode == 2
    assert 'no configurator "No such thing"' in missing.stderr


def test_an_import_ending_at_once_has_committed_its_configurator(
    demo_db: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "demo.json"
    assert _process("--db", str(demo_db), "export", DEMO, "-o", str(exported)).returncode == 0
    done = _process("--db", str(demo_db), "import", str(exported), "--name", "Again")
    assert done.returncode == 0, done.stderr
    db = open_database(demo_db)
    try:
        with db.session() as session:
            assert repository.find_configurator(session, "Again") is not None
    finally:
        db.close()
