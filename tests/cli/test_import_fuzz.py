"""`configurator-editor import` on a few hundred mutated exchange files: each either imports
(exit 0, an id on stdout) or is refused with exactly one line on stderr and exit status 2,
leaving the database file byte for byte as it was and the media folder as it was. Nothing
escapes main() as an exception.

The files start from the demo and get random mutations (keys removed or repeated, values of
the wrong type, enormous numbers written as digits, lone surrogates, long strings, changed
nesting, truncated text, random and non-UTF-8 bytes, NULs). The run is seeded: set
CONFIGURATOR_EDITOR_FUZZ_SEED (and CONFIGURATOR_EDITOR_FUZZ_CASES) to replay or widen it; a
failure prints the seed and, per mutation kind, what went wrong.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from desktop.store.demo import demo_path, open_store
from desktop.store.media import media_dir
from tests.files import digest

SEED = int(os.environ.get("CONFIGURATOR_EDITOR_FUZZ_SEED", "20250611"))
CASES = int(os.environ.get("CONFIGURATOR_EDITOR_FUZZ_CASES", "300"))
PREFIX = "configurator-editor: error: "
WARNING = "configurator-editor: warning: "


# --- writing JSON text that json.dumps cannot ---------------------------------------------------
class Raw(str):
    """JSON text written as it is: digits beyond Python's int limit, NaN, bad escapes."""


@dataclass
class Pairs:
    """A JSON object that may repeat a key (a dict cannot)."""

    items: list[tuple[str, Any]]


def dump(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Pairs):
        return "{" + ", ".join(f"{json.dumps(k)}: {dump(v)}" for k, v in value.items) + "}"
    if isinstance(value, dict):
        return dump(Pairs(list(value.items())))
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    return json.dumps(value)


# --- where a mutation can act -------------------------------------------------------------------
Slot = tuple[Any, Any]  # (container, key or index): container[key] is the value


def slots(value: Any) -> list[Slot]:
    found: list[Slot] = []
    if isinstance(value, dict):
        for key, child in value.items():
            found.append((value, key))
            found.extend(slots(child))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.append((value, index))
            found.extend(slots(child))
    return found


def dicts(value: Any) -> list[dict[str, Any]]:
    found = [value] if isinstance(value, dict) else []
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    )
    for child in children:
        found.extend(dicts(child))
    return found


def layers(data: Any) -> list[dict[str, Any]]:
    return [d for d in dicts(data) if "type" in d and "name" in d and d is not data]


# --- mutations of the data (each returns the data to write) -------------------------------------
ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    "",
    " ",
    "text",
    [],
    {},
    "49.00",
    "-1.00",
    "1e3",
    "NaN",
    "12,50",
    "0.001",
    10**20,
    -(10**20),
    2**63,
    "5",
    Raw("1e400"),
    Raw("NaN"),
    Raw("-Infinity"),
    Raw("-0.0"),
    "a\nb",
    "tab\there",
    "\u0000",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\images\\x.png",
    "images/../../x.png",
    "٥",
    "group",
    "image",
    "sub_group",
]


def m_delete_key(rng: random.Random, data: Any) -> Any:
    target = rng.choice(dicts(data))
    if target:
        del target[rng.choice(list(target))]
    return data


def m_unknown_key(rng: random.Random, data: Any) -> Any:
    rng.choice(dicts(data))[rng.choice(["extra", "id", "Name", ""])] = rng.choice(ODD_VALUES)
    return data


def m_duplicate_key(rng: random.Random, data: Any) -> Any:
    container, key = rng.choice([s for s in slots(data) if isinstance(s[0], dict)])
    items = list(container.items())
    items.insert(rng.randrange(len(items) + 1), (key, rng.choice([container[key], *ODD_VALUES])))
    replacement = Pairs(items)
    return _replace(data, container, replacement)


def m_change_type(rng: random.Random, data: Any) -> Any:
    container, key = rng.choice(slots(data))
    container[key] = rng.choice(ODD_VALUES)
    return data


def m_huge_int(rng: random.Random, data: Any) -> Any:
    container, key = rng.choice(slots(data))
    digits = rng.choice([20, 400, 4301, 5001])
    container[key] = Raw(rng.choice(["", "-"]) + "1" + "0" * (digits - 1))
    return data


