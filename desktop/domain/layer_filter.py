"""Which layers the Layers panel's filter box shows (docs/editing.md: filter by name or SKU).

A layer shows when its name or SKU contains the filter text (case-insensitively), when a layer
under it does (a match keeps its place in the tree), or when a layer above it does (a group's
name shows its options). Decided once per filter text over the whole tree, so the view asks
one set lookup per row instead of walking up and down the tree for each.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right

from .model import Layer

_APART = "\0"  # between two layers' texts in SearchIndex.text


def search_text(layer: Layer) -> str:
    """What the filter matches: the name and the SKU, case folded. The newline keeps a match
    from running across the two."""
    return f"{layer.name}\n{layer.stock.sku}".casefold()


def wanted(text: str) -> str:
    """The filter text as it is matched: blanks around it do not count."""
    return text.strip().casefold()


class SearchIndex:
    """Every layer's search text, in tree order, and all of them in one string: a filter text
    is found there by str.find at C speed (a SKU among 100,000 options in a millisecond)
    instead of being tried on each layer in turn. Built from the tree as it is; build a new
    one after the tree, a name or a SKU changes."""

    def __init__(self, layers: list[Layer]) -> None:
        self.order = [node for top in layers for node in top.walk()]
        self.texts = [search_text(layer) for layer in self.order]
        # Where each layer's text starts in self.text.
        self.starts = list(itertools.accumulate((len(t) + 1 for t in self.texts), initial=0))
        self.text = _APART.join(self.texts)

    def matches(self, needle: str, limit: int) -> list[Layer] | None:
        """The layers whose own text holds needle (already `wanted`), in tree order; None when
        there are more than limit of them."""
        if _APART in needle:  # it could run across two layers' texts: try each on its own
            found = [
                layer for layer, text in zip(self.order, self.texts, strict=True) if needle in text
            ]
            return found if len(found) <= limit else None
        found = []
        text, starts = self.text, self.starts
        at = text.find(needle)
        while at != -1:
            if len(found) == limit:
                return None
            i = bisect_right(starts, at) - 1
            found.append(self.order[i])
            at = text.find(needle, starts[i + 1])  # on from the next layer's text
        return found


def shown_layers(
    layers: list[Layer], text: str, index: SearchIndex | None = None
) -> set[Layer] | None:
    """The layers the filter text shows, or None when the text is blank (everything shows).
    index, when given, is a SearchIndex of these layers as they are now."""
    needle = wanted(text)
    if not needle:
        return None
    if index is None:
        index = SearchIndex(layers)
    # A few matches are placed one by one (a SKU: a millisecond at 100,000 options); past a
    # sixteenth of the tree one walk over it all costs less than that.
    found = index.matches(needle, len(index.order) // 16)
    if found is not None:
        return shown_around(found)
    return shown_in_walk(layers, [needle in text for text in index.texts])


def shown_around(matches: list[Layer]) -> set[Layer]:
    """The matches (in tree order), the layers above them and the layers under them."""
    shown: set[Layer] = set()
    opened: set[Layer] = set()  # matches whose whole subtree is shown
    for layer in matches:
        # Every shown layer has the layers above it shown: the climb stops at the first one.
        node = layer.parent
        while node is not None and node not in shown:
            shown.add(node)
            node = node.parent
        if not _inside(layer, opened):
            shown.update(layer.walk())
            opened.add(layer)
    return shown


def _inside(layer: Layer, opened: set[Layer]) -> bool:
    node = layer.parent
    while node is not None:
        if node in opened:
            return True
        node = node.parent
    return False


def shown_in_walk(layers: list[Layer], hits: list[bool]) -> set[Layer]:
    """The same in one walk over the tree, given whether each layer matches (in tree order)."""
    shown: set[Layer] = set()
    above: list[Layer] = []  # the groups above the layers being visited
    flags = iter(hits)

    def visit(nodes: list[Layer], inherited: bool) -> None:
        for layer in nodes:
            hit = next(flags) or inherited
            if hit:
                shown.add(layer)
                if not inherited:
                    shown.update(above)
            if layer.children:
                above.append(layer)
                visit(layer.children, hit)
                above.pop()

    visit(layers, False)
    return shown
