"""PHP's `serialize()` text, as WordPress stores arrays in post meta (docs/wordpress-format.md).

`loads` is a strict `unserialize`: it accepts exactly the values WordPress writes (null, bool,
int, float, string, array) and refuses objects, enums, references, wrong byte or element counts
and trailing data with a one-line `PhpSerializeError` naming the byte offset. `dumps` writes
byte for byte what PHP 7.1+ (serialize_precision = -1) writes for the same value.
`is_serialized` is WordPress core's own test, which decides whether the importer unserializes
a meta value at all.

Offsets and string lengths are counted in UTF-8 bytes, as PHP counts them. The parser walks
the UTF-8 bytes with an explicit stack, one compiled regular expression per token, so a
several-megabyte layer tree parses in a fraction of a second and a hostile file nested
100,000 deep is refused rather than exhausting Python's recursion.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from decimal import Decimal

from desktop.domain.php_value import PhpValue

__all__ = ["MAX_DEPTH", "PhpSerializeError", "dumps", "is_serialized", "loads"]

# PHP itself stops at 4096 levels (unserialize_max_depth). Nothing WordPress or WP Configurator
# stores comes near 128 (a layer tree uses two levels per layer level), and a lower bound keeps
# every recursive consumer (JSON encoders, the mapping) far from Python's recursion limit.
MAX_DEPTH = 128

_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1

_STRING = re.compile(rb's:(\d+):"')
_INT = re.compile(rb"i:([+-]?\d+);")
_ARRAY = re.compile(rb"a:(\d+):\{")
_FLOAT = re.compile(rb"d:([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|NAN|-?INF);")
_BOOL = re.compile(rb"b:([01]);")
# PHP turns a string key that is a canonical decimal integer into an int key.
_NUMERIC_KEY = re.compile(r"(?:0|-?[1-9][0-9]*)\Z")

_S, _I, _A, _D, _B, _N, _CLOSE = b"siadbN}"
_REFUSED = {
    ord("O"): "a PHP object (O:)",
    ord("C"): "a PHP object (C:)",
    ord("E"): "a PHP enum (E:)",
    ord("r"): "a PHP reference (r:)",
    ord("R"): "a PHP reference (R:)",
    ord("S"): "an escaped string (S:)",
}
_KEY_START = frozenset("-0123456789")


class PhpSerializeError(ValueError):
    """PHP serialized text that WordPress would not read back as the same value (one line)."""


def loads(text: str) -> PhpValue:
    """Unserialize `text` as PHP does, refusing anything WordPress does not store.

    Raises PhpSerializeError saying what is wrong and at which byte offset.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PhpSerializeError(f"a lone surrogate at character {exc.start}") from None
    if not data:
        raise PhpSerializeError("empty text")
    try:
        return _parse(data)
    except _Truncated:
        raise PhpSerializeError(f"truncated at byte {len(data)}") from None


class _Truncated(Exception):
    """The text ended inside a value."""


