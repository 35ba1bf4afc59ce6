"""The serializer against PHP itself (php-cli): on generated values, `dumps` writes exactly what
PHP's serialize() writes, `loads` reads PHP's text as the same value, and whatever `loads`
accepts PHP's unserialize() reads as the same value too. Values go to PHP as PHP source
(tests.wordpress_site.php_literal), not through the code under test; many per php-cli run."""

from __future__ import annotations

import base64
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.store.wordpress.php_serialize import PhpSerializeError, dumps, loads
from tests.wordpress_site import php_literal, run_php

TEXT = st.text(
    st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from(['"', "'", "\\", ";", "}", "{", ":", "\r", "\n", "\x00", "✦", "😀"]),
    )
)
TRICKY = st.sampled_from(["]]>", 'a:1:{i:0;s:1:"x";}', "", " ", 's:3:"ab";', "N;", "\\'"])
KEYS = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-10, 10),
    TEXT.filter(lambda k: len(k) < 10),
    # Numeric strings, which PHP arrays store as int keys, and some that stay strings.
    st.sampled_from(["5", "-7", "0", "05", "-0", "1.5", " 1", "9223372036854775807"]),
    st.sampled_from(["9223372036854775808", "-9223372036854775808", "-9223372036854775809"]),
)
FLOATS = st.one_of(
    st.floats(),
    st.sampled_from([0.0, -0.0, 0.1, 1e25, 1e15, 1e16, 1e17, 1e-5, 1e-4, 5e-324, -1.5, 100.0]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-1000, 1000),
    FLOATS,
    TEXT,
    TRICKY,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)
NUMERIC_KEY = re.compile(r"(?:0|-?[1-9][0-9]*)\Z")
PHP_SETTINGS = settings(max_examples=30)


def php_canonical(value: object) -> object:
    """A value as PHP holds it: numeric string keys as ints (a later duplicate wins in place
    of the first, as in a PHP array literal), lists as int-keyed arrays, floats by repr so
    that -0.0 and NaN compare."""
    if isinstance(value, float):
        return ("float", repr(value) if not math.isnan(value) else "nan")
    if isinstance(value, list):
        value = dict(enumerate(value))
    if isinstance(value, dict):
        out: dict[object, object] = {}
        for key, item in value.items():
            if isinstance(key, str) and NUMERIC_KEY.match(key) and -(2**63) <= int(key) < 2**63:
                key = int(key)
            out[key] = php_canonical(item)
        return out
    return value


def php_lines(php: str, code: str) -> list[str]:
    return run_php(php, f"<?php\n{code}\n").splitlines()


@PHP_SETTINGS
@given(st.lists(VALUES, min_size=1, max_size=30))
def test_dumps_writes_what_php_serialize_writes(php_program: str, values: list[object]) -> None:
    # A dict holding both 5 and "5" is one key in PHP: built from PHP's view of the value.
    values = [php_canonical_for_dumps(v) for v in values]
    lines = php_lines(
        php_program,
        f'foreach ({php_literal(values)} as $v) {{ echo base64_encode(serialize($v)), "\\n"; }}',
    )
    php_texts = [base64.b64decode(line).decode("utf-8") for line in lines]
    assert [dumps(v) for v in values] == php_texts
    for value, text in zip(values, php_texts, strict=True):
        assert php_canonical(loads(text)) == php_canonical(value)


def php_canonical_for_dumps(value: object) -> object:
    """The value with keys PHP would merge merged (as PHP keeps it: first place, last value)."""
    if isinstance(value, list):
        return [php_canonical_for_dumps(v) for v in value]
    if isinstance(value, dict):
        out: dict[object, object] = {}
        for key, item in value.items():
            if isinstance(key, str) and NUMERIC_KEY.match(key) and -(2**63) <= int(key) < 2**63:
                key = int(key)
            out[key] = php_canonical_for_dumps(item)
        return out
    return value


MUTATIONS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.sampled_from(["delete", "insert", "digit"]),
        st.sampled_from(list('0123456789;:{}"aisdbNOrR-.E')),
    ),
    min_size=1,
    max_size=3,
)


def mutate(text: str, edits: list[tuple[int, str, str]]) -> str:
    for where, how, char in edits:
        at = where % (len(text) + 1)
        if how == "delete":
            text = text[:at] + text[at + 1 :]
        elif how == "insert":
            text = text[:at] + char + text[at:]
        else:
            digits = [m.start() for m in re.finditer(r"\d", text)]
            if digits:
                spot = digits[where % len(digits)]
                text = text[:spot] + str((int(text[spot]) + 1) % 10) + text[spot + 1 :]
    return text


@PHP_SETTINGS
@given(st.lists(st.tuples(VALUES, MUTATIONS), min_size=1, max_size=30))
def test_whatever_loads_accepts_php_reads_as_the_same_value(
    php_program: str, cases: list[tuple[object, list[tuple[int, str, str]]]]
) -> None:
    texts = [mutate(dumps(php_canonical_for_dumps(v)), edits) for v, edits in cases]
    lines = php_lines(
        php_program,
        f"foreach ({php_literal(texts)} as $t) {{ $v = @unserialize($t);"
        " echo ($v === false && $t !== 'b:0;') ? '!' : base64_encode(serialize($v)), \"\\n\"; }",
    )
    for text, line in zip(texts, lines, strict=True):
        try:
            ours = loads(text)
        except PhpSerializeError:
            continue  # refused: stricter than PHP is allowed (objects, trailing data, ...)
        assert line != "!", f"PHP refuses {text!r}, which loads accepted"
        assert dumps(ours) == base64.b64decode(line).decode("utf-8")
