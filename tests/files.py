"""Small helpers the test folders share: a command's outcome, and whether a file changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command line run in-process: its exit status, standard output and standard error."""
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def digest(path: Path) -> str:
    """The file's SHA-256, to show that a run left it byte for byte as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
