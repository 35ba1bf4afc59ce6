"""`stock export|import` on a database whose names and SKUs a spreadsheet would run, whose
names hold "/", and with a sheet of 100,000 bad cells (docs/stock-sheets.md)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from desktop.store.database import open_database
from desktop.store.repository import insert_configurator
from tests.builders import configurator, group, option
from tests.files import digest, run

ERROR = "configurator-editor: error: "
INJECTED = '=HYPERLINK("http://x","y")'


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    database = open_database(path)
    try:
        with database.session() as session:
            insert_configurator(
                session,
                configurator(
                    group(
                        "=Color",
                        option(INJECTED, sku="@SKU", manage=True, qty=-3),
                        option("+1 Black/White", manage=True, qty=4),  # no SKU: by Name
                        group("+1 Black", option("White", manage=True, qty=5), sub=True),
                        option("-Red", sku="-R", manage=True, qty=6),
                    ),
                    name="Hostile",
                ),
            )
    finally:
        database.close()
    return path


def test_exported_formula_cells_start_with_a_quote_and_import_unchanged(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "stock.csv"
    assert run(["--db", str(db), "stock", "export", "Hostile", "-o", str(sheet)], capsys)[0] == 0
    with sheet.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1:] == [
        # The "/" of the name's URL is written "\/", as every "/" inside a name.
        ["'@SKU", "'=Color/" + INJECTED.replace("/", "\\/"), "1", "-3", "1", "", ""],
        ["", "'=Color/+1 Black\\/White", "1", "4", "1", "", ""],
        ["", "'=Color/+1 Black/White", "1", "5", "1", "", ""],
        ["'-R", "'=Color/-Red", "1", "6", "1", "", ""],
    ]
    status, out, err = run(
        ["--db", str(db), "stock", "import", "Hostile", str(sheet), "--json"], capsys
    )
    assert (status, err) == (0, "")
    assert json.loads(out)["changes"] == [] and json.loads(out)["unchanged"] == 4


def test_a_sheet_of_a_hundred_thousand_bad_cells_is_refused_in_one_short_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("SKU,Stock\n" + "-R,1_000\n" * 100_000, encoding="utf-8")
    before = digest(db)
    status, out, err = run(["--db", str(db), "stock", "import", "Hostile", str(sheet)], capsys)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and len(err) < 3_000
    first = "line 2, Stock: expected a whole number without separators between digits, not '1_000'"
    assert err.startswith(f"{ERROR}{sheet} refused, nothing written: {first}; line 3, Stock")
    assert err.endswith("; … and 99,980 more\n")
    assert digest(db) == before
