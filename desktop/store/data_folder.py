"""Where the editor keeps its own database when none is named: the user's data folder
(docs/stored-data.md). One place knows it; the database, the server's media stand-in and the
command line ask here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "configurator-editor"
DEFAULT_DB_NAME = "configurator-editor.db"


def default_database_path() -> Path:
    """The per-user data file (XDG on Linux, Application Support on macOS, AppData on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME / DEFAULT_DB_NAME
