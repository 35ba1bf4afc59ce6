"""The layer tree's meta text, `_wpc_components`, in both forms the plugin has stored it: PHP
`serialize()` text, and in some versions a JSON string (docs/wordpress.md). Each is read into
PHP values and written back in the form it was read."""

from __future__ import annotations

import json
import re
from typing import Any

from ...domain.php_value import PhpArray, PhpValue
from ...domain.wordpress import ComponentsForm
from .php_serialize import PhpSerializeError, dumps, is_serialized, loads

_PHP_INT = re.compile(r"-?[1-9][0-9]*|0")
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


class ComponentsError(ValueError):
    """A `_wpc_components` text that is neither form."""


def read_components(text: str) -> tuple[PhpValue, ComponentsForm]:
    """The tree's PHP value and the form its text is in; "" is an empty tree."""
    if not text.strip():
        return {}, "serialized"
    if is_serialized(text):
        try:
            return loads(text), "serialized"
        except PhpSerializeError as exc:
            raise ComponentsError(f"does not unserialize: {exc}") from None
    if text.lstrip()[:1] in ("[", "{"):
        try:
            data = json.loads(text, object_pairs_hook=_php_object, parse_int=_php_int)
        except (ValueError, RecursionError) as exc:
            raise ComponentsError(f"is neither PHP-serialized nor valid JSON: {exc}") from None
        return _php_lists(data), "json"
    raise ComponentsError("is neither PHP-serialized nor JSON")


def write_components(tree: PhpArray, form: ComponentsForm, original: str = "") -> str:
    """The meta text of tree in form. original: the JSON text read, kept when tree is the very
    tree it holds (a JSON writer's spacing and escapes are its own)."""
    if form == "serialized":
        return dumps(tree)
    if original:
        with_original = read_components(original)[0]
        if isinstance(with_original, dict) and dumps(with_original) == dumps(tree):
            return original
    return json.dumps(_json_value(tree), ensure_ascii=False, separators=(",", ":"))


# --- JSON as PHP's json_decode($text, true) reads it --------------------------------------------
def _php_key(key: str) -> int | str:
    # A PHP array turns a key that is a canonical decimal integer into that integer.
    if _PHP_INT.fullmatch(key):
        number = int(key)
        if _INT_MIN <= number <= _INT_MAX:
            return number
    return key


def _php_object(pairs: list[tuple[str, Any]]) -> PhpArray:
    array: PhpArray = {}
    for key, value in pairs:
        array[_php_key(key)] = value  # a repeated key: the last one wins, as in PHP
    return array


def _php_int(text: str) -> int | float:
    number = int(text)
    return number if _INT_MIN <= number <= _INT_MAX else float(number)


def _php_lists(value: Any) -> PhpValue:
    if isinstance(value, list):
        return {i: _php_lists(item) for i, item in enumerate(value)}
    if isinstance(value, dict):
        return {key: _php_lists(item) for key, item in value.items()}
    return value


def _json_value(value: PhpValue) -> Any:
    if isinstance(value, dict):
        if list(value) == list(range(len(value))):
            return [_json_value(item) for item in value.values()]
        return {str(key): _json_value(item) for key, item in value.items()}
    return value
