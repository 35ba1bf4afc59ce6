"""A PostgreSQL role that may only read a test database (SELECT on every table, nothing else)."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator

from desktop.support.pg_cluster import Cluster

_count = itertools.count(1)


@contextlib.contextmanager
def select_only_role(pg_cluster: Cluster, pg_url: str) -> Iterator[str]:
    """pg_url (a database whose tables exist) reached as a new SELECT-only role; dropped after."""
    import psycopg

    role = f"reader_{os.getpid()}_{next(_count)}"
    db = pg_url.rsplit("/", 1)[1]
    admin = f"host=127.0.0.1 port={pg_cluster.port} user=postgres dbname={db}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
    try:
        yield pg_url.replace("//postgres@", f"//{role}@")
    finally:
        with contextlib.suppress(psycopg.Error), psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')
