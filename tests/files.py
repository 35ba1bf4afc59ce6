"""Small helpers the test folders share: a command's outcome, and whether a file changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command line run in-process: its exit status, standard output and standard error."""
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


# Hashed by a child process: a test may hold a connection to the file (an open window), and
# closing a descriptor of it here would drop that connection's locks (docs/reliability.md).
_HASH = "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())"


def digest(path: Path) -> str:
    """The file's SHA-256, to show that a run left it byte for byte as it was."""
    done = subprocess.run(
        [sys.executable, "-c", _HASH, str(path)], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()
