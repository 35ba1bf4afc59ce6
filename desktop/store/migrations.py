"""Opening a SQLite file of ours at any schema version: the Alembic revisions in `schema` run
on the file's own connection, in one transaction, and the file keeps its marks of ownership.

A SQLite file records its schema version in `PRAGMA user_version` and carries our
`application_id`, so a file that is not ours is never mistaken for an empty one and a newer one
is refused before anything is written.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from .schema import SCHEMA_VERSION, upgrade

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "migrate"]

# 'CFGE': marks a SQLite file as ours, so a foreign database is never mistaken for an empty one.
APPLICATION_ID = 0x43464745


def migrate(
    connection: sqlite3.Connection, from_version: int, to_version: int = SCHEMA_VERSION
) -> None:
    """Bring a database from `from_version` to to_version (SCHEMA_VERSION but in tests that
    make an older one) in one transaction.

    connection is in autocommit mode (isolation_level None) with foreign keys off, so the
    transaction is ours (BEGIN IMMEDIATE: no other writer gets in between) and a rebuilt table
    does not cascade into the rows that refer to it.
    """
    if from_version >= to_version:
        return
    # The application's SQLAlchemy engine is not made yet; this one only borrows connection.
    engine = create_engine(
        "sqlite://", creator=lambda: connection, poolclass=StaticPool, pool_reset_on_return=None
    )
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            upgrade(conn, from_version, to_version)
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.exec_driver_sql(f"PRAGMA user_version = {to_version}")
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
