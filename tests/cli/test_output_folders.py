"""Every file a command writes (-o, --junit) may name folders that do not exist yet: they are
created (docs/preview-and-scenarios.md), while a --db in a missing folder is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.cli import main

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "resources" / "scenarios" / "purple-backordered-notify.json"
DEMO = "Custom Game Controller"


@pytest.mark.parametrize(
    ("command", "written"),
    [
        (["export", DEMO, "-o", "{out}/c.json"], "c.json"),
        (["stock", "export", DEMO, "-o", "{out}/stock.csv"], "stock.csv"),
        (["scenario", "run", str(SCENARIO), "--junit", "{out}/report.xml"], "report.xml"),
        (["preview", DEMO, "--width", "400", "-o", "{out}/p.png"], "p.png"),
    ],
)
def test_missing_output_folders_are_created_by_every_command(
    qtbot: QtBot,  # preview draws with Qt
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    written: str,
) -> None:
    out = tmp_path / "not" / "yet"
    argv = ["--db", str(demo_db), *(part.format(out=out) for part in command)]
    assert main(argv) == 0
    assert (out / written).is_file() and (out / written).stat().st_size > 0
    capsys.readouterr()


@pytest.mark.parametrize(
    "command",
    [
        ["preview", DEMO, "--width", "400", "-o", "{out}/p.png"],
        ["scenario", "run", str(SCENARIO), "--junit", "{out}/report.xml"],
        ["export", DEMO, "-o", "{out}/c.json"],
        ["stock", "export", DEMO, "-o", "{out}/stock.csv"],
    ],
)
def test_a_folder_that_is_a_file_is_refused_in_one_line(
    qtbot: QtBot,
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x", encoding="utf-8")
    argv = ["--db", str(demo_db), *(part.format(out=blocker) for part in command)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"configurator-editor: error: cannot write {blocker}/")
    assert len(err.splitlines()) == 1
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_db_in_a_missing_folder_is_still_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "typo" / "shop.db"
    assert main(["--db", str(db), "addons"]) == 2
    assert "there is no folder" in capsys.readouterr().err
    assert not db.parent.exists()
