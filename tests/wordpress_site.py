"""A throwaway WordPress for the tests: Debian's WordPress core on a private MariaDB.

`start_site()` runs `mariadb-install-db` into a temporary folder, starts `mariadbd` there on a
unix socket only (no TCP), creates a database, writes a small loader (the constants a
wp-config.php defines, then `wp-settings.php` of /usr/share/wordpress) and installs WordPress
with `wp_install()` from php-cli: no web server. `Site.php(code)` runs PHP inside that
WordPress. The helpers store a configurator as WP Configurator does, export with core's own
`export_wp()`, import a WXR file as the WordPress Importer plugin does (its steps are written
here in PHP, docs/wordpress-format.md, since the plugin is not packaged), and read meta back.

The plugin itself is not needed: only its post type, registered by the loader.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from tests.wordpress_php import IMPORTER, LOADER

WORDPRESS = Path(os.environ.get("WORDPRESS_DIR", "/usr/share/wordpress"))
POST_TYPE = "amz_configurator"


class StoredPost(TypedDict):
    """A post as WordPress gives it back: its meta rows (key, stored text) in meta order."""

    title: str
    status: str
    type: str
    meta: list[tuple[str, str]]


class SiteUnavailable(RuntimeError):
    """No WordPress could be started here; the message says why."""


class PhpFailed(RuntimeError):
    """PHP code run in the site failed; the message holds PHP's own output."""


def _program(*names: str) -> str:
    for name in names:
        found = shutil.which(name) or next(
            (str(Path(d) / name) for d in ("/usr/sbin", "/usr/bin") if (Path(d) / name).exists()),
            None,
        )
        if found:
            return found
    raise SiteUnavailable(f"{names[0]} is not installed")


def php_cli() -> str:
    """The php-cli program with the XML and MySQL extensions WordPress needs."""
    php = _program("php")
    modules = subprocess.run([php, "-m"], capture_output=True, text=True, check=False).stdout
    for needed in ("mysqli", "dom", "SimpleXML"):
        if needed not in modules.split():
            raise SiteUnavailable(f"php has no {needed} extension (php-mysql, php-xml)")
    return php


def run_php(php: str, script: str, timeout: float = 120) -> str:
    """Run a PHP script (given as source) with php-cli; its standard output, or PhpFailed."""
    done = subprocess.run(
        [
            php,
            "-d",
            "display_errors=stderr",
            "-d",
            "error_reporting=E_ALL",
            "-d",
            "memory_limit=1G",
        ],
        input=script.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=timeout,
    )
    errors = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 or "PHP Fatal" in errors or "PHP Warning" in errors:
        raise PhpFailed(f"php exited {done.returncode}: {errors or done.stdout[-2000:]!r}")
    return done.stdout.decode("utf-8")


