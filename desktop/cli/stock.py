"""`configurator-editor stock export|import|report` (docs/stock-sheets.md): stock sheets and the
restock
list from the command line. Registered by `cli.build_parser`; errors are `cli.CliError`
(one line, exit 2) like every other command's."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..domain.texts import backorder_words
from ..store import repository

# The commands import what they use: cli.py registers this parser on every run, and a storefront
# run should not load the stock sheets, the restock list or the demo (and the exchange format).
if TYPE_CHECKING:
    from ..domain.restock import RestockEntry
    from ..domain.stock_sheet import SheetPlan

# The command line's own ArgumentParser subclass (command_line), whichever it is.
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def register(
    commands: argparse._SubParsersAction[_Parser],
    db_option: _Parser,
) -> None:
    parser_class = type(db_option)
    stock = commands.add_parser(
        "stock", parents=[db_option], help="stock sheets (CSV) and the restock list"
    )
    actions = stock.add_subparsers(title="stock commands", metavar="ACTION", required=True)
    actions._parser_class = parser_class  # one-line usage errors, as the other commands

    exp = actions.add_parser(
        "export", parents=[db_option], help="write a configurator's stock sheet (CSV)"
    )
    exp.add_argument("configurator", metavar="ID_OR_NAME")
    exp.add_argument("-o", "--output", type=Path, metavar="FILE", help="file (default: stdout)")
    exp.set_defaults(command=_cmd_export)

    imp = actions.add_parser(
        "import",
        parents=[db_option],
        help="apply a stock sheet; prints every change and every row that matched nothing",
    )
    imp.add_argument("configurator", metavar="ID_OR_NAME")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    imp.add_argument("--json", action="store_true", help="JSON output")
    imp.set_defaults(command=_cmd_import)

    rep = actions.add_parser(
        "report",
        parents=[db_option],
        help="the restock list: low, out of stock and on-backorder managed options",
    )
    rep.add_argument("configurator", nargs="?", metavar="ID_OR_NAME")
    rep.add_argument("--json", action="store_true", help="JSON output")
    rep.set_defaults(command=_cmd_report)


def _cmd_export(args: argparse.Namespace) -> int:
    from ..store.stock_sheets import export_sheet, write_text_atomically
    from .common import CliError, find, open_to_read, prepare_output

    _, db = open_to_read(args.db)
    try:
        with db.session() as session:
            text = export_sheet(session, find(session, args.configurator))
    finally:
        db.close()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    prepare_output(args.output)
    try:
        write_text_atomically(args.output, text)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from ..domain.stock_sheet import SheetError
    from ..store.demo import open_store
    from ..store.stock_sheets import import_sheet, read_sheet_file
    from .common import CliError, find, open_to_read, refuse_read_only

    try:
        text = read_sheet_file(args.file)
    except SheetError as exc:
        raise CliError(f"cannot import {args.file}: {exc}") from None
    if args.dry_run:
        _, db = open_to_read(args.db)
    else:
        db = open_store(args.db, busy_timeout=args.busy_timeout)
    try:
        if not args.dry_run:
            refuse_read_only(db)
        with db.session() as session:
            configurator_id = find(session, args.configurator)
            try:
                plan = import_sheet(session, configurator_id, text, dry_run=args.dry_run)
            except SheetError as exc:
                # One line: the first problems and a count of the rest (docs/stock-sheets.md).
                raise CliError(f"{args.file} refused, nothing written: {exc}") from None
    finally:
        db.close()
    if args.json:
        print(json.dumps(plan.as_json(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(_plan_text(plan, args.dry_run))
    return 0


def _plan_text(plan: SheetPlan, dry_run: bool) -> str:
    lines = [change.text() for change in plan.changes]
    lines += [row.text() for row in plan.not_found]
    if plan.ignored_columns:
        lines.append(f"Ignored columns: {', '.join(plan.ignored_columns)}")
    options = len(plan.by_layer())
    summary = (
        f"{_n(len(plan.changes), 'change')} to {_n(options, 'option')}, "
        f"{_n(plan.unchanged, 'row')} unchanged, {len(plan.not_found)} not found"
    )
    lines.append(summary + ("; nothing written (--dry-run)" if dry_run else ""))
    return "\n".join(lines) + "\n"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _cmd_report(args: argparse.Namespace) -> int:
    from ..domain.restock import restock_entries
    from .common import find, open_to_read

    _, db = open_to_read(args.db)
    entries: list[RestockEntry] = []
    try:
        with db.session() as session:
            if args.configurator is not None:
                ids = [find(session, args.configurator)]
            else:
                ids = [c.id for c in repository.list_configurators(session)]
            for configurator_id in ids:
                entries += restock_entries(repository.load_configurator(session, configurator_id))
    finally:
        db.close()
    if args.json:
        print(json.dumps([e.as_json() for e in entries], indent=2, ensure_ascii=False))
        return 0
    for e in entries:
        quantity = "no quantity" if e.quantity is None else f"quantity {e.quantity}"
        sku = f" [{e.layer.stock.sku}]" if e.layer.stock.sku else ""
        words = {"low": "low", "out_of_stock": "out of stock", "backorder": "on backorder"}
        own = "" if e.backorders is None else f", backorders: {backorder_words(e.backorders)}"
        print(
            f"{e.configurator}: {e.layer.path}{sku}: {words[e.state]}, {quantity}, "
            f"threshold {e.threshold}{own}"
        )
    if not entries:
        print("Nothing to restock.")
    return 0