def _parse(data: bytes) -> PhpValue:
    # One loop over the tokens with the array being filled in locals and its parents on a
    # stack (parent array, elements it still lacks, its pending key, offset, count): no call
    # per value, no recursion, so speed is a regex match per token and depth costs nothing.
    end = len(data)
    match_string, match_int, match_array = _STRING.match, _INT.match, _ARRAY.match
    s_, i_, a_, b_, n_, d_ = _S, _I, _A, _B, _N, _D
    stack: list[tuple[dict | None, int, object, int, int]] = []
    array: dict | None = None
    remaining = count = offset = 0
    key: object = None
    # A slice that ends just before `";` and starts just after `:"` of whole UTF-8 text never
    # cuts a character (continuation bytes are never quotes), so decoding it cannot fail.
    pos = 0
    while True:
        if pos >= end:
            raise _Truncated
        if array is not None:
            head = data[pos]
            if head == s_:
                match = match_string(data, pos)
                if match is None:
                    raise PhpSerializeError(f"malformed string at byte {pos}")
                first = match.end()
                last = first + int(match.group(1))
                if data[last : last + 2] != b'";':
                    raise _bad_length(data, pos, match)
                key = data[first:last].decode()
                if key[:1] in _KEY_START and _is_numeric_key(key):
                    key = int(key)
                pos = last + 2
            elif head == i_:
                match = match_int(data, pos)
                if match is None:
                    raise PhpSerializeError(f"malformed integer at byte {pos}")
                key = _int(match.group(1), pos)
                pos = match.end()
            elif head == _CLOSE:
                raise PhpSerializeError(
                    f"the array at byte {offset} ends at byte {pos} before its {count} elements"
                )
            else:
                raise PhpSerializeError(f"an array key at byte {pos} is not an int or a string")
            if pos >= end:
                raise _Truncated
        head = data[pos]
        if head == s_:
            match = match_string(data, pos)
            if match is None:
                raise PhpSerializeError(f"malformed string at byte {pos}")
            first = match.end()
            last = first + int(match.group(1))
            if data[last : last + 2] != b'";':
                raise _bad_length(data, pos, match)
            value: PhpValue = data[first:last].decode()
            pos = last + 2
        elif head == a_:
            match = match_array(data, pos)
            if match is None:
                raise PhpSerializeError(f"malformed array at byte {pos}")
            if len(stack) >= MAX_DEPTH:
                raise PhpSerializeError(f"arrays nested deeper than {MAX_DEPTH} at byte {pos}")
            size = int(match.group(1))
            if size:
                stack.append((array, remaining, key, offset, count))
                array, remaining, offset, count = {}, size, pos, size
                pos = match.end()
                continue
            pos = match.end()
            if data[pos : pos + 1] != b"}":
                raise PhpSerializeError(
                    f"the array at byte {match.start()} holds more than its 0 elements (byte {pos})"
                )
            pos += 1
            value = {}
        elif head == i_:
            match = match_int(data, pos)
            if match is None:
                raise PhpSerializeError(f"malformed integer at byte {pos}")
            value = _int(match.group(1), pos)
            pos = match.end()
        elif head == b_:
            match = _BOOL.match(data, pos)
            if match is None:
                raise PhpSerializeError(f"malformed boolean at byte {pos}")
            value = match.group(1) == b"1"
            pos = match.end()
        elif head == n_:
            if data[pos : pos + 2] != b"N;":
                raise PhpSerializeError(f"malformed null at byte {pos}")
            value = None
            pos += 2
        elif head == d_:
            match = _FLOAT.match(data, pos)
            if match is None:
                raise PhpSerializeError(f"malformed float at byte {pos}")
            value = float(match.group(1).replace(b"NAN", b"nan").replace(b"INF", b"inf"))
            pos = match.end()
        elif head in _REFUSED:
            raise PhpSerializeError(f"{_REFUSED[head]} at byte {pos} is not allowed")
        else:
            raise PhpSerializeError(f"unexpected {chr(head)!r} at byte {pos}")
        # A whole value: store it in its array, and close every array it completes.
        while True:
            if array is None:
                if pos != end:
                    raise PhpSerializeError(f"trailing data at byte {pos}")
                return value
            array[key] = value
            remaining -= 1
            if remaining:
                break
            if data[pos : pos + 1] != b"}":
                if pos >= end:
                    raise _Truncated
                raise PhpSerializeError(
                    f"the array at byte {offset} holds more than its {count} elements (byte {pos})"
                )
            pos += 1
            value = array
            array, remaining, key, offset, count = stack.pop()


def _bad_length(data: bytes, pos: int, match: re.Match[bytes]) -> PhpSerializeError:
    del data
    return PhpSerializeError(
        f"the string at byte {pos} does not hold the {match.group(1).decode()} bytes "
        "its length says"
    )


def _int(digits: bytes, pos: int) -> int:
    value = int(digits)
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise PhpSerializeError(f"the integer at byte {pos} is outside PHP's 64-bit range")
    return value


def _is_numeric_key(key: str) -> bool:
    return _NUMERIC_KEY.match(key) is not None and _INT64_MIN <= int(key) <= _INT64_MAX


def dumps(value: object) -> str:
    """What PHP's `serialize()` writes for `value` (a list is an array keyed 0..n-1).

    A string key that PHP would store as an int (`"5"`) is written as that int, as PHP does.
    Raises PhpSerializeError for a value PHP arrays cannot hold: any value is checked here,
    so the type says no more than object.
    """
    parts: list[str] = []
    _dump(value, parts, 0)
    return "".join(parts)


