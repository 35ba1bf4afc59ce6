"""What the WordPress round-trip tests share: the sample export, the command run in-process,
and PHP values flattened to paths so that two trees' difference reads as a list of edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.php_value import PhpValue
from desktop.store.wordpress.php_serialize import is_serialized, loads
from desktop.store.wordpress.wxr import WxrPost, read_wxr

SAMPLE = Path(__file__).resolve().parents[1] / "store" / "data" / "wordpress-export.xml"
DEMO_IMAGES = Path(__file__).resolve().parents[2] / "resources" / "demo" / "images"


def run(argv: list[str | Path], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def posts(path: Path) -> list[WxrPost]:
    return read_wxr(path.read_bytes()).posts


def flat(value: PhpValue, path: str = "") -> dict[str, object]:
    """Every scalar of value by its path (`[1].children[0].settings.price`), with its PHP
    type, and each array's keys in order (so a moved key is a difference too)."""
    if isinstance(value, dict):
        found: dict[str, object] = {f"{path}#keys": [(type(k).__name__, k) for k in value]}
        for key, item in value.items():
            found.update(flat(item, f"{path}[{key!r}]"))
        return found
    return {path: (type(value).__name__, value)}


def meta_values(post: WxrPost) -> dict[str, PhpValue]:
    """Each meta row's value as WordPress's importer reads it (maybe_unserialize)."""
    return {key: loads(text) if is_serialized(text) else text for key, text in post.meta}


def diff(before: PhpValue, after: PhpValue) -> dict[str, tuple[object, object]]:
    """What differs between two values: path → (before, after), None where absent."""
    old, new = flat(before), flat(after)
    return {
        path: (old.get(path), new.get(path))
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    }