def php_literal(value: object) -> str:
    """PHP source for a value, built without the serializer under test.

    Strings are single-quoted (only `\\` and `'` escaped), floats written so PHP parses the
    same double, keys as PHP array literals take them (a numeric string becomes an int).
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return "PHP_INT_MIN" if value == -(2**63) else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NAN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        text = repr(value)
        return f"({text})" if value < 0 or text.startswith("-") else text
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, dict | list | tuple):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        return "[" + ", ".join(f"{php_literal(k)} => {php_literal(v)}" for k, v in items) + "]"
    raise TypeError(f"no PHP literal for {type(value).__name__}")


@dataclass
class Site:
    """A running WordPress: its folder, its database server and the php that loads it."""

    folder: Path
    php_program: str
    server: subprocess.Popen[bytes]
    version: str

    @property
    def loader(self) -> Path:
        return self.folder / "load.php"

    def php(self, code: str) -> str:
        """Run PHP `code` inside the site (WordPress loaded); what it printed."""
        script = f"<?php\nrequire {php_literal(str(self.loader))};\n{code}\n"
        return run_php(self.php_program, script)

    def store_configurators(self, configurators: list[tuple[str, dict, str]]) -> list[int]:
        """Configurator posts (title, meta, status) with their meta as the plugin stores them
        (update_post_meta of PHP arrays and strings); their post ids. Values are slashed, so
        WordPress's unslashing leaves backslashes as given."""
        code = f"""
foreach ({php_literal(configurators)} as [$title, $meta, $status]) {{
    $id = wp_insert_post(wp_slash(['post_title' => $title, 'post_type' => '{POST_TYPE}',
        'post_status' => $status]), true);
    if (is_wp_error($id)) {{ fwrite(STDERR, 'PHP Fatal: ' . $id->get_error_message()); exit(1); }}
    foreach ($meta as $key => $value) {{ update_post_meta($id, wp_slash($key), wp_slash($value)); }}
    echo $id, ",";
}}
"""
        return [int(part) for part in self.php(code).split(",") if part]

    def export(self) -> bytes:
        """Tools → Export → Configurators: core's export_wp() output, as the browser gets it."""
        code = f"""
require_once ABSPATH . 'wp-admin/includes/export.php';
ob_start();
export_wp(['content' => '{POST_TYPE}']);
echo base64_encode(ob_get_clean());
"""
        return base64.b64decode(self.php(code))

    def import_wxr(self, data: bytes) -> list[int]:
        """Load a WXR file as the WordPress Importer does; the ids of the posts it made or
        found, in file order (docs/wordpress-format.md)."""
        path = self.folder / f"import-{time.monotonic_ns()}.xml"
        path.write_bytes(data)
        try:
            out = self.php(
                f"require {php_literal(str(self.folder / 'importer.php'))};\n"
                f"echo implode(',', wxr_import({php_literal(str(path))}));"
            )
        finally:
            path.unlink()
        return [int(part) for part in out.split(",") if part]

    def posts(self, post_ids: list[int]) -> list[StoredPost]:
        """Each post's title, status and type, and every meta row as WordPress gives it back
        (`get_post_meta($id)`: the stored text, PHP's serialize() for arrays) in meta order."""
        code = f"""
$found = [];
foreach ({php_literal(post_ids)} as $id) {{
    $post = get_post($id);
    $meta = [];
    foreach (get_post_meta($id) as $key => $values) {{
        foreach ($values as $value) {{ $meta[] = [(string) $key, base64_encode($value)]; }}
    }}
    $found[] = ['title' => $post->post_title, 'status' => $post->post_status,
        'type' => $post->post_type, 'meta' => $meta];
}}
echo json_encode($found);
"""
        found: list[StoredPost] = json.loads(self.php(code))
        for post in found:
            post["meta"] = [(k, base64.b64decode(v).decode("utf-8")) for k, v in post["meta"]]
        return found

    def configurator_ids(self) -> list[int]:
        code = f"""echo implode(',', get_posts(['post_type' => '{POST_TYPE}',
    'post_status' => 'any', 'numberposts' => -1, 'fields' => 'ids', 'order' => 'ASC',
    'orderby' => 'ID']));"""
        return [int(part) for part in self.php(code).split(",") if part]

    def delete_configurators(self) -> None:
        """Every configurator gone for good, so the next test starts from an empty site."""
        self.php(
            f"foreach (get_posts(['post_type' => '{POST_TYPE}', 'post_status' => 'any',"
            " 'numberposts' => -1, 'fields' => 'ids']) as $id) { wp_delete_post($id, true); }"
        )


