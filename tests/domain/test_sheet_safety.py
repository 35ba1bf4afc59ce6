"""Stock sheets that a spreadsheet cannot run, numbers read by one strict rule, refusals told
in a bounded number of lines, and option paths that read back as the option they were
written for (docs/stock-sheets.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import rules
from desktop.domain.fields import LayerField
from desktop.domain.model import Configurator, Layer
from desktop.domain.sheet_cells import escape, shown_problems, unescape
from desktop.domain.stock_sheet import SheetError, read_sheet, write_sheet
from tests.builders import configurator, grips, group, option

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "'=already quoted",
]


def cells(text: str) -> list[list[str]]:
    """The sheet as a spreadsheet's CSV reader sees it."""
    return list(csv.reader(io.StringIO(text, newline="")))


# --- formulas ---------------------------------------------------------------------------------
def hostile() -> Configurator:
    return configurator(
        group(
            "=Group",
            *(option(f"{text} name", sku=text, manage=True, qty=-3) for text in FORMULAS),
            option("@plain", manage=True, qty=2),
        ),
    )


def test_text_cells_that_a_spreadsheet_would_run_start_with_a_quote() -> None:
    rows = cells(write_sheet(hostile()))[1:]
    for sku, name, _manage, stock, *_ in rows:
        assert name.startswith("'=Group/"), name
        assert sku == "" or sku.startswith("'"), sku
        assert stock in ("-3", "2")  # numbers stay numbers, a negative one too
    skus = [row[0] for row in rows]
    assert skus[:5] == [
        '\'=HYPERLINK("http://x","y")',
        "'+cmd|' /C calc'!A0",
        "'-2+3",
        "'@SUM(A1:A2)",
        "''=already quoted",  # a SKU that begins with '= keeps its own quote
    ]


def test_an_escaped_sheet_imports_unchanged_and_matches_every_row() -> None:
    cfg = hostile()
    plan = read_sheet(write_sheet(cfg), cfg)
    assert (plan.changes, plan.unchanged, plan.not_found) == ((), 6, ())
    # Matched by SKU and, without one, by the (escaped) Name: each row to its own option.
    text = write_sheet(cfg).replace(",1,-3,", ",1,7,").replace(",1,2,", ",1,8,")
    changed = {c.layer.name: c.new for c in read_sheet(text, cfg).changes}
    assert changed == {**{f"{t} name": 7 for t in FORMULAS}, "@plain": 8}


def test_a_woocommerce_escaped_cell_is_read_as_its_text() -> None:
    cfg = configurator(group("G", option("A", sku="=X", manage=True, qty=1)))
    (change,) = read_sheet("SKU,Stock\n'=X,'-4\n", cfg).changes
    assert (change.layer.name, change.new) == ("A", -4)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A", "'@A"),
        ("\tA", "'\tA"),
        ("\rA", "'\rA"),
        ("'=A", "''=A"),
        ("'A", "'A"),
        ("A=B", "A=B"),
        ("", ""),
    ],
)
def test_escape_and_unescape_are_inverse(text: str, escaped: str) -> None:
    assert escape(text) == escaped
    assert unescape(escaped) == text


# --- numbers ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "number"),
    [("5", 5), (" 5 ", 5), ("+5", 5), ("-3", -3), ("\u22123", -3), ("5.0", 5), ("5.00", 5),
     ("007", 7), ("-0", 0)],
)  # fmt: skip
def test_whole_numbers_are_ascii_digits_with_a_sign(text: str, number: int) -> None:
    assert rules.whole_number(text) == number


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("5.5", "expected a whole number; 5.5 has a fraction"),
        ("1.000", "expected a whole number; 1.000 could be 1 or 1000 (write it without the dot)"),
        ("1_000", "expected a whole number without separators between digits, not '1_000'"),
        ("1,000", "expected a whole number without separators between digits, not '1,000'"),
        ("1 000", "expected a whole number without separators between digits, not '1 000'"),
        ("\uff15", "expected a whole number in the digits 0-9, not '\uff15'"),  # fullwidth 5
        ("\u0663", "expected a whole number in the digits 0-9, not '\u0663'"),  # Arabic-Indic 3
        ("\u00b2", "expected a whole number in the digits 0-9, not '\u00b2'"),
        ("1e3", "expected a whole number written out in digits, not '1e3'"),
        ("lots", "expected a whole number, not 'lots'"),
        ("5.", "expected a whole number, not '5.'"),
        ("--5", "expected a whole number, not '--5'"),
        ("", "expected a whole number, not an empty value"),
    ],
)
def test_anything_else_is_refused_with_a_hint(text: str, problem: str) -> None:
    with pytest.raises(rules.RuleError) as caught:
        rules.whole_number(text)
    assert caught.value.problem == problem


def test_a_huge_number_is_refused_without_converting_it() -> None:
    with pytest.raises(rules.RuleError, match=r"\(too many digits\)$"):
        rules.whole_number("9" * 100_000)


