"""Fixtures the store's tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from desktop.store.database import open_database


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """A session on a new, empty database file."""
    db = open_database(tmp_path / "store.db")
    try:
        with db.session() as s:
            yield s
    finally:
        db.close()
