"""Backorders per option on the command line: a stock sheet sets them, the stock report and
the storefront (text and JSON) say them, only for options with their own setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.files import run

DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"


def set_purple_do_not_allow(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    sheet = tmp_path / "purple.csv"
    sheet.write_text("SKU,Backorders allowed?\nCASE-PURPLE-METALLIC,0\n", encoding="utf-8")
    status, out, err = run(["--db", str(db), "stock", "import", DEMO, str(sheet)], capsys)
    assert (status, err) == (0, "")
    return out


def test_a_sheet_sets_it_and_every_report_says_it(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = set_purple_do_not_allow(demo_db, tmp_path, capsys)
    assert f"{PURPLE} [CASE-PURPLE-METALLIC]: Backorders allowed? blank → 0" in out
    # The demo allows backorders with notices; Purple alone does not.
    status, out, _ = run(["--db", str(demo_db), "stock", "report", DEMO], capsys)
    assert status == 0
    assert (
        f"{DEMO}: {PURPLE} [CASE-PURPLE-METALLIC]: out of stock, quantity 0, threshold 2, "
        "backorders: Do not allow" in out.splitlines()
    )
    status, out, _ = run(["--db", str(demo_db), "stock", "report", DEMO, "--json"], capsys)
    entries = {e["path"]: e for e in json.loads(out)}
    assert entries[PURPLE]["backorders"] == "no"
    assert "backorders" not in entries["Grip Color/Metallic Red"]
    status, out, _ = run(["--db", str(demo_db), "storefront", DEMO, "--json"], capsys)
    options = {o["path"]: o for o in json.loads(out)["options"]}
    assert options[PURPLE] == {
        "path": PURPLE,
        "availability": "out_of_stock",
        "selectable": False,
        "notice": "Out of Stock",
        "low": False,
        "backorders": "no",
    }
    assert "backorders" not in options["Grip Color/Metallic Red"]
    status, out, _ = run(["--db", str(demo_db), "storefront", DEMO], capsys)
    purple_line = next(line for line in out.splitlines() if PURPLE in line)
    assert purple_line.endswith(
        'Out of Stock, cannot be chosen; shoppers see "Out of Stock"; backorders: Do not allow'
    )
    # The shopper cannot choose it: a storefront outcome, not an error.
    status, out, _ = run(
        ["--db", str(demo_db), "storefront", DEMO, "--select", PURPLE, "--add-to-cart", "--json"],
        capsys,
    )
    report = json.loads(out)
    assert status == 0
    assert report["messages"] == ['"Metallic Purple" is out of stock and cannot be selected.']
    assert PURPLE not in report["selection"]
