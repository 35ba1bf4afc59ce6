"""No raw read of a file reaches the open database (docs/reliability.md): an image chosen or
copied, or decoded for the preview, that is the open database or its -wal/-shm is refused
before it is opened, so this process keeps every lock it holds on the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.store.database import open_database
from desktop.store.images import ImageError, check_image
from desktop.store.regular_files import OpenDatabaseFile, read_regular

from ..locks import held_locks

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="POSIX locks are listed in /proc/locks on Linux only"
)


def _side_files(path: Path) -> list[Path]:
    return [path, *(p for p in (path.with_name(path.name + "-wal"),) if p.exists())]


def test_an_image_that_is_the_open_database_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    database = open_database(path)
    try:
        with database.session() as session:
            session.connection().exec_driver_sql("SELECT count(*) FROM configurator").all()
            before = held_locks(path)
            assert before, "the session holds no lock on its database: nothing to check"
            for candidate in _side_files(path):
                with pytest.raises(ImageError, match=r"is the open database shop\.db"):
                    check_image(candidate)
                with pytest.raises(OpenDatabaseFile):
                    read_regular(candidate, 1024)
            assert held_locks(path) == before
    finally:
        database.close()
