"""What every command of `configurator-editor` shares (docs/command-line.md): the one-line
error and warning, opening the database to read, finding a configurator by id or name, making an
output's folders. The commands (`command_line`, `stock`, `scenario`, `preview`, `wordpress`)
import it; it imports none of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlmodel import Session

from ..store import repository
from ..store.database import (
    Database,
    default_database_path,
    open_copy_in_memory,
    open_read_only,
    open_server_database,
)
from ..store.server import DatabaseTarget, ServerAddress

PROG = "configurator-editor"


SHOWN_MAX = 60  # characters of an argument quoted in a message


class CliError(Exception):
    """A user error, reported as one line with exit status 2."""


def shown(text: str) -> str:
    """An argument as a message quotes it: cut short, with bytes that are not text escaped."""
    try:
        raw = text.encode("utf-8", "surrogateescape")  # how the OS passed it, byte for byte
    except UnicodeEncodeError:  # a lone surrogate that did not come from the OS (in-process)
        raw = text.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    # Line breaks, tabs and NULs escaped, so the message is one line and shows what was there.
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
    return f"'{shown if len(shown) <= SHOWN_MAX else shown[: SHOWN_MAX - 1] + '…'}'"


def fail(message: str) -> int:
    report("error", message)
    return 2


def warn(message: str) -> None:
    report("warning", message)


def report(kind: str, message: str) -> None:
    one_line = " ".join(message.split())  # whatever the message quoted (names, paths, SQLite)
    # A quoted value may hold a lone surrogate (from a file or a file name): escaped here, so
    # that writing the line cannot fail whatever the stream's error handler.
    safe = one_line.encode("utf-8", "backslashreplace").decode("utf-8")
    print(f"{PROG}: {kind}: {safe}", file=sys.stderr)


def refuse_read_only(db: Database) -> None:
    """A write asked of a database we may only read: one line, before anything is tried
    (docs/database-urls.md)."""
    if db.read_only is not None:
        raise CliError(f"{db.target} is read-only ({db.read_only}); nothing was changed")


def check_folder(db_arg: Path) -> None:
    """A --db whose folder is missing is most likely mistyped: say so before anything is
    created (opening would make the folders, and a write command a seeded database)."""
    folder = db_arg.parent
    try:
        if folder.is_dir():
            return
        exists = folder.exists()
    except (OSError, ValueError):  # a path the file system cannot even look up
        exists = False
    if exists:
        raise CliError(f"cannot use {db_arg}: {folder} is not a folder")
    raise CliError(
        f"cannot use {db_arg}: there is no folder {folder}; "
        "check the path, or create the folder first"
    )


def prepare_output(target: Path) -> None:
    """Every file a command writes (-o, --junit) may name folders that do not exist yet:
    they are created, as an export's are (docs/preview-and-scenarios.md). A --db is the one
    exception (`check_folder`): a mistyped database path must not start a new database."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:
        why = getattr(exc, "strerror", None) or exc
        raise CliError(
            f"cannot write {target}: cannot create the folder {target.parent}: {why}"
        ) from None


def open_to_read(db_arg: DatabaseTarget | None, *, copy: bool = False) -> tuple[Path, Database]:
    """The database through a read-only connection, so reading commands can never write to
    it (on a server: read-only transactions, which the server refuses to write in). With
    copy, an in-memory copy of the file: for a caller that writes what it then forgets, or
    that reads over a long time (a file read in place while no editor has it open is taken
    not to change meanwhile). The path returned is the one whose media folder holds the
    images.

    On first run the default database does not exist yet; it is created and seeded as the
    editor would. An explicit --db that does not exist is an error instead: a read is no
    reason to create a database (`addons` or the editor creates one, with the demo).
    """
    if isinstance(db_arg, ServerAddress):
        return db_arg.media_stand_in, open_server_database(db_arg, create=False, read_only=True)
    path = db_arg if db_arg is not None else default_database_path()
    if db_arg is None and not path.exists():
        from ..store.demo import open_store  # the demo's file and images: on first run only

        open_store(path).close()
    elif db_arg is not None and not path.exists() and not path.is_symlink():
        raise CliError(
            f"no database at {path} (export and storefront only read; addons, import or "
            "the editor create a new one, with the demo)"
        )
    return path, open_copy_in_memory(path) if copy else open_read_only(path)


def find(session: Session, ref: str) -> int:
    found = repository.find_configurator(session, ref)
    if found is None:
        known = [f'"{c.name}"' for c in repository.list_configurators(session)]
        shown = ", ".join(known[:8]) + (f" and {len(known) - 8} more" if len(known) > 8 else "")
        raise CliError(f'no configurator "{ref}" (have: {shown or "none"})')
    return found
