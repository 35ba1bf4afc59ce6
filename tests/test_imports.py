"""Imports run one way (docs/architecture.md): `ui` and `cli` → `application` → `store` →
`domain`, and never round in a circle. Read from the source with `ast`, so a lazy import inside a
function, or one only for type checkers, counts as much as one at the top of a module."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "desktop"
QT = ("PySide6", "shiboken6")
SQL = ("sqlmodel", "sqlalchemy", "alembic", "psycopg")

# What each layer must not import: the layers above it, and the parts it must stay free of.
FORBIDDEN = {
    "domain": (*QT, *SQL, "desktop.store", "desktop.application", "desktop.ui", "desktop.cli"),
    "store": (*QT, "desktop.application", "desktop.ui", "desktop.cli"),
    "application": (*QT, "desktop.ui", "desktop.cli"),
    "ui": ("desktop.cli",),
    "support": (*QT, "desktop.application", "desktop.ui", "desktop.cli"),
}
# The one exception, by name: `--version --verbose` asks Qt for its version number (and builds
# nothing with it), without loading Qt for any other command.
ALLOWED = {"application/version.py": ("PySide6",)}


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


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> tuple[str, ...]:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return parts if parts[-1] == "__init__" else parts[:-1]


def offending(path: Path, forbidden: tuple[str, ...]) -> list[str]:
    names = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    return sorted(n for n in names if any(n == f or n.startswith(f"{f}.") for f in forbidden))


def modules_under(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def every_module() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize(
    ("layer", "path"),
    [(layer, path) for layer in FORBIDDEN for path in modules_under(layer)],
    ids=lambda value: value if isinstance(value, str) else str(value.relative_to(PACKAGE)),
)
def test_a_layer_imports_nothing_above_it(layer: str, path: Path) -> None:
    allowed = ALLOWED.get(path.relative_to(PACKAGE).as_posix(), ())
    found = offending(path, FORBIDDEN[layer])
    assert [n for n in found if not any(n == a or n.startswith(f"{a}.") for a in allowed)] == []


@pytest.mark.parametrize("path", every_module(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_package_imports_no_test_code(path: Path) -> None:
    """The installed package never reaches into the test tree (it is not installed); what the
    tests and the benchmark share lives in desktop/support/. Only the benchmark imports the
    benchmark."""
    outside = (
        ("tests",) if path.relative_to(PACKAGE).parts[0] == "bench" else ("tests", "desktop.bench")
    )
    assert offending(path, outside) == []


@cache
def import_graph() -> dict[str, frozenset[str]]:
    """Module → the package's modules it imports (a name imported from a package that is a
    module of its own counts as that module)."""
    paths = {module_name(p): p for p in every_module()}
    graph: dict[str, frozenset[str]] = {}
    for name, path in paths.items():
        found = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
        graph[name] = frozenset(n for n in found if n in paths and n != name)
    return graph


def circles(graph: dict[str, frozenset[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round a longer loop
    (Tarjan's strongly connected components, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_imports_round_a_circle() -> None:
    assert circles(import_graph()) == []


def test_the_circle_finder_finds_circles() -> None:
    graph = {
        "a": frozenset({"b"}),
        "b": frozenset({"c"}),
        "c": frozenset({"a"}),
        "d": frozenset({"a"}),
        "e": frozenset({"e"}) - {"e"},
    }
    assert circles(graph) == [["a", "b", "c"]]


def test_the_checker_sees_relative_lazy_and_type_checking_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .orders import Order\n"
        "def f():\n    from ..ui import app\n    import PySide6.QtGui\n"
    )
    names = imported_modules(source, ("desktop", "store"))
    assert {"desktop.ui", "desktop.ui.app", "PySide6.QtGui", "desktop.store.orders"} <= names


def test_every_package_is_installed() -> None:
    """pyproject.toml names the packages a wheel carries: a folder of the package left out
    would be missing from `pip install .` and the bundle, while the editable install and the
    tests still find it."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"]) - {"desktop.resources"}
    found = {".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in every_module()}
    assert listed == found
