"""Only regular files are read as images (docs/files-and-images.md): a named pipe, a device or
a socket named as an image is refused at once, naming it, never opened for a read that would
wait for ever. Each read here runs under a time guard, so a regression fails, not hangs."""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.store import regular_files
from desktop.store.images import ImageError, check_image
from desktop.store.media import place_file, resolve_image

from .test_import_safety import YELLOW_IMAGE, db, exchange_file, png, refused, state  # noqa: F401

REPO = Path(__file__).resolve().parents[2]
GUARD_S = 30  # far beyond what refusing takes; a read that waits on a pipe never ends


def guarded(call: Callable[[], Any]) -> Any:
    """call() run in a thread: its result or exception, or a failure when it does not end."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test, below
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(GUARD_S)
    if thread.is_alive():
        pytest.fail(f"still blocked after {GUARD_S} s: the file was opened as if regular")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.png"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.png"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def test_a_pipe_is_refused_as_an_image_without_waiting(fifo: Path) -> None:
    with pytest.raises(ImageError, match=r"^is a named pipe \(FIFO\), not a regular file$"):
        guarded(lambda: check_image(fifo))


def test_devices_sockets_and_folders_are_refused_by_what_they_are(
    unix_socket: Path, tmp_path: Path
) -> None:
    for path, kind in [
        (Path("/dev/zero"), "a character device"),
        (unix_socket, "a socket"),
        (tmp_path, "a folder"),
    ]:
        with pytest.raises(ImageError, match=f"^is {kind}, not a regular file$"):
            guarded(functools.partial(check_image, path))


def test_a_file_swapped_for_a_pipe_after_the_look_is_still_never_waited_on(
    fifo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race a look-then-open leaves: the look saw a regular file, the open finds a pipe.
    Staged by having the look answer for a regular file (the only way to time the swap)."""
    regular = tmp_path / "real.png"
    regular.write_bytes(png())
    looked = os.stat(regular)
    monkeypatch.setattr(regular_files.os, "stat", lambda path: looked)
    with pytest.raises(regular_files.NotRegularFile, match="named pipe"):
        guarded(lambda: regular_files.open_regular(fifo))


def test_copying_a_pipe_into_the_media_folder_is_refused_and_leaves_nothing(
    fifo: Path, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    with pytest.raises(regular_files.NotRegularFile):
        guarded(lambda: place_file(fifo, media, "images/pipe.png"))
    assert [p.name for p in (media / "images").iterdir()] == []


def test_a_pipe_in_the_media_folder_is_not_an_image_of_a_layer(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.db"
    (tmp_path / "shop-media" / "images").mkdir(parents=True)
    os.mkfifo(tmp_path / "shop-media" / "images" / "x.png")
    assert guarded(lambda: resolve_image(db_path, "images/x.png")) is None


def test_an_import_naming_a_pipe_is_refused_naming_the_field(
    db: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = exchange_file(tmp_path / "import")
    (path.parent / "images").mkdir()
    os.mkfifo(path.parent / "images" / "grip-yellow.png")
    guarded(lambda: refused(db, path, '"images/grip-yellow.png" is a named pipe (FIFO)'))


def test_the_import_command_refuses_a_pipe_in_one_line(tmp_path: Path) -> None:
    path = exchange_file(tmp_path / "import")
    (path.parent / "images").mkdir()
    os.mkfifo(path.parent / "images" / "grip-yellow.png")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    try:
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--db", str(tmp_path / "s.db"), "import", str(path)],
            capture_output=True, text=True, env=env, timeout=GUARD_S * 2, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("configurator-editor import waited on the pipe")
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"{YELLOW_IMAGE}: " in result.stderr
    assert '"images/grip-yellow.png" is a named pipe (FIFO), not a regular file' in result.stderr
