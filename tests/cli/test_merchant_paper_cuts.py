"""Issue 15's command-line paper cuts: --db that is missing or mistyped, the storefront's text
report, what `import` prints and warns about, and the README lines that start everything."""

from __future__ import annotations

import json
import shlex
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.application.headless import find_option, run_scenario, storefront_visit
from desktop.application.missing_images import missing_images
from desktop.cli import build_parser, main
from desktop.domain.fields import ConfiguratorField
from desktop.store import repository
from desktop.store.database import default_database_path
from desktop.store.demo import demo_path, load_demo, open_store
from desktop.store.media import media_dir
from tests.files import run

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).with_name("data")
DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"
WARNING = "configurator-editor: warning: "
ERROR = "configurator-editor: error: "


def tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --- --db: read commands never create, a missing folder is refused by every command ----------
@pytest.mark.parametrize(
    "command", [["export", DEMO], ["storefront", DEMO], ["storefront", DEMO, "--json"]]
)
def test_a_read_command_refuses_a_missing_db_in_one_line_and_creates_nothing(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.db"
    status, out, err = run(["--db", str(db), *command], capsys)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"{ERROR}no database at {db} ")
    assert tree(tmp_path) == []


@pytest.mark.parametrize(
    "command",
    [
        ["import", str(demo_path())],
        ["export", DEMO],
        ["addons"],
        ["addons", "--disable", "stock-management"],
        ["storefront", DEMO],
        [],  # the editor window: refused before Qt is even loaded
    ],
    ids=lambda c: " ".join(c[:1]) or "editor",
)
def test_a_db_in_a_missing_folder_is_refused_by_every_command_and_creates_nothing(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "typo" / "dir" / "x.db"
    status, out, err = run(["--db", str(db), *command], capsys)
    assert (status, out) == (2, "")
    assert err == (
        f"{ERROR}cannot use {db}: there is no folder {db.parent}; "
        "check the path, or create the folder first\n"
    )
    assert tree(tmp_path) == []
    # --db after the subcommand is the same --db.
    if command:
        assert run([*command, "--db", str(db)], capsys)[0] == 2
        assert tree(tmp_path) == []


def test_a_db_whose_folder_is_a_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("notes\n")
    db = tmp_path / "notes.txt" / "x.db"
    status, _, err = run(["--db", str(db), "storefront", DEMO], capsys)
    assert status == 2
    assert err == f"{ERROR}cannot use {db}: {tmp_path / 'notes.txt'} is not a folder\n"
    assert tree(tmp_path) == ["notes.txt"]


def test_writing_commands_still_create_a_new_db_with_the_demo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.db"
    assert run(["--db", str(db), "addons"], capsys)[:2] == (0, "stock-management: enabled\n")
    assert (media_dir(db) / "images" / "body.png").is_file()
    status, out, err = run(["--db", str(db), "storefront", DEMO], capsys)
    assert (status, err) == (0, "")
    assert out.startswith(f"{DEMO}\n")


def test_without_db_the_default_database_is_created_with_the_demo_by_a_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not default_database_path().exists()  # the suite's isolated data folder
    status, out, err = run(["storefront", DEMO], capsys)
    assert (status, err) == (0, "")
    assert default_database_path().is_file()
    assert f"  {PURPLE}" in out


def option_rows(lines: list[str]) -> list[str]:
    return lines[lines.index("Options") + 1 : lines.index("Selected")]


# --- storefront: readable text by default, the JSON of today with --json ---------------------
@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["--select", PURPLE, "--qty", "2", "--checkout"], "storefront-purple-checkout.json"),
        (
            ["--select", "Grip Color/Metallic Red", "--qty", "3", "--add-to-cart"],
            "storefront-red-cart.json",
        ),
    ],
)
def test_json_is_byte_for_byte_what_it_was(
    demo_db: Path, args: list[str], golden: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The golden files were written by the command as it was before the text default."""
    status, out, err = run(["--db", str(demo_db), "storefront", DEMO, *args, "--json"], capsys)
    assert (status, err) == (0, "")
    assert out == (DATA / golden).read_text(encoding="utf-8")


def test_json_keeps_non_ascii_text_as_it_is(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_store(demo_db)
    with db.session() as session:
        repository.update_configurator(
            session, 1, {ConfiguratorField.NAME: "Manette — édition été"}
        )
        cfg = repository.load_configurator(session, 1)
    db.close()
    status, out, _ = run(["--db", str(demo_db), "storefront", "1", "--json"], capsys)
    assert status == 0
    expected = run_scenario(cfg, True, storefront_visit())
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_text_report_after_a_checkout_with_a_backorder(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(demo_db), "storefront", DEMO, "--select", PURPLE, "--qty", "2"]
    status, out, err = run([*argv, "--checkout"], capsys)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [DEMO, "Stock Management add-on: on", ""]
    assert "Options" in lines and "Selected" in lines
    (purple,) = [line for line in option_rows(lines) if line.startswith(f"  {PURPLE} ")]
    assert 'shoppers see "Available on Backorder"' in purple
    assert f"  {PURPLE}" in lines[lines.index("Selected") + 1 :][:6]
    assert "Unit price: $54.00" in lines
    assert "Cart: empty" in lines  # the checkout emptied it into the order
    assert "Messages: none" in lines
    order = lines[lines.index("Order #1") :]
    assert order[1] == "  1. quantity 2, $108.00"
    assert "      Metallic Purple (Available Backorder) — 2 backordered" in order
    assert "  Subtotal: $108.00" in order
    assert "  Metallic Purple: Backordered: 2 — will be shipped once restocked" in order
    notified = lines[lines.index("Notifications") : lines.index("Stock after") - 1]
    assert notified == [
        "Notifications",
        "  Metallic Purple is out of stock.",
        "  2 units of Metallic Purple have been backordered in order #1.",
    ]
    stock = lines[lines.index("Stock after") :]
    assert any(line.split() == [*PURPLE.split(), "-2", "(2", "backordered)"] for line in stock)
    assert out.endswith("backordered)\n")


def test_text_report_of_a_refusal_and_a_cart(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_store(demo_db)
    with db.session() as session:
        repository.update_configurator(session, 1, {ConfiguratorField.BACKORDERS: "no"})
    db.close()
    argv = ["--db", str(demo_db), "storefront", DEMO]
    status, out, _ = run([*argv, "--select", PURPLE, "--checkout"], capsys)
    assert status == 0
    lines = out.splitlines()
    (purple,) = [line for line in option_rows(lines) if line.startswith(f"  {PURPLE} ")]
    assert purple.split(maxsplit=3)[-1] == (
        'Out of Stock, cannot be chosen; shoppers see "Out of Stock"'
    )
    messages = lines.index("Messages")
    assert lines[messages + 1] == '  "Metallic Purple" is out of stock and cannot be selected.'
    assert "Order: not placed (see the messages above)" in lines

    status, out, _ = run([*argv, "--select", "Grip Color/Metallic Red", "--add-to-cart"], capsys)
    lines = out.splitlines()
    cart = lines[lines.index("Cart") :]
    assert cart[1:3] == ["  1. quantity 1, $52.00", "      Controller Shell"]
    assert "  Subtotal: $52.00" in cart
    assert "Order #1" not in lines and "Stock after" not in lines
    assert "Notifications" not in lines


def test_text_report_with_the_addon_off(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(demo_db), "addons", "--disable", "stock-management"]) == 0
    capsys.readouterr()
    status, out, _ = run(["--db", str(demo_db), "storefront", DEMO], capsys)
    assert status == 0
    assert "Stock Management add-on: off (stock is not checked)" in out
    assert "Backorder" not in out


def test_the_help_example_is_a_path_of_the_demo(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["storefront", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert 'e.g. "Grip Color/Metallic Purple"' in text
    assert "JSON output (default: readable text)" in text
    assert find_option(load_demo(), PURPLE).name == "Metallic Purple"


# --- import: the id and the name it got; missing images are warnings -------------------------
def test_import_prints_the_id_a_tab_and_the_name_it_got(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["--db", str(demo_db), "import", str(demo_path())], capsys)
    assert (status, out, err) == (0, f"2\t{DEMO} (2)\n", "")
    argv = ["--db", str(demo_db), "import", str(demo_path()), "--name", "Travel Mug"]
    assert run(argv, capsys) == (0, "3\tTravel Mug\n", "")


def exchange_copy(folder: Path, *, drop: tuple[str, ...] = ()) -> Path:
    """The demo file with its images in folder, less the images named in drop."""
    shutil.copytree(demo_path().parent, folder)
    for name in drop:
        (folder / "images" / name).unlink()
    return folder / demo_path().name


def test_an_import_with_missing_images_warns_naming_each_field_and_exits_0(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = exchange_copy(tmp_path / "in", drop=("grip-red.png", "paddles-lower.png"))
    status, out, err = run(["--db", str(demo_db), "import", str(file)], capsys)
    assert (status, out) == (0, f"2\t{DEMO} (2)\n")
    assert err.splitlines() == [
        f'{WARNING}configurator.layers[1].children[1].image: "images/grip-red.png" was not '
        "found beside the file; the option has no image until you choose one",
        f"{WARNING}configurator.layers[4].children[0].children[1].image: "
        '"images/paddles-lower.png" was not found beside the file; the option has no image '
        "until you choose one",
    ]
    # It was imported all the same, with the images that were there.
    db = open_store(demo_db)
    with db.session() as session:
        cfg = repository.load_configurator(session, 2)
    db.close()
    assert find_option(cfg, "Grip Color/Metallic Red").image == "images/grip-red.png"


def test_an_import_with_all_its_images_warns_of_nothing(tmp_path: Path) -> None:
    assert missing_images(exchange_copy(tmp_path / "in")) == []
    assert missing_images(demo_path()) == []


def test_an_invalid_file_is_an_error_not_a_warning(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "bad.json"
    data = json.loads(demo_path().read_text(encoding="utf-8"))
    data["configurator"]["layers"][1]["children"][0]["image"] = "images/nowhere.png"
    data["configurator"]["layers"][1]["children"][1]["stock"]["quantity"] = "2"
    file.write_text(json.dumps(data), encoding="utf-8")
    status, out, err = run(["--db", str(demo_db), "import", str(file)], capsys)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(ERROR)
    assert "configurator.layers[1].children[1].stock.quantity: expected an integer" in err
    with sqlite3.connect(demo_db) as conn:
        assert conn.execute("SELECT count(*) FROM configurator").fetchone() == (1,)


def test_an_image_path_that_leads_outside_is_still_refused_not_warned(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = exchange_copy(tmp_path / "in")
    body = tmp_path / "in" / "images" / "body.png"
    body.rename(tmp_path / "secret.png")
    body.symlink_to(tmp_path / "secret.png")  # a link is followed, so it is checked
    status, _, err = run(["--db", str(demo_db), "import", str(file)], capsys)
    assert status == 2 and WARNING not in err
    assert "leads outside the imported file's folder" in err


# --- README ------------------------------------------------------------------------------------
def readme_commands() -> list[str]:
    """The commands of the README's sh blocks, continuation lines joined."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in text.split("```sh\n")[1:]]
    return [line for block in blocks for line in block.replace("\\\n", " ").splitlines()]


def test_readme_install_and_test_lines_make_a_virtual_environment_first() -> None:
    commands = readme_commands()
    venv = "python3 -m venv .venv && . .venv/bin/activate && python3 -m pip install -e "
    assert f"{venv}. && configurator-editor" in commands
    assert f"{venv}'.[test,postgres]' && python3 -m pytest" in commands
    assert not [c for c in commands if "pip install" in c and not c.startswith(venv)]


def test_readme_command_line_examples_parse() -> None:
    examples = [c for c in readme_commands() if c.startswith("configurator-editor")]
    assert len(examples) >= 9
    parser = build_parser()
    for example in examples:
        words = shlex.split(example.split("  #", 1)[0])
        args = parser.parse_args(words[1:])  # argparse exits (fails the test) on a bad one
        for path in getattr(args, "select", []):
            find_option(load_demo(), path)