def m_lone_surrogate(rng: random.Random, data: Any) -> Any:
    strings = [s for s in slots(data) if isinstance(s[0][s[1]], str)]
    container, key = rng.choice(strings)
    text = json.dumps(container[key])
    escape = rng.choice(["\\ud800", "\\udfff", "\\udcff", "\\ud83d"])
    at = rng.randrange(1, len(text))
    container[key] = Raw(text[:at] + escape + text[at:])
    return data


def m_long_string(rng: random.Random, data: Any) -> Any:
    strings = [s for s in slots(data) if isinstance(s[0][s[1]], str)]
    container, key = rng.choice(strings)
    container[key] = rng.choice(["x", "é", "/", " ", "🎮"]) * rng.choice([201, 5_000, 300_000])
    return data


def m_nesting(rng: random.Random, data: Any) -> Any:
    container, key = rng.choice(slots(data))
    value = container[key]
    container[key] = rng.choice(
        [[value], {"value": value}, Raw("[" * 5000 + "]" * 5000), Raw("[" * 100 + "]" * 100)]
    )
    return data


def m_move_layer(rng: random.Random, data: Any) -> Any:
    """A layer somewhere the tree rules forbid (or allow): out of its parent, into another."""
    all_layers = layers(data)
    moving = rng.choice(all_layers)
    for parent in [data["configurator"], *all_layers]:
        siblings = parent.get("layers", parent.get("children"))
        if isinstance(siblings, list) and moving in siblings:
            siblings.remove(moving)
    inside = {id(node) for node in dicts(moving)}  # its own subtree would make a cycle
    target = rng.choice([data["configurator"], *(d for d in all_layers if id(d) not in inside)])
    target.setdefault("layers" if target is data["configurator"] else "children", []).append(moving)
    return data


def m_deep_children(rng: random.Random, data: Any) -> Any:
    """A chain of groups nested far deeper than any real tree (written as text: building it
    as data would recurse as deep in this test as it is meant to in the importer)."""
    depth = rng.choice([5, 60, 400])
    text = json.dumps({"name": "Leaf", "type": "image", "price": "1.00"})
    for level in range(depth):
        kind = rng.choice(["group", "sub_group"])
        text = f'{{"name": "G{level}", "type": "{kind}", "children": [{text}]}}'
    data["configurator"]["layers"].append(Raw(text))
    return data


def m_duplicate_value(rng: random.Random, data: Any) -> Any:
    """A name or SKU copied onto a sibling, a sale price at or above the price."""
    options = [d for d in layers(data) if d.get("type") == "image"]
    a, b = rng.choice(options), rng.choice(options)
    choice = rng.randrange(3)
    if choice == 0:
        b["name"] = a["name"]
    elif choice == 1 and isinstance(a.get("stock"), dict) and isinstance(b.get("stock"), dict):
        b["stock"]["sku"] = a["stock"]["sku"] or "SAME"
        a["stock"]["sku"] = b["stock"]["sku"]
    else:
        a["sale_price"] = rng.choice([a.get("price"), "999.00", "0.00"])
    return data


def _replace(data: Any, old: Any, new: Any) -> Any:
    if data is old:
        return new
    for container, key in slots(data):
        if container[key] is old:
            container[key] = new
            return data
    return data


DATA_MUTATIONS: dict[str, Callable[[random.Random, Any], Any]] = {
    "delete key": m_delete_key,
    "unknown key": m_unknown_key,
    "duplicate key": m_duplicate_key,
    "change type": m_change_type,
    "huge int": m_huge_int,
    "lone surrogate": m_lone_surrogate,
    "long string": m_long_string,
    "nesting": m_nesting,
    "move layer": m_move_layer,
    "deep children": m_deep_children,
    "duplicate value": m_duplicate_value,
}


# --- mutations of the bytes ---------------------------------------------------------------------
def b_truncate(rng: random.Random, raw: bytes) -> bytes:
    return raw[: rng.randrange(len(raw))]


def b_random_bytes(rng: random.Random, raw: bytes) -> bytes:
    at = rng.randrange(len(raw))
    return raw[:at] + rng.randbytes(rng.randrange(1, 64)) + raw[at + rng.randrange(64) :]


