"""What the command line does with a database edited by hand (docs/stored-data.md), on SQLite and
PostgreSQL: an image path that leads out of the media folder, a bad name or two siblings of one
name make `export` refuse in one line naming the configurator, the layer and the field, and
write nothing anywhere; an id is ASCII digits within range everywhere an ID_OR_NAME is read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.store import repository
from desktop.store.demo import open_store
from desktop.store.media import media_dir
from desktop.store.server import DatabaseTarget, ServerAddress
from tests.files import run
from tests.store.damaged import hand_edit_target

DEMO = "Custom Game Controller"
PREFIX = "configurator-editor: error: "
SECRET = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot really\n"


def _target(db_target: DatabaseTarget, home: Path) -> tuple[DatabaseTarget, str, Path]:
    """The database with the demo (a file five folders below home), --db for it, and its
    media folder."""
    if isinstance(db_target, ServerAddress):
        open_store(db_target).close()
        return db_target, db_target.url, media_dir(db_target.media_stand_in)
    path = home / "a" / "b" / "c" / "d" / "shop.db"
    path.parent.mkdir(parents=True)
    open_store(path).close()
    return path, str(path), media_dir(path)


def _files(folder: Path) -> dict[Path, bytes]:
    return {
        Path(root, name): Path(root, name).read_bytes()
        for root, _, names in os.walk(folder)
        for name in names
    }


def test_an_image_path_out_of_the_media_folder_is_refused_and_nothing_is_written(
    db_target: DatabaseTarget, isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's case: a private key beside the data, a layer pointed at it by hand."""
    home = isolated_user_dirs
    target, db, media = _target(db_target, home)
    ups = len(media.relative_to(home).parts)  # from the media folder up to home
    (home / ".ssh").mkdir()
    (home / ".ssh" / "id_rsa").write_text(SECRET)
    relative = "../" * ups + ".ssh/id_rsa"
    red = _layer_id(target, "Metallic Red")
    statement = "UPDATE layer SET image = :v WHERE name = 'Metallic Red'"
    hand_edit_target(target, statement, v=relative)
    share = home / "share"
    out = share / "a" / "b" / "c" / "d" / "e" / "t.json"
    before = _files(home)
    status, stdout, stderr = run(["--db", db, "export", DEMO, "-o", str(out)], capsys)
    assert (status, stdout) == (2, "")
    (line,) = stderr.splitlines()
    assert line.startswith(PREFIX)
    assert line.endswith(
        f'holds data that cannot be used: layer {red} of "{DEMO}" has an invalid '
        f"image '{relative}' (must not go up out of its folder with '..')"
    )
    assert not share.exists()
    assert _files(home) == before  # nothing written anywhere, the key copied nowhere
    # To stdout neither: the same refusal, nothing printed.
    assert run(["--db", db, "export", DEMO], capsys)[:2] == (2, "")


def _layer_id(target: DatabaseTarget, name: str) -> int:
    database = open_store(target)
    try:
        with database.session() as session:
            cfg = repository.load_configurator(session, 1)
    finally:
        database.close()
    (layer,) = [node for node in cfg.walk() if node.name == name]
    assert layer.id is not None
    return layer.id


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("Metallic\nRed", "has an invalid name 'Metallic\\nRed' (must not contain control"),
        ("", "has an invalid name '' (must not be empty)"),
        ("R" * 5000, "(is 5000 characters long; at most 200 are allowed)"),
        ("Metallic Yellow", "has an invalid name 'Metallic Yellow' (layer "),
    ],
    ids=["line break", "empty", "5000 characters", "a sibling's name"],
)
def test_a_name_no_import_would_accept_is_refused_rather_than_exported(
    db_target: DatabaseTarget,
    isolated_user_dirs: Path,
    capsys: pytest.CaptureFixture[str],
    value: str,
    said: str,
) -> None:
    """Rather than a file whose re-import is refused: one line, no file."""
    target, db, _media = _target(db_target, isolated_user_dirs)
    hand_edit_target(target, "UPDATE layer SET name = :v WHERE name = 'Metallic Red'", v=value)
    out = isolated_user_dirs / "out" / "t.json"
    status, stdout, stderr = run(["--db", db, "export", DEMO, "-o", str(out)], capsys)
    assert (status, stdout) == (2, "")
    (line,) = stderr.splitlines()
    assert line.startswith(PREFIX) and f'of "{DEMO}" has an invalid name ' in line
    assert said in line
    assert not out.parent.exists()


