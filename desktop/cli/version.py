"""`configurator-editor --version [--verbose]`: the package version; verbose, the same text as
Help ▸ About (Qt, PySide6, Python and SQLite versions, where it runs from, the database a
command would open), for a support request. Opens no database and, without --verbose, no Qt."""

from __future__ import annotations

import argparse
import sys

from ..application.version import short_version, version_text
from ..store.database import default_database_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="with --version: also the Qt, PySide6, Python and SQLite versions, where the "
        "editor runs from and which database it opens",
    )


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.version or args.verbose)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not args.version:
        parser.error("--verbose goes with --version (configurator-editor --version --verbose)")
    if not args.verbose:
        sys.stdout.write(short_version())
        return 0
    database: object = args.db if args.db is not None else default_database_path()
    problem = getattr(args, "db_problem", None)
    if problem is not None:  # the malformed default, masked, and what opens instead
        database = f"{database} (not {problem})"
    sys.stdout.write(version_text(database))
    return 0
