"""The `configurator-editor` command (docs/command-line.md): the editor window by default, and
`import`,
`export`, `addons`, a headless `storefront` and `scenario run` for scripts.

Errors a user can cause (bad arguments, unknown names, a foreign database, an invalid file) end
with exit status 2 and one line on stderr; a warning (an imported image that is missing) is a
line on stderr that starts "configurator-editor: warning:" and the exit status stays 0.
Nothing here re-implements a stock rule.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import SQLAlchemyError

from ..application import json_text
from ..application.headless import UnknownOption, run_scenario, storefront_visit
from ..application.storefront_text import render
from ..domain import rules
from ..domain.collector import collector_paused
from ..domain.storefront import MAX_QUANTITY
from ..store import repository
from ..store.database import (
    BUSY_TIMEOUT_S,
    DatabaseError,
    default_database_path,
    describe_failure,
)
from ..store.repository import StorageError, StoreError
from ..store.server import (
    ENV_VARIABLE,
    ServerUrlError,
    database_target,
    default_target,
)
from . import stock as stock_cli
from . import version as version_command
from .common import (
    PROG,
    CliError,
    check_folder,
    fail,
    find,
    open_to_read,
    prepare_output,
    refuse_read_only,
    shown,
    warn,
)
from .preview import add_parser as add_preview_parser
from .scenario import add_parser as add_scenario_parser

ADDON_CHOICES = ("stock-management",)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that starts like every other error (usage text
    stays available with --help)."""

    def error(self, message: str) -> NoReturn:
        # An argument quoted in the message may hold a line break; the message stays one line.
        self.exit(2, f"{PROG}: error: {' '.join(message.split())}\n")


def _quantity(text: str) -> int:
    """--qty: what the storefront accepts, checked here so that a bad one is a usage error."""
    try:
        value = rules.whole_number(text)  # as a stock sheet reads numbers (docs/stock-sheets.md)
    except rules.RuleError:
        value = 0
    if not 1 <= value <= MAX_QUANTITY:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {MAX_QUANTITY:,}, not {shown(text)}"
        )
    return value


def _unusable_argument(argv: Sequence[str]) -> str | None:
    """Why an argument cannot be used at all, before argparse reads it; None when all can.

    Bytes that are not UTF-8 reach Python as lone surrogates, which no file name, SQLite text
    or JSON output can carry; a NUL cannot be in any path or name.
    """
    for number, arg in enumerate(argv, start=1):
        problem = None
        if "\x00" in arg:
            problem = "contains a NUL character"
        else:
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                problem = "is not valid UTF-8 text"
        if problem is not None:
            previous = argv[number - 2] if number > 1 else ""
            after = f", after {previous}," if previous.startswith("-") else ""
            return f"argument {number}{after} {problem}: {shown(arg)}"
    return None


# The window's themes (desktop/ui/theme/palette.py THEMES; listed here so the CLI needs no Qt).
THEMES = ("system", "light", "dark", "high-contrast")


