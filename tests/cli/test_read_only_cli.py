"""Commands on a database the user may only read (docs/database-urls.md): a write is refused in
one line with exit status 2 before anything is tried, and every read works. A read-only file, a
file in a read-only folder (by their permission bits, which root honours too) and a PostgreSQL
role that may only SELECT."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.store.demo import demo_path, open_store
from desktop.store.server import database_target
from tests.files import run
from tests.pg_roles import select_only_role

DEMO = "Custom Game Controller"


@contextlib.contextmanager
def _protected(path: Path, how: str) -> Iterator[None]:
    target = path if how == "file" else path.parent
    before = target.stat().st_mode
    os.chmod(target, 0o444 if how == "file" else 0o555)
    try:
        yield
    finally:
        os.chmod(target, before)


def _writes(tmp_path: Path) -> list[list[str]]:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("SKU,Stock\nCASE-YELLOW-METALLIC,9\n", encoding="utf-8")
    return [
        ["addons", "--disable", "stock-management"],
        ["import", str(demo_path())],
        ["stock", "import", DEMO, str(sheet)],
    ]


def _check(db: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    for argv in _writes(out_folder):
        status, out, err = run(["--db", db, *argv], capsys)
        assert (status, out) == (2, ""), argv
        assert err.count("\n") == 1 and err.startswith("configurator-editor: error: ")
        assert f"is read-only ({why}); nothing was changed" in err
    sheet = out_folder / "sheet.csv"
    reads = [
        ["addons"],
        ["export", DEMO, "-o", str(out_folder / "c.json")],
        ["storefront", DEMO, "--json"],
        ["stock", "export", DEMO, "-o", str(out_folder / "stock.csv")],
        ["stock", "import", DEMO, str(sheet), "--dry-run"],
        ["stock", "report"],
    ]
    for argv in reads:
        status, _out, err = run(["--db", db, *argv], capsys)
        assert (status, err) == (0, ""), argv
    assert run(["--db", db, "addons"], capsys)[1] == "stock-management: enabled\n"
    exported = json.loads((out_folder / "c.json").read_text(encoding="utf-8"))
    assert exported["configurator"]["name"] == DEMO


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_read_only_sqlite_file_refuses_writes_in_one_line(
    how: str, demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with _protected(demo_db, how):
        mtime = demo_db.stat().st_mtime_ns
        _check(str(demo_db), f"its {how}'s permissions do not allow changes", tmp_path, capsys)
        assert demo_db.stat().st_mtime_ns == mtime
    # Writable again: the same commands write.
    assert run(["--db", str(demo_db), "addons", "--disable", "stock-management"], capsys)[0] == 0


def test_a_select_only_role_refuses_writes_in_one_line(
    pg_url: str, pg_cluster: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_store(database_target(pg_url)).close()  # the demo, written by the owner
    with select_only_role(pg_cluster, pg_url) as url:
        role = url.split("//")[1].split("@")[0]
        _check(url, f"the role {role} may only read it", tmp_path, capsys)


def test_an_older_read_only_file_is_read_without_being_upgraded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).parents[1] / "store" / "data" / "release-1.db", db)
    before = _schema_version(db)
    with _protected(db, "file"):
        status, out, err = run(["--db", str(db), "addons", "--enable", "stock-management"], capsys)
        assert (status, out) == (2, "") and "is read-only" in err and err.count("\n") == 1
        status, out, err = run(["--db", str(db), "export", DEMO], capsys)
        assert (status, err) == (0, "") and json.loads(out)["configurator"]["name"] == DEMO
    assert _schema_version(db) == before  # upgraded in a copy in memory, never in place


def _schema_version(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()
