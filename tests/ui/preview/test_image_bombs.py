"""Decompression bombs within the limits (docs/files-and-images.md): PNGs of 8,192 × 8,192 px
weighing a few hundred KB, which decode to 256 MB each. The preview decodes them scaled to what
it shows, within a bound on the pixels of one stack, so its memory stays bounded."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from desktop.store.database import open_database
from desktop.store.exchange import import_file
from desktop.store.media import media_dir
from desktop.ui.preview.image_view import STACK_PIXELS, ImageCache, stack_side
from desktop.ui.widgets.image_decode import decode_side, read_image

REPO = Path(__file__).resolve().parents[3]
BOMBS = 4  # 1 GB decoded at full size; the preview took 2.5 GB for eight before decoding scaled
PEAK_BOUND_MB = 600


def bomb(side: int) -> bytes:
    """An RGB PNG of side × side black pixels: a few hundred KB, side² × 4 bytes decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    packer = zlib.compressobj(6)
    row = b"\x00" * (1 + 3 * side)
    pixels = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def big_bomb() -> bytes:
    return bomb(8192)


def bomb_configurator(folder: Path, data: bytes, count: int) -> Path:
    """An exchange file of `count` groups, each with one option chosen on load whose image
    is the bomb."""
    (folder / "images").mkdir(parents=True)
    layers = []
    for i in range(count):
        (folder / "images" / f"bomb-{i}.png").write_bytes(data)
        option = {"name": f"Bomb {i}", "type": "image", "price": "0.00",
                  "image": f"images/bomb-{i}.png", "active_on_load": True}  # fmt: skip
        layers.append({"name": f"Layer {i}", "type": "group", "children": [option]})
    cfg = {"name": "Bombs", "base_price": "1.00", "layers": layers}
    path = folder / "bombs.json"
    path.write_text(json.dumps({"format": "configurator-editor/1", "configurator": cfg}))
    return path


# Run as the only child of a fresh interpreter, so the peak it reports is the preview's alone.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=600)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, peak_kb, repr(done.stdout), repr(done.stderr), sep="\\n")
"""


def test_a_preview_of_bomb_images_stays_within_its_memory_bound(
    tmp_path: Path, big_bomb: bytes
) -> None:
    db_path = tmp_path / "bombs.db"
    database = open_database(db_path)
    with database.session() as session:
        import_file(session, bomb_configurator(tmp_path / "in", big_bomb, BOMBS))
    database.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    out = tmp_path / "bombs.png"
    command = [sys.executable, "-m", "desktop", "--db", str(db_path), "preview", "Bombs", "-o"]
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command, str(out)],
        capture_output=True, text=True, env=env, timeout=900, check=True,
    )  # fmt: skip
    status, peak_kb, stdout, stderr = measured.stdout.splitlines()
    assert status == "0", stderr
    assert stdout.startswith(repr(f"{out}\t1000x")[:-1])
    peak_mb = int(peak_kb) / 1024
    print(f"preview of {BOMBS} bombs of 8,192 px: peak {peak_mb:.0f} MB")  # shown with -s
    assert peak_mb < PEAK_BOUND_MB, f"peak {peak_mb:.0f} MB"


def test_an_image_is_decoded_no_larger_than_the_side_asked(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(bomb(4096))
    image = read_image(path, 512)
    assert image is not None and (image.width(), image.height()) == (512, 512)
    assert read_image(path, None) is not None  # at its own size when no side is given
    assert decode_side(QSize(600, 300)) == 1024 and decode_side(QSize(20000, 1)) == 8192


def test_the_more_layers_a_stack_has_the_smaller_each_is_decoded() -> None:
    assert stack_side(1) == 8192
    for layers in (2, 8, 40, 1000):
        assert layers * stack_side(layers) ** 2 <= STACK_PIXELS or stack_side(layers) == 256


def test_the_cache_holds_decoded_images_within_its_byte_bound(tmp_path: Path) -> None:
    db_path = tmp_path / "c.db"
    folder = media_dir(db_path) / "images"
    folder.mkdir(parents=True)
    for i in range(6):
        (folder / f"b{i}.png").write_bytes(bomb(1024))
    cache = ImageCache(limit=3 * 1024 * 1024 * 4)  # three 1,024 px images at 4 bytes a pixel
    cache.clear(db_path)
    for i in range(6):
        image = cache.get(f"images/b{i}.png", 1024)
        assert image is not None and image.width() == 1024
        assert cache.bytes <= cache.limit
    assert cache.get("images/b5.png", 1024) is not None  # the most recent one is kept
