"""A throwaway PostgreSQL cluster for the tests and the benchmark: initdb into a temporary folder,
a server on a free loopback port, stopped and removed at the end.

As root (CI runs as root) the server runs as an unprivileged user, since PostgreSQL refuses to
run as root. Found binaries: PG_BIN, then pg_ctl on PATH, then Debian's /usr/lib/postgresql/*/bin.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


class ClusterUnavailable(RuntimeError):
    """No server could be started here; the message says why."""


@dataclass
class Cluster:
    """A running server: its port, its folder and the pg_ctl that stops it."""

    port: int
    folder: Path
    bin_dir: Path
    run_as: str | None
    version: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *args: str, check: bool = True) -> None:
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), *args]
        _run(command, self.run_as, check=check)

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast", "-w", check=False)

    def start(self) -> None:
        self._pg_ctl("start", "-w", "-t", "30", "-l", str(self.folder / "server.log"))

    def restart(self) -> None:
        self.stop()
        self.start()

    def running(self) -> bool:
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "status"]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, capture_output=True, check=False).returncode == 0


def _bin_dir() -> Path:
    candidates = [os.environ.get("PG_BIN", "")]
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise ClusterUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found")


def _run(command: list[str], run_as: str | None, check: bool = True) -> str:
    if run_as is not None:
        command = ["runuser", "-u", run_as, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if check and done.returncode != 0:
        raise ClusterUnavailable(f"{' '.join(command)}: {done.stderr.strip() or done.stdout}")
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_cluster() -> Cluster:
    bin_dir = _bin_dir()
    run_as = None
    if os.geteuid() == 0:
        run_as = next((name for name in ("postgres", "nobody") if _user_exists(name)), None)
        if run_as is None:
            raise ClusterUnavailable("running as root and no unprivileged user to run the server")
    folder = Path(tempfile.mkdtemp(prefix="configurator-editor-pg-"))
    if run_as is not None:
        user = pwd.getpwnam(run_as)
        os.chown(folder, user.pw_uid, user.pw_gid)
    data = folder / "data"
    _run(
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        run_as,
    )
    port = _free_port()
    with (data / "postgresql.conf").open("a") as conf:
        conf.write(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{folder}'\nfsync = off\n"
            "synchronous_commit = off\nfull_page_writes = off\nmax_connections = 200\n"
        )
    version = _run([str(bin_dir / "postgres"), "--version"], None).strip()
    cluster = Cluster(port, folder, bin_dir, run_as, version)
    try:
        cluster.start()
    except ClusterUnavailable:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    cluster.stop()
    shutil.rmtree(cluster.folder, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
