"""The command line (docs/command-line.md): `main` runs `configurator-editor`; `common` holds
what every command shares."""

from .command_line import build_parser, main

__all__ = ["build_parser", "main"]
