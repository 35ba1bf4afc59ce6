"""Whether a database may be read but not changed, found when it is opened
(docs/database-urls.md, "Read-only databases").

A SQLite file is read-only when its permissions, or its folder's, do not let this user write
(SQLite needs the folder for the `-wal` file beside the database). Root may write anything, yet a
file or folder that nobody may write (no write bit at all) is meant to stay as it is, so root
opens it read-only too, as vim marks such a file. A PostgreSQL database is read-only when the
role may not insert, update and delete in every one of our tables, or the server accepts only
reads (a standby, `default_transaction_read_only`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection

# Our tables (desktop/store/tables.py); a write may touch any of them.
TABLES = ("site_settings", "configurator", "layer", "change_log")
_WRITES = ("INSERT", "UPDATE", "DELETE")


def _may_write(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:  # gone or unreadable: opening says so, in its own words
        return True
    if not os.access(path, os.W_OK):  # permissions, ACLs, a read-only mount
        return False
    geteuid = getattr(os, "geteuid", None)  # POSIX only
    return not (geteuid is not None and geteuid() == 0 and not mode & 0o222)


def file_read_only(path: Path) -> str | None:
    """Why the database file at path cannot be written by us, or None when it can."""
    path = Path(path).absolute()
    if not _may_write(path):
        return "its file's permissions do not allow changes"
    if not _may_write(path.parent):
        return "its folder's permissions do not allow changes"
    return None


def folder_writable(path: Path) -> bool:
    """Whether the folder holding path lets us create files (the `-wal` and `-shm` files)."""
    folder = Path(path).absolute().parent
    return stat.S_ISDIR(folder.stat().st_mode) and _may_write(folder)


def server_read_only(conn: Connection) -> str | None:
    """Why our tables on the server cannot be written through conn's role, or None."""
    read_only, standby, role = conn.execute(
        text(
            "SELECT current_setting('transaction_read_only') = 'on', pg_is_in_recovery(), "
            "current_user"
        )
    ).one()
    if standby:
        return "the server is a standby that accepts only reads"
    if read_only:
        return "the server accepts only reads (default_transaction_read_only)"
    checks = " AND ".join(
        f"has_table_privilege(CAST(:t{n} AS regclass), '{right}')"
        for n in range(len(TABLES))
        for right in _WRITES
    )
    params = {f"t{n}": table for n, table in enumerate(TABLES)}
    if not conn.execute(text(f"SELECT {checks}"), params).scalar_one():
        return f"the role {role} may only read it"
    return None
