"""A team database's password is never shown nor stored in clear, whatever the URL's form, on
every surface that names the database; a URL that cannot be used is one line, exit status 2
(docs/database-urls.md)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.store.database import default_database_path
from desktop.store.demo import open_store
from desktop.store.server import ServerAddress, database_target
from desktop.ui.editing.document import Document
from desktop.ui.window.main_window import MainWindow, open_initial, window_settings
from tests.files import run

SECRET = "Hunter2"


@dataclass(frozen=True)
class Form:
    """A way of writing the URL of the test database; {port} and {db} are filled in. env:
    environment variables it needs (PGPASSWORD, a service file). secrets: the texts that must
    never be seen (a percent-encoded password in both spellings)."""

    name: str
    template: str
    secrets: tuple[str, ...] = (SECRET,)
    env: tuple[tuple[str, str], ...] = ()


HOST = "postgres:{pw}@127.0.0.1:{port}/{db}"
FORMS = [
    Form("user-info", f"postgresql+psycopg://{HOST.replace('{pw}', SECRET)}"),
    Form("postgresql scheme", f"postgresql://{HOST.replace('{pw}', SECRET)}"),
    Form("postgres scheme", f"postgres://{HOST.replace('{pw}', SECRET)}"),
    Form("localhost", f"postgresql://postgres:{SECRET}@localhost:{{port}}/{{db}}"),
    Form(
        "password query",
        f"postgresql+psycopg://postgres@127.0.0.1:{{port}}/{{db}}?password={SECRET}",
    ),
    Form(
        "password query among others",
        f"postgresql://postgres@127.0.0.1:{{port}}/{{db}}?sslmode=disable&password={SECRET}"
        "&application_name=shop",
    ),
    Form(
        "both at once",
        f"postgresql://postgres:{SECRET}@127.0.0.1:{{port}}/{{db}}?password={SECRET}",
    ),
    Form(
        "everything in the query",
        f"postgresql:///{{db}}?host=127.0.0.1&port={{port}}&user=postgres&password={SECRET}",
    ),
    Form(
        "percent-encoded @",
        "postgresql://postgres:Hunt%40er2@127.0.0.1:{port}/{db}",
        ("Hunt@er2", "Hunt%40er2"),
    ),
    Form(
        "percent-encoded / : and space",
        "postgresql://postgres:Hu%2Fnt%3Aer%202@127.0.0.1:{port}/{db}",
        ("Hu/nt:er 2", "Hu%2Fnt%3Aer%202", "Hu%2Fnt%3Aer+2"),
    ),
    Form(
        "sslpassword query", f"postgresql://postgres@127.0.0.1:{{port}}/{{db}}?sslpassword={SECRET}"
    ),
    Form(
        "PGPASSWORD", "postgresql://postgres@127.0.0.1:{port}/{db}", env=(("PGPASSWORD", SECRET),)
    ),
    Form("service file", "postgresql://?service=shop_{db}"),
]


def _service_file(folder: Path, port: int, db: str) -> Path:
    path = folder / "pg_service.conf"
    path.write_text(
        f"[shop_{db}]\nhost=127.0.0.1\nport={port}\ndbname={db}\nuser=postgres\n"
        f"password={SECRET}\n"
        f"[shop_nosuch]\nhost=127.0.0.1\nport={port}\ndbname=nosuch\nuser=postgres\n"
        f"password={SECRET}\n",
        encoding="utf-8",
    )
    return path


def _url(form: Form, port: int, db: str) -> str:
    return form.template.format(port=port, db=db)


@pytest.fixture
def log_everything(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record of every library (SQLAlchemy's, psycopg's) at DEBUG."""
    caplog.set_level(logging.DEBUG)
    yield caplog


