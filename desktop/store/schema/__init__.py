"""The schema and its migrations, one Alembic definition for SQLite and PostgreSQL.

The revisions under `versions/` are numbered 0001, 0002…; revision n is schema version n, the
number a SQLite file of ours also keeps in `PRAGMA user_version` (which the first release's
hand-written steps wrote), so such a file is recognised, refused when newer, and upgraded in
place from where it stands. No env.py: the application runs the revisions itself, on the
connection (and inside the transaction) it already holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect

# Alembic is imported where a migration runs, not on every start: it costs a tenth of a
# second that a command on an up-to-date database (storefront, export) never needs.
if TYPE_CHECKING:
    from alembic.runtime.migration import MigrationContext, RevisionStep
    from alembic.script import ScriptDirectory

SCRIPTS = Path(__file__).parent
# The newest revision; a test checks it is the head of versions/.
SCHEMA_VERSION = 8
VERSION_TABLE = "alembic_version"


def _script() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    return ScriptDirectory.from_config(config)


def revision_id(version: int) -> str:
    return f"{version:04d}"


def head_version() -> int:
    head = _script().get_current_head()
    assert head is not None  # versions/ holds revisions
    return int(head)


def current_version(connection: Connection) -> int | None:
    """The schema version the database's Alembic table records; None when it has none."""
    from alembic.runtime.migration import MigrationContext

    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    current = MigrationContext.configure(connection).get_current_revision()
    return None if current is None else int(current)


def upgrade(
    connection: Connection, from_version: int = 0, to_version: int = SCHEMA_VERSION
) -> None:
    """Bring the database on connection to to_version (an older one only in tests, to make a
    database as an earlier release left it) inside the caller's transaction.

    from_version is where a database stands that predates Alembic (the first release's
    `PRAGMA user_version`); it is recorded first, so only the missing revisions run.
    """
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.runtime.migration import MigrationContext

    script = _script()
    if from_version and current_version(connection) is None:
        MigrationContext.configure(connection).stamp(script, revision_id(from_version))

    def steps(heads: tuple[str, ...], _context: MigrationContext) -> list[RevisionStep]:
        # What `alembic upgrade` runs, without its command-line configuration. Alembic passes
        # the database's heads (MigrationContext.get_current_heads) where its annotation says str.
        return script._upgrade_revs(revision_id(to_version), heads)  # type: ignore[arg-type]  # see above

    with EnvironmentContext(Config(), script, fn=steps) as env:
        env.configure(connection=connection, transactional_ddl=False)
        env.run_migrations()
