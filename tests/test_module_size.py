"""No module of the package passes 500 lines (docs/architecture.md): a module that grows past it
has more than one job, and is split along its seam before the next feature lands in it."""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
MAX_LINES = 500


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    "path",
    sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_module_passes_500_lines(path: Path) -> None:
    assert line_count(path) <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {line_count(path)}"


def test_the_count_is_of_lines(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("a = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    assert line_count(module) == MAX_LINES + 1
