"""The `configurator-editor` command through `python -m desktop`, as QA scripts run it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from desktop.cli import main
from desktop.domain import texts
from desktop.domain.fields import ConfiguratorField
from desktop.store import exchange, repository
from desktop.store.database import default_database_path
from desktop.store.demo import demo_path, open_store
from desktop.store.media import media_dir

REPO = Path(__file__).resolve().parents[2]
DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"
REPORT_KEYS = ["options", "selection", "unit_price", "cart", "messages"]


def cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)  # the suite's isolated HOME and data folders
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


def report(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    return json.loads(ok(result))


def option_entry(data: dict[str, Any], path: str) -> dict[str, Any]:
    (entry,) = [o for o in data["options"] if o["path"] == path]
    return entry


def test_first_run_checkout_backorders_purple_and_never_writes(tmp_path: Path) -> None:
    """Issue 2's acceptance, on a fresh default database (created and seeded on first run)."""
    args = ("storefront", DEMO, "--select", PURPLE, "--checkout", "--json")
    data = report(cli(*args, cwd=tmp_path))
    assert list(data) == [*REPORT_KEYS, "order", "stock_after", "notifications"]
    assert [n["text"] for n in data["notifications"]] == [
        "Metallic Purple is out of stock.",
        "1 units of Metallic Purple have been backordered in order #1.",
    ]
    order = data["order"]
    assert order["backorders"] == [{"path": PURPLE, "units": 1}]
    assert order["notes"] == [f"Metallic Purple: {texts.backordered_note(1)}"]
    assert "will be shipped once restocked" in order["notes"][0]
    (line,) = order["lines"]
    assert {"label": "Metallic Purple (Available Backorder)", "backordered": 1} in line["items"]
    assert (line["quantity"], line["total"], order["subtotal"]) == (1, "54.00", "54.00")
    assert data["unit_price"] == "54.00" and data["messages"] == []
    assert data["stock_after"][PURPLE] == -1

    db = default_database_path()
    folder_before = sorted(p.name for p in db.parent.iterdir())
    bytes_before = db.read_bytes()
    report(cli(*args, cwd=tmp_path))
    assert db.read_bytes() == bytes_before
    assert sorted(p.name for p in db.parent.iterdir()) == folder_before

    exported = json.loads(ok(cli("export", DEMO, cwd=tmp_path)))
    purple = exported["configurator"]["layers"][1]["children"][2]
    assert (purple["name"], purple["stock"]["quantity"]) == ("Metallic Purple", 0)


