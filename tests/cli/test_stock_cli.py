"""`configurator-editor stock export|import|report` (docs/stock-sheets.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.files import digest, run

DEMO = "Custom Game Controller"
ERROR = "configurator-editor: error: "


def test_export_then_import_reports_no_change(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "stock.csv"
    assert run(["--db", str(demo_db), "stock", "export", DEMO, "-o", str(sheet)], capsys)[0] == 0
    lines = sheet.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "SKU,Name,Manage stock?,Stock,In stock?,Low stock amount,Backorders allowed?"
    assert "CASE-RED-METALLIC,Grip Color/Metallic Red,1,2,1,," in lines
    status, out, err = run(
        ["--db", str(demo_db), "stock", "import", DEMO, str(sheet), "--json"], capsys
    )
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "changes": [],
        "unchanged": 12,
        "not_found": [],
        "ignored_columns": [],
    }


def test_an_edited_sheet_dry_run_lists_changes_and_writes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "stock.csv"
    sheet.write_text("SKU;Stock\r\nCASE-RED-METALLIC;12\r\nNO-SUCH;3\r\n", encoding="utf-8")
    before = digest(demo_db)
    argv = ["--db", str(demo_db), "stock", "import", DEMO, str(sheet), "--dry-run"]
    status, out, err = run([*argv, "--json"], capsys)
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "changes": [
            {
                "path": "Grip Color/Metallic Red",
                "sku": "CASE-RED-METALLIC",
                "field": "stock_quantity",
                "old": 2,
                "new": 12,
            }
        ],
        "unchanged": 0,
        "not_found": [{"line": 3, "sku": "NO-SUCH", "name": ""}],
        "ignored_columns": [],
    }
    status, out, _ = run(argv, capsys)
    assert out.splitlines() == [
        "Grip Color/Metallic Red [CASE-RED-METALLIC]: Stock 2 → 12",
        'line 3: SKU "NO-SUCH" matches no option; skipped',
        "1 change to 1 option, 0 rows unchanged, 1 not found; nothing written (--dry-run)",
    ]
    assert digest(demo_db) == before
    # Without --dry-run it is written, and the report follows.
    assert run(argv[:-1], capsys)[0] == 0
    status, out, _ = run(["--db", str(demo_db), "stock", "report", "--json"], capsys)
    assert [e["path"] for e in json.loads(out)] == ["Grip Color/Metallic Purple"]


def test_an_invalid_sheet_is_refused_in_one_line_and_nothing_written(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("SKU,Stock,In stock?\nCASE-RED-METALLIC,7,1\nCASE-YELLOW-METALLIC,x,2\n")
    before = digest(demo_db)
    status, out, err = run(["--db", str(demo_db), "stock", "import", DEMO, str(sheet)], capsys)
    assert (status, out) == (2, "")
    assert err == (
        f"{ERROR}{sheet} refused, nothing written: line 3, Stock: expected a whole number, "
        "not 'x'; line 3, In stock?: expected 1 (In Stock), 0 (Out of Stock) or backorder\n"
    )
    assert err.count("\n") == 1
    assert digest(demo_db) == before


def test_the_report_lists_low_out_and_backorder(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["--db", str(demo_db), "stock", "report", DEMO, "--json"], capsys)
    assert (status, err) == (0, "")
    assert json.loads(out) == [
        {
            "configurator": DEMO,
            "path": "Grip Color/Metallic Red",
            "sku": "CASE-RED-METALLIC",
            "state": "low",
            "quantity": 2,
            "threshold": 2,
        },
        {
            "configurator": DEMO,
            "path": "Grip Color/Metallic Purple",
            "sku": "CASE-PURPLE-METALLIC",
            "state": "backorder",
            "quantity": 0,
            "threshold": 2,
        },
    ]
    status, out, _ = run(["--db", str(demo_db), "stock", "report"], capsys)
    assert out.splitlines()[0] == (
        f"{DEMO}: Grip Color/Metallic Red [CASE-RED-METALLIC]: low, quantity 2, threshold 2"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stock", "export", "Nope"], 'no configurator "Nope"'),
        (["stock", "import", DEMO, "/no/such.csv"], "cannot import /no/such.csv: file not found"),
        (["stock", "report", "Nope", "--json"], 'no configurator "Nope"'),
    ],
)
def test_bad_input_is_one_line_with_exit_2(
    demo_db: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["--db", str(demo_db), *argv], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(ERROR) and message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["stock"], "the following arguments are required: ACTION"),
        (["stock", "report", "--bogus"], "unrecognized arguments: --bogus"),
        (["stock", "import", DEMO], "the following arguments are required: FILE"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(
    demo_db: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--db", str(demo_db), *argv])
    out, err = capsys.readouterr()
    assert (done.value.code, out) == (2, "")
    assert err.startswith(ERROR) and message in err
    assert err.count("\n") == 1
