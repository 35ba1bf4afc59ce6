"""A team database on a PostgreSQL server (docs/team-database.md): the same tables, rules and writes
as a
SQLite file, reached by URL (`postgresql+psycopg://user:password@host:5432/name`).

`--db` and `CONFIGURATOR_EDITOR_DB` take either a file path or such a URL; `database_target`
tells them apart. A server database keeps its layers' images in a local folder named after the
server and database (under the user's data folder), as a file keeps them beside itself.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import NoSuchModuleError, SQLAlchemyError
from sqlmodel import create_engine

from .data_folder import default_database_path
from .database_error import DatabaseError
from .db_url import ServerUrlError, parse_server_url, scrub, shown, without_secrets
from .schema import SCHEMA_VERSION, current_version, upgrade
from .transaction import WRITE_LOCK_KEY

__all__ = ["ServerUrlError"]  # raised here, defined with the URL rules (db_url)

ENV_VARIABLE = "CONFIGURATOR_EDITOR_DB"
# Seconds to wait for a server that does not answer, before saying it cannot be reached.
CONNECT_TIMEOUT_S = 5
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """A database on a server, as the user gave its URL; str() hides every secret in it
    (docs/database-urls.md)."""

    url: str

    def __str__(self) -> str:
        return shown(make_url(self.url))

    def without_secrets(self) -> str:
        """The URL with its secrets left out, fit to be stored (the recent-databases list)."""
        return without_secrets(make_url(self.url))

    def scrub(self, text: str) -> str:
        """text with any secret of this URL in it masked (a driver's message may quote one)."""
        return scrub(text, make_url(self.url))

    @property
    def media_stand_in(self) -> Path:
        """A path whose media folder (`media_dir`) holds this database's images locally."""
        parsed = make_url(self.url)
        # A service (pg_service.conf) may name the database instead of the URL.
        database = parsed.database or f"service-{parsed.query.get('service', '')}"
        name = f"{parsed.host or 'local'}-{parsed.port or 5432}-{database}"
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        return default_database_path().parent / "servers" / f"{safe}.db"


DatabaseTarget = Path | ServerAddress


def database_target(text_or_path: str | Path) -> DatabaseTarget:
    """A file path, or a server URL (anything that starts like `scheme://`)."""
    value = str(text_or_path)
    if not _URL_LIKE.match(value):
        return Path(value)
    return ServerAddress(parse_server_url(value).render_as_string(hide_password=False))


def default_target() -> DatabaseTarget | None:
    """What CONFIGURATOR_EDITOR_DB names, when it is set."""
    value = os.environ.get(ENV_VARIABLE, "").strip()
    return database_target(value) if value else None


def server_engine(address: ServerAddress) -> Engine:
    try:
        return create_engine(
            address.url,
            # A connection a restarted server dropped is found and replaced before use, so
            # the first edit after a restart is saved rather than failing once.
            pool_pre_ping=True,
            connect_args={
                "connect_timeout": CONNECT_TIMEOUT_S,
                "application_name": "configurator-editor",
            },
        )
    except (NoSuchModuleError, ModuleNotFoundError):
        raise ServerUrlError(
            "the PostgreSQL driver is not installed; install it with "
            "pip install 'configurator-editor[postgres]'"
        ) from None


def prepare_server(engine: Engine, address: ServerAddress, create: bool) -> bool:
    """Create or upgrade our tables in the server's database; True when they were created.

    Raises DatabaseError for a database that holds another application's tables, or ours from
    a newer release, having changed nothing. Two editors opening at once queue on a lock.
    """
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})
        version = current_version(conn)
        if version is None:
            if inspect(conn).get_table_names():
                raise DatabaseError(
                    f"{address} holds tables of another application, not a Configurator "
                    "Editor database; it was left untouched"
                )
            if not create:
                raise DatabaseError(f"{address} is empty: it holds no Configurator Editor data yet")
        elif version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{address} was written by a newer Configurator Editor (schema version "
                f"{version}; this version reads up to {SCHEMA_VERSION}); it was left untouched"
            )
        if version != SCHEMA_VERSION:
            upgrade(conn)
    return version is None


def describe_server_failure(address: ServerAddress, exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    reason = address.scrub(" ".join(str(original).split()) or type(original).__name__)
    if isinstance(exc, SQLAlchemyError) and "connect" in reason.lower():
        return f"the database server of {address} cannot be reached ({reason})"
    return f"{address} could not be used ({reason})"
