"""`configurator-editor --version [--verbose]`: the package version, and verbose the same text
as Help ▸ About, without opening or creating any database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.application.version import package_version, version_text
from desktop.cli import main
from desktop.store.database import default_database_path


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr()
    assert (out.out, out.err) == (f"configurator-editor {package_version()}\n", "")
    assert package_version()[0].isdigit()  # the installed package's own, e.g. 0.1.0


def test_verbose_version_is_the_about_text_for_the_database_it_would_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "shop.db"
    assert main(["--db", str(db), "--version", "--verbose"]) == 0
    out = capsys.readouterr().out
    assert out == version_text(db)
    labels = [line.split(":")[0] for line in out.splitlines()[1:]]
    assert labels == ["Version", "Qt", "PySide6", "Python", "SQLite", "Runs from", "Database"]
    assert out.splitlines()[-1] == f"Database: {db}"
    assert "Runs from: Python package (" in out
    assert not db.exists()  # named, not created


def test_verbose_version_names_the_default_database_without_creating_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--verbose", "--version"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"Database: {default_database_path()}"
    assert not default_database_path().exists()


def test_verbose_alone_is_a_one_line_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--verbose"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("configurator-editor: error: --verbose goes with --version")


def test_version_alone_does_not_load_qt() -> None:
    # A script asking for the version must not pay for Qt (nor need a display library).
    probe = (
        "import sys; from desktop.cli import main; main(['--version']); "
        "print(any(name.startswith('PySide6') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ),
        timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"configurator-editor {package_version()}", "False"]
