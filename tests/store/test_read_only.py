"""Reading a database where it is: a file at the current schema is read through a read-only
connection (no copy of the whole catalogue first), never written, and sees what the editor has
committed even while it still sits in the editor's `-wal` file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop.store import repository
from desktop.store.database import Database, open_database, open_read_only
from desktop.store.demo import open_store
from desktop.store.repository import StorageError
from tests.files import digest

from .test_database import make_v1

DEMO = "Custom Game Controller"


def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    open_store(path).close()
    return path


def files_in(folder: Path) -> dict[str, str]:
    """Each file beside the database (its -wal and -shm too) with its digest."""
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


@contextmanager
def read_only(path: Path) -> Iterator[Database]:
    db = open_read_only(path)
    try:
        yield db
    finally:
        db.close()


def test_a_current_file_is_read_where_it_is_and_never_written(tmp_path: Path) -> None:
    path = seeded(tmp_path)
    before = files_in(tmp_path)
    with read_only(path) as db, db.session() as session:
        # The connection is to the file itself, not to an in-memory copy of it.
        (file,) = [row[2] for row in session.connection().exec_driver_sql("PRAGMA database_list")]
        assert file == str(path.resolve())
        demo_id = repository.find_configurator(session, DEMO)
        assert demo_id is not None
        cfg = repository.load_configurator(session, demo_id)
        assert cfg.layers
        with pytest.raises(StorageError):
            repository.set_addon(session, False)
        assert repository.addon_active(session)
    assert files_in(tmp_path) == before  # not a byte changed, no -wal or -shm left behind


def test_the_editors_commits_in_its_wal_file_are_read(tmp_path: Path) -> None:
    path = seeded(tmp_path)
    editor = open_database(path)
    try:
        with editor.session() as session:
            repository.set_addon(session, False)  # committed into shop.db-wal, not yet copied
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 0
        before = files_in(tmp_path)
        with read_only(path) as db, db.session() as session:
            assert repository.addon_active(session) is False
        after = files_in(tmp_path)
        # -shm is the readers' and writers' shared index, not data: every reader of a WAL
        # database, the editor's own included, marks in it what it reads.
        assert after.keys() == before.keys()
        assert {k: v for k, v in after.items() if not k.endswith("-shm")} == {
            k: v for k, v in before.items() if not k.endswith("-shm")
        }
        with editor.session() as session:  # the editor goes on writing
            repository.set_addon(session, True)
    finally:
        editor.close()


def test_a_session_reads_one_snapshot_and_the_next_one_the_latest(tmp_path: Path) -> None:
    """As a copy would: a commit made meanwhile never shows halfway through a session."""
    path = seeded(tmp_path)
    editor = open_database(path)
    try:
        with editor.session() as session:
            repository.set_addon(session, True)  # the editor has the file open: a -wal file
        with read_only(path) as db:
            with db.session() as session:
                assert repository.addon_active(session) is True
                with editor.session() as editing:
                    repository.set_addon(editing, False)
                assert repository.addon_active(session) is True
            with db.session() as session:
                assert repository.addon_active(session) is False
    finally:
        editor.close()


def test_an_old_file_is_migrated_in_a_copy_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v1(path)
    before = files_in(tmp_path)
    with read_only(path) as db, db.session() as session:
        cfg = repository.load_configurator(session, 7)
        assert repository.last_configurator(session) is None  # a column the migrations add
    assert cfg.name == "Old Controller"
    assert files_in(tmp_path) == before