def b_non_utf8(rng: random.Random, raw: bytes) -> bytes:
    at = raw.find(b'"', rng.randrange(len(raw) // 2 + 1)) + 1  # inside a string, or at 0
    return raw[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"]) + raw[at:]


def b_nul(rng: random.Random, raw: bytes) -> bytes:
    at = rng.randrange(len(raw))
    return raw[:at] + b"\x00" * rng.randrange(1, 4) + raw[at:]


def b_other_encoding(rng: random.Random, raw: bytes) -> bytes:
    text = raw.decode("utf-8")
    return text.encode(rng.choice(["utf-16", "utf-32", "latin-1"]), "replace")


def b_whole_file(rng: random.Random, raw: bytes) -> bytes:
    return rng.choice([b"", b" ", b"null", b"[]", b"{}", b'"text"', b"0", rng.randbytes(200)])


BYTE_MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "truncate": b_truncate,
    "random bytes": b_random_bytes,
    "non-UTF-8 bytes": b_non_utf8,
    "nulls": b_nul,
    "other encoding": b_other_encoding,
    "whole file": b_whole_file,
}


def mutate(rng: random.Random, demo: dict[str, Any]) -> tuple[str, bytes]:
    """One mutated file: its mutation kinds (joined with '+') and its bytes."""
    data = copy.deepcopy(demo)
    kinds: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        kind = rng.choice(list(DATA_MUTATIONS))
        try:
            data = DATA_MUTATIONS[kind](rng, data)
        except (LookupError, TypeError, AttributeError, ValueError):
            continue  # an earlier mutation left nothing this one can act on
        kinds.append(kind)
    raw = dump(data).encode("utf-8", "surrogatepass")
    if rng.random() < 0.3:
        kind = rng.choice(list(BYTE_MUTATIONS))
        raw = BYTE_MUTATIONS[kind](rng, raw) if raw else raw
        kinds.append(kind)
    return "+".join(kinds) or "none", raw


# --- the test -----------------------------------------------------------------------------------
def media_files(db: Path) -> set[str]:
    folder = media_dir(db)
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A seeded database, and a folder holding a copy of the demo file's images."""
    db = tmp_path / "shop.db"
    open_store(db).close()
    folder = tmp_path / "files"
    shutil.copytree(demo_path().parent / "images", folder / "images")
    return db, folder


def signature(problem: str) -> str:
    """A failure without what varies between cases (positions, characters, numbers)."""
    problem = re.sub(r"'\\?\\u[0-9a-f]{4}'|'\\?\\x[0-9a-f]{2}'", "'…'", problem)
    return re.sub(r"\d+", "N", problem)[:160]


def test_any_mutated_file_imports_or_is_refused_in_one_line(
    workspace: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db, folder = workspace
    demo = json.loads(demo_path().read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    # What went wrong → the mutation kinds of the cases it happened in, and one such case.
    failures: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, int] = {}
    outcomes: Counter[int] = Counter()
    for case in range(CASES):
        kinds, raw = mutate(rng, demo)
        file = folder / f"case-{case}.json"
        file.write_bytes(raw)
        before, media_before = digest(db), media_files(db)
        problem = None
        try:
            status = main(["--db", str(db), "import", str(file)])
        except (Exception, SystemExit) as exc:  # escaped main: reported (Ctrl-C still stops)
            status, problem = -1, f"{type(exc).__name__}: {exc}"
        out, err = capsys.readouterr()
        outcomes[status] += 1
        # Exit 0: "<id>\t<name>" on stdout, and nothing but warnings (missing images) on stderr.
        warnings_only = all(line.startswith(WARNING) for line in err.splitlines())
        if status == 0 and (not out.split("\t")[0].isdigit() or not warnings_only):
            problem = f"exit 0 with out={out[:100]!r} err={err[:200]!r}"
        elif status == 2:
            if out or err.count("\n") != 1 or not err.startswith(PREFIX):
                problem = f"exit 2 with out={out[:100]!r} err={err[:200]!r}"
            elif digest(db) != before:
                problem = f"refused, but the database changed: {err.strip()}"
            elif media_files(db) != media_before:
                problem = f"refused, but the media folder changed: {err.strip()}"
        elif status not in (0, 2, -1):
            problem = f"exit {status}: {err[:200]!r}"
        if problem is not None:
            key = signature(problem)
            failures[key].update(kinds.split("+"))
            examples.setdefault(key, case)
    summary = "\n".join(
        f"  {problem}\n    in case {examples[problem]}; kinds: {dict(kinds)}"
        for problem, kinds in failures.items()
    )
    assert not failures, (
        f"seed {SEED} (CONFIGURATOR_EDITOR_FUZZ_SEED), {CASES} cases, exits {dict(outcomes)}; "
        f"failures:\n{summary}"
    )
    # The mutations must reach both outcomes, or the test checks less than it claims.
    assert outcomes[0] > 0 and outcomes[2] > 0, dict(outcomes)
