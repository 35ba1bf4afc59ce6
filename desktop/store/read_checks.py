"""The field rules run again, in bulk, on a configurator's layer rows as they are read
(docs/stored-data.md).

A row edited by hand (a SQLite browser, psql) can hold what no write of ours stores: an image
path that leads out of the media folder, a name with a line break, two siblings of one name,
two options of one SKU. Such a configurator is damaged: reading it raises CorruptDataError
naming the configurator, the layer and the field, as for a value that cannot be read at all.

Opening a configurator waits for this, so the text columns are not checked value by value:
each is joined into one string that a few C-level searches scan for anything the rules could
refuse (and a little they accept, such as `a..b.png`). Only the values a scan flags go through
the rules themselves, one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

from ..domain.rules import IMAGE_PATH_MAX_BYTES, NAME_MAX, SKU_MAX, RuleError
from .corrupt import (
    CorruptDataError,
    corrupt_layer,
    invalid,
    layer_error,
    stored_image,
    stored_name,
    stored_sku,
)

# Bytes of ASCII text a field rule refuses anywhere in a value: control characters, the line
# break excepted (it separates the joined values and is counted apart).
_CONTROL = bytes(range(0x0A)) + bytes(range(0x0B, 0x20)) + b"\x7f"
# What an image path may not hold anywhere, besides those.
_PATH_CHARS = b":\\"
# The same in text that is not all ASCII, with the whitespace str.strip() removes beyond the
# ASCII space (a test keeps this in step with str.isspace): an edge is then checked exactly.
_UNUSUAL = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_UNUSUAL_IN_PATH = re.compile(_UNUSUAL.pattern[:-1] + r":\\]")
# Byte classes (see _flagged): a control byte as _CONTROL_MARK, the line break as itself,
# every other byte as _RUN; one table per set of control bytes a column refuses.
_RUN = b"x"
_CONTROL_MARK = b"!"


def _classes(control: bytes) -> bytes:
    def of(byte: int) -> int:
        if byte == 0x0A:
            return byte
        return _CONTROL_MARK[0] if byte in control else _RUN[0]

    return bytes(of(byte) for byte in range(256))


_CLASSES = {c: _classes(c) for c in (b"", _CONTROL, _CONTROL + _PATH_CHARS)}
# A character is at most 4 bytes of UTF-8: a path of no more characters than this is within
# the byte limit whatever it holds.
_SHORT_PATH = IMAGE_PATH_MAX_BYTES // 4

# Columns of the rows `load_layers` reads (layer_rows.LOAD_COLUMNS).
ID, PARENT, NAME, IMAGE, SKU = 0, 1, 2, 8, 12


def check_rows(
    rows: Sequence[tuple[Any, ...]],
    columns: Sequence[str],
    texts: tuple[list[str], list[str], list[str]],
    configurator: str,
) -> None:
    """CorruptDataError for the first row a field rule refuses or that breaks a rule among
    its siblings (names) or in its configurator (SKUs). rows: as load_layers read them, every
    value already of its type; columns: their names; texts: the rows' names, images and SKUs
    (gathered as the rows were read: another walk over them would cost more than the checks);
    configurator: as messages name it."""
    if not rows:
        return
    names, images, skus = texts
    for column, values, flagged in (
        (NAME, names, _text_flagged(names, NAME_MAX, required=True)),
        (IMAGE, images, _path_flagged(images)),
        (SKU, skus, _text_flagged(skus, SKU_MAX, required=False)),
    ):
        if flagged:
            _check_flagged(rows, columns, column, values, configurator)
    _check_unique_names(rows, names, configurator)
    _check_unique_skus(rows, skus, configurator)


def _text_flagged(values: list[str], limit: int, *, required: bool) -> bool:
    """False only when the text rules accept every value as it is: none holds a line break
    or another control character, begins or ends with whitespace, is longer than limit
    characters, or (required) is empty."""
    joined = "\n".join(values)
    if required and _empty_line(joined):
        return True
    return _flagged(joined, len(values), limit, _CONTROL, _UNUSUAL)


def _path_flagged(values: list[str]) -> bool:
    """As _text_flagged for image paths, which also must not be absolute, hold a colon or a
    backslash, go up with '..' (flagged wherever two dots meet), nor pass the byte limit."""
    joined = "\n".join(values)
    if ".." in joined or joined[:1] == "/" or "\n/" in joined:
        return True
    control = _CONTROL + _PATH_CHARS
    return _flagged(joined, len(values), IMAGE_PATH_MAX_BYTES, control, _UNUSUAL_IN_PATH)


def _flagged(joined: str, count: int, limit: int, control: bytes, unusual: re.Pattern[str]) -> bool:
    """The scans both kinds of column share, all over the one joined string (reading it
    whole is many times faster than visiting each of 100,000 values again): a line break
    within a value, a space at either end, a character in control (unusual: where the text
    is not all ASCII), more than limit bytes of UTF-8 (a character is one byte or more, so
    this flags every value of more than limit characters)."""
    if (
        joined.count("\n") != count - 1
        or joined[:1] == " "
        or joined[-1:] == " "
        or " \n" in joined
        or "\n " in joined
    ):
        return True
    if joined.isascii():
        # One pass maps each byte to its class: control (refused anywhere), line break, or
        # any other; a value of more than limit bytes is then a run of more than limit others.
        classes = joined.encode("ascii").translate(_CLASSES[control])
        return _CONTROL_MARK in classes or _RUN * (limit + 1) in classes
    if unusual.search(joined):
        return True
    return _RUN * (limit + 1) in joined.encode("utf-8").translate(_CLASSES[b""])


def _empty_line(joined: str) -> bool:
    return joined == "" or joined[0] == "\n" or joined[-1] == "\n" or "\n\n" in joined


def _may_break(value: str) -> bool:
    """Whether any of the three rules could refuse value (a quick test before the rule)."""
    return (
        not value
        or not value.isprintable()  # control characters, and spaces other than " "
        or value[:1] in (" ", "/")
        or value[-1:] == " "
        or len(value) > _SHORT_PATH
        or ".." in value
        or ":" in value
        or "\\" in value
    )


_EXACT: dict[int, Callable[[object], str]] = {
    NAME: stored_name,
    IMAGE: stored_image,
    SKU: stored_sku,
}


def _check_flagged(
    rows: Sequence[tuple[Any, ...]],
    columns: Sequence[str],
    column: int,
    values: list[str],
    configurator: str,
) -> None:
    """The flagged column's values through the rule itself; the first row holding one it
    refuses is named. Each distinct value that may break a rule is checked once."""
    rule = _EXACT[column]
    refused: set[str] = set()
    for value in filter(_may_break, dict.fromkeys(values)):
        try:
            rule(value)
        except RuleError:
            refused.add(value)
    if not refused:
        return  # only what the scans flag and the rules accept (`a..b.png`)
    row = next(row for row in rows if row[column] in refused)
    raise corrupt_layer(SimpleNamespace(**dict(zip(columns, row, strict=True))), configurator)


def _check_unique_names(
    rows: Sequence[tuple[Any, ...]], names: list[str], configurator: str
) -> None:
    """Options are addressed by path ("Group/Option"), so siblings need distinct names."""
    if len(set(names)) == len(names):
        return
    first: dict[tuple[Any, str], Any] = {}
    for row in rows:
        key = (row[PARENT], row[NAME])
        if key in first:
            why = f"layer {first[key]} beside it has the same name; siblings need distinct names"
            raise layer_error(row[ID], configurator, invalid("name", row[NAME], why))
        first[key] = row[ID]


def _check_unique_skus(rows: Sequence[tuple[Any, ...]], skus: list[str], configurator: str) -> None:
    """A SKU, where set, names one option of the configurator."""
    empty = skus.count("")
    if len(set(skus)) == len(skus) - empty + (1 if empty else 0):
        return
    first: dict[str, Any] = {}
    for row in rows:
        sku = row[SKU]
        if sku and sku in first:
            why = f"layer {first[sku]} has the same SKU"
            raise layer_error(row[ID], configurator, invalid("SKU", sku, why))
        first[sku] = row[ID]


__all__ = ["CorruptDataError", "check_rows"]
