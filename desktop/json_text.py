"""JSON as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, at the C encoder's speed.

With `indent`, the standard library falls back to its pure-Python encoder, which took longer
than everything else in a storefront report of 100,000 options. The indented layout is a
contract (scripts and golden files compare it), so this writes the very same text: each
container whose items are all scalars goes through the C encoder in one call, with the line
break and indentation as its item separator.
"""

from __future__ import annotations

import json
from itertools import chain
from typing import Any

INDENT = 2
_SCALARS = (str, int, float, bool, type(None))
# The exact types of _SCALARS: a set of them is checked at C speed (a subclass such as an enum
# member is checked one by one instead).
_SCALAR_TYPES = frozenset(_SCALARS)
_STR_ONLY = frozenset({str})


def dumps(value: Any) -> str:
    """The same text as json.dumps(value, indent=2, ensure_ascii=False)."""
    return _dump(value, 0)


def _flat(items: Any) -> bool:
    return set(map(type, items)) <= _SCALAR_TYPES or all(
        isinstance(item, _SCALARS) for item in items
    )


def _dump(value: Any, level: int) -> str:
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = " " * (INDENT * (level + 1))
        if _flat_dict(value):
            return _wrapped(value, inner, level)
        parts = [f"{inner}{_scalar(_key(k))}: {_dump(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + " " * (INDENT * level) + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = " " * (INDENT * (level + 1))
        if _flat(value):
            return _wrapped(value, inner, level)
        if _flat_records(value):
            return _records(value, level)
        parts = [inner + _dump(item, level + 1) for item in value]
        return "[\n" + ",\n".join(parts) + "\n" + " " * (INDENT * level) + "]"
    return _scalar(value)


def _flat_dict(value: dict[Any, Any]) -> bool:
    return all(isinstance(k, str) for k in value) and _flat(value.values())


def _flat_records(value: list[Any] | tuple[Any, ...]) -> bool:
    """Whether value is a list of non-empty flat objects (a report's 100,000 options: the
    types of all their keys and values are gathered without a Python step per item)."""
    if set(map(type, value)) == {dict} and all(value):
        keys = set(map(type, chain.from_iterable(value)))
        values = set(map(type, chain.from_iterable(map(dict.values, value))))
        if keys <= _STR_ONLY and values <= _SCALAR_TYPES:
            return True
    return all(isinstance(item, dict) and item and _flat_dict(item) for item in value)


# JSON escapes every control character inside strings, so a raw NUL in the encoder's output can
# only be a separator we asked for.
_MARK = "\x00"


def _records(value: Any, level: int) -> str:
    """A list of flat, non-empty objects (a report's options) in one C-encoder call: each NUL
    the encoder writes between items is turned into the line break and indent of its level."""
    text = json.dumps(value, ensure_ascii=False, separators=(_MARK, ": "))
    outer = " " * (INDENT * (level + 1))
    inner = " " * (INDENT * (level + 2))
    between_keys = ",\n" + inner
    # Between two objects the encoder wrote "}", NUL, "{" (inside one, a NUL alone): two
    # replacements over the whole text, not a step per object.
    between_objects = f"\n{outer}}},\n{outer}{{\n{inner}"
    body = text[2:-2].replace("}" + _MARK + "{", between_objects).replace(_MARK, between_keys)
    return f"[\n{outer}{{\n{inner}{body}\n{outer}}}\n{' ' * (INDENT * level)}]"


def _wrapped(value: Any, inner: str, level: int) -> str:
    """A flat container in one C-encoder call: its separators carry the line breaks."""
    text = json.dumps(value, ensure_ascii=False, separators=(",\n" + inner, ": "))
    return text[0] + "\n" + inner + text[1:-1] + "\n" + " " * (INDENT * level) + text[-1]


def _key(key: Any) -> str:
    # json converts keys as its encoder does: booleans and None to their JSON words.
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    return json.dumps(key)


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