def test_the_sheet_and_a_files_numbers_follow_one_rule() -> None:
    # A sheet's "5.0" and a file's 5.0 are the quantity 5; 5.5 is refused in the same words.
    (change,) = read_sheet("SKU,Stock\nR,5.0\n", grips()).changes
    assert change.new == 5
    assert rules.quantity(5.0) == 5
    with pytest.raises(SheetError) as caught:
        read_sheet("SKU,Stock\nR,5.5\n", grips())
    with pytest.raises(rules.RuleError) as by_file:
        rules.quantity(5.5)
    assert caught.value.problems == [f"line 2, Stock: {by_file.value.problem}"]


@pytest.mark.parametrize("text", ["1_000", "\uff15", "\u0663", "1e3"])
def test_numbers_that_int_would_take_are_refused_in_a_sheet(text: str) -> None:
    with pytest.raises(SheetError, match=r"^line 2, Stock: expected a whole number"):
        read_sheet(f"SKU,Stock\nR,{text}\n", grips())


# --- error output -----------------------------------------------------------------------------
def test_a_sheet_of_a_hundred_thousand_bad_cells_is_told_in_twenty_one_lines() -> None:
    text = "SKU,Stock\n" + "R,x\n" * 100_000
    with pytest.raises(SheetError) as caught:
        read_sheet(text, grips())
    error = caught.value
    assert len(error.problems) == 100_000  # every one is known…
    assert len(error.shown) == 21  # …the first twenty are told, then how many more
    assert error.shown[0] == "line 2, Stock: expected a whole number, not 'x'"
    assert error.shown[-1] == "… and 99,980 more"
    assert str(error) == "; ".join(error.shown)
    assert len(str(error)) < 2_000


def test_a_few_problems_are_all_shown() -> None:
    assert shown_problems(["a", "b"]) == ["a", "b"]
    assert shown_problems([str(i) for i in range(21)]) == [*map(str, range(20)), "… and 1 more"]


# --- option paths with "/" inside names ------------------------------------------------------
_NAME = st.text(alphabet="ab/\\'=+-@ ", min_size=1, max_size=5).map(str.strip).filter(bool)
_SKU = st.one_of(st.just(""), st.text(alphabet="xy/\\'=+-@", min_size=1, max_size=4))


def _names(size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_NAME, min_size=1, max_size=size, unique=True)


@st.composite
def trees(draw: st.DrawFn) -> Configurator:
    """Groups of options and sub-groups whose names hold "/", "\\", quotes and formula
    triggers; a name and a sub-group can spell the same plain path ("a/b" and "a" › "b")."""
    groups = []
    for group_name in draw(_names(3)):
        children: list[Layer] = []
        for child_name in draw(_names(4)):
            if draw(st.booleans()):
                children.append(option(child_name, sku=draw(_SKU)))
            else:
                subs = [option(n, sku=draw(_SKU)) for n in draw(_names(3))]
                children.append(group(child_name, *subs, sub=True))
        _shadow(draw, children, lambda name: option(name, sku=draw(_SKU)))
        groups.append(group(group_name, *children))
    _shadow(draw, groups, lambda name: group(name, option(draw(_NAME))))
    cfg = configurator(*groups)
    seen: set[str] = set()
    for layer in cfg.options():  # SKUs are unique within a configurator
        if layer.stock.sku in seen:
            layer.stock.sku = ""
        seen.add(layer.stock.sku)
    return cfg


def _shadow(draw: st.DrawFn, siblings: list[Layer], make: Callable[[str], Layer]) -> None:
    """Maybe a sibling whose name spells, with a plain "/", the path of a layer below
    another sibling: "a/b" beside "a" › "b"."""
    parents = [layer for layer in siblings if layer.children]
    if not parents or not draw(st.booleans()):
        return
    parent = draw(st.sampled_from(parents))
    name = f"{parent.name}/{draw(st.sampled_from(parent.children)).name}"
    if name not in {layer.name for layer in siblings}:
        siblings.append(make(name))


@settings(max_examples=300)
@given(cfg=trees())
def test_every_export_reimports_unchanged_and_each_row_finds_its_own_option(
    cfg: Configurator,
) -> None:
    options = list(cfg.options())
    text = write_sheet(cfg)
    plan = read_sheet(text, cfg)
    assert (plan.changes, plan.not_found, plan.unchanged) == ((), (), len(options))
    # Each row given its own quantity (and, without a SKU, matched by its Name alone).
    rows = cells(text)
    for number, row in enumerate(rows[1:]):
        row[2:4] = ["1", str(number)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    got = {
        c.layer: c.new for c in read_sheet(out.getvalue(), cfg).changes
        if c.field is LayerField.STOCK_QUANTITY
    }  # fmt: skip
    assert got == {layer: number for number, layer in enumerate(options)}
    # And each path written leads back to its option (what --select and scenarios read).
    assert all(cfg.find_paths(layer.path) == [layer] for layer in options)
