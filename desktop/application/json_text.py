"""JSON as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, at a compiled encoder's
speed.

With `indent`, the standard library falls back to its pure-Python encoder: in a storefront run
of a 100,000-option configurator it took a quarter of the whole process. The indented layout is
a contract (scripts and golden files compare it), and orjson's OPT_INDENT_2 writes the very
same text, byte for byte, for what a report holds: text, whole numbers, booleans, null, lists
and objects with text keys. What orjson writes differently or refuses (keys that are not text,
integers beyond 64 bits, subclasses of the scalar types, text that is not valid UTF-8) is
written by the standard library instead.

Floats are outside what this is for: orjson writes an exponent without json's padding (`1e-7`,
not `1e-07`). A report holds none: money is text and quantities are whole numbers.

An environment installed before orjson became a dependency (`pip install -e .` not run again)
still writes the same text, through the standard library, at its speed.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import IO, Any

_compiled: Callable[[Any], bytes] | None
try:
    import orjson
except ImportError:
    _compiled = None
else:
    # Subclasses (a StrEnum member, an OrderedDict) go to the standard library, which writes
    # them as it always has.
    _OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_SUBCLASS

    def _compiled(value: Any) -> bytes:
        return orjson.dumps(value, option=_OPTIONS)


def dumps(value: Any) -> str:
    """The same text as json.dumps(value, indent=2, ensure_ascii=False)."""
    data = _encoded(value)
    return _standard(value) if data is None else data.decode("utf-8")


def write_line(value: Any, stream: IO[str]) -> None:
    """dumps(value) and a line break, written to stream: as UTF-8 bytes straight to its buffer
    where it has one that takes UTF-8 (16 MB at 100,000 options: no decoding and encoding
    again), else as text."""
    data = _encoded(value)
    if data is None:
        stream.write(_standard(value) + "\n")
        return
    if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower() in {"utf-8", "utf8"}:
        stream.flush()  # what was written as text comes first
        stream.buffer.write(data)
        stream.buffer.write(b"\n")
    else:
        stream.write(data.decode("utf-8") + "\n")


def _encoded(value: Any) -> bytes | None:
    """The UTF-8 text orjson writes; None where the standard library must write it."""
    if _compiled is None:
        return None
    try:
        return _compiled(value)
    except TypeError:  # orjson.JSONEncodeError: a value it does not write as json would
        return None


def _standard(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
