"""PHP serialize text without PHP: refusals with their exact lines, PHP's own outputs (taken
from php-cli 8.2 and WordPress 6.1's export), numeric keys, floats, and Python round trips.
The comparison with a running PHP is in test_php_serialize_php.py."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.store.wordpress.php_serialize import (
    MAX_DEPTH,
    PhpSerializeError,
    dumps,
    is_serialized,
    loads,
)

# What PHP 8.2's serialize() printed for each float (serialize_precision = -1).
PHP_FLOATS = [
    (0.1, "d:0.1;"),
    (1e25, "d:1.0E+25;"),
    (1.0, "d:1;"),
    (-0.0, "d:-0;"),
    (math.inf, "d:INF;"),
    (-math.inf, "d:-INF;"),
    (1e15, "d:1000000000000000;"),
    (1e16, "d:10000000000000000;"),
    (1e17, "d:1.0E+17;"),
    (0.0001, "d:0.0001;"),
    (0.00001, "d:1.0E-5;"),
    (123456789012345678.0, "d:1.2345678901234568E+17;"),
    (1.5e-7, "d:1.5E-7;"),
    (5e-324, "d:5.0E-324;"),
    (1.7976931348623157e308, "d:1.7976931348623157E+308;"),
    (-1.5, "d:-1.5;"),
    (100.0, "d:100;"),
    (0.30000000000000004, "d:0.30000000000000004;"),
]


@pytest.mark.parametrize(("value", "text"), PHP_FLOATS)
def test_floats_are_written_as_php_writes_them(value: float, text: str) -> None:
    assert dumps(value) == text
    back = loads(text)
    assert back == value and math.copysign(1, back) == math.copysign(1, value)


def test_nan_round_trips() -> None:
    assert dumps(math.nan) == "d:NAN;"
    nan = loads("d:NAN;")
    assert isinstance(nan, float) and math.isnan(nan)


def test_a_layer_tree_as_wordpress_stores_it() -> None:
    text = (
        'a:1:{i:0;a:5:{s:4:"name";s:8:"Side ✦";s:3:"uid";s:9:"C0l0-ur01";s:4:"type";'
        's:5:"group";s:8:"settings";a:2:{s:8:"required";b:1;s:5:"price";N;}s:8:"children";'
        "a:0:{}}}"
    )
    value = loads(text)
    assert value == {
        0: {
            "name": "Side ✦",
            "uid": "C0l0-ur01",
            "type": "group",
            "settings": {"required": True, "price": None},
            "children": {},
        }
    }
    assert dumps(value) == text


def test_accepts_what_php_unserialize_accepts() -> None:
    assert loads("i:+5;") == 5
    assert loads("i:-0;") == 0
    assert loads("i:00012;") == 12
    assert loads('s:01:"a";') == "a"
    assert loads("d:1.;") == 1.0
    assert loads("d:.5;") == 0.5
    assert loads("d:1e5;") == 100000.0
    assert loads("d:1E+25;") == 1e25
    assert loads("i:-9223372036854775808;") == -(2**63)


def test_numeric_string_keys_become_ints_as_in_php() -> None:
    value = loads('a:4:{s:1:"5";i:1;s:2:"05";i:2;s:2:"-0";i:3;s:2:"-7";i:4;}')
    assert list(value) == [5, "05", "-0", -7]  # type: ignore[arg-type]
    big = loads('a:2:{s:19:"9223372036854775807";i:1;s:20:"99999999999999999999";i:2;}')
    assert list(big) == [2**63 - 1, "99999999999999999999"]  # type: ignore[arg-type]


def test_a_duplicate_key_keeps_its_place_and_takes_the_last_value_as_php_does() -> None:
    assert loads("a:3:{i:0;i:1;i:1;i:2;i:0;i:3;}") == {0: 3, 1: 2}


def test_dumps_writes_numeric_string_keys_as_ints_and_lists_as_arrays() -> None:
    assert dumps({"5": "a", "x": ["b"]}) == 'a:2:{i:5;s:1:"a";s:1:"x";a:1:{i:0;s:1:"b";}}'
    with pytest.raises(PhpSerializeError, match=r"^the array key 5 appears twice$"):
        dumps({5: 1, "5": 2})


def test_string_lengths_are_utf8_bytes() -> None:
    assert dumps("✦") == 's:3:"✦";'
    assert dumps('q"\\]]>') == 's:6:"q"\\]]>";'
    assert loads('s:6:"q"\\]]>";') == 'q"\\]]>'
    assert loads('s:0:"";') == ""


REFUSED = [
    ('O:8:"stdClass":0:{}', "a PHP object (O:) at byte 0 is not allowed"),
    ('a:1:{i:0;C:3:"Foo":0:{}}', "a PHP object (C:) at byte 9 is not allowed"),
    ('E:7:"Foo:Bar";', "a PHP enum (E:) at byte 0 is not allowed"),
    ("a:2:{i:0;i:1;i:1;r:2;}", "a PHP reference (r:) at byte 17 is not allowed"),
    ("a:2:{i:0;i:1;i:1;R:2;}", "a PHP reference (R:) at byte 17 is not allowed"),
    ('S:1:"\\61";', "an escaped string (S:) at byte 0 is not allowed"),
    ('s:3:"ab";', "the string at byte 0 does not hold the 3 bytes its length says"),
    ('s:1:"é";', "the string at byte 0 does not hold the 1 bytes its length says"),
    ("a:2:{i:0;i:1;}", "the array at byte 0 ends at byte 13 before its 2 elements"),
    ("a:1:{i:0;i:1;i:1;i:2;}", "the array at byte 0 holds more than its 1 elements (byte 13)"),
    ("a:0:{i:0;i:1;}", "the array at byte 0 holds more than its 0 elements (byte 5)"),
    ("i:1;x", "trailing data at byte 4"),
    ("a:0:{};", "trailing data at byte 6"),
    ("a:1:{i:0;", "truncated at byte 9"),
    ("", "empty text"),
    ("a:1:{d:1;i:1;}", "an array key at byte 5 is not an int or a string"),
    ("a:1:{N;i:1;}", "an array key at byte 5 is not an int or a string"),
    ("i:99999999999999999999;", "the integer at byte 0 is outside PHP's 64-bit range"),
    ("b:2;", "malformed boolean at byte 0"),
    ("d:0x1A;", "malformed float at byte 0"),
    ("d:-NAN;", "malformed float at byte 0"),
    ("i:1.5;", "malformed integer at byte 0"),
    ("N", "malformed null at byte 0"),
    ("a:x:{}", "malformed array at byte 0"),
    ('s:1"a";', "malformed string at byte 0"),
    ("x:1;", "unexpected 'x' at byte 0"),
    ("\ud800", "a lone surrogate at character 0"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_refusals_say_what_and_where_in_one_line(text: str, message: str) -> None:
    with pytest.raises(PhpSerializeError) as caught:
        loads(text)
    assert str(caught.value) == message


def test_deep_nesting_is_refused_cleanly_not_with_recursion_error() -> None:
    hostile = "a:1:{i:0;" * 100_000 + "N;" + "}" * 100_000
    with pytest.raises(PhpSerializeError) as caught:
        loads(hostile)
    assert str(caught.value) == f"arrays nested deeper than {MAX_DEPTH} at byte {9 * MAX_DEPTH}"
    deepest = "a:1:{i:0;" * MAX_DEPTH + "N;" + "}" * MAX_DEPTH
    assert dumps(loads(deepest)) == deepest
    value: object = None
    for _ in range(MAX_DEPTH + 1):
        value = [value]
    with pytest.raises(PhpSerializeError, match=f"^arrays nested deeper than {MAX_DEPTH}$"):
        dumps(value)


def test_dumps_refuses_what_php_arrays_cannot_hold() -> None:
    with pytest.raises(PhpSerializeError, match=r"^a tuple has no PHP serialized form$"):
        dumps((1, 2))
    with pytest.raises(PhpSerializeError, match=r"^an array key 1.5 is not an int or a string$"):
        dumps({1.5: 1})
    with pytest.raises(PhpSerializeError, match=r"^the integer 9223372036854775808 is outside"):
        dumps(2**63)
    with pytest.raises(PhpSerializeError, match=r"^a string holds a lone surrogate"):
        dumps("\ud800")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("N;", True),
        ("  a:0:{}\n", True),
        ('s:1:"a";', True),
        ("i:5;", True),
        ("d:1.0E+25;", True),
        ("b:1;", True),
        ('O:8:"stdClass":0:{}', True),
        ('E:7:"Foo:Bar";', True),
        ("s:1:a;", False),
        ("i:5", False),
        ("i:5;x", False),
        ("a:x:{}", False),
        ("49", False),
        ("", False),
        ("x:1;", False),
        ("i:;", False),
        ("d:INF;", False),
        ("d:-INF;", False),
        ("d:NAN;", False),
    ],
)
def test_is_serialized_is_wordpress_test(text: str, expected: bool) -> None:
    assert is_serialized(text) is expected


TEXT = st.text(st.characters(exclude_categories=["Cs"]))
# A numeric string key is the same PHP key as the int: dumps refuses a dict holding both.
KEYS = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=8).filter(
        lambda key: re.fullmatch(r"0|-?[1-9][0-9]*", key) is None
    ),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    TEXT,
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.dictionaries(KEYS, inner, max_size=5), max_leaves=20
)


@given(VALUES)
def test_loads_reads_back_what_dumps_wrote(value: object) -> None:
    text = dumps(value)
    # WordPress's test does not know d:INF; and d:NAN; (its pattern is [0-9.E+-]+).
    assert is_serialized(text) or text in ("d:INF;", "d:-INF;", "d:NAN;")
    back = loads(text)
    assert dumps(back) == text