def build_parser() -> argparse.ArgumentParser:
    # --db is accepted before or after the subcommand; SUPPRESS keeps a subcommand's absent
    # --db from overwriting one given before it.
    db_option = _Parser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,
        help="database file, or a team database's URL (postgresql+psycopg://user@host/name); "
        f"default: ${ENV_VARIABLE}, else configurator-editor.db in your data folder",
    )
    parser = _Parser(
        prog=PROG,
        parents=[db_option],
        description="Edit product configurators offline; without a command, opens the editor.",
    )
    parser.add_argument(
        "--theme",
        choices=THEMES,
        default="system",
        help="colours of the editor window (default: the system's)",
    )
    version_command.add_arguments(parser)
    # Not db=None here: set_defaults would also reset the --db action the subcommands share.
    parser.set_defaults(command=_cmd_editor)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    imp = commands.add_parser(
        "import",
        parents=[db_option],
        help="import an exchange file or a WordPress export; prints each new id, a tab and "
        "the name it got",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--name", help="name for the imported configurator")
    imp.add_argument(
        "--media",
        type=Path,
        metavar="DIR",
        help="a WordPress export's images: a copy of the site's wp-content/uploads",
    )
    imp.set_defaults(command=_cmd_import)

    exp = commands.add_parser(
        "export",
        parents=[db_option],
        help="write a configurator as exchange JSON, or configurators as a WordPress export",
    )
    exp.add_argument("configurator", metavar="ID_OR_NAME", nargs="+")
    exp.add_argument("-o", "--output", type=Path, metavar="FILE", help="file (default: stdout)")
    exp.add_argument(
        "--format",
        choices=("json", "wordpress"),
        default="json",
        help="json: the exchange file (one configurator); wordpress: a WXR file for "
        "WordPress's importer (any number)",
    )
    exp.set_defaults(command=_cmd_export)

    addons = commands.add_parser("addons", parents=[db_option], help="show or set add-ons")
    switch = addons.add_mutually_exclusive_group()
    switch.add_argument("--enable", choices=ADDON_CHOICES, metavar="ADDON")
    switch.add_argument("--disable", choices=ADDON_CHOICES, metavar="ADDON")
    addons.set_defaults(command=_cmd_addons)

    shop = commands.add_parser(
        "storefront",
        parents=[db_option],
        help="run the storefront rules headless (never writes)",
    )
    shop.add_argument("configurator", metavar="ID_OR_NAME")
    shop.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="PATH",
        help='e.g. "Grip Color/Metallic Purple"',
    )
    shop.add_argument(
        "--qty", type=_quantity, default=1, metavar="N", help=f"1 to {MAX_QUANTITY:,}"
    )
    shop.add_argument("--add-to-cart", action="store_true")
    shop.add_argument("--checkout", action="store_true", help="add to cart, then check out")
    shop.add_argument("--json", action="store_true", help="JSON output (default: readable text)")
    shop.set_defaults(command=_cmd_storefront)
    add_scenario_parser(commands, db_option)
    stock_cli.register(commands, db_option)
    add_preview_parser(commands, db_option, _quantity, THEMES)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    busy_timeout: float = BUSY_TIMEOUT_S,
    short_lived: bool = False,
) -> int:
    """Run the command argv names (default: sys.argv); returns the exit status. busy_timeout
    is how long a write waits for another program's lock on the database, in seconds.
    short_lived: the process ends with the command and started with the cycle collector off
    (`desktop.process`); a command that reads or writes one configurator leaves it off."""
    argv = sys.argv[1:] if argv is None else list(argv)
    unusable = _unusable_argument(argv)
    if unusable is not None:
        return fail(unusable)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db_problem = None
    try:
        given = getattr(args, "db", None)
        # --db, else the environment's default: both a file path or a server URL.
        args.db = database_target(given) if given is not None else default_target()
    except ServerUrlError as exc:
        if given is not None:
            return fail(f"--db: {exc}")
        # A malformed default names no database: the window and --version still start, on
        # the user's own file, and say so; a command must not act on another database.
        args.db, args.db_problem = None, f"${ENV_VARIABLE}: {exc}"
        if not (version_command.wanted(args) or args.command is _cmd_editor):
            return fail(args.db_problem)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")  # JSON is UTF-8, whatever the console's locale
    if version_command.wanted(args):
        return version_command.run(args, parser)
    args.busy_timeout = busy_timeout
    command: Callable[[argparse.Namespace], int] = args.command
    if short_lived and command not in _ONE_CONFIGURATOR:
        gc.enable()  # the editor, scenario files, stock sheets: they may go on for long
    database = args.db if args.db is not None else default_database_path()
    try:
        if isinstance(args.db, Path):
            check_folder(args.db)
        return command(args)
    except (StorageError, SQLAlchemyError, sqlite3.Error) as exc:
        # The file itself failed (damaged, locked, gone, disk full) or holds a row edited by
        # hand: say so naming it, whichever layer the error came through.
        return fail(describe_failure(database, exc, busy_timeout))
    except _user_errors() as exc:
        return fail(str(exc))
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early; silence the flush at exit as well.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file or stream that failed outside the database (stdout, media)
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}")


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors that say what the user got wrong, each reported as its one line. Looked up
    only when an error is being handled: the exchange format's module is one that a storefront
    run has no other reason to load (SQLAlchemy and pydantic make the start slow enough)."""
    from ..store.exchange_format import ExchangeError

    return (CliError, DatabaseError, ExchangeError, StoreError, UnknownOption)


# --- commands ---------------------------------------------------------------------------------
def _cmd_editor(args: argparse.Namespace) -> int:
    # Imported here: the subcommands must run without loading Qt.
    from ..ui.app import run

    if args.db_problem is not None:
        warn(f"{args.db_problem}; opening {default_database_path()} instead")
    return run(args.db, theme=args.theme, db_problem=args.db_problem)


# The commands that read or write exchange files import its modules themselves (see
# _user_errors): the storefront, the most frequent in scripts, starts without them.
def _cmd_import(args: argparse.Namespace) -> int:
    from ..application.missing_images import missing_in
    from ..store.demo import open_store
    from ..store.exchange import ExchangeError, import_configurator, read_file
    from ..store.wordpress.site_file import is_site_file

    if is_site_file(args.file):  # recognised by its content: XML, not JSON
        from .wordpress import import_site

        return import_site(args, CliError)
    if args.media is not None:
        raise CliError("--media applies to WordPress export files only")

    db = open_store(args.db, busy_timeout=args.busy_timeout)
    try:
        refuse_read_only(db)
        with db.session() as session:
            try:
                cfg = read_file(args.file)  # read once: a large file takes seconds
                # Checked before the import: it keeps a missing image's path silently.
                missing = missing_in(cfg, Path(args.file).parent)
                configurator_id = import_configurator(
                    session, cfg, Path(args.file).parent, args.name
                )
            except ExchangeError as exc:
                raise CliError(f"cannot import {args.file}: {exc}") from None
            # The name it got: a taken one was made unique ("Travel Mug (2)").
            (name,) = [
                c.name for c in repository.list_configurators(session) if c.id == configurator_id
            ]
    finally:
        db.close()
    # The id first, then a tab: `cut -f1` still gives scripts the id alone.
    print(f"{configurator_id}\t{name}")
    for image in missing:
        warn(image.warning())
    return 0


def _cmd_addons(args: argparse.Namespace) -> int:
    from ..store.demo import open_store

    db = open_store(args.db, busy_timeout=args.busy_timeout)
    try:
        if args.enable or args.disable:
            refuse_read_only(db)
        with db.session() as session:
            if args.enable or args.disable:
                repository.set_addon(session, bool(args.enable))
            state = "enabled" if repository.addon_active(session) else "disabled"
    finally:
        db.close()
    print(f"{ADDON_CHOICES[0]}: {state}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from ..store.exchange import dumps, export_configurator, export_file
    from ..store.media import media_dir

    if args.format == "wordpress":
        from .wordpress import export_site

        return export_site(args, CliError)
    if len(args.configurator) > 1:
        raise CliError("an exchange file holds one configurator; --format wordpress takes many")
    path, db = open_to_read(args.db)
    try:
        with db.session() as session:
            configurator_id = find(session, args.configurator[0])
            if args.output is None:
                sys.stdout.write(dumps(export_configurator(session, configurator_id)))
                return 0
            try:
                # Its folders are made only once the configurator was read and its images
                # checked: a refused export leaves nothing behind (docs/stored-data.md).
                export_file(
                    session,
                    configurator_id,
                    args.output,
                    media=media_dir(path),
                    before_writing=lambda: prepare_output(args.output),
                )
            except OSError as exc:
                raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    finally:
        db.close()
    return 0


def _cmd_storefront(args: argparse.Namespace) -> int:
    # One short process that frees everything at exit: the cycle collector would only walk the
    # whole layer tree again and again while the report is built (half a second at 100,000).
    with collector_paused():
        return _storefront(args)


def _storefront(args: argparse.Namespace) -> int:
    _, db = open_to_read(args.db)
    try:
        with db.session() as session:
            cfg = repository.load_configurator(session, find(session, args.configurator))
            addon = repository.addon_active(session)
    finally:
        db.close()
    visit = storefront_visit(
        args.select, args.qty, add_to_cart=args.add_to_cart, checkout=args.checkout
    )
    report = run_scenario(cfg, addon, visit)
    if args.json:
        json_text.write_line(report, sys.stdout)
    else:
        text = render(report, name=cfg.name, price_format=cfg.price_format, addon_active=addon)
        sys.stdout.write(text)
    return 0


# Commands that build one configurator's objects once and exit (see desktop.process).
_ONE_CONFIGURATOR = frozenset({_cmd_import, _cmd_export, _cmd_storefront})
