"""The `scenario` command (docs/preview-and-scenarios.md): `configurator-editor scenario run
FILE_OR_FOLDER...`.

Registered by cli.py. It prints `PASS <name>` or `FAIL <name>: step <n>: <key>: expected <x>,
got <y>` per scenario and `<P> passed, <F> failed` last; an invalid file is named on stderr with
the field at fault while the valid ones still run. Exit 0 all passed, 1 any failed, 2 any
invalid. The database is read through an in-memory copy: nothing is ever written to it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..application.scenario_run import Outcome

# The command line's own ArgumentParser subclass (command_line), whichever it is.
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def add_parser(
    commands: argparse._SubParsersAction[_Parser],
    db_option: _Parser,
) -> None:
    scenario = commands.add_parser(
        "scenario", parents=[db_option], help="run QA scenario files (never writes)"
    )
    actions = scenario.add_subparsers(title="scenario commands", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run",
        parents=[db_option],
        help="run scenario files, or every *.json of a folder, in one process",
    )
    run.add_argument("paths", type=Path, nargs="+", metavar="FILE_OR_FOLDER")
    run.add_argument("--junit", type=Path, metavar="OUT.xml", help="also write a JUnit report")
    run.add_argument("--json", action="store_true", help="print a JSON report instead")
    run.set_defaults(command=run_command)


def run_command(args: argparse.Namespace) -> int:
    # Imported here too: cli.py registers this parser on every run, and the scenario modules
    # (their file format, JUnit) are no part of another command's start.
    from ..application.junit import write_junit
    from ..application.scenario_run import Runner, report_data, scenario_files, summary
    from . import common as cli

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise cli.CliError(f"no file or folder {missing[0]}")
    # A copy: a run may go on for long, and what it read must not change under it meanwhile.
    runner = Runner(lambda: cli.open_to_read(args.db, copy=True)[1])
    outcomes: list[Outcome] = []
    try:
        for path in scenario_files(args.paths):
            outcome = runner.run(path)
            outcomes.append(outcome)
            if outcome.invalid:
                cli.report("error", f"{path}: {outcome.invalid}")
            elif not args.json:
                print(outcome.line(), flush=True)
    finally:
        runner.close()
    if args.junit is not None:
        cli.prepare_output(args.junit)
        try:
            write_junit(outcomes, args.junit)
        except OSError as exc:
            raise cli.CliError(f"cannot write {args.junit}: {exc.strerror or exc}") from None
    if args.json:
        print(json.dumps(report_data(outcomes), indent=2, ensure_ascii=False))
    else:
        print(summary(outcomes))
    if not outcomes:
        cli.report("error", "no scenario files found (a folder is searched for *.json)")
        return 2
    if any(o.invalid for o in outcomes):
        return 2
    return 0 if all(o.passed for o in outcomes) else 1
