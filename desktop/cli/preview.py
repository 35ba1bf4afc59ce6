"""The `preview` command (docs/preview-and-scenarios.md): the storefront preview drawn offscreen to
a PNG.

`configurator-editor preview ID_OR_NAME [--select PATH]... [--qty N] [--add-to-cart]
-o FILE.png [--width PX] [--theme THEME]`, in the window's colours (`--theme` before or after
the command), as a shopper sees the storefront (docs/preview-and-scenarios.md). Registered by
cli.py; reads the database through an in-memory copy, so nothing is written to it. Qt is
loaded only when this command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..domain import rules

MIN_WIDTH, MAX_WIDTH, DEFAULT_WIDTH = 320, 8000, 1000

# The command line's own ArgumentParser subclass (command_line), whichever it is.
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def _width(text: str) -> int:
    try:
        value = rules.whole_number(text)  # as every number typed (docs/stock-sheets.md)
    except rules.RuleError:
        value = 0
    if not MIN_WIDTH <= value <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(
            f"expected a width in pixels from {MIN_WIDTH} to {MAX_WIDTH:,}, not {text[:20]!r}"
        )
    return value


def add_parser(
    commands: argparse._SubParsersAction[_Parser],
    db_option: _Parser,
    quantity: Callable[[str], int],
    themes: tuple[str, ...],
) -> None:
    preview = commands.add_parser(
        "preview",
        parents=[db_option],
        help="draw the storefront preview to a PNG, offscreen (never writes the database)",
    )
    preview.add_argument("configurator", metavar="ID_OR_NAME")
    preview.add_argument(
        "--select", action="append", default=[], metavar="PATH", help='e.g. "Grip Color/Red"'
    )
    preview.add_argument("--qty", type=quantity, default=1, metavar="N")
    preview.add_argument("--add-to-cart", action="store_true")
    preview.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.png", help="the PNG to write"
    )
    preview.add_argument(
        "--width",
        type=_width,
        default=DEFAULT_WIDTH,
        metavar="PX",
        help=f"image width in pixels ({MIN_WIDTH} to {MAX_WIDTH:,}; default {DEFAULT_WIDTH})",
    )
    # Also after the command; SUPPRESS keeps one given before it when this one is absent.
    preview.add_argument(
        "--theme",
        choices=themes,
        default=argparse.SUPPRESS,
        help="colours of the image: the editor window's theme (default: the system's)",
    )
    preview.set_defaults(command=run_command)


def run_command(args: argparse.Namespace) -> int:
    from ..application.headless import find_option
    from ..store import repository
    from . import common as cli

    if args.output.suffix.lower() != ".png":
        raise cli.CliError(f"{args.output}: the image is written as PNG; name it FILE.png")
    # A copy: the preview's document records the configurator it opened, as the window does.
    path, database = cli.open_to_read(args.db, copy=True)
    # The copy's images live beside the real file: the preview finds them through its path.
    database.path = path
    try:
        with database.session() as session:
            configurator_id = cli.find(session, args.configurator)
            cfg = repository.load_configurator(session, configurator_id)
        select = [find_option(cfg, p) for p in args.select]  # every path checked first
        _offscreen_application(getattr(args, "theme", "system"))
        from ..ui.preview.image_render import MAX_HEIGHT, render_offscreen, save_png

        image, message = render_offscreen(
            database, configurator_id, select, args.qty, args.add_to_cart, args.width
        )
    finally:
        database.close()
    cli.prepare_output(args.output)
    if not save_png(image, args.output):
        raise cli.CliError(f"cannot write {args.output}")
    if message:
        # A refused pick or add to cart is part of the picture, as in the window.
        print(f"{cli.PROG}: note: {' '.join(message.split())}", file=sys.stderr)
    if image.height() >= MAX_HEIGHT:
        print(
            f"{cli.PROG}: note: the image stops at {MAX_HEIGHT:,} px high; "
            "the options below that are not drawn",
            file=sys.stderr,
        )
    print(f"{args.output}\t{image.width()}x{image.height()}")
    return 0


def _offscreen_application(theme: str) -> None:
    """The editor's QApplication in the window's theme (`--theme` before the command),
    drawing offscreen unless one already exists (a test, the window): no display is needed,
    and the image is the same with or without one."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from ..ui.app import _application
    from ..ui.theme.apply import apply_theme

    apply_theme(_application(), theme)
