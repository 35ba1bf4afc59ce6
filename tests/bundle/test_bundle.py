"""The application that installs without Python: tools/build_bundle.py builds it, and the bundled
executable then runs, in a clean environment (no Python, no site-packages, no project folder,
only PATH, HOME, the XDG folders, a UTF-8 locale and Qt's offscreen platform), `--version`,
`export`, `storefront --json`, `scenario run`, `preview` and the window up to its first paint,
answering exactly as the installed package does.

It takes a minute or two (the build), so it runs only when asked: `pytest -m bundle`
(.ci/run does, as a step of its own). Needs the [bundle] extra (PyInstaller).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop.application.version import package_version
from desktop.store.demo import open_store

pytestmark = pytest.mark.bundle

REPO = Path(__file__).resolve().parents[2]
NAME = "configurator-editor"
DEMO = "Custom Game Controller"
PURPLE = "Grip Color/Metallic Purple"
PROBE = "CONFIGURATOR_EDITOR_STARTUP_PROBE"
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder tools/build_bundle.py builds, in a temporary place."""
    out = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_bundle.py"),
         "--dist", str(out / "dist"), "--work", str(out / "work")],
        capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    assert "MB on disk" in build.stdout
    return out / "dist" / NAME


@pytest.fixture
def clean(tmp_path: Path) -> dict[str, str]:
    """An environment with nothing of this one: no PYTHONPATH, no virtual environment, a fresh
    home whose XDG folders are empty."""
    home = tmp_path / "home"
    runtime = home / "run"
    runtime.mkdir(parents=True)
    runtime.chmod(0o700)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def run(
    command: Sequence[str | Path], env: dict[str, str], cwd: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, env={**env, **extra},
        cwd=cwd, timeout=120, check=False,
    )  # fmt: skip


def installed(*args: str | Path) -> list[str | Path]:
    """The same command through the installed package, as `configurator-editor` runs it."""
    return [sys.executable, "-m", "desktop", *args]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    open_store(path).close()  # the demo, as on first run
    return path


