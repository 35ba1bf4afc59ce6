"""What this copy of the editor is and what it runs on: `--version`, `--version --verbose` and
Help ▸ About say the same, so a support request quotes one text.

No Qt at import: `--version` alone must not load it; the Qt and PySide6 lines import it when
they are asked for.
"""

from __future__ import annotations

import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

APP_NAME = "Configurator Editor"
ORGANIZATION = "ConfiguratorEditor"  # where Qt keeps the window's settings (QSettings)
DISTRIBUTION = "configurator-editor"


def package_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def is_bundled() -> bool:
    """Whether this runs from the self-contained application PyInstaller built."""
    return bool(getattr(sys, "frozen", False))


def runs_from() -> str:
    """Which kind of install answers, and where it is: the first question when two copies
    of the editor on one machine behave differently."""
    if is_bundled():
        return f"bundled application ({Path(sys.executable).resolve().parent})"
    return f"Python package ({Path(__file__).resolve().parent})"


def _qt_versions() -> tuple[str, str]:
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except ImportError as exc:  # a broken install still answers --version --verbose
        missing = f"not available ({exc})"
        return missing, missing
    return qVersion(), PySide6.__version__


def version_lines(db: Path | object | None) -> list[tuple[str, str]]:
    """(label, value) pairs: versions, where it runs from, then the database."""
    qt, pyside = _qt_versions()
    return [
        ("Version", package_version()),
        ("Qt", qt),
        ("PySide6", pyside),
        ("Python", f"{platform.python_version()} ({platform.platform(terse=True)})"),
        ("SQLite", sqlite3.sqlite_version),
        ("Runs from", runs_from()),
        ("Database", str(db) if db is not None else "in memory (not saved to a file)"),
    ]


def version_text(db: Path | object | None) -> str:
    """Everything About says, as plain text (also `--version --verbose`)."""
    lines = [APP_NAME] + [f"{label}: {value}" for label, value in version_lines(db)]
    return "\n".join(lines) + "\n"


def short_version() -> str:
    """`--version`: the command's name and the package version, as command-line tools say it."""
    return f"{DISTRIBUTION} {package_version()}\n"
