"""Stock sheets as spreadsheets and WooCommerce write them (docs/stock-sheets.md): separators, BOM,
CRLF,
quoting, missing and unknown columns, blank cells, duplicate and unknown rows, bad cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.fields import LayerField
from desktop.domain.model import Backorders, Configurator, StockStatus
from desktop.domain.stock_sheet import SheetError, read_sheet, write_sheet
from tests.builders import configurator, grips, group, option

HEADER = "SKU,Name,Manage stock?,Stock,In stock?,Low stock amount"


def changes(text: str, cfg: Configurator | None = None) -> list[tuple[str, str, object, object]]:
    plan = read_sheet(text, cfg or grips())
    return [(c.layer.name, c.field.value, c.old, c.new) for c in plan.changes]


def test_export_writes_every_option_with_woocommerce_columns() -> None:
    text = write_sheet(grips())
    assert text.splitlines() == [
        f"{HEADER},Backorders allowed?",
        "Y,Grip Color/Metallic Yellow,1,5,1,,",
        "R,Grip Color/Metallic Red,1,2,1,,",
        "P,Grip Color/Metallic Purple,1,0,1,,",
    ]
    assert text.endswith("\r\n")


def test_export_then_import_changes_nothing() -> None:
    cfg = grips()
    plan = read_sheet(write_sheet(cfg), cfg)
    assert (plan.changes, plan.unchanged, plan.not_found) == ((), 3, ())


def test_each_change_names_option_field_old_and_new() -> None:
    text = f"{HEADER}\nR,,1,7,0,3\n"
    assert changes(text) == [
        ("Metallic Red", "stock_quantity", 2, 7),
        ("Metallic Red", "stock_status", StockStatus.IN_STOCK, StockStatus.OUT_OF_STOCK),
        ("Metallic Red", "low_stock_amount", None, 3),
    ]
    (change, *_) = read_sheet(text, grips()).changes
    assert change.text() == "Grip Color/Metallic Red [R]: Stock 2 → 7"
    assert change.as_json() == {
        "path": "Grip Color/Metallic Red",
        "sku": "R",
        "field": "stock_quantity",
        "old": 2,
        "new": 7,
    }


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffSKU,Stock\r\nR,7\r\n",  # BOM and CRLF (Excel's "CSV UTF-8")
        "SKU;Stock\nR;7\n",  # a European spreadsheet's semicolon
        "SKU\tStock\nR\t7\n",  # tab separated
        'Stock,SKU\n"7","R"\n',  # columns in any order, quoted
        " sku , STOCK \nR, 7 \n",  # spaces and case in the header, spaces in cells
    ],
    ids=["bom crlf", "semicolon", "tab", "any order quoted", "spaces and case"],
)
def test_what_spreadsheets_write_is_read(text: str) -> None:
    # Without a "Manage stock?" column a number means managed with that quantity.
    assert changes(text) == [("Metallic Red", "stock_quantity", 2, 7)]


def test_quoted_commas_and_line_breaks_in_names_match_by_name() -> None:
    cfg = configurator(group("Size, colour", option('Red, "big"', manage=True, qty=1)))
    text = 'Name,Stock\n"Size, colour/Red, ""big""",4\n'
    assert changes(text, cfg) == [('Red, "big"', "stock_quantity", 1, 4)]


def test_a_column_that_is_absent_is_never_touched() -> None:
    cfg = grips()
    purple = cfg.layers[0].children[2]
    purple.stock.status = StockStatus.OUT_OF_STOCK
    assert changes("SKU,Low stock amount\nP,4\n", cfg) == [
        ("Metallic Purple", "low_stock_amount", None, 4)
    ]


def test_blank_cells() -> None:
    # Stock blank: no quantity; Low stock amount blank: none; blank flags leave the field.
    cfg = grips()
    cfg.layers[0].children[1].stock.low_amount = 5
    assert changes(f"{HEADER}\nR,,,,,\n", cfg) == [
        ("Metallic Red", "stock_quantity", 2, None),
        ("Metallic Red", "low_stock_amount", 5, None),
    ]


def test_without_a_manage_column_a_blank_stock_means_not_managed() -> None:
    assert changes("SKU,Stock\nR,\n") == [("Metallic Red", "manage_stock", True, False)]


def test_backorder_in_the_in_stock_column_changes_nothing() -> None:
    # WooCommerce's derived status; ours follows from quantity and the backorder setting.
    assert changes("SKU,In stock?\nP,backorder\n") == []


def test_rows_are_matched_by_sku_then_by_name_and_unknown_ones_reported() -> None:
    text = (
        "SKU,Name,Stock\nNOPE,Grip Color/Metallic Red,9\n,Grip Color/Metallic Red,8\n,Nowhere,1\n"
    )
    plan = read_sheet(text, grips())
    assert [(c.layer.name, c.new) for c in plan.changes] == [("Metallic Red", 8)]
    assert [n.as_json() for n in plan.not_found] == [
        {"line": 2, "sku": "NOPE", "name": "Grip Color/Metallic Red"},
        {"line": 4, "sku": "", "name": "Nowhere"},
    ]


