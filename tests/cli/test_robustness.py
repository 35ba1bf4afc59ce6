"""No input ends in a traceback (docs/command-line.md): arguments that are not text or out of range,
a
database with damaged pages, rows edited by hand past the rules, and a database another
program holds locked all end with exit status 2 and one line that names the problem, leaving
the database as it was.

In-process where possible (an exception escaping main() fails the test as a traceback would);
one subprocess checks what the operating system really passes for bytes that are not UTF-8.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.storefront import MAX_QUANTITY
from desktop.store.database import BUSY_TIMEOUT_S
from desktop.store.demo import demo_path
from tests.files import digest
from tests.store.damaged import damage_pages, hand_edit, is_damaged, locked

from .test_cli import REPO

DEMO = "Custom Game Controller"
PREFIX = "configurator-editor: error: "
SHORT_WAIT = 0.3  # seconds a write waits for a lock here (5 s in use)


def refused(
    capsys: pytest.CaptureFixture[str], argv: list[str], busy_timeout: float = BUSY_TIMEOUT_S
) -> str:
    """Run argv in-process; it must exit 2 with one line on stderr, returned without prefix."""
    assert main(argv, busy_timeout=busy_timeout) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(PREFIX), err
    return err[len(PREFIX) : -1]


def usage_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(PREFIX), err
    return err[len(PREFIX) : -1]


# --- arguments ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "qty",
    ["10000000000000000000000000", str(MAX_QUANTITY + 1), "0", "-1", "1e3", "abc", "9" * 5000],
)
def test_qty_runs_from_one_to_a_million(
    demo_db: Path, qty: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", str(demo_db), "storefront", DEMO, "--json", "--add-to-cart", "--qty", qty]
    message = usage_error(capsys, argv)
    assert message.startswith("argument --qty: expected a whole number from 1 to 1,000,000, not")
    assert len(message) < 200  # a huge number is quoted cut short


def test_a_million_is_a_quantity(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", str(demo_db), "storefront", DEMO, "--json", "--add-to-cart", "--qty"]
    assert main([*argv, str(MAX_QUANTITY)]) == 0  # a refusal for stock is an outcome
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["storefront", "\udcff", "--json"], "argument 4 is not valid UTF-8 text: '\\xff'"),
        (
            ["storefront", DEMO, "--select", "Grip Color/\udcc3", "--json"],
            "argument 6, after --select, is not valid UTF-8 text: 'Grip Color/\\xc3'",
        ),
        (["import", "caf\udce9.json"], "argument 4 is not valid UTF-8 text: 'caf\\xe9.json'"),
        (["export", DEMO, "-o", "\udcff.json"], "argument 6, after -o, is not valid UTF-8"),
        (["addons", "--enable", "\ud800"], "argument 5, after --enable, is not valid UTF-8"),
        (["export", "a\x00b"], "argument 4 contains a NUL character: 'a\\x00b'"),
    ],
)
def test_an_argument_that_is_not_text_is_refused_up_front(
    demo_db: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(demo_db)
    assert message in refused(capsys, ["--db", str(demo_db), *argv])
    assert digest(demo_db) == before


def test_a_db_path_that_is_not_text_is_refused_before_any_file_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert refused(capsys, ["--db", str(tmp_path / "\udcff.db"), "addons"]).startswith(
        "argument 2, after --db, is not valid UTF-8 text: '"
    )
    assert refused(capsys, [f"--db={tmp_path}/\udcff.db", "addons"]).startswith("argument 1 ")
    assert list(tmp_path.iterdir()) == []


def test_bytes_that_are_not_utf8_from_the_shell(tmp_path: Path) -> None:
    """What `configurator-editor storefront $'\\xff' --json` passes: bytes, not text."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    argv = [os.fsencode(sys.executable), b"-m", b"desktop", b"--db", os.fsencode(tmp_path / "x.db")]
    result = subprocess.run(
        [*argv, b"storefront", b"\xff", b"--json"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr == (
        b"configurator-editor: error: argument 4 is not valid UTF-8 text: '\\xff'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_line_break_in_an_argument_keeps_the_message_on_one_line(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "unrecognized arguments: a b" in usage_error(
        capsys, ["--db", str(demo_db), "addons", "a\nb"]
    )
    assert "'1\\n2'" in usage_error(
        capsys, ["--db", str(demo_db), "storefront", DEMO, "--json", "--qty", "1\n2"]
    )
    assert 'no configurator "x y"' in refused(capsys, ["--db", str(demo_db), "export", "x\ny"])


# --- the database -------------------------------------------------------------------------------
EVERY_COMMAND = [
    ["import", str(demo_path())],
    ["export", DEMO],
    ["addons"],
    ["addons", "--disable", "stock-management"],
    ["storefront", DEMO, "--json"],
]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_damaged_pages_are_one_line_naming_the_file(
    demo_db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    damage_pages(demo_db)
    assert is_damaged(demo_db)
    before = digest(demo_db)
    message = refused(capsys, ["--db", str(demo_db), *command])
    assert message == (
        f"{demo_db} is damaged and cannot be read (database disk image is malformed)"
    )
    if command[-1] != "stock-management":
        # Setting the add-on may land: SQLite can write a row on a damaged page (only an
        # integrity check of the whole file before each write could stop that), and then
        # reading the state back fails. Every other command leaves the file as it was.
        assert digest(demo_db) == before


@pytest.mark.parametrize(
    ("statement", "detail"),
    [
        ("UPDATE configurator SET base_price = 'abc'", "has an invalid base price 'abc'"),
        ("UPDATE layer SET price = 'x' WHERE id = 12", 'layer 12 of "{demo}" has an invalid'),
        ("UPDATE layer SET stock_status = 'maybe' WHERE id = 5", "invalid stock status 'maybe'"),
        ("UPDATE layer SET type = 'widget' WHERE id = 5", "has an invalid type 'widget'"),
        ("UPDATE layer SET parent_id = 99 WHERE id = 5", "refers to a missing parent layer 99"),
    ],
)
@pytest.mark.parametrize("command", ["export", "storefront"])
def test_a_row_edited_by_hand_is_named_not_a_traceback(
    demo_db: Path,
    statement: str,
    detail: str,
    command: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hand_edit(demo_db, statement)
    before = digest(demo_db)
    argv = ["--db", str(demo_db), command, DEMO] + (["--json"] if command == "storefront" else [])
    message = refused(capsys, argv)
    assert message.startswith(f"{demo_db} holds data that cannot be used: ")
    assert detail.format(demo=DEMO) in message
    assert digest(demo_db) == before
    # The rest of the database still serves: the add-on switch, other configurators.
    assert main(["--db", str(demo_db), "addons"]) == 0
    assert main(["--db", str(demo_db), "import", str(demo_path())]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("command", [EVERY_COMMAND[0], EVERY_COMMAND[3]], ids=" ".join)
def test_a_locked_database_is_waited_for_then_refused_in_one_line(
    demo_db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with locked(demo_db):
        message = refused(capsys, ["--db", str(demo_db), *command], busy_timeout=SHORT_WAIT)
    assert message == (
        f"{demo_db} is locked by another program (waited 0.3 s); try again when it is free"
    )
    assert main(["--db", str(demo_db), "export", DEMO + " (2)"]) == 2  # nothing was imported
    capsys.readouterr()


@pytest.mark.parametrize("command", [EVERY_COMMAND[1], EVERY_COMMAND[2], EVERY_COMMAND[4]])
def test_reading_commands_go_on_while_another_program_writes(
    demo_db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The database is in WAL mode: a writer elsewhere does not hold readers up."""
    with locked(demo_db):
        assert main(["--db", str(demo_db), *command], busy_timeout=SHORT_WAIT) == 0
    assert capsys.readouterr().err == ""
