"""Stock sheets against the store (docs/stock-sheets.md): export → import changes nothing for every
configurator the store holds; a sheet is applied in one transaction or not at all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from desktop.domain.fields import LayerField
from desktop.domain.model import Configurator, StockStatus
from desktop.domain.stock_sheet import SheetError, read_sheet
from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.repository import StoreError
from desktop.store.stock_sheets import export_sheet, import_sheet, read_sheet_file
from tests.builders import grips

from .test_rules_properties import configurators, fresh_database


@settings(max_examples=60)
@given(cfg=configurators(), amounts=st.lists(st.one_of(st.none(), st.integers(0, 50))))
def test_export_then_import_reports_no_change(cfg: Configurator, amounts: list[int | None]) -> None:
    for layer, amount in zip(cfg.options(), amounts, strict=False):
        layer.stock.low_amount = amount
    with fresh_database() as db, db.session() as session:
        try:
            cfg_id = repository.insert_configurator(session, cfg)
        except StoreError:
            return  # values the rules refuse never reach a sheet
        stored = repository.load_configurator(session, cfg_id)
        # A blank-SKU option is matched by its path; one that two options share cannot be.
        assume(all(len(stored.find_paths(o.path)) == 1 for o in stored.options()))
        plan = import_sheet(session, cfg_id, export_sheet(session, cfg_id))
    assert (plan.changes, plan.not_found) == ((), ())
    assert plan.unchanged == len(list(stored.options()))


def test_an_import_writes_every_change_in_one_go(session: Session) -> None:
    cfg_id = repository.insert_configurator(session, grips())
    sheet = "SKU,Stock,In stock?,Low stock amount\nR,7,0,3\nY,,1,\nZZ,1,1,\n"
    plan = import_sheet(session, cfg_id, sheet)
    assert [n.sku for n in plan.not_found] == ["ZZ"]
    yellow, red, _ = repository.load_configurator(session, cfg_id).layers[0].children
    assert (red.stock.quantity, red.stock.status, red.stock.low_amount) == (
        7,
        StockStatus.OUT_OF_STOCK,
        3,
    )
    assert (yellow.stock.manage, yellow.stock.quantity) == (False, 5)


def test_a_dry_run_writes_nothing(session: Session) -> None:
    cfg_id = repository.insert_configurator(session, grips())
    plan = import_sheet(session, cfg_id, "SKU,Stock\nR,9\n", dry_run=True)
    assert len(plan.changes) == 1
    assert repository.load_configurator(session, cfg_id).layers[0].children[1].stock.quantity == 2


def test_an_invalid_sheet_leaves_the_database_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    db = open_database(path)
    try:
        with db.session() as session:
            cfg_id = repository.insert_configurator(session, grips())
    finally:
        db.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    db = open_database(path)
    try:
        with db.session() as session, pytest.raises(SheetError) as caught:
            import_sheet(session, cfg_id, "SKU,Stock\nR,7\nY,seven\nP,1\n")
    finally:
        db.close()
    assert caught.value.problems == ["line 3, Stock: expected a whole number, not 'seven'"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_update_layers_is_all_or_nothing(session: Session) -> None:
    cfg_id = repository.insert_configurator(session, grips())
    yellow, red, _ = repository.load_configurator(session, cfg_id).layers[0].children
    assert red.id is not None and yellow.id is not None
    with pytest.raises(StoreError, match="Stock quantity"):
        repository.update_layers(
            session,
            cfg_id,
            {red.id: {LayerField.STOCK_QUANTITY: 1}, yellow.id: {LayerField.STOCK_QUANTITY: 10**7}},
        )
    with pytest.raises(StoreError, match="no longer in this configurator"):
        repository.update_layers(session, cfg_id, {red.id: {}, 99_999: {}})
    with pytest.raises(StoreError, match="cannot set name"):
        repository.update_layers(session, cfg_id, {red.id: {LayerField.NAME: "x"}})
    assert repository.load_configurator(session, cfg_id).layers[0].children[1].stock.quantity == 2


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"SKU,Name\n\xff\xfe,x\n", "line 2: the file is not UTF-8 text (save it as CSV UTF-8)"),
        (b"SKU\x00,Stock\n", "the file holds NUL characters: it is not a CSV sheet"),
    ],
)
def test_files_that_are_not_sheets_are_refused(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(data)
    with pytest.raises(SheetError) as caught:
        read_sheet_file(path)
    assert caught.value.problems == [problem]
    with pytest.raises(SheetError, match="file not found"):
        read_sheet_file(tmp_path / "missing.csv")
    with pytest.raises(SheetError, match="not a regular file"):
        read_sheet_file(tmp_path)


def test_a_bom_file_reads_like_one_without(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfSKU;Stock\r\nR;4\r\n")
    assert len(read_sheet(read_sheet_file(path), grips()).changes) == 1