def test_a_whole_woocommerce_export_imports_and_names_what_it_ignored() -> None:
    text = (
        "ID,Type,SKU,Name,Published,Description,In stock?,Stock,Backorders allowed?\r\n"
        '12,simple,R,Controller,1,"Line one\r\nline, two\r\n""quoted""",1,6,notify\r\n'
        '13,simple,OTHER,Cable,1,"",0,,0\r\n'
    )
    plan = read_sheet(text, grips())
    # WooCommerce's "Backorders allowed?" is the option's own backorder setting.
    assert [(c.layer.name, c.field.value, c.new) for c in plan.changes] == [
        ("Metallic Red", "stock_quantity", 6),
        ("Metallic Red", "backorders", Backorders.NOTIFY),
    ]
    assert [(n.line, n.sku) for n in plan.not_found] == [(5, "OTHER")]  # where its record starts
    assert plan.ignored_columns == ("ID", "Type", "Published", "Description")


def test_every_bad_cell_is_listed_and_the_sheet_refused() -> None:
    text = f"{HEADER}\nR,,maybe,7,1,\nY,,1,lots,1,\nP,,1,1.5,2,-1\n"
    with pytest.raises(SheetError) as caught:
        read_sheet(text, grips())
    assert caught.value.problems == [
        "line 2, Manage stock?: expected 1 (yes) or 0 (no)",
        "line 3, Stock: expected a whole number, not 'lots'",
        "line 4, Stock: expected a whole number; 1.5 has a fraction",
        "line 4, In stock?: expected 1 (In Stock), 0 (Out of Stock) or backorder",
        "line 4, Low stock amount: expected a whole number from 0 to 999999",
    ]


def test_out_of_range_values_use_the_field_rules() -> None:
    with pytest.raises(SheetError) as caught:
        read_sheet("SKU,Stock,Low stock amount\nR,1000000,\nY,1,-2\n", grips())
    assert caught.value.problems == [
        "line 2, Stock: expected a whole number from -99999 to 999999",
        "line 3, Low stock amount: expected a whole number from 0 to 999999",
    ]


def test_duplicate_sku_rows_are_refused() -> None:
    with pytest.raises(SheetError, match='line 3, SKU: SKU "R" is already on line 2'):
        read_sheet("SKU,Stock\nR,1\nR,1\n", grips())


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "line 1: the sheet is empty (expected a header row)"),
        ("Stock,Price\n1,2\n", 'line 1: no "SKU" or "Name" column to match options by'),
        ("SKU,Stock,Stock\nR,1,2\n", "line 1, Stock: the column appears twice"),
        ('SKU,Stock\nR,"1\n', "line 2: not a readable CSV row (unexpected end of data)"),
    ],
)
def test_sheets_that_cannot_be_read_are_refused(text: str, problem: str) -> None:
    with pytest.raises(SheetError) as caught:
        read_sheet(text, grips())
    assert caught.value.problems == [problem]


def test_blank_rows_are_skipped_and_a_name_for_two_options_refused() -> None:
    cfg = configurator(
        group("Color", option("Black/White"), group("Black", option("White"), sub=True))
    )
    assert read_sheet("Name,Stock\n\n,\n", cfg).rows == 0
    # Spelled exactly, each path names its own option ("/" inside a name is "\/").
    assert read_sheet("Name,Stock\nColor/Black/White,3\n", cfg).changes[0].layer.name == "White"
    cfg = configurator(
        group("A/B", option("C")), group("A", option("B/C"))
    )  # "A/B/C" has no exact reading and two with a "/" inside a name
    with pytest.raises(SheetError) as caught:
        read_sheet("Name,Stock\nA/B/C,3\n", cfg)
    assert caught.value.problems == [
        'line 2, Name: "A/B/C" names 2 options; write "A\\/B/C" or "A/B\\/C", or give each its SKU'
    ]


def test_by_layer_groups_the_changes() -> None:
    plan = read_sheet(f"{HEADER}\nR,,1,7,0,\n", grips())
    ((layer, fields),) = plan.by_layer().items()
    assert layer.name == "Metallic Red"
    assert fields == {
        LayerField.STOCK_QUANTITY: 7,
        LayerField.STOCK_STATUS: StockStatus.OUT_OF_STOCK,
    }
    assert plan.options == 1
    assert read_sheet(f"{HEADER}\nR,,1,7,0,\nY,,1,1,1,3\n", grips()).options == 2


_CELLS = st.text(
    alphabet=st.sampled_from(list('RYP-1,;\t"\r\n0 x\ufeffé')) | st.characters(), max_size=120
)


@settings(max_examples=150)
@given(
    text=st.one_of(
        _CELLS,
        _CELLS.map(lambda body: f"{HEADER}\n{body}"),
        _CELLS.map(lambda body: f"SKU;Stock;In stock?\r\n{body}"),
    )
)
def test_any_text_is_a_plan_or_a_refusal_in_words(text: str) -> None:
    # Whatever a file holds, reading it never fails in another way (no traceback reaches
    # the merchant): it is a plan, or a SheetError listing what is wrong.
    try:
        plan = read_sheet(text, grips())
    except SheetError as exc:
        assert exc.problems and all(p.startswith("line ") for p in exc.problems)
    else:
        assert plan.unchanged + len(plan.by_layer()) + len(plan.not_found) <= plan.rows
