"""The reading commands read the database where it is: while the editor has it open, they see
its latest edits (still in its `-wal` file) and change neither file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.fields import LayerField
from desktop.store import repository
from desktop.store.database import open_database
from tests.files import digest, run

DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"


def test_storefront_and_export_see_the_editors_latest_edit_and_write_nothing(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    editor = open_database(demo_db)
    try:
        with editor.session() as session:
            demo_id = repository.find_configurator(session, DEMO)
            assert demo_id is not None
            cfg = repository.load_configurator(session, demo_id)
            purple = cfg.find_path(PURPLE)
            assert purple is not None and purple.id is not None
            repository.update_layer(session, purple.id, {LayerField.STOCK_QUANTITY: 7})
        wal = demo_db.with_name(demo_db.name + "-wal")
        before = {path: digest(path) for path in (demo_db, wal)}
        status, out, _ = run(
            ["--db", str(demo_db), "storefront", DEMO, "--select", PURPLE, "--checkout", "--json"],
            capsys,
        )
        assert status == 0
        assert json.loads(out)["stock_after"][PURPLE] == 7 - 1
        status, out, _ = run(["--db", str(demo_db), "export", DEMO], capsys)
        assert status == 0
        assert '"quantity": 7' in out
        assert {path: digest(path) for path in (demo_db, wal)} == before
    finally:
        editor.close()
