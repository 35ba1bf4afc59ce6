"""Import safety (docs/reliability.md): nothing read outside the imported file's folder, only real
images
(PNG, JPEG, WebP by content, ≤ 20 MB, ≤ 8,192 px a side) under short safe names, and files
written whole or not at all — a refused or failed import leaves the database and the media
folder as they were."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.store import repository
from desktop.store.database import Database, open_database
from desktop.store.demo import demo_path
from desktop.store.exchange import ExchangeError, export_file, import_file, read_json
from desktop.store.images import ImageError, check_image
from desktop.store.media import media_dir, place_file, resolve_image, stored_name

DEMO: dict[str, Any] = read_json(demo_path())
YELLOW_IMAGE = "configurator.layers[1].children[0].image"


def png(width: int = 4, height: int = 3) -> bytes:
    """A small, valid PNG (any size in its header: the checker reads header and end)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * 3 * min(width, 4) for _ in range(2)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "shop.db")
    yield database
    database.close()


def state(db: Database) -> tuple[int, set[str]]:
    """How many configurators, and which files the media folder holds."""
    assert db.path is not None
    folder = media_dir(db.path)
    files = {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()
    with db.session() as session:
        return len(repository.list_configurators(session)), files


def exchange_file(folder: Path, image: str | None = "images/grip-yellow.png") -> Path:
    """The demo as an exchange file in folder, Metallic Yellow's image set to `image`."""
    folder.mkdir(parents=True, exist_ok=True)
    data = json.loads(json.dumps(DEMO))
    for group in data["configurator"]["layers"]:
        for child in group.get("children", []):
            child.pop("image", None)
    data["configurator"]["layers"][1]["children"][0]["image"] = image
    path = folder / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def refused(db: Database, path: Path, problem: str) -> None:
    before = state(db)
    with db.session() as session, pytest.raises(ExchangeError) as caught:
        import_file(session, path)
    assert str(caught.value).startswith(f"{YELLOW_IMAGE}: ")
    assert problem in str(caught.value)
    assert state(db) == before


def test_a_symlink_leading_out_of_the_folder_is_refused(db: Database, tmp_path: Path) -> None:
    secret = tmp_path / "private" / "id_rsa.png"
    secret.parent.mkdir()
    secret.write_bytes(png())  # even a real image: it is not the imported folder's
    path = exchange_file(tmp_path / "import")
    (path.parent / "images").mkdir()
    (path.parent / "images" / "grip-yellow.png").symlink_to(secret)
    refused(db, path, "leads outside the imported file's folder")


def test_a_symlinked_folder_leading_out_is_refused(db: Database, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "grip-yellow.png").write_bytes(png())
    path = exchange_file(tmp_path / "import")
    (path.parent / "images").symlink_to(elsewhere, target_is_directory=True)
    refused(db, path, "leads outside")


def test_a_link_inside_the_folder_is_followed(db: Database, tmp_path: Path) -> None:
    path = exchange_file(tmp_path / "import")
    (path.parent / "images").mkdir()
    (path.parent / "real.png").write_bytes(png())
    (path.parent / "images" / "grip-yellow.png").symlink_to(path.parent / "real.png")
    with db.session() as session:
        new_id = import_file(session, path)
        cfg = repository.load_configurator(session, new_id)
    assert resolve_image(db.path, cfg.layers[1].children[0].image) is not None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"this is text, not an image\n", "is not a PNG, JPEG or WebP image"),
        (png()[:-20], "is truncated"),
        (png(9000, 10), "is 9000×10 px; at most 8192 px a side"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "is truncated"),
        (b"RIFF\xff\xff\x00\x00WEBPVP8 " + b"\x00" * 20, "is truncated"),
        (b"", "is not a PNG, JPEG or WebP image"),
    ],
    ids=["text", "truncated png", "too wide", "truncated jpeg", "short webp", "empty"],
)
def test_only_real_images_are_imported(
    db: Database, tmp_path: Path, content: bytes, problem: str
) -> None:
    path = exchange_file(tmp_path / "import")
    (path.parent / "images").mkdir()
    (path.parent / "images" / "grip-yellow.png").write_bytes(content)
    refused(db, path, problem)


def test_a_file_over_20_mb_is_refused_by_its_size(db: Database, tmp_path: Path) -> None:
    path = exchange_file(tmp_path / "import")
    (path.parent / "images").mkdir()
    huge = path.parent / "images" / "grip-yellow.png"
    with huge.open("wb") as handle:  # sparse: its size is known without writing 200 MB
        handle.write(png()[:64])
        handle.truncate(200 * 1024 * 1024)
    refused(db, path, "is larger than 20 MB")


