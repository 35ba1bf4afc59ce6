"""The fast indented JSON writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import io
import json
from collections import OrderedDict
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.application import json_text

# No floats: a report holds none, and orjson writes their exponents unpadded (see json_text).
# Integers of any size and text of any kind (lone surrogates too) are in.
_scalars = st.none() | st.booleans() | st.integers() | st.text()
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
        "counts": [1, True, _Kind.LOW, None, 2**70],
        "nested": [{"a": 1}, {"b": [1]}],
        "empty": [{}, {"a": 1}],
    }
    assert json_text.dumps(report) == json.dumps(report, indent=2, ensure_ascii=False)


@pytest.mark.parametrize(
    "value",
    [
        {1: "a key that is not text"},
        [2**64, -(2**63) - 1],
        {"name": "lone \ud800 surrogate"},
        {"kind": _Kind.LOW, "nested": OrderedDict(a=[])},
    ],
)
def test_what_orjson_refuses_is_written_by_the_standard_library(value: Any) -> None:
    assert json_text.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    out = io.StringIO()
    json_text.write_line(value, out)
    assert out.getvalue() == json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def test_a_line_goes_to_the_bytes_under_a_utf8_stream_after_its_pending_text() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    stream.write("before\n")  # still in the text layer's buffer
    report = {"options": [{"path": "Grip/Été", "low": False}], "stock_after": {"Grip/Été": -2}}
    json_text.write_line(report, stream)
    stream.flush()
    expected = "before\n" + json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    assert raw.getvalue() == expected.encode("utf-8")


def test_a_stream_of_another_encoding_gets_text() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-16")
    json_text.write_line({"a": "é"}, stream)
    stream.flush()
    assert raw.getvalue().decode("utf-16") == '{\n  "a": "é"\n}\n'


def test_without_orjson_the_standard_library_writes_the_same_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An environment installed before orjson was a dependency still runs the CLI."""
    report = {"options": [{"path": "A/B", "low": False}], "stock_after": {"A/B": 3}, "n": None}
    fast = json_text.dumps(report)
    monkeypatch.setattr(json_text, "_compiled", None)
    assert json_text.dumps(report) == fast == json.dumps(report, indent=2, ensure_ascii=False)
    out = io.StringIO()
    json_text.write_line(report, out)
    assert out.getvalue() == fast + "\n"
