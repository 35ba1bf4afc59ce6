"""The stock sheet's `Backorders allowed?` column (docs/stock-sheets.md): WooCommerce's `0`,
`1`, `notify`, and a blank cell for the configurator's setting."""

from __future__ import annotations

import pytest

from desktop.domain.model import Backorders
from desktop.domain.stock_sheet import SheetError, read_sheet, write_sheet
from tests.builders import grips

HEADER = "SKU,Backorders allowed?"


def test_export_writes_each_options_own_setting_blank_for_the_configurators() -> None:
    cfg = grips(Backorders.NOTIFY)
    options = list(cfg.options())
    options[0].stock.backorders = Backorders.NO
    options[1].stock.backorders = Backorders.NOTIFY
    options[2].stock.backorders = Backorders.YES
    rows = write_sheet(cfg).splitlines()
    assert rows[0].endswith(",Backorders allowed?")
    assert [row.rsplit(",", 1)[1] for row in rows[1:]] == ["0", "notify", "1"]
    cfg.layers[0].children[0].stock.backorders = None
    assert write_sheet(cfg).splitlines()[1].endswith(",")
    # Export then import reports no change.
    plan = read_sheet(write_sheet(cfg), cfg)
    assert (plan.changes, plan.unchanged) == ((), 3)


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("0", Backorders.NO),
        ("no", Backorders.NO),
        ("1", Backorders.YES),
        ("yes", Backorders.YES),
        ("notify", Backorders.NOTIFY),
        ("NOTIFY", Backorders.NOTIFY),
        ("", None),
    ],
)
def test_import_reads_woocommerces_words(cell: str, read: Backorders | None) -> None:
    cfg = grips()
    cfg.layers[0].children[1].stock.backorders = Backorders.NOTIFY if read is None else None
    plan = read_sheet(f"{HEADER}\nR,{cell}\n", cfg)
    assert [(c.layer.name, c.field.value, c.new) for c in plan.changes] == [
        ("Metallic Red", "backorders", read)
    ]
    assert plan.changes[0].as_json()["new"] == (None if read is None else read.value)


def test_a_sheet_without_the_column_never_touches_the_setting() -> None:
    cfg = grips()
    cfg.layers[0].children[1].stock.backorders = Backorders.YES
    plan = read_sheet("SKU,Stock\nR,9\n", cfg)
    assert [c.field.value for c in plan.changes] == ["stock_quantity"]


def test_a_bad_cell_refuses_the_whole_sheet_naming_it() -> None:
    with pytest.raises(SheetError) as refused:
        read_sheet(f"{HEADER}\nR,maybe\nY,1\n", grips())
    assert refused.value.problems == [
        "line 2, Backorders allowed?: expected 1 (allow), 0 (do not allow), notify, or blank "
        "(the configurator's)"
    ]
