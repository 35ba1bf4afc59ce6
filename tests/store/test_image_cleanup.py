"""Copied images that end up unused are removed (docs/files-and-images.md): an import killed
at any point leaves, once the database is next opened, no image file that no layer uses; an
import's journal held by a live process (a window that may still redo) is left alone."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.store import repository
from desktop.store.database import open_database
from desktop.store.demo import demo_path
from desktop.store.exchange import import_file, read_json
from desktop.store.image_journal import JOURNAL_PREFIX, TEMP_PREFIX, hold_images
from desktop.store.media import media_dir

REPO = Path(__file__).resolve().parents[2]
FILLER_OPTIONS = 4000  # without images: the insert takes long enough to be killed during it


def import_folder(folder: Path, filler: int = FILLER_OPTIONS) -> Path:
    """The demo with its twelve images beside it, plus a group of `filler` options."""
    folder.mkdir(parents=True)
    shutil.copytree(demo_path().parent / "images", folder / "images")
    data = read_json(demo_path())
    options = [
        {"name": f"Filler {i}", "type": "image", "price": "0.00", "active_on_load": False}
        for i in range(filler)
    ]
    data["configurator"]["layers"].append({"name": "Filler", "type": "group", "children": options})
    path = folder / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def leftovers(db_path: Path) -> tuple[set[str], set[str]]:
    """After an open of the database: (files of the media folder no layer uses, journals
    and temporary copies still there)."""
    database = open_database(db_path)  # the open cleans
    try:
        with database.session() as session:
            used = {
                layer.image
                for summary in repository.list_configurators(session)
                for layer in repository.load_configurator(session, summary.id).walk()
                if layer.image
            }
    finally:
        database.close()
    media = media_dir(db_path)
    files = {p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()}
    tidy = {f for f in files if Path(f).name.startswith((JOURNAL_PREFIX, TEMP_PREFIX))}
    return files - used - tidy, tidy


def images_in(media: Path) -> int:
    folder = media / "images"
    return sum(1 for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else 0


def journal_in(media: Path) -> bool:
    return media.exists() and any(media.glob(f"{JOURNAL_PREFIX}*"))


# The points at which the import is killed, each a state of its media folder.
POINTS: dict[str, Callable[[Path], bool]] = {
    "journal written": journal_in,
    "first image linked": lambda media: images_in(media) >= 1,
    "half the images linked": lambda media: images_in(media) >= 6,
    "every image linked, inserting": lambda media: images_in(media) >= 12,
}


@pytest.mark.parametrize("point", list(POINTS))
def test_an_import_killed_at_any_point_leaves_no_unused_image_after_the_next_open(
    tmp_path: Path, point: str
) -> None:
    source = import_folder(tmp_path / "in")
    db_path = tmp_path / "shop.db"
    open_database(db_path).close()
    media = media_dir(db_path)
    paths = [str(REPO), os.environ.get("PYTHONPATH")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", str(db_path), "import", str(source)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    reached = POINTS[point]
    deadline = time.monotonic() + 120
    try:
        # Polls the folder the child writes: it is the child's progress, not a timing guess.
        while not reached(media) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    unused, tidy = leftovers(db_path)
    assert unused == set(), f"killed at {point!r}"
    assert tidy == set()


def test_a_journal_a_live_process_holds_is_left_alone_until_it_lets_go(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.db"
    database = open_database(db_path)
    with database.session() as session:
        copied: list[Path] = []
        new_id = import_file(session, import_folder(tmp_path / "in", 0), copied=copied)
        repository.delete_configurator(session, new_id)  # as an undo of the import does
    database.close()
    assert len(copied) == 12
    held = hold_images(media_dir(db_path), copied)  # a window that may still redo it
    unused, _ = leftovers(db_path)
    assert unused == {f"images/{file.name}" for file in copied}  # kept for the redo
    assert all(file.exists() for file in copied)
    held.close()  # the window let go (closed, or the step dropped): the next open removes them
    gc.collect()
    assert leftovers(db_path) == (set(), set())
    assert not any(file.exists() for file in copied)


def test_images_a_layer_uses_are_kept_whatever_a_journal_says(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.db"
    database = open_database(db_path)
    with database.session() as session:
        copied: list[Path] = []
        import_file(session, import_folder(tmp_path / "in", 0), copied=copied)
    database.close()
    hold_images(media_dir(db_path), copied).close()  # a journal naming files still in use
    assert leftovers(db_path) == (set(), set())
    assert all(file.exists() for file in copied)


def test_a_temporary_copy_no_journal_names_goes_once_a_day_old(tmp_path: Path) -> None:
    db_path = tmp_path / "shop.db"
    folder = media_dir(db_path) / "images"
    folder.mkdir(parents=True)
    old, new = folder / f"{TEMP_PREFIX}old", folder / f"{TEMP_PREFIX}new"
    for temp in (old, new):
        temp.write_bytes(b"half a copy")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    open_database(db_path).close()
    assert not old.exists()
    assert new.exists()  # perhaps another import's, being written now
