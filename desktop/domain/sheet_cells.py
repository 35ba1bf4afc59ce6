"""A stock sheet's text cells as a spreadsheet opens them, and its problems as they are shown
(docs/stock-sheets.md).

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and some with a tab or a
carriage return) as a formula: a SKU such as `=HYPERLINK("http://x","y")` would be a link to
click, or worse. WooCommerce's CSV exporter writes such text cells with a `'` in front, which
spreadsheets show as text, and its importer takes the `'` off again; so do we. Numbers are
never escaped: a Stock of `-3` stays a number.
"""

from __future__ import annotations

import re

# What makes a spreadsheet read a cell as a formula (WooCommerce's list).
TRIGGERS = "=+-@\t\r"
# A text written with a `'` in front: one that starts with a trigger, or with quotes and then
# a trigger (so that a SKU really beginning with `'=` comes back with its quote).
_TO_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")

# A refused sheet shows this many problems, then how many more there are: a sheet of 100,000
# bad cells is told in 21 lines, not one line of several megabytes.
PROBLEMS_SHOWN = 20


def escape(text: str) -> str:
    """A text cell as the sheet writes it: `'=SUM(A1)` for `=SUM(A1)`."""
    return f"'{text}" if _TO_ESCAPE.match(text) else text


def unescape(text: str) -> str:
    """A cell as the sheet holds it, read back: the `'` that escape (or WooCommerce's
    exporter) put in front of a formula trigger is taken off; any other text is as it is."""
    return text[1:] if _ESCAPED.match(text) else text


def shown_problems(problems: list[str], limit: int = PROBLEMS_SHOWN) -> list[str]:
    """The first `limit` problems and, when there are more, a last line counting the rest
    (`… and 99,980 more`)."""
    if len(problems) <= limit:
        return list(problems)
    return [*problems[:limit], f"… and {len(problems) - limit:,} more"]
