"""The command line on a team database (docs/team-database.md): --db takes a URL,
CONFIGURATOR_EDITOR_DB sets
the default, and a bad or unreachable one is one line with exit status 2."""

from __future__ import annotations

import json
import socket

import pytest

from tests.files import run

DEMO = "Custom Game Controller"


def test_every_command_works_on_a_server_database(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", pg_url, "addons", "--disable", "stock-management"], capsys)[:2] == (
        0,
        "stock-management: disabled\n",
    )
    status, out, err = run(["--db", pg_url, "export", DEMO], capsys)
    assert (status, err) == (0, "")
    exported = json.loads(out)
    assert exported["configurator"]["name"] == DEMO
    status, out, err = run(
        ["storefront", DEMO, "--db", pg_url, "--select", "Grip Color/Metallic Purple", "--json"],
        capsys,
    )
    assert (status, err) == (0, "")
    assert "Grip Color/Metallic Purple" in json.loads(out)["selection"]


def test_the_environment_names_the_default_database(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFIGURATOR_EDITOR_DB", pg_url)
    assert run(["addons"], capsys)[:2] == (0, "stock-management: enabled\n")
    status, out, _ = run(["--db", pg_url, "export", DEMO], capsys)
    assert status == 0 and DEMO in out


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--db", "mysql://me@host/shop", "addons"], "--db: mysql:// is not a database"),
        (["--db", "postgresql://me@host", "addons"], "names no database"),
        (
            ["--db", f"postgresql://me:secret@127.0.0.1:{_closed_port()}/shop", "addons"],
            "cannot be reached",
        ),
    ],
)
def test_a_bad_or_unreachable_url_is_one_line_without_the_password(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(argv, capsys)
    assert (status, out) == (2, "")
    assert words in err and err.count("\n") == 1 and "secret" not in err