def start_site() -> Site:
    """Start MariaDB and install WordPress in a new temporary folder (SiteUnavailable if not)."""
    if not (WORDPRESS / "wp-settings.php").exists():
        raise SiteUnavailable(f"no WordPress core in {WORDPRESS} (Debian's wordpress package)")
    php = php_cli()
    install_db = _program("mariadb-install-db", "mysql_install_db")
    server_program = _program("mariadbd", "mysqld")
    admin = _program("mariadb-admin", "mysqladmin")
    client = _program("mariadb", "mysql")
    folder = Path(tempfile.mkdtemp(prefix="configurator-editor-wp-"))
    socket = folder / "mysqld.sock"
    as_user = ["--user=root"] if os.geteuid() == 0 else []
    try:
        _check_run(
            [
                install_db,
                "--no-defaults",
                f"--datadir={folder / 'data'}",
                *as_user,
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            "mariadb-install-db",
        )
        log = (folder / "server.log").open("wb")
        server = subprocess.Popen(
            [
                server_program,
                "--no-defaults",
                f"--datadir={folder / 'data'}",
                *as_user,
                "--skip-networking",
                f"--socket={socket}",
                f"--pid-file={folder / 'mysqld.pid'}",
                f"--log-error={folder / 'server.log'}",
                "--innodb-buffer-pool-size=32M",
                "--innodb-flush-log-at-trx-commit=0",
                "--skip-log-bin",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        site = Site(folder, php, server, "")
        try:
            _wait_for_server(admin, socket, server, folder)
            _check_run(
                [
                    client,
                    "--no-defaults",
                    "-uroot",
                    f"--socket={socket}",
                    "-e",
                    "CREATE DATABASE wordpress CHARACTER SET utf8mb4",
                ],
                "create database",
            )
            _write_loader(site, socket)
            site.version = run_php(
                php,
                "<?php\ndefine('WP_INSTALLING', true);\n"
                f"require '{site.loader}';\n"
                "require_once ABSPATH . 'wp-admin/includes/upgrade.php';\n"
                "wp_install('Example Shop', 'admin', 'admin@example.invalid',"
                " false, '', 'password');\n"
                "echo get_bloginfo('version');",
            ).strip()
        except BaseException:
            stop_site(site)
            raise
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return site


def stop_site(site: Site) -> None:
    """Stop the database server and remove the site's folder."""
    with contextlib.suppress(ProcessLookupError):
        site.server.terminate()
    try:
        site.server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        site.server.kill()
        site.server.wait()
    shutil.rmtree(site.folder, ignore_errors=True)


def _check_run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=180)
    if done.returncode != 0:
        raise SiteUnavailable(f"{what} failed: {(done.stderr or done.stdout).strip()[-500:]}")


def _wait_for_server(
    admin: str, socket: Path, server: subprocess.Popen[bytes], folder: Path
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (folder / "server.log").read_text(errors="replace")[-500:]
            raise SiteUnavailable(f"mariadbd stopped at start: {log}")
        ping = subprocess.run(
            [admin, "--no-defaults", "-uroot", f"--socket={socket}", "ping"],
            capture_output=True,
            check=False,
        )
        if ping.returncode == 0:
            return
        time.sleep(0.1)
    raise SiteUnavailable("mariadbd did not answer on its socket within 60 s")


def _write_loader(site: Site, socket: Path) -> None:
    content = site.folder / "wp-content"
    for part in ("plugins", "themes", "uploads"):
        (content / part).mkdir(parents=True, exist_ok=True)
    constants = {
        "DB_NAME": "wordpress",
        "DB_USER": "root",
        "DB_PASSWORD": "",
        "DB_HOST": f"localhost:{socket}",
        "DB_CHARSET": "utf8mb4",
        "DB_COLLATE": "",
        "ABSPATH": f"{WORDPRESS}/",
        "WP_CONTENT_DIR": str(content),
        "WP_HOME": "http://localhost",
        "WP_SITEURL": "http://localhost",
    }
    defines = "\n".join(
        f"define({php_literal(k)}, {php_literal(v)});" for k, v in constants.items()
    )
    site.loader.write_text(LOADER.replace("/*CONSTANTS*/", defines), encoding="utf-8")
    (site.folder / "importer.php").write_text(IMPORTER, encoding="utf-8")
