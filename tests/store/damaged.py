"""Databases broken on purpose, as a disk fault or a merchant with a SQLite browser leaves them:
pages overwritten with garbage behind an intact header, rows edited past the rules, a lock that
another program holds."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.store.server import DatabaseTarget


def page_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def root_page(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        query = "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?"
        return int(conn.execute(query, (table,)).fetchone()[0])
    finally:
        conn.close()


def damage_pages(path: Path, pages: list[int] | None = None, seed: int = 0) -> None:
    """Overwrite the second half of each page (where SQLite keeps the rows' contents) with
    random bytes: page 1, with the header and the schema, stays intact, so the file still
    opens and fails only when the damaged rows are read. pages: 1-based (default: 2 to n)."""
    assert not path.with_name(path.name + "-wal").exists(), "checkpoint the database first"
    size = page_size(path)
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    for page in pages or range(2, len(data) // size + 1):
        start = (page - 1) * size + size // 2
        data[start : start + size // 2] = rng.randbytes(size // 2)
    path.write_bytes(bytes(data))


def is_damaged(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def hand_edit(path: Path, *statements: str) -> None:
    """Run SQL as a person editing the file would: no foreign keys, CHECKs ignored."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def hand_edit_target(target: DatabaseTarget, statement: str, **params: object) -> None:
    """One statement (`:name` parameters) run straight on a file, as hand_edit does, or on a
    server database (a ServerAddress) as psql would: past every check of ours."""
    if isinstance(target, Path):
        file = sqlite3.connect(target, isolation_level=None)
        try:
            file.execute("PRAGMA foreign_keys = OFF")
            file.execute(statement, params)
        finally:
            file.close()
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(target.url)
    try:
        with engine.begin() as server:
            server.execute(text(statement), params)
    finally:
        engine.dispose()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another program holds the database's write lock for the duration."""
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