def test_version_says_the_package_version(
    bundle: Path, clean: dict[str, str], tmp_path: Path
) -> None:
    result = run([bundle / NAME, "--version"], clean, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{NAME} {package_version()}\n"


def test_verbose_version_names_the_bundle_and_what_it_runs_on(
    bundle: Path, clean: dict[str, str], tmp_path: Path, db: Path
) -> None:
    bundled = run([bundle / NAME, "--db", db, "--version", "--verbose"], clean, tmp_path)
    assert (bundled.returncode, bundled.stderr) == (0, "")
    ours = run(installed("--db", db, "--version", "--verbose"), dict(os.environ), tmp_path)
    lines = dict(line.split(": ", 1) for line in bundled.stdout.splitlines()[1:])
    assert lines["Runs from"] == f"bundled application ({bundle.resolve()})"
    assert lines["Database"] == str(db)
    # The same package, Qt, PySide6, Python and SQLite as the environment it was built from.
    expected = dict(line.split(": ", 1) for line in ours.stdout.splitlines()[1:])
    for key in ("Version", "Qt", "PySide6", "Python", "SQLite"):
        assert lines[key] == expected[key], key


def test_export_and_storefront_answer_as_the_installed_package(
    bundle: Path, clean: dict[str, str], tmp_path: Path, db: Path
) -> None:
    checkout = ["storefront", DEMO, "--select", PURPLE, "--qty", "2", "--checkout", "--json"]
    answers = {}
    for args in (
        ["export", DEMO],
        ["storefront", DEMO, "--json"],
        checkout,
        ["storefront", DEMO, "--select", "Grip Color/Nope"],  # a refusal, exit status 2
    ):
        bundled = run([bundle / NAME, "--db", db, *args], clean, tmp_path)
        ours = run(installed("--db", db, *args), dict(os.environ), tmp_path)
        assert (bundled.returncode, bundled.stdout, bundled.stderr) == (
            ours.returncode, ours.stdout, ours.stderr,
        ), args  # fmt: skip
        answers[args[-1]] = bundled
    assert json.loads(answers[DEMO].stdout)["configurator"]["name"] == DEMO
    report = json.loads(answers["--json"].stdout)  # the checkout, the last with --json
    assert report["order"]["backorders"] == [{"path": PURPLE, "units": 2}]
    assert report["stock_after"][PURPLE] == -2
    assert report["order"]["subtotal"] == "108.00"
    assert answers["Grip Color/Nope"].returncode == 2


def test_scenarios_and_the_preview_image_run_from_the_bundle(
    bundle: Path, clean: dict[str, str], tmp_path: Path, db: Path
) -> None:
    scenarios = REPO / "resources" / "scenarios"
    result = run([bundle / NAME, "--db", db, "scenario", "run", scenarios], clean, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(list(scenarios.glob("*.json")))
    assert result.stdout.splitlines()[-1] == f"{count} passed, 0 failed"
    png = tmp_path / "preview.png"
    result = run(
        [bundle / NAME, "--db", db, "preview", DEMO, "--select", PURPLE, "-o", png], clean, tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_window_opens_paints_and_closes_cleanly(
    bundle: Path, clean: dict[str, str], tmp_path: Path
) -> None:
    # No --db: the first start creates the user's database with the demo, as for a merchant.
    result = run([bundle / NAME], clean, tmp_path, **{PROBE: "1"})
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["shown"]
    # Nothing else said: no traceback, no missing plugin or library, no Qt warning but the
    # offscreen platform's own.
    assert [line for line in result.stderr.splitlines() if line != OFFSCREEN_NOISE] == []
    home = Path(clean["HOME"])
    assert (home / ".local" / "share" / NAME / f"{NAME}.db").is_file()
    # Closed as a user closes it: the window saved its layout on the way out.
    assert list((home / ".config").rglob("*.ini"))


def test_the_bundle_leaves_out_what_the_app_does_not_use(bundle: Path) -> None:
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()]
    for unused in ("QtNetwork", "Qt6Network", "QtQml", "QtQuick", "/translations/", "hypothesis",
                   "pytest", "/tls/", "/networkinformation/", "libqeglfs", "libqvnc"):  # fmt: skip
        assert [f for f in files if unused in f] == [], unused
    # Packages that libraries import only when present: a build on a full environment (as CI's)
    # must not carry them.
    top_level = {f.split("/")[1] for f in files if f.startswith("_internal/") and f.count("/") > 1}
    assert top_level.isdisjoint({"IPython", "jedi", "parso", "numpy", "dotenv", "yaml"}), top_level
    # What it needs: the demo, the icons, the desktop entry and icon theme beside the executable.
    for needed in ("demo/custom-game-controller.json", "icons/gear.svg",
                   f"{NAME}.desktop", f"hicolor/512x512/apps/{NAME}.png",
                   "platforms/libqxcb.so", "platforms/libqwayland.so"):  # fmt: skip
        assert any(f.endswith(needed) for f in files), needed


def test_a_team_database_url_is_reached_through_the_bundled_driver(
    bundle: Path, clean: dict[str, str], tmp_path: Path
) -> None:
    # No server listens on port 1: both say so in the same words, which the bundle can only do
    # with the PostgreSQL driver (psycopg and its libpq) inside it.
    url = "postgresql+psycopg://shop:secret@127.0.0.1:1/catalogue"
    bundled = run([bundle / NAME, "--db", url, "addons"], clean, tmp_path)
    ours = run(installed("--db", url, "addons"), dict(os.environ), tmp_path)
    assert (bundled.returncode, bundled.stderr) == (ours.returncode, ours.stderr) == (
        2, bundled.stderr,
    )  # fmt: skip
    if importlib.util.find_spec("psycopg") is not None:  # the [postgres] extra was installed
        assert "cannot be reached" in bundled.stderr
    assert "secret" not in bundled.stderr
