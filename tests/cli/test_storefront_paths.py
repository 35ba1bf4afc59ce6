"""`storefront --select`: hidden options are refused as a storefront outcome, ambiguous option
paths as a bad argument, and an unselectable default is not replaced (docs/stock-rules.md,
docs/command-line.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.domain import texts
from desktop.domain.model import Backorders, Configurator
from desktop.store.database import open_database
from desktop.store.repository import insert_configurator
from tests.builders import configurator, group, option

from .test_cli import cli


def shirt() -> Configurator:
    """Names with a "/" inside, a hidden option and a hidden default; "A/B/C" has no exact
    reading and two with a "/" inside a name."""
    secret = option("Secret", price="9.00")
    secret.hidden = True
    label = option("Label", default=True)
    label.hidden = True
    return configurator(
        group(
            "Color",
            option("Black/White"),
            group("Black", option("White"), option("Grey"), sub=True),
            secret,
            required=True,
        ),
        group("Care", label),
        group("A/B", option("C")),
        group("A", option("B/C")),
        name="Shirt",
    )


def finishes() -> Configurator:
    """The default finish (no surcharge) is out of stock; the other one costs 25.00 more."""
    return configurator(
        group(
            "Finish",
            option("Gloss", manage=True, qty=0, default=True),
            option("Matte", price="25.00"),
            required=True,
        ),
        backorders=Backorders.NO,
        name="Finishes",
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    database = open_database(path)
    try:
        with database.session() as session:
            insert_configurator(session, shirt())
            insert_configurator(session, finishes())
            session.commit()
    finally:
        database.close()
    return path


def storefront(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["--db", str(db), "storefront", *args, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def refused(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--db", str(db), "storefront", *args, "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err  # one line
    return err


@pytest.mark.parametrize("go", ["--add-to-cart", "--checkout"])
def test_selecting_a_hidden_option_is_refused_and_nothing_is_bought(
    db: Path, capsys: pytest.CaptureFixture[str], go: str
) -> None:
    data = storefront(db, capsys, "Shirt", "--select", "Color/Secret", go)
    assert data["messages"] == [texts.hidden_option("Secret")]
    assert data["cart"] == {"lines": [], "subtotal": "0.00"}
    if go == "--checkout":
        assert data["order"] is None
    # The hidden default still applies; the hidden option was not chosen.
    assert data["selection"] == ["Care/Label"]
    assert data["unit_price"] == "49.00"


def test_a_hidden_default_is_bought_with_the_rest(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = storefront(db, capsys, "Shirt", "--select", "Color/Black/Grey", "--add-to-cart")
    assert data["messages"] == []
    assert data["selection"] == ["Color/Black/Grey", "Care/Label"]
    (line,) = data["cart"]["lines"]
    assert [item["label"] for item in line["items"]] == ["Grey", "Label"]


def test_an_ambiguous_path_is_refused_naming_both_readings(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(db, capsys, "Shirt", "--select", "A/B/C", "--add-to-cart")
    assert err == (
        'configurator-editor: error: "A/B/C" is ambiguous in "Shirt": it names '
        '"A/B" › "C" and "A" › "B/C"; write "A\\/B/C" or "A/B\\/C"\n'
    )


@pytest.mark.parametrize(
    ("path", "chosen"),
    [
        ("Color/Black\\/White", "Color/Black\\/White"),  # "/" inside a name written "\/"
        ("Color/Black/White", "Color/Black/White"),  # each "/" a level: the sub-group's
        ("A\\/B/C", "A\\/B/C"),
        ("A/B\\/C", "A/B\\/C"),
    ],
)
def test_a_path_spelled_exactly_names_its_own_option(
    db: Path, capsys: pytest.CaptureFixture[str], path: str, chosen: str
) -> None:
    data = storefront(db, capsys, "Shirt", "--select", path)
    assert sorted(data["selection"]) == sorted([chosen, "Care/Label"])  # in layer order


def test_every_path_the_report_writes_selects_its_own_option(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [o["path"] for o in storefront(db, capsys, "Shirt")["options"]]
    assert "Color/Black\\/White" in paths and "Color/Black/White" in paths
    for spelled in paths:
        if spelled not in ("Color/Secret", "Care/Label"):  # hidden: not for shoppers to pick
            assert spelled in storefront(db, capsys, "Shirt", "--select", spelled)["selection"]


def test_a_path_with_a_slash_in_a_name_that_reads_one_way_is_accepted(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = storefront(db, capsys, "Shirt", "--select", "Color/Black/Grey")
    assert data["selection"] == ["Color/Black/Grey", "Care/Label"]
    assert "Color/Black/Grey" in [o["path"] for o in data["options"]]


def test_an_unselectable_default_is_not_replaced(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = storefront(db, capsys, "Finishes", "--add-to-cart")
    assert data["selection"] == []
    assert data["unit_price"] == "49.00"  # not 74.00: Matte is not chosen for the shopper
    assert data["messages"] == [texts.choose_option("Finish")]
    assert data["cart"]["lines"] == []
    data = storefront(db, capsys, "Finishes", "--select", "Finish/Matte", "--add-to-cart")
    assert (data["messages"], data["unit_price"]) == ([], "74.00")


def test_through_the_real_entry_point(db: Path, tmp_path: Path) -> None:
    """As QA scripts run it: exit 2 and one line for the ambiguous path, no traceback."""
    args = ("--db", db, "storefront", "Shirt", "--select", "A/B/C", "--json")
    result = cli(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1
    assert '"A/B" › "C"' in result.stderr
    assert '"A" › "B/C"' in result.stderr
    assert "Traceback" not in result.stderr
