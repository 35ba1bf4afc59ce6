"""The fast indented JSON writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import json_text

_scalars = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(_values)
def test_the_text_is_json_dumps_indent_2(value: Any) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_report_shape_with_text_that_looks_like_json() -> None:
    report = {
        "options": [{"path": 'A/{"x": [1]}', "low": False, "notice": "été\n"}] * 3,
        "selection": [],
        "cart": {"lines": [{"items": [{"label": "]", "backordered": 0}]}], "subtotal": "1.00"},
        "order": None,
        "stock_after": {"A/B": -2, "A/C": 5},
    }
    assert json_text.dumps(report) == json.dumps(report, indent=2, ensure_ascii=False)


_records = st.lists(
    st.dictionaries(st.text(max_size=5), _scalars, min_size=1, max_size=4), max_size=5
)


@settings(max_examples=300)
@given(st.dictionaries(st.text(max_size=3), _records, max_size=3))
def test_lists_of_flat_objects_are_written_the_same(value: Any) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


class _Kind(StrEnum):
    LOW = "low"


def test_records_holding_subclasses_of_scalars_are_written_the_same() -> None:
    """An enum member or a bool is a scalar to json, though not one of the exact types the
    quick check of a list of records looks for: such a list takes the slower way, same text."""
    report = {
        "options": [{"path": "A/B", "kind": _Kind.LOW, "low": True}] * 2,
        "counts": [1, True, _Kind.LOW, None, 2.5],
        "nested": [{"a": 1}, {"b": [1]}],
        "empty": [{}, {"a": 1}],
    }
    assert json_text.dumps(report) == json.dumps(report, indent=2, ensure_ascii=False)