def _settings_on_disk(folder: Path) -> str:
    return "\n".join(p.read_text("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_no_surface_shows_or_stores_the_password(
    form: Form,
    pg_url: str,
    qtbot: Any,
    tmp_path: Path,
    isolated_qsettings: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    log_everything: pytest.LogCaptureFixture,
) -> None:
    port = int(re.search(r":(\d+)/", pg_url).group(1))  # type: ignore[union-attr]
    db = pg_url.rsplit("/", 1)[1]
    for name, value in form.env:
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PGSERVICEFILE", str(_service_file(tmp_path, port, db)))
    url = _url(form, port, db)
    seen: dict[str, str] = {}

    # --version --verbose, which the README asks users to paste into support requests
    status, out, err = run(["--db", url, "--version", "--verbose"], capsys)
    assert status == 0, err
    seen["--version --verbose"] = out + err
    assert out.splitlines()[-1].startswith("Database: postgresql+psycopg://")

    # the window: its title, About (and its Copy text), the recent list as stored on disk
    target = database_target(url)
    assert isinstance(target, ServerAddress)
    database = open_store(target)
    try:
        document = Document(database)
        window = MainWindow(document)
        qtbot.addWidget(window)
        window.show()
        open_initial(document)
        assert document.configurator is not None  # it really opened: the demo is there
        seen["title"] = window.windowTitle()
        about = window.show_about()
        seen["About"] = about.details.text()
        about.copy()
        seen["About ▸ Copy"] = QApplication.clipboard().text()
        assert "Database: postgresql+psycopg://" in seen["About ▸ Copy"]
        seen["status bar"] = window.statusBar().currentMessage()
        window_settings().sync()
        seen["settings on disk"] = _settings_on_disk(isolated_qsettings)
        stored = window_settings().value("recentDatabases")
        assert (stored if isinstance(stored, str) else stored[0]) == target.without_secrets()

        # a connection that fails (a database that does not exist), in the window and the CLI
        failing = url.replace(f"/{db}", "/nosuch").replace(f"shop_{db}", "shop_nosuch")
        assert failing != url
        assert window.database_actions.open_file(database_target(failing)) is None
        box = window.findChild(QMessageBox, "openDatabaseErrorBox")
        assert box is not None and "nosuch" in box.text()
        seen["window's refusal"] = box.text() + "\n" + window.statusBar().currentMessage()
        status, out, err = run(["--db", failing, "addons"], capsys)
        assert (status, out) == (2, "") and err.count("\n") == 1, err
        assert "nosuch" in err
        seen["CLI's refusal"] = err
    finally:
        database.close()
    seen["log"] = "\n".join(record.getMessage() for record in log_everything.records)
    seen["stderr"] = capsys.readouterr().err
    for surface, text in seen.items():
        for secret in form.secrets:
            assert secret not in text, f"{surface} shows the password: {text!r}"


def test_the_recent_list_reopens_a_team_database_without_its_password(
    pg_url: str, qtbot: Any, isolated_qsettings: Path
) -> None:
    url = pg_url + f"?password={SECRET}"
    database = open_store(database_target(url))
    try:
        window = MainWindow(Document(database))
        qtbot.addWidget(window)
        actions = window.database_actions
        stored = window_settings().value("recentDatabases")
        stored = [stored] if isinstance(stored, str) else stored
        assert stored == [pg_url]  # the secret left out, not masked: nothing to reuse
        assert SECRET not in _settings_on_disk(isolated_qsettings)
        file_path = isolated_qsettings / "other.db"
        open_store(file_path).close()
        opened = actions.open_file(file_path)
        assert opened is not None
        menu = opened.database_actions.recent_menu
        opened.database_actions.fill_recent()
        (entry,) = [a for a in menu.actions() if a.data() == pg_url]
        entry.trigger()  # trust authentication: the server asks no password
        again = opened.database_actions.opened_window
        assert again is not None
        assert str(again.document.database.target) == pg_url
        again.close()  # it closes its own database
    finally:
        database.close()


# --- malformed URLs: one line, exit 2, the secret never quoted ----------------------------------
MALFORMED = [
    ("postgresql://shop:Hunter2/catalogue", "port is not a number"),  # the @host forgotten
    ("postgresql+psycopg://shop:Hunter2/catalogue", "user:password@host"),
    ("postgresql://[::1/x", "no closing ]"),
    ("postgresql://h:5432:5433/db", "more than one :port"),
    ("postgresql://shop:Hunter2@h:5432:5433/db", "more than one :port"),
    ("postgresql://h:99999/db", "not a number from 1 to 65535"),
    ("postgresql://shop:Hunter2@h:0/db", "not a number from 1 to 65535"),
    ("postgresql://shop:Hunter2@h:-1/db", "not a number from 1 to 65535"),
    ("postgresql://shop:Hunter2@h:port/db", "port is not a number"),
    ("postgresql://:5432/db", "names a port but no host"),
    ("postgresql://shop:Hunter2@:5432/db", "names a port but no host"),
    ("postgresql://shop:Hun@ter2@host/db", "not a host name"),
    ("postgresql://shop:Hunter2@host", "names no database"),
    ("postgresql://shop:Hunter2@host/", "names no database"),
    ("mysql://shop:Hunter2@host/db", "mysql:// is not a database this editor can use"),
    ("postgresql+asyncpg://shop:Hunter2@host/db", "asks for the driver 'asyncpg'"),
    ("postgresql+nosuch://shop:Hunter2@host/db", "asks for the driver 'nosuch'"),
]


@pytest.mark.parametrize(("url", "words"), MALFORMED)
def test_a_malformed_url_is_one_line_and_exit_2(
    url: str, words: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, err = run(["--db", url, "addons"], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("configurator-editor: error: --db: ") and err.count("\n") == 1
    assert words in err and "Hunter2" not in err and "ter2" not in err
    monkeypatch.setenv("CONFIGURATOR_EDITOR_DB", url)
    status, out, err = run(["export", "1"], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("configurator-editor: error: $CONFIGURATOR_EDITOR_DB: ")
    assert err.count("\n") == 1 and words in err and "ter2" not in err


def test_a_bad_query_value_is_refused_by_the_server_in_one_line(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Read by libpq, not by us: its refusal is one line and the password stays hidden.
    status, out, err = run(["--db", f"{pg_url}?password={SECRET}&port=x:y", "addons"], capsys)
    assert (status, out) == (2, "") and err.count("\n") == 1
    assert SECRET not in err and "password=***" in err


def test_version_still_answers_when_the_default_url_is_malformed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFIGURATOR_EDITOR_DB", "postgresql://shop:Hunter2/catalogue")
    status, out, err = run(["--version", "--verbose"], capsys)
    assert (status, err) == (0, "")
    last = out.splitlines()[-1]
    assert last.startswith(f"Database: {default_database_path()} (not $CONFIGURATOR_EDITOR_DB: ")
    assert "postgresql://shop:***/catalogue cannot be read" in last and SECRET not in out


def test_the_window_opens_anyway_on_a_malformed_default_and_says_so(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONFIGURATOR_EDITOR_DB", "postgresql://shop:Hunter2/catalogue")
    seen: dict[str, str] = {}

    def look() -> int:
        (window,) = [
            w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        box = window.findChild(QMessageBox, "databaseProblemBox")
        assert box is not None and box.isVisible()
        seen.update(box=box.text(), status=window.statusBar().currentMessage())
        seen["title"] = window.windowTitle()
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", look)  # the event loop, replaced by a look at the window
    status, _out, err = run([], capsys)  # the editor: no command
    assert status == 0
    expected = (
        "$CONFIGURATOR_EDITOR_DB: postgresql://shop:***/catalogue cannot be read: its port is "
        "not a number from 1 to 65535 (a password goes before the host: user:password@host); "
        f"opened {default_database_path()} instead"
    )
    assert seen["box"] == expected
    assert seen["status"].startswith("$CONFIGURATOR_EDITOR_DB: postgresql://shop:***/catalogue")
    assert seen["title"].endswith(f"{default_database_path().name} — Configurator Editor")
    assert default_database_path().exists()  # the user's own file, with the demo
    assert SECRET not in "".join(seen.values())
    assert err == f"configurator-editor: warning: {expected.replace('opened', 'opening')}\n"
