"""Positions (a layer's path of rows, or None once it left the tree) against a walk of the whole
tree, whichever way a list of siblings is looked in: scanned on the first lookup, indexed on later
ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.model import Configurator, Layer
from desktop.domain.positions import Positions
from tests.builders import configurator, group, option

SETTINGS = settings(max_examples=80)


@st.composite
def trees(draw: st.DrawFn) -> Configurator:
    groups = []
    for g in range(draw(st.integers(1, 5))):
        children: list[Layer] = [option(f"O{g}-{i}") for i in range(draw(st.integers(0, 6)))]
        for s in range(draw(st.integers(0, 2))):
            sub = group(f"S{g}-{s}", *(option(f"S{g}-{s}-{i}") for i in range(3)), sub=True)
            children.insert(draw(st.integers(0, len(children))), sub)
        groups.append(group(f"G{g}", *children))
    return configurator(*groups)


def walked(cfg: Configurator) -> dict[int, tuple[int, ...]]:
    """Every layer in the tree now → its rows, by id(), from a walk of the whole tree."""
    found: dict[int, tuple[int, ...]] = {}
    pending: list[tuple[tuple[int, ...], Layer]] = [
        ((row,), layer) for row, layer in enumerate(cfg.layers)
    ]
    while pending:
        path, layer = pending.pop()
        found[id(layer)] = path
        pending += [((*path, row), child) for row, child in enumerate(layer.children)]
    return found


@SETTINGS
@given(cfg=trees(), data=st.data())
def test_positions_match_a_walk_of_the_tree(cfg: Configurator, data: st.DataObject) -> None:
    everything = list(cfg.walk())
    # Remove some layers as the editor does: out of their parent's list, parent kept.
    for layer in data.draw(st.lists(st.sampled_from(everything), max_size=4, unique=True)):
        siblings = cfg.children_of(layer.parent)
        if layer in siblings:
            siblings.remove(layer)
    asked = data.draw(st.permutations(everything))
    expected = walked(cfg)
    shared = Positions(cfg.layers)  # later lookups in a list find it indexed
    for layer in asked:
        want = expected.get(id(layer))
        assert shared.of(layer) == want
        assert Positions(cfg.layers).of(layer) == want  # a first lookup: the list scanned
