"""Suite-wide setup: headless Qt, and no test ever sees the user's real data or settings."""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TypedDict

import pytest
from hypothesis import HealthCheck, settings

from desktop.store.server import DatabaseTarget, database_target
from desktop.support.pg_cluster import Cluster, ClusterUnavailable, remove_cluster, start_cluster

os.environ["QT_QPA_PLATFORM"] = "offscreen"

# One Hypothesis profile for the suite; a test sets only how many examples it needs. No
# deadline: how long an example takes is the benchmark's business, and a busy machine would
# fail a timed example that is correct. No example database: tests write only under tmp paths.
settings.register_profile(
    "project",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("project")


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point the data and config directories at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    yield home


# --- PostgreSQL (docs/team-database.md)
# ----------------------------------------------------------------------
# One throwaway server for the whole session; each test gets a database of its own on it.
# In CI (CI=true) a server that cannot start fails the PostgreSQL tests instead of skipping them.
class _ClusterState(TypedDict, total=False):
    cluster: Cluster | None  # None: it could not start
    why: str  # why it could not start


_cluster_state: _ClusterState = {}


def _cluster() -> Cluster:
    if "cluster" not in _cluster_state:
        try:
            _cluster_state["cluster"] = start_cluster()
        except (ClusterUnavailable, OSError, subprocess.SubprocessError) as exc:
            _cluster_state["cluster"] = None
            _cluster_state["why"] = str(exc)
    cluster = _cluster_state["cluster"]
    if cluster is None:
        why = f"PostgreSQL tests cannot run: {_cluster_state['why']}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(why)
        pytest.skip(why)
    return cluster


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    cluster = _cluster_state.get("cluster")
    if cluster is not None:
        remove_cluster(cluster)


_pg_tests: set[str] = set()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Says, in CI's log, that the PostgreSQL tests ran and on which server."""
    cluster = _cluster_state.get("cluster")
    if cluster is not None:
        terminalreporter.write_line(f"postgresql: {len(_pg_tests)} tests ran on {cluster.version}")
    elif "why" in _cluster_state:
        terminalreporter.write_line(f"postgresql: tests did not run: {_cluster_state['why']}")
    if "version" in _wordpress_state:
        terminalreporter.write_line(
            f"wordpress: tests ran on WordPress {_wordpress_state['version']}"
        )
    elif "why" in _wordpress_state:
        terminalreporter.write_line(f"wordpress: tests did not run: {_wordpress_state['why']}")


@pytest.fixture
def collector_off() -> Iterator[None]:
    """The cycle collector off, as desktop.process leaves it before a command runs (and as
    freeing by reference counting alone must work); the test's own state after."""
    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A database file holding the demo, as a first start leaves it (made in-process)."""
    from desktop.store.demo import open_store

    path = tmp_path / "shop.db"
    open_store(path).close()
    return path


@pytest.fixture
def pg_cluster(request: pytest.FixtureRequest) -> Cluster:
    """The session's running PostgreSQL server (desktop/support/pg_cluster.py)."""
    cluster = _cluster()
    _pg_tests.add(request.node.nodeid)
    return cluster


_database_count = itertools.count(1)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database on the session's server, dropped afterwards."""
    import psycopg

    name = f"t{os.getpid()}_{next(_database_count)}"
    admin = f"host=127.0.0.1 port={pg_cluster.port} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_cluster.url(name)
    with contextlib.suppress(psycopg.Error), psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> DatabaseTarget:
    """A database to open, on each engine: a new file, or a new database on the test server."""
    if request.param == "sqlite":
        return tmp_path / "shop.db"
    return database_target(request.getfixturevalue("pg_url"))


# --- WordPress (docs/wordpress.md)
# -----------------------------------------------------------------------
# One throwaway WordPress (Debian's core on a private MariaDB, tests/wordpress_site.py) for the
# session, started by the first test that asks. In CI (CI=true) a WordPress or php-cli that
# cannot run fails those tests instead of skipping them.
_wordpress_state: dict[str, object] = {}


def _unavailable(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="session")
def php_program() -> str:
    """php-cli with the extensions WordPress needs (for comparing with PHP's own serialize)."""
    from tests.wordpress_site import SiteUnavailable, php_cli

    try:
        return php_cli()
    except SiteUnavailable as exc:
        _unavailable(f"PHP tests cannot run: {exc}")
        raise


@pytest.fixture(scope="session")
def wordpress_site() -> Iterator[object]:
    """The session's running WordPress (tests.wordpress_site.Site), removed at the end."""
    from tests.wordpress_site import PhpFailed, SiteUnavailable, start_site, stop_site

    try:
        site = start_site()
    except (SiteUnavailable, PhpFailed, OSError, subprocess.SubprocessError) as exc:
        _wordpress_state["why"] = str(exc)
        _unavailable(f"WordPress tests cannot run: {exc}")
        raise
    _wordpress_state["version"] = site.version
    yield site
    stop_site(site)


@pytest.fixture
def wordpress(wordpress_site: object) -> object:
    """The session's WordPress with no configurator on it (each test starts from an empty site,
    since the importer takes a post of the same title and date for the one it imports)."""
    wordpress_site.delete_configurators()  # type: ignore[attr-defined]
    return wordpress_site
