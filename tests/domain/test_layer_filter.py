"""Which layers the Layers panel's filter shows: one pass over the tree, held against the plain
definition (a layer shows when it, a layer above it or a layer under it matches)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.layer_filter import (
    SearchIndex,
    search_text,
    shown_around,
    shown_in_walk,
    shown_layers,
)
from desktop.domain.model import Layer, LayerType, Stock

SETTINGS = settings(max_examples=60)

# Few letters, both cases, so that texts often match in part, in another case, or not at all.
words = st.text(alphabet="abAB-", max_size=4)


def _layer(name: str, kind: LayerType, sku: str = "", *children: Layer) -> Layer:
    layer = Layer(name, kind, stock=Stock(sku=sku))
    for child in children:
        child.parent = layer
        layer.children.append(child)
    return layer


options = st.builds(lambda name, sku: _layer(name, LayerType.IMAGE, sku), words, words)
sub_groups = st.builds(
    lambda name, children: _layer(name, LayerType.SUB_GROUP, "", *children),
    words,
    st.lists(options, max_size=3),
)
groups = st.builds(
    lambda name, children: _layer(name, LayerType.GROUP, "", *children),
    words,
    st.lists(st.one_of(options, sub_groups), max_size=4),
)


def _reference(layers: list[Layer], text: str) -> set[Layer]:
    needle = text.strip().lower()

    def matches(layer: Layer) -> bool:
        return needle in layer.name.lower() or needle in layer.stock.sku.lower()

    def above(layer: Layer) -> list[Layer]:
        found = []
        while layer.parent is not None:
            layer = layer.parent
            found.append(layer)
        return found

    everything = [node for top in layers for node in top.walk()]
    return {
        layer
        for layer in everything
        if any(matches(node) for node in [*layer.walk(), *above(layer)])
    }


@SETTINGS
@given(st.lists(groups, max_size=4), words)
def test_the_shown_layers_are_the_matches_with_what_is_above_and_under_them(
    layers: list[Layer], text: str
) -> None:
    shown = shown_layers(layers, text)
    if not text.strip():
        assert shown is None
        return
    expected = _reference(layers, text)
    assert shown == expected
    # both ways of placing the matches: one by one, and in one walk over the tree
    needle = text.strip().lower()
    index = SearchIndex(layers)
    found = index.matches(needle, len(index.order))
    assert found == [layer for layer in index.order if needle in search_text(layer)]
    assert shown_around(found) == expected
    assert shown_in_walk(layers, [needle in t for t in index.texts]) == expected
    if found:
        assert index.matches(needle, len(found) - 1) is None


def test_case_blanks_and_sub_groups() -> None:
    red = _layer("Red", LayerType.IMAGE, "R-1")
    upper = _layer("Upper", LayerType.IMAGE)
    paddles = _layer("Paddles", LayerType.SUB_GROUP, "", upper)
    grip = _layer("Grip", LayerType.GROUP, "", red)
    extras = _layer("Extras", LayerType.GROUP, "", paddles)
    layers = [grip, extras]
    assert shown_layers(layers, "  r-1 ") == {grip, red}
    assert shown_layers(layers, "UPPER") == {extras, paddles, upper}
    assert shown_layers(layers, "paddles") == {extras, paddles, upper}  # its options too
    assert shown_layers(layers, "zzz") == set()
    assert shown_layers(layers, " ") is None
    # the name and the SKU are matched apart, and so are two layers: never as one run of text
    assert shown_layers(layers, "redr") == set()
    assert shown_layers(layers, "r-1\0upper") == set()
    assert shown_layers(layers, "r-1grip") == set()
    index = SearchIndex(layers)
    assert index.matches("p", 3) == [grip, paddles, upper]  # in tree order, each once
    assert index.matches("p", 2) is None  # more than asked for
    assert shown_layers(layers, "r", index) == shown_layers(layers, "r")
