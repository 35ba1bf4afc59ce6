"""Imports run one way (docs/architecture.md): ui → store → domain. Read from the source with
`ast`, so a lazy import inside a function counts as much as one at the top of a module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"


def imported_modules(source: str, package: tuple[str, ...]) -> set[str]:
    """Absolute names of every module the source imports; `package` resolves relative ones."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def offending(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    names = imported_modules(path.read_text(encoding="utf-8"), package)
    return sorted(n for n in names if any(n == f or n.startswith(f"{f}.") for f in forbidden))


def modules_under(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("path", modules_under("domain"), ids=lambda p: p.name)
def test_domain_imports_neither_qt_nor_sql_nor_outer_layers(path: Path) -> None:
    forbidden = ("PySide6", "shiboken6", "sqlmodel", "sqlalchemy", "desktop.store", "desktop.ui")
    assert offending(path, forbidden) == []


@pytest.mark.parametrize("path", modules_under("store"), ids=lambda p: p.name)
def test_store_imports_no_qt(path: Path) -> None:
    assert offending(path, ("PySide6", "shiboken6", "desktop.ui")) == []


def test_the_checker_sees_relative_and_lazy_imports() -> None:
    source = "def f():\n    from ..ui import app\n    import PySide6.QtGui\n"
    names = imported_modules(source, ("desktop", "store"))
    assert {"desktop.ui", "desktop.ui.app", "PySide6.QtGui"} <= names


@pytest.mark.parametrize("path", modules_under("."), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_package_imports_no_test_code(path: Path) -> None:
    """The installed package never reaches into the test tree (it is not installed); what the
    tests and the benchmark share lives in desktop/support/."""
    assert offending(path, ("tests",)) == []