def test_an_image_linked_out_of_the_media_folder_is_not_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path the rules accept, whose file in the media folder is a link leading out of it."""
    db = tmp_path / "shop.db"
    open_store(db).close()
    secret = tmp_path / "id_rsa"
    secret.write_text(SECRET)
    image = media_dir(db) / "images" / "grip-red.png"
    image.unlink()
    image.symlink_to(secret)
    out = tmp_path / "out" / "t.json"
    status, stdout, stderr = run(["--db", str(db), "export", DEMO, "-o", str(out)], capsys)
    assert (status, stdout) == (2, "")
    assert stderr.startswith(PREFIX) and stderr.endswith(
        '.image: "images/grip-red.png" leads outside the media folder\n'
    )
    assert not out.parent.exists()


def test_a_file_in_the_media_folder_that_is_no_image_is_not_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    open_store(db).close()
    (media_dir(db) / "images" / "grip-red.png").write_text(SECRET)
    out = tmp_path / "out" / "t.json"
    status, _, stderr = run(["--db", str(db), "export", DEMO, "-o", str(out)], capsys)
    assert status == 2
    assert '.image: "images/grip-red.png" is not' in stderr and len(stderr.splitlines()) == 1
    assert not out.exists() and not (out.parent / "images" / "grip-red.png").exists()


# --- ids --------------------------------------------------------------------------------------
READERS = [
    ["export"],
    ["storefront"],
    ["stock", "export"],
    ["stock", "report"],
    ["preview", "-o", "{tmp}/p.png"],
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("ref", ["１", "²", "①", "٣", str(2**63), "9" * 40])
def test_an_id_out_of_range_or_in_other_digits_is_a_name_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], ref: str
) -> None:
    """`１` must not open configurator 1, `²` and 2^63 must not end in a traceback."""
    db = tmp_path / "shop.db"
    open_store(db).close()
    args = [part.format(tmp=tmp_path) for part in command]
    where = 2 if command[0] == "stock" else 1
    argv = ["--db", str(db), *args[:where], ref, *args[where:]]
    assert run(argv, capsys) == (
        2,
        "",
        f'{PREFIX}no configurator "{ref}" (have: "{DEMO}")\n',
    )


@pytest.mark.parametrize("ref", ["１", "²", str(2**63)])
def test_stock_import_reads_ids_by_the_same_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ref: str
) -> None:
    db = tmp_path / "shop.db"
    open_store(db).close()
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("SKU,Stock\nCASE-YELLOW-METALLIC,9\n")
    argv = ["--db", str(db), "stock", "import", ref, str(sheet)]
    assert run(argv, capsys) == (2, "", f'{PREFIX}no configurator "{ref}" (have: "{DEMO}")\n')


def test_a_plain_id_and_a_name_of_digits_still_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "shop.db"
    open_store(db).close()
    status, out, _ = run(["--db", str(db), "export", "1"], capsys)
    assert status == 0 and json.loads(out)["configurator"]["name"] == DEMO
    hand_edit_target(db, "UPDATE configurator SET name = '１'")
    status, out, _ = run(["--db", str(db), "export", "１"], capsys)
    assert status == 0 and json.loads(out)["configurator"]["name"] == "１"


@pytest.mark.parametrize(
    ("configurator", "said"),
    [
        (2**63, "configurator: expected a configurator's name, its id"),
        ("²", 'configurator: no configurator "²"'),
        ("１", 'configurator: no configurator "１"'),
        (str(2**63), f'configurator: no configurator "{2**63}"'),
    ],
)
def test_a_scenarios_configurator_reads_ids_by_the_same_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], configurator: object, said: str
) -> None:
    db = tmp_path / "shop.db"
    open_store(db).close()
    scenario = tmp_path / "s.json"
    scenario.write_text(
        json.dumps(
            {
                "format": "configurator-editor-scenario/1",
                "name": "ids",
                "configurator": configurator,
                "steps": [{"reset": True}],
            }
        )
    )
    status, _, stderr = run(["--db", str(db), "scenario", "run", str(scenario)], capsys)
    assert status == 2
    assert stderr.startswith(f"{PREFIX}{scenario}: {said}")
    assert len(stderr.splitlines()) == 1