def test_the_demo_images_are_real_images() -> None:
    for file in (demo_path().parent / "images").glob("*.png"):
        info = check_image(file)
        assert info.kind == "png" and 0 < info.width <= 8192


def test_a_huge_image_name_is_stored_under_a_short_safe_one(db: Database, tmp_path: Path) -> None:
    long_name = "images/" + "ü-Long name, with spaces & signs " * 6 + ".png"
    assert len(long_name.encode()) <= 240
    path = exchange_file(tmp_path / "import", long_name)
    (path.parent / long_name).parent.mkdir(parents=True, exist_ok=True)
    (path.parent / long_name).write_bytes(png())
    with db.session() as session:
        cfg = repository.load_configurator(session, import_file(session, path))
    stored = cfg.layers[1].children[0].image
    assert stored.startswith("images/Long-name-with-spaces-signs") and stored.endswith(".png")
    assert len(stored) <= 80
    assert resolve_image(db.path, stored) is not None


def test_the_stored_name_takes_the_extension_of_the_content() -> None:
    assert stored_name("images/photo.jpg", ".png") == "images/photo.png"
    assert stored_name("shots/a b/ü.webp", ".webp") == "images/shots-a-b.webp"
    assert stored_name("images/€€€.png", ".png") == "images/image.png"


def test_check_image_reads_jpeg_and_webp_headers(tmp_path: Path) -> None:
    jpeg = tmp_path / "x.jpg"
    sof = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", 20, 30) + b"\x03" + b"\x00" * 9
    jpeg.write_bytes(
        b"\xff\xd8\xff\xe0\x00\x04ab" + sof + b"\xff\xda\x00\x02" + b"\x11" * 8 + b"\xff\xd9"
    )
    assert (check_image(jpeg).kind, check_image(jpeg).width, check_image(jpeg).height) == (
        "jpeg",
        30,
        20,
    )
    webp = tmp_path / "x.webp"
    body = b"WEBPVP8X" + struct.pack("<I", 10) + b"\x00" * 4 + (99).to_bytes(3, "little")
    body += (49).to_bytes(3, "little")
    webp.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    assert (check_image(webp).width, check_image(webp).height) == (100, 50)
    with pytest.raises(ImageError, match="at most 8192"):
        big = b"WEBPVP8X" + struct.pack("<I", 10) + b"\x00" * 4 + (9999).to_bytes(3, "little")
        big += (9).to_bytes(3, "little")
        webp.write_bytes(b"RIFF" + struct.pack("<I", len(big)) + big)
        check_image(webp)


def test_placing_a_file_never_leaves_a_temporary_file(tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    source.write_bytes(png())
    folder = tmp_path / "media"
    assert place_file(source, folder, "images/a.png")[0] == "images/a.png"
    assert place_file(source, folder, "images/a.png")[1] is None  # identical: reused
    other = tmp_path / "b.png"
    other.write_bytes(png(5, 5))
    assert place_file(other, folder, "images/a.png")[0] == "images/a-2.png"
    assert sorted(p.name for p in (folder / "images").iterdir()) == ["a-2.png", "a.png"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs, where the platform lets us mount one (as root on Linux)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a full-disk test needs root and mount(8) to make a small tmpfs")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_an_import_that_runs_out_of_disk_leaves_nothing(small_disk: Path, tmp_path: Path) -> None:
    database = open_database(tmp_path / "shop.db")
    try:
        path = exchange_file(tmp_path / "import")
        (path.parent / "images").mkdir()
        big = png(8000, 8000)[:-12] + os.urandom(400 * 1024) + png()[-12:]
        (path.parent / "images" / "grip-yellow.png").write_bytes(big)
        media = small_disk / "media"
        with database.session() as session, pytest.raises(ExchangeError, match="cannot copy"):
            import_file(session, path, media=media)
        assert [p for p in small_disk.rglob("*") if p.is_file()] == []
        with database.session() as session:
            assert repository.list_configurators(session) == []
    finally:
        database.close()


def test_an_export_that_runs_out_of_disk_leaves_nothing(small_disk: Path, tmp_path: Path) -> None:
    database = open_database(tmp_path / "shop.db")
    try:
        path = exchange_file(tmp_path / "import")
        (path.parent / "images").mkdir()
        (path.parent / "images" / "grip-yellow.png").write_bytes(
            png(8000, 8000)[:-12] + os.urandom(400 * 1024) + png()[-12:]
        )
        with database.session() as session:
            new_id = import_file(session, path)
            with pytest.raises(ExchangeError, match="No space left"):
                export_file(session, new_id, small_disk / "out" / "c.json")
        assert [p for p in small_disk.rglob("*") if p.is_file()] == []
    finally:
        database.close()