def test_without_backorders_purple_is_out_of_stock(tmp_path: Path) -> None:
    """Export, edit backorders to "no", import under a new name: Purple cannot be chosen."""
    db = tmp_path / "shop.db"
    assert ok(cli("--db", db, "addons", cwd=tmp_path)) == "stock-management: enabled\n"
    exported = tmp_path / "out" / "controller.json"
    assert ok(cli("export", DEMO, "-o", exported, "--db", db, cwd=tmp_path)) == ""
    assert (exported.parent / "images" / "grip-purple.png").is_file()
    edited = json.loads(exported.read_text(encoding="utf-8"))
    edited["configurator"]["settings"]["backorders"] = "no"
    exported.write_text(json.dumps(edited), encoding="utf-8")

    printed = ok(cli("--db", db, "import", exported, "--name", "No Backorders", cwd=tmp_path))
    new_id, name = printed.rstrip("\n").split("\t")
    assert new_id.isdigit() and name == "No Backorders"

    args = ("--db", db, "storefront", new_id, "--select", PURPLE, "--add-to-cart")
    data = report(cli(*args, "--json", cwd=tmp_path))
    assert option_entry(data, PURPLE) == {
        "path": PURPLE,
        "availability": "out_of_stock",
        "selectable": False,
        "notice": "Out of Stock",
        "low": False,
    }
    assert data["messages"] == [texts.not_selectable("Metallic Purple")]
    assert "Grip Color/Metallic Yellow" in data["selection"]
    # The refused pick stops the scenario: the defaults are not bought in its place.
    assert data["cart"] == {"lines": [], "subtotal": "0.00"}


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def test_a_refused_add_to_cart_is_an_outcome_not_an_error(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    red = "Grip Color/Metallic Red"
    argv = ["--db", str(demo_db), "storefront", DEMO, "--select", red, "--qty", "3"]
    # Under "notify" the third unit is backordered.
    data = run_main([*argv, "--checkout", "--json"], capsys)
    assert data["order"]["backorders"] == [{"path": red, "units": 1}]
    assert data["stock_after"][red] == -1

    db = open_store(demo_db)
    with db.session() as session:
        repository.update_configurator(session, 1, {ConfiguratorField.BACKORDERS: "no"})
    db.close()
    data = run_main([*argv, "--checkout", "--json"], capsys)
    refusal = 'Not enough stock for "Metallic Red" (2 remaining).'
    assert (data["messages"], data["order"], data["cart"]["lines"]) == ([refusal], None, [])
    assert data["stock_after"][red] == 2


def test_addons_switch_changes_what_the_storefront_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.db"  # addons creates it, seeded like every new database
    disabled = cli("--db", db, "addons", "--disable", "stock-management", cwd=tmp_path)
    assert ok(disabled) == "stock-management: disabled\n"
    assert (media_dir(db) / "images" / "body.png").is_file()
    data = report(cli("--db", db, "storefront", DEMO, "--json", cwd=tmp_path))
    assert option_entry(data, PURPLE)["availability"] == "available"
    assert main(["--db", str(db), "addons", "--enable", "stock-management"]) == 0
    assert capsys.readouterr().out == "stock-management: enabled\n"


def bad_import_file(folder: Path) -> Path:
    path = folder / "bad.json"
    data = {
        "format": "configurator-editor/1",
        "configurator": {
            "name": "Bad",
            "layers": [
                {
                    "name": "Grip",
                    "type": "group",
                    "children": [{"name": "Red", "type": "image", "stock": {"quantity": "2"}}],
                }
            ],
        },
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("storefront", "Nope", "--json"), 'no configurator "Nope"'),
        (
            ("storefront", DEMO, "--select", "Grip Color/Blue", "--json"),
            'no option "Grip Color/Blue"',
        ),
        (("storefront", DEMO, "--select", "Grip Color", "--json"), '"Grip Color" is a group'),
        (("export", DEMO, "--db", "{tmp}/missing.db"), "no database at"),
        (("export", DEMO, "-o", "{tmp}"), "cannot write"),
        (("storefront", DEMO, "--json", "--db", "{tmp}/empty.db"), "empty.db is empty"),
        (("addons", "--db", "{tmp}/notes.txt"), "is not a Configurator Editor database"),
        (("addons", "--db", "{tmp}/notes.txt/shop.db"), "notes.txt is not a folder"),
        (
            ("import", "{tmp}/bad.json"),
            "configurator.layers[0].children[0].stock.quantity: expected an integer",
        ),
        (("import", "{tmp}/none.json"), "none.json: file not found"),
        (("import", "{demo}", "--name", DEMO), f'a configurator named "{DEMO}" already exists'),
    ],
    ids=[
        "configurator",
        "option",
        "group as option",
        "missing db",
        "export to a folder",
        "empty file",
        "foreign db",
        "db inside a file",
        "import file",
        "import missing file",
        "import name taken",
    ],
)
def test_errors_exit_2_with_one_line(
    demo_db: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """In-process: an exception escaping main() would fail the test as a traceback would."""
    (tmp_path / "notes.txt").write_text("not a database\n")
    (tmp_path / "empty.db").write_bytes(b"")
    bad_import_file(tmp_path)
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{demo}", str(demo_path())) for a in args]
    if "--db" not in argv:
        argv = ["--db", str(demo_db), *argv]
    before = demo_db.read_bytes()
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("configurator-editor: error: ")
    assert message in err
    assert demo_db.read_bytes() == before
    assert (tmp_path / "notes.txt").read_text() == "not a database\n"
    assert (tmp_path / "empty.db").read_bytes() == b""


def test_an_error_ends_the_process_with_status_2_and_no_traceback(demo_db: Path) -> None:
    result = cli("--db", demo_db, "storefront", "Nope", "--json", cwd=demo_db.parent)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith('configurator-editor: error: no configurator "Nope"')
    assert result.stderr.count("\n") == 1


def test_a_database_that_fails_midway_is_one_line_not_a_traceback(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holding the write lock makes SQLite give up after its busy timeout."""

    def locked(*_args: object) -> None:
        raise OperationalError("UPDATE site_settings", {}, sqlite3.OperationalError("locked"))

    monkeypatch.setattr(repository, "set_addon", locked)
    assert main(["--db", str(demo_db), "addons", "--disable", "stock-management"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"configurator-editor: error: {demo_db} is locked by another program (waited 5 s); "
        "try again when it is free\n"
    )


# Argument errors need no subprocess: argparse exits before anything runs.
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["storefront"], "the following arguments are required: ID_OR_NAME"),
        (["storefront", DEMO, "--json", "--qty", "0"], "expected a whole number from 1 to"),
        (["addons", "--enable", "bogus"], "invalid choice: 'bogus'"),
        (
            ["addons", "--enable", "stock-management", "--disable", "stock-management"],
            "not allowed",
        ),
        (["import"], "the following arguments are required: FILE"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_import_prints_the_id_and_keeps_names_unique(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(demo_db), "import", str(demo_path())]) == 0
    new_id, name = capsys.readouterr().out.rstrip("\n").split("\t")
    assert name == f"{DEMO} (2)"
    assert main(["--db", str(demo_db), "export", f"{DEMO} (2)"]) == 0
    assert json.loads(capsys.readouterr().out)["configurator"]["name"] == f"{DEMO} (2)"
    assert main(["--db", str(demo_db), "export", new_id]) == 0


def test_import_reads_the_file_once(
    demo_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The missing-images check and the import share one reading: a file of 100,000 options
    takes seconds to validate."""
    reads: list[Path] = []
    real = exchange.read_json

    def noted(path: Path) -> Any:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(exchange, "read_json", noted)
    assert main(["--db", str(demo_db), "import", str(demo_path())]) == 0
    assert capsys.readouterr().out.rstrip("\n").endswith(f"{DEMO} (2)")
    assert reads == [demo_path()]
