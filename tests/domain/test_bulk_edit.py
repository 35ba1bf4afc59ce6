"""Bulk stock edits (docs/stock-sheets.md): only the chosen fields change; the name says what was
done."""

from __future__ import annotations

import pytest

from desktop.domain.bulk_edit import BulkEdit, describe, plan
from desktop.domain.fields import FieldError, LayerField
from desktop.domain.model import StockStatus
from tests.builders import grips, option


def test_only_chosen_fields_and_only_real_changes() -> None:
    yellow, red, purple = grips().layers[0].children
    changes = plan([yellow, red, purple], BulkEdit(quantity=2, manage=True))
    # Red already holds 2 and all are managed: only Yellow and Purple change, quantity only.
    assert changes == {
        yellow: {LayerField.STOCK_QUANTITY: 2},
        purple: {LayerField.STOCK_QUANTITY: 2},
    }


def test_adding_counts_an_untracked_quantity_from_zero() -> None:
    loose = option("Loose", manage=True)
    assert plan([loose], BulkEdit(quantity_by=3)) == {loose: {LayerField.STOCK_QUANTITY: 3}}


def test_clearing_and_groups_left_out() -> None:
    cfg = grips()
    group = cfg.layers[0]
    yellow = group.children[0]
    yellow.stock.low_amount = 4
    edit = BulkEdit(clear_quantity=True, clear_low_amount=True, status=StockStatus.OUT_OF_STOCK)
    changes = plan([group, yellow], edit)
    assert changes == {
        yellow: {
            LayerField.STOCK_QUANTITY: None,
            LayerField.STOCK_STATUS: StockStatus.OUT_OF_STOCK,
            LayerField.LOW_STOCK_AMOUNT: None,
        }
    }


def test_a_result_out_of_range_names_the_option() -> None:
    yellow = grips().layers[0].children[0]
    with pytest.raises(FieldError, match='of "Grip Color/Metallic Yellow" would be -100005'):
        plan([yellow], BulkEdit(quantity_by=-100_010))


@pytest.mark.parametrize(
    ("edit", "count", "text"),
    [
        (BulkEdit(quantity=5), 12, "Set quantity of 12 options"),
        (BulkEdit(quantity_by=2), 1, "Add 2 to quantity of 1 option"),
        (BulkEdit(quantity_by=-2), 3, "Subtract 2 from quantity of 3 options"),
        (BulkEdit(status=StockStatus.IN_STOCK), 2, "Set status of 2 options"),
        (BulkEdit(manage=False), 2, "Turn off Manage Stock of 2 options"),
        (
            BulkEdit(low_amount=3, clear_quantity=True),
            2,
            "Clear quantity, set low stock amount of 2 options",
        ),
    ],
)
def test_the_undo_step_is_named_for_what_it_did(edit: BulkEdit, count: int, text: str) -> None:
    assert describe(edit, count) == text