def _dump(value: object, parts: list[str], depth: int) -> None:
    # Exact types (type() is, not isinstance): a str or int subclass (an enum member) has no
    # PHP form of its own, and bool is tested before int.
    if type(value) is str:
        parts.append(f's:{_utf8_size(value)}:"{value}";')
    elif type(value) is dict:
        _dump_array(value, value.items(), parts, depth)
    elif type(value) is list:
        _dump_array(value, enumerate(value), parts, depth)
    elif type(value) is bool:
        parts.append("b:1;" if value else "b:0;")
    elif type(value) is int:
        parts.append(f"i:{_checked_int(value)};")
    elif value is None:
        parts.append("N;")
    elif type(value) is float:
        parts.append(f"d:{php_float(value)};")
    else:
        raise PhpSerializeError(f"a {type(value).__name__} has no PHP serialized form")


def _dump_array(
    array: Collection[object],
    items: Iterable[tuple[object, object]],
    parts: list[str],
    depth: int,
) -> None:
    if depth >= MAX_DEPTH:
        raise PhpSerializeError(f"arrays nested deeper than {MAX_DEPTH}")
    parts.append(f"a:{len(array)}:{{")
    for key, item in items:
        if type(key) is str and _is_numeric_key(key):
            key = int(key)
            if key in array:
                raise PhpSerializeError(f"the array key {key} appears twice")
        if type(key) is int:
            parts.append(f"i:{_checked_int(key)};")
        elif type(key) is str:
            parts.append(f's:{_utf8_size(key)}:"{key}";')
        else:
            raise PhpSerializeError(f"an array key {key!r} is not an int or a string")
        _dump(item, parts, depth + 1)
    parts.append("}")


def _utf8_size(text: str) -> int:
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise PhpSerializeError(
            "a string holds a lone surrogate, which UTF-8 cannot carry"
        ) from None


def _checked_int(value: int) -> int:
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise PhpSerializeError(f"the integer {value} is outside PHP's 64-bit range")
    return value


def php_float(value: float) -> str:
    """A float as PHP writes it with serialize_precision = -1 (zend's php_gcvt, mode 0).

    The digits are the shortest that read back as the same float (Python's repr finds the same
    ones); PHP switches to `1.0E+25` form when the decimal point lies more than 17 digits right
    or more than 4 places left of the first digit, and writes `-0`, `INF`, `-INF`, `NAN`.
    """
    if math.isnan(value):
        return "NAN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return f"{sign}0"
    mantissa = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, mantissa.digits)).rstrip("0")
    stripped = len(mantissa.digits) - len(digits)
    # Only NaN and the infinities, returned above, have a letter for an exponent.
    assert isinstance(mantissa.exponent, int)
    point = len(digits) + mantissa.exponent + stripped
    if point < -3 or point > 17:
        exponent = point - 1
        fraction = digits[1:] or "0"
        return f"{sign}{digits[0]}.{fraction}E{'-' if exponent < 0 else '+'}{abs(exponent)}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return f"{sign}{digits}{'0' * (point - len(digits))}"
    return f"{sign}{digits[:point]}.{digits[point:]}"


_IS_ARRAY_LIKE = re.compile(rb"[saOE]:[0-9]+:", re.DOTALL)
_IS_SCALAR = re.compile(rb"[bid]:[0-9.E+-]+;\Z")
_PHP_TRIM = b" \t\n\r\0\x0b"


def is_serialized(text: str) -> bool:
    """WordPress's `is_serialized($data)` (strict), on the UTF-8 bytes as PHP sees them."""
    data = text.encode("utf-8", "surrogatepass").strip(_PHP_TRIM)
    if data == b"N;":
        return True
    if len(data) < 4 or data[1:2] != b":" or data[-1:] not in (b";", b"}"):
        return False
    token = data[:1]
    if token == b"s" and data[-2:-1] != b'"':
        return False
    if token in (b"s", b"a", b"O", b"E"):
        return _IS_ARRAY_LIKE.match(data) is not None
    if token in (b"b", b"i", b"d"):
        return _IS_SCALAR.match(data) is not None
    return False
